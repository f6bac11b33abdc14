// Ensembles and decisions: common random numbers, determinism across
// threads, a decision problem whose answer is known in closed form, and the
// errors of the uncertainty: block.
#include "sandtable/ensemble.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "../cli_runner.hpp"
#include "analysis_test_util.hpp"

namespace sandtable {
namespace {

using testing::load_case;
using testing::source_path;

const char* kFebruary = "scenarios/mosul-2015/february.yaml";
const char* kSpring = "scenarios/mosul-2015/spring.yaml";

EnsembleRuns must_run(const std::vector<LoadedScenario>& cases, const EnsembleOptions& o) {
  Diagnostics errors;
  auto runs = run_ensemble(cases, o, errors);
  EXPECT_TRUE(runs.has_value()) << errors.to_string();
  return runs ? *runs : EnsembleRuns{};
}

TEST(EnsembleTest, TheShippedBaseDeclaresItsUncertainty) {
  const LoadedScenario f = load_case(kFebruary);
  ASSERT_GE(f.uncertainty.assumptions.size(), 5U);
  EXPECT_NE(f.uncertainty.find("adversary.fighters"), nullptr);
  ASSERT_EQ(f.uncertainty.correlations.size(), 1U);
}

TEST(EnsembleTest, ACaseComparedWithItselfDiffersInNoWorld) {
  const LoadedScenario f = load_case(kFebruary);
  EnsembleOptions o;
  o.worlds = 64;
  const EnsembleRuns runs = must_run({f, f}, o);
  ASSERT_EQ(runs.values.size(), 2U);
  EXPECT_EQ(runs.values[0], runs.values[1]);
  const EnsembleReport r = summarize_ensemble({f, f}, runs, o);
  ASSERT_EQ(r.paired.size(), 1U);
  EXPECT_EQ(r.paired[0].to_only.count, 0U);
  EXPECT_EQ(r.paired[0].from_only.count, 0U);
  EXPECT_EQ(r.cases[0].success.count, r.cases[1].success.count);
  for (const Quantiles& q : r.paired[0].difference) {
    EXPECT_EQ(q.q05, 0.0);
    EXPECT_EQ(q.q95, 0.0);
    EXPECT_EQ(q.mean, 0.0);
  }
}

TEST(EnsembleTest, WorldsVaryAndStayInsideTheirDistributions) {
  const LoadedScenario f = load_case(kFebruary);
  EnsembleOptions o;
  o.worlds = 200;
  const EnsembleRuns runs = must_run({f}, o);
  const std::size_t k = runs.inputs.size();
  const auto j = static_cast<std::size_t>(
      std::find_if(runs.inputs.begin(), runs.inputs.end(),
                   [](const WorldInput& in) { return in.path == "adversary.fighters"; }) -
      runs.inputs.begin());
  ASSERT_LT(j, k);
  double lo = 1e9, hi = -1e9;
  for (std::uint64_t w = 0; w < runs.worlds; ++w) {
    lo = std::min(lo, runs.inputs_taken[0][w * k + j]);
    hi = std::max(hi, runs.inputs_taken[0][w * k + j]);
  }
  EXPECT_GE(lo, 1000.0);
  EXPECT_LE(hi, 2000.0);
  EXPECT_LT(lo, 1010.0);  // a Latin hypercube of 200 visits every 5-fighter stratum
  EXPECT_GT(hi, 1990.0);
}

TEST(EnsembleTest, TheSameSeedGivesTheSameBytesOnOneAndTwoThreads) {
  const std::vector<LoadedScenario> cases = {load_case(kFebruary), load_case(kSpring)};
  EnsembleOptions o;
  o.worlds = 50;
  o.threads = 1;
  const EnsembleRuns one = must_run(cases, o);
  o.threads = 2;
  const EnsembleRuns two = must_run(cases, o);
  EXPECT_EQ(format_ensemble(summarize_ensemble(cases, one, o), EnsembleFormat::kJson),
            format_ensemble(summarize_ensemble(cases, two, o), EnsembleFormat::kJson));
  o.seed = 7;
  const EnsembleRuns other = must_run(cases, o);
  EXPECT_NE(one.unit, other.unit);
}

TEST(EnsembleTest, CorrelatedAssumptionsMoveTogether) {
  const LoadedScenario f = load_case(kFebruary);
  EnsembleOptions o;
  o.worlds = 500;
  const EnsembleRuns runs = must_run({f}, o);
  const std::size_t k = runs.inputs.size();
  std::size_t a = k, b = k;
  for (std::size_t j = 0; j < k; ++j) {
    if (runs.inputs[j].path == "forces.isf.readiness") a = j;
    if (runs.inputs[j].path == "forces.isf.quality") b = j;
  }
  ASSERT_LT(a, k);
  ASSERT_LT(b, k);
  std::vector<double> x, y;
  for (std::uint64_t w = 0; w < runs.worlds; ++w) {
    x.push_back(runs.unit[w * k + a]);
    y.push_back(runs.unit[w * k + b]);
  }
  // Rank correlation of the unit points (ranks are those of the values).
  const auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t i, std::size_t j) { return v[i] < v[j]; });
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < order.size(); ++i) r[order[i]] = static_cast<double>(i);
    return r;
  };
  const std::vector<double> rx = ranks(x), ry = ranks(y);
  const double n = static_cast<double>(rx.size());
  double d2 = 0.0;
  for (std::size_t i = 0; i < rx.size(); ++i) d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
  const double rho = 1.0 - 6.0 * d2 / (n * (n * n - 1.0));
  EXPECT_NEAR(rho, 0.5, 0.05);
}

