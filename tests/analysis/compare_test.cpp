// `compare`: differing assumptions with their sources, outcomes per case,
// and attributions whose contributions add up to each difference.
#include "sandtable/compare.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "analysis/analysis_test_util.hpp"

namespace sandtable {
namespace {

using testing::load_case;

constexpr const char* kFebruary = "scenarios/mosul-2015/february.yaml";
constexpr const char* kSpring = "scenarios/mosul-2015/spring.yaml";
constexpr const char* kBase = "scenarios/mosul-2015/base.yaml";

Comparison compare_or_fail(const std::vector<LoadedScenario>& cases,
                           const CompareOptions& options = {}) {
  Diagnostics errors;
  auto c = compare_scenarios(cases, options, errors);
  EXPECT_TRUE(c.has_value()) << errors.to_string();
  return c ? *c : Comparison{};
}

// Every available attribution: the contributions to each outcome add up to
// the difference between the two cases' own runs.
void expect_contributions_add_up(const Comparison& c) {
  for (const Attribution& at : c.attributions) {
    ASSERT_TRUE(at.available) << at.kind << ": " << at.reason;
    for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
      const double total = at.to_values[o] - at.from_values[o];
      double sum = 0.0;
      for (const Contribution& p : at.players) sum += p.values[o];
      EXPECT_NEAR(sum, total, 1e-9 * std::max(1.0, std::abs(total)))
          << at.kind << " " << at.outcomes[o];
    }
  }
}

const AssumptionDiff* find_assumption(const Comparison& c, const std::string& path) {
  for (const AssumptionDiff& d : c.assumptions) {
    if (d.path == path) return &d;
  }
  return nullptr;
}

TEST(CompareTest, FebruaryAgainstSpringContributionsAddUpToEachDifference) {
  const Comparison c = compare_or_fail({load_case(kFebruary), load_case(kSpring)});
  ASSERT_EQ(c.attributions.size(), 2U);
  EXPECT_EQ(c.attributions[0].kind, "assumptions");
  EXPECT_EQ(c.attributions[1].kind, "mechanisms");
  expect_contributions_add_up(c);
  // The cases' own values are those of the outcome table.
  const Attribution& at = c.attributions[1];
  for (std::size_t o = 0; o < at.outcomes.size(); ++o) {
    const auto row = std::find_if(c.outcomes.begin(), c.outcomes.end(),
                                  [&](const OutcomeRow& r) { return r.name == at.outcomes[o]; });
    ASSERT_NE(row, c.outcomes.end());
    EXPECT_EQ(*row->values[0], at.from_values[o]);
    EXPECT_EQ(*row->values[1], at.to_values[o]);
  }
}

TEST(CompareTest, DifferingAssumptionsNameTheFileOrOverrideThatSetThem) {
  const Comparison c =
      compare_or_fail({load_case(kFebruary), load_case(kSpring, {"forces.isf.quality=0.9"})});
  const AssumptionDiff* d_day = find_assumption(c, "calendar.d_day");
  ASSERT_NE(d_day, nullptr);
  EXPECT_NE(d_day->sources[0].find("february.yaml:"), std::string::npos);
  EXPECT_NE(d_day->sources[1].find("spring.yaml:"), std::string::npos);
  const AssumptionDiff* quality = find_assumption(c, "forces.isf.quality");
  ASSERT_NE(quality, nullptr);
  EXPECT_EQ(quality->values[1], "0.9");
  EXPECT_NE(quality->sources[0].find("base.yaml:"), std::string::npos);
  EXPECT_NE(quality->sources[1].find("--set"), std::string::npos);
  EXPECT_EQ(c.labels, (std::vector<std::string>{"february", "spring"}));
}

TEST(CompareTest, IdenticalCasesHaveNoDifferencesAndNothingToAttribute) {
  const Comparison c = compare_or_fail({load_case(kBase), load_case(kBase)});
  EXPECT_TRUE(c.assumptions.empty());
  EXPECT_NE(c.labels[0], "base");  // the same stem twice: the paths tell them apart
  for (const OutcomeRow& r : c.outcomes) EXPECT_EQ(*r.values[0], *r.values[1]) << r.name;
  for (const Attribution& at : c.attributions) {
    EXPECT_TRUE(at.available);
    EXPECT_TRUE(at.players.empty()) << at.kind;
    for (std::size_t o = 0; o < at.outcomes.size(); ++o)
      EXPECT_EQ(at.from_values[o], at.to_values[o]);
  }
}

TEST(CompareTest, ListsOfDifferentLengthsDifferAsAWholeList) {
  const Comparison c = compare_or_fail(
      {load_case(kBase),
       load_case(kBase,
                 {"forces.us_advisers.reinforcements=[{date: 2015-01-26, personnel: 2000}]"})});
  const AssumptionDiff* list = find_assumption(c, "forces.us_advisers.reinforcements");
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(c.assumptions.size(), 1U);
  EXPECT_NE(list->values[0], list->values[1]);
  ASSERT_EQ(c.attributions[0].players.size(), 1U);
  EXPECT_EQ(c.attributions[0].players[0].player, "forces.us_advisers.reinforcements");
  expect_contributions_add_up(c);
}

TEST(CompareTest, ListsOfTheSameLengthDifferItemByItem) {
  const Comparison c =
      compare_or_fail({load_case(kBase),
                       load_case(kBase, {"forces.us_advisers.reinforcements.1.personnel=500",
                                         "forces.us_advisers.reinforcements.2.date=2015-03-02"})});
  ASSERT_EQ(c.assumptions.size(), 2U);
  EXPECT_EQ(c.assumptions[0].path, "forces.us_advisers.reinforcements.1.personnel");
  EXPECT_EQ(c.assumptions[1].path, "forces.us_advisers.reinforcements.2.date");
  expect_contributions_add_up(c);
}

TEST(CompareTest, SeveralAssumptionsAddUpExactlyAndWhenSampled) {
  const std::vector<LoadedScenario> cases{
      load_case(kFebruary), load_case(kSpring, {"forces.isf.quality=0.9", "adversary.fighters=1500",
                                                "adversary.fortification.rate_per_day=0.02"})};
  const Comparison exact = compare_or_fail(cases);
  EXPECT_EQ(exact.attributions[0].players.size(), 4U);
  EXPECT_TRUE(exact.attributions[0].exact);
  EXPECT_EQ(exact.attributions[0].runs, 16U);
  expect_contributions_add_up(exact);

  CompareOptions sampled;
  sampled.sample = true;
  sampled.permutations = 40;
  sampled.seed = 11;
  const Comparison s = compare_or_fail(cases, sampled);
  EXPECT_FALSE(s.attributions[0].exact);
  EXPECT_NE(s.attributions[0].method().find("seed 11"), std::string::npos);
  EXPECT_NE(s.attributions[0].method().find("40 permutations"), std::string::npos);
  expect_contributions_add_up(s);
}

TEST(CompareTest, MechanismsByElementNameEachComponentAndAddUp) {
  CompareOptions o;
  o.by_assumption = false;
  o.mechanisms = MechanismDetail::kByElement;
  o.exact_max = 8;  // more players than this: sampled
  o.permutations = 30;
  const Comparison c = compare_or_fail({load_case(kFebruary), load_case(kSpring)}, o);
  ASSERT_EQ(c.attributions.size(), 1U);
  const Attribution& at = c.attributions[0];
  const auto named = [&](const std::string& n) {
    return std::any_of(at.players.begin(), at.players.end(),
                       [&](const Contribution& p) { return p.player == n; });
  };
  EXPECT_TRUE(named("isf.readiness"));
  EXPECT_TRUE(named("adversary.fortification"));
  EXPECT_TRUE(named("calendar after D-day"));
  EXPECT_FALSE(named("peshmerga.readiness"));  // equal in both states: not a player
  expect_contributions_add_up(c);
}

TEST(CompareTest, MechanismsNeedTheSameForceElements) {
  const Comparison c = compare_or_fail(
      {load_case(kBase),
       load_case(kBase,
                 {"forces.extra={affiliation: kurdish, role: containment, personnel: 100}"})});
  ASSERT_EQ(c.attributions.size(), 2U);
  EXPECT_TRUE(c.attributions[0].available);
  EXPECT_EQ(c.attributions[0].players.at(0).player, "forces.extra");
  EXPECT_FALSE(c.attributions[1].available);
  EXPECT_NE(c.attributions[1].reason.find("different force elements"), std::string::npos);
  // Outcomes of the added element exist in one case only.
  const auto row = std::find_if(c.outcomes.begin(), c.outcomes.end(),
                                [](const OutcomeRow& r) { return r.name == "extra_casualties"; });
  ASSERT_NE(row, c.outcomes.end());
  EXPECT_FALSE(row->values[0].has_value());
  EXPECT_TRUE(row->values[1].has_value());
}

TEST(CompareTest, UnknownOutcomeIsRejectedWithASuggestion) {
  CompareOptions o;
  o.outcomes = {"isf_casualtys"};
  Diagnostics errors;
  EXPECT_FALSE(compare_scenarios({load_case(kFebruary), load_case(kSpring)}, o, errors));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].message.find("unknown outcome 'isf_casualtys'"), std::string::npos);
  EXPECT_NE(errors[0].hint.find("isf_casualties"), std::string::npos);
}

