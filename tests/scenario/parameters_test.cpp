// Typed access by dotted path (ParameterRef) and scenario differences
// (diff_paths, copy_path, value_text) from include/sandtable/parameters.hpp.
#include "sandtable/parameters.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

Scenario load_ok(const std::string& relative, const std::vector<std::string>& overrides = {}) {
  LoadResult r = load_scenario(test::source_path(relative).string(), overrides);
  EXPECT_TRUE(r.ok()) << relative << "\n" << test::describe(r);
  return r.ok() ? std::move(r.loaded->scenario) : Scenario{};
}

// The reference at `path`; throws (failing the test with the message) if the
// path does not resolve.
ParameterRef resolve_ok(Scenario& s, const std::string& path) {
  Diagnostic error;
  auto ref = ParameterRef::resolve(s, path, error);
  if (!ref) throw std::runtime_error(path + ": " + error.message);
  return *ref;
}

// ---- diff_paths ------------------------------------------------------------------

TEST(ScenarioDiffTest, ListsTheMinimalUnitsInSchemaOrder) {
  const Scenario base = load_ok("tests/data/overlays/base.yaml");
  const Scenario top = load_ok("tests/data/overlays/variants/top.yaml");
  EXPECT_EQ(diff_paths(base, top),
            (std::vector<std::string>{
                "calendar.d_day",
                "forces.isf.personnel",
                "forces.isf.reinforcements",  // lengths differ: the whole list
                "forces.isf.cohesion.initial",
                "forces.isf.training",  // present in one only: the whole block
                "forces.militia",       // entry in one only: the whole entry
                "forces.peshmerga",
                "adversary.fighters",
                "lines_of_effort.counter_financing.effect_per_day",
            }));
  EXPECT_TRUE(diff_paths(base, base).empty());
  EXPECT_TRUE(diff_paths(base, load_ok("tests/data/scenarios/reordered.yaml")).empty())
      << "labels are not differences";
}

TEST(ScenarioDiffTest, ComparesListsOfEqualLengthItemByItem) {
  const Scenario a = load_ok("tests/data/overlays/base.yaml");
  const Scenario b =
      load_ok("tests/data/overlays/base.yaml", {"forces.isf.reinforcements.1.personnel=2500"});
  EXPECT_EQ(diff_paths(a, b), (std::vector<std::string>{"forces.isf.reinforcements.1.personnel"}));
}

// ---- copy_path ---------------------------------------------------------------------

void expect_copying_all_differences_gives(const std::string& from, const std::string& to) {
  SCOPED_TRACE(from + " -> " + to);
  Scenario a = load_ok(from);
  const Scenario b = load_ok(to);
  const std::vector<std::string> paths = diff_paths(a, b);
  ASSERT_FALSE(paths.empty());
  ASSERT_NE(scenario_hash(a), scenario_hash(b));
  for (const std::string& p : paths) EXPECT_TRUE(copy_path(a, b, p)) << p;
  EXPECT_EQ(scenario_hash(a), scenario_hash(b));
  EXPECT_TRUE(diff_paths(a, b).empty());
}

TEST(ScenarioDiffTest, CopyingEveryDifferenceMakesTheHashesEqual) {
  expect_copying_all_differences_gives("tests/data/overlays/base.yaml",
                                       "tests/data/overlays/variants/top.yaml");
  expect_copying_all_differences_gives("tests/data/overlays/variants/top.yaml",
                                       "tests/data/overlays/base.yaml");
  expect_copying_all_differences_gives("scenarios/mosul-2015/base.yaml",
                                       "scenarios/mosul-2015/spring.yaml");
  expect_copying_all_differences_gives("tests/data/scenarios/minimal.yaml",
                                       "scenarios/mosul-2015/base.yaml");
  expect_copying_all_differences_gives("scenarios/mosul-2015/base.yaml",
                                       "scenarios/validation/iwo-jima.yaml");
}

TEST(ScenarioDiffTest, CopyPathAddsAndRemovesEntriesAndBlocks) {
  Scenario a = load_ok("tests/data/overlays/base.yaml");
  const Scenario top = load_ok("tests/data/overlays/variants/top.yaml");
  ASSERT_TRUE(copy_path(a, top, "forces.militia"));
  ASSERT_NE(a.find_force("militia"), nullptr);
  EXPECT_EQ(a.find_force("militia")->personnel, 4000.0);
  EXPECT_TRUE(std::is_sorted(a.forces.begin(), a.forces.end(),
                             [](const auto& x, const auto& y) { return x.name < y.name; }));
  ASSERT_TRUE(copy_path(a, top, "forces.peshmerga"));
  EXPECT_EQ(a.find_force("peshmerga"), nullptr);
  ASSERT_TRUE(copy_path(a, top, "forces.isf.training"));
  EXPECT_FALSE(a.find_force("isf")->training.has_value());
}

