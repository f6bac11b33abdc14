// `discover`: PRIM on a synthetic results table with known failure regions,
// criteria over the table's outcome names, and skipped failed runs.
#include "sandtable/discover.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/analysis_test_util.hpp"
#include "analysis/shapley.hpp"  // SplitMix64

namespace sandtable {
namespace {

// A February D-day "fails whenever IS fighters > 1,800 or Peshmerga
// integration < 0.4"; D-day is swept too but does not matter.
ResultsTable synthetic_sweep(std::size_t rows) {
  ResultsTable t;
  t.parameters = {"adversary.fighters", "forces.peshmerga.integration.initial", "calendar.d_day"};
  t.outcomes = {"success", "isf_casualties"};
  analysis::SplitMix64 rng(2015);
  const double feb1 = Date::parse("2015-02-01")->days();
  for (std::size_t r = 0; r < rows; ++r) {
    const double fighters = 1000.0 + 1500.0 * rng.uniform();
    const double integration = rng.uniform();
    const double d_day = feb1 + static_cast<double>(rng.below(28));
    const bool success = !(fighters > 1800.0 || integration < 0.4);
    t.parameter_values.insert(t.parameter_values.end(), {fighters, integration, d_day});
    t.outcome_values.insert(t.outcome_values.end(), {success ? 1.0 : 0.0, 1000.0 + fighters});
    t.ok.push_back(1);
  }
  return t;
}

TEST(DiscoverTest, DescribesWhereTheCriteriaFailWithTheKnownBoxes) {
  const ResultsTable t = synthetic_sweep(3000);
  DiscoverOptions o;
  o.criteria = "success";
  o.fail = true;
  Diagnostics errors;
  const auto d = discover(t, parameter_kinds(t.parameters, nullptr), o, errors);
  ASSERT_TRUE(d) << errors.to_string();
  EXPECT_EQ(d->rows_used, 3000U);
  ASSERT_GE(d->prim.boxes.size(), 2U);
  double coverage = 0.0;
  for (const PrimBox& b : d->prim.boxes) {
    ASSERT_EQ(b.limits.size(), 1U) << describe_box(b, d->parameters, d->kinds);
    const PrimLimit& l = b.limits[0];
    if (l.column == 0) {
      ASSERT_TRUE(l.lo.has_value());
      EXPECT_NEAR(*l.lo, 1800.0, 40.0);
    } else {
      ASSERT_EQ(l.column, 1U);
      ASSERT_TRUE(l.hi.has_value());
      EXPECT_NEAR(*l.hi, 0.4, 0.03);
    }
    EXPECT_GT(b.density, 0.9);
    coverage += b.coverage;
  }
  EXPECT_GT(coverage, 0.9);
  const std::string text = format_discovery(*d);
  EXPECT_NE(text.find("The criteria fail whenever"), std::string::npos) << text;
  EXPECT_NE(text.find("coverage "), std::string::npos);
}

TEST(DiscoverTest, DatesArePrintedAsDates) {
  ResultsTable t = synthetic_sweep(2000);
  const double feb15 = Date::parse("2015-02-15")->days();
  for (std::size_t r = 0; r < t.rows(); ++r)
    t.outcome_values[r * 2] = t.parameter_values[r * 3 + 2] >= feb15 ? 1 : 0;
  DiscoverOptions o;
  o.criteria = "success";
  Diagnostics errors;
  const auto kinds = parameter_kinds(t.parameters, nullptr);
  EXPECT_EQ(kinds[2], ParameterKind::kDate);
  const auto d = discover(t, kinds, o, errors);
  ASSERT_TRUE(d);
  EXPECT_NE(format_discovery(*d).find("calendar.d_day >= 2015-02-15"), std::string::npos)
      << format_discovery(*d);
}

TEST(DiscoverTest, KindsComeFromTheBaseScenarioWhenGiven) {
  const Scenario base = testing::load_case("scenarios/mosul-2015/base.yaml").scenario;
  const auto kinds = parameter_kinds(
      {"forces.isf.training.course_days", "forces.isf.readiness", "no.such"}, &base);
  EXPECT_EQ(kinds, (std::vector<ParameterKind>{ParameterKind::kInteger, ParameterKind::kNumber,
                                               ParameterKind::kNumber}));
}

TEST(DiscoverTest, FailedRunsAreLeftOut) {
  ResultsTable t = synthetic_sweep(500);
  for (std::size_t r = 0; r < 50; ++r) {
    t.ok[r] = 0;
    t.outcome_values[r * 2] = std::nan("");
  }
  DiscoverOptions o;
  o.criteria = "success";
  Diagnostics errors;
  const auto d = discover(t, {}, o, errors);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->rows_used, 450U);
  EXPECT_EQ(d->rows_skipped, 50U);
}

TEST(DiscoverTest, CriteriaMustNameTheTablesOutcomes) {
  const ResultsTable t = synthetic_sweep(10);
  DiscoverOptions o;
  o.criteria = "success and isf_casualtys < 3000";
  Diagnostics errors;
  EXPECT_FALSE(discover(t, {}, o, errors));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].hint.find("isf_casualties"), std::string::npos);
  ResultsTable empty;
  empty.outcomes = {"success"};
  Diagnostics none;
  o.criteria = "success";
  EXPECT_FALSE(discover(empty, {}, o, none));
  EXPECT_FALSE(none.empty());
}

}  // namespace
}  // namespace sandtable
