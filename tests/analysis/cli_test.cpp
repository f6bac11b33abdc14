// The analysis commands as a user runs them: exit codes and messages for
// good and bad input.
#include "sandtable/cli.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/analysis_test_util.hpp"
#include "cli_runner.hpp"

namespace sandtable {
namespace {

using testing::CliRun;

CliRun sandtable_cli(const std::vector<std::string>& args) { return testing::run_sandtable(args); }

const std::string kFebruary = testing::source_path("scenarios/mosul-2015/february.yaml");
const std::string kSpring = testing::source_path("scenarios/mosul-2015/spring.yaml");
const std::string kBase = testing::source_path("scenarios/mosul-2015/base.yaml");

TEST(AnalysisCliTest, CompareFebruaryAndSpring) {
  const CliRun r = sandtable_cli({"compare", kFebruary, kSpring, "--top", "3"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("calendar.d_day  2015-02-02  2015-04-15"), std::string::npos);
  EXPECT_NE(r.out.find("By mechanism (the state at D-day): spring against february"),
            std::string::npos);
}

// --width fits the timing and compare tables to a terminal: no line of a
// table wider than it, every value still there; without it (a pipe, a
// file) the tables are whole.
TEST(AnalysisCliTest, WidthSplitsWideTablesIntoBlocks) {
  const std::vector<std::string> timing{"timing",     kBase,  "--from",
                                        "2015-02-01", "--to", "2015-03-01"};
  const CliRun whole = sandtable_cli(timing);
  ASSERT_EQ(whole.code, 0) << whole.err;
  std::vector<std::string> narrow_args = timing;
  narrow_args.insert(narrow_args.end(), {"--width", "80"});
  const CliRun narrow = sandtable_cli(narrow_args);
  ASSERT_EQ(narrow.code, 0) << narrow.err;
  std::size_t widest = 0;
  std::istringstream lines(whole.out);
  for (std::string line; std::getline(lines, line);) widest = std::max(widest, line.size());
  EXPECT_GT(widest, 80U);
  std::istringstream split(narrow.out);
  for (std::string line; std::getline(split, line);) {
    // The criteria line is prose, not a table.
    if (!line.starts_with("Criteria")) {
      EXPECT_LE(line.size(), 80U) << line;
    }
  }
  for (const char* cell : {"is_strength_end", "iran_backed_share", "2015-03-01  "}) {
    EXPECT_NE(narrow.out.find(cell), std::string::npos) << cell;
  }
  // Program option before the command works the same.
  std::vector<std::string> before{"--width", "80"};
  before.insert(before.end(), timing.begin(), timing.end());
  EXPECT_EQ(sandtable_cli(before).out, narrow.out);
  const CliRun compare =
      sandtable_cli({"compare", kFebruary, kSpring, "--attribution", "none", "--width", "90"});
  ASSERT_EQ(compare.code, 0) << compare.err;
  EXPECT_NE(compare.out.find("  key             set by (spring)"), std::string::npos)
      << compare.out;
  EXPECT_EQ(sandtable_cli(
                {"timing", kBase, "--from", "2015-02-01", "--to", "2015-03-01", "--width", "-3"})
                .code,
            2);
}

TEST(AnalysisCliTest, AnEmptyCriteriaIsAUsageError) {
  for (const char* blank : {"", "  "}) {
    const CliRun t = sandtable_cli(
        {"timing", kBase, "--from", "2015-02-01", "--to", "2015-03-01", "--criteria", blank});
    EXPECT_EQ(t.code, 2) << t.err;
    EXPECT_NE(t.err.find("must not be empty"), std::string::npos) << t.err;
    const CliRun h = sandtable_cli(
        {"threshold", kBase, "--vary", "adversary.fighters=500..8000", "--criteria", blank});
    EXPECT_EQ(h.code, 2) << h.err;
  }
}

TEST(AnalysisCliTest, ThresholdAndDiscoverWriteJson) {
  const CliRun t =
      sandtable_cli({"threshold", kFebruary, "--vary", "adversary.fighters=1000..20000",
                     "--criteria", "success and isf_casualties < 3000", "--format", "json"});
  ASSERT_EQ(t.code, 0) << t.err;
  const auto doc = nlohmann::json::parse(t.out);
  EXPECT_EQ(doc["vary"]["path"], "adversary.fighters");
  ASSERT_FALSE(doc["result"]["switches"].empty());
  const auto& s = doc["result"]["switches"][0];
  EXPECT_LT(s["low"]["value"].get<double>(), s["high"]["value"].get<double>());
  EXPECT_GT(doc["result"]["runs"].get<int>(), 0);

  const std::string dir = ::testing::TempDir() + "/sandtable_discover_json";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/r.db";
  const CliRun sweep =
      sandtable_cli({"sweep", kFebruary, "--vary", "adversary.fighters=1000..20000", "--method",
                     "lhs", "--samples", "200", "-o", db, "-q"});
  ASSERT_EQ(sweep.code, 0) << sweep.err;
  const CliRun d =
      sandtable_cli({"discover", db, "--criteria", "success", "--fail", "--format", "json"});
  ASSERT_EQ(d.code, 0) << d.err;
  const auto disc = nlohmann::json::parse(d.out);
  EXPECT_EQ(disc["describes"], "where the criteria fail");
  EXPECT_EQ(disc["rows_used"].get<int>(), 200);
  ASSERT_FALSE(disc["boxes"].empty());
  EXPECT_EQ(disc["boxes"][0]["limits"][0]["parameter"], "adversary.fighters");
  EXPECT_TRUE(disc["boxes"][0]["limits"][0].contains("lo"));
  std::filesystem::remove_all(dir);
}

TEST(AnalysisCliTest, CompareNeedsTwoFiles) {
  EXPECT_EQ(sandtable_cli({"compare", kFebruary}).code, 2);
  EXPECT_EQ(sandtable_cli({"compare", kFebruary, kSpring, "--format", "xml"}).code, 2);
}

TEST(AnalysisCliTest, CompareRejectsUnknownOutcomesAndMissingFiles) {
  const CliRun bad =
      sandtable_cli({"compare", kFebruary, kSpring, "--outcomes", "success,isf_casualtes"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("did you mean 'isf_casualties'?"), std::string::npos) << bad.err;
  EXPECT_EQ(sandtable_cli({"compare", kFebruary, "no/such/file.yaml"}).code, 3);
}

TEST(AnalysisCliTest, CompareAppliesSetToEveryCase) {
  const CliRun r = sandtable_cli({"compare", kFebruary, kSpring, "--set", "forces.isf.quality=0.9",
                                  "--format", "csv", "--attribution", "none"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find("forces.isf.quality"), std::string::npos);  // the same in both
  EXPECT_EQ(r.out.find("attribution."), std::string::npos);
}

TEST(AnalysisCliTest, TimingReportsTheEarliestDDayOrClearErrors) {
  const CliRun r = sandtable_cli(
      {"timing", kBase, "--from", "2015-02-01", "--to", "2015-07-01", "--step", "2w"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("D-day from 2015-02-01 to 2015-06-21 every 14 days (11 variants)"),
            std::string::npos);
  const CliRun criteria =
      sandtable_cli({"timing", kBase, "--from", "2015-02-01", "--to", "2015-07-01", "--criteria",
                     "success and isf_casualtes < 3000"});
  EXPECT_EQ(criteria.code, 1);
  EXPECT_EQ(criteria.err.rfind("--criteria:1:13: error:", 0), 0U) << criteria.err;
  EXPECT_NE(criteria.err.find("unknown outcome 'isf_casualtes'"), std::string::npos);
  const CliRun date =
      sandtable_cli({"timing", kBase, "--from", "2015/02/01", "--to", "2015-07-01"});
  EXPECT_EQ(date.code, 1);
  EXPECT_NE(date.err.find("expected a date YYYY-MM-DD"), std::string::npos);
  EXPECT_EQ(sandtable_cli(
                {"timing", kBase, "--from", "2015-02-01", "--to", "2015-07-01", "--step", "soon"})
                .code,
            1);
  EXPECT_EQ(sandtable_cli({"timing", kBase, "--to", "2015-07-01"}).code, 2);
}

TEST(AnalysisCliTest, ThresholdAndFrontier) {
  const CliRun r = sandtable_cli(
      {"threshold", kFebruary, "--vary", "forces.isf.readiness=0.2..0.9", "--criteria", "success"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Threshold of forces.isf.readiness from 0.2 to 0.9"), std::string::npos);
  const CliRun f =
      sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.2..0.9", "--by",
                     "calendar.d_day=2015-02-01:2015-03-01:2w", "--grid", "5"});
  EXPECT_EQ(f.code, 0) << f.err;
  EXPECT_NE(f.out.find("2015-02-15"), std::string::npos);
}

// One grammar for ranges: a fractional from:to without a step is refused by
// sweep and threshold alike, with the interval and the stepped form
// suggested; a unit-step whole-number range means the interval in threshold.
TEST(AnalysisCliTest, RangesReadTheSameInEveryCommand) {
  const CliRun t = sandtable_cli(
      {"threshold", kFebruary, "--vary", "forces.isf.readiness=0.2:0.9", "--criteria", "success"});
  EXPECT_EQ(t.code, 1);
  EXPECT_NE(t.err.find("0.2..0.9"), std::string::npos) << t.err;
  EXPECT_NE(t.err.find("0.2:0.9:0.1"), std::string::npos) << t.err;
  const CliRun s = sandtable_cli(
      {"sweep", kFebruary, "--vary", "forces.isf.readiness=0.2:0.9", "--no-store", "-q"});
  EXPECT_NE(s.code, 0);
  EXPECT_NE(s.err.find("0.2..0.9"), std::string::npos) << s.err;

  const CliRun colon = sandtable_cli({"threshold", kFebruary, "--vary",
                                      "forces.isf.training.course_days=14:84", "--format", "json"});
  const CliRun dots = sandtable_cli({"threshold", kFebruary, "--vary",
                                     "forces.isf.training.course_days=14..84", "--format", "json"});
  ASSERT_EQ(colon.code, 0) << colon.err;
  EXPECT_EQ(colon.out, dots.out);
  const CliRun stepped = sandtable_cli(
      {"threshold", kFebruary, "--vary", "adversary.fighters=1000:20000:500", "--format", "json"});
  EXPECT_EQ(stepped.code, 1);
  EXPECT_NE(stepped.err.find("adversary.fighters=1000..20000"), std::string::npos) << stepped.err;

  const CliRun listed =
      sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.2..0.9", "--by",
                     "calendar.d_day=2015-02-01,2015-03-15", "--grid", "5", "--format", "json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  const auto doc = nlohmann::json::parse(listed.out);
  ASSERT_EQ(doc["rows"].size(), 2U) << listed.out;
  const CliRun interval_by =
      sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.2..0.9", "--by",
                     "calendar.d_day=2015-02-01..2015-03-15"});
  EXPECT_EQ(interval_by.code, 1);
  EXPECT_NE(interval_by.err.find("give a step"), std::string::npos) << interval_by.err;
}

TEST(AnalysisCliTest, ThresholdRejectsBadInput) {
  const CliRun path = sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readines=0.2..0.9"});
  EXPECT_EQ(path.code, 1);
  EXPECT_NE(path.err.find("did you mean 'readiness'?"), std::string::npos) << path.err;
  EXPECT_EQ(sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.9..0.2"}).code, 1);
  EXPECT_EQ(sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.2..0.9",
                           "--criteria", "sucess"})
                .code,
            1);
  EXPECT_EQ(sandtable_cli({"threshold", kBase, "--vary", "forces.isf.readiness=0.2..0.9", "--by",
                           "forces.isf.readiness=0.2:0.9:0.1"})
                .code,
            1);
  EXPECT_EQ(sandtable_cli({"threshold", kBase}).code, 2);
}

TEST(AnalysisCliTest, DiscoverDescribesASweepInWords) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "sandtable_analysis_cli_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "timing.sweep.db").string();
  const CliRun sweep =
      sandtable_cli({"sweep", kBase, "--vary", "calendar.d_day=2015-02-01:2015-06-30", "--vary",
                     "adversary.fighters=1000:30000", "--method", "lhs", "--samples", "300",
                     "--out", db, "--quiet", "--threads", "1"});
  ASSERT_EQ(sweep.code, 0) << sweep.err;
  const CliRun r = sandtable_cli({"discover", db, "--criteria", "success", "--fail"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("The criteria fail whenever"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(coverage "), std::string::npos);
  const CliRun bad = sandtable_cli({"discover", db, "--criteria", "sucess"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("did you mean 'success'?"), std::string::npos) << bad.err;
  EXPECT_EQ(
      sandtable_cli({"discover", (dir / "missing.db").string(), "--criteria", "success"}).code, 3);
  EXPECT_EQ(sandtable_cli({"discover", db}).code, 2);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sandtable
