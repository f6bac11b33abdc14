// The writers of `sandtable threshold` and its frontier.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/threshold.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

std::string value_text(double v, const ParameterRange& range, double tolerance) {
  if (range.discrete()) return analysis::parameter_text(v, range.kind);
  const int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(tolerance))), 0, 15);
  std::string s = util::format_fixed(v, decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string switch_text(const CriteriaSwitch& s, const ParameterRange& range, double tol) {
  const std::string low = value_text(s.low, range, tol);
  const std::string high = value_text(s.high, range, tol);
  return s.holds_at_high ? "hold from " + high + " (fail at " + low + ")"
                         : "fail from " + high + " (hold at " + low + ")";
}

std::string switches_text(const ThresholdResult& r, const ParameterRange& range) {
  if (r.switches.empty())
    return std::string("no switch: the criteria ") + (r.holds_at_lo ? "hold" : "fail") +
           " throughout";
  std::vector<std::string> parts;
  for (const CriteriaSwitch& s : r.switches) parts.push_back(switch_text(s, range, r.tolerance));
  return (r.switches.size() == 1 ? "" : std::to_string(r.switches.size()) + " switches: ") +
         util::join(parts, "; ");
}

std::string method_text(const ThresholdResult& r, const ParameterRange& range) {
  if (r.exhaustive) return "Ran every value (" + std::to_string(r.runs) + " runs).";
  std::string tol = range.discrete()
                        ? std::string("the exact value")
                        : "within " + util::format_double(r.tolerance) + " (1e-6 of the range)";
  return "Scanned " + std::to_string(r.scanned) + " values, then bisected each switch to " + tol +
         "; " + std::to_string(r.runs) +
         " runs.\nTwo switches closer than the scan step can be missed; raise --grid to look "
         "closer.";
}

}  // namespace

std::string format_threshold(const ThresholdResult& r, const ParameterRange& vary,
                             const std::string& criteria) {
  const std::string lo = analysis::parameter_text(vary.lo, vary.kind);
  const std::string hi = analysis::parameter_text(vary.hi, vary.kind);
  std::string out = "Threshold of " + vary.path + " from " + lo + " to " + hi + "\n";
  out += "Criteria: " + criteria + "\n";
  out += method_text(r, vary) + "\n";
  out += std::string("At ") + lo + " the criteria " + (r.holds_at_lo ? "hold" : "fail") + "; at " +
         hi + " they " + (r.holds_at_hi ? "hold" : "fail") + ".\n";
  if (r.switches.empty()) {
    return out + "No switch in [" + lo + ", " + hi + "]: the criteria " +
           (r.holds_at_lo ? "hold" : "fail") + " throughout.\n";
  }
  out +=
      std::to_string(r.switches.size()) + (r.switches.size() == 1 ? " switch:\n" : " switches:\n");
  for (const CriteriaSwitch& s : r.switches)
    out += "  the criteria " + switch_text(s, vary, r.tolerance) + "\n";
  return out;
}

std::string format_frontier(const std::vector<FrontierRow>& rows, const ParameterRange& vary,
                            const ParameterRange& by, const std::string& criteria) {
  const std::string lo = analysis::parameter_text(vary.lo, vary.kind);
  const std::string hi = analysis::parameter_text(vary.hi, vary.kind);
  std::string out = "Frontier: the threshold of " + vary.path + " (" + lo + " to " + hi +
                    ") for each " + by.path + " from " + analysis::parameter_text(by.lo, by.kind) +
                    " to " + analysis::parameter_text(by.hi, by.kind) + "\n";
  out += "Criteria: " + criteria + "\n";
  int runs = 0;
  std::vector<std::vector<std::string>> table{{by.path, "at " + lo, "at " + hi, "switch"}};
  for (const FrontierRow& row : rows) {
    runs += row.result.runs;
    table.push_back({analysis::parameter_text(row.by, by.kind, 6),
                     row.result.holds_at_lo ? "hold" : "fail",
                     row.result.holds_at_hi ? "hold" : "fail", switches_text(row.result, vary)});
  }
  out += std::to_string(rows.size()) + " thresholds, " + std::to_string(runs) + " runs";
  out += rows.empty() || rows.front().result.exhaustive
             ? std::string(".\n\n")
             : "; each a scan of " + std::to_string(rows.front().result.scanned) +
                   " values then bisection to " +
                   (vary.discrete() ? std::string("the exact value")
                                    : util::format_double(rows.front().result.tolerance)) +
                   ".\n\n";
  return out + io::render_columns(table, {false, false, false, false});
}

}  // namespace sandtable
