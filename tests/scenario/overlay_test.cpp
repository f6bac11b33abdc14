// `extends` overlays: deep merge of maps, replacement of lists and scalars,
// null removal, chains, cycles, and where each resolved value came from.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

namespace fs = std::filesystem;

std::string overlay_file(const std::string& name) {
  return test::source_path("tests/data/overlays/" + name).string();
}

LoadedScenario load_ok(const std::string& path) {
  LoadResult r = load_scenario(path);
  EXPECT_TRUE(r.ok()) << test::describe(r);
  return r.ok() ? std::move(*r.loaded) : LoadedScenario{};
}

TEST(ScenarioOverlayTest, ReplacesScalars) {
  const LoadedScenario base = load_ok(overlay_file("base.yaml"));
  const LoadedScenario middle = load_ok(overlay_file("middle.yaml"));
  EXPECT_EQ(base.scenario.calendar.d_day.to_string(), "2015-03-01");
  EXPECT_EQ(middle.scenario.calendar.d_day.to_string(), "2015-04-01");
  EXPECT_EQ(middle.scenario.calendar.start.to_string(), "2015-01-01") << "siblings are inherited";
  EXPECT_EQ(middle.scenario.calendar.horizon_days, 200);
  EXPECT_EQ(middle.scenario.name, "Overlay middle");
  EXPECT_EQ(middle.scenario.description, base.scenario.description);
}

TEST(ScenarioOverlayTest, MergesMapsDeeply) {
  const LoadedScenario middle = load_ok(overlay_file("middle.yaml"));
  const ForceElement* isf = middle.scenario.find_force("isf");
  ASSERT_NE(isf, nullptr);
  EXPECT_EQ(isf->cohesion.initial, 0.9);     // set by middle.yaml
  EXPECT_EQ(isf->cohesion.breakpoint, 0.3);  // inherited from base.yaml, same block
  EXPECT_EQ(isf->readiness, 0.4);            // inherited, same element
  EXPECT_EQ(isf->label, "Assault force");
  ASSERT_EQ(middle.scenario.lines_of_effort.size(), 1u);
  EXPECT_EQ(middle.scenario.lines_of_effort[0].effect_per_day, 0.005);
  EXPECT_EQ(middle.scenario.lines_of_effort[0].acts_on, EffortTarget::kFinance);
  EXPECT_NE(middle.scenario.find_force("advisers"), nullptr) << "untouched entries stay";
}

TEST(ScenarioOverlayTest, ReplacesListsWhole) {
  const LoadedScenario base = load_ok(overlay_file("base.yaml"));
  const LoadedScenario middle = load_ok(overlay_file("middle.yaml"));
  ASSERT_EQ(base.scenario.find_force("isf")->reinforcements.size(), 2u);
  const auto& reinf = middle.scenario.find_force("isf")->reinforcements;
  ASSERT_EQ(reinf.size(), 1u) << "the overlay's one item replaces both base items";
  EXPECT_EQ(reinf[0].date.to_string(), "2015-05-01");
  EXPECT_EQ(reinf[0].personnel, 500.0);
}

TEST(ScenarioOverlayTest, NullRemovesInheritedEntryAndBlock) {
  const LoadedScenario base = load_ok(overlay_file("base.yaml"));
  const LoadedScenario middle = load_ok(overlay_file("middle.yaml"));
  EXPECT_NE(base.scenario.find_force("peshmerga"), nullptr);
  EXPECT_EQ(middle.scenario.find_force("peshmerga"), nullptr);
  EXPECT_TRUE(base.scenario.find_force("isf")->training.has_value());
  EXPECT_FALSE(middle.scenario.find_force("isf")->training.has_value());
  for (const auto& [path, where] : middle.provenance) {
    EXPECT_NE(path.rfind("forces.peshmerga.", 0), 0u) << path << " should be gone";
    EXPECT_NE(path.rfind("forces.isf.training.", 0), 0u) << path << " should be gone";
  }
}

TEST(ScenarioOverlayTest, AddsNewMapEntries) {
  const LoadedScenario middle = load_ok(overlay_file("middle.yaml"));
  const ForceElement* militia = middle.scenario.find_force("militia");
  ASSERT_NE(militia, nullptr);
  EXPECT_EQ(militia->role, Role::kReserve);
  EXPECT_EQ(militia->personnel, 4000.0);
  EXPECT_EQ(middle.scenario.forces.size(), 3u);  // advisers, isf, militia
}

TEST(ScenarioOverlayTest, ResolvesThreeLevelChainRelativeToEachFile) {
  // variants/top.yaml -> ../middle.yaml -> base.yaml
  const LoadedScenario top = load_ok(overlay_file("variants/top.yaml"));
  const Scenario& s = top.scenario;
  EXPECT_EQ(s.name, "Overlay top");
  EXPECT_EQ(s.find_force("isf")->personnel, 12000.0);     // top
  EXPECT_EQ(s.adversary.fighters, 2500.0);                // top
  EXPECT_EQ(s.calendar.d_day.to_string(), "2015-04-01");  // middle
  EXPECT_EQ(s.find_force("isf")->cohesion.initial, 0.9);  // middle
  EXPECT_EQ(s.find_force("peshmerga"), nullptr);          // removed in middle
  EXPECT_EQ(s.adversary.morale.breakpoint, 0.2);          // base
  EXPECT_EQ(s.calendar.horizon_days, 200);                // base
  ASSERT_TRUE(s.environment.city.has_value());
  EXPECT_EQ(s.environment.city->population, 100000.0);  // base
}