TEST(CompareTest, TogetherMustNameDifferingAssumptions) {
  CompareOptions o;
  o.together = {{"calendar.d_day", "forces.isf.qualty"}};
  Diagnostics errors;
  EXPECT_FALSE(compare_scenarios({load_case(kFebruary), load_case(kSpring)}, o, errors));
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_NE(errors[0].message.find("forces.isf.qualty"), std::string::npos);
}

TEST(CompareTest, TogetherMakesOnePlayerOfSeveralAssumptions) {
  CompareOptions o;
  o.together = {{"calendar.d_day", "forces.isf.quality"}};
  o.mechanisms = MechanismDetail::kOff;
  const Comparison c =
      compare_or_fail({load_case(kFebruary),
                       load_case(kSpring, {"forces.isf.quality=0.9", "adversary.fighters=1500"})},
                      o);
  ASSERT_EQ(c.attributions.size(), 1U);
  ASSERT_EQ(c.attributions[0].players.size(), 2U);
  EXPECT_EQ(c.attributions[0].players[0].player, "calendar.d_day + forces.isf.quality");
  expect_contributions_add_up(c);
}

TEST(CompareTest, AnInvalidMixedCaseNamesTheAssumptionsToAttributeTogether) {
  const std::vector<LoadedScenario> cases{
      load_case(kBase, {"calendar.horizon_days=60"}),
      load_case(kBase, {"calendar.horizon_days=200", "calendar.d_day=2015-06-01"})};
  CompareOptions o;
  o.mechanisms = MechanismDetail::kOff;
  const Comparison c = compare_or_fail(cases, o);
  ASSERT_EQ(c.attributions.size(), 1U);
  EXPECT_FALSE(c.attributions[0].available);
  EXPECT_NE(c.attributions[0].reason.find("--together calendar.horizon_days,calendar.d_day"),
            std::string::npos)
      << c.attributions[0].reason;
  EXPECT_NE(format_comparison(c, CompareFormat::kTable).find("not available:"), std::string::npos);
  o.together = {{"calendar.horizon_days", "calendar.d_day"}};
  const Comparison t = compare_or_fail(cases, o);
  ASSERT_EQ(t.attributions[0].players.size(), 1U);
  expect_contributions_add_up(t);
}

