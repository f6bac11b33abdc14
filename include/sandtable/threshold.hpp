// Where the success criteria switch (`sandtable threshold`): the value of one
// assumption at which the criteria start (or stop) holding, found on the
// deterministic model by a scan then bisection, and the frontier traced by
// that threshold along a second assumption.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/criteria.hpp"
#include "sandtable/parameters.hpp"
#include "sandtable/scenario.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

// A range of one scalar assumption; values in numeric form (dates as days
// since 1970-01-01, see ParameterRef).
struct ParameterRange {
  std::string path;
  ParameterKind kind = ParameterKind::kNumber;
  double lo = 0.0;
  double hi = 0.0;
  double step = 0.0;           // --by ranges written from:to:step: the step; else 0
  std::vector<double> values;  // --by ranges: every value, in order

  // Whole steps only: integers and dates (bisection ends on the exact value).
  [[nodiscard]] bool discrete() const {
    return kind == ParameterKind::kInteger || kind == ParameterKind::kDate;
  }
};

// Parses "PATH=VALUES" in the --vary grammar of sweeps (docs/sweeps.md),
// the values written as in a scenario file (2015-02-01 for dates; steps for
// dates as "14d" or "2w"). Without `with_step` (--vary) the values are the
// interval searched, LO..HI (for whole numbers and dates also LO:HI, the
// same values); with it (--by) a discrete form: from:to:step, a,b,c,
// linspace(lo, hi, n). The path must be a number, integer or date of
// `scenario`, every value within its declared range. `origin` names the
// option in the error ("--vary").
std::optional<ParameterRange> parse_range(const Scenario& scenario, std::string_view text,
                                          bool with_step, const std::string& origin,
                                          Diagnostic& error);

// The values of a --by range, in the order written (else LO and HI).
std::vector<double> range_values(const ParameterRange& range);

struct ThresholdOptions {
  int grid = 33;                     // values scanned before bisecting (numbers, long ranges)
  double relative_tolerance = 1e-6;  // bisection stops at this fraction of HI - LO (numbers)
  int exhaustive_max = 400;          // integer and date ranges this long are scanned value by value
};

// The criteria change between two values: they hold at `high` and fail at
// `low` when holds_at_high, the reverse otherwise. After bisection the two
// are adjacent (integers, dates) or closer than the tolerance (numbers).
struct CriteriaSwitch {
  double low = 0.0;
  double high = 0.0;
  bool holds_at_high = true;
};

struct ThresholdResult {
  bool holds_at_lo = false;
  bool holds_at_hi = false;
  std::vector<CriteriaSwitch> switches;  // in increasing order
  int runs = 0;
  int scanned = 0;          // values of the first scan
  bool exhaustive = false;  // every value of an integer or date range was run
  double tolerance = 0.0;   // final bracket width: 1 for integers and dates
};

// Finds every switch of `criteria` (parsed against outcome_names(scenario))
// as `vary` moves from LO to HI. A scan finds the switches and bisection
// narrows each; two switches closer than a scan step can be missed, unless
// the scan was exhaustive. Returns nothing and fills `errors` when a value
// cannot be run (the scenario becomes invalid).
std::optional<ThresholdResult> find_threshold(const Scenario& scenario, const ParameterRange& vary,
                                              const Criteria& criteria,
                                              const ThresholdOptions& options, Diagnostics& errors);

struct FrontierRow {
  double by = 0.0;
  ThresholdResult result;
};

// find_threshold for each value of `by` (see range_values).
std::optional<std::vector<FrontierRow>> trace_frontier(
    const Scenario& scenario, const ParameterRange& vary, const ParameterRange& by,
    const Criteria& criteria, const ThresholdOptions& options, Diagnostics& errors);

// Readable reports: "the criteria hold from 0.6123 (they fail at 0.6122)".
std::string format_threshold(const ThresholdResult& result, const ParameterRange& vary,
                             const std::string& criteria);
std::string format_frontier(const std::vector<FrontierRow>& rows, const ParameterRange& vary,
                            const ParameterRange& by, const std::string& criteria);
// The same as JSON: every switch's bracket, values numeric and as text.
std::string threshold_json(const ThresholdResult& result, const ParameterRange& vary,
                           const std::string& criteria);
std::string frontier_json(const std::vector<FrontierRow>& rows, const ParameterRange& vary,
                          const ParameterRange& by, const std::string& criteria);

}  // namespace sandtable
