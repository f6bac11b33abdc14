// The results database is never silently lost or misread: a sweep holds a
// lock on it for as long as it writes it, and another sweep (--overwrite,
// --resume) is refused while it does; a damaged database is reported as
// damaged and left as it is.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
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
      "sweep", testing::iwo_jima(), "--vary",
      "model.adversary_kill_rate=linspace(0.04, 0.07, " + std::to_string(points) + ")", "-o", db,
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
    const std::vector<std::vector<std::string>> commands = {
        {"export", db}, {"analyze", db, "--format", "json"},
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

}  // namespace
}  // namespace sandtable
