// Reading scenario files: the shipped scenarios, defaults, the acceptance case
// of a mistyped key, I/O errors and text-level details (CRLF, UTF-8).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

namespace fs = std::filesystem;

// 1-based line and column of the first occurrence of `needle` in `text`.
std::pair<int, int> position_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  const std::size_t line_start = text.rfind('\n', at);
  const int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  const int column =
      static_cast<int>(at - (line_start == std::string::npos ? 0 : line_start + 1)) + 1;
  return {line, column};
}

// ---- Every shipped scenario --------------------------------------------------

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  const fs::path root = test::source_path("scenarios");
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") {
      out.push_back(fs::relative(e.path(), test::source_path("")).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class ScenarioShippedFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioShippedFileTest, LoadsWithoutDiagnostics) {
  const LoadResult r = load_scenario(test::source_path(GetParam()).string());
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.exit_code(), ExitCode::kOk);
  EXPECT_FALSE(r.loaded->scenario.forces.empty());
  EXPECT_TRUE(check_scenario(r.loaded->scenario).empty());
}

TEST_P(ScenarioShippedFileTest, PointsEditorsAtTheCommittedSchema) {
  const fs::path file = test::source_path(GetParam());
  const std::string text = test::read_file(file);
  const std::string marker = "# yaml-language-server: $schema=";
  ASSERT_EQ(text.rfind(marker, 0), 0u) << GetParam() << " should start with '" << marker << "...'";
  const std::string target = text.substr(marker.size(), text.find('\n') - marker.size());
  EXPECT_EQ((file.parent_path() / target).lexically_normal(),
            test::source_path("docs/scenario.schema.json"));
}

std::string file_case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioShippedFileTest,
                         ::testing::ValuesIn(shipped_scenarios()), file_case_name);

TEST(ScenarioShippedFileListTest, FindsTheShippedScenarios) {
  const auto files = shipped_scenarios();
  EXPECT_NE(std::find(files.begin(), files.end(), "scenarios/mosul-2015/base.yaml"), files.end());
  EXPECT_NE(std::find(files.begin(), files.end(), "scenarios/mosul-2015/spring.yaml"), files.end());
}

// ---- The acceptance case -------------------------------------------------------

TEST(ScenarioLoaderTest, ReportsMistypedKeyInShippedScenarioOnce) {
  const std::string text =
      test::replace_once(test::mosul_base_text(), "    readiness: 0.35", "    readines: 0.35");
  const std::string dir = test::source_path("scenarios/mosul-2015").string();
  const LoadResult r = load_scenario_text(text, "base.yaml", {}, dir);
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.exit_code(), ExitCode::kInvalidInput);
  const Diagnostic& d = r.diagnostics[0];
  const auto [line, column] = position_of(text, "readines:");
  const std::string file = (fs::path(dir) / "base.yaml").string();
  EXPECT_EQ(d.where, (SourceLocation{file, line, column}));
  EXPECT_EQ(d.path, "forces.isf.readines");
  EXPECT_EQ(d.message, "unknown key");
  EXPECT_EQ(d.hint, "did you mean 'readiness'?");
  EXPECT_EQ(d.to_string(),
            file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                ": error: forces.isf.readines: unknown key; did you mean 'readiness'?");
}

TEST(ScenarioLoaderTest, LocatesMistypedKeyInBaseWhenLoadingAnOverlay) {
  test::TempDir dir;
  const std::string base =
      test::replace_once(test::mosul_base_text(), "    readiness: 0.35", "    readines: 0.35");
  const fs::path base_path = dir.write("base.yaml", base);
  const fs::path spring = dir.write(
      "spring.yaml", test::read_file(test::source_path("scenarios/mosul-2015/spring.yaml")));
  const LoadResult r = load_scenario(spring.string());
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  const auto [line, column] = position_of(base, "readines:");
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{base_path.string(), line, column}));
  EXPECT_EQ(r.diagnostics[0].path, "forces.isf.readines");
  EXPECT_EQ(r.diagnostics[0].hint, "did you mean 'readiness'?");
}

// ---- Values and defaults -------------------------------------------------------

TEST(ScenarioLoaderTest, FillsDefaultsOfAMinimalScenario) {
  const fs::path file = test::source_path("tests/data/scenarios/minimal.yaml");
  const LoadResult r = load_scenario(file.string());
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const Scenario& s = r.loaded->scenario;
  EXPECT_EQ(s.name, "Minimal");
  EXPECT_EQ(s.calendar.start.to_string(), "2015-01-01");
  EXPECT_EQ(s.calendar.horizon_days, 100);
  EXPECT_EQ(s.last_day().to_string(), "2015-04-10");
  ASSERT_EQ(s.forces.size(), 1u);
  const ForceElement& isf = s.forces[0];
  EXPECT_EQ(isf.name, "isf");
  EXPECT_EQ(isf.role, Role::kAssault);
  EXPECT_EQ(isf.personnel, 1000.0);
  EXPECT_EQ(isf.readiness, ForceElement{}.readiness);
  ASSERT_TRUE(isf.arrival.has_value());
  EXPECT_EQ(*isf.arrival, s.calendar.start) << "arrival defaults to calendar.start";
  EXPECT_FALSE(isf.training.has_value());
  EXPECT_FALSE(s.equipment_aid.has_value());
  EXPECT_EQ(s.model.combat_law, ModelSettings{}.combat_law);
  EXPECT_EQ(s.analysis.criteria, Analysis{}.criteria);
}

