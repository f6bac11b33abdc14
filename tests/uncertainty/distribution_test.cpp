// Distributions of uncertain assumptions: quantiles and moments against
// closed forms, truncation to the key's range, rounding, every refusal, the
// normal CDF and its inverse, and Iman-Conover rank correlation.
#include "uncertainty/distribution.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "sandtable/date.hpp"
#include "study/rng.hpp"

namespace sandtable::uncertainty {
namespace {

ParameterInfo number_info(std::optional<double> min = {}, std::optional<double> max = {},
                          bool min_exclusive = false) {
  ParameterInfo i;
  i.path = "x";
  i.kind = ParameterKind::kNumber;
  i.min = min;
  i.max = max;
  i.min_exclusive = min_exclusive;
  return i;
}

ParameterInfo kind_info(ParameterKind k, std::optional<double> min = {},
                        std::optional<double> max = {}) {
  ParameterInfo i = number_info(min, max);
  i.kind = k;
  return i;
}

ParameterInfo choice_info() {
  ParameterInfo i = kind_info(ParameterKind::kChoice);
  i.choices = {"linear", "square", "cubic"};
  return i;
}

Distribution parse(const std::string& text, const ParameterInfo& info) {
  std::string error;
  auto d = Distribution::parse(text, info, error);
  EXPECT_TRUE(d.has_value()) << text << ": " << error;
  if (d) return *d;
  return *Distribution::parse("uniform(0, 1)", number_info(), error);
}

std::string parse_error(const std::string& text, const ParameterInfo& info) {
  std::string error;
  EXPECT_FALSE(Distribution::parse(text, info, error).has_value()) << text;
  EXPECT_FALSE(error.empty()) << text;
  return error;
}

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

// Mean and variance of the quantile at n stratified points (i + 0.5) / n.
Moments stratified(const Distribution& d, int n = 200000) {
  std::vector<double> v(static_cast<std::size_t>(n));
  double sum = 0.0;
  for (int i = 0; i < n; ++i) {
    v[static_cast<std::size_t>(i)] = d.quantile((i + 0.5) / n);
    sum += v[static_cast<std::size_t>(i)];
  }
  Moments m;
  m.mean = sum / n;
  for (double x : v) m.variance += (x - m.mean) * (x - m.mean);
  m.variance /= n;
  return m;
}

void expect_moments(const Distribution& d, double mean, double variance, double tolerance) {
  const Moments m = stratified(d);
  const double sd = std::sqrt(variance);
  EXPECT_NEAR(m.mean, mean, tolerance * sd) << d.text();
  EXPECT_NEAR(m.variance, variance, tolerance * variance) << d.text();
  EXPECT_NEAR(d.mean(), mean, 1e-12 * (std::fabs(mean) + sd)) << d.text();
  EXPECT_NEAR(d.variance(), variance, 1e-10 * variance) << d.text();
}

void expect_monotone(const Distribution& d) {
  double last = d.quantile(0.0);
  for (int i = 1; i <= 20000; ++i) {
    const double q = d.quantile(i / 20000.0);
    ASSERT_GE(q, last) << d.text() << " at u = " << i / 20000.0;
    last = q;
  }
}

double phi(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

constexpr double kProbabilities[] = {0.05, 0.25, 0.5, 0.75, 0.95};
constexpr double kZ[] = {-1.6448536269514722, -0.6744897501960817, 0.0, 0.6744897501960817,
                         1.6448536269514722};

TEST(NormalFunctionsTest, CdfMatchesKnownValues) {
  const std::pair<double, double> known[] = {
      {-10.0, 7.6198530241605260e-24}, {-5.0, 2.866515718791939e-07},
      {-3.0, 0.0013498980316300946},   {-1.5, 0.0668072012688581},
      {-1.0, 0.15865525393145705},     {-0.5, 0.3085375387259869},
      {-0.1, 0.460172162722971},       {0.0, 0.5},
      {0.3, 0.6179114221889526},       {1.0, 0.8413447460685429},
      {1.96, 0.9750021048517795},      {2.5, 0.9937903346742238},
      {4.0, 0.9999683287581669}};
  for (const auto& [z, p] : known) EXPECT_NEAR(normal_cdf(z), p, 1e-14 * p) << z;
  EXPECT_EQ(normal_cdf(-40.0), 0.0);
  EXPECT_EQ(normal_cdf(40.0), 1.0);
}

TEST(NormalFunctionsTest, QuantileMatchesKnownValuesAndRoundTrips) {
  const std::pair<double, double> known[] = {{1e-10, -6.3613409024040557},
                                             {0.001, -3.090232306167813},
                                             {0.05, -1.6448536269514722},
                                             {0.25, -0.6744897501960817},
                                             {0.5, 0.0},
                                             {0.75, 0.6744897501960817},
                                             {0.95, 1.6448536269514722},
                                             {0.975, 1.959963984540054},
                                             {0.999, 3.090232306167813}};
  for (const auto& [p, z] : known) EXPECT_NEAR(normal_quantile(p), z, 1e-14 * std::fabs(z)) << p;
  // Far in the tail one step of z moves P(Z <= z) by |z| ulps: the round
  // trip in p is as good as z can be, hence the |z| in the tolerance.
  for (int e = 1; e <= 300; e += 7) {
    const double p = std::pow(10.0, -e);
    const double z = normal_quantile(p);
    EXPECT_NEAR(normal_cdf(z), p, 1e-14 * std::max(1.0, std::fabs(z)) * p) << p;
  }
  for (double z = -37.0; z <= 0.0; z += 0.25)
    EXPECT_NEAR(normal_quantile(normal_cdf(z)), z, 1e-14 * std::max(1.0, std::fabs(z))) << z;
  for (int i = 1; i < 1000; ++i) {
    const double p = i / 1000.0;
    EXPECT_NEAR(normal_cdf(normal_quantile(p)), p, 1e-14 * std::min(p, 1 - p)) << p;
    if (1.0 - (1.0 - p) == p) {
      EXPECT_EQ(normal_quantile(1.0 - p), -normal_quantile(p)) << p;
    }
  }
  EXPECT_EQ(normal_quantile(0.0), -INFINITY);
  EXPECT_EQ(normal_quantile(1.0), INFINITY);
}

TEST(DistributionTest, UniformHasExactQuantilesAndClosedFormMoments) {
  const Distribution d = parse("uniform(2, 6)", number_info());
  EXPECT_EQ(d.kind(), DistributionKind::kUniform);
  for (double p : kProbabilities) EXPECT_EQ(d.quantile(p), 2 + 4 * p);
  EXPECT_EQ(d.quantile(0.0), 2.0);
  EXPECT_EQ(d.quantile(1.0), 6.0);
  EXPECT_DOUBLE_EQ(d.cdf(3.0), 0.25);
  expect_moments(d, 4.0, 16.0 / 12.0, 1e-4);
  expect_monotone(d);
}

TEST(DistributionTest, TriangularHasExactQuantilesAndClosedFormMoments) {
  const Distribution d = parse("triangular(0, 2, 10)", number_info());
  for (double p : kProbabilities) {
    const double q = p < 0.2 ? std::sqrt(p * 10 * 2) : 10 - std::sqrt((1 - p) * 10 * 8);
    EXPECT_NEAR(d.quantile(p), q, 1e-13) << p;
    EXPECT_NEAR(d.cdf(d.quantile(p)), p, 1e-14) << p;
  }
  expect_moments(d, 4.0, (0 + 4 + 100 - 0 - 0 - 20) / 18.0, 1e-4);
  expect_monotone(d);
  // The mode may sit at an end.
  EXPECT_EQ(parse("triangular(0, 0, 1)", number_info()).quantile(1.0), 1.0);
}

TEST(DistributionTest, SymmetricPertHasItsModeAsMedianAndBetaMoments) {
  const Distribution d = parse("pert(1000, 1500, 2000)", number_info());
  EXPECT_EQ(d.text(), "pert(1000, 1500, 2000)");
  EXPECT_NEAR(d.quantile(0.5), 1500.0, 1e-9);
  // Beta(3, 3): I_x = 10 x^3 - 15 x^4 + 6 x^5.
  for (double p : kProbabilities) {
    const double x = (d.quantile(p) - 1000) / 1000;
    EXPECT_NEAR(10 * std::pow(x, 3) - 15 * std::pow(x, 4) + 6 * std::pow(x, 5), p, 1e-12) << p;
  }
  expect_moments(d, 1500.0, 1000.0 * 1000.0 * 9 / (36 * 7), 1e-4);
  expect_monotone(d);
  EXPECT_EQ(d.quantile(0.0), 1000.0);
  EXPECT_EQ(d.quantile(1.0), 2000.0);
}

TEST(DistributionTest, SkewedPertMatchesANumericallyIntegratedBeta) {
  // alpha = 1 + 4 * 0.3 = 2.2, beta = 1 + 4 * 0.7 = 3.8.
  const Distribution d = parse("pert(0, 0.3, 1)", number_info());
  const double a = 2.2, b = 3.8;
  const double log_b = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const auto pdf = [&](double x) {
    return std::exp((a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - log_b);
  };
  for (double p : kProbabilities) {
    const double q = d.quantile(p);
    // Simpson's rule on [0, q].
    const int n = 20000;
    const double h = q / n;
    double s = pdf(q);
    for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * pdf(i * h);
    EXPECT_NEAR(s * h / 3, p, 1e-9) << p;
  }
  expect_moments(d, a / 6, a * b / (36 * 7), 1e-4);
  expect_monotone(d);
  // Beta(1, 5) and Beta(5, 1) at the extremes of the mode.
  const Distribution low = parse("pert(0, 0, 1)", number_info());
  for (double p : kProbabilities) EXPECT_NEAR(low.quantile(p), 1 - std::pow(1 - p, 0.2), 1e-12);
  const Distribution high = parse("pert(0, 1, 1)", number_info());
  for (double p : kProbabilities) EXPECT_NEAR(high.quantile(p), std::pow(p, 0.2), 1e-12);
}

TEST(DistributionTest, NormalQuantilesAreTheKnownZValues) {
  const Distribution d = parse("normal(10, 2)", number_info());
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_NEAR(d.quantile(kProbabilities[i]), 10 + 2 * kZ[i], 1e-13) << kProbabilities[i];
  expect_moments(d, 10.0, 4.0, 1e-3);
  expect_monotone(d);
  EXPECT_TRUE(std::isfinite(d.quantile(0.0)));
  EXPECT_TRUE(std::isfinite(d.quantile(1.0)));
}

TEST(DistributionTest, LognormalFactorIsTheRatioOfThe84thPercentileToTheMedian) {
  const Distribution d = parse("lognormal(100, 2)", number_info());
  for (std::size_t i = 0; i < 5; ++i)
    EXPECT_NEAR(d.quantile(kProbabilities[i]), 100 * std::pow(2.0, kZ[i]), 1e-11);
  EXPECT_NEAR(d.quantile(phi(1.0)), 200.0, 1e-10);
  const double s = std::log(2.0);
  expect_moments(d, 100 * std::exp(s * s / 2), (std::exp(s * s) - 1) * 1e4 * std::exp(s * s), 2e-3);
  expect_monotone(d);
  EXPECT_GT(d.quantile(0.0), 0.0);
}

TEST(DistributionTest, NormalIsTruncatedToTheKeysRange) {
  const Distribution d = parse("normal(0, 1)", number_info(0.0));
  EXPECT_EQ(d.low(), 0.0);
  EXPECT_EQ(d.quantile(0.0), 0.0);
  for (int i = 0; i <= 1000; ++i) EXPECT_GE(d.quantile(i / 1000.0), 0.0);
  // Half-normal: mean sqrt(2/pi), variance 1 - 2/pi; quantile z_((1+p)/2).
  expect_moments(d, std::sqrt(2 / std::numbers::pi), 1 - 2 / std::numbers::pi, 1e-3);
  EXPECT_NEAR(d.quantile(0.9), 1.6448536269514722, 1e-13);
  EXPECT_NEAR(d.cdf(1.6448536269514722), 0.9, 1e-14);
  // Both ends: normal(0.5, 1) on [0, 1].
  const Distribution both = parse("normal(0.5, 1)", number_info(0.0, 1.0));
  EXPECT_EQ(both.quantile(0.0), 0.0);
  EXPECT_EQ(both.quantile(1.0), 1.0);
  const double z = 0.5, mass = phi(z) - phi(-z);
  const double pdf = std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
  expect_moments(both, 0.5, 1 - 2 * z * pdf / mass, 1e-3);
  expect_monotone(both);
  // An exclusive floor is never reached.
  EXPECT_GT(parse("normal(1, 1)", number_info(0.0, {}, true)).quantile(0.0), 0.0);
}

TEST(DistributionTest, LognormalIsTruncatedToTheKeysRange) {
  const Distribution d = parse("lognormal(100, 2)", number_info(0.0, 150.0));
  const double m = std::log(100.0), s = std::log(2.0), b = (std::log(150.0) - m) / s;
  const double mean = std::exp(m + s * s / 2) * phi(b - s) / phi(b);
  const double second = std::exp(2 * m + 2 * s * s) * phi(b - 2 * s) / phi(b);
  expect_moments(d, mean, second - mean * mean, 1e-3);
  EXPECT_EQ(d.quantile(1.0), 150.0);
  EXPECT_NEAR(d.cdf(d.quantile(0.5)), 0.5, 1e-13);
  expect_monotone(d);
}

TEST(DistributionTest, WholeNumbersAreRoundedAndStayInRange) {
  const Distribution d = parse("normal(5, 3)", kind_info(ParameterKind::kInteger, 0.0, 10.0));
  for (int i = 0; i <= 1000; ++i) {
    const double q = d.quantile(i / 1000.0);
    EXPECT_EQ(q, std::floor(q));
    EXPECT_GE(q, 0.0);
    EXPECT_LE(q, 10.0);
  }
  EXPECT_EQ(d.quantile(0.5), 5.0);
  const Distribution p = parse("pert(1, 5, 9)", kind_info(ParameterKind::kInteger, 0.0, 10.0));
  EXPECT_EQ(p.quantile(0.5), 5.0);
  EXPECT_EQ(p.quantile(0.0), 1.0);
  EXPECT_EQ(p.quantile(1.0), 9.0);
  ParameterInfo positive = kind_info(ParameterKind::kInteger, 0.0);
  positive.min_exclusive = true;
  const Distribution n = parse("normal(1, 2)", positive);
  for (int i = 0; i <= 100; ++i) EXPECT_GE(n.quantile(i / 100.0), 1.0);
  EXPECT_EQ(parse_error("uniform(1.5, 3)", kind_info(ParameterKind::kInteger)),
            "uniform: expected lo as a whole number, found '1.5'");
}

TEST(DistributionTest, DatesAreWrittenAsDatesAndRoundedToDays) {
  const ParameterInfo date = kind_info(ParameterKind::kDate);
  const Distribution d = parse("triangular(2015-01-01, 2015-02-01,2015-04-01)", date);
  EXPECT_EQ(d.text(), "triangular(2015-01-01, 2015-02-01, 2015-04-01)");
  const double lo = Date::parse("2015-01-01")->days();
  const double hi = Date::parse("2015-04-01")->days();
  EXPECT_EQ(d.quantile(0.0), lo);
  EXPECT_EQ(d.quantile(1.0), hi);
  for (int i = 0; i <= 1000; ++i) {
    const double q = d.quantile(i / 1000.0);
    EXPECT_EQ(q, std::floor(q));
    EXPECT_GE(q, lo);
    EXPECT_LE(q, hi);
  }
  const Distribution n = parse("normal(2015-03-01, 10)", date);
  EXPECT_EQ(n.quantile(0.5), Date::parse("2015-03-01")->days());
  EXPECT_EQ(n.text(), "normal(2015-03-01, 10)");
  EXPECT_NE(parse_error("uniform(2015-01-01, 2015-02-30)", date).find("YYYY-MM-DD"),
            std::string::npos);
}

TEST(DistributionTest, ChoiceFrequenciesEqualTheWeights) {
  const auto frequencies = [](const Distribution& d, std::vector<double> values) {
    std::vector<double> f(values.size(), 0.0);
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
      const double q = d.quantile((i + 0.5) / n);
      const auto it = std::find(values.begin(), values.end(), q);
      EXPECT_NE(it, values.end()) << q;
      if (it != values.end()) f[static_cast<std::size_t>(it - values.begin())] += 1.0 / n;
    }
    return f;
  };
  const Distribution c = parse("choice(square: 1, linear: 3)", choice_info());
  EXPECT_EQ(c.text(), "choice(square: 1, linear: 3)");
  const auto fc = frequencies(c, {0, 1, 2});
  EXPECT_NEAR(fc[0], 0.75, 1e-4);
  EXPECT_NEAR(fc[1], 0.25, 1e-4);
  EXPECT_EQ(fc[2], 0.0);
  EXPECT_DOUBLE_EQ(c.mean(), 0.25);
  EXPECT_DOUBLE_EQ(c.cdf(0.0), 0.75);
  const Distribution b = parse("choice(true: 0.2, false: 0.8)", kind_info(ParameterKind::kBoolean));
  EXPECT_NEAR(frequencies(b, {0, 1})[1], 0.2, 1e-4);
  EXPECT_DOUBLE_EQ(b.mean(), 0.2);
  // Numeric keys: the values are the numbers themselves.
  const Distribution n = parse("choice(10: 1, 20: 1, 5: 2)", number_info());
  const auto fn = frequencies(n, {5, 10, 20});
  EXPECT_NEAR(fn[0], 0.5, 1e-4);
  EXPECT_NEAR(fn[1], 0.25, 1e-4);
  EXPECT_NEAR(fn[2], 0.25, 1e-4);
  EXPECT_DOUBLE_EQ(n.mean(), 10.0);
  EXPECT_EQ(n.quantile(0.0), 5.0);
  EXPECT_EQ(n.quantile(1.0), 20.0);
  expect_monotone(n);
}

TEST(DistributionTest, RefusesBadInputWithWhatWasExpectedAndFound) {
  const ParameterInfo n = number_info();
  const auto says = [](const std::string& error, const std::string& part) {
    EXPECT_NE(error.find(part), std::string::npos) << error;
  };
  says(parse_error("pret(1, 2, 3)", n), "unknown distribution 'pret'; did you mean 'pert'?");
  says(parse_error("pert(1, 5, 3)", n), "expected the mode inside [lo, hi] = [1, 3], found 5");
  says(parse_error("triangular(0, -1, 3)", n), "mode inside");
  says(parse_error("pert(0, 0.5, 2)", number_info(0.0, 1.0)),
       "argument hi = 2 is outside the key's range (expected >= 0 and <= 1)");
  says(parse_error("uniform(-1, 0.5)", number_info(0.0, 1.0)), "outside the key's range");
  says(parse_error("choice(lnear: 1, square: 2)", choice_info()),
       "expected one of linear, square, cubic, found 'lnear'; did you mean 'linear'?");
  says(parse_error("choice(linear: -1, square: 2)", choice_info()),
       "expected a weight >= 0 for 'linear', found '-1'");
  says(parse_error("choice(linear: 0, square: 0)", choice_info()),
       "expected at least one weight above 0, found all 0");
  says(parse_error("choice(linear: 1, linear: 2)", choice_info()), "listed twice");
  says(parse_error("choice(linear)", choice_info()), "expected 'value: weight', found 'linear'");
  says(parse_error("choice()", choice_info()), "expected at least 1 argument");
  says(parse_error("pert(1, 2)", n), "pert: expected 3 arguments (lo, mode, hi), found 2");
  says(parse_error("normal(1, 2, 3)", n), "normal: expected 2 arguments (mean, sd), found 3");
  says(parse_error("normal(1, 0)", n), "normal: expected sd > 0, found 0");
  says(parse_error("normal(1, -2)", n), "expected sd > 0");
  says(parse_error("lognormal(10, 1)", n), "expected a factor > 1");
  says(parse_error("lognormal(10, 0.5)", n), "expected a factor > 1");
  says(parse_error("lognormal(-1, 2)", n), "expected a median > 0");
  says(parse_error("uniform(2, 2)", n), "expected lo < hi, found lo 2 and hi 2");
  says(parse_error("pert(3, 2, 1)", n), "expected lo < hi");
  says(parse_error("uniform(1, x)", n), "expected hi as a number, found 'x'");
  says(parse_error("uniform(0, 1)", kind_info(ParameterKind::kText)), "is a text");
  says(parse_error("pert(0, 1, 2)", choice_info()), "use choice(a: w, b: w, ...)");
  says(parse_error("normal(0, 1)", kind_info(ParameterKind::kBoolean)), "ordered values");
  says(parse_error("1..2", n), "expected a distribution");
}

TEST(DistributionTest, KnowsWhatLooksLikeACall) {
  EXPECT_TRUE(Distribution::looks_like("pert(1, 2, 3)"));
  EXPECT_TRUE(Distribution::looks_like("  normal (0, 1) "));
  EXPECT_TRUE(Distribution::looks_like("prt(1,2,3)"));
  EXPECT_FALSE(Distribution::looks_like("1,2,3"));
  EXPECT_FALSE(Distribution::looks_like("0.5..1"));
  EXPECT_FALSE(Distribution::looks_like("(1, 2)"));
  EXPECT_EQ(distribution_names(), (std::vector<std::string>{"uniform", "triangular", "pert",
                                                            "normal", "lognormal", "choice"}));
  EXPECT_STREQ(to_string(DistributionKind::kLognormal), "lognormal");
}

TEST(DistributionTest, SameInputsGiveTheSameBits) {
  for (const char* text :
       {"pert(0, 0.3, 1)", "normal(0, 1)", "lognormal(3, 1.5)", "triangular(0, 1, 3)"}) {
    const Distribution a = parse(text, number_info(0.0));
    const Distribution b = parse(text, number_info(0.0));
    for (int i = 0; i <= 1000; ++i) {
      const double u = i / 1000.0;
      const double x = a.quantile(u), y = b.quantile(u);
      EXPECT_EQ(std::memcmp(&x, &y, sizeof x), 0) << text << " " << u;
    }
  }
}

// n x k Latin-hypercube-like unit points, each column a shuffled stratification.
std::vector<double> unit_columns(std::size_t n, std::size_t k, std::uint64_t seed) {
  std::vector<double> v(n * k);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t s = study::permute(i, n, study::mix(seed, j));
      v[i * k + j] = (static_cast<double>(s) + 0.5) / static_cast<double>(n);
    }
  }
  return v;
}

std::vector<double> column(const std::vector<double>& v, std::size_t k, std::size_t j) {
  std::vector<double> c;
  for (std::size_t i = j; i < v.size(); i += k) c.push_back(v[i]);
  return c;
}

TEST(ImanConoverTest, ReachesTheTargetRankCorrelationAndKeepsTheMarginals) {
  const std::size_t n = 1000, k = 3;
  std::vector<double> v = unit_columns(n, k, 7);
  const std::vector<double> before = v;
  const std::vector<double> target = {1, 0.7, 0.3, 0.7, 1, 0, 0.3, 0, 1};
  std::string error;
  ASSERT_TRUE(iman_conover(v, n, k, target, error)) << error;
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a + 1; b < k; ++b) {
      EXPECT_NEAR(spearman(column(v, k, a), column(v, k, b)), target[a * k + b], 0.03)
          << a << "," << b;
    }
    std::vector<double> x = column(v, k, a), y = column(before, k, a);
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    EXPECT_EQ(x, y) << "column " << a;
  }
  // Same inputs, same bits.
  std::vector<double> again = before;
  ASSERT_TRUE(iman_conover(again, n, k, target, error));
  EXPECT_EQ(std::memcmp(again.data(), v.data(), v.size() * sizeof(double)), 0);
}

