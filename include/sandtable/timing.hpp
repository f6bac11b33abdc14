// Moving D-day across a window (`sandtable timing`): the outcomes for each
// D-day, and the earliest D-day that meets the success criteria. The days
// before the earliest D-day are simulated once and every variant branches
// from a snapshot of that shared history.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/model.hpp"
#include "sandtable/results.hpp"
#include "sandtable/scenario.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

// Runs `scenario` once per date of `d_days` (any order; results in the same
// order), everything else as in the scenario. Days before the earliest date
// are simulated once; each variant continues from a copy of the shared run
// taken the day before its D-day. The days before D-day never depend on it,
// so each result is exactly what run() gives for the scenario with that
// D-day. Precondition: every date lies inside the scenario's horizon.
std::vector<Results> run_d_day_variants(const Scenario& scenario, const std::vector<Date>& d_days,
                                        const RunOptions& options = {});

// The dates from `from` to `to`, both included, every `step_days` days
// (`to` is included only when the step lands on it).
std::vector<Date> date_window(Date from, Date to, int step_days);

// A step in days: "7d", "2w" or "7". Nothing unless positive and well formed.
std::optional<int> parse_day_step(std::string_view text);

// The outcomes `timing` shows by default (absent ones skipped), followed by
// any other outcome the criteria use.
inline constexpr const char* kTimingOutcomes[] = {
    "success",        "days_from_d_day",   "cleared_fraction", "coalition_casualties",
    "isf_casualties", "iran_backed_share", "is_strength_end"};

struct TimingOptions {
  Date from;
  Date to;
  int step_days = 7;
  std::string criteria;               // empty: the scenario's analysis.criteria
  std::vector<std::string> outcomes;  // empty: kTimingOutcomes
};

struct TimingRow {
  Date d_day;
  Date end_date;               // the day the offensive ended
  std::vector<double> values;  // per TimingReport::outcomes
  bool meets = false;          // the criteria hold
};

struct TimingReport {
  std::string scenario_name;
  std::string criteria;
  std::string criteria_origin;  // "--criteria" or "analysis.criteria"
  int step_days = 7;
  std::vector<std::string> outcomes;
  std::vector<TimingRow> rows;
  std::optional<Date> earliest;  // the earliest D-day that meets the criteria
};

// Runs the window. Returns nothing and fills `errors` for a bad window
// (outside the horizon, from after to), bad criteria or unknown outcomes.
std::optional<TimingReport> timing_scan(const Scenario& scenario, const TimingOptions& options,
                                        Diagnostics& errors);

enum class TimingFormat { kTable, kCsv, kJson };
// `width` > 0: the table's lines fit in that many columns, its outcome
// columns split into blocks that repeat the D-day and the verdict.
std::string format_timing(const TimingReport& report, TimingFormat format, int width = 0);

}  // namespace sandtable
