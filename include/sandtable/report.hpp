// Writers for run results: a table for people, JSON and CSV for programs.
// Numbers are written with the shortest round-trip text, locale-free, so the
// same run gives the same bytes everywhere.
#pragma once

#include <string>

#include "sandtable/load.hpp"
#include "sandtable/results.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

// The readable summary of one run.
std::string format_run_table(const LoadedScenario& loaded, const Results& results);

// summary.json: sandtable version, scenario file and hash, the resolved
// scenario, every outcome, the elements and the timeline.
std::string format_summary_json(const LoadedScenario& loaded, const Results& results);

// Outcomes as CSV: "outcome,value" rows in outcome_values order.
std::string format_outcomes_csv(const Results& results);

// daily.csv: one row per day and element, tidy columns.
std::string format_daily_csv(const Scenario& scenario, const Results& results);

// The resolved scenario as a JSON object.
std::string scenario_to_json(const Scenario& scenario);

// Writes summary.json and daily.csv into `dir` (created if needed). Each file
// is written to a temporary name and renamed, so it is complete or absent.
[[nodiscard]] Status write_run_outputs(const std::string& dir, const LoadedScenario& loaded,
                                       const Results& results);

// Writes `content` to `path` atomically (temporary file, then rename).
[[nodiscard]] Status write_file_atomic(const std::string& path, const std::string& content);

}  // namespace sandtable
