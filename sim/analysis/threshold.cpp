// `sandtable threshold`: a scan then bisection on the deterministic model.
#include "sandtable/threshold.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/text_format.hpp"
#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/results.hpp"
#include "sandtable/study.hpp"
#include "sandtable/timing.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

Diagnostic range_error(const std::string& origin, std::string message, std::string hint = {}) {
  return Diagnostic{{origin, 0, 0}, "", std::move(message), std::move(hint)};
}

}  // namespace

std::optional<ParameterRange> parse_range(const Scenario& scenario, std::string_view text,
                                          bool with_step, const std::string& origin,
                                          Diagnostic& error) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    error = range_error(origin,
                        std::string("expected ") + (with_step ? "PATH=VALUES" : "PATH=LO..HI") +
                            ", found '" + std::string(text) + "'",
                        with_step ? "for example calendar.d_day=2015-02-01:2015-07-01:14d"
                                  : "for example forces.isf.readiness=0.2..0.9");
    return std::nullopt;
  }
  ParameterRange range;
  range.path = std::string(text.substr(0, eq));
  Scenario work = scenario;
  Diagnostic unknown;
  const auto ref = ParameterRef::resolve(work, range.path, unknown);
  if (!ref) {
    error = range_error(origin, unknown.message, unknown.hint);
    return std::nullopt;
  }
  range.kind = ref->info().kind;
  if (range.kind != ParameterKind::kNumber && range.kind != ParameterKind::kInteger &&
      range.kind != ParameterKind::kDate) {
    error = range_error(origin, range.path + ": only numbers, integers and dates can be varied");
    return std::nullopt;
  }
  std::string problem;
  const auto values = parse_value_range(text.substr(eq + 1), ref->info(), problem);
  if (!values) {
    error = range_error(origin, range.path + ": " + problem);
    return std::nullopt;
  }
  range.lo = values->low;
  range.hi = values->high;
  const std::string lo_text = analysis::parameter_text(values->low, range.kind);
  const std::string hi_text = analysis::parameter_text(values->high, range.kind);
  const std::string bounds = lo_text + ".." + hi_text;
  if (values->form == ValueRange::Form::kDistribution) {
    error = range_error(
        origin, range.path + ": a distribution has no place here",
        with_step ? "list the values, e.g. " + range.path + "=" + bounds + " as from:to:step"
                  : "write the interval: " + range.path + "=" + bounds);
    return std::nullopt;
  }
  if (!with_step) {
    // A search between two bounds: an interval, or for whole numbers and
    // dates the unit-step range that means the same values.
    const bool unit_range =
        values->form == ValueRange::Form::kValues && range.discrete() && values->step == 1.0;
    if (values->values.size() == 1) {
      error = range_error(origin,
                          range.path + ": threshold searches between two bounds, found one value",
                          "write the interval: " + range.path + "=LO..HI");
      return std::nullopt;
    }
    if (values->form != ValueRange::Form::kInterval && !unit_range) {
      error = range_error(origin,
                          range.path +
                              ": threshold searches between two bounds, found a list of "
                              "values (from:to:step, a,b,c or linspace)",
                          "write the interval: " + range.path + "=" + bounds);
      return std::nullopt;
    }
    return range;
  }
  if (values->form != ValueRange::Form::kValues) {
    error = range_error(
        origin, range.path + ": the frontier is traced at listed values, found an interval",
        "give a step, e.g. " + range.path + "=" + lo_text + ":" + hi_text +
            (range.kind == ParameterKind::kDate ? ":14d" : ":STEP") + ", or list the values a,b,c");
    return std::nullopt;
  }
  range.step = values->step;
  range.values = values->values;
  return range;
}

std::vector<double> range_values(const ParameterRange& range) {
  if (!range.values.empty()) return range.values;
  return {range.lo, range.hi};
}

