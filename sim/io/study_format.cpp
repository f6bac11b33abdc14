// The analysis of a sweep (`sandtable analyze`) as a table, JSON and CSV.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/study_analysis.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

using Json = nlohmann::ordered_json;

// Numbers for people: the one wording of every table (analysis/text_format.hpp).
std::string sig(double v) { return analysis::readable(v); }

bool constant(const OutcomeSummary& s) { return s.count > 0 && s.min == s.max; }

void table_summary(const OutcomeAnalysis& o, std::string& out) {
  const OutcomeSummary& s = o.summary;
  out += "  mean " + sig(s.mean) + "  sd " + sig(s.sd) + "  min " + sig(s.min) + "  max " +
         sig(s.max) + "  (" + std::to_string(s.count) + " runs)\n  quantiles";
  for (const QuantileValue& q : s.quantiles) {
    out += "  " + sig(100.0 * q.probability) + "%: " + sig(q.value);
  }
  out += s.exact_quantiles ? "\n" : "  (approximate, see docs/sweeps.md)\n";
}

using Rows = std::vector<std::vector<std::string>>;

void table_measures(const AnalysisReport& r, const OutcomeAnalysis& o, std::string& out) {
  if (!o.tornado.empty()) {
    out += "  tornado (base case " + sig(o.base) + ")\n";
    Rows rows{{"parameter", "low -> outcome", "high -> outcome", "swing"}};
    for (const TornadoBar& b : o.tornado) {
      rows.push_back({b.parameter, b.low_value + " -> " + sig(b.low),
                      b.high_value + " -> " + sig(b.high), sig(b.swing)});
    }
    out += io::render_columns(rows, {false, false, false, true}, "    ");
  }
  if (!o.morris.empty()) {
    out += "  Morris elementary effects (per full range)\n";
    Rows rows{{"parameter", "mu*", "mu", "sigma"}};
    for (const MorrisIndex& m : o.morris) {
      rows.push_back({m.parameter, sig(m.mu_star), sig(m.mu), sig(m.sigma)});
    }
    out += io::render_columns(rows, {false, true, true, true}, "    ");
  }
  if (!o.sobol.empty()) {
    out += "  Sobol indices";
    if (r.bootstrap > 0) {
      out += " (" + sig(100.0 * r.confidence) + "% bootstrap intervals, " +
             std::to_string(r.bootstrap) + " resamples)";
    }
    out += "\n";
    const auto cell = [&](double v, double lo, double hi) {
      return r.bootstrap > 0 ? sig(v) + " [" + sig(lo) + ", " + sig(hi) + "]" : sig(v);
    };
    Rows rows{{"parameter", "first order", "total"}};
    for (const SobolIndex& x : o.sobol) {
      rows.push_back({x.parameter, cell(x.first, x.first_low, x.first_high),
                      cell(x.total, x.total_low, x.total_high)});
    }
    out += io::render_columns(rows, {}, "    ");
  }
}

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

}  // namespace

std::string format_analysis_table(const AnalysisReport& r) {
  std::string out = "Study: " + r.method + " design, seed " + std::to_string(r.seed) + ", " +
                    std::to_string(r.runs) + " of " + std::to_string(r.design_size) + " runs (" +
                    std::to_string(r.failed) + " failed)";
  if (r.incomplete > 0) {
    out += "; " + std::to_string(r.incomplete) + " groups skipped for missing or failed runs";
  }
  if (r.partial) {
    out += "\nPARTIAL: the database holds " + std::to_string(r.runs) + " of " +
           std::to_string(r.design_size) +
           " runs of the design; every figure below covers only these (resume the sweep)";
  }
  out += "\nParameters: " + util::join(r.parameters, ", ") + "\n";
  std::vector<std::string> constants;
  for (const OutcomeAnalysis& o : r.outcomes) {
    if (constant(o.summary)) {
      constants.push_back(o.outcome + " = " + sig(o.summary.min));
      continue;
    }
    out += "\n" + o.outcome + "\n";
    if (o.summary.count == 0) {
      out += "  no successful run\n";
      continue;
    }
    table_summary(o, out);
    table_measures(r, o, out);
  }
  if (!constants.empty()) out += "\nConstant over every run: " + util::join(constants, ", ") + "\n";
  return out;
}

