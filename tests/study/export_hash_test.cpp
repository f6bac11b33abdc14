// Scenario hashes a sweep did not store (--no-hash) are computed at export:
// the export of a --no-hash database is, byte for byte, that of the same
// sweep run with hashes, in both layouts and both formats, failed runs
// included; a database whose base scenario does not read back exports them
// empty and says so once.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "sandtable/load.hpp"
#include "sandtable/parameters.hpp"
#include "study/export.hpp"
#include "study/store.hpp"
#include "study_helpers.hpp"

namespace sandtable {
namespace {

using testing::mosul;
using testing::prepare_or_fail;
using testing::spec_for;
using testing::temp_dir;

struct Exported {
  std::string text;
  std::vector<std::string> notes;
};

Exported export_db(const std::string& db, ExportFormat format) {
  Exported e;
  std::ostringstream out;
  const Status st = study::export_results(
      db, format, out, [&](const std::string& note) { e.notes.push_back(note); });
  EXPECT_TRUE(st.is_ok()) << st.message();
  e.text = out.str();
  return e;
}

void sweep_into(const PreparedStudy& study, const std::string& db, bool hashes, bool packed,
                std::uint64_t stop_after = 0, bool resume = false, std::uint64_t batch = 4) {
  SweepOptions o;
  o.db_path = db;
  o.overwrite = !resume;
  o.resume = resume;
  o.threads = 2;
  o.batch_size = batch;
  o.hashes = hashes;
  o.packed = packed;
  o.stop_after_batches = stop_after;
  SweepSummary s;
  const Status st = run_sweep(study, o, s);
  ASSERT_TRUE(st.is_ok()) << st.message();
}

// How many stored rows have a hash in the database itself.
std::uint64_t stored_hashes(const std::string& db) {
  std::unique_ptr<study::ResultsStore> store;
  EXPECT_TRUE(study::ResultsStore::open(db, false, store).is_ok());
  std::uint64_t next = 0;
  std::uint64_t n = 0;
  study::Batch b;
  std::vector<std::uint64_t> index;
  do {
    EXPECT_TRUE(store->read(next, 1000, b, index).is_ok());
    n += static_cast<std::uint64_t>(std::count(b.hashed.begin(), b.hashed.end(), 1));
  } while (b.count > 0);
  return n;
}

// The CSV field `column` of the line of run `index`.
std::string csv_field(const std::string& csv, std::uint64_t index, std::size_t column) {
  std::istringstream lines(csv);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(std::to_string(index) + ",", 0) != 0) continue;
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back().push_back(c);
      }
    }
    return column < fields.size() ? fields[column] : "(no column)";
  }
  return "(no run " + std::to_string(index) + ")";
}

void expect_same_exports(const std::string& hashed, const std::string& unhashed) {
  for (const ExportFormat format : {ExportFormat::kCsv, ExportFormat::kJsonLines}) {
    const Exported a = export_db(hashed, format);
    const Exported b = export_db(unhashed, format);
    EXPECT_EQ(a.text, b.text);
    EXPECT_TRUE(a.notes.empty());
    EXPECT_TRUE(b.notes.empty()) << b.notes.front();
  }
}

// A date, an integer and a number varied over the Mosul base case.
StudySpec mosul_design() {
  return spec_for(mosul(), {{"calendar.d_day", "2015-02-01:2015-05-02:30d"},
                            {"forces.isf.training.course_days", "28,42,56"},
                            {"model.coalition_kill_rate", "0.008,0.0123456789"}});
}

TEST(ExportHashTest, NoHashDatabaseExportsTheSameBytesAsAHashedOne) {
  const std::string dir = temp_dir("nohash");
  auto study = prepare_or_fail(mosul_design());
  ASSERT_EQ(study->size(), 4U * 3U * 2U);
  for (const bool packed : {false, true}) {
    SCOPED_TRACE(packed ? "packed" : "columns");
    const std::string layout = packed ? "packed" : "columns";
    sweep_into(*study, dir + "/hashed-" + layout + ".db", true, packed);
    sweep_into(*study, dir + "/nohash-" + layout + ".db", false, packed);
    EXPECT_EQ(stored_hashes(dir + "/hashed-" + layout + ".db"), 24U);
    EXPECT_EQ(stored_hashes(dir + "/nohash-" + layout + ".db"), 0U);
    expect_same_exports(dir + "/hashed-" + layout + ".db", dir + "/nohash-" + layout + ".db");
  }
  // The hash is the one `sandtable check` prints for the base with the row's values set.
  const LoadResult last =
      load_scenario(mosul(), {"calendar.d_day=2015-05-02", "forces.isf.training.course_days=56",
                              "model.coalition_kill_rate=0.0123456789"});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(csv_field(export_db(dir + "/nohash-packed.db", ExportFormat::kCsv).text, 23, 3),
            scenario_hash(last.loaded->scenario));
}