TEST(ScenarioLoaderTest, RecordsWhereEachValueWasSet) {
  const fs::path file = test::source_path("tests/data/scenarios/minimal.yaml");
  const LoadResult r = load_scenario(file.string());
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const Provenance& p = r.loaded->provenance;
  const auto [line, column] = position_of(test::minimal_scenario_text(), "1000");
  ASSERT_TRUE(p.contains("forces.isf.personnel"));
  EXPECT_EQ(p.at("forces.isf.personnel"), (SourceLocation{file.string(), line, column}));
  EXPECT_FALSE(p.contains("forces.isf.readiness")) << "defaults have no provenance";
  EXPECT_FALSE(p.contains("forces.isf.arrival")) << "derived defaults have no provenance";
}

TEST(ScenarioLoaderTest, KeepsMapEntriesSortedByName) {
  const LoadResult r = load_scenario(test::source_path("scenarios/mosul-2015/base.yaml").string());
  ASSERT_TRUE(r.ok()) << test::describe(r);
  const auto& forces = r.loaded->scenario.forces;
  EXPECT_TRUE(std::is_sorted(forces.begin(), forces.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
  const ForceElement* isf = r.loaded->scenario.find_force("isf");
  ASSERT_NE(isf, nullptr);
  EXPECT_EQ(isf->readiness, 0.35);
  EXPECT_EQ(r.loaded->scenario.find_force("isff"), nullptr);
}

// ---- Errors ----------------------------------------------------------------------

TEST(ScenarioLoaderTest, RejectsDuplicateKey) {
  const std::string text =
      test::replace_once(test::minimal_scenario_text(), "    personnel: 1000\n",
                         "    personnel: 1000\n    personnel: 2000\n");
  const LoadResult r = load_scenario_text(text, "dup.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u) << test::describe(r);
  const auto [line, column] = position_of(text, "personnel: 2000");
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{"dup.yaml", line, column}));
  EXPECT_EQ(r.diagnostics[0].path, "forces.isf.personnel");
  EXPECT_NE(r.diagnostics[0].message.find("duplicate key 'personnel'"), std::string::npos);
}

TEST(ScenarioLoaderTest, ReportsDuplicateKeyTogetherWithBindingErrors) {
  std::string text = test::replace_once(test::minimal_scenario_text(), "  fighters: 500\n",
                                        "  fighters: 500\n  fighters: 600\n");
  text = test::replace_once(text, "role: assault", "role: assalt");
  const LoadResult r = load_scenario_text(text, "two.yaml");
  ASSERT_EQ(r.diagnostics.size(), 2u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].path, "adversary.fighters");
  EXPECT_EQ(r.diagnostics[1].path, "forces.isf.role");
  EXPECT_EQ(r.diagnostics[1].hint, "did you mean 'assault'?");
}

TEST(ScenarioLoaderTest, ReportsEveryBindingErrorAcrossElements) {
  // One bad value in each of four elements: four diagnostics, in file order.
  std::string text = test::mosul_base_text();
  text = test::replace_once(text, "    readiness: 0.35", "    readiness: 3.5");
  text = test::replace_once(text, "    personnel: 6000", "    personnel: -6000");
  text = test::replace_once(text, "    receives_diverted_aid: true",
                            "    receives_diverted_aid: maybe");
  text = test::replace_once(text, "    role: air", "    role: airforce");
  const LoadResult r = load_scenario_text(text, "base.yaml");
  ASSERT_EQ(r.diagnostics.size(), 4u) << test::describe(r);
  EXPECT_EQ(r.diagnostics[0].path, "forces.isf.readiness");
  EXPECT_EQ(r.diagnostics[1].path, "forces.peshmerga.personnel");
  EXPECT_EQ(r.diagnostics[2].path, "forces.shia_militias.receives_diverted_aid");
  EXPECT_EQ(r.diagnostics[3].path, "forces.coalition_air.role");
  for (const Diagnostic& d : r.diagnostics.items()) {
    EXPECT_EQ(d.where.file, "base.yaml");
    EXPECT_GT(d.where.line, 0);
    EXPECT_GT(d.where.column, 0);
  }
}

