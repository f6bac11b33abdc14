// The estimators against functions whose answers are known: Sobol indices
// of the Ishigami function and of Sobol's G function, Morris mu* of a
// function with a known ranking, a tornado of a linear function, summary
// statistics and quantiles.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "study/analyzer.hpp"
#include "study/design.hpp"
#include "util/text.hpp"

namespace sandtable::study {
namespace {

using Function = std::function<double(const std::vector<double>&)>;

Levels interval(double lo, double hi) {
  ParameterInfo info;
  std::string error;
  return *Levels::parse(
      "interval(" + util::format_double(lo) + ", " + util::format_double(hi) + ")", info, error);
}

// Runs `f` over the design and analyses its one outcome.
OutcomeAnalysis analyse(const Design& d, const Function& f, int bootstrap = 100) {
  std::vector<std::string> names;
  for (int i = 0; i < d.parameters(); ++i) names.push_back("x" + std::to_string(i + 1));
  Analyzer a({d.method(), &d, d.size(), names, {"y"}, d.spec().seed, bootstrap, 0.95});
  std::vector<double> x(static_cast<std::size_t>(d.parameters()));
  const unsigned char ok = 1;
  for (std::uint64_t i = 0; i < d.size(); ++i) {
    d.point(i, x.data());
    const double y = f(x);
    a.add_range(i, 1, &y, &ok);
  }
  return a.finish().outcomes[0];
}

Design saltelli(std::vector<Levels> domains, std::uint64_t n, std::uint64_t seed = 11) {
  std::string error;
  auto d = Design::make({DesignMethod::kSaltelli, seed, n, 4, std::move(domains), {}, {}}, error);
  EXPECT_TRUE(d) << error;
  return *d;
}

TEST(SobolIndicesTest, IshigamiWithinOneHundredthOfTheAnalyticIndices) {
  // Ishigami and Homma (1990), a = 7, b = 0.1: analytic indices from
  // V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = b^2 pi^8 (1/18 - 1/50).
  constexpr double a = 7.0;
  constexpr double b = 0.1;
  constexpr double pi = std::numbers::pi;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2);
  const double v2 = a * a / 8;
  const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const double first[] = {v1 / v, v2 / v, 0.0};
  const double total[] = {(v1 + v13) / v, v2 / v, v13 / v};
  const Design d = saltelli({interval(-pi, pi), interval(-pi, pi), interval(-pi, pi)}, 8192);
  const OutcomeAnalysis o = analyse(d, [&](const std::vector<double>& x) {
    return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) +
           b * std::pow(x[2], 4) * std::sin(x[0]);
  });
  ASSERT_EQ(o.sobol.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    const SobolIndex& s = o.sobol[i];
    EXPECT_NEAR(s.first, first[i], 0.01) << "S" << i + 1;
    EXPECT_NEAR(s.total, total[i], 0.01) << "ST" << i + 1;
    // The 95% bootstrap intervals hold the analytic values.
    EXPECT_LE(s.first_low, first[i]) << "S" << i + 1;
    EXPECT_GE(s.first_high, first[i]) << "S" << i + 1;
    EXPECT_LE(s.total_low, total[i]) << "ST" << i + 1;
    EXPECT_GE(s.total_high, total[i]) << "ST" << i + 1;
  }
}

