// Designs: sizes, values, reproducibility from a seed, and the value grammar.
#include "study/design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "study/levels.hpp"
#include "study/sobol.hpp"

namespace sandtable::study {
namespace {

ParameterInfo number_info(std::optional<double> min = {}, std::optional<double> max = {}) {
  ParameterInfo i;
  i.kind = ParameterKind::kNumber;
  i.min = min;
  i.max = max;
  return i;
}

ParameterInfo kind_info(ParameterKind k, std::vector<std::string> choices = {}) {
  ParameterInfo i;
  i.kind = k;
  i.choices = std::move(choices);
  return i;
}

Levels parse(const std::string& text, const ParameterInfo& info) {
  std::string error;
  auto l = Levels::parse(text, info, error);
  EXPECT_TRUE(l.has_value()) << text << ": " << error;
  return l ? *l : Levels::list({0.0}, info);
}

std::string parse_error(const std::string& text, const ParameterInfo& info) {
  std::string error;
  EXPECT_FALSE(Levels::parse(text, info, error).has_value()) << text;
  return error;
}

std::vector<double> values(const Levels& l) {
  std::vector<double> v;
  for (std::uint64_t i = 0; i < l.size(); ++i) v.push_back(l.at(i));
  return v;
}

TEST(LevelsTest, ReadsListsRangesAndIntervals) {
  const ParameterInfo n = number_info();
  EXPECT_EQ(values(parse("1, 2.5,4", n)), (std::vector<double>{1, 2.5, 4}));
  EXPECT_EQ(values(parse("choice(3,1)", n)), (std::vector<double>{3, 1}));
  EXPECT_EQ(values(parse("0.1:0.3:0.1", n)).size(), 3U);
  EXPECT_EQ(values(parse("range(0, 10, 2.5)", n)), (std::vector<double>{0, 2.5, 5, 7.5}));
  EXPECT_EQ(values(parse("1:4", n)), (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(values(parse("reverse(1:3)", n)), (std::vector<double>{3, 2, 1}));
  const Levels i = parse("0.5..2", n);
  EXPECT_FALSE(i.discrete());
  EXPECT_EQ(i.low(), 0.5);
  EXPECT_EQ(i.high(), 2.0);
  EXPECT_FALSE(parse("interval(1, 3)", n).discrete());
}

TEST(LevelsTest, LinspaceGivesNumPysValues) {
  // repr() of numpy.linspace(0.04, 0.07, 7) and numpy.linspace(0.008, 0.013, 5)[::-1]
  const Levels a = parse("linspace(0.04, 0.07, 7)", number_info());
  const std::vector<double> numpy_a = {
      0.04, 0.045, 0.05, 0.05500000000000001, 0.060000000000000005, 0.065, 0.07};
  EXPECT_EQ(values(a), numpy_a);
  const Levels b = parse("reverse(linspace(0.008, 0.013, 5))", number_info());
  EXPECT_EQ(values(b), (std::vector<double>{0.013, 0.01175, 0.010499999999999999, 0.00925, 0.008}));
}

TEST(LevelsTest, ReadsDatesWithDayAndWeekSteps) {
  const ParameterInfo d = kind_info(ParameterKind::kDate);
  const Levels l = parse("2015-02-01:2015-06-01:7d", d);
  EXPECT_EQ(l.size(), 18U);
  EXPECT_EQ(l.value_text(l.at(0)), "2015-02-01");
  EXPECT_EQ(l.value_text(l.at(17)), "2015-05-31");
  EXPECT_EQ(parse("2015-02-01:2015-03-01:2w", d).size(), 3U);
  EXPECT_EQ(parse("2015-02-01..2015-03-01", d).from_unit(0.999999),
            Date::parse("2015-03-01")->days());
}

TEST(LevelsTest, ReadsChoicesByNameAndSuggestsMisspellings) {
  const ParameterInfo c = kind_info(ParameterKind::kChoice, {"square", "linear", "logarithmic"});
  EXPECT_EQ(values(parse("linear,square", c)), (std::vector<double>{1, 0}));
  EXPECT_NE(parse_error("sqaure", c).find("did you mean 'square'?"), std::string::npos);
  EXPECT_NE(parse_error("square..linear", c).find("list the values"), std::string::npos);
}

TEST(LevelsTest, RejectsValuesOutOfTheDeclaredRange) {
  EXPECT_NE(parse_error("0.5,1.5", number_info(0.0, 1.0)).find("out of range"), std::string::npos);
  EXPECT_NE(parse_error("linspace(0, 2, 3)", number_info(0.0, 1.0)).find("out of range"),
            std::string::npos);
  EXPECT_NE(parse_error("1:0:1", number_info()).find("holds no value"), std::string::npos);
  EXPECT_NE(parse_error("linspace(0, 1, 3)", kind_info(ParameterKind::kInteger)).find("not whole"),
            std::string::npos);
  EXPECT_NE(parse_error("", number_info()).find("found nothing"), std::string::npos);
}

TEST(LevelsTest, ReadsDistributionsForSampledDesigns) {
  const ParameterInfo n = number_info(0.0, 5000.0);
  const Levels l = parse("pert(1000,1500, 2000)", n);
  EXPECT_EQ(l.shape(), Levels::Shape::kDistribution);
  EXPECT_FALSE(l.discrete());
  ASSERT_NE(l.distribution(), nullptr);
  EXPECT_EQ(l.describe(), "pert(1000, 1500, 2000)");
  EXPECT_EQ(l.from_unit(0.0), 1000.0);
  EXPECT_EQ(l.from_unit(1.0), 2000.0);
  EXPECT_NEAR(l.from_unit(0.5), 1500.0, 1e-9);
  EXPECT_EQ(l.oat_low(), l.distribution()->quantile(0.05));
  EXPECT_EQ(l.oat_high(), l.distribution()->quantile(0.95));
  // choice() without weights is still a list of values; with weights, a distribution.
  EXPECT_TRUE(parse("choice(1, 2)", n).discrete());
  EXPECT_EQ(parse("choice(1: 1, 2: 3)", n).shape(), Levels::Shape::kDistribution);
  EXPECT_NE(parse_error("pret(1, 2, 3)", n).find("did you mean 'pert'?"), std::string::npos);
  EXPECT_NE(parse_error("lnspace(0, 1, 3)", n).find("did you mean 'linspace'?"), std::string::npos);
  EXPECT_NE(parse_error("pert(1000, 1500, 6000)", n).find("outside the key's range"),
            std::string::npos);
}

Design make(DesignSpec spec) {
  std::string error;
  auto d = Design::make(std::move(spec), error);
  EXPECT_TRUE(d.has_value()) << error;
  return *d;
}

std::vector<Levels> three_lists() {
  const ParameterInfo n = number_info();
  return {Levels::list({1, 2}, n), Levels::list({10, 20, 30}, n),
          Levels::list({100, 200, 300, 400}, n)};
}

std::vector<Levels> intervals(int k) {
  std::vector<Levels> out;
  for (int i = 0; i < k; ++i) {
    std::string error;
    out.push_back(*Levels::parse("0..1", number_info(), error));
  }
  return out;
}

std::vector<std::vector<double>> points(const Design& d) {
  std::vector<std::vector<double>> out;
  for (std::uint64_t i = 0; i < d.size(); ++i) {
    std::vector<double> p(static_cast<std::size_t>(d.parameters()));
    d.point(i, p.data());
    out.push_back(p);
  }
  return out;
}

TEST(DesignTest, GridCrossesEveryLevelLastParameterFastest) {
  const Design d = make({DesignMethod::kGrid, 1, 0, 4, three_lists(), {}, {}});
  ASSERT_EQ(d.size(), 24U);
  const auto p = points(d);
  EXPECT_EQ(p[0], (std::vector<double>{1, 10, 100}));
  EXPECT_EQ(p[1], (std::vector<double>{1, 10, 200}));
  EXPECT_EQ(p[23], (std::vector<double>{2, 30, 400}));
  EXPECT_EQ(std::set<std::vector<double>>(p.begin(), p.end()).size(), 24U);
}

TEST(DesignTest, ZipPairsValuesAndNeedsEqualLengths) {
  const ParameterInfo n = number_info();
  const Design d = make({DesignMethod::kZip,
                         1,
                         0,
                         4,
                         {Levels::list({1, 2, 3}, n), Levels::list({4, 5, 6}, n)},
                         {},
                         {}});
  EXPECT_EQ(points(d), (std::vector<std::vector<double>>{{1, 4}, {2, 5}, {3, 6}}));
  std::string error;
  EXPECT_FALSE(Design::make({DesignMethod::kZip, 1, 0, 4, three_lists(), {}, {}}, error));
  EXPECT_NE(error.find("same number of values"), std::string::npos);
}

TEST(DesignTest, ListTakesRowsFromATable) {
  const ParameterInfo n = number_info();
  const Design d = make({DesignMethod::kList,
                         1,
                         0,
                         4,
                         {Levels::list({1, 3}, n), Levels::list({2, 4}, n)},
                         {},
                         {1, 2, 3, 4}});
  EXPECT_EQ(points(d), (std::vector<std::vector<double>>{{1, 2}, {3, 4}}));
}

TEST(DesignTest, OneAtATimeVariesEachParameterAroundTheBase) {
  const Design d = make({DesignMethod::kOneAtATime, 1, 0, 4, three_lists(), {1.5, 20, 250}, {}});
  ASSERT_EQ(d.size(), 1U + 2 + 3 + 4);
  const auto p = points(d);
  EXPECT_EQ(p[0], (std::vector<double>{1.5, 20, 250}));
  EXPECT_EQ(p[1], (std::vector<double>{1, 20, 250}));
  EXPECT_EQ(p[3], (std::vector<double>{1.5, 10, 250}));
  EXPECT_EQ(p[9], (std::vector<double>{1.5, 20, 400}));
  EXPECT_EQ(d.oat_position(4).parameter, 1);
  EXPECT_EQ(d.oat_position(4).level, 1U);
}

TEST(DesignTest, LatinHypercubeStratifiesEveryParameter) {
  const Design d = make({DesignMethod::kLatinHypercube, 7, 50, 4, intervals(3), {}, {}});
  ASSERT_EQ(d.size(), 50U);
  const auto p = points(d);
  for (int k = 0; k < 3; ++k) {
    std::set<int> strata;
    for (const auto& x : p)
      strata.insert(static_cast<int>(std::floor(x[static_cast<std::size_t>(k)] * 50)));
    EXPECT_EQ(strata.size(), 50U) << "parameter " << k;
  }
}

TEST(DesignTest, SampledDesignsAreReproducibleFromTheirSeed) {
  for (DesignMethod m : {DesignMethod::kLatinHypercube, DesignMethod::kSobol, DesignMethod::kMorris,
                         DesignMethod::kSaltelli}) {
    const auto a = points(make({m, 42, 16, 4, intervals(3), {}, {}}));
    const auto b = points(make({m, 42, 16, 4, intervals(3), {}, {}}));
    const auto c = points(make({m, 43, 16, 4, intervals(3), {}, {}}));
    EXPECT_EQ(a, b) << to_string(m);
    EXPECT_NE(a, c) << to_string(m);
  }
}

TEST(DesignTest, SampledDesignSizes) {
  EXPECT_EQ(make({DesignMethod::kSobol, 1, 100, 4, intervals(5), {}, {}}).size(), 100U);
  EXPECT_EQ(make({DesignMethod::kMorris, 1, 10, 4, intervals(5), {}, {}}).size(), 10U * 6);
  EXPECT_EQ(make({DesignMethod::kSaltelli, 1, 64, 4, intervals(5), {}, {}}).size(), 64U * 7);
  std::string error;
  EXPECT_FALSE(Design::make({DesignMethod::kSobol, 1, 0, 4, intervals(2), {}, {}}, error));
  EXPECT_NE(error.find("samples"), std::string::npos);
  EXPECT_FALSE(Design::make({DesignMethod::kMorris, 1, 4, 3, intervals(2), {}, {}}, error));
  EXPECT_FALSE(Design::make({DesignMethod::kGrid, 1, 0, 4, intervals(2), {}, {}}, error));
  EXPECT_NE(error.find("discrete"), std::string::npos);
}

TEST(DesignTest, MorrisTrajectoriesMoveOneParameterOneStepAtATime) {
  const Design d = make({DesignMethod::kMorris, 5, 20, 4, intervals(4), {}, {}});
  const auto p = points(d);
  for (std::size_t t = 0; t < 20; ++t) {
    for (std::size_t s = 1; s <= 4; ++s) {
      int changed = 0;
      for (std::size_t i = 0; i < 4; ++i) {
        const double step = p[t * 5 + s][i] - p[t * 5 + s - 1][i];
        if (step != 0.0) {
          ++changed;
          EXPECT_NEAR(std::fabs(step), 2.0 / 3.0, 1e-15);
        }
      }
      EXPECT_EQ(changed, 1);
    }
  }
}

TEST(DesignTest, SaltelliRowsShareColumnsOfAAndB) {
  const Design d = make({DesignMethod::kSaltelli, 3, 8, 4, intervals(3), {}, {}});
  const auto p = points(d);
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& a = p[j * 5];
    const auto& b = p[j * 5 + 4];
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& ab = p[j * 5 + 1 + i];
      for (std::size_t c = 0; c < 3; ++c) EXPECT_EQ(ab[c], c == i ? b[c] : a[c]);
    }
  }
}

TEST(SobolSequenceTest, MatchesSciPysUnscrambledSequence) {
  // scipy.stats.qmc.Sobol(d=256, scramble=False).random(1024), selected entries.
  const SobolSequence s(256);
  const int dims[] = {0, 1, 2, 7, 63, 127, 255};
  const double p5[] = {0.875, 0.875, 0.125, 0.375, 0.625, 0.125, 0.875};
  const double p100[] = {0.4140625, 0.2578125, 0.7734375, 0.4765625,
                         0.6484375, 0.4609375, 0.5703125};
  const double p1023[] = {0.0009765625, 0.7529296875, 0.6123046875, 0.6181640625,
                          0.0400390625, 0.7001953125, 0.8427734375};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(s.at(5, dims[i]), p5[i]) << dims[i];
    EXPECT_EQ(s.at(100, dims[i]), p100[i]) << dims[i];
    EXPECT_EQ(s.at(1023, dims[i]), p1023[i]) << dims[i];
  }
  EXPECT_EQ(s.at(2, 0), 0.75);
  EXPECT_EQ(s.at(2, 1), 0.25);
}

TEST(DesignTest, DistributionsNeedASampledDesign) {
  const ParameterInfo n = number_info(0.0, 5000.0);
  const auto pert = [&] {
    std::vector<Levels> out;
    out.push_back(parse("pert(1000, 1500, 2000)", n));
    out.push_back(parse("normal(100, 10)", n));
    return out;
  };
  for (DesignMethod m : {DesignMethod::kGrid, DesignMethod::kZip, DesignMethod::kList}) {
    std::string error;
    EXPECT_FALSE(Design::make({m, 1, 0, 4, pert(), {}, {}}, error));
    EXPECT_NE(error.find("a distribution needs a sampled design: lhs, sobol, saltelli or morris"),
              std::string::npos)
        << error;
  }
  const Design lhs = make({DesignMethod::kLatinHypercube, 3, 200, 4, pert(), {}, {}});
  std::set<int> strata;
  for (const auto& p : points(lhs)) {
    EXPECT_GE(p[0], 1000.0);
    EXPECT_LE(p[0], 2000.0);
    EXPECT_GE(p[1], 0.0);
    strata.insert(
        static_cast<int>(std::floor(lhs.spec().domains[0].distribution()->cdf(p[0]) * 200)));
  }
  EXPECT_EQ(strata.size(), 200U);  // stratified in probability
  for (DesignMethod m : {DesignMethod::kSobol, DesignMethod::kMorris, DesignMethod::kSaltelli}) {
    for (const auto& p : points(make({m, 3, 8, 4, pert(), {}, {}}))) {
      EXPECT_GE(p[0], 1000.0);
      EXPECT_LE(p[0], 2000.0);
      EXPECT_TRUE(std::isfinite(p[1]));
    }
  }
  const Design oat = make({DesignMethod::kOneAtATime, 1, 0, 4, pert(), {1500, 100}, {}});
  ASSERT_EQ(oat.size(), 5U);
  const auto p = points(oat);
  EXPECT_NEAR(p[3][1], 100 - 10 * 1.6448536269514722, 1e-9);
  EXPECT_NEAR(p[4][1], 100 + 10 * 1.6448536269514722, 1e-9);
}

}  // namespace
}  // namespace sandtable::study

