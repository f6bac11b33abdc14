// Sweep throughput: runs/s of sandtable sweep over the Mosul base case at 1
// and 2 threads (rows stored, and analysis only), and over the Iwo Jima
// Lanchester grid of the peer comparison (bench/iwo_compare.sh).
//
//   build-study/bench/study_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "sandtable/study.hpp"

namespace {

using namespace sandtable;

std::string source(const std::string& relative) {
  return std::string(SANDTABLE_SOURCE_DIR) + "/" + relative;
}

std::unique_ptr<PreparedStudy> prepare(const std::string& scenario,
                                       std::vector<std::pair<std::string, std::string>> vary,
                                       DesignMethod method) {
  StudySpec spec;
  spec.scenario = source(scenario);
  spec.method = method;
  for (auto& [path, values] : vary) spec.parameters.push_back({path, values, {}, {}});
  PrepareResult r = prepare_study(spec);
  if (!r.ok()) throw std::runtime_error(r.diagnostics.to_string());
  return std::move(r.study);
}

void run(benchmark::State& state, const PreparedStudy& study, int threads, bool store, bool packed,
         bool hashes = true) {
  const std::string db =
      (std::filesystem::temp_directory_path() / "sandtable-study-bench.db").string();
  SweepSummary summary;
  double seconds = 0.0;
  double storage = 0.0;
  std::uint64_t runs = 0;
  for (auto _ : state) {
    SweepOptions o;
    o.db_path = db;
    o.overwrite = true;
    o.store = store;
    o.packed = packed;
    o.hashes = hashes;
    o.threads = threads;
    if (!run_sweep(study, o, summary).is_ok()) state.SkipWithError("sweep failed");
    seconds += summary.seconds;
    storage += summary.store_seconds;
    runs += summary.ran;
    state.SetIterationTime(summary.seconds);
  }
  state.counters["runs_per_s"] = static_cast<double>(runs) / seconds;
  state.counters["storage_share"] = store ? storage / seconds : 0.0;
  std::filesystem::remove(db);
}

// 9,000 points of the Mosul base case: D-day, ISF course length, kill rate.
const PreparedStudy& mosul() {
  static const auto study = prepare("scenarios/mosul-2015/base.yaml",
                                    {{"calendar.d_day", "2015-02-01:2015-05-11:11d"},
                                     {"forces.isf.training.course_days", "28:55:3"},
                                     {"model.coalition_kill_rate", "linspace(0.006, 0.014, 100)"}},
                                    DesignMethod::kGrid);
  return *study;
}

// The peer comparison's grid: A on the adversary kill rate, B reversed on
// the coalition's, paired (zip).
const PreparedStudy& iwo(int n) {
  static const auto study = prepare(
      "scenarios/validation/iwo-jima.yaml",
      {{"model.adversary_kill_rate", "linspace(0.04, 0.07, " + std::to_string(n) + ")"},
       {"model.coalition_kill_rate", "reverse(linspace(0.008, 0.013, " + std::to_string(n) + "))"}},
      DesignMethod::kZip);
  return *study;
}

void BM_MosulSweepStored(benchmark::State& state) {
  run(state, mosul(), static_cast<int>(state.range(0)), true, false);
}
BENCHMARK(BM_MosulSweepStored)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(2);

void BM_MosulSweepAnalysisOnly(benchmark::State& state) {
  run(state, mosul(), static_cast<int>(state.range(0)), false, false);
}
BENCHMARK(BM_MosulSweepAnalysisOnly)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Unit(benchmark::kSecond)
    ->Iterations(2);

constexpr int kIwoPoints = 1000000;

void BM_IwoGridNoStorage(benchmark::State& state) { run(state, iwo(kIwoPoints), 0, false, false); }
BENCHMARK(BM_IwoGridNoStorage)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(3);

void BM_IwoGridStoredPacked(benchmark::State& state) { run(state, iwo(kIwoPoints), 0, true, true); }
BENCHMARK(BM_IwoGridStoredPacked)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(2);

void BM_IwoGridStoredPackedNoHash(benchmark::State& state) {
  run(state, iwo(kIwoPoints), 0, true, true, false);
}
BENCHMARK(BM_IwoGridStoredPackedNoHash)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(2);

void BM_IwoGridStoredColumns(benchmark::State& state) {
  run(state, iwo(kIwoPoints), 0, true, false);
}
BENCHMARK(BM_IwoGridStoredColumns)->UseManualTime()->Unit(benchmark::kSecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
