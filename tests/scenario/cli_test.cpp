// `sandtable check`, `show` and `schema` driven through run_cli as a user
// would: output, diagnostics and exit codes (0 ok, 1 invalid, 2 usage, 3 I/O).
#include "sandtable/cli.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

using sandtable::testing::CliRun;

CliRun run(std::initializer_list<std::string> args) {
  return sandtable::testing::run_sandtable(args);
}

std::string path(const std::string& relative) { return test::source_path(relative).string(); }

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(ScenarioCliTest, CheckValidFileExitsZero) {
  const std::string file = path("scenarios/mosul-2015/base.yaml");
  const CliRun r = run({"check", file});
  EXPECT_EQ(r.code, 0) << r.err;
  const LoadResult loaded = load_scenario(file);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(r.out, file + ": ok (" + scenario_hash(loaded.loaded->scenario).substr(0, 12) + ")\n");
  EXPECT_EQ(r.err, "");
}

TEST(ScenarioCliTest, CheckPrintsOneLinePerFile) {
  const CliRun r = run({"check", path("scenarios/mosul-2015/base.yaml"),
                        path("tests/data/invalid/several_errors.yaml"),
                        path("scenarios/mosul-2015/spring.yaml")});
  EXPECT_EQ(r.code, 1);
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_NE(out[0].find(": ok ("), std::string::npos);
  EXPECT_EQ(out[1], path("tests/data/invalid/several_errors.yaml") + ": invalid (8 errors)");
  EXPECT_NE(out[2].find(": ok ("), std::string::npos);
  EXPECT_EQ(lines(r.err).size(), 8u) << r.err;
}

TEST(ScenarioCliTest, CheckInvalidFileExitsOneWithLocatedDiagnostics) {
  const std::string file = path("tests/data/invalid/misspelt_key_in_force.yaml");
  const CliRun r = run({"check", file});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, file + ": invalid (1 error)\n");
  EXPECT_EQ(r.err,
            file + ":13:5: error: forces.isf.readines: unknown key; did you mean 'readiness'?\n");
}

TEST(ScenarioCliTest, CheckUnreadableFileExitsThree) {
  const std::string missing = path("tests/data/scenarios/no-such-file.yaml");
  const CliRun r = run({"check", missing});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, missing + ": unreadable\n");
  EXPECT_NE(r.err.find(missing + ": error: cannot read the file: no such file"), std::string::npos)
      << r.err;
  EXPECT_EQ(run({"check", path("scenarios")}).code, 3) << "a directory is not a file";
}

TEST(ScenarioCliTest, CheckReportsInvalidBeforeUnreadable) {
  const CliRun r = run({"check", path("tests/data/scenarios/no-such-file.yaml"),
                        path("tests/data/invalid/quoted_number.yaml")});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(lines(r.out).size(), 2u);
}

TEST(ScenarioCliTest, CheckAppliesOverridesToEveryFile) {
  const CliRun r =
      run({"check", path("scenarios/mosul-2015/base.yaml"),
           path("scenarios/mosul-2015/spring.yaml"), "--set", "forces.isf.readiness=2"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(lines(r.err), (std::vector<std::string>{
                              "<--set 1>:1:22: error: forces.isf.readiness: expected a fraction "
                              "from 0 to 1, found 2",
                              "<--set 1>:1:22: error: forces.isf.readiness: expected a fraction "
                              "from 0 to 1, found 2"}));
}

TEST(ScenarioCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(run({"check", "--no-such-option", path("scenarios/mosul-2015/base.yaml")}).code, 2);
  EXPECT_EQ(run({"check"}).code, 2) << "a file is required";
  EXPECT_EQ(run({}).code, 2) << "a command is required";
  EXPECT_EQ(run({"no-such-command"}).code, 2);
  EXPECT_EQ(run({"show"}).code, 2);
  EXPECT_EQ(run({"schema", "--yaml"}).code, 2);
  const CliRun r = run({"check", "--no-such-option", path("scenarios/mosul-2015/base.yaml")});
  EXPECT_NE(r.err.find("--no-such-option"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(ScenarioCliTest, ShowPrintsReloadableResolvedYaml) {
  const std::string file = path("scenarios/mosul-2015/spring.yaml");
  const CliRun r = run({"show", file, "--set", "forces.isf.personnel=25000"});
  ASSERT_EQ(r.code, 0) << r.err;
  const LoadResult direct = load_scenario(file, {"forces.isf.personnel=25000"});
  ASSERT_TRUE(direct.ok());
  const std::string hash = scenario_hash(direct.loaded->scenario);
  EXPECT_NE(r.out.find("# scenario sha256: " + hash + "\n"), std::string::npos) << r.out;
  const LoadResult again = load_scenario_text(r.out, "shown.yaml");
  ASSERT_TRUE(again.ok()) << test::describe(again);
  EXPECT_EQ(scenario_hash(again.loaded->scenario), hash);
  EXPECT_EQ(again.loaded->scenario.find_force("isf")->personnel, 25000.0);
}

TEST(ScenarioCliTest, ShowProvenanceNamesTheSettingFile) {
  const CliRun r = run({"show", "--provenance", path("scenarios/mosul-2015/spring.yaml"), "--set",
                        "forces.isf.personnel=25000"});
  ASSERT_EQ(r.code, 0) << r.err;
  bool d_day = false;
  bool personnel = false;
  bool start = false;
  for (const std::string& line : lines(r.out)) {
    if (line.rfind("calendar.d_day = ", 0) == 0) {
      d_day = line.find("# " + path("scenarios/mosul-2015/spring.yaml") + ":") != std::string::npos;
    }
    if (line.rfind("forces.isf.personnel = 25000", 0) == 0) {
      personnel = line.find("# <--set 1>:1:22") != std::string::npos;
    }
    if (line.rfind("calendar.start = ", 0) == 0) {
      start = line.find("# " + path("scenarios/mosul-2015/base.yaml") + ":") != std::string::npos;
    }
  }
  EXPECT_TRUE(d_day && personnel && start) << r.out;
}

TEST(ScenarioCliTest, ShowInvalidOverrideExitsOne) {
  const CliRun r =
      run({"show", path("scenarios/mosul-2015/base.yaml"), "--set", "forces.isf.personnel=many"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "<--set 1>:1:22: error: forces.isf.personnel: expected a number (persons) >= 0, "
            "found 'many'\n");
}

TEST(ScenarioCliTest, ShowUnreadableFileExitsThree) {
  EXPECT_EQ(run({"show", path("tests/data/scenarios/no-such-file.yaml")}).code, 3);
}

TEST(ScenarioCliTest, SchemaPrintsJsonSchemaAndMarkdown) {
  const CliRun json = run({"schema"});
  EXPECT_EQ(json.code, 0);
  EXPECT_EQ(json.out, scenario_json_schema());
  const CliRun md = run({"schema", "--markdown"});
  EXPECT_EQ(md.code, 0);
  EXPECT_EQ(md.out, scenario_reference_markdown());
}

}  // namespace
}  // namespace sandtable
