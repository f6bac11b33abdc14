// Speed of the analysis commands' model runs. The headline is the timing
// window: 20 D-days a week apart on mosul-2015/base.yaml, run from the
// start each time, against branching every variant from one shared history
// (run_d_day_variants). docs/analysis.md records the figures.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "sandtable/compare.hpp"
#include "sandtable/ensemble.hpp"
#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/timing.hpp"

namespace {

sandtable::LoadedScenario load(const std::string& relative) {
  auto r = sandtable::load_scenario(std::string(SANDTABLE_SOURCE_DIR) + "/" + relative);
  if (!r.ok()) {
    std::cerr << r.diagnostics.to_string();
    std::exit(1);
  }
  return *r.loaded;
}

std::vector<sandtable::Date> window() {
  const sandtable::Date from = *sandtable::Date::parse("2015-02-01");
  return sandtable::date_window(from, from + 19 * 7, 7);  // 20 D-days, 2015-02-01 to 2015-06-14
}

constexpr sandtable::RunOptions kQuiet{false, false};

// Every variant from day 1, reusing one simulation's buffers (the fastest
// way without branching).
void BM_TimingWindowFromScratch(benchmark::State& state) {
  const sandtable::Scenario base = load("scenarios/mosul-2015/base.yaml").scenario;
  const auto dates = window();
  std::vector<sandtable::Scenario> variants(dates.size(), base);
  for (std::size_t k = 0; k < dates.size(); ++k) variants[k].calendar.d_day = dates[k];
  sandtable::Simulation sim(base, kQuiet);
  for (auto _ : state) {
    for (const sandtable::Scenario& v : variants) {
      sim.reset(v);
      sim.run_to_end();
      benchmark::DoNotOptimize(sim.results().end_day);
    }
  }
  state.counters["variants"] = static_cast<double>(dates.size());
}
BENCHMARK(BM_TimingWindowFromScratch)->Unit(benchmark::kMicrosecond);

// The shared history simulated once, each variant branched from a snapshot.
void BM_TimingWindowBranched(benchmark::State& state) {
  const sandtable::Scenario base = load("scenarios/mosul-2015/base.yaml").scenario;
  const auto dates = window();
  for (auto _ : state) {
    const auto results = sandtable::run_d_day_variants(base, dates, kQuiet);
    benchmark::DoNotOptimize(results.back().end_day);
  }
  state.counters["variants"] = static_cast<double>(dates.size());
}
BENCHMARK(BM_TimingWindowBranched)->Unit(benchmark::kMicrosecond);

// `sandtable compare february.yaml spring.yaml` without the writing: both
// attributions (exact), as the command computes them.
void BM_CompareFebruarySpring(benchmark::State& state) {
  const std::vector<sandtable::LoadedScenario> cases{load("scenarios/mosul-2015/february.yaml"),
                                                     load("scenarios/mosul-2015/spring.yaml")};
  for (auto _ : state) {
    sandtable::Diagnostics errors;
    const auto c = sandtable::compare_scenarios(cases, {}, errors);
    benchmark::DoNotOptimize(c->attributions.size());
  }
}
BENCHMARK(BM_CompareFebruarySpring)->Unit(benchmark::kMillisecond);

// `sandtable compare february.yaml spring.yaml --ensemble 10000` without
// the writing: 10,000 worlds of the base's uncertainty: block, both cases on
// every world (20,000 runs), the summary with drivers and PRIM boxes, on
// every core.
void BM_EnsembleFebruarySpring10k(benchmark::State& state) {
  const std::vector<sandtable::LoadedScenario> cases{load("scenarios/mosul-2015/february.yaml"),
                                                     load("scenarios/mosul-2015/spring.yaml")};
  sandtable::EnsembleOptions o;
  o.worlds = 10000;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    sandtable::Diagnostics errors;
    const auto runs = sandtable::run_ensemble(cases, o, errors);
    const auto report = sandtable::summarize_ensemble(cases, *runs, o);
    benchmark::DoNotOptimize(report.paired.size());
  }
}
BENCHMARK(BM_EnsembleFebruarySpring10k)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
