// The study commands as a user runs them.
#include <sys/resource.h>

#include <csignal>
#include <sstream>

#include "sandtable/cli.hpp"
#include "sandtable/load.hpp"
#include "study/store.hpp"
#include "study_helpers.hpp"

namespace sandtable {
namespace {

using testing::temp_dir;

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

CliResult cli(std::vector<std::string> args) {
  args.insert(args.begin(), "sandtable");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(SweepCommandTest, DryRunPrintsTheSizeAndEstimatesAndRunsNothing) {
  const std::string dir = temp_dir("dry");
  const CliResult r =
      cli({"sweep", testing::mosul(), "--vary", "calendar.d_day=2015-02-01:2015-06-01:7d", "--vary",
           "forces.isf.training.course_days=28,42,56", "--method", "grid", "--dry-run", "-o",
           dir + "/r.db"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("grid design, 54 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Estimate:"), std::string::npos);
  EXPECT_NE(r.out.find("database about"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir + "/r.db"));
}

TEST(SweepCommandTest, SweepsExportsAndAnalyzes) {
  const std::string dir = temp_dir("cli");
  const std::string db = dir + "/r.db";
  CliResult r = cli({"sweep", testing::iwo_jima(), "--vary", "model.adversary_kill_rate=0.04..0.07",
                     "--vary", "model.coalition_kill_rate=0.008..0.013", "--method", "morris",
                     "--samples", "10", "--seed", "3", "-o", db, "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  r = cli({"export", db, "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1 + 30);
  r = cli({"analyze", db});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("morris design, seed 3, 30 of 30 runs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Morris elementary effects"), std::string::npos);
  r = cli({"analyze", db, "--format", "csv"});
  EXPECT_NE(r.out.find("coalition_casualties,morris,model.adversary_kill_rate,mu_star,"),
            std::string::npos);
  r = cli(
      {"sweep", testing::iwo_jima(), "--vary", "model.adversary_kill_rate=0.04..0.07", "-o", db});
  EXPECT_EQ(r.code, 1);  // the database exists; grid needs discrete values
}

TEST(SweepCommandTest, SamplesADistributionAndRefusesItInAGrid) {
  const std::string dir = temp_dir("dist");
  const std::string db = dir + "/r.db";
  CliResult r = cli({"sweep", testing::iwo_jima(), "--vary",
                     "model.adversary_kill_rate=pert(0.04, 0.05, 0.07)", "--method", "lhs",
                     "--samples", "12", "--seed", "5", "-o", db, "--quiet"});
  ASSERT_EQ(r.code, 0) << r.err;
  r = cli({"export", db, "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  std::size_t column = 0;
  {
    std::istringstream header(line);
    std::string cell;
    while (std::getline(header, cell, ',') && cell != "model.adversary_kill_rate") ++column;
  }
  int rows = 0;
  while (std::getline(lines, line)) {
    std::istringstream row(line);
    std::string cell;
    for (std::size_t c = 0; c <= column; ++c) std::getline(row, cell, ',');
    const double v = std::stod(cell);
    EXPECT_GE(v, 0.04);
    EXPECT_LE(v, 0.07);
    ++rows;
  }
  EXPECT_EQ(rows, 12);
  r = cli({"sweep", testing::iwo_jima(), "--vary",
           "model.adversary_kill_rate=pert(0.04, 0.05, 0.07)", "--dry-run"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("a distribution needs a sampled design: lhs, sobol, saltelli or morris"),
            std::string::npos)
      << r.err;
  r = cli({"sweep", testing::iwo_jima(), "--vary", "model.adversary_kill_rate=normal(0.05, 0.01)",
           "--method", "sobol", "--samples", "8", "--dry-run"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("normal(0.05, 0.01)"), std::string::npos) << r.out;
}

TEST(SweepCommandTest, ReportsInvalidInputWithExitCodeOne) {
  const CliResult r =
      cli({"sweep", testing::mosul(), "--vary", "forces.isf.readines=0.3,0.4", "--dry-run"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("<--vary 1>:1:1: error: forces.isf.readines"), std::string::npos) << r.err;
  const CliResult u = cli({"sweep", testing::mosul(), "--method", "tornado"});
  EXPECT_EQ(u.code, 2);
  const CliResult io = cli({"analyze", "/nonexistent/r.db"});
  EXPECT_EQ(io.code, 3);
}

TEST(SweepCommandTest, RefusesContradictoryOrAmbiguousOptionsWithExitCodeTwo) {
  const std::string m = testing::mosul();
  const auto usage = [](const CliResult& r, const std::string& says) {
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  };
  usage(cli({"sweep", m, "--vary", "forces.isf.readiness=0.3,0.4", "--vary",
             "forces.isf.readiness=0.5", "--dry-run"}),
        "--vary forces.isf.readiness is given twice");
  usage(cli({"sweep", m, "--vary", "forces.isf.readiness=0.3,0.4", "--resume", "--overwrite"}),
        "--resume and --overwrite contradict each other");
  usage(cli({"sweep", m, "--vary", "forces.isf.readiness=0.3,0.4", "--no-store", "--resume"}),
        "--no-store keeps no database");
  usage(cli({"sweep", m, "--vary", "forces.isf.readiness=0.3,0.4", "--method", "lhs", "--seed",
             "-1", "--dry-run"}),
        "--seed");
}

TEST(SweepCommandTest, WithoutStoragePrintsTheAnalysis) {
  const CliResult r = cli({"sweep", testing::iwo_jima(), "--vary",
                           "model.adversary_kill_rate=linspace(0.04, 0.07, 100)", "--vary",
                           "model.coalition_kill_rate=reverse(linspace(0.008, 0.013, 100))",
                           "--method", "zip", "--no-store", "--quiet", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"method\": \"zip\""), std::string::npos);
  EXPECT_NE(r.out.find("\"runs\": 100"), std::string::npos);
}

TEST(SweepCommandTest, AsksForConfirmationOfVeryLargeDesigns) {
  const CliResult r = cli({"sweep", testing::iwo_jima(), "--vary",
                           "model.adversary_kill_rate=linspace(0.04, 0.07, 20000000)", "--method",
                           "zip", "--no-store"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("pass --yes to run it"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("20000000 points"), std::string::npos) << r.out;
}

TEST(SweepCommandTest, LogsProgressLinesWhenNotOnATerminal) {
  const std::string dir = temp_dir("progress");
  const CliResult r =
      cli({"sweep", testing::iwo_jima(), "--vary", "model.coalition_kill_rate=0.008,0.01", "-o",
           dir + "/p.db", "--no-hash"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("sweep: 2/2 (100%)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sweep: 2 runs (0 failed)"), std::string::npos) << r.err;
  // The hashes not stored are computed at export.
  const LoadResult point = load_scenario(testing::iwo_jima(), {"model.coalition_kill_rate=0.008"});
  ASSERT_TRUE(point.ok());
  const CliResult e = cli({"export", dir + "/p.db"});
  EXPECT_EQ(e.code, 0) << e.err;
  EXPECT_EQ(e.err, "");
  EXPECT_NE(e.out.find("0,ok,," + scenario_hash(point.loaded->scenario) + ",0.008"),
            std::string::npos)
      << e.out;
}

TEST(ExportCommandTest, WarnsOnceWhenHashesCannotBeComputed) {
  const std::string dir = temp_dir("oldbase");
  const std::string db = dir + "/o.db";
  ASSERT_EQ(cli({"sweep", testing::iwo_jima(), "--vary",
                 "model.coalition_kill_rate=linspace(0.008, 0.013, 5000)", "-o", db, "--no-hash",
                 "--quiet"})
                .code,
            0);
  {
    // As a database written by a version whose scenario format this one does not read.
    std::unique_ptr<study::ResultsStore> store;
    ASSERT_TRUE(study::ResultsStore::open(db, true, store).is_ok());
    ASSERT_TRUE(store->set_meta("base_scenario_yaml", "old_format: true\n").is_ok());
  }
  for (const char* format : {"--csv", "--json"}) {
    const CliResult e = cli({"export", db, format});
    EXPECT_EQ(e.code, 0) << e.err;
    EXPECT_EQ(std::count(e.out.begin(), e.out.end(), '\n'), format[2] == 'c' ? 5001 : 5000);
    EXPECT_NE(e.out.find(format[2] == 'c' ? "4999,ok,,,0.013" : "\"scenario_hash\":null"),
              std::string::npos);
    EXPECT_EQ(e.err.rfind("sandtable export: warning: " + db + ": ", 0), 0U) << e.err;
    EXPECT_EQ(std::count(e.err.begin(), e.err.end(), '\n'), 1) << e.err;
  }
}

TEST(SchemaCommandTest, PrintsTheStudySchema) {
  const CliResult r = cli({"schema", "--study"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\"title\": \"Sandtable study\""), std::string::npos);
}

}  // namespace
}  // namespace sandtable

namespace sandtable {
namespace {

TEST(SweepCommandTest, DesignPointsAndInMemoryValuesAreBounded) {
  const std::vector<std::string> sweep = {
      "sweep",      testing::iwo_jima(),
      "--vary",     "model.adversary_kill_rate=linspace(0.04, 0.07, 50)",
      "--no-store", "--quiet"};
  std::vector<std::string> args = sweep;
  args.insert(args.end(), {"--limit", "design_points=10"});
  CliResult r = cli(args);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("the design has 50 points, more than 10"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--limit design_points=N"), std::string::npos) << r.err;
  args = sweep;
  args.insert(args.end(), {"--limit", "memory_values=100"});
  r = cli(args);
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("drop --no-store"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--limit memory_values=N"), std::string::npos) << r.err;
  EXPECT_EQ(cli(sweep).code, 0);
}

}  // namespace
}  // namespace sandtable

namespace sandtable {
namespace {

// A file-size limit (ulimit -f) stops a sweep like a full disk: exit 3, the
// committed runs kept, and --resume finishes the study.
TEST(SweepCommandTest, FileSizeLimitIsReportedAndResumable) {
  const std::string db = testing::temp_dir("fsize") + "/fsize.db";
  const std::vector<std::string> args = {
      "sweep",  testing::iwo_jima(),
      "--vary", "model.adversary_kill_rate=linspace(0.04, 0.07, 20000)",
      "-o",     db,
      "--yes",  "--quiet"};
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 256 * 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const CliResult r = cli(args);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("rerun with --resume"), std::string::npos) << r.err;
  std::uint64_t rows = 0;
  std::uint64_t failed = 0;
  {
    // Either some runs were committed, or the header could not be written and
    // the database was removed (nothing half-made is left behind).
    std::unique_ptr<study::ResultsStore> kept;
    if (study::ResultsStore::open(db, false, kept).is_ok()) {
      ASSERT_TRUE(kept->totals(rows, failed).is_ok());
    }
    EXPECT_LT(rows, 20000u);
  }
  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  const CliResult again = cli(resume);
  EXPECT_EQ(again.code, 0) << again.err;
  std::unique_ptr<study::ResultsStore> store;
  ASSERT_TRUE(study::ResultsStore::open(db, false, store).is_ok());
  ASSERT_TRUE(store->totals(rows, failed).is_ok());
  EXPECT_EQ(rows, 20000u);
}

TEST(SweepCommandTest, ShardsAreMergedIntoTheWholeStudy) {
  const std::string dir = temp_dir("cli-shards");
  const std::vector<std::string> study = {"sweep", testing::mosul(), "--vary",
                                          "calendar.d_day=2015-02-01:2015-06-01:15d", "-q"};
  const auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = study;
    args.insert(args.end(), extra.begin(), extra.end());
    return cli(args);
  };
  CliResult r = with({"-o", dir + "/whole.db"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* bad : {"0/2", "3/2", "1", "x/2"}) {
    r = with({"--shard", bad, "-o", dir + "/bad.db"});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("expected K/N"), std::string::npos) << r.err;
  }
  r = with({"--shard", "1/2", "--no-store"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("needs a database"), std::string::npos) << r.err;
  for (const char* k : {"1", "2"}) {
    r = with({"--shard", std::string(k) + "/2", "-o", dir + "/p" + k + ".db"});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  r = cli({"merge", dir + "/p1.db", "-o", dir + "/all.db"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("shard 2 of 2 is missing"), std::string::npos) << r.err;
  r = cli({"merge", dir + "/p2.db", dir + "/p1.db", "-o", dir + "/all.db"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("2 shards, 9 runs"), std::string::npos) << r.err;
  const CliResult whole = cli({"export", dir + "/whole.db"});
  const CliResult merged = cli({"export", dir + "/all.db"});
  EXPECT_EQ(merged.code, 0) << merged.err;
  EXPECT_EQ(whole.out, merged.out);
}

}  // namespace
}  // namespace sandtable
