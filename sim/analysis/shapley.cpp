#include "analysis/shapley.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <utility>

namespace sandtable::analysis {

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t SplitMix64::below(std::uint64_t n) {
  // Reject the low values that would make some residues more likely.
  const std::uint64_t threshold = (0 - n) % n;
  for (;;) {
    const std::uint64_t x = next();
    if (x >= threshold) return x % n;
  }
}

double SplitMix64::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

namespace {

// 1 / (k * C(k-1, s)): the weight of a coalition of size s (without the
// player) among k players.
double exact_weight(std::size_t k, std::size_t s) {
  double binom = 1.0;
  for (std::size_t j = 1; j <= s; ++j) {
    binom = binom * static_cast<double>(k - j) / static_cast<double>(j);
  }
  return 1.0 / (static_cast<double>(k) * binom);
}

ShapleyResult exact_shapley(std::size_t k, std::size_t outputs, const CoalitionValue& value) {
  ShapleyResult r;
  const std::size_t count = std::size_t{1} << k;
  std::vector<std::vector<double>> v(count);
  std::vector<bool> members(k);
  for (std::size_t mask = 0; mask < count; ++mask) {
    for (std::size_t i = 0; i < k; ++i) members[i] = ((mask >> i) & 1U) != 0;
    v[mask].assign(outputs, 0.0);
    if (!value(members, v[mask], r.error)) return r;
  }
  std::vector<double> weight(k);
  for (std::size_t s = 0; s < k; ++s) weight[s] = exact_weight(k, s);
  r.phi.assign(k, std::vector<double>(outputs, 0.0));
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t bit = std::size_t{1} << i;
    for (std::size_t mask = 0; mask < count; ++mask) {
      if ((mask & bit) != 0) continue;
      const double w = weight[static_cast<std::size_t>(std::popcount(mask))];
      for (std::size_t o = 0; o < outputs; ++o) r.phi[i][o] += w * (v[mask | bit][o] - v[mask][o]);
    }
  }
  r.empty_value = v.front();
  r.full_value = v.back();
  r.evaluations = count;
  r.ok = true;
  return r;
}

ShapleyResult sampled_shapley(std::size_t k, std::size_t outputs, const CoalitionValue& value,
                              const ShapleyOptions& options) {
  ShapleyResult r;
  r.exact = false;
  r.seed = options.seed;
  std::map<std::vector<bool>, std::vector<double>> cache;
  const auto valued = [&](const std::vector<bool>& members) -> const std::vector<double>* {
    auto it = cache.find(members);
    if (it != cache.end()) return &it->second;
    std::vector<double> values(outputs, 0.0);
    if (!value(members, values, r.error)) return nullptr;
    return &cache.emplace(members, std::move(values)).first->second;
  };
  std::vector<bool> members(k, false);
  const std::vector<double>* none = valued(members);
  if (none == nullptr) return r;
  r.empty_value = *none;
  r.phi.assign(k, std::vector<double>(outputs, 0.0));
  SplitMix64 rng(options.seed);
  std::vector<std::size_t> order(k);
  const int permutations = std::max(1, options.permutations);
  for (int p = 0; p < permutations; ++p) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i)
      std::swap(order[i - 1], order[rng.below(i)]);  // Fisher-Yates
    std::fill(members.begin(), members.end(), false);
    std::vector<double> previous = *none;
    for (const std::size_t player : order) {
      members[player] = true;
      const std::vector<double>* current = valued(members);
      if (current == nullptr) return r;
      for (std::size_t o = 0; o < outputs; ++o) r.phi[player][o] += (*current)[o] - previous[o];
      previous = *current;
    }
    if (p == 0) r.full_value = previous;
  }
  for (auto& row : r.phi) {
    for (double& x : row) x /= permutations;
  }
  r.permutations = permutations;
  r.evaluations = cache.size();
  r.ok = true;
  return r;
}

}  // namespace

ShapleyResult shapley(std::size_t players, std::size_t outputs, const CoalitionValue& value,
                      const ShapleyOptions& options) {
  const bool exact = !options.force_sampling &&
                     players <= static_cast<std::size_t>(options.exact_max) && players < 31;
  if (exact) return exact_shapley(players, outputs, value);
  return sampled_shapley(players, outputs, value, options);
}

}  // namespace sandtable::analysis