TEST(CompareTest, NeedsTwoCases) {
  Diagnostics errors;
  EXPECT_FALSE(compare_scenarios({load_case(kBase)}, {}, errors));
  EXPECT_FALSE(errors.empty());
}

TEST(CompareTest, EveryFormatIsDeterministicAndJsonParses) {
  const std::vector<LoadedScenario> cases{load_case(kFebruary), load_case(kSpring)};
  const Comparison a = compare_or_fail(cases);
  const Comparison b = compare_or_fail(cases);
  for (const CompareFormat f : {CompareFormat::kTable, CompareFormat::kJson, CompareFormat::kCsv,
                                CompareFormat::kMarkdown}) {
    EXPECT_EQ(format_comparison(a, f), format_comparison(b, f));
  }
  const auto j = nlohmann::json::parse(format_comparison(a, CompareFormat::kJson));
  EXPECT_EQ(j["cases"].size(), 2U);
  EXPECT_EQ(j["assumptions"][0]["path"], "calendar.d_day");
  EXPECT_EQ(j["attributions"][1]["kind"], "mechanisms");
  const std::string csv = format_comparison(a, CompareFormat::kCsv);
  EXPECT_EQ(csv.rfind("section,name,case,value,difference,detail\n", 0), 0U);
  EXPECT_NE(csv.find("assumption,calendar.d_day,february,2015-02-02,,"), std::string::npos);
  const std::string table = format_comparison(a, CompareFormat::kTable);
  EXPECT_NE(table.find("Assumptions that differ (1)"), std::string::npos);
  EXPECT_NE(table.find("exact Shapley values"), std::string::npos);
  EXPECT_NE(format_comparison(a, CompareFormat::kMarkdown).find("| outcome |"), std::string::npos);
}

}  // namespace
}  // namespace sandtable