namespace sandtable::study {
namespace {

// The table of design methods is the one place that says what a method
// takes: every method once, in enumerator order, its name read back, and
// Design::make holding each method to what the table says of it.
TEST(DesignMethodsTest, TheTableDescribesEveryMethodAndDesignMakeFollowsIt) {
  const auto& table = design_methods();
  ASSERT_EQ(table.size(), 8U);
  std::set<std::string> names;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const DesignMethodInfo& m = table[i];
    EXPECT_EQ(static_cast<std::size_t>(m.method), i) << m.name;
    EXPECT_EQ(parse_design_method(m.name), m.method);
    EXPECT_STREQ(to_string(m.method), m.name);
    names.insert(m.name);
    EXPECT_FALSE(m.sampled && m.enumerates) << m.name;
    std::string error;
    // An interval: enumerating methods refuse it, the others take it (with samples).
    DesignSpec spec{m.method, 1, m.sampled ? 16U : 0U, 4, intervals(2), {0.5, 0.5}, {}};
    const bool made = Design::make(spec, error).has_value();
    EXPECT_EQ(made, !m.enumerates) << m.name << ": " << error;
    if (m.sampled) {
      spec.samples = 0;
      EXPECT_FALSE(Design::make(spec, error).has_value()) << m.name;
      EXPECT_NE(error.find("needs design.samples"), std::string::npos) << error;
    }
  }
  EXPECT_EQ(names.size(), table.size());
  EXPECT_EQ(design_method_names().size(), table.size());
  EXPECT_FALSE(parse_design_method("latin"));
}

}  // namespace
}  // namespace sandtable::study
