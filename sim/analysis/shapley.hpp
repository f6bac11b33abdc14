// Internal: Shapley values of a cooperative game whose value is a vector
// (one number per outcome), exact or by seeded permutation sampling, and the
// seeded generator behind the sampling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sandtable::analysis {

// SplitMix64 (Steele, Lea and Flood, 2014): the same sequence on every
// platform and standard library, unlike <random>'s distributions.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform integer in [0, n), n > 0, without modulo bias.
  std::uint64_t below(std::uint64_t n);
  // Uniform double in [0, 1) with 53 random bits.
  double uniform();

 private:
  std::uint64_t state_;
};

// The value of a coalition: fills one number per outcome for the players
// marked in `members`; returns false (with a reason) if it cannot be valued.
using CoalitionValue = std::function<bool(const std::vector<bool>& members,
                                          std::vector<double>& values, std::string& error)>;

struct ShapleyOptions {
  int exact_max = 12;  // exact (2^k coalitions) up to this many players
  bool force_sampling = false;
  int permutations = 1000;  // when sampling
  std::uint64_t seed = 2015;
};

struct ShapleyResult {
  bool ok = false;
  std::string error;                     // set when a coalition could not be valued
  std::vector<std::vector<double>> phi;  // [player][outcome]
  std::vector<double> empty_value;       // v(no player)
  std::vector<double> full_value;        // v(every player)
  bool exact = true;
  std::size_t evaluations = 0;  // distinct coalitions valued
  int permutations = 0;
  std::uint64_t seed = 0;
};

// Shapley values of `players` players over `outputs` outcomes. Exact when
// players <= exact_max (and sampling is not forced): every coalition is
// valued once. Otherwise the average marginal contribution over seeded
// random permutations; each permutation's contributions add up to
// v(all) - v(none), so the averages do too.
ShapleyResult shapley(std::size_t players, std::size_t outputs, const CoalitionValue& value,
                      const ShapleyOptions& options);

}  // namespace sandtable::analysis
