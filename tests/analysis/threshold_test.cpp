// `threshold`: range parsing with clear errors, and switches that really
// bracket a change of the criteria (checked by running either side).
#include "sandtable/threshold.hpp"

#include <gtest/gtest.h>

#include "analysis/analysis_test_util.hpp"
#include "sandtable/model.hpp"

namespace sandtable {
namespace {

using testing::load_case;

constexpr const char* kFebruary = "scenarios/mosul-2015/february.yaml";
constexpr const char* kBase = "scenarios/mosul-2015/base.yaml";

ParameterRange range_or_fail(const Scenario& s, const std::string& text, bool step = false) {
  Diagnostic error;
  const auto r = parse_range(s, text, step, step ? "--by" : "--vary", error);
  EXPECT_TRUE(r.has_value()) << error.to_string();
  return r ? *r : ParameterRange{};
}

std::string range_error(const Scenario& s, const std::string& text, bool step = false) {
  Diagnostic error;
  EXPECT_FALSE(parse_range(s, text, step, "--vary", error).has_value()) << text;
  return error.to_string();
}

Criteria criteria_or_fail(const Scenario& s, const std::string& text) {
  Diagnostic error;
  auto c = Criteria::parse(text, outcome_names(s), error);
  EXPECT_TRUE(c.has_value()) << error.to_string();
  return *c;
}

bool holds_at(Scenario s, const std::string& path, double value, const Criteria& c) {
  Diagnostic error;
  const auto ref = ParameterRef::resolve(s, path, error);
  EXPECT_TRUE(ref && ref->set(value).empty());
  return c.holds(outcome_values(run(s, {false, false})));
}

// Every switch: the criteria differ at its two ends as it says, and the two
// ends are within the tolerance.
void expect_brackets(const Scenario& s, const ParameterRange& vary, const Criteria& c,
                     const ThresholdResult& r) {
  for (const CriteriaSwitch& sw : r.switches) {
    EXPECT_LE(sw.high - sw.low, r.tolerance * (1 + 1e-9));
    EXPECT_LT(sw.low, sw.high);
    EXPECT_EQ(holds_at(s, vary.path, sw.low, c), !sw.holds_at_high) << sw.low;
    EXPECT_EQ(holds_at(s, vary.path, sw.high, c), sw.holds_at_high) << sw.high;
  }
  EXPECT_EQ(holds_at(s, vary.path, vary.lo, c), r.holds_at_lo);
  EXPECT_EQ(holds_at(s, vary.path, vary.hi, c), r.holds_at_hi);
}

TEST(ThresholdTest, ParsesNumberIntegerAndDateRanges) {
  const Scenario s = load_case(kBase).scenario;
  const ParameterRange n = range_or_fail(s, "forces.isf.readiness=0.2..0.9");
  EXPECT_EQ(n.kind, ParameterKind::kNumber);
  EXPECT_EQ(n.lo, 0.2);
  const ParameterRange i = range_or_fail(s, "forces.isf.training.course_days=14:84");
  EXPECT_EQ(i.kind, ParameterKind::kInteger);
  const ParameterRange d = range_or_fail(s, "calendar.d_day=2015-02-01:2015-07-01:2w", true);
  EXPECT_EQ(d.kind, ParameterKind::kDate);
  EXPECT_EQ(d.hi - d.lo, 140.0);  // the last value on a step
  EXPECT_EQ(d.step, 14.0);
  EXPECT_EQ(range_values(d).size(), 11U);
}

TEST(ThresholdTest, BadRangesGiveClearErrors) {
  const Scenario s = load_case(kBase).scenario;
  EXPECT_NE(range_error(s, "forces.isf.readines=0.2..0.9").find("did you mean 'readiness'"),
            std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.readiness=0.9..0.2").find("lo < hi"), std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.readiness=0.5..0.5").find("lo < hi"), std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.readiness=0.2").find("found one value"), std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.readiness").find("expected PATH=LO..HI"), std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.readiness=0.2..1.5").find("1.5 is out of range"),
            std::string::npos);
  EXPECT_NE(range_error(s, "calendar.d_day=2015-02-30..2015-07-01").find("'2015-02-30'"),
            std::string::npos);
  EXPECT_NE(range_error(s, "calendar.d_day=01/02/2015:2015-07-01").find("'01/02/2015'"),
            std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.may_enter_city=0:1").find("only numbers"),
            std::string::npos);
  EXPECT_NE(range_error(s, "calendar.d_day=2015-02-01:2015-07-01:0d", true).find("step"),
            std::string::npos);
  EXPECT_NE(range_error(s, "forces.isf.training.course_days=14:84:2.5", true).find("step"),
            std::string::npos);
  EXPECT_NE(range_error(s, "forces.nobody.readiness=0:1").find("no entry named 'nobody'"),
            std::string::npos);
}