TEST(ScenarioDiffTest, CopyPathRejectsPathsThatDoNotResolve) {
  Scenario a = load_ok("tests/data/overlays/base.yaml");
  const Scenario b = load_ok("tests/data/overlays/variants/top.yaml");
  const std::string before = scenario_hash(a);
  EXPECT_FALSE(copy_path(a, b, "forces.isf.readines"));
  EXPECT_FALSE(copy_path(a, b, "calendar.d_day.year"));
  EXPECT_FALSE(copy_path(a, b, "forces.nobody.personnel"));
  EXPECT_FALSE(copy_path(a, b, "forces.isf.reinforcements.9.date"));
  EXPECT_EQ(scenario_hash(a), before);
}

// ---- value_text ----------------------------------------------------------------------

TEST(ScenarioDiffTest, ValueTextWritesValuesAsInAFile) {
  const Scenario s = load_ok("tests/data/overlays/variants/top.yaml");
  EXPECT_EQ(value_text(s, "forces.isf.readiness"), "0.4");
  EXPECT_EQ(value_text(s, "calendar.d_day"), "2015-04-01");
  EXPECT_EQ(value_text(s, "forces.isf.role"), "assault");
  EXPECT_EQ(value_text(s, "forces.militia.may_enter_city"), "true");
  EXPECT_EQ(value_text(s, "forces.isf.reinforcements"), "[{date: 2015-05-01, personnel: 500}]");
  EXPECT_EQ(value_text(s, "forces.isf.reinforcements.0"), "{date: 2015-05-01, personnel: 500}");
  EXPECT_EQ(value_text(s, "lines_of_effort.counter_financing"),
            "{acts_on: finance, effect_per_day: 0.005, start: 2015-01-01, floor: 0}");
  EXPECT_EQ(value_text(s, "forces.isf.training"), "(absent)");
  EXPECT_EQ(value_text(s, "forces.peshmerga"), "(absent)");
  EXPECT_EQ(value_text(s, "forces.isf.nothing"), "(absent)");
  const Scenario base = load_ok("tests/data/overlays/base.yaml");
  EXPECT_EQ(value_text(base, "forces.isf.training"),
            "{trainees: 5000, course_days: 42, trained_readiness: 0.8, start: 2015-01-01}");
}

// ---- ParameterRef ------------------------------------------------------------------

TEST(ScenarioParameterTest, ResolvesAFractionAndChecksItsRange) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "forces.isf.readiness");
  EXPECT_EQ(ref.info().kind, ParameterKind::kNumber);
  EXPECT_EQ(ref.info().min, 0.0);
  EXPECT_EQ(ref.info().max, 1.0);
  EXPECT_FALSE(ref.info().doc.empty());
  EXPECT_EQ(ref.get(), 0.4);
  EXPECT_EQ(ref.set(0.6), "");
  EXPECT_EQ(s.find_force("isf")->readiness, 0.6);
  EXPECT_EQ(ref.get_text(), "0.6");
  EXPECT_EQ(ref.set(1.5), "forces.isf.readiness: expected a fraction from 0 to 1, found 1.5");
  EXPECT_EQ(ref.set(-0.1), "forces.isf.readiness: expected a fraction from 0 to 1, found -0.1");
  EXPECT_EQ(s.find_force("isf")->readiness, 0.6) << "a rejected value changes nothing";
  EXPECT_NE(ref.set(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_NE(ref.set(std::numeric_limits<double>::infinity()), "");
  EXPECT_EQ(s.find_force("isf")->readiness, 0.6);
}

TEST(ScenarioParameterTest, HonoursExclusiveMinimum) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "forces.isf.quality");
  EXPECT_TRUE(ref.info().min_exclusive);
  EXPECT_NE(ref.set(0.0), "");
  EXPECT_EQ(ref.set(0.01), "");
}

TEST(ScenarioParameterTest, IntegersMustBeWholeAndInRange) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "calendar.horizon_days");
  EXPECT_EQ(ref.info().kind, ParameterKind::kInteger);
  EXPECT_NE(ref.set(1.5).find("whole number"), std::string::npos);
  EXPECT_NE(ref.set(0).find("from 1 to 36500"), std::string::npos);
  EXPECT_NE(ref.set(1e12), "");
  EXPECT_EQ(s.calendar.horizon_days, 200);
  EXPECT_EQ(ref.set(250), "");
  EXPECT_EQ(s.calendar.horizon_days, 250);
  EXPECT_NE(ref.set_text("1.5").find("not a whole number"), std::string::npos);
}

