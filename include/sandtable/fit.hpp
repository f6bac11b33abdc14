// Calibration on recorded battles: the free coefficients that best match
// every observation of every case (docs/calibration.md). Deterministic:
// seeded multi-start Nelder-Mead, then Levenberg-Marquardt on the smooth
// part; uncertainty from the Jacobian and a seeded bootstrap over cases;
// leave-one-out cross-validation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/validate.hpp"

namespace sandtable {

// A coefficient to fit, within [low, high]. Searched on a log scale when
// low > 0 and high / low >= 10, linearly otherwise.
struct FreeParameter {
  std::string path;
  double low = 0.0;
  double high = 0.0;
};

// Parses "path=low..high"; on failure returns nothing and fills `error`.
std::optional<FreeParameter> parse_free_parameter(const std::string& text, std::string& error);

// Parses each text as parse_free_parameter does and appends it to `out`,
// refusing a path given twice; on failure returns false, fills `error` and
// leaves `out` as it was.
bool parse_free_parameters(const std::vector<std::string>& texts, std::vector<FreeParameter>& out,
                           std::string& error);

struct FitOptions {
  std::vector<FreeParameter> free;
  int starts = 6;  // Nelder-Mead starts: the scenario's values, then seeded points
  std::uint64_t seed = 1;
  int evaluations_per_start = 400;
  int bootstrap = 0;  // resamples of the cases (0: none)
  bool leave_one_out = false;
  int threads = 0;  // 0: every core; the result does not depend on it
};

struct FittedParameter {
  std::string path;
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
  double start = 0.0;           // the value in the first case before the fit
  double standard_error = 0.0;  // from the Jacobian (NaN when not identifiable)
  double bootstrap_sd = 0.0;    // 0 without a bootstrap
  bool at_bound = false;
};

struct FitResult {
  std::vector<FittedParameter> parameters;
  std::vector<std::vector<double>> correlation;  // of the estimates, from the Jacobian
  std::vector<std::string> warnings;             // identifiability, bounds
  double objective = 0.0;
  double objective_start = 0.0;
  int evaluations = 0;
  std::string corpus_hash;                  // sha256 over the cases' scenario hashes, in order
  Validation fitted;                        // every case at the estimate
  std::optional<Validation> leave_one_out;  // each case predicted by a fit without it
};

// The weighted sum of squares the fit minimises, for scored cases
// (documented in docs/calibration.md).
double fit_objective(const std::vector<ValidationCase>& cases);

std::optional<FitResult> fit(const std::vector<LoadedScenario>& cases, const FitOptions& options,
                             Diagnostics& errors);

std::string format_fit_report(const FitResult& r, bool json);
// A scenario overlay holding the fitted values, with provenance comments.
std::string format_fit_overlay(const FitResult& r);

}  // namespace sandtable
