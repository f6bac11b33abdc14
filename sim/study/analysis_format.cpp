// The analysis as a readable table, JSON and CSV.
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sandtable/study_analysis.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

using Json = nlohmann::ordered_json;

// Four significant digits, for people.
std::string sig(double v) {
  if (std::isnan(v)) return "-";
  if (v == 0.0) return "0";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
  return std::string(buf, r.ptr);
}

// Pads to `width`; a longer cell (a distribution's quantile written in full)
// keeps two spaces before the next column.
std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) {
    s.resize(width, ' ');
  } else {
    s += "  ";
  }
  return s;
}

std::size_t name_width(const std::vector<std::string>& names) {
  std::size_t w = 9;
  for (const std::string& n : names) w = std::max(w, n.size() + 2);
  return w;
}

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

void table_measures(const AnalysisReport& r, const OutcomeAnalysis& o, std::string& out) {
  const std::size_t w = name_width(r.parameters);
  if (!o.tornado.empty()) {
    out += "  tornado (base case " + sig(o.base) + ")\n    " + pad("parameter", w) +
           pad("low -> outcome", 28) + pad("high -> outcome", 28) + "swing\n";
    for (const TornadoBar& b : o.tornado) {
      out += "    " + pad(b.parameter, w) + pad(b.low_value + " -> " + sig(b.low), 28) +
             pad(b.high_value + " -> " + sig(b.high), 28) + sig(b.swing) + "\n";
    }
  }
  if (!o.morris.empty()) {
    out += "  Morris elementary effects (per full range)\n    " + pad("parameter", w) +
           pad("mu*", 12) + pad("mu", 12) + "sigma\n";
    for (const MorrisIndex& m : o.morris) {
      out += "    " + pad(m.parameter, w) + pad(sig(m.mu_star), 12) + pad(sig(m.mu), 12) +
             sig(m.sigma) + "\n";
    }
  }
  if (!o.sobol.empty()) {
    out += "  Sobol indices";
    if (r.bootstrap > 0) {
      out += " (" + sig(100.0 * r.confidence) + "% bootstrap intervals, " +
             std::to_string(r.bootstrap) + " resamples)";
    }
    out += "\n    " + pad("parameter", w) + pad("first order", 28) + "total\n";
    for (const SobolIndex& x : o.sobol) {
      const auto cell = [&](double v, double lo, double hi) {
        return r.bootstrap > 0 ? sig(v) + " [" + sig(lo) + ", " + sig(hi) + "]" : sig(v);
      };
      out += "    " + pad(x.parameter, w) + pad(cell(x.first, x.first_low, x.first_high), 28) +
             cell(x.total, x.total_low, x.total_high) + "\n";
    }
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
    out += o + "," + measure + "," + p + "," + stat + "," +
           (std::isnan(v) ? std::string() : util::format_double(v)) + "\n";
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