TEST(ScenarioParameterTest, BooleansTakeZeroOrOne) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "forces.peshmerga.may_enter_city");
  EXPECT_EQ(ref.info().kind, ParameterKind::kBoolean);
  EXPECT_EQ(ref.get(), 0.0);
  EXPECT_NE(ref.set(0.5), "");
  EXPECT_EQ(ref.set(1), "");
  EXPECT_TRUE(s.find_force("peshmerga")->may_enter_city);
  EXPECT_EQ(ref.set_text("false"), "");
  EXPECT_FALSE(s.find_force("peshmerga")->may_enter_city);
  EXPECT_NE(ref.set_text("yes"), "");
}

TEST(ScenarioParameterTest, DatesAreDaysSinceEpoch) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "calendar.d_day");
  EXPECT_EQ(ref.info().kind, ParameterKind::kDate);
  EXPECT_EQ(ref.get(), static_cast<double>(Date::parse("2015-03-01")->days()));
  EXPECT_EQ(ref.set(ref.get() + 31), "");
  EXPECT_EQ(ref.get_text(), "2015-04-01");
  EXPECT_NE(ref.set(0.5), "");
  EXPECT_NE(ref.set_text("2015-02-30").find("no such day"), std::string::npos);
  EXPECT_EQ(ref.set_text("2015-05-20"), "");
  EXPECT_EQ(s.calendar.d_day.to_string(), "2015-05-20");
  // An optional date that defaulted to calendar.start is a value too.
  const ParameterRef arrival = resolve_ok(s, "forces.isf.arrival");
  EXPECT_EQ(arrival.get_text(), "2015-01-01");
}

TEST(ScenarioParameterTest, ChoicesAreIndices) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const ParameterRef ref = resolve_ok(s, "model.combat_law");
  EXPECT_EQ(ref.info().kind, ParameterKind::kChoice);
  EXPECT_EQ(ref.info().choices,
            (std::vector<std::string>{"square", "linear", "logarithmic", "mixed", "urban"}));
  EXPECT_EQ(ref.set(1), "");
  EXPECT_EQ(s.model.combat_law, CombatLaw::kLinear);
  EXPECT_NE(ref.set(5), "");
  EXPECT_NE(ref.set(-1), "");
  EXPECT_NE(ref.set(0.5), "");
  EXPECT_EQ(ref.set_text("mixed"), "");
  EXPECT_EQ(s.model.combat_law, CombatLaw::kMixed);
  EXPECT_NE(ref.set_text("mixd"), "");
  EXPECT_EQ(ref.get_text(), "mixed");
}

TEST(ScenarioParameterTest, ChangingAValueChangesTheHash) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  const std::string before = scenario_hash(s);
  const ParameterRef ref = resolve_ok(s, "forces.isf.reinforcements.1.personnel");
  EXPECT_EQ(ref.get(), 2000.0);
  EXPECT_EQ(ref.set(2001), "");
  EXPECT_NE(scenario_hash(s), before);
  EXPECT_EQ(ref.set(2000), "");
  EXPECT_EQ(scenario_hash(s), before);
}

TEST(ScenarioParameterTest, ResolveExplainsWhatIsWrong) {
  Scenario s = load_ok("tests/data/overlays/base.yaml");
  struct Case {
    std::string path;
    std::string error_path;  // where the path stops resolving
    std::string message_part;
    std::string hint;
  };
  const std::vector<Case> cases = {
      {"forces.isf.readines", "forces.isf.readines", "unknown key", "did you mean 'readiness'?"},
      {"calender.d_day", "calender", "unknown key", "did you mean 'calendar'?"},
      {"forces.ifs.personnel", "forces.ifs", "no entry named 'ifs'", "did you mean 'isf'?"},
      {"forces.isf.reinforcements.2.date", "forces.isf.reinforcements.2",
       "expected an index from 0 to 1, found '2'", ""},
      {"forces.isf.reinforcements.x.date", "forces.isf.reinforcements.x", "found 'x'", ""},
      {"forces.peshmerga.training.trainees", "forces.peshmerga.training", "has no 'training' block",
       ""},
      {"calendar.d_day.year", "calendar.d_day", "is a single value", ""},
      {"forces.isf", "forces.isf", "expected a single value", ""},
      {"forces.isf.cohesion", "forces.isf.cohesion", "expected a single value", ""},
  };
  for (const Case& c : cases) {
    Diagnostic error;
    EXPECT_FALSE(ParameterRef::resolve(s, c.path, error).has_value()) << c.path;
    EXPECT_EQ(error.path, c.error_path) << c.path;
    EXPECT_NE(error.message.find(c.message_part), std::string::npos)
        << c.path << ": " << error.message;
    EXPECT_EQ(error.message.find(c.error_path + ":"), std::string::npos)
        << "the message repeats the path: " << error.message;
    EXPECT_EQ(error.hint, c.hint) << c.path;
  }
}

}  // namespace
}  // namespace sandtable
