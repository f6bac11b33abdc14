// Probability distributions of uncertain assumptions, written as in a
// scenario's `uncertainty:` block or a sweep's --vary:
//
//   uniform(lo, hi)              triangular(lo, mode, hi)     pert(lo, mode, hi)
//   normal(mean, sd)             lognormal(median, factor)    choice(a: w, b: w, ...)
//
// Arguments are written in the key's own form: numbers, whole numbers or
// dates (YYYY-MM-DD); choice() takes the key's choices (or true/false, or
// numbers) with non-negative weights. normal and lognormal are truncated to
// the key's declared range; every distribution is then sampled through its
// quantile function, so a unit point u in (0, 1) from a Latin hypercube or
// a Sobol sequence maps to one value. Whole numbers and dates round the
// continuous quantile to the nearest integer. All arithmetic goes through
// util/det_math, so a quantile is the same bits on every machine.
// docs/uncertainty.md documents the grammar and the formulas.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/parameters.hpp"

namespace sandtable::uncertainty {

enum class DistributionKind { kUniform, kTriangular, kPert, kNormal, kLognormal, kChoice };

const char* to_string(DistributionKind kind);
// Every distribution name, in enumerator order.
std::vector<std::string> distribution_names();

class Distribution {
 public:
  // Whether `text` is written as a distribution call, "name(...)" with a
  // name made of letters and underscores (so a misspelt name is parsed, and
  // refused with a suggestion, rather than read as a plain value).
  static bool looks_like(std::string_view text);

  // Parses `text` for a key described by `info`. On failure returns nothing
  // and sets `error` to what was expected and what was found: an unknown
  // name ("did you mean"), a wrong number of arguments, an argument that is
  // not of the key's kind or outside its declared range, lo >= hi, a mode
  // outside [lo, hi], sd or factor not positive (factor must be > 1), a
  // weight below 0 or all weights 0, an unknown choice.
  static std::optional<Distribution> parse(std::string_view text, const ParameterInfo& info,
                                           std::string& error);

  [[nodiscard]] DistributionKind kind() const { return kind_; }
  // The value at probability u (0 < u < 1; 0 and 1 are clamped to the
  // support), in the key's numeric form: numbers as they are, whole numbers
  // and dates (days since 1970-01-01) rounded, choices as their index,
  // booleans as 0/1. Never outside the key's declared range. Where an end
  // of the support is unbounded (normal, lognormal towards 0, untruncated),
  // u is first held within [1e-9, 1 - 1e-9] so the value stays finite.
  [[nodiscard]] double quantile(double u) const;
  // P(X <= x) of the continuous (or, for choice, discrete) distribution after truncation.
  [[nodiscard]] double cdf(double x) const;
  // Mean and variance of the continuous distribution after truncation
  // (before rounding to whole numbers); for choice, of the index.
  [[nodiscard]] double mean() const;
  [[nodiscard]] double variance() const;
  // The support after truncation.
  [[nodiscard]] double low() const { return low_; }
  [[nodiscard]] double high() const { return high_; }
  // Canonical text, arguments as the key writes them: "pert(1000, 1500, 2000)".
  [[nodiscard]] std::string text() const;

 private:
  DistributionKind kind_ = DistributionKind::kUniform;
  ParameterKind value_kind_ = ParameterKind::kNumber;
  std::vector<double> args_;               // as parsed, numeric form
  std::vector<double> weights_;            // choice: normalised weights per choice index
  std::vector<std::string> names_;         // choice: the key's choices (text of each index)
  double low_ = 0.0, high_ = 0.0;          // support after truncation
  double cdf_low_ = 0.0, cdf_high_ = 1.0;  // untruncated CDF at the truncation bounds
  double alpha_ = 0.0, beta_ = 0.0;        // pert: Beta shape parameters
  // normal: mean and sd; lognormal: ln median and ln factor (of log X).
  double center_ = 0.0, scale_ = 1.0;
  // normal, lognormal: the truncation bounds as standard normal z (infinite
  // where the end is open) and the probability between them.
  double z_low_ = 0.0, z_high_ = 0.0, mass_ = 1.0;
  // Whole numbers and dates: the rounded value is held inside these.
  double round_low_ = 0.0, round_high_ = 0.0;
  std::vector<double> raw_weights_;    // choice: the weights as written, per argument
  std::vector<double> points_;         // choice: values of positive weight, increasing
  std::vector<double> probabilities_;  // choice: the probability of each point
  std::vector<double> cumulative_;     // choice: P(X <= point), the last exactly 1
  friend class DistributionAccess;

  bool read_continuous(const std::vector<std::string_view>& args, const ParameterInfo& info,
                       std::string& error);
  bool read_choice(const std::vector<std::string_view>& args, const ParameterInfo& info,
                   std::string& error);
  bool set_support(const ParameterInfo& info);
  [[nodiscard]] double continuous_quantile(double u) const;
};

// Iman-Conover (1982): reorders the values within each column of the n x k
// row-major matrix `values` (each column a sample of one assumption, e.g.
// Latin hypercube unit points) so that the Spearman rank correlation of the
// columns approaches `target` (k x k, row-major, symmetric, unit diagonal,
// entries in [-1, 1]). The marginal of every column is unchanged (only the
// pairing of rows moves). Deterministic: van der Waerden scores, Cholesky
// factors by Eigen, ties broken by row index. Returns false and sets
// `error` when `target` is not positive definite or n < k + 2.
bool iman_conover(std::vector<double>& values, std::size_t n, std::size_t k,
                  const std::vector<double>& target, std::string& error);

// Spearman rank correlation of two equal-length samples (average ranks for ties).
double spearman(const std::vector<double>& x, const std::vector<double>& y);

// Standard normal CDF and its inverse, deterministic (det_math only).
double normal_cdf(double z);
double normal_quantile(double p);

}  // namespace sandtable::uncertainty
