// The batched Lanchester kernel gives the general model's outcomes, bit for
// bit, wherever it is used.
#include "study/lanchester.hpp"

#include <cstring>
#include <sstream>

#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/results.hpp"
#include "sandtable/results_table.hpp"
#include "study_helpers.hpp"
#include "util/text.hpp"

namespace sandtable {
namespace {

using testing::iwo_jima;
using testing::prepare_or_fail;
using testing::spec_for;
using testing::temp_dir;

ResultsTable sweep_table(const StudySpec& spec, bool kernel, const std::string& db,
                         std::uint64_t* kernel_runs = nullptr) {
  auto study = prepare_or_fail(spec);
  SweepOptions o;
  o.db_path = db;
  o.overwrite = true;
  o.threads = 2;
  o.batch_kernel = kernel;
  SweepSummary summary;
  EXPECT_TRUE(run_sweep(*study, o, summary).is_ok());
  if (kernel_runs) *kernel_runs = summary.kernel_runs;
  ResultsTable t;
  EXPECT_TRUE(read_results_table(db, t).is_ok());
  return t;
}

void expect_bitwise_equal(const ResultsTable& a, const ResultsTable& b) {
  ASSERT_EQ(a.rows(), b.rows());
  ASSERT_EQ(a.outcomes, b.outcomes);
  ASSERT_EQ(a.ok, b.ok);
  for (std::size_t i = 0; i < a.outcome_values.size(); ++i) {
    const std::size_t row = i / a.outcomes.size();
    const std::string& name = a.outcomes[i % a.outcomes.size()];
    ASSERT_EQ(0, std::memcmp(&a.outcome_values[i], &b.outcome_values[i], sizeof(double)))
        << "row " << row << ", " << name << ": kernel " << a.outcome_values[i] << ", model "
        << b.outcome_values[i];
  }
}

class LanchesterKernelTest : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(LanchesterKernelTest, GivesTheGeneralModelsOutcomesBitForBit) {
  const std::string dir = temp_dir("kernel");
  const ResultsTable* reference = nullptr;
  StudySpec spec = spec_for(iwo_jima(), {{"model.adversary_kill_rate", "0.02,0.0544,0.09"},
                                         {"model.coalition_kill_rate", "0.005,0.0106,0.03"},
                                         {"model.combat_law", "square,linear,logarithmic,mixed"},
                                         {"model.substeps_per_day", "1,3"}});
  spec.overrides = GetParam();
  const ResultsTable g = sweep_table(spec, false, dir + "/model.db");
  reference = &g;
  // Every instruction set the CPU has: AVX-512, AVX2 and SSE2 give the same bits.
  for (study::KernelIsa isa :
       {study::KernelIsa::kAvx512, study::KernelIsa::kAvx2, study::KernelIsa::kPortable}) {
    if (!study::select_lanchester_isa(isa)) continue;
    std::uint64_t kernel_runs = 0;
    const ResultsTable k = sweep_table(spec, true, dir + "/kernel.db", &kernel_runs);
    EXPECT_EQ(kernel_runs, k.rows());
    expect_bitwise_equal(k, *reference);
  }
  ASSERT_TRUE(study::select_lanchester_isa(study::KernelIsa::kBest));
}

// Short names, so that test listings stay readable.
std::string variant_name(const ::testing::TestParamInfo<std::vector<std::string>>& param) {
  static const char* kVariants[] = {"Engel",         "Culmination", "DefeatedFraction",
                                    "BreakAndDelay", "LateArrival", "FortifiedDefenders"};
  return kVariants[param.index];
}

INSTANTIATE_TEST_SUITE_P(
    IwoJimaVariants, LanchesterKernelTest,
    ::testing::Values(
        std::vector<std::string>{},
        std::vector<std::string>{"model.end.culmination_ratio=1.5", "model.end.culmination_days=3"},
        std::vector<std::string>{"model.end.adversary_defeated_fraction=0.4"},
        std::vector<std::string>{"forces.us_landing_force.cohesion.casualty_breakpoint=0.2",
                                 "forces.us_landing_force.commit_delay_days=2"},
        std::vector<std::string>{"forces.us_landing_force.arrival=1945-02-20",
                                 "calendar.d_day=1945-02-21", "forces.us_landing_force.quality=0.7",
                                 "forces.us_landing_force.readiness=0.8",
                                 "forces.us_landing_force.equipment=0.6",
                                 "forces.us_landing_force.cohesion.initial=0.9"},
        std::vector<std::string>{"adversary.fortification.initial=0.5",
                                 "adversary.fortification.max_protection=0.6",
                                 "adversary.fortification.max_defense_bonus=0.3",
                                 "adversary.morale.initial=1.4", "adversary.quality=1.2"}),
    variant_name);

TEST(LanchesterKernelTest, MatchesIndependentRunsOfTheLoadedScenario) {
  const std::string dir = temp_dir("kernel-runs");
  const StudySpec spec = spec_for(iwo_jima(), {{"model.adversary_kill_rate", "0.04,0.0544"},
                                               {"model.coalition_kill_rate", "0.008,0.013"}});
  const ResultsTable t = sweep_table(spec, true, dir + "/k.db");
  ASSERT_EQ(t.rows(), 4U);
  // The stored scenario hash of each run is the hash `sandtable check --set ...` prints.
  std::ostringstream csv;
  ASSERT_TRUE(export_results(dir + "/k.db", ExportFormat::kCsv, csv).is_ok());
  std::vector<std::string> hashes;
  std::istringstream lines(csv.str());
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) hashes.push_back(line.substr(line.find(",,") + 2, 64));
  for (std::size_t r = 0; r < t.rows(); ++r) {
    const LoadResult loaded = load_scenario(
        iwo_jima(),
        {"model.adversary_kill_rate=" + util::format_double(t.parameter_values[2 * r]),
         "model.coalition_kill_rate=" + util::format_double(t.parameter_values[2 * r + 1])});
    ASSERT_TRUE(loaded.ok());
    const auto expected = outcome_values(run(loaded.loaded->scenario));
    EXPECT_EQ(hashes[r], scenario_hash(loaded.loaded->scenario));
    for (std::size_t j = 0; j < expected.size(); ++j) {
      EXPECT_EQ(t.outcome_values[r * t.outcomes.size() + j], expected[j].second)
          << expected[j].first;
    }
  }
}

TEST(LanchesterKernelTest, IsUsedOnlyWhereOnlyTheCombatCoreIsActive) {
  auto iwo = prepare_or_fail(spec_for(iwo_jima(), {{"model.coalition_kill_rate", "0.01"}}));
  EXPECT_TRUE(iwo->batch_kernel_eligible());
  auto mosul = prepare_or_fail(spec_for(testing::mosul(), {{"model.coalition_kill_rate", "0.01"}}));
  EXPECT_FALSE(mosul->batch_kernel_eligible());
  StudySpec stressed = spec_for(iwo_jima(), {{"model.coalition_kill_rate", "0.01"}});
  stressed.overrides = {"forces.us_landing_force.cohesion.stress_sensitivity=1"};
  EXPECT_FALSE(prepare_or_fail(stressed)->batch_kernel_eligible());
}

TEST(LanchesterKernelTest, FallsBackPointByPointWhenAVariedValueLeavesTheCore) {
  const std::string dir = temp_dir("kernel-fallback");
  const StudySpec spec =
      spec_for(iwo_jima(), {{"forces.us_landing_force.cohesion.stress_sensitivity", "0,1"},
                            {"model.coalition_kill_rate", "0.008,0.013"}});
  std::uint64_t kernel_runs = 0;
  const ResultsTable k = sweep_table(spec, true, dir + "/k.db", &kernel_runs);
  const ResultsTable g = sweep_table(spec, false, dir + "/g.db");
  EXPECT_EQ(kernel_runs, 2U);  // the points with stress_sensitivity 0
  expect_bitwise_equal(k, g);
}

}  // namespace
}  // namespace sandtable
