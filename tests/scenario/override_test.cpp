// `--set key.path=value` overrides: scalars, list items, new entries, dates,
// flow values, and errors located as <--set N>:1:COL.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

const std::string kMosul = "scenarios/mosul-2015/base.yaml";

LoadResult load_with(const std::vector<std::string>& overrides, const std::string& file = kMosul) {
  return load_scenario(test::source_path(file).string(), overrides);
}

// 1-based column of `part` inside the override argument `arg`.
int column_in(const std::string& arg, const std::string& part) {
  const std::size_t at = arg.find(part);
  EXPECT_NE(at, std::string::npos) << part;
  return static_cast<int>(at) + 1;
}

TEST(ScenarioOverrideTest, SetsScalarWithItsOwnProvenance) {
  const std::string arg = "forces.isf.personnel=25000";
  const LoadResult r = load_with({arg});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.find_force("isf")->personnel, 25000.0);
  EXPECT_EQ(r.loaded->provenance.at("forces.isf.personnel"),
            (SourceLocation{"<--set 1>", 1, column_in(arg, "25000")}));
  EXPECT_EQ(r.loaded->provenance.at("forces.isf.readiness").file,
            test::source_path(kMosul).string())
      << "untouched values keep the file";
}

TEST(ScenarioOverrideTest, SetsListItemField) {
  const LoadResult before = load_with({});
  const LoadResult r = load_with({"forces.us_advisers.reinforcements.0.personnel=500"});
  ASSERT_TRUE(before.ok() && r.ok()) << test::describe(r);
  const auto& old_items = before.loaded->scenario.find_force("us_advisers")->reinforcements;
  const auto& items = r.loaded->scenario.find_force("us_advisers")->reinforcements;
  ASSERT_EQ(items.size(), old_items.size());
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0].personnel, 500.0);
  EXPECT_EQ(items[0].date, old_items[0].date);
  EXPECT_EQ(items[1].personnel, old_items[1].personnel);
  EXPECT_EQ(r.loaded->provenance.at("forces.us_advisers.reinforcements.0.personnel").file,
            "<--set 1>");
  EXPECT_EQ(r.loaded->provenance.at("forces.us_advisers.reinforcements.0.date").file,
            test::source_path(kMosul).string());
}

TEST(ScenarioOverrideTest, ReplacesAWholeListWithAFlowList) {
  const LoadResult r =
      load_with({"forces.us_advisers.reinforcements=[{date: 2015-03-01, personnel: 250}]"});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const auto& items = r.loaded->scenario.find_force("us_advisers")->reinforcements;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].date.to_string(), "2015-03-01");
  EXPECT_EQ(items[0].personnel, 250.0);
  const LoadResult emptied = load_with({"forces.us_advisers.reinforcements=[]"});
  ASSERT_TRUE(emptied.ok()) << test::describe(emptied);
  EXPECT_TRUE(emptied.loaded->scenario.find_force("us_advisers")->reinforcements.empty());
}

TEST(ScenarioOverrideTest, SetsDates) {
  const LoadResult r = load_with({"calendar.d_day=2015-04-15"});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.calendar.d_day.to_string(), "2015-04-15");
  const std::string arg = "calendar.d_day=2015-02-30";
  const LoadResult bad = load_with({arg});
  ASSERT_EQ(bad.diagnostics.size(), 1u) << test::describe(bad);
  EXPECT_EQ(bad.diagnostics[0].where, (SourceLocation{"<--set 1>", 1, column_in(arg, "2015")}));
  EXPECT_EQ(bad.diagnostics[0].path, "calendar.d_day");
  EXPECT_NE(bad.diagnostics[0].message.find("no such day in the calendar"), std::string::npos);
}

