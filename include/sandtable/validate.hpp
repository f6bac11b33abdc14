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
  std::string name;        // outcome name: duration_days, attacker_casualties, ...
  double predicted = 0.0;
  double low = 0.0;        // the observed range
  double high = 0.0;
  Grade grade = Grade::kC;
  // log(predicted / the nearest end of the range); 0 inside it. A
  // prediction or an observation at zero counts as one (log of counts).
  double log_error = 0.0;
  bool lower_bound = false;  // the prediction is only a lower bound (the run was unresolved)
};

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
};

struct Validation {
  std::vector<ValidationCase> cases;
  ValidationSummary summary;
};

// The score of one case; `results` is the case's run.
ValidationCase validate_case(const LoadedScenario& loaded, const Results& results);

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
