// The results database is never silently lost or misread: a sweep holds a
// lock on it for as long as it writes it, and another sweep (--overwrite,
// --resume) is refused while it does; a damaged database is reported as
// damaged and left as it is; a database holding fewer runs than its design
// is refused by export (unless --partial) and analysed as partial.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <sstream>
#include <thread>

#include "cli_runner.hpp"
#include "study/writer_lock.hpp"
#include "study_helpers.hpp"

namespace sandtable {
namespace {

using testing::run_sandtable;
using testing::temp_dir;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A sweep of Iwo Jima over `points` values of one parameter into `db`.
std::vector<std::string> sweep_args(const std::string& db, int points,
                                    std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "sweep",  testing::iwo_jima(),
      "--vary", "model.adversary_kill_rate=linspace(0.04, 0.07, " + std::to_string(points) + ")",
      "-o",     db,
      "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// A child process running `body`; it exits when `body` returns (or when
// killed). The parent waits for it in wait() or the destructor.
class Child {
 public:
  explicit Child(const std::function<void()>& body) {
    pid_ = ::fork();
    if (pid_ == 0) {
      body();
      ::_exit(0);
    }
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  [[nodiscard]] pid_t pid() const { return pid_; }
  int wait() {
    int status = 0;
    if (pid_ > 0) ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
};

// Waits (up to 60 s) until some process holds the lock of `db`; its pid.
long wait_for_writer(const std::string& db) {
  long pid = 0;
  for (int i = 0; i < 6000; ++i) {
    if (study::WriterLock::held(db, pid) && pid > 0) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

TEST(ResultsLockTest, ASweepIsRefusedWhileAnotherProcessWritesTheDatabase) {
  const std::string dir = temp_dir("lock");
  const std::string db = dir + "/results.db";
  ASSERT_EQ(run_sandtable(sweep_args(db, 40)).code, 0);
  const std::string before = file_bytes(db);
  ASSERT_FALSE(before.empty());
  // The child holds the lock as a sweep does, until the parent closes the pipe.
  int release[2];
  ASSERT_EQ(::pipe(release), 0);
  Child child([&] {
    ::close(release[1]);
    std::unique_ptr<study::WriterLock> lock;
    if (!study::WriterLock::acquire(db, lock).is_ok()) return;
    char c;
    while (::read(release[0], &c, 1) > 0) {
    }
  });
  ::close(release[0]);
  ASSERT_EQ(wait_for_writer(db), child.pid());
  const std::string busy =
      db + " is being written by another sweep (pid " + std::to_string(child.pid()) + ")";
  for (const char* flag : {"--overwrite", "--resume"}) {
    const testing::CliRun r = run_sandtable(sweep_args(db, 40, {flag}));
    EXPECT_EQ(r.code, 3) << flag << ": " << r.err;
    EXPECT_NE(r.err.find(busy), std::string::npos) << flag << ": " << r.err;
    EXPECT_EQ(file_bytes(db), before) << flag;
  }
  // A new sweep to the same path is refused in the same way.
  EXPECT_EQ(run_sandtable(sweep_args(db, 40)).code, 3);
  ::close(release[1]);
  child.wait();
  long pid = 0;
  EXPECT_FALSE(study::WriterLock::held(db, pid));
  EXPECT_EQ(run_sandtable(sweep_args(db, 40, {"--resume"})).code, 0);
  EXPECT_FALSE(std::filesystem::exists(study::WriterLock::lock_path(db)));
}

TEST(ResultsLockTest, ARunningSweepHoldsTheLockAndKillNineLeavesNoStaleLock) {
  const std::string dir = temp_dir("lockkill");
  const std::string db = dir + "/results.db";
  // Long enough to be still running when killed (about a minute on one thread).
  Child child([&] { (void)run_sandtable(sweep_args(db, 5'000'000, {"-j", "1"})); });
  ASSERT_EQ(wait_for_writer(db), child.pid());
  const testing::CliRun r = run_sandtable(sweep_args(db, 40, {"--overwrite"}));
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("is being written by another sweep (pid " + std::to_string(child.pid())),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(std::filesystem::exists(db));
  ::kill(child.pid(), SIGKILL);
  child.wait();
  // The kernel released the lock with its holder: the leftover lock file
  // does not get in the way.
  EXPECT_TRUE(std::filesystem::exists(study::WriterLock::lock_path(db)));
  const testing::CliRun again = run_sandtable(sweep_args(db, 40, {"--overwrite"}));
  EXPECT_EQ(again.code, 0) << again.err;
}

TEST(ResultsLockTest, TwoLocksInOneProcessExcludeEachOther) {
  const std::string db = temp_dir("lockself") + "/results.db";
  std::unique_ptr<study::WriterLock> first;
  ASSERT_TRUE(study::WriterLock::acquire(db, first).is_ok());
  std::unique_ptr<study::WriterLock> second;
  const Status st = study::WriterLock::acquire(db, second);
  EXPECT_EQ(st.code(), Status::Code::kIo);
  EXPECT_NE(st.message().find("(pid " + std::to_string(::getpid()) + ")"), std::string::npos)
      << st.message();
  first.reset();
  EXPECT_TRUE(study::WriterLock::acquire(db, second).is_ok());
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// `bytes` with its middle 64 KB overwritten by pseudo-random bytes: with
// 64 KB pages, that always reaches a page header. (A few bytes overwritten
// inside a row's values can go unseen: SQLite keeps no checksums.)
std::string overwrite_middle(std::string bytes) {
  std::mt19937_64 engine(20240601);
  const std::size_t from = bytes.size() / 2 - 32768;
  for (std::size_t i = from; i < from + 65536 && i < bytes.size(); ++i) {
    bytes[i] = static_cast<char>(engine() & 0xFF);
  }
  return bytes;
}

TEST(ResultsDamageTest, DamagedDatabasesAreReportedAsDamagedAndLeftUnchanged) {
  const std::string dir = temp_dir("damage");
  const std::string good = dir + "/good.db";
  ASSERT_EQ(run_sandtable(sweep_args(good, 5000)).code, 0);
  const std::string bytes = file_bytes(good);
  ASSERT_GT(bytes.size(), 4U * 65536U);
  const std::vector<std::pair<std::string, std::string>> damage = {
      {"overwritten in the middle", overwrite_middle(bytes)},
      {"truncated to half", bytes.substr(0, bytes.size() / 2)},
      {"truncated to its first 50 bytes", bytes.substr(0, 50)},
      {"not SQLite", "index,status\n0,ok\n"},
      {"empty", ""},
  };
  const std::string db = dir + "/results.db";
  for (const auto& [what, content] : damage) {
    write_bytes(db, content);
    const std::vector<std::vector<std::string>> commands = {{"export", db},
                                                            {"export", db, "--partial"},
                                                            {"analyze", db, "--format", "json"},
                                                            sweep_args(db, 5000, {"--resume"})};
    for (const std::vector<std::string>& args : commands) {
      const testing::CliRun r = run_sandtable(args);
      EXPECT_EQ(r.code, 3) << what << ", " << args[0] << ": " << r.err;
      EXPECT_NE(r.err.find(db + " is damaged: "), std::string::npos) << what << ": " << r.err;
      EXPECT_NE(r.err.find("; it was not changed"), std::string::npos) << what << ": " << r.err;
      EXPECT_EQ(r.err.find("not a sandtable results database"), std::string::npos) << r.err;
      EXPECT_EQ(r.out, "") << what << ", " << args[0];
      EXPECT_TRUE(file_bytes(db) == content) << what << ", " << args[0] << " changed the file";
    }
    EXPECT_FALSE(std::filesystem::exists(db + "-journal")) << what;
  }
}

TEST(ResultsDamageTest, AnSqliteDatabaseOfAnotherProgramIsNotCalledDamaged) {
  const std::string db = temp_dir("foreign") + "/other.db";
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "CREATE TABLE t(a); INSERT INTO t VALUES(1);", nullptr, nullptr,
                         nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  const std::string before = file_bytes(db);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"export", db}, std::vector<std::string>{"analyze", db},
        sweep_args(db, 40, {"--resume"})}) {
    const testing::CliRun r = run_sandtable(args);
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.err.find(db + ": an SQLite database, but not a sandtable results database"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("damaged"), std::string::npos) << r.err;
  }
  EXPECT_EQ(file_bytes(db), before);
}

// Mosul over 12 points, of which 3 to 11 are invalid combinations (D-day
// after the horizon, trainees above the personnel).
std::unique_ptr<PreparedStudy> mosul_with_failures() {
  return testing::prepare_or_fail(
      testing::spec_for(testing::mosul(), {{"calendar.d_day", "2015-03-01,2016-03-01"},
                                           {"forces.isf.training.trainees", "10000,30000"},
                                           {"forces.isf.training.course_days", "28,42,56"}}));
}

// Runs the whole study, or (keep > 0) leaves only its first `keep` runs, as
// a sweep interrupted there would. (stop_after_batches is not exact: the
// batches finished in the meantime are stored too.)
void sweep_keeping(const PreparedStudy& study, const std::string& db, int keep, bool resume) {
  SweepOptions o;
  o.db_path = db;
  o.resume = resume;
  o.overwrite = !resume;
  o.threads = 1;
  o.batch_size = 4;
  SweepSummary s;
  ASSERT_TRUE(run_sweep(study, o, s).is_ok());
  if (keep == 0) return;
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  const std::string sql = "DELETE FROM runs WHERE idx >= " + std::to_string(keep);
  EXPECT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(PartialResultsTest, ExportRefusesAnIncompleteDatabaseUnlessAskedForPartial) {
  const std::string db = temp_dir("partial") + "/results.db";
  const auto study = mosul_with_failures();
  sweep_keeping(*study, db, 8, false);
  const std::string holds = db +
                            " holds 8 of 12 runs (5 of them failed; the sweep is incomplete: "
                            "finish it with `sandtable sweep ... -o " +
                            db + " --resume`)";
  testing::CliRun r = run_sandtable({"export", db});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "sandtable export: " + holds + "; pass --partial to export the runs it holds\n");
  for (const char* format : {"--csv", "--json"}) {
    r = run_sandtable({"export", db, format, "--partial"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(lines(r.out), format[2] == 'c' ? 1U + 8U : 8U) << format;
    EXPECT_EQ(r.err, "sandtable export: warning: " + holds + "\n");
  }
  // The library refuses it too unless asked.
  std::ostringstream out;
  EXPECT_EQ(export_results(db, ExportFormat::kCsv, out).code(), Status::Code::kInvalidInput);
  EXPECT_EQ(out.str(), "");
  // Once resumed to the end, nothing is said.
  sweep_keeping(*study, db, 0, true);
  r = run_sandtable({"export", db});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(lines(r.out), 1U + 12U);
}

TEST(PartialResultsTest, AnalyzeWarnsAndMarksItsReportPartial) {
  const std::string db = temp_dir("partialan") + "/results.db";
  const auto study = mosul_with_failures();
  sweep_keeping(*study, db, 8, false);
  testing::CliRun r = run_sandtable({"analyze", db});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "sandtable analyze: warning: " + db +
                       " holds 8 of 12 runs (5 of them failed; the sweep is incomplete: finish it "
                       "with `sandtable sweep ... -o " +
                       db + " --resume`); the analysis covers only these runs\n");
  EXPECT_NE(r.out.find("grid design, seed 1, 8 of 12 runs (5 failed)\nPARTIAL: the database "
                       "holds 8 of 12 runs of the design"),
            std::string::npos)
      << r.out;
  r = run_sandtable({"analyze", db, "--format", "json"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(
      r.out.find("\"design_size\": 12,\n  \"runs\": 8,\n  \"partial\": true,\n  \"failed\": 5"),
      std::string::npos)
      << r.out;
  sweep_keeping(*study, db, 0, true);
  r = run_sandtable({"analyze", db, "--format", "json"});
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("\"runs\": 12,\n  \"partial\": false,"), std::string::npos) << r.out;
  r = run_sandtable({"analyze", db});
  EXPECT_EQ(r.out.find("PARTIAL"), std::string::npos) << r.out;
}

TEST(PartialResultsTest, SaysWhenASweepIsStillWritingTheDatabase) {
  const std::string db = temp_dir("partialrun") + "/results.db";
  const auto study = mosul_with_failures();
  sweep_keeping(*study, db, 4, false);
  int release[2];
  ASSERT_EQ(::pipe(release), 0);
  Child child([&] {
    ::close(release[1]);
    std::unique_ptr<study::WriterLock> lock;
    if (!study::WriterLock::acquire(db, lock).is_ok()) return;
    char c;
    while (::read(release[0], &c, 1) > 0) {
    }
  });
  ::close(release[0]);
  ASSERT_EQ(wait_for_writer(db), child.pid());
  const std::string writing = db +
                              " holds 4 of 12 runs (1 of them failed; a sweep is still "
                              "writing it, pid " +
                              std::to_string(child.pid()) + ")";
  testing::CliRun r = run_sandtable({"export", db});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(writing), std::string::npos) << r.err;
  r = run_sandtable({"analyze", db});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.err.find(writing), std::string::npos) << r.err;
  ::close(release[1]);
  child.wait();
}

}  // namespace
}  // namespace sandtable

namespace sandtable {
namespace {

// The `results` view reads as the CSV export does: the index named `index`,
// dates as ISO text, integers as integers.
TEST(ResultsViewTest, TheViewHasTheExportsNamesDatesAndIntegers) {
  const std::string db = ::testing::TempDir() + "/sandtable_results_view.db";
  std::remove(db.c_str());
  sweep_keeping(*mosul_with_failures(), db, 0, false);
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(handle,
                               "SELECT \"index\", \"calendar.d_day\", typeof(\"calendar.d_day\"), "
                               "typeof(\"forces.isf.training.course_days\"), status FROM results "
                               "ORDER BY \"index\"",
                               -1, &st, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(handle);
  int rows = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    EXPECT_EQ(sqlite3_column_int64(st, 0), rows);
    const std::string day = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    EXPECT_TRUE(day == "2015-03-01" || day == "2016-03-01") << day;
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)), "text");
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)), "integer");
    ++rows;
  }
  sqlite3_finalize(st);
  sqlite3_close(handle);
  EXPECT_EQ(rows, 12);
}

}  // namespace
}  // namespace sandtable
