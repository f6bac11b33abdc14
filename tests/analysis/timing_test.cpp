// `timing`: D-day variants branched from one shared history give exactly
// what runs from the start give, and the window report is consistent.
#include "sandtable/timing.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/analysis_test_util.hpp"
#include "sandtable/criteria.hpp"

namespace sandtable {
namespace {

using testing::bits;
using testing::load_case;

constexpr const char* kBase = "scenarios/mosul-2015/base.yaml";

Date date(const char* text) { return *Date::parse(text); }

void expect_identical(const Results& a, const Results& b, const std::string& what) {
  const auto va = outcome_values(a);
  const auto vb = outcome_values(b);
  ASSERT_EQ(va.size(), vb.size()) << what;
  for (std::size_t i = 0; i < va.size(); ++i) {
    EXPECT_EQ(va[i].first, vb[i].first);
    EXPECT_EQ(bits(va[i].second), bits(vb[i].second)) << what << " " << va[i].first;
  }
  EXPECT_EQ(a.d_day, b.d_day) << what;
  EXPECT_EQ(a.end_date, b.end_date) << what;
  ASSERT_EQ(a.daily_campaign.size(), b.daily_campaign.size()) << what;
  for (std::size_t d = 0; d < a.daily_campaign.size(); ++d) {
    const DailyCampaign& x = a.daily_campaign[d];
    const DailyCampaign& y = b.daily_campaign[d];
    ASSERT_EQ(x.date, y.date);
    for (const auto member :
         {&DailyCampaign::cleared, &DailyCampaign::force_ratio, &DailyCampaign::adversary_fighters,
          &DailyCampaign::adversary_morale, &DailyCampaign::fortification,
          &DailyCampaign::us_personnel, &DailyCampaign::sorties, &DailyCampaign::aircraft_lost,
          &DailyCampaign::aid_delivered_usd, &DailyCampaign::aid_diverted_usd,
          &DailyCampaign::displaced}) {
      ASSERT_EQ(bits(x.*member), bits(y.*member)) << what << " day " << d;
    }
    ASSERT_EQ(x.offensive, y.offensive) << what << " day " << d;
  }
  ASSERT_EQ(a.daily_elements.size(), b.daily_elements.size()) << what;
  for (std::size_t k = 0; k < a.daily_elements.size(); ++k) {
    const DailyElement& x = a.daily_elements[k];
    const DailyElement& y = b.daily_elements[k];
    for (const auto member :
         {&DailyElement::personnel, &DailyElement::casualties, &DailyElement::readiness,
          &DailyElement::cohesion, &DailyElement::equipment, &DailyElement::inflicted}) {
      ASSERT_EQ(bits(x.*member), bits(y.*member)) << what << " row " << k;
    }
    ASSERT_EQ(x.engaged, y.engaged);
    ASSERT_EQ(x.broken, y.broken);
  }
  ASSERT_EQ(a.timeline.size(), b.timeline.size()) << what;
  for (std::size_t k = 0; k < a.timeline.size(); ++k) {
    EXPECT_EQ(a.timeline[k].date, b.timeline[k].date);
    EXPECT_EQ(a.timeline[k].text, b.timeline[k].text);
  }
}

TEST(TimingTest, BranchingGivesExactlyWhatRunsFromTheStartGive) {
  const Scenario base = load_case(kBase).scenario;
  // Unsorted, with a repeat, the scenario's own D-day, and the first day.
  const std::vector<Date> d_days{date("2015-04-15"), date("2015-02-02"),  date("2015-06-30"),
                                 date("2015-02-02"), base.calendar.start, date("2015-03-09")};
  const std::vector<Results> branched = run_d_day_variants(base, d_days);
  ASSERT_EQ(branched.size(), d_days.size());
  for (std::size_t k = 0; k < d_days.size(); ++k) {
    Scenario variant = base;
    variant.calendar.d_day = d_days[k];
    expect_identical(branched[k], run(variant), d_days[k].to_string());
  }
}

TEST(TimingTest, BranchingWorksWhenTheWindowStartsAfterTheScenariosDDay) {
  const Scenario base = load_case(kBase).scenario;  // D-day 2015-02-02
  const std::vector<Date> d_days{date("2015-05-01"), date("2015-05-08")};
  const std::vector<Results> branched = run_d_day_variants(base, d_days, {false, false});
  for (std::size_t k = 0; k < d_days.size(); ++k) {
    Scenario variant = base;
    variant.calendar.d_day = d_days[k];
    expect_identical(branched[k], run(variant, {false, false}), d_days[k].to_string());
  }
}

TEST(TimingTest, WindowReportsEveryDateAndTheEarliestThatMeetsTheCriteria) {
  const Scenario base = load_case(kBase).scenario;
  TimingOptions o;
  o.from = date("2015-02-01");
  o.to = date("2015-07-01");
  o.step_days = 14;
  Diagnostics errors;
  const auto report = timing_scan(base, o, errors);
  ASSERT_TRUE(report) << errors.to_string();
  ASSERT_EQ(report->rows.size(), 11U);
  EXPECT_EQ(report->rows.back().d_day, date("2015-06-21"));
  EXPECT_EQ(report->criteria_origin, "analysis.criteria");
  Diagnostic e;
  const auto criteria = Criteria::parse(base.analysis.criteria, outcome_names(base), e);
  ASSERT_TRUE(criteria);
  std::optional<Date> earliest;
  for (const TimingRow& row : report->rows) {
    Scenario variant = base;
    variant.calendar.d_day = row.d_day;
    const bool meets = criteria->holds(outcome_values(run(variant, {false, false})));
    EXPECT_EQ(row.meets, meets) << row.d_day.to_string();
    if (meets && !earliest) earliest = row.d_day;
  }
  EXPECT_EQ(report->earliest, earliest);
  // The outcomes the criteria use are shown.
  EXPECT_NE(std::find(report->outcomes.begin(), report->outcomes.end(), "iran_backed_share"),
            report->outcomes.end());
}

TEST(TimingTest, CriteriaOnTheCommandLineReplaceTheScenarios) {
  const Scenario base = load_case(kBase).scenario;
  TimingOptions o;
  o.from = date("2015-02-01");
  o.to = date("2015-03-01");
  o.criteria = "pilots_captured >= 0";
  Diagnostics errors;
  const auto report = timing_scan(base, o, errors);
  ASSERT_TRUE(report) << errors.to_string();
  EXPECT_EQ(report->earliest, date("2015-02-01"));
  EXPECT_EQ(report->criteria_origin, "--criteria");
  EXPECT_EQ(report->outcomes.back(), "pilots_captured");
}

TEST(TimingTest, UnknownOutcomeInTheCriteriaIsRejectedWithASuggestion) {
  TimingOptions o;
  o.from = date("2015-02-01");
  o.to = date("2015-03-01");
  o.criteria = "success and isf_casualtes < 3000";
  Diagnostics errors;
  EXPECT_FALSE(timing_scan(load_case(kBase).scenario, o, errors));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].message.find("unknown outcome 'isf_casualtes'"), std::string::npos);
  EXPECT_NE(errors[0].hint.find("isf_casualties"), std::string::npos);
  EXPECT_EQ(errors[0].where.file, "--criteria");
}