TEST(ThresholdTest, NumberThresholdBracketsTheSwitchWithinTheTolerance) {
  const Scenario s = load_case(kFebruary).scenario;
  const ParameterRange vary = range_or_fail(s, "forces.isf.readiness=0.2..0.9");
  const Criteria c = criteria_or_fail(s, "success");
  Diagnostics errors;
  const auto r = find_threshold(s, vary, c, {}, errors);
  ASSERT_TRUE(r) << errors.to_string();
  EXPECT_FALSE(r->exhaustive);
  EXPECT_NEAR(r->tolerance, 0.7e-6, 1e-12);
  EXPECT_EQ(r->holds_at_lo != r->holds_at_hi, r->switches.size() % 2 == 1);
  expect_brackets(s, vary, c, *r);
}

TEST(ThresholdTest, DateThresholdIsExactToTheDayAndFindsBothSwitches) {
  const Scenario s = load_case(kBase).scenario;
  const ParameterRange vary = range_or_fail(s, "calendar.d_day=2015-02-01:2015-07-01");
  // Success comes with later D-days, but so does a later end: two switches
  // unless the model says otherwise; either way each must bracket.
  const Criteria c = criteria_or_fail(s, "success and end_day < 190");
  Diagnostics errors;
  const auto r = find_threshold(s, vary, c, {}, errors);
  ASSERT_TRUE(r) << errors.to_string();
  EXPECT_TRUE(r->exhaustive);
  EXPECT_EQ(r->tolerance, 1.0);
  for (const CriteriaSwitch& sw : r->switches) EXPECT_EQ(sw.high - sw.low, 1.0);
  expect_brackets(s, vary, c, *r);
  // The same switches when the scan is coarse and bisection does the rest.
  ThresholdOptions coarse;
  coarse.exhaustive_max = 10;
  coarse.grid = 9;
  const auto b = find_threshold(s, vary, c, coarse, errors);
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->exhaustive);
  EXPECT_LT(b->runs, r->runs);
  expect_brackets(s, vary, c, *b);
}

TEST(ThresholdTest, IntegerRangesAreScannedValueByValue) {
  const Scenario s = load_case(kFebruary).scenario;
  const ParameterRange vary = range_or_fail(s, "forces.isf.training.course_days=14:84");
  const Criteria c = criteria_or_fail(s, "isf_readiness_d_day > 0.36");
  Diagnostics errors;
  const auto r = find_threshold(s, vary, c, {}, errors);
  ASSERT_TRUE(r) << errors.to_string();
  EXPECT_TRUE(r->exhaustive);
  EXPECT_EQ(r->runs, 71);
  expect_brackets(s, vary, c, *r);
}

TEST(ThresholdTest, NoSwitchIsReported) {
  const Scenario s = load_case(kFebruary).scenario;
  const ParameterRange vary = range_or_fail(s, "forces.isf.quality=0.5..0.6");
  const Criteria c = criteria_or_fail(s, "aid_delivered_usd > 0");
  Diagnostics errors;
  const auto r = find_threshold(s, vary, c, {}, errors);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->switches.empty());
  EXPECT_TRUE(r->holds_at_lo && r->holds_at_hi);
  EXPECT_NE(format_threshold(*r, vary, "aid_delivered_usd > 0").find("No switch in [0.5, 0.6]"),
            std::string::npos);
}

TEST(ThresholdTest, AValueThatMakesTheScenarioInvalidIsAnError) {
  const Scenario s = load_case(kBase).scenario;  // horizon 365 days from 2015-01-12
  const ParameterRange vary = range_or_fail(s, "calendar.horizon_days=10:400");
  const Criteria c = criteria_or_fail(s, "success");
  Diagnostics errors;
  EXPECT_FALSE(find_threshold(s, vary, c, {}, errors));
  EXPECT_NE(errors.to_string().find("calendar.d_day"), std::string::npos);
}

TEST(ThresholdTest, FrontierTracesOneThresholdPerValue) {
  const Scenario s = load_case(kBase).scenario;
  const ParameterRange vary = range_or_fail(s, "forces.isf.readiness=0.2..0.9");
  const ParameterRange by = range_or_fail(s, "calendar.d_day=2015-02-01:2015-04-01:4w", true);
  const Criteria c = criteria_or_fail(s, "success");
  ThresholdOptions o;
  o.grid = 9;
  Diagnostics errors;
  const auto rows = trace_frontier(s, vary, by, c, o, errors);
  ASSERT_TRUE(rows) << errors.to_string();
  ASSERT_EQ(rows->size(), 3U);
  for (const FrontierRow& row : *rows) {
    Scenario at = s;
    at.calendar.d_day = Date::from_days(static_cast<int>(row.by));
    expect_brackets(at, vary, c, row.result);
  }
  const std::string text = format_frontier(*rows, vary, by, "success");
  EXPECT_NE(text.find("2015-03-29"), std::string::npos);
}

}  // namespace
}  // namespace sandtable