// A stored ensemble (-o DIR) gives the report of the in-memory one, and one
// stopped after its first batch resumes to the same bytes.
TEST(EnsembleTest, AStoppedStoredEnsembleResumesToTheSameReport) {
  const std::vector<LoadedScenario> cases = {load_case(kFebruary), load_case(kSpring)};
  EnsembleOptions o;
  o.worlds = 3000;
  o.threads = 2;
  const EnsembleRuns memory = must_run(cases, o);
  const std::string expected =
      format_ensemble(summarize_ensemble(cases, memory, o), EnsembleFormat::kJson);

  const std::string dir = ::testing::TempDir() + "/sandtable_ensemble_resume";
  std::filesystem::remove_all(dir);
  std::atomic<bool> stop{false};
  o.store_dir = dir;
  o.stop = &stop;
  o.progress = [&stop](const SweepProgress&) { stop.store(true); };
  Diagnostics errors;
  ExitCode code = ExitCode::kOk;
  EXPECT_FALSE(run_ensemble(cases, o, errors, &code).has_value());
  EXPECT_EQ(code, ExitCode::kInterrupted) << errors.to_string();
  EXPECT_NE(errors.to_string().find("--resume"), std::string::npos) << errors.to_string();

  // Without --resume the stored databases are not touched.
  o.progress = nullptr;
  stop.store(false);
  Diagnostics again;
  EXPECT_FALSE(run_ensemble(cases, o, again, &code).has_value());
  EXPECT_NE(again.to_string().find("--resume"), std::string::npos) << again.to_string();

  o.resume = true;
  const EnsembleRuns resumed = must_run(cases, o);
  EXPECT_EQ(format_ensemble(summarize_ensemble(cases, resumed, o), EnsembleFormat::kJson),
            expected);
  std::filesystem::remove_all(dir);
}

