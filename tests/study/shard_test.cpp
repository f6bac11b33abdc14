// Shards (sweep --shard K/N) and merge: the shards of a design cover it
// exactly once, merged they give the unsharded table, and a merge that
// cannot give it (a missing, repeated, foreign or unfinished shard) writes
// nothing. Also the wire form of the batches MPI ranks exchange.
#include <sqlite3.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>

#include "study/cluster_link.hpp"
#include "study_helpers.hpp"

namespace sandtable {
namespace {

using testing::mosul;
using testing::prepare_or_fail;
using testing::spec_for;
using testing::temp_dir;

std::string export_csv(const std::string& db, bool partial = false) {
  std::ostringstream out;
  ExportOptions o;
  o.partial = partial;
  const Status st = export_results(db, ExportFormat::kCsv, out, o);
  EXPECT_TRUE(st.is_ok()) << st.message();
  return out.str();
}

Status sweep_shard(const PreparedStudy& study, const std::string& db, std::uint64_t k,
                   std::uint64_t n, int threads = 2, std::uint64_t stop_after = 0,
                   bool resume = false) {
  SweepOptions o;
  o.db_path = db;
  o.threads = threads;
  o.batch_size = 7;
  o.shard = k;
  o.shards = n;
  o.overwrite = !resume;
  o.resume = resume;
  o.stop_after_batches = stop_after;
  SweepSummary s;
  return run_sweep(study, o, s);
}

StudySpec mosul_study(const std::string& rates = "0.008,0.012") {
  return spec_for(mosul(), {{"calendar.d_day", "2015-02-01:2015-06-01:15d"},
                            {"forces.isf.training.course_days", "28,42,56"},
                            {"model.coalition_kill_rate", rates}});
}

Status merge(const std::vector<std::string>& parts, const std::string& out) {
  MergeSummary summary;
  return merge_results(parts, out, false, summary);
}

TEST(ShardTest, RangesCoverEveryPointOnceInOrder) {
  for (std::uint64_t points : {0ULL, 1ULL, 7ULL, 54ULL, 1000003ULL}) {
    for (std::uint64_t n : {1ULL, 2ULL, 3ULL, 8ULL, 100ULL}) {
      std::uint64_t next = 0;
      for (std::uint64_t k = 1; k <= n; ++k) {
        const auto [lo, hi] = shard_range(points, k, n);
        EXPECT_EQ(lo, next) << points << " points, shard " << k << "/" << n;
        EXPECT_LE(hi - lo, points / n + 1);
        next = hi;
      }
      EXPECT_EQ(next, points);
    }
  }
  std::uint64_t k = 0;
  std::uint64_t n = 0;
  EXPECT_TRUE(parse_shard("3/8", k, n));
  EXPECT_EQ(k, 3U);
  EXPECT_EQ(n, 8U);
  for (const char* bad : {"0/3", "4/3", "3", "a/b", "1/", "/2", "-1/2", "1/2000000"}) {
    EXPECT_FALSE(parse_shard(bad, k, n)) << bad;
  }
}

TEST(ShardTest, ThreeShardsMergedEqualTheUnshardedSweep) {
  const std::string dir = temp_dir("shards");
  auto study = prepare_or_fail(mosul_study());
  SweepOptions whole;
  whole.db_path = dir + "/whole.db";
  whole.threads = 1;
  SweepSummary s;
  ASSERT_TRUE(run_sweep(*study, whole, s).is_ok());
  std::vector<std::string> parts;
  for (std::uint64_t k = 1; k <= 3; ++k) {
    parts.push_back(dir + "/part" + std::to_string(k) + ".db");
    ASSERT_TRUE(sweep_shard(*study, parts.back(), k, 3, static_cast<int>(k)).is_ok());
  }
  // A shard alone is not the study: export refuses it without --partial.
  std::ostringstream out;
  const Status alone = export_results(parts[0], ExportFormat::kCsv, out, ExportOptions{});
  EXPECT_FALSE(alone.is_ok());
  EXPECT_NE(alone.message().find("shard 1/3"), std::string::npos) << alone.message();
  // Given in any order.
  ASSERT_TRUE(merge({parts[2], parts[0], parts[1]}, dir + "/all.db").is_ok());
  EXPECT_EQ(export_csv(dir + "/all.db"), export_csv(whole.db_path));
  MergeSummary again;
  EXPECT_FALSE(merge_results(parts, dir + "/all.db", false, again).is_ok());
  EXPECT_TRUE(merge_results(parts, dir + "/all.db", true, again).is_ok());
  EXPECT_EQ(again.rows, study->size());
  EXPECT_EQ(again.parts, 3U);
}

TEST(ShardTest, AnInterruptedShardResumesAsTheSameShard) {
  const std::string dir = temp_dir("shard-resume");
  auto study = prepare_or_fail(mosul_study());
  const std::string db = dir + "/part2.db";
  ASSERT_TRUE(sweep_shard(*study, db, 2, 3, 1, 1).is_ok());
  // Resumed as another shard (or as the whole design), it is refused.
  const Status other = sweep_shard(*study, db, 1, 3, 1, 0, true);
  EXPECT_FALSE(other.is_ok());
  EXPECT_NE(other.message().find("shard 2/3"), std::string::npos) << other.message();
  ASSERT_TRUE(sweep_shard(*study, db, 2, 3, 2, 0, true).is_ok());
  ASSERT_TRUE(sweep_shard(*study, dir + "/fresh.db", 2, 3).is_ok());
  EXPECT_EQ(export_csv(db, true), export_csv(dir + "/fresh.db", true));
  EXPECT_FALSE(sweep_shard(*study, dir + "/bad.db", 4, 3).is_ok());
}

TEST(ShardTest, AMergeThatCannotGiveTheStudyWritesNothing) {
  const std::string dir = temp_dir("shard-bad");
  auto study = prepare_or_fail(mosul_study());
  auto other = prepare_or_fail(mosul_study("0.008,0.013"));
  for (std::uint64_t k = 1; k <= 3; ++k) {
    ASSERT_TRUE(sweep_shard(*study, dir + "/p" + std::to_string(k) + ".db", k, 3).is_ok());
  }
  ASSERT_TRUE(sweep_shard(*other, dir + "/other3.db", 3, 3).is_ok());
  std::filesystem::copy_file(dir + "/p2.db", dir + "/copy2.db");
  // A shard with one run lost, and one with a run of another shard.
  std::filesystem::copy_file(dir + "/p3.db", dir + "/short3.db");
  std::filesystem::copy_file(dir + "/p3.db", dir + "/wide3.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/short3.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM runs WHERE idx = 40", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_EQ(sqlite3_open((dir + "/wide3.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(
                db,
                "CREATE TEMP TABLE t AS SELECT * FROM runs WHERE idx = 40; UPDATE t SET idx = 2; "
                "INSERT INTO runs SELECT * FROM t",
                nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(sweep_shard(*study, dir + "/of4.db", 4, 4).is_ok());
  SweepOptions whole;
  whole.db_path = dir + "/whole.db";
  SweepSummary s;
  ASSERT_TRUE(run_sweep(*study, whole, s).is_ok());
  const std::string out = dir + "/merged.db";
  const auto fails_with = [&](const std::vector<std::string>& names, const std::string& words) {
    std::vector<std::string> parts;
    for (const std::string& n : names) parts.push_back(dir + "/" + n);
    const Status st = merge(parts, out);
    EXPECT_FALSE(st.is_ok()) << words;
    EXPECT_NE(st.message().find(words), std::string::npos) << st.message();
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_FALSE(std::filesystem::exists(out + ".merging"));
  };
  fails_with({"p1.db", "p2.db"}, "shard 3 of 3 is missing");
  fails_with({"p1.db", "p2.db", "other3.db"}, "made by another study");
  fails_with({"p1.db", "p2.db", "copy2.db", "p3.db"}, "both shard 2/3");
  fails_with({"p1.db", "p2.db", "p2.db", "p3.db"}, "given twice");
  fails_with({"p1.db", "p2.db", "short3.db"}, "holds 17 of the 18 runs of shard 3/3");
  fails_with({"p1.db", "p2.db", "wide3.db"}, "holds 1 run outside shard 3/3");
  fails_with({"p1.db", "p2.db", "p3.db", "of4.db"}, "one of 3 shards");
  fails_with({"p1.db", "whole.db"}, "not a shard");
  fails_with({"p1.db", "missing.db"}, "no such results database");
}

TEST(ClusterWireTest, BatchesReadBackExactly) {
  study::Batch a;
  a.first = 40;
  a.count = 2;
  a.params = {1.5, -0.0, 3.0, 4.25};
  a.outcomes = {std::nan(""), 2.0, 1e-300, -7.0};
  a.ok = {0, 1};
  a.errors = {"forces.isf: bad \"value\"\n", ""};
  a.hashes.assign(128, 'f');
  a.hashed = {0, 1};
  study::Batch b;
  b.first = 42;
  std::vector<char> bytes;
  study::cluster::encode_batches({a, b}, bytes);
  std::vector<study::Batch> back;
  ASSERT_TRUE(study::cluster::decode_batches(bytes, back));
  ASSERT_EQ(back.size(), 2U);
  EXPECT_EQ(back[0].first, 40U);
  EXPECT_EQ(back[0].errors, a.errors);
  EXPECT_EQ(back[0].hashes, a.hashes);
  EXPECT_EQ(back[0].hashed, a.hashed);
  EXPECT_EQ(std::memcmp(back[0].outcomes.data(), a.outcomes.data(), 4 * sizeof(double)), 0);
  EXPECT_EQ(back[1].first, 42U);
  EXPECT_EQ(back[1].count, 0U);
  // Cut short or padded, it does not decode.
  for (std::size_t cut : {std::size_t{1}, bytes.size() / 2, bytes.size() - 1}) {
    std::vector<char> part(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_FALSE(study::cluster::decode_batches(part, back)) << cut;
  }
  bytes.push_back(0);
  EXPECT_FALSE(study::cluster::decode_batches(bytes, back));
}

}  // namespace
}  // namespace sandtable