TEST(ScenarioOverrideTest, CreatesNewMapEntries) {
  const LoadResult r =
      load_with({"forces.militia={affiliation: iran_backed, role: reserve, personnel: 4000}",
                 "lines_of_effort.counter_propaganda.acts_on=morale",
                 "lines_of_effort.counter_propaganda.effect_per_day=0.001"});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const ForceElement* militia = r.loaded->scenario.find_force("militia");
  ASSERT_NE(militia, nullptr);
  EXPECT_EQ(militia->role, Role::kReserve);
  EXPECT_EQ(militia->personnel, 4000.0);
  bool found = false;
  for (const LineOfEffort& l : r.loaded->scenario.lines_of_effort) {
    if (l.name != "counter_propaganda") continue;
    found = true;
    EXPECT_EQ(l.acts_on, EffortTarget::kMorale);
    EXPECT_EQ(l.effect_per_day, 0.001);
  }
  EXPECT_TRUE(found);
}

TEST(ScenarioOverrideTest, CreatesAnOptionalBlockWithDefaults) {
  const LoadResult r = load_with({"forces.peshmerga.training.trainees=600"});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const auto& training = r.loaded->scenario.find_force("peshmerga")->training;
  ASSERT_TRUE(training.has_value());
  EXPECT_EQ(training->trainees, 600.0);
  EXPECT_EQ(training->course_days, Training{}.course_days);
  EXPECT_EQ(training->start, r.loaded->scenario.calendar.start);
}

TEST(ScenarioOverrideTest, AppliesInOrderSoTheLastWins) {
  const LoadResult r = load_with({"forces.isf.readiness=0.5", "forces.isf.readiness=0.6"});
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.find_force("isf")->readiness, 0.6);
  EXPECT_EQ(r.loaded->provenance.at("forces.isf.readiness").file, "<--set 2>");
}

TEST(ScenarioOverrideTest, AppliesOnTopOfOverlays) {
  const LoadResult r = load_with({"calendar.d_day=2015-05-01"}, "scenarios/mosul-2015/spring.yaml");
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.calendar.d_day.to_string(), "2015-05-01");
  EXPECT_EQ(r.loaded->provenance.at("calendar.d_day").file, "<--set 1>");
}

TEST(ScenarioOverrideTest, ChecksTheValueTypeLikeFileContent) {
  const std::string arg = "forces.isf.personnel=many";
  const LoadResult r = load_with({arg});
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.where, (SourceLocation{"<--set 1>", 1, column_in(arg, "many")}));
  EXPECT_EQ(d.path, "forces.isf.personnel");
  EXPECT_EQ(d.message, "expected a number (persons) >= 0, found 'many'");
  EXPECT_EQ(d.to_string(),
            "<--set 1>:1:22: error: forces.isf.personnel: expected a number "
            "(persons) >= 0, found 'many'");
}

TEST(ScenarioOverrideTest, ChecksRangesIntegersAndQuotes) {
  const LoadResult r = load_with({"forces.isf.readiness=1.5", "calendar.horizon_days=1.5",
                                  "forces.isf.quality=\"0.8\"", "model.combat_law=lanchester"});
  ASSERT_EQ(r.diagnostics.size(), 4u) << test::describe(r);
  // Binding reports in document order, not in --set order.
  std::vector<std::string> files;
  for (const Diagnostic& d : r.diagnostics.items()) files.push_back(d.where.file + " " + d.path);
  EXPECT_EQ(files, (std::vector<std::string>{
                       "<--set 2> calendar.horizon_days", "<--set 3> forces.isf.quality",
                       "<--set 1> forces.isf.readiness", "<--set 4> model.combat_law"}));
}

TEST(ScenarioOverrideTest, SuggestsKeysForUnknownPaths) {
  const std::string nested = "forces.isf.readines=0.5";
  const std::string top = "calender.d_day=2015-03-01";
  const LoadResult r = load_with({nested, top});
  ASSERT_EQ(r.diagnostics.size(), 2u) << test::describe(r);
  // A new top-level key comes after the file's keys.
  EXPECT_EQ(r.diagnostics[0].where,
            (SourceLocation{"<--set 1>", 1, column_in(nested, "readines")}));
  EXPECT_EQ(r.diagnostics[0].path, "forces.isf.readines");
  EXPECT_EQ(r.diagnostics[0].message, "unknown key");
  EXPECT_EQ(r.diagnostics[0].hint, "did you mean 'readiness'?");
  EXPECT_EQ(r.diagnostics[1].where, (SourceLocation{"<--set 2>", 1, 1}));
  EXPECT_EQ(r.diagnostics[1].path, "calender");
  EXPECT_EQ(r.diagnostics[1].hint, "did you mean 'calendar'?");
}

