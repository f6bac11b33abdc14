// The resolved scenario as YAML (`to_yaml`), as flat (path, value) pairs
// (`flatten`) and as a content hash (`scenario_hash`).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

namespace fs = std::filesystem;

Scenario load_ok(const std::string& relative, const std::vector<std::string>& overrides = {}) {
  LoadResult r = load_scenario(test::source_path(relative).string(), overrides);
  EXPECT_TRUE(r.ok()) << relative << "\n" << test::describe(r);
  return r.ok() ? std::move(r.loaded->scenario) : Scenario{};
}

// Every valid scenario file the suite knows: shipped ones and fixtures.
std::vector<std::string> valid_files() {
  std::vector<std::string> out;
  for (const char* dir : {"scenarios", "tests/data/scenarios", "tests/data/overlays"}) {
    for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir))) {
      if (e.is_regular_file() && e.path().extension() == ".yaml") {
        out.push_back(fs::relative(e.path(), test::source_path("")).generic_string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ScenarioRoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioRoundTripTest, ReloadedYamlHasSameHashAndValues) {
  const Scenario original = load_ok(GetParam());
  const std::string yaml = to_yaml(original);
  const LoadResult again = load_scenario_text(yaml, "resolved.yaml");
  ASSERT_TRUE(again.ok()) << test::describe(again) << yaml;
  const Scenario& copy = again.loaded->scenario;
  EXPECT_EQ(scenario_hash(copy), scenario_hash(original));
  EXPECT_EQ(flatten(copy, true), flatten(original, true)) << "labels and names survive too";
  EXPECT_EQ(to_yaml(copy), yaml) << "writing is idempotent";
  // Valid YAML for any reader: no raw control characters but line ends.
  for (char c : yaml) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(c == '\n' || (u >= 0x20 && u != 0x7f)) << "raw byte " << static_cast<int>(u);
  }
}

std::string file_case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioRoundTripTest, ::testing::ValuesIn(valid_files()),
                         file_case_name);

TEST(ScenarioHashTest, IsLowerCaseHexSha256AndStable) {
  const std::string h = scenario_hash(load_ok("tests/data/scenarios/minimal.yaml"));
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_EQ(scenario_hash(load_ok("tests/data/scenarios/minimal.yaml")), h);
}

TEST(ScenarioHashTest, IgnoresKeyOrderCommentsLabelsAndSpelling) {
  // reordered.yaml: other order, flow style, comments, labels, explicit
  // defaults, 1.0e5 for 100000, 0.40 for 0.4.
  const Scenario base = load_ok("tests/data/overlays/base.yaml");
  const Scenario reordered = load_ok("tests/data/scenarios/reordered.yaml");
  EXPECT_EQ(scenario_hash(reordered), scenario_hash(base));
  EXPECT_EQ(flatten(reordered), flatten(base));
  EXPECT_NE(flatten(reordered, true), flatten(base, true)) << "the labels do differ";
  EXPECT_NE(reordered.name, base.name);
}

TEST(ScenarioHashTest, IgnoresLabelsNamesAndDescriptions) {
  const std::string h = scenario_hash(load_ok("tests/data/scenarios/minimal.yaml"));
  EXPECT_EQ(scenario_hash(load_ok("tests/data/scenarios/minimal.yaml",
                                  {"name=\"Other\"", "description=\"Words\"",
                                   "forces.isf.label=\"Label\"", "adversary.label=\"Them\""})),
            h);
}

TEST(ScenarioHashTest, IgnoresWhichFileSetAValue) {
  // middle.yaml sets a value equal to the one it inherits: same scenario.
  test::TempDir dir;
  const std::string base = test::source_path("tests/data/overlays/base.yaml").string();
  const fs::path same =
      dir.write("same.yaml", "extends: " + base + "\ncalendar:\n  d_day: 2015-03-01\n");
  const LoadResult r = load_scenario(same.string());
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->provenance.at("calendar.d_day").file, same.string());
  EXPECT_EQ(scenario_hash(r.loaded->scenario),
            scenario_hash(load_ok("tests/data/overlays/base.yaml")));
}

TEST(ScenarioHashTest, ChangesWithEveryModelValue) {
  const std::vector<std::string> changes = {
      "forces.isf.personnel=1001",
      "forces.isf.readiness=0.99",
      "calendar.d_day=2015-02-02",
      "calendar.horizon_days=101",
      "model.combat_law=linear",
      "forces.isf.may_enter_city=false",
      "forces.isf.arrival=2015-01-02",
      "forces.isf.training.trainees=10",
      "forces.isf.reinforcements=[{date: 2015-03-01, personnel: 1}]",
      "forces.reserve={affiliation: kurdish, role: reserve, personnel: 1}",
      "adversary.fighters=501",
      "environment.weather.jan.flyable_fraction=0.5",
      "analysis.criteria=\"not success\"",
  };
  std::set<std::string> hashes = {scenario_hash(load_ok("tests/data/scenarios/minimal.yaml"))};
  for (const std::string& change : changes) {
    const std::string h = scenario_hash(load_ok("tests/data/scenarios/minimal.yaml", {change}));
    EXPECT_TRUE(hashes.insert(h).second) << change << " did not change the hash";
  }
}

TEST(ScenarioHashTest, ExplicitDefaultsHashLikeOmittedOnes) {
  const Scenario implicit = load_ok("tests/data/scenarios/minimal.yaml");
  const Scenario explicit_defaults = load_ok(
      "tests/data/scenarios/minimal.yaml",
      {"forces.isf.readiness=" + std::to_string(ForceElement{}.readiness),
       "forces.isf.arrival=2015-01-01", "model.combat_law=urban", "forces.isf.side=coalition"});
  EXPECT_EQ(scenario_hash(explicit_defaults), scenario_hash(implicit));
}

TEST(ScenarioHashTest, FlattenIndexesListsAndSkipsLabelsUnlessAsked) {
  const Scenario s = load_ok("tests/data/overlays/base.yaml");
  const auto flat = flatten(s);
  const auto has = [](const auto& rows, const std::string& path) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const auto& row) { return row.first == path; });
  };
  EXPECT_TRUE(has(flat, "forces.isf.reinforcements.1.date"));
  EXPECT_TRUE(has(flat, "forces.isf.training.start")) << "derived defaults are values too";
  EXPECT_FALSE(has(flat, "forces.isf.reinforcements.2.date"));
  EXPECT_FALSE(has(flat, "forces.isf.label"));
  EXPECT_FALSE(has(flat, "name"));
  EXPECT_FALSE(has(flat, "forces.isf.air")) << "absent blocks are absent";
  const auto with_labels = flatten(s, true);
  EXPECT_TRUE(has(with_labels, "forces.isf.label"));
  EXPECT_TRUE(has(with_labels, "name"));
  EXPECT_GT(with_labels.size(), flat.size());
  for (const auto& [path, value] : flat) EXPECT_FALSE(value.empty()) << path;
}

}  // namespace
}  // namespace sandtable