std::string format_analysis_json(const AnalysisReport& r) {
  Json j;
  j["method"] = r.method;
  j["seed"] = r.seed;
  j["design_size"] = r.design_size;
  j["runs"] = r.runs;
  j["partial"] = r.partial;
  j["failed"] = r.failed;
  j["incomplete_groups"] = r.incomplete;
  j["parameters"] = r.parameters;
  j["bootstrap"] = r.bootstrap;
  j["confidence"] = r.confidence;
  Json outcomes = Json::array();
  for (const OutcomeAnalysis& o : r.outcomes) {
    Json x;
    x["outcome"] = o.outcome;
    const OutcomeSummary& s = o.summary;
    Json q = Json::object();
    for (const QuantileValue& v : s.quantiles)
      q[util::format_double(v.probability)] = number(v.value);
    x["summary"] = Json{{"count", s.count},
                        {"mean", number(s.mean)},
                        {"sd", number(s.sd)},
                        {"min", number(s.min)},
                        {"max", number(s.max)},
                        {"quantiles", q},
                        {"exact_quantiles", s.exact_quantiles}};
    if (!o.tornado.empty()) {
      x["base"] = number(o.base);
      for (const TornadoBar& b : o.tornado) {
        x["tornado"].push_back(Json{{"parameter", b.parameter},
                                    {"low_value", b.low_value},
                                    {"high_value", b.high_value},
                                    {"low", number(b.low)},
                                    {"high", number(b.high)},
                                    {"swing", number(b.swing)}});
      }
    }
    for (const MorrisIndex& m : o.morris) {
      x["morris"].push_back(Json{{"parameter", m.parameter},
                                 {"mu", number(m.mu)},
                                 {"mu_star", number(m.mu_star)},
                                 {"sigma", number(m.sigma)},
                                 {"trajectories", m.trajectories}});
    }
    for (const SobolIndex& s1 : o.sobol) {
      x["sobol"].push_back(Json{{"parameter", s1.parameter},
                                {"first", number(s1.first)},
                                {"first_low", number(s1.first_low)},
                                {"first_high", number(s1.first_high)},
                                {"total", number(s1.total)},
                                {"total_low", number(s1.total_low)},
                                {"total_high", number(s1.total_high)}});
    }
    outcomes.push_back(std::move(x));
  }
  j["outcomes"] = std::move(outcomes);
  return j.dump(2) + "\n";
}

std::string format_analysis_csv(const AnalysisReport& r) {
  std::string out = "outcome,measure,parameter,statistic,value\n";
  const auto row = [&](const std::string& o, const char* measure, const std::string& p,
                       const std::string& stat, double v) {
    out +=
        io::csv_row({o, measure, p, stat, std::isnan(v) ? std::string() : util::format_double(v)});
  };
  for (const OutcomeAnalysis& o : r.outcomes) {
    const OutcomeSummary& s = o.summary;
    row(o.outcome, "summary", "", "count", static_cast<double>(s.count));
    row(o.outcome, "summary", "", "mean", s.mean);
    row(o.outcome, "summary", "", "sd", s.sd);
    row(o.outcome, "summary", "", "min", s.min);
    row(o.outcome, "summary", "", "max", s.max);
    for (const QuantileValue& q : s.quantiles) {
      row(o.outcome, "quantile", "", util::format_double(q.probability), q.value);
    }
    if (!o.tornado.empty()) row(o.outcome, "tornado", "", "base", o.base);
    for (const TornadoBar& b : o.tornado) {
      row(o.outcome, "tornado", b.parameter, "low", b.low);
      row(o.outcome, "tornado", b.parameter, "high", b.high);
      row(o.outcome, "tornado", b.parameter, "swing", b.swing);
    }
    for (const MorrisIndex& m : o.morris) {
      row(o.outcome, "morris", m.parameter, "mu_star", m.mu_star);
      row(o.outcome, "morris", m.parameter, "mu", m.mu);
      row(o.outcome, "morris", m.parameter, "sigma", m.sigma);
    }
    for (const SobolIndex& x : o.sobol) {
      row(o.outcome, "sobol", x.parameter, "first", x.first);
      row(o.outcome, "sobol", x.parameter, "first_low", x.first_low);
      row(o.outcome, "sobol", x.parameter, "first_high", x.first_high);
      row(o.outcome, "sobol", x.parameter, "total", x.total);
      row(o.outcome, "sobol", x.parameter, "total_low", x.total_low);
      row(o.outcome, "sobol", x.parameter, "total_high", x.total_high);
    }
  }
  return out;
}

}  // namespace sandtable
