// Predicted against observed, per case and in summary (sandtable/validate.hpp).
#include "sandtable/validate.hpp"

#include <algorithm>
#include <cmath>

#include "sandtable/model.hpp"

namespace sandtable {

const char* to_string(ObservedOutcome o) {
  switch (o) {
    case ObservedOutcome::kUnknown:
      return "unknown";
    case ObservedOutcome::kSuccess:
      return "success";
    case ObservedOutcome::kFailure:
      return "failure";
    case ObservedOutcome::kStalemate:
      return "stalemate";
    case ObservedOutcome::kUnresolved:
      return "unresolved";
  }
  return "unknown";
}

const char* to_string(Grade g) {
  switch (g) {
    case Grade::kA:
      return "A";
    case Grade::kB:
      return "B";
    case Grade::kC:
      return "C";
  }
  return "C";
}

namespace {

bool same(ObservedOutcome o, Outcome p) {
  switch (o) {
    case ObservedOutcome::kSuccess:
      return p == Outcome::kSuccess;
    case ObservedOutcome::kFailure:
      return p == Outcome::kFailure;
    case ObservedOutcome::kStalemate:
      return p == Outcome::kStalemate;
    case ObservedOutcome::kUnresolved:
      return p == Outcome::kUnresolved;
    case ObservedOutcome::kUnknown:
      return false;
  }
  return false;
}

// log(predicted / nearest end of [low, high]), counts floored at 1.
double log_error(double predicted, double low, double high) {
  const double p = std::max(predicted, 1.0);
  if (p < low) return std::log(p / std::max(low, 1.0));
  if (p > high) return std::log(p / std::max(high, 1.0));
  return 0.0;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double worst(const std::vector<double>& v) {
  double w = 0.0;
  for (double x : v) w = std::max(w, x);
  return w;
}

}  // namespace

ValidationCase validate_case(const LoadedScenario& loaded, const Results& results,
                             const std::vector<SeriesData>& series) {
  const Scenario& s = loaded.scenario;
  ValidationCase c;
  c.file = loaded.source_path;
  c.name = s.name;
  c.predicted = results.outcome;
  c.reason = results.reason;
  if (!s.observed) return c;
  const Observed& o = *s.observed;
  c.observed = o.outcome;
  c.outcome_grade = o.outcome_grade;
  c.outcome_known = o.outcome != ObservedOutcome::kUnknown;
  c.outcome_right = same(o.outcome, results.outcome);
  const auto outcomes = outcome_values(results);
  for (const ObservedValue& ov : o.values) {
    const auto it = std::find_if(outcomes.begin(), outcomes.end(),
                                 [&](const auto& kv) { return kv.first == ov.name; });
    if (it == outcomes.end()) continue;  // the loader refuses such names
    ValidationValue v;
    v.name = ov.name;
    v.predicted = it->second;
    v.low = ov.low;
    v.high = ov.high;
    v.grade = ov.grade;
    v.log_error = log_error(v.predicted, v.low, v.high);
    v.lower_bound = results.outcome == Outcome::kUnresolved &&
                    (ov.name == "duration_days" || ov.name == "days_from_d_day");
    v.beyond_city = ov.name == "civilians_displaced" && s.environment.city &&
                    ov.low > s.environment.city->population;
    c.values.push_back(v);
  }
  for (const SeriesData& d : series) c.series.push_back(score_series(d, results));
  return c;
}

ValidationSummary summarize(const std::vector<ValidationCase>& cases) {
  ValidationSummary sum;
  std::vector<double> durations;
  std::vector<double> casualties;
  std::vector<double> displaced;
  std::vector<double> series;
  for (const ValidationCase& c : cases) {
    ++sum.cases;
    for (const SeriesScore& x : c.series) series.push_back(x.rms_log_error);
    if (c.outcome_known) {
      ++sum.outcomes_known;
      if (c.outcome_right) ++sum.outcomes_right;
    }
    for (const ValidationValue& v : c.values) {
      if (v.name == "duration_days") durations.push_back(std::fabs(v.log_error));
      if (v.name == "attacker_casualties" || v.name == "defender_casualties") {
        casualties.push_back(std::fabs(v.log_error));
      }
      if (v.name == "civilians_displaced" && !v.beyond_city) {
        displaced.push_back(std::fabs(v.log_error));
      }
    }
  }
  sum.hit_rate =
      sum.outcomes_known > 0 ? static_cast<double>(sum.outcomes_right) / sum.outcomes_known : 0.0;
  sum.durations = static_cast<int>(durations.size());
  sum.duration_median_abs_log = median(durations);
  sum.duration_worst_abs_log = worst(durations);
  sum.casualties = static_cast<int>(casualties.size());
  sum.casualty_median_abs_log = median(casualties);
  sum.casualty_worst_abs_log = worst(casualties);
  sum.displaced = static_cast<int>(displaced.size());
  sum.displaced_median_abs_log = median(displaced);
  sum.displaced_worst_abs_log = worst(displaced);
  sum.series = static_cast<int>(series.size());
  sum.series_median_rms_log = median(series);
  sum.series_worst_rms_log = worst(series);
  return sum;
}

std::optional<Validation> validate(const std::vector<LoadedScenario>& cases, Diagnostics& errors) {
  Validation v;
  for (const LoadedScenario& c : cases) {
    if (!c.scenario.observed) {
      errors.add(SourceLocation{c.source_path, 0, 0}, "observed",
                 "the case has no observed block: nothing to validate against",
                 "add an observed: block with the outcome and the figures that are known");
    }
  }
  std::vector<std::vector<SeriesData>> series(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) read_observed_series(cases[i], series[i], errors);
  if (!errors.empty()) return std::nullopt;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    RunOptions o;
    o.record_daily = !series[i].empty();
    o.record_timeline = false;
    v.cases.push_back(validate_case(cases[i], run(cases[i].scenario, o), series[i]));
  }
  v.summary = summarize(v.cases);
  return v;
}

}  // namespace sandtable