TEST(ScenarioOverrideTest, RejectsListIndexOutOfRange) {
  const LoadResult plain = load_with({});
  ASSERT_TRUE(plain.ok()) << test::describe(plain);
  const std::size_t n = plain.loaded->scenario.find_force("us_advisers")->reinforcements.size();
  ASSERT_GT(n, 0u);
  const std::string arg = "forces.us_advisers.reinforcements." + std::to_string(n) + ".personnel=1";
  const LoadResult r = load_with({arg});
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].where,
            (SourceLocation{"<--set 1>", 1, column_in(arg, "." + std::to_string(n) + ".") + 1}));
  EXPECT_EQ(r.diagnostics[0].path, "forces.us_advisers.reinforcements." + std::to_string(n));
  const std::string expected = "expected an index from 0 to " + std::to_string(n - 1);
  EXPECT_NE(r.diagnostics[0].message.find(expected), std::string::npos) << r.diagnostics[0].message;
}

TEST(ScenarioOverrideTest, RejectsMalformedArguments) {
  const LoadResult r =
      load_with({"forces.isf.personnel", "=5", "forces..personnel=5",
                 "forces.isf.personnel.extra=5", "extends=other.yaml", "forces.isf.personnel=[1,"});
  ASSERT_EQ(r.diagnostics.size(), 6u) << test::describe(r);
  const auto& d = r.diagnostics;
  EXPECT_EQ(d[0].where, (SourceLocation{"<--set 1>", 1, 1}));
  EXPECT_NE(d[0].message.find("expected key.path=value"), std::string::npos);
  EXPECT_EQ(d[1].where, (SourceLocation{"<--set 2>", 1, 1}));
  EXPECT_EQ(d[2].where, (SourceLocation{"<--set 3>", 1, 8}));
  EXPECT_NE(d[2].message.find("expected a key between the dots"), std::string::npos);
  EXPECT_EQ(d[3].where, (SourceLocation{"<--set 4>", 1, 22}));
  EXPECT_EQ(d[3].path, "forces.isf.personnel.extra");
  EXPECT_NE(d[3].message.find("cannot set a key inside '"), std::string::npos) << d[3].message;
  EXPECT_EQ(d[4].where.file, "<--set 5>");
  EXPECT_EQ(d[4].path, "extends");
  EXPECT_EQ(d[5].where.file, "<--set 6>");
  EXPECT_NE(d[5].message.find("YAML syntax error"), std::string::npos);
}

TEST(ScenarioOverrideTest, ReportsOverrideAndFileErrorsTogether) {
  const std::string text =
      test::replace_once(test::minimal_scenario_text(), "role: assault", "role: asault");
  const LoadResult r = load_scenario_text(text, "m.yaml", {"adversary.fighters=-1"});
  ASSERT_EQ(r.diagnostics.size(), 2u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].where.file, "m.yaml");
  EXPECT_EQ(r.diagnostics[1].where.file, "<--set 1>");
}

TEST(ScenarioOverrideTest, RejectsIncompleteNewEntry) {
  // A new element from --set must be complete, like one written in a file.
  const std::string arg = "forces.isff.personnel=1";
  const LoadResult r = load_with({arg});
  ASSERT_EQ(r.diagnostics.size(), 2u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].path, "forces.isff.affiliation");
  EXPECT_EQ(r.diagnostics[1].path, "forces.isff.role");
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{"<--set 1>", 1, column_in(arg, "isff")}));
}

TEST(ScenarioOverrideTest, CrossFieldChecksSeeOverriddenValues) {
  const std::string arg = "calendar.d_day=2016-06-01";
  const LoadResult r = load_with({arg});
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].path, "calendar.d_day");
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{"<--set 1>", 1, column_in(arg, "2016")}));
  EXPECT_NE(r.diagnostics[0].message.find("inside the horizon"), std::string::npos);
}

}  // namespace
}  // namespace sandtable