TEST(EnsembleTest, AWorldThatIsNotAValidScenarioIsRefused) {
  LoadResult r = load_scenario_text(
      "extends: " + source_path("tests/data/scenarios/minimal.yaml") +
          "\nname: late\nuncertainty:\n  calendar.d_day: uniform(2015-02-01, 2015-12-31)\n",
      "late.yaml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.to_string();
  EnsembleOptions o;
  o.worlds = 50;
  Diagnostics errors;
  EXPECT_FALSE(run_ensemble({*r.loaded}, o, errors).has_value());
  EXPECT_NE(errors.to_string().find("is not a valid scenario"), std::string::npos)
      << errors.to_string();
}

// tests/data/scenarios/decision.yaml: the criteria hold with probability
// P(U < 4000 - L) for advisers L and a reinforcement U ~ uniform(0, 2000),
// and minimising peak US personnel (L + U) has regret L - min L in every world.
TEST(DecideTest, ASyntheticDecisionWithAKnownAnswer) {
  const std::string file = source_path("tests/data/scenarios/decision.yaml");
  const auto r = testing::run_sandtable(
      {"decide", file, "--lever", "forces.us_advisers.personnel=3000,2500,1000", "--minimize",
       "peak_us_personnel", "--worlds", "400", "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  const auto& options = doc["options"];
  ASSERT_EQ(options.size(), 3U);
  const double expected_share[] = {0.5, 0.75, 1.0};
  const double expected_regret[] = {2000.0, 1500.0, 0.0};
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(options[i]["label"].get<std::string>());
    EXPECT_NEAR(options[i]["criteria_hold"]["share"].get<double>(), expected_share[i], 0.01);
    EXPECT_NEAR(options[i]["max_regret"].get<double>(), expected_regret[i], 5.0);
    EXPECT_NEAR(options[i]["mean_regret"].get<double>(), expected_regret[i], 5.0);
  }
  EXPECT_EQ(options[2]["label"], "personnel=1000");
  EXPECT_EQ(doc["most_robust"]["satisficing"], "personnel=1000");
  EXPECT_EQ(doc["most_robust"]["max_regret"], "personnel=1000");
  EXPECT_EQ(doc["most_robust"]["expected"], "personnel=1000");
  // Where the ranking changes: nowhere does 2,500 advisers meet the criteria without 1,000.
  EXPECT_EQ(doc["ranking_changes"]["share"]["count"], 0);
}

TEST(EnsembleCliTest, CompareOnAnEnsembleReportsPairedWorlds) {
  const auto r = testing::run_sandtable(
      {"compare", source_path(kFebruary), source_path(kSpring), "--ensemble", "40"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Ensemble: 40 worlds"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("spring against february, world by world"), std::string::npos) << r.out;
  for (const char* format : {"json", "csv", "markdown"}) {
    const auto f = testing::run_sandtable({"ensemble", source_path(kFebruary), source_path(kSpring),
                                           "--worlds", "20", "--format", format});
    EXPECT_EQ(f.code, 0) << format << ": " << f.err;
  }
}

TEST(EnsembleCliTest, BadInputIsRefusedWithALocatedError) {
  // An ensemble of 0 worlds.
  auto r = testing::run_sandtable({"ensemble", source_path(kFebruary), "--worlds", "0"});
  EXPECT_EQ(r.code, 2) << r.err;
  // A scenario without uncertainty.
  r = testing::run_sandtable({"ensemble", source_path("tests/data/scenarios/minimal.yaml")});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("no case declares an uncertain assumption"), std::string::npos) << r.err;
  // A lever that is not a key.
  r = testing::run_sandtable(
      {"decide", source_path(kFebruary), "--lever", "calendar.dday=2015-02-02,2015-04-15"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("d_day"), std::string::npos) << r.err;
}

TEST(EnsembleCliTest, TheLogLevelFiltersProgressAndDetail) {
  const std::string file = source_path(kFebruary);
  auto r = testing::run_sandtable({"ensemble", file, "--worlds", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("ensemble: 20/20 (100%)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("loaded "), std::string::npos) << r.err;
  r = testing::run_sandtable({"--log-level", "warn", "ensemble", file, "--worlds", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  r = testing::run_sandtable({"ensemble", file, "--worlds", "20", "--log-level", "debug"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("loaded " + file + ": 7 force elements"), std::string::npos) << r.err;
  r = testing::run_sandtable({"--log-level", "loud", "ensemble", file});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("expected one of off, error, warn, info, debug"), std::string::npos)
      << r.err;
}

struct BadBlock {
  const char* name;
  const char* block;
  const char* where;    // "line:column" of the error
  const char* message;  // part of it
};

class UncertaintyBlockTest : public ::testing::TestWithParam<BadBlock> {};

TEST_P(UncertaintyBlockTest, IsRefusedAtTheFault) {
  const BadBlock& b = GetParam();
  const std::string text = "extends: " + source_path("tests/data/scenarios/minimal.yaml") +
                           "\nname: bad\nuncertainty:\n" + b.block;
  const LoadResult r = load_scenario_text(text, "bad.yaml");
  ASSERT_FALSE(r.ok()) << b.name;
  const std::string d = r.diagnostics.to_string();
  EXPECT_NE(d.find(std::string("bad.yaml:") + b.where), std::string::npos) << d;
  EXPECT_NE(d.find(b.message), std::string::npos) << d;
}

INSTANTIATE_TEST_SUITE_P(
    Errors, UncertaintyBlockTest,
    ::testing::Values(
        BadBlock{"unknown_distribution", "  adversary.fighters: pret(1000, 1500, 2000)\n", "4:23",
                 "pert"},
        BadBlock{"misspelt_path", "  adversary.figters: uniform(1000, 2000)\n", "4:3", "fighters"},
        BadBlock{"mode_outside", "  adversary.fighters: triangular(1000, 2500, 2000)\n", "4:23",
                 "mode"},
        BadBlock{"not_a_distribution", "  adversary.fighters: 1500\n", "4:23",
                 "expected a distribution"},
        BadBlock{"not_a_path", "  fighters: uniform(1000, 2000)\n", "4:3", "key path"},
        BadBlock{"negative_weight", "  model.combat_law: \"choice(square: 1, linear: -1)\"\n",
                 "4:21", "weight"},
        BadBlock{
            "correlation_outside",
            "  adversary.fighters: uniform(1000, 2000)\n  adversary.quality: uniform(0.8, 1.2)\n"
            "  correlations:\n    - between: [adversary.fighters, adversary.quality]\n"
            "      rank: 1.5\n",
            "8:13", "from -1 to 1"},
        BadBlock{"correlation_unknown_key",
                 "  adversary.fighters: uniform(1000, 2000)\n  correlations:\n"
                 "    - between: [adversary.fighters, adversary.quality]\n      rank: 0.5\n",
                 "6:37", "not an uncertain assumption"}),
    [](const ::testing::TestParamInfo<BadBlock>& p) { return p.param.name; });

}  // namespace
}  // namespace sandtable