TEST(SobolIndicesTest, GFunctionWithinFiveThousandthsOfTheAnalyticIndices) {
  // Sobol's G function, a = (0, 1, 4.5, 9, 99, 99): V_i = 1 / (3 (1 + a_i)^2).
  const std::vector<double> coef = {0, 1, 4.5, 9, 99, 99};
  std::vector<double> vi;
  double prod = 1.0;
  for (double c : coef) {
    vi.push_back(1.0 / (3.0 * (1 + c) * (1 + c)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1.0;
  const Design d = saltelli(std::vector<Levels>(coef.size(), interval(0, 1)), 8192);
  const OutcomeAnalysis o = analyse(d, [&](const std::vector<double>& x) {
    double y = 1.0;
    for (std::size_t i = 0; i < coef.size(); ++i)
      y *= (std::fabs(4 * x[i] - 2) + coef[i]) / (1 + coef[i]);
    return y;
  });
  for (std::size_t i = 0; i < coef.size(); ++i) {
    EXPECT_NEAR(o.sobol[i].first, vi[i] / v, 0.005) << "S" << i + 1;
    EXPECT_NEAR(o.sobol[i].total, vi[i] * prod / (1 + vi[i]) / v, 0.005) << "ST" << i + 1;
  }
}

TEST(SobolIndicesTest, TheBootstrapIsReproducibleFromTheSeed) {
  const Function f = [](const std::vector<double>& x) { return x[0] + 2 * x[1] * x[1]; };
  const Design d = saltelli({interval(0, 1), interval(0, 1)}, 256, 5);
  const OutcomeAnalysis a = analyse(d, f, 50);
  const OutcomeAnalysis b = analyse(d, f, 50);
  EXPECT_EQ(a.sobol[1].first_low, b.sobol[1].first_low);
  EXPECT_EQ(a.sobol[1].total_high, b.sobol[1].total_high);
}

TEST(MorrisTest, RanksParametersByTheirEffect) {
  std::string error;
  const auto d = Design::make({DesignMethod::kMorris,
                               3,
                               40,
                               4,
                               {interval(0, 1), interval(0, 1), interval(0, 1), interval(0, 1)},
                               {},
                               {}},
                              error);
  ASSERT_TRUE(d) << error;
  const OutcomeAnalysis o = analyse(*d, [](const std::vector<double>& x) {
    return 10 * x[0] + 5 * x[1] * x[1] + x[2];  // x4 has no effect
  });
  ASSERT_EQ(o.morris.size(), 4U);
  EXPECT_EQ(o.morris[0].parameter, "x1");
  EXPECT_EQ(o.morris[1].parameter, "x2");
  EXPECT_EQ(o.morris[2].parameter, "x3");
  EXPECT_EQ(o.morris[3].parameter, "x4");
  EXPECT_NEAR(o.morris[0].mu_star, 10.0, 1e-9);  // linear: every effect is the slope
  EXPECT_NEAR(o.morris[0].sigma, 0.0, 1e-9);
  EXPECT_NEAR(o.morris[2].mu_star, 1.0, 1e-9);
  EXPECT_EQ(o.morris[3].mu_star, 0.0);
  EXPECT_GT(o.morris[1].sigma, 0.5);  // the quadratic term's effect depends on where it starts
  EXPECT_EQ(o.morris[0].trajectories, 40U);
}

TEST(TornadoTest, SwingsOfALinearFunctionAreItsSlopesTimesTheRanges) {
  ParameterInfo info;
  std::string error;
  const auto d = Design::make({DesignMethod::kOneAtATime,
                               1,
                               0,
                               4,
                               {Levels::list({0, 1, 2}, info), *Levels::parse("0..10", info, error),
                                Levels::list({1, 2, 3, 4}, info)},
                               {1, 5, 2},
                               {}},
                              error);
  ASSERT_TRUE(d) << error;
  const OutcomeAnalysis o =
      analyse(*d, [](const std::vector<double>& x) { return 3 * x[0] - 2 * x[1] + 0.5 * x[2]; });
  EXPECT_EQ(o.base, 3 * 1 - 2 * 5 + 0.5 * 2);
  ASSERT_EQ(o.tornado.size(), 3U);
  EXPECT_EQ(o.tornado[0].parameter, "x2");
  EXPECT_EQ(o.tornado[0].swing, 20.0);
  EXPECT_EQ(o.tornado[0].low, 3 * 1 - 2 * 0 + 0.5 * 2);
  EXPECT_EQ(o.tornado[0].high, 3 * 1 - 2 * 10 + 0.5 * 2);
  EXPECT_EQ(o.tornado[0].low_value, "0");
  EXPECT_EQ(o.tornado[0].high_value, "10");
  EXPECT_EQ(o.tornado[1].parameter, "x1");
  EXPECT_EQ(o.tornado[1].swing, 6.0);
  EXPECT_EQ(o.tornado[2].parameter, "x3");
  EXPECT_EQ(o.tornado[2].swing, 1.5);
}

TEST(SummaryTest, GivesExactStatisticsAndNumPysQuantilesForSmallSamples) {
  SummaryAccumulator s;
  for (double v : {4.0, 1.0, 3.0, 2.0, 10.0}) s.add(v);
  const OutcomeSummary r = s.finish();
  EXPECT_EQ(r.count, 5U);
  EXPECT_DOUBLE_EQ(r.mean, 4.0);
  EXPECT_DOUBLE_EQ(r.sd, std::sqrt(12.5));
  EXPECT_EQ(r.min, 1.0);
  EXPECT_EQ(r.max, 10.0);
  EXPECT_TRUE(r.exact_quantiles);
  // numpy.quantile([1, 2, 3, 4, 10], [.05, .25, .5, .75, .95])
  EXPECT_DOUBLE_EQ(r.quantiles[0].value, 1.2);
  EXPECT_DOUBLE_EQ(r.quantiles[1].value, 2.0);
  EXPECT_DOUBLE_EQ(r.quantiles[2].value, 3.0);
  EXPECT_DOUBLE_EQ(r.quantiles[3].value, 4.0);
  EXPECT_DOUBLE_EQ(r.quantiles[4].value, 8.8);
}

TEST(SummaryTest, LargeSamplesGiveQuantilesWithinATenthOfAPercent) {
  SummaryAccumulator s;
  const int n = 200000;
  for (int i = 0; i < n; ++i) s.add(1.0 + (i * 7919 % n));  // a permutation of 1..n
  const OutcomeSummary r = s.finish();
  EXPECT_FALSE(r.exact_quantiles);
  EXPECT_NEAR(r.mean, (n + 1) / 2.0, 1e-9);
  for (const QuantileValue& q : r.quantiles) {
    const double exact = 1.0 + q.probability * (n - 1);
    EXPECT_NEAR(q.value, exact, 1e-3 * exact + 1.0) << q.probability;
  }
}

TEST(SummaryTest, ConstantOutcomesCostNothingAndStayExact) {
  SummaryAccumulator s;
  for (int i = 0; i < 100000; ++i) s.add(36.0);
  const OutcomeSummary r = s.finish();
  EXPECT_TRUE(r.exact_quantiles);
  EXPECT_EQ(r.sd, 0.0);
  EXPECT_EQ(r.quantiles[2].value, 36.0);
}

}  // namespace
}  // namespace sandtable::study