TEST(TimingTest, WindowOutsideTheCalendarOrBackwardsIsRejected) {
  const Scenario base = load_case(kBase).scenario;
  TimingOptions o;
  o.from = date("2015-01-01");  // before the start
  o.to = date("2016-03-01");    // after the horizon
  Diagnostics errors;
  EXPECT_FALSE(timing_scan(base, o, errors));
  EXPECT_EQ(errors.size(), 2U);
  EXPECT_NE(errors.to_string().find("horizon_days"), std::string::npos);
  o.from = date("2015-05-01");
  o.to = date("2015-04-01");
  Diagnostics backwards;
  EXPECT_FALSE(timing_scan(base, o, backwards));
  EXPECT_NE(backwards.to_string().find("before it starts"), std::string::npos);
}

TEST(TimingTest, StepsAndWindows) {
  EXPECT_EQ(parse_day_step("7d"), 7);
  EXPECT_EQ(parse_day_step("2w"), 14);
  EXPECT_EQ(parse_day_step("10"), 10);
  EXPECT_FALSE(parse_day_step("0d"));
  EXPECT_FALSE(parse_day_step("-7"));
  EXPECT_FALSE(parse_day_step("week"));
  EXPECT_FALSE(parse_day_step(""));
  EXPECT_EQ(date_window(date("2015-02-01"), date("2015-02-15"), 7).size(), 3U);
  EXPECT_EQ(date_window(date("2015-02-01"), date("2015-02-14"), 7).size(), 2U);
}

TEST(TimingTest, FormatsAreDeterministic) {
  TimingOptions o;
  o.from = date("2015-02-01");
  o.to = date("2015-06-01");
  o.step_days = 30;
  Diagnostics errors;
  const auto a = timing_scan(load_case(kBase).scenario, o, errors);
  const auto b = timing_scan(load_case(kBase).scenario, o, errors);
  ASSERT_TRUE(a && b);
  for (const TimingFormat f : {TimingFormat::kTable, TimingFormat::kCsv, TimingFormat::kJson}) {
    EXPECT_EQ(format_timing(*a, f), format_timing(*b, f));
  }
  EXPECT_EQ(format_timing(*a, TimingFormat::kCsv).rfind("d_day,meets,end_date,success,", 0), 0U);
}

}  // namespace
}  // namespace sandtable