TEST(ScenarioLoaderTest, RunsCrossFieldChecksOnlyAfterBindingSucceeds) {
  // D-day outside the horizon is only reported once the types are right.
  std::string text =
      test::replace_once(test::minimal_scenario_text(), "d_day: 2015-02-01", "d_day: 2016-02-01");
  const LoadResult checks_only = load_scenario_text(text, "a.yaml");
  ASSERT_EQ(checks_only.diagnostics.size(), 1u) << test::describe(checks_only);
  EXPECT_EQ(checks_only.diagnostics[0].path, "calendar.d_day");
  text = test::replace_once(text, "personnel: 1000", "personnel: lots");
  const LoadResult both = load_scenario_text(text, "a.yaml");
  ASSERT_EQ(both.diagnostics.size(), 1u) << test::describe(both);
  EXPECT_EQ(both.diagnostics[0].path, "forces.isf.personnel");
}

TEST(ScenarioLoaderTest, MissingFileIsAnIoErrorWithSuggestion) {
  const fs::path file = test::source_path("tests/data/scenarios/minimal.yml");
  const LoadResult r = load_scenario(file.string());
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.io_error);
  EXPECT_EQ(r.exit_code(), ExitCode::kIo);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].where.file, file.string());
  EXPECT_NE(r.diagnostics[0].message.find("no such file"), std::string::npos);
  EXPECT_EQ(r.diagnostics[0].hint, "did you mean 'minimal.yaml'?");
}

TEST(ScenarioLoaderTest, DirectoryIsAnIoError) {
  const LoadResult r = load_scenario(test::source_path("scenarios").string());
  EXPECT_TRUE(r.io_error);
  EXPECT_EQ(r.exit_code(), ExitCode::kIo);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_NE(r.diagnostics[0].message.find("directory"), std::string::npos);
}

TEST(ScenarioLoaderTest, MissingBaseFileIsInvalidInputNotIo) {
  // The top-level file was read; what it names is part of its content.
  const LoadResult r = load_scenario_text("extends: nowhere.yaml\n", "overlay.yaml");
  EXPECT_FALSE(r.io_error);
  EXPECT_EQ(r.exit_code(), ExitCode::kInvalidInput);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].where, (SourceLocation{"overlay.yaml", 1, 10}));
}

TEST(ScenarioLoaderTest, TextLoaderResolvesExtendsFromTheGivenDirectory) {
  const std::string dir = test::source_path("tests/data/overlays").string();
  const LoadResult r =
      load_scenario_text("extends: base.yaml\nname: \"In memory\"\n", "memory.yaml", {}, dir);
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.name, "In memory");
  EXPECT_EQ(r.loaded->provenance.at("name").file, (fs::path(dir) / "memory.yaml").string());
  EXPECT_EQ(r.loaded->provenance.at("calendar.start").file, (fs::path(dir) / "base.yaml").string());
}

// ---- Text details ------------------------------------------------------------------

TEST(ScenarioLoaderTest, AcceptsCrlfLineEndingsWithTheSameColumns) {
  std::string crlf;
  for (char c : test::minimal_scenario_text()) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const LoadResult lf = load_scenario_text(test::minimal_scenario_text(), "lf.yaml");
  const LoadResult cr = load_scenario_text(crlf, "crlf.yaml");
  ASSERT_TRUE(lf.ok() && cr.ok()) << test::describe(cr);
  EXPECT_EQ(scenario_hash(cr.loaded->scenario), scenario_hash(lf.loaded->scenario));
  EXPECT_EQ(cr.loaded->provenance.at("forces.isf.personnel").line,
            lf.loaded->provenance.at("forces.isf.personnel").line);
  EXPECT_EQ(cr.loaded->provenance.at("forces.isf.personnel").column,
            lf.loaded->provenance.at("forces.isf.personnel").column);
}

TEST(ScenarioLoaderTest, AcceptsUtf8Text) {
  const std::string text = test::replace_once(test::minimal_scenario_text(), "name: \"Minimal\"",
                                              "name: \"Mossoul, forces armées — 2015\"");
  const LoadResult r = load_scenario_text(text, "utf8.yaml");
  ASSERT_TRUE(r.ok()) << test::describe(r);
  EXPECT_EQ(r.loaded->scenario.name, "Mossoul, forces armées — 2015");
}

TEST(ScenarioLoaderTest, CountsColumnsInBytes) {
  // Columns count bytes, as the documentation says: 'É' takes two.
  const std::string ascii = test::replace_once(test::minimal_scenario_text(), "  fighters: 500",
                                               "  {label: \"Etat\", fighters: x}");
  const std::string utf8 = test::replace_once(ascii, "Etat", "État");
  const LoadResult a = load_scenario_text(ascii, "a.yaml");
  const LoadResult u = load_scenario_text(utf8, "u.yaml");
  ASSERT_EQ(a.diagnostics.size(), 1u) << test::describe(a);
  ASSERT_EQ(u.diagnostics.size(), 1u) << test::describe(u);
  EXPECT_EQ(a.diagnostics[0].path, "adversary.fighters");
  EXPECT_EQ(a.diagnostics[0].where.column, position_of(ascii, "x}").second);
  EXPECT_EQ(u.diagnostics[0].where.column, a.diagnostics[0].where.column + 1);
}

}  // namespace
}  // namespace sandtable