namespace {

// Runs the scenario with one assumption set to a value and evaluates the
// criteria. Holds its own copy of the scenario (not copyable: the reference
// points into it).
class Evaluator {
 public:
  Evaluator(const Scenario& scenario, const std::string& path, const Criteria& criteria)
      : work_(scenario), criteria_(criteria) {
    Diagnostic ignored;
    ref_ = ParameterRef::resolve(work_, path, ignored);
  }
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  std::optional<bool> holds(double value, Diagnostics& errors) {
    const std::string problem = ref_ ? ref_->set(value) : "cannot be resolved";
    const std::string at = ref_ ? analysis::parameter_text(value, ref_->info().kind) : "";
    if (!problem.empty()) {
      errors.add({}, "", "at " + at + ": " + problem);
      return std::nullopt;
    }
    const Diagnostics invalid = check_scenario(work_);
    if (!invalid.empty()) {
      errors.add({}, invalid[0].path,
                 "with " + ref_->info().path + " = " + at + ": " + invalid[0].message,
                 invalid[0].hint);
      return std::nullopt;
    }
    ++runs_;
    return criteria_.holds(outcome_values(run(work_, {false, false})));
  }
  [[nodiscard]] int runs() const { return runs_; }

 private:
  Scenario work_;
  const Criteria& criteria_;
  std::optional<ParameterRef> ref_;
  int runs_ = 0;
};

std::vector<double> scan_values(const ParameterRange& vary, const ThresholdOptions& o,
                                bool& exhaustive) {
  std::vector<double> xs;
  exhaustive = vary.discrete() && vary.hi - vary.lo + 1 <= o.exhaustive_max;
  if (exhaustive) {
    for (double x = vary.lo; x <= vary.hi; x += 1.0) xs.push_back(x);
    return xs;
  }
  const int n = std::max(2, o.grid);
  for (int i = 0; i < n; ++i) {
    double x = i + 1 == n ? vary.hi : vary.lo + (vary.hi - vary.lo) * i / (n - 1);
    if (vary.discrete()) x = std::round(x);
    if (xs.empty() || x > xs.back()) xs.push_back(x);
  }
  return xs;
}

}  // namespace

std::optional<ThresholdResult> find_threshold(const Scenario& scenario, const ParameterRange& vary,
                                              const Criteria& criteria,
                                              const ThresholdOptions& options,
                                              Diagnostics& errors) {
  Evaluator ev(scenario, vary.path, criteria);
  ThresholdResult r;
  const std::vector<double> xs = scan_values(vary, options, r.exhaustive);
  std::vector<bool> holds;
  for (const double x : xs) {
    const auto h = ev.holds(x, errors);
    if (!h) return std::nullopt;
    holds.push_back(*h);
  }
  r.scanned = static_cast<int>(xs.size());
  r.holds_at_lo = holds.front();
  r.holds_at_hi = holds.back();
  const bool whole = vary.discrete();
  r.tolerance = whole ? 1.0 : options.relative_tolerance * (vary.hi - vary.lo);
  for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
    if (holds[i] == holds[i + 1]) continue;
    double low = xs[i];
    double high = xs[i + 1];
    while (high - low > r.tolerance) {
      const double mid = whole ? std::floor(low + (high - low) / 2) : low + (high - low) / 2;
      if (mid <= low || mid >= high) break;
      const auto h = ev.holds(mid, errors);
      if (!h) return std::nullopt;
      (*h == holds[i] ? low : high) = mid;
    }
    r.switches.push_back({low, high, holds[i + 1]});
  }
  r.runs = ev.runs();
  return r;
}

std::optional<std::vector<FrontierRow>> trace_frontier(
    const Scenario& scenario, const ParameterRange& vary, const ParameterRange& by,
    const Criteria& criteria, const ThresholdOptions& options, Diagnostics& errors) {
  std::vector<FrontierRow> rows;
  Scenario work = scenario;
  Diagnostic ignored;
  const auto ref = ParameterRef::resolve(work, by.path, ignored);
  if (!ref) {
    errors.add({"--by", 0, 0}, "", ignored.message, ignored.hint);
    return std::nullopt;
  }
  for (const double value : range_values(by)) {
    const std::string problem = ref->set(value);
    if (!problem.empty()) {
      errors.add({"--by", 0, 0}, "", problem);
      return std::nullopt;
    }
    auto result = find_threshold(work, vary, criteria, options, errors);
    if (!result) return std::nullopt;
    rows.push_back({value, std::move(*result)});
  }
  return rows;
}

}  // namespace sandtable
