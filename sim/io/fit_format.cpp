// The fit's report and its calibration overlay (sandtable/fit.hpp).
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sandtable/fit.hpp"
#include "sandtable/version.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

std::string uncertainty(const FittedParameter& p) {
  std::string s;
  if (std::isnan(p.standard_error)) {
    s = "not identifiable";
  } else {
    s = "+/- " + util::format_double(std::round(p.standard_error * 1e6) / 1e6) + " (Jacobian)";
  }
  if (p.bootstrap_sd > 0.0) {
    s += ", +/- " + util::format_double(std::round(p.bootstrap_sd * 1e6) / 1e6) + " (bootstrap)";
  }
  return s;
}

std::string rounded(double v) {
  // Six significant digits: enough for a coefficient, readable in a file.
  if (v == 0.0) return "0";
  const double scale = std::pow(10.0, 5 - std::floor(std::log10(std::fabs(v))));
  return util::format_double(std::round(v * scale) / scale);
}

std::string summary_line(const ValidationSummary& s) {
  return "outcome right in " + std::to_string(s.outcomes_right) + " of " +
         std::to_string(s.outcomes_known) + "; duration median error x" +
         util::format_fixed(std::exp(s.duration_median_abs_log), 2) + ", worst x" +
         util::format_fixed(std::exp(s.duration_worst_abs_log), 2) + "; casualties median error x" +
         util::format_fixed(std::exp(s.casualty_median_abs_log), 2);
}

nlohmann::ordered_json summary_json(const ValidationSummary& s) {
  return {{"outcomes_known", s.outcomes_known},
          {"outcomes_right", s.outcomes_right},
          {"hit_rate", s.hit_rate},
          {"duration_median_abs_log", s.duration_median_abs_log},
          {"duration_worst_abs_log", s.duration_worst_abs_log},
          {"casualty_median_abs_log", s.casualty_median_abs_log},
          {"casualty_worst_abs_log", s.casualty_worst_abs_log},
          {"displaced_median_abs_log", s.displaced_median_abs_log},
          {"displaced_worst_abs_log", s.displaced_worst_abs_log}};
}

}  // namespace

std::string format_fit_report(const FitResult& r, bool json) {
  if (json) {
    nlohmann::ordered_json j;
    j["corpus_sha256"] = r.corpus_hash;
    j["cases"] = r.fitted.cases.size();
    j["objective_start"] = r.objective_start;
    j["objective"] = r.objective;
    j["evaluations"] = r.evaluations;
    j["parameters"] = nlohmann::ordered_json::array();
    for (const FittedParameter& p : r.parameters) {
      j["parameters"].push_back({{"path", p.path},
                                 {"value", p.value},
                                 {"start", p.start},
                                 {"low", p.low},
                                 {"high", p.high},
                                 {"standard_error", std::isnan(p.standard_error)
                                                        ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(p.standard_error)},
                                 {"bootstrap_sd", p.bootstrap_sd},
                                 {"at_bound", p.at_bound}});
    }
    j["correlation"] = nlohmann::ordered_json::array();
    for (const auto& row : r.correlation) {
      nlohmann::ordered_json jr = nlohmann::ordered_json::array();
      for (double v : row)
        jr.push_back(std::isnan(v) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v));
      j["correlation"].push_back(jr);
    }
    j["warnings"] = r.warnings;
    j["fitted"] = summary_json(r.fitted.summary);
    if (r.leave_one_out) j["leave_one_out"] = summary_json(r.leave_one_out->summary);
    j["residuals"] = nlohmann::ordered_json::array();
    for (const ValidationCase& c : r.fitted.cases) {
      nlohmann::ordered_json jc{{"file", c.file}, {"outcome_right", c.outcome_right}};
      for (const ValidationValue& v : c.values) jc[v.name] = v.log_error;
      j["residuals"].push_back(jc);
    }
    return j.dump(2) + "\n";
  }
  std::ostringstream o;
  o << "Fit on " << r.fitted.cases.size() << " cases (corpus sha256 " << r.corpus_hash.substr(0, 12)
    << "), " << r.evaluations << " model evaluations\n";
  o << "objective " << util::format_fixed(r.objective_start, 4) << " at the scenarios' values, "
    << util::format_fixed(r.objective, 4) << " at the estimate\n\n";
  for (const FittedParameter& p : r.parameters) {
    o << "  " << p.path << " = " << rounded(p.value) << "  " << uncertainty(p) << "  (was "
      << rounded(p.start) << "; range " << util::format_double(p.low) << ".."
      << util::format_double(p.high) << ")\n";
  }
  if (r.parameters.size() > 1 && !std::isnan(r.correlation[0][0])) {
    o << "\nCorrelations of the estimates\n";
    for (std::size_t a = 0; a < r.parameters.size(); ++a) {
      for (std::size_t b = a + 1; b < r.parameters.size(); ++b) {
        o << "  " << r.parameters[a].path << " ~ " << r.parameters[b].path << ": "
          << util::format_fixed(r.correlation[a][b], 2) << "\n";
      }
    }
  }
  for (const std::string& w : r.warnings) o << "warning: " << w << "\n";
  o << "\nResiduals at the estimate (error as a factor to the observed range)\n";
  for (const ValidationCase& c : r.fitted.cases) {
    o << "  " << c.name << ": "
      << (!c.outcome_known ? "outcome not observed"
                           : (c.outcome_right ? "outcome right" : "outcome WRONG"));
    for (const ValidationValue& v : c.values) {
      o << ", " << v.name << " "
        << (v.log_error == 0.0 ? std::string("in range")
                               : "x" + util::format_fixed(std::exp(v.log_error), 2));
    }
    for (const SeriesScore& x : c.series) {
      o << ", series " << x.name << " RMS x" << util::format_fixed(std::exp(x.rms_log_error), 3)
        << " over " << x.days << " days";
    }
    o << "\n";
  }
  o << "\nAt the estimate: " << summary_line(r.fitted.summary) << "\n";
  if (r.leave_one_out) {
    o << "Leave one out (each case predicted by a fit without it): "
      << summary_line(r.leave_one_out->summary) << "\n";
  }
  return o.str();
}

std::string format_fit_overlay(const FitResult& r) {
  std::ostringstream o;
  o << "# Calibrated coefficients, written by sandtable fit " << kVersion << " on "
    << r.fitted.cases.size() << " recorded battles\n";
  o << "# (corpus sha256 " << r.corpus_hash << ").\n";
  o << "# At the estimate: " << summary_line(r.fitted.summary) << ".\n";
  if (r.leave_one_out) o << "# Leave one out: " << summary_line(r.leave_one_out->summary) << ".\n";
  // Nested blocks from the dotted paths, in path order.
  std::map<std::string, const FittedParameter*> sorted;
  for (const FittedParameter& p : r.parameters) sorted[p.path] = &p;
  std::vector<std::string> open;
  for (const auto& [path, p] : sorted) {
    std::vector<std::string> parts;
    std::string part;
    for (char ch : path + ".") {
      if (ch == '.') {
        parts.push_back(part);
        part.clear();
      } else {
        part += ch;
      }
    }
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    open.resize(common);
    for (std::size_t d = common; d + 1 < parts.size(); ++d) {
      o << std::string(2 * d, ' ') << parts[d] << ":\n";
      open.push_back(parts[d]);
    }
    o << std::string(2 * (parts.size() - 1), ' ') << parts.back() << ": " << rounded(p->value)
      << "  # " << uncertainty(*p) << "\n";
  }
  return o.str();
}

}  // namespace sandtable
