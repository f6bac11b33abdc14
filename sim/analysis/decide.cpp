// `sandtable decide`: options against the same worlds, ranked by
// satisficing share, probability of success, expected objective and regret.
#include <algorithm>
#include <cmath>

#include "sandtable/ensemble.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

// Index of the best value (highest when `highest`), the first on ties.
int best_of(const std::vector<double>& v, bool highest) {
  int best = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (highest ? v[i] > v[static_cast<std::size_t>(best)]
                : v[i] < v[static_cast<std::size_t>(best)]) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace

std::optional<DecisionReport> decide(const std::vector<LoadedScenario>& options,
                                     const EnsembleRuns& runs, const EnsembleOptions& ensemble,
                                     const DecisionOptions& decision, Diagnostics& errors) {
  DecisionReport rep;
  rep.ensemble = summarize_ensemble(options, runs, ensemble);
  rep.minimize = decision.minimize;
  int column = -1;
  if (!decision.objective.empty()) {
    const auto it =
        std::find(runs.outcome_names.begin(), runs.outcome_names.end(), decision.objective);
    if (it == runs.outcome_names.end()) {
      errors.add(SourceLocation{"--minimize/--maximize", 0, 0}, decision.objective,
                 "'" + decision.objective + "' is not an outcome of every option",
                 util::suggestion(decision.objective, runs.outcome_names));
      return std::nullopt;
    }
    column = static_cast<int>(it - runs.outcome_names.begin());
    rep.objective = decision.objective;
  } else {
    rep.objective = "criteria hold";
    rep.minimize = false;
  }
  const std::size_t k = options.size();
  const std::uint64_t n = runs.worlds;
  const std::size_t m = runs.outcome_names.size();
  // value[o][w]: the objective of option o in world w, higher is better.
  std::vector<std::vector<double>> value(k, std::vector<double>(n));
  for (std::size_t o = 0; o < k; ++o) {
    for (std::uint64_t w = 0; w < n; ++w) {
      if (column < 0) {
        value[o][w] = runs.meets[o][w] ? 1.0 : 0.0;
      } else {
        const double v = runs.values[o][w * m + static_cast<std::size_t>(column)];
        value[o][w] = rep.minimize ? -v : v;
      }
    }
  }
  std::vector<std::vector<double>> regret(k, std::vector<double>(n));
  std::vector<std::uint64_t> best_count(k, 0);
  for (std::uint64_t w = 0; w < n; ++w) {
    double best = value[0][w];
    std::size_t who = 0;
    for (std::size_t o = 1; o < k; ++o) {
      if (value[o][w] > best) {
        best = value[o][w];
        who = o;
      }
    }
    ++best_count[who];
    for (std::size_t o = 0; o < k; ++o) regret[o][w] = best - value[o][w];
  }
  std::vector<double> meets, success, expected, max_regret;
  for (std::size_t o = 0; o < k; ++o) {
    OptionSummary s;
    s.label = rep.ensemble.cases[o].label;
    s.success = rep.ensemble.cases[o].success;
    s.meets = rep.ensemble.cases[o].meets;
    std::vector<double> shown(n);
    for (std::uint64_t w = 0; w < n; ++w) {
      shown[w] =
          column < 0 ? value[o][w] : runs.values[o][w * m + static_cast<std::size_t>(column)];
    }
    s.objective = quantiles_of(shown);
    std::vector<double> r = regret[o];
    const Quantiles rq = quantiles_of(r);
    s.mean_regret = rq.mean;
    s.max_regret = r.back();
    s.p90_regret = r[static_cast<std::size_t>(std::floor(0.9 * static_cast<double>(n - 1)))];
    s.best = wilson_share(best_count[o], n);
    meets.push_back(s.meets.value);
    success.push_back(s.success.value);
    expected.push_back(rep.minimize && column >= 0 ? -s.objective.mean : s.objective.mean);
    max_regret.push_back(s.max_regret);
    rep.options.push_back(std::move(s));
  }
  rep.by_satisficing = best_of(meets, true);
  rep.by_success = best_of(success, true);
  rep.by_expected = best_of(expected, true);
  rep.by_max_regret = best_of(max_regret, false);
  if (k >= 2) {
    std::vector<double> others = meets;
    others[static_cast<std::size_t>(rep.by_satisficing)] = -1.0;
    rep.runner_up = best_of(others, true);
    std::vector<bool> flag(n);
    const auto lead = static_cast<std::size_t>(rep.by_satisficing);
    const auto next = static_cast<std::size_t>(rep.runner_up);
    for (std::uint64_t w = 0; w < n; ++w) flag[w] = runs.meets[next][w] && !runs.meets[lead][w];
    rep.runner_up_share =
        wilson_share(static_cast<std::uint64_t>(std::count(flag.begin(), flag.end(), true)), n);
    rep.runner_up_boxes = world_boxes(options, runs, flag);
  }
  return rep;
}

}  // namespace sandtable