TEST(ScenarioOverlayTest, ValuesKeepTheLocationOfTheFileThatSetThem) {
  const LoadedScenario top = load_ok(overlay_file("variants/top.yaml"));
  const Provenance& p = top.provenance;
  EXPECT_EQ(p.at("forces.isf.personnel").file, overlay_file("variants/top.yaml"));
  EXPECT_EQ(p.at("calendar.d_day").file, overlay_file("middle.yaml"));
  EXPECT_EQ(p.at("forces.isf.reinforcements.0.date").file, overlay_file("middle.yaml"));
  EXPECT_EQ(p.at("forces.isf.cohesion.initial").file, overlay_file("middle.yaml"));
  EXPECT_EQ(p.at("forces.isf.cohesion.breakpoint").file, overlay_file("base.yaml"));
  EXPECT_EQ(p.at("calendar.start").file, overlay_file("base.yaml"));
  EXPECT_EQ(p.at("calendar.d_day"), (SourceLocation{overlay_file("middle.yaml"), 5, 10}));
  EXPECT_FALSE(p.contains("extends"));
}

TEST(ScenarioOverlayTest, ShippedSpringValueHasSpringLocation) {
  const std::string spring = test::source_path("scenarios/mosul-2015/spring.yaml").string();
  const std::string base = test::source_path("scenarios/mosul-2015/base.yaml").string();
  const LoadedScenario s = load_ok(spring);
  const std::string text = test::read_file(spring);
  const std::size_t at = text.find("d_day:");
  ASSERT_NE(at, std::string::npos);
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const int column =
      static_cast<int>(at - text.rfind('\n', at)) + static_cast<int>(std::string("d_day: ").size());
  EXPECT_EQ(s.provenance.at("calendar.d_day"), (SourceLocation{spring, line, column}));
  EXPECT_EQ(s.provenance.at("name").file, spring);
  EXPECT_EQ(s.provenance.at("calendar.start").file, base);
  EXPECT_EQ(s.provenance.at("forces.isf.readiness").file, base);
  EXPECT_EQ(s.scenario.calendar.d_day.to_string(), text.substr(at + 7, 10))
      << "the value read is the one written in spring.yaml";
}

TEST(ScenarioOverlayTest, OverlayMatchesEquivalentStandaloneFile) {
  // The same values written in one file hash the same as the chain.
  const LoadedScenario top = load_ok(overlay_file("variants/top.yaml"));
  const LoadResult flat = load_scenario_text(to_yaml(top.scenario), "flat.yaml");
  ASSERT_TRUE(flat.ok()) << test::describe(flat);
  EXPECT_EQ(scenario_hash(flat.loaded->scenario), scenario_hash(top.scenario));
}

TEST(ScenarioOverlayTest, AcceptsAbsoluteExtendsPath) {
  test::TempDir dir;
  const fs::path overlay =
      dir.write("abs.yaml", "extends: " + overlay_file("base.yaml") + "\nname: \"Absolute\"\n");
  const LoadedScenario s = load_ok(overlay.string());
  EXPECT_EQ(s.scenario.name, "Absolute");
  EXPECT_EQ(s.provenance.at("calendar.start").file, overlay_file("base.yaml"));
}

TEST(ScenarioOverlayTest, ReportsThreeFileCycleWhereItCloses) {
  test::TempDir dir;
  dir.write("a.yaml", "extends: b.yaml\nname: \"A\"\n");
  dir.write("b.yaml", "extends: sub/c.yaml\n");
  const fs::path c = dir.write("sub/c.yaml", "# the cycle closes here\nextends: ../a.yaml\n");
  const LoadResult r = load_scenario((dir.path() / "a.yaml").string());
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  EXPECT_EQ(r.exit_code(), ExitCode::kInvalidInput);
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{c.string(), 2, 10}));
  EXPECT_EQ(r.diagnostics[0].path, "extends");
  const std::string& m = r.diagnostics[0].message;
  EXPECT_NE(m.find("a.yaml -> "), std::string::npos) << m;
  EXPECT_NE(m.find("b.yaml -> "), std::string::npos) << m;
  EXPECT_NE(m.find("c.yaml -> "), std::string::npos) << m;
}

TEST(ScenarioOverlayTest, ExtendingTheSameBaseTwiceInAChainIsNotACycle) {
  // a -> b -> base and a standalone load of b: no cycle either way.
  test::TempDir dir;
  dir.write("b.yaml", "extends: " + overlay_file("base.yaml") + "\n");
  const fs::path a = dir.write("a.yaml", "extends: b.yaml\nname: \"A\"\n");
  EXPECT_EQ(load_ok(a.string()).scenario.name, "A");
  EXPECT_EQ(load_ok((dir.path() / "b.yaml").string()).scenario.name, "Overlay base");
}

TEST(ScenarioOverlayTest, NullWithoutAnInheritedEntryIsAnError) {
  const LoadResult r =
      load_scenario_text("extends: base.yaml\nforces:\n  peshmerag: null\n  isf:\n    air: null\n",
                         "o.yaml", {}, test::source_path("tests/data/overlays").string());
  ASSERT_EQ(r.diagnostics.size(), 2u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].path, "forces.peshmerag");
  EXPECT_EQ(r.diagnostics[0].where.line, 3);
  EXPECT_EQ(r.diagnostics[0].where.column, 3);
  EXPECT_EQ(r.diagnostics[0].hint, "did you mean 'peshmerga'?");
  EXPECT_EQ(r.diagnostics[1].path, "forces.isf.air");
  EXPECT_EQ(r.diagnostics[1].where.line, 5);
}

}  // namespace
}  // namespace sandtable
