// Shapley values: exact values of games whose answer is known, efficiency
// (the values add up to v(all) - v(none)) exactly and sampled, and the
// seeded sampling's reproducibility.
#include "analysis/shapley.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace sandtable::analysis {
namespace {

// v(S) = sum of weights in S, plus `pair` if players 0 and 1 are both in S.
CoalitionValue additive_game(std::vector<double> weights, double pair, int* calls = nullptr) {
  return [weights, pair, calls](const std::vector<bool>& m, std::vector<double>& v, std::string&) {
    if (calls != nullptr) ++*calls;
    v.assign(2, 0.0);
    for (std::size_t i = 0; i < m.size(); ++i) v[0] += m[i] ? weights[i] : 0.0;
    if (m[0] && m[1]) v[0] += pair;
    v[1] = m[0] ? 1.0 : 0.0;  // only player 0 matters
    return true;
  };
}

double sum_of(const ShapleyResult& r, std::size_t o) {
  double s = 0.0;
  for (const auto& row : r.phi) s += row[o];
  return s;
}

TEST(ShapleyTest, ExactValuesOfAnAdditiveGameWithOneInteraction) {
  const ShapleyResult r = shapley(4, 2, additive_game({1.0, 2.0, 3.0, -4.0}, 10.0), {});
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.exact);
  EXPECT_EQ(r.evaluations, 16U);
  EXPECT_DOUBLE_EQ(r.phi[0][0], 1.0 + 5.0);  // the interaction is split evenly
  EXPECT_DOUBLE_EQ(r.phi[1][0], 2.0 + 5.0);
  EXPECT_DOUBLE_EQ(r.phi[2][0], 3.0);
  EXPECT_DOUBLE_EQ(r.phi[3][0], -4.0);
  EXPECT_DOUBLE_EQ(r.phi[0][1], 1.0);  // a null player gets nothing
  EXPECT_DOUBLE_EQ(r.phi[2][1], 0.0);
}

TEST(ShapleyTest, ExactValuesAddUpToTheTotal) {
  // A non-additive game: v(S) = (sum of weights)^2.
  const CoalitionValue square = [](const std::vector<bool>& m, std::vector<double>& v,
                                   std::string&) {
    double s = 0.0;
    for (std::size_t i = 0; i < m.size(); ++i) s += m[i] ? 0.1 * static_cast<double>(i + 1) : 0.0;
    v.assign(1, s * s);
    return true;
  };
  const ShapleyResult r = shapley(10, 1, square, {});
  ASSERT_TRUE(r.ok);
  EXPECT_NEAR(sum_of(r, 0), r.full_value[0] - r.empty_value[0], 1e-12);
}

TEST(ShapleyTest, SampledValuesAddUpToTheTotalAndNameTheirMethod) {
  ShapleyOptions o;
  o.force_sampling = true;
  o.permutations = 200;
  o.seed = 7;
  const ShapleyResult r = shapley(4, 2, additive_game({1.0, 2.0, 3.0, -4.0}, 10.0), o);
  ASSERT_TRUE(r.ok);
  EXPECT_FALSE(r.exact);
  EXPECT_EQ(r.permutations, 200);
  EXPECT_EQ(r.seed, 7U);
  EXPECT_NEAR(sum_of(r, 0), 12.0, 1e-12);
  // Players without interactions get their exact value in every permutation.
  EXPECT_NEAR(r.phi[2][0], 3.0, 1e-12);
  EXPECT_NEAR(r.phi[3][0], -4.0, 1e-12);
  EXPECT_NEAR(r.phi[0][0] + r.phi[1][0], 13.0, 1e-12);
}

TEST(ShapleyTest, SamplingIsReproducibleForASeedAndCachesCoalitions) {
  ShapleyOptions o;
  o.force_sampling = true;
  o.permutations = 50;
  int calls = 0;
  const ShapleyResult a = shapley(6, 2, additive_game({1, 2, 3, 4, 5, 6}, 3.0, &calls), o);
  const ShapleyResult b = shapley(6, 2, additive_game({1, 2, 3, 4, 5, 6}, 3.0), o);
  ASSERT_TRUE(a.ok && b.ok);
  EXPECT_EQ(a.phi, b.phi);
  EXPECT_EQ(static_cast<std::size_t>(calls), a.evaluations);
  EXPECT_LE(a.evaluations, 64U);
  o.seed = 99;
  const ShapleyResult c = shapley(6, 2, additive_game({1, 2, 3, 4, 5, 6}, 3.0), o);
  EXPECT_NE(a.phi, c.phi);
}

TEST(ShapleyTest, MoreThanTheExactLimitIsSampled) {
  ShapleyOptions o;
  o.exact_max = 3;
  o.permutations = 10;
  const ShapleyResult r = shapley(4, 2, additive_game({1.0, 2.0, 3.0, -4.0}, 0.0), o);
  ASSERT_TRUE(r.ok);
  EXPECT_FALSE(r.exact);
}

TEST(ShapleyTest, ACoalitionThatCannotBeValuedFailsWithItsReason) {
  const CoalitionValue fails = [](const std::vector<bool>& m, std::vector<double>& v,
                                  std::string& error) {
    v.assign(1, 0.0);
    if (m[0] && m[1]) {
      error = "invalid mix";
      return false;
    }
    return true;
  };
  const ShapleyResult r = shapley(3, 1, fails, {});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "invalid mix");
}

TEST(ShapleyTest, NoPlayersGiveNoValues) {
  const CoalitionValue constant = [](const std::vector<bool>&, std::vector<double>& v,
                                     std::string&) {
    v.assign(1, 5.0);
    return true;
  };
  const ShapleyResult z = shapley(0, 1, constant, {});
  ASSERT_TRUE(z.ok);
  EXPECT_TRUE(z.phi.empty());
  EXPECT_EQ(z.empty_value, z.full_value);
}

TEST(SplitMix64Test, BelowStaysInRangeAndCoversIt) {
  SplitMix64 rng(1);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    const auto x = rng.below(7);
    ASSERT_LT(x, 7U);
    ++seen[x];
  }
  for (const int n : seen) EXPECT_GT(n, 800);
  for (int i = 0; i < 1000; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

}  // namespace
}  // namespace sandtable::analysis
