// Run outputs: the table, summary.json, daily.csv and outcomes CSV, and
// writing them completely or not at all.
#include "sandtable/report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/model_test_util.hpp"
#include "sandtable/cli.hpp"

namespace sandtable {
namespace {

namespace fs = std::filesystem;

LoadedScenario load_base() {
  LoadResult r = load_scenario(testing::source_path("scenarios/mosul-2015/spring.yaml"));
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  return *r.loaded;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

TEST(RunReportTest, DailyCsvHasOneRowPerDayAndElementWithTidyColumns) {
  const LoadedScenario l = load_base();
  const Results r = run(l.scenario);
  const auto rows = lines(format_daily_csv(l.scenario, r));
  const std::size_t days = static_cast<std::size_t>(l.scenario.calendar.horizon_days);
  ASSERT_EQ(rows.size(), 1 + days * l.scenario.forces.size());
  const auto columns = [](const std::string& row) {
    return std::count(row.begin(), row.end(), ',') + 1;
  };
  const auto header_columns = columns(rows[0]);
  EXPECT_EQ(rows[0].rfind("date,day,element,", 0), 0u);
  for (const std::string& row : rows) ASSERT_EQ(columns(row), header_columns) << row;
  EXPECT_EQ(rows[1].substr(0, 10), l.scenario.calendar.start.to_string());
  EXPECT_EQ(rows.back().substr(0, 10), l.scenario.last_day().to_string());
}

TEST(RunReportTest, SummaryJsonCarriesHashVersionResolvedScenarioAndOutcomes) {
  const LoadedScenario l = load_base();
  const Results r = run(l.scenario);
  const auto j = nlohmann::json::parse(format_summary_json(l, r));
  EXPECT_EQ(j["scenario"]["sha256"], scenario_hash(l.scenario));
  EXPECT_FALSE(j["sandtable_version"].get<std::string>().empty());
  EXPECT_EQ(j["resolved_scenario"]["calendar"]["d_day"], "2015-04-15");
  EXPECT_EQ(j["resolved_scenario"]["forces"]["isf"]["personnel"], 20000.0);
  for (const auto& [name, value] : outcome_values(r)) {
    ASSERT_TRUE(j["outcomes"].contains(name)) << name;
    EXPECT_EQ(j["outcomes"][name].get<double>(), value) << name;
  }
  EXPECT_EQ(j["elements"].size(), l.scenario.forces.size());
}

TEST(RunReportTest, OutcomesCsvRoundTripsEveryValue) {
  const LoadedScenario l = load_base();
  const Results r = run(l.scenario);
  const auto rows = lines(format_outcomes_csv(r));
  const auto values = outcome_values(r);
  ASSERT_EQ(rows.size(), values.size() + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& row = rows[i + 1];
    const auto comma = row.find(',');
    EXPECT_EQ(row.substr(0, comma), values[i].first);
    EXPECT_EQ(std::stod(row.substr(comma + 1)), values[i].second) << row;
  }
}

TEST(RunReportTest, TableNamesTheOutcomeAndEveryGroundElement) {
  const LoadedScenario l = load_base();
  const Results r = run(l.scenario);
  const std::string table = format_run_table(l, r);
  EXPECT_NE(table.find(std::string("Outcome: ")), std::string::npos);
  for (const ForceElement& f : l.scenario.forces) {
    if (f.role == Role::kAir || f.role == Role::kAdvisers) continue;
    EXPECT_NE(table.find(f.name), std::string::npos) << f.name;
  }
  EXPECT_NE(table.find("D-day"), std::string::npos);
}

TEST(RunOutputsTest, WritesBothFilesAndLeavesNoTemporaries) {
  const fs::path dir = fs::temp_directory_path() / "sandtable_run_outputs_test";
  fs::remove_all(dir);
  const LoadedScenario l = load_base();
  const Results r = run(l.scenario);
  ASSERT_TRUE(write_run_outputs(dir.string(), l, r).is_ok());
  EXPECT_TRUE(fs::exists(dir / "summary.json"));
  EXPECT_TRUE(fs::exists(dir / "daily.csv"));
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  }
  fs::remove_all(dir);
}

TEST(RunOutputsTest, ReportsAnIoErrorWhenTheDirectoryCannotBeMade) {
  const fs::path file = fs::temp_directory_path() / "sandtable_not_a_directory";
  { std::ofstream(file) << "x"; }
  const LoadedScenario l = load_base();
  const Status s = write_run_outputs((file / "out").string(), l, run(l.scenario));
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.exit_code(), ExitCode::kIo);
  fs::remove(file);
}

TEST(RunCommandTest, OutFailureExitsWithIoCode) {
  const fs::path file = fs::temp_directory_path() / "sandtable_not_a_directory_cli";
  { std::ofstream(file) << "x"; }
  const std::string scenario = testing::source_path("scenarios/mosul-2015/spring.yaml");
  const std::string out = (file / "out").string();
  const char* argv[] = {"sandtable", "run", scenario.c_str(), "--out", out.c_str()};
  std::ostringstream o;
  std::ostringstream e;
  EXPECT_EQ(run_cli(5, argv, o, e), 3);
  EXPECT_NE(e.str().find("cannot"), std::string::npos);
  fs::remove(file);
}

TEST(RunCommandTest, JsonFormatIsParseableAndDeterministic) {
  const std::string scenario = testing::source_path("scenarios/mosul-2015/february.yaml");
  const char* argv[] = {"sandtable", "run", scenario.c_str(), "--format", "json"};
  std::ostringstream a, b, e;
  ASSERT_EQ(run_cli(5, argv, a, e), 0) << e.str();
  ASSERT_EQ(run_cli(5, argv, b, e), 0);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_TRUE(nlohmann::json::accept(a.str()));
}

}  // namespace
}  // namespace sandtable