TEST(ImanConoverTest, RefusesTargetsThatAreNotCorrelationMatrices) {
  std::vector<double> v = unit_columns(100, 3, 1);
  std::string error;
  EXPECT_FALSE(iman_conover(v, 100, 3, {1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1}, error));
  EXPECT_NE(error.find("positive definite"), std::string::npos) << error;
  EXPECT_FALSE(iman_conover(v, 100, 3, {1, 0.5, 0, 0.4, 1, 0, 0, 0, 1}, error));
  EXPECT_NE(error.find("symmetric"), std::string::npos) << error;
  EXPECT_FALSE(iman_conover(v, 100, 3, {2, 0, 0, 0, 1, 0, 0, 0, 1}, error));
  EXPECT_NE(error.find("[-1, 1]"), std::string::npos) << error;
  EXPECT_FALSE(iman_conover(v, 100, 3, {0.5, 0, 0, 0, 1, 0, 0, 0, 1}, error));
  EXPECT_NE(error.find("diagonal"), std::string::npos) << error;
  std::vector<double> small = unit_columns(4, 3, 1);
  EXPECT_FALSE(iman_conover(small, 4, 3, {1, 0, 0, 0, 1, 0, 0, 0, 1}, error));
  EXPECT_NE(error.find("at least k + 2 = 5"), std::string::npos) << error;
  EXPECT_EQ(v, unit_columns(100, 3, 1));  // untouched on failure
}

TEST(ImanConoverTest, SpearmanAveragesTiedRanks) {
  EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {10, 20, 30, 40}), 1.0);
  EXPECT_DOUBLE_EQ(spearman({1, 2, 3, 4}, {4, 3, 2, 1}), -1.0);
  // x ranks 1.5, 1.5, 3, 4 against 1, 2, 3, 4.
  const double r = spearman({5, 5, 6, 7}, {1, 2, 3, 4});
  EXPECT_NEAR(r, 4.5 / std::sqrt(4.5 * 5.0), 1e-15);
}

}  // namespace
}  // namespace sandtable::uncertainty
