// Speed of one model run, excluding file loading: the Mosul base case over a
// one-year horizon, and the cost as the horizon and the number of elements
// grow. See docs/performance.md for figures and the machine.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "sandtable/load.hpp"
#include "sandtable/model.hpp"

namespace {

sandtable::Scenario load(const std::vector<std::string>& sets = {}) {
  auto r = sandtable::load_scenario(
      std::string(SANDTABLE_SOURCE_DIR) + "/scenarios/mosul-2015/base.yaml", sets);
  if (!r.ok()) {
    std::cerr << r.diagnostics.to_string();
    std::exit(1);
  }
  return r.loaded->scenario;
}

// One run of mosul-2015/base.yaml (365 days), reusing the simulation's
// buffers as a sweep does; no daily series, no timeline.
void BM_MosulBaseYear(benchmark::State& state) {
  const sandtable::Scenario s = load();
  sandtable::Simulation sim(s, {false, false});
  for (auto _ : state) {
    sim.reset(s);
    sim.run_to_end();
    benchmark::DoNotOptimize(sim.day());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MosulBaseYear);

// The same with the daily series and timeline recorded (what `sandtable run --out` does).
void BM_MosulBaseYearRecorded(benchmark::State& state) {
  const sandtable::Scenario s = load();
  for (auto _ : state) {
    const sandtable::Results r = sandtable::run(s);
    benchmark::DoNotOptimize(r.end_day);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MosulBaseYearRecorded);

// Cost against the horizon: should grow linearly with days.
void BM_MosulHorizon(benchmark::State& state) {
  const sandtable::Scenario s = load({"calendar.horizon_days=" + std::to_string(state.range(0))});
  sandtable::Simulation sim(s, {false, false});
  for (auto _ : state) {
    sim.reset(s);
    sim.run_to_end();
    benchmark::DoNotOptimize(sim.day());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_MosulHorizon)
    ->Arg(90)
    ->Arg(180)
    ->Arg(365)
    ->Arg(730)
    ->Arg(1460)
    ->Complexity(benchmark::oN);

// Cost against the number of elements: copies of the ISF element added.
void BM_MosulElements(benchmark::State& state) {
  sandtable::Scenario s = load();
  const sandtable::ForceElement isf = *s.find_force("isf");
  for (int k = 0; k < state.range(0); ++k) {
    sandtable::ForceElement copy = isf;
    copy.name = "isf_copy_" + std::to_string(k);
    copy.aid_share = 0.0;
    s.forces.push_back(copy);
  }
  sandtable::Simulation sim(s, {false, false});
  for (auto _ : state) {
    sim.reset(s);
    sim.run_to_end();
    benchmark::DoNotOptimize(sim.day());
  }
  state.SetComplexityN(static_cast<int64_t>(s.forces.size()));
}
BENCHMARK(BM_MosulElements)->Arg(0)->Arg(8)->Arg(24)->Arg(56)->Complexity(benchmark::oN);

}  // namespace

// Loading a scenario of N force elements, each with a 900-character label
// (10,000 elements: about 10 MB): the time per element should stay flat.
void BM_LoadScenarioElements(benchmark::State& state) {
  const auto elements = static_cast<int>(state.range(0));
  std::string s =
      "name: \"Size test\"\ncalendar:\n  start: 2015-01-01\n  horizon_days: 100\n"
      "  d_day: 2015-02-01\nforces:\n";
  for (int i = 0; i < elements; ++i) {
    const std::string n = std::to_string(i);
    s += "  e" + n + ":\n    label: \"Element " + n + " " + std::string(900, 'x') +
         "\"\n    affiliation: iraqi_government\n    role: assault\n    personnel: 100\n";
  }
  s += "adversary:\n  fighters: 500\n";
  for (auto _ : state) {
    const auto r = sandtable::load_scenario_text(s, "size.yaml");
    benchmark::DoNotOptimize(r.ok());
  }
  state.SetComplexityN(elements);
}
BENCHMARK(BM_LoadScenarioElements)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

BENCHMARK_MAIN();
