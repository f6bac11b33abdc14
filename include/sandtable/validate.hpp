// Predicted against observed: runs recorded battles (scenarios with an
// `observed:` block) and scores the model's outcome, duration and
// casualties against what happened. See docs/calibration.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/results.hpp"

namespace sandtable {

// One observed figure of one case against the model's prediction.
struct ValidationValue {
  std::string name;  // outcome name: duration_days, attacker_casualties, ...
  double predicted = 0.0;
  double low = 0.0;  // the observed range
  double high = 0.0;
  Grade grade = Grade::kC;
  // log(predicted / the nearest end of the range); 0 inside it. A
  // prediction or an observation at zero counts as one (log of counts).
  double log_error = 0.0;
  bool lower_bound = false;  // the prediction is only a lower bound (the run was unresolved)
  // The observed figure is more than the model can reach: displaced civilians
  // above the city's population (the record counts a region). Scored and
  // shown, but `sandtable fit` gives it no weight.
  bool beyond_city = false;
};

// An observed daily series, read from its CSV file.
struct SeriesData {
  std::string name;       // a daily series of the run: "<element>_strength", ...
  std::vector<int> days;  // 1-based days of the run, consecutive
  std::vector<double> values;
  Grade grade = Grade::kC;
};

// Reads every observed.series of a case (the file relative to the scenario
// file that names it). Located errors, at the CSV cell or the scenario key:
// a name that is not a daily series of the scenario ("did you mean"), an
// unreadable file, a missing day or value column, a cell that is not a
// number >= 0 or a day (or date) outside the run, a day given twice, days
// out of order, and a missing day: a series has no gaps.
bool read_observed_series(const LoadedScenario& c, std::vector<SeriesData>& out,
                          Diagnostics& errors);

// A series scored day by day: log((predicted + 1) / (observed + 1)).
struct SeriesScore {
  std::string name;
  Grade grade = Grade::kC;
  int days = 0;
  double rms_log_error = 0.0;
  int worst_day = 0;
  double worst_log_error = 0.0;
  std::vector<double> log_errors;  // per observed day
};
SeriesScore score_series(const SeriesData& observed, const Results& results);

struct ValidationCase {
  std::string file;
  std::string name;
  ObservedOutcome observed = ObservedOutcome::kUnknown;
  Grade outcome_grade = Grade::kC;
  Outcome predicted = Outcome::kUnresolved;
  EndReason reason = EndReason::kHorizon;
  bool outcome_known = false;  // the observed outcome is not `unknown`
  bool outcome_right = false;
  std::vector<ValidationValue> values;
  std::vector<SeriesScore> series;
};

struct ValidationSummary {
  int cases = 0;
  int outcomes_known = 0;
  int outcomes_right = 0;
  double hit_rate = 0.0;  // outcomes_right / outcomes_known (0 if none)
  int durations = 0;
  double duration_median_abs_log = 0.0;  // median |log(predicted / observed)| of durations
  double duration_worst_abs_log = 0.0;
  int casualties = 0;  // attacker and defender casualties pooled
  double casualty_median_abs_log = 0.0;
  double casualty_worst_abs_log = 0.0;
  int displaced = 0;  // displaced civilians, the figures beyond the city's population left out
  double displaced_median_abs_log = 0.0;
  double displaced_worst_abs_log = 0.0;
  int series = 0;                      // observed daily series
  double series_median_rms_log = 0.0;  // median of their RMS log errors
  double series_worst_rms_log = 0.0;
};

struct Validation {
  std::vector<ValidationCase> cases;
  ValidationSummary summary;
};

// The score of one case; `results` is the case's run (with its daily
// series recorded when `series` holds any).
ValidationCase validate_case(const LoadedScenario& loaded, const Results& results,
                             const std::vector<SeriesData>& series = {});

// Runs every case and scores it. Cases without an observed block are
// refused in `errors`.
std::optional<Validation> validate(const std::vector<LoadedScenario>& cases, Diagnostics& errors);

// The summary over already scored cases.
ValidationSummary summarize(const std::vector<ValidationCase>& cases);

enum class ValidationFormat { kTable, kJson, kCsv, kMarkdown };
std::string format_validation(const Validation& v, ValidationFormat format);

const char* to_string(ObservedOutcome o);
const char* to_string(Grade g);

}  // namespace sandtable
