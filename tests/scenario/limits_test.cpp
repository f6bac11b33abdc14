// Resource limits: every limit stops its input with an error that names it,
// --limit raises it, and loading time grows in proportion to the file.
#include "sandtable/limits.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

using sandtable::testing::CliRun;
using sandtable::testing::run_sandtable;

std::string path(const std::string& relative) { return test::source_path(relative).string(); }

// A valid scenario of `elements` force elements, each about `pad` bytes.
std::string scenario_of(int elements, int pad) {
  std::string s =
      "name: \"Size test\"\ncalendar:\n  start: 2015-01-01\n  horizon_days: 100\n"
      "  d_day: 2015-02-01\nforces:\n";
  for (int i = 0; i < elements; ++i) {
    const std::string n = std::to_string(i);
    s += "  e" + n + ":\n    label: \"Element " + n + " " + std::string(pad, 'x') +
         "\"\n    affiliation: iraqi_government\n    role: assault\n    personnel: 100\n";
  }
  return s + "adversary:\n  fighters: 500\n";
}

void expect_limit_error(const CliRun& r, int code, const std::string& limit) {
  EXPECT_EQ(r.code, code) << r.err;
  EXPECT_NE(r.err.find("limit " + limit + " = "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("raise it with --limit " + limit + "=N"), std::string::npos) << r.err;
}

TEST(LimitsTest, FileSizeIsBoundedAndCanBeRaised) {
  const test::TempDir dir;
  const std::string file = dir.write("s.yaml", scenario_of(3, 100)).string();
  expect_limit_error(run_sandtable({"check", file, "--limit", "file_bytes=200"}), 3, "file_bytes");
  // Before or after the command's name; the default again on the next command.
  EXPECT_EQ(run_sandtable({"--limit", "file_bytes=1MiB", "check", file}).code, 0);
  EXPECT_EQ(run_sandtable({"check", file}).code, 0);
}

TEST(LimitsTest, FifoAndDevicesAreRefused) {
  const test::TempDir dir;
  const std::string fifo = (dir.path() / "pipe.yaml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  CliRun r = run_sandtable({"check", fifo});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("is a FIFO, not a regular scenario file"), std::string::npos) << r.err;
  r = run_sandtable({"check", "/dev/zero"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("is a device"), std::string::npos) << r.err;
}

TEST(LimitsTest, ListsElementsAndElementDaysAreBounded) {
  const std::string base = path("scenarios/mosul-2015/base.yaml");
  expect_limit_error(run_sandtable({"check", base, "--limit", "list_items=2"}), 1, "list_items");
  expect_limit_error(run_sandtable({"check", base, "--limit", "elements=2"}), 1, "elements");
  const CliRun r = run_sandtable({"check", base, "--limit", "element_days=100"});
  expect_limit_error(r, 1, "element_days");
  EXPECT_NE(r.err.find("calendar.horizon_days"), std::string::npos) << r.err;
  EXPECT_EQ(run_sandtable({"check", base}).code, 0);
}

TEST(LimitsTest, AliasExpansionIsBounded) {
  const std::string bomb = path("tests/data/invalid/alias_bomb.yaml");
  expect_limit_error(run_sandtable({"check", bomb}), 1, "yaml_nodes");
}

TEST(LimitsTest, BadLimitOptionsAreUsageErrors) {
  const std::string base = path("scenarios/mosul-2015/base.yaml");
  CliRun r = run_sandtable({"check", base, "--limit", "file_byte=1M"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean 'file_bytes'?"), std::string::npos) << r.err;
  for (const std::string bad : {"file_bytes=0", "file_bytes=-5", "file_bytes=12X", "file_bytes"}) {
    r = run_sandtable({"check", base, "--limit", bad});
    EXPECT_EQ(r.code, 2) << bad;
  }
}

TEST(LimitsTest, SetLimitParsesSuffixes) {
  const Limits saved = limits();
  EXPECT_EQ(set_limit("file_bytes=2MiB"), "");
  EXPECT_EQ(limits().file_bytes, 2u << 20);
  EXPECT_EQ(set_limit("design_points=3k"), "");
  EXPECT_EQ(limits().design_points, 3000u);
  EXPECT_NE(set_limit("design_points=99999999999999999999"), "");
  set_limits(saved);
}

// Load time against size is a benchmark (BM_LoadScenarioElements in
// bench/model_bench.cpp, docs/limits.md), not a timed test: here only that a
// 10 MB scenario of 10,000 elements, within every default limit, loads.
TEST(LimitsTest, TenMegabyteScenarioWithinTheLimitsLoads) {
  const std::string large = scenario_of(10000, 900);
  ASSERT_GT(large.size(), 10'000'000u);
  const LoadResult r = load_scenario_text(large, "size.yaml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.to_string().substr(0, 500);
  EXPECT_EQ(r.loaded->scenario.forces.size(), 10000u);
}

}  // namespace
}  // namespace sandtable

namespace sandtable {
namespace {

TEST(LimitsTest, EveryLimitIsDocumentedWithItsDefault) {
  const std::string doc = test::read_file(test::source_path("docs/limits.md"));
  for (const LimitInfo& i : limit_infos()) {
    EXPECT_NE(doc.find("| `" + i.name + "` | " + std::to_string(i.default_value)),
              std::string::npos)
        << i.name << " is missing from docs/limits.md or its default differs";
  }
}

}  // namespace
}  // namespace sandtable
