// Internal: streaming summary statistics of one outcome - count, mean,
// standard deviation, extremes and quantiles - in bounded memory. Values are
// kept exactly up to kExactValues; beyond, quantiles come from a histogram
// on the leading 10 bits of the mantissa (relative error below 2^-10). The
// result depends only on the sequence of values added, never on timing.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "sandtable/study_analysis.hpp"

namespace sandtable::study {

class SummaryAccumulator {
 public:
  static constexpr std::size_t kExactValues = 65536;

  void add(double value);
  [[nodiscard]] OutcomeSummary finish() const;

 private:
  static constexpr int kMantissaBits = 10;
  static constexpr int kPageBits = 10;
  using Page = std::array<std::uint64_t, std::size_t{1} << kPageBits>;

  void spill_to_histogram();
  void add_to_histogram(double value, std::uint64_t times);
  [[nodiscard]] double histogram_quantile(double rank) const;

  std::uint64_t count_ = 0;
  double first_ = 0.0;  // the first value (the shift)
  double sum_ = 0.0;    // sum of (value - first)
  double sum2_ = 0.0;   // sum of (value - first)^2
  double min_ = 0.0;
  double max_ = 0.0;
  bool constant_ = true;  // every value so far equals the first one
  std::vector<double> exact_;
  bool histogram_ = false;
  std::vector<std::unique_ptr<Page>> pages_;
};

}  // namespace sandtable::study