TEST(ExportHashTest, SweepResumedWithoutHashesExportsAsOneWithHashes) {
  const std::string dir = temp_dir("mixed");
  auto study = prepare_or_fail(mosul_design());
  sweep_into(*study, dir + "/hashed.db", true, false);
  // A few runs with their hash (the batches in flight at the stop are kept),
  // the rest without.
  sweep_into(*study, dir + "/mixed.db", true, false, 2, false, 1);
  const std::uint64_t first = stored_hashes(dir + "/mixed.db");
  sweep_into(*study, dir + "/mixed.db", false, false, 0, true, 1);
  EXPECT_GE(first, 2U);
  EXPECT_LT(first, 24U);
  EXPECT_EQ(stored_hashes(dir + "/mixed.db"), first);
  expect_same_exports(dir + "/hashed.db", dir + "/mixed.db");
}

TEST(ExportHashTest, FailedPointsExportTheSameEitherWay) {
  const std::string dir = temp_dir("nohash-failed");
  // D-day after the horizon, or more trainees than personnel: the values are
  // set, the scenario fails its checks, and a hashed sweep stores its hash.
  auto study =
      prepare_or_fail(spec_for(mosul(), {{"calendar.d_day", "2015-03-01,2016-03-01"},
                                         {"forces.isf.training.trainees", "10000,30000"}}));
  for (const bool packed : {false, true}) {
    SCOPED_TRACE(packed ? "packed" : "columns");
    const std::string hashed = dir + "/hashed.db";
    const std::string unhashed = dir + "/nohash.db";
    sweep_into(*study, hashed, true, packed);
    sweep_into(*study, unhashed, false, packed);
    // A run whose value cannot be set (here a date that is not a whole
    // day) is stored without a hash by either sweep.
    for (const std::string& db : {hashed, unhashed}) {
      std::unique_ptr<study::ResultsStore> store;
      ASSERT_TRUE(study::ResultsStore::open(db, true, store).is_ok());
      study::Batch b;
      b.first = 4;
      b.count = 1;
      b.params = {16495.5, 10000.0};
      b.outcomes.assign(store->header().outcomes.size(), std::nan(""));
      b.ok = {0};
      b.errors = {"calendar.d_day: expected a whole number of days"};
      b.hashed = {0};
      ASSERT_TRUE(store->write(b).is_ok());
    }
    expect_same_exports(hashed, unhashed);
    const std::string csv = export_db(unhashed, ExportFormat::kCsv).text;
    EXPECT_EQ(csv_field(csv, 0, 1), "ok");
    for (const std::uint64_t failed : {1U, 2U, 3U}) {
      EXPECT_EQ(csv_field(csv, failed, 1), "failed");
      EXPECT_EQ(csv_field(csv, failed, 3).size(), 64U) << failed;
    }
    EXPECT_NE(csv_field(csv, 1, 3), csv_field(csv, 2, 3));
    EXPECT_EQ(csv_field(csv, 4, 3), "");
  }
}

TEST(ExportHashTest, BaseScenarioThatDoesNotReadBackLeavesHashesEmptyAndSaysSoOnce) {
  const std::string dir = temp_dir("nohash-old");
  auto study = prepare_or_fail(mosul_design());
  const std::string db = dir + "/old.db";
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"base_scenario_yaml", "calendar: [unclosed"},
      {"base_scenario_yaml", ""},
      {"base_scenario_hash", std::string(64, '0')}};
  for (const auto& [key, value] : damages) {
    SCOPED_TRACE(key + " = '" + value + "'");
    sweep_into(*study, db, false, true);
    {
      std::unique_ptr<study::ResultsStore> store;
      ASSERT_TRUE(study::ResultsStore::open(db, true, store).is_ok());
      ASSERT_TRUE(store->set_meta(key, value).is_ok());
    }
    const Exported e = export_db(db, ExportFormat::kCsv);
    ASSERT_EQ(e.notes.size(), 1U);
    EXPECT_NE(e.notes[0].find("are exported without one: "), std::string::npos) << e.notes[0];
    EXPECT_EQ(std::count(e.text.begin(), e.text.end(), '\n'), 1 + 24);
    for (std::uint64_t i = 0; i < 24; ++i) EXPECT_EQ(csv_field(e.text, i, 3), "") << i;
    // The public entry point exports the same, silently.
    std::ostringstream out;
    ASSERT_TRUE(export_results(db, ExportFormat::kCsv, out).is_ok());
    EXPECT_EQ(out.str(), e.text);
  }
}

}  // namespace
}  // namespace sandtable
