// Internal: the values one varied parameter takes, parsed from the --vary
// grammar (docs/sweeps.md) against the parameter's kind. Values are held in
// numeric form (numbers, whole numbers, booleans as 0/1, dates as days since
// 1970-01-01, choices as their index) and computed on demand, so a range of
// ten million values costs no memory.
//
//   a,b,c                    the listed values (also choice(a, b, c))
//   from:to[:step]           from, from+step, ... up to `to` inclusive (dates: 7d, 2w)
//   range(start, stop[, step])  Python/Hydra range: `stop` excluded
//   linspace(lo, hi, n)      n evenly spaced values, both ends included (as NumPy)
//   interval(lo, hi), lo..hi a continuous range, for sampled designs
//   reverse(spec)            the values of a discrete spec in reverse order
//   pert(lo, mode, hi), normal(mean, sd), ...  a distribution (uncertainty/
//                            distribution.hpp), for sampled designs: a unit
//                            point u maps to its quantile
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/parameters.hpp"
#include "uncertainty/distribution.hpp"

namespace sandtable::study {

class Levels {
 public:
  enum class Shape { kList, kArithmetic, kLinspace, kInterval, kDistribution };

  // Parses `text` for a parameter described by `info`. On failure returns
  // nothing and sets `error` (what was expected and what was found).
  static std::optional<Levels> parse(std::string_view text, const ParameterInfo& info,
                                     std::string& error);
  // One value, as written in a scenario file, checked against the range.
  static std::optional<double> parse_value(std::string_view text, const ParameterInfo& info,
                                           std::string& error);
  // Discrete levels given directly (a CSV column, tests).
  static Levels list(std::vector<double> values, const ParameterInfo& info);

  [[nodiscard]] Shape shape() const { return shape_; }
  [[nodiscard]] bool discrete() const {
    return shape_ != Shape::kInterval && shape_ != Shape::kDistribution;
  }
  // The distribution of a kDistribution shape, else null.
  [[nodiscard]] const uncertainty::Distribution* distribution() const {
    return distribution_ ? &*distribution_ : nullptr;
  }
  [[nodiscard]] ParameterKind kind() const { return kind_; }
  // Number of discrete values (intervals: 0).
  [[nodiscard]] std::uint64_t size() const { return count_; }
  // Discrete value i, 0 <= i < size().
  [[nodiscard]] double at(std::uint64_t i) const;
  // Smallest and largest value (intervals: the bounds; distributions: the
  // support after truncation, which may be infinite).
  [[nodiscard]] double low() const { return low_; }
  [[nodiscard]] double high() const { return high_; }
  // The value at fraction u in [0, 1] of the range: a continuous interval
  // maps linearly (whole numbers and dates on equal-width cells); discrete
  // levels by index, floor(u * size), clamped; a distribution by its
  // quantile at u.
  [[nodiscard]] double from_unit(double u) const;
  // The two ends a one-at-a-time design takes for a continuous range: an
  // interval's bounds; a distribution's 5 % and 95 % quantiles.
  [[nodiscard]] double oat_low() const;
  [[nodiscard]] double oat_high() const;
  // How the values are described to people: "pert(1000, 1500, 2000)",
  // "interval 0.5 to 2", "11 values, 0 to 1".
  [[nodiscard]] std::string describe() const;
  // The value as a scenario file would write it ("2015-02-01", "square", "0.5").
  [[nodiscard]] std::string value_text(double value) const;

 private:
  Shape shape_ = Shape::kList;
  ParameterKind kind_ = ParameterKind::kNumber;
  std::vector<std::string> choices_;
  std::vector<double> values_;  // kList
  double start_ = 0.0;          // kArithmetic: start + i * step; kLinspace: i * step + start
  double step_ = 0.0;
  double end_ = 0.0;  // kLinspace: the last value, exactly
  std::uint64_t count_ = 0;
  bool reversed_ = false;
  double low_ = 0.0;
  double high_ = 0.0;
  std::optional<uncertainty::Distribution> distribution_;  // kDistribution

  void finish_bounds();
  static std::optional<Levels> read_distribution(std::string_view text, const ParameterInfo& info,
                                                 std::string& error);
  bool read_interval(const std::vector<std::string_view>& args, const ParameterInfo& info,
                     std::string& error);
  bool read_linspace(const std::vector<std::string_view>& args, const ParameterInfo& info,
                     std::string& error);
  bool read_range(const std::vector<std::string_view>& args, bool python, std::string_view text,
                  const ParameterInfo& info, std::string& error);
};

}  // namespace sandtable::study
