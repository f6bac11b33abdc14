// Predicted against observed, per case and in summary (sandtable/validate.hpp).
#include "sandtable/validate.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analysis/text_format.hpp"
#include "sandtable/model.hpp"
#include "util/text.hpp"

namespace sandtable {

const char* to_string(ObservedOutcome o) {
  switch (o) {
    case ObservedOutcome::kUnknown:
      return "unknown";
    case ObservedOutcome::kSuccess:
      return "success";
    case ObservedOutcome::kFailure:
      return "failure";
    case ObservedOutcome::kStalemate:
      return "stalemate";
    case ObservedOutcome::kUnresolved:
      return "unresolved";
  }
  return "unknown";
}

const char* to_string(Grade g) {
  switch (g) {
    case Grade::kA:
      return "A";
    case Grade::kB:
      return "B";
    case Grade::kC:
      return "C";
  }
  return "C";
}

namespace {

bool same(ObservedOutcome o, Outcome p) {
  switch (o) {
    case ObservedOutcome::kSuccess:
      return p == Outcome::kSuccess;
    case ObservedOutcome::kFailure:
      return p == Outcome::kFailure;
    case ObservedOutcome::kStalemate:
      return p == Outcome::kStalemate;
    case ObservedOutcome::kUnresolved:
      return p == Outcome::kUnresolved;
    case ObservedOutcome::kUnknown:
      return false;
  }
  return false;
}

// log(predicted / nearest end of [low, high]), counts floored at 1.
double log_error(double predicted, double low, double high) {
  const double p = std::max(predicted, 1.0);
  if (p < low) return std::log(p / std::max(low, 1.0));
  if (p > high) return std::log(p / std::max(high, 1.0));
  return 0.0;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double worst(const std::vector<double>& v) {
  double w = 0.0;
  for (double x : v) w = std::max(w, x);
  return w;
}

}  // namespace

ValidationCase validate_case(const LoadedScenario& loaded, const Results& results,
                             const std::vector<SeriesData>& series) {
  const Scenario& s = loaded.scenario;
  ValidationCase c;
  c.file = loaded.source_path;
  c.name = s.name;
  c.predicted = results.outcome;
  c.reason = results.reason;
  if (!s.observed) return c;
  const Observed& o = *s.observed;
  c.observed = o.outcome;
  c.outcome_grade = o.outcome_grade;
  c.outcome_known = o.outcome != ObservedOutcome::kUnknown;
  c.outcome_right = same(o.outcome, results.outcome);
  const auto outcomes = outcome_values(results);
  for (const ObservedValue& ov : o.values) {
    const auto it = std::find_if(outcomes.begin(), outcomes.end(),
                                 [&](const auto& kv) { return kv.first == ov.name; });
    if (it == outcomes.end()) continue;  // the loader refuses such names
    ValidationValue v;
    v.name = ov.name;
    v.predicted = it->second;
    v.low = ov.low;
    v.high = ov.high;
    v.grade = ov.grade;
    v.log_error = log_error(v.predicted, v.low, v.high);
    v.lower_bound = results.outcome == Outcome::kUnresolved &&
                    (ov.name == "duration_days" || ov.name == "days_from_d_day");
    c.values.push_back(v);
  }
  for (const SeriesData& d : series) c.series.push_back(score_series(d, results));
  return c;
}

ValidationSummary summarize(const std::vector<ValidationCase>& cases) {
  ValidationSummary sum;
  std::vector<double> durations;
  std::vector<double> casualties;
  std::vector<double> series;
  for (const ValidationCase& c : cases) {
    ++sum.cases;
    for (const SeriesScore& x : c.series) series.push_back(x.rms_log_error);
    if (c.outcome_known) {
      ++sum.outcomes_known;
      if (c.outcome_right) ++sum.outcomes_right;
    }
    for (const ValidationValue& v : c.values) {
      if (v.name == "duration_days") durations.push_back(std::fabs(v.log_error));
      if (v.name == "attacker_casualties" || v.name == "defender_casualties") {
        casualties.push_back(std::fabs(v.log_error));
      }
    }
  }
  sum.hit_rate =
      sum.outcomes_known > 0 ? static_cast<double>(sum.outcomes_right) / sum.outcomes_known : 0.0;
  sum.durations = static_cast<int>(durations.size());
  sum.duration_median_abs_log = median(durations);
  sum.duration_worst_abs_log = worst(durations);
  sum.casualties = static_cast<int>(casualties.size());
  sum.casualty_median_abs_log = median(casualties);
  sum.casualty_worst_abs_log = worst(casualties);
  sum.series = static_cast<int>(series.size());
  sum.series_median_rms_log = median(series);
  sum.series_worst_rms_log = worst(series);
  return sum;
}

std::optional<Validation> validate(const std::vector<LoadedScenario>& cases, Diagnostics& errors) {
  Validation v;
  for (const LoadedScenario& c : cases) {
    if (!c.scenario.observed) {
      errors.add(SourceLocation{c.source_path, 0, 0}, "observed",
                 "the case has no observed block: nothing to validate against",
                 "add an observed: block with the outcome and the figures that are known");
    }
  }
  std::vector<std::vector<SeriesData>> series(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) read_observed_series(cases[i], series[i], errors);
  if (!errors.empty()) return std::nullopt;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    RunOptions o;
    o.record_daily = !series[i].empty();
    o.record_timeline = false;
    v.cases.push_back(validate_case(cases[i], run(cases[i].scenario, o), series[i]));
  }
  v.summary = summarize(v.cases);
  return v;
}

namespace {

// "x1.8" for an error of log(1.8), "/2.0" below, "ok" inside the range.
std::string ratio_text(const ValidationValue& v) {
  if (v.log_error == 0.0) return "in range";
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  if (v.log_error > 0) {
    o << "x" << std::exp(v.log_error);
  } else {
    o << "/" << std::exp(-v.log_error);
  }
  return o.str();
}

std::string number(double x) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(x >= 100 || x == std::floor(x) ? 0 : 1);
  o << x;
  return o.str();
}

std::string range(const ValidationValue& v) {
  return v.low == v.high ? number(v.low) : number(v.low) + "-" + number(v.high);
}

std::string factor(double log_error) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << "x" << std::exp(log_error);
  return o.str();
}

nlohmann::ordered_json to_json(const Validation& v) {
  nlohmann::ordered_json j;
  j["cases"] = nlohmann::ordered_json::array();
  for (const ValidationCase& c : v.cases) {
    nlohmann::ordered_json jc;
    jc["file"] = c.file;
    jc["name"] = c.name;
    jc["observed_outcome"] = to_string(c.observed);
    jc["outcome_grade"] = to_string(c.outcome_grade);
    jc["predicted_outcome"] = to_string(c.predicted);
    jc["reason"] = to_string(c.reason);
    jc["outcome_right"] = c.outcome_right;
    jc["values"] = nlohmann::ordered_json::array();
    for (const ValidationValue& x : c.values) {
      jc["values"].push_back({{"name", x.name},
                              {"predicted", x.predicted},
                              {"low", x.low},
                              {"high", x.high},
                              {"grade", to_string(x.grade)},
                              {"log_error", x.log_error},
                              {"lower_bound", x.lower_bound}});
    }
    jc["series"] = nlohmann::ordered_json::array();
    for (const SeriesScore& x : c.series) {
      jc["series"].push_back({{"name", x.name},
                              {"grade", to_string(x.grade)},
                              {"days", x.days},
                              {"rms_log_error", x.rms_log_error},
                              {"worst_day", x.worst_day},
                              {"worst_log_error", x.worst_log_error},
                              {"log_errors", x.log_errors}});
    }
    j["cases"].push_back(jc);
  }
  const ValidationSummary& s = v.summary;
  j["summary"] = {{"cases", s.cases},
                  {"outcomes_known", s.outcomes_known},
                  {"outcomes_right", s.outcomes_right},
                  {"hit_rate", s.hit_rate},
                  {"durations", s.durations},
                  {"duration_median_abs_log", s.duration_median_abs_log},
                  {"duration_worst_abs_log", s.duration_worst_abs_log},
                  {"casualties", s.casualties},
                  {"casualty_median_abs_log", s.casualty_median_abs_log},
                  {"casualty_worst_abs_log", s.casualty_worst_abs_log},
                  {"series", s.series},
                  {"series_median_rms_log", s.series_median_rms_log},
                  {"series_worst_rms_log", s.series_worst_rms_log}};
  return j;
}

std::string csv(const Validation& v) {
  std::string out =
      "file,case,observed_outcome,predicted_outcome,outcome_right,value,predicted,"
      "low,high,grade,log_error,lower_bound\n";
  for (const ValidationCase& c : v.cases) {
    const std::string head = analysis::csv_field(c.file) + "," + analysis::csv_field(c.name) + "," +
                             to_string(c.observed) + "," + to_string(c.predicted) + "," +
                             (c.outcome_right ? "1" : "0") + ",";
    if (c.values.empty()) out += head + ",,,,,,\n";
    for (const ValidationValue& x : c.values) {
      out += head + x.name + "," + util::format_double(x.predicted) + "," +
             util::format_double(x.low) + "," + util::format_double(x.high) + "," +
             to_string(x.grade) + "," + util::format_double(x.log_error) + "," +
             (x.lower_bound ? "1" : "0") + "\n";
    }
  }
  return out;
}

std::string summary_lines(const ValidationSummary& s, const std::string& bullet) {
  std::ostringstream o;
  o << bullet << "outcome right in " << s.outcomes_right << " of " << s.outcomes_known << " cases ("
    << number(100.0 * s.hit_rate) << "%)\n";
  o << bullet << "duration: median error " << factor(s.duration_median_abs_log) << ", worst "
    << factor(s.duration_worst_abs_log) << " (" << s.durations << " cases)\n";
  o << bullet << "casualties: median error " << factor(s.casualty_median_abs_log) << ", worst "
    << factor(s.casualty_worst_abs_log) << " (" << s.casualties << " figures)\n";
  if (s.series > 0) {
    o << bullet << "daily series: median RMS error " << factor(s.series_median_rms_log)
      << ", worst " << factor(s.series_worst_rms_log) << " (" << s.series << " series)\n";
  }
  return o.str();
}

std::string table(const Validation& v, bool markdown) {
  std::ostringstream o;
  if (markdown) {
    o << "| case | outcome (observed / predicted) | figure | predicted | observed | grade | error "
         "|\n|---|---|---|---|---|---|---|\n";
  }
  for (const ValidationCase& c : v.cases) {
    const std::string outcome = std::string(to_string(c.observed)) + " / " +
                                to_string(c.predicted) + (c.outcome_right ? "" : " (wrong)");
    if (markdown) {
      if (c.values.empty()) o << "| " << c.name << " | " << outcome << " | | | | | |\n";
      bool first = true;
      for (const ValidationValue& x : c.values) {
        o << "| " << (first ? c.name : "") << " | " << (first ? outcome : "") << " | " << x.name
          << " | " << (x.lower_bound ? ">" : "") << number(x.predicted) << " | " << range(x)
          << " | " << to_string(x.grade) << " | " << ratio_text(x) << " |\n";
        first = false;
      }
      continue;
    }
    o << c.name << " (" << c.file << ")\n  outcome: observed " << to_string(c.observed)
      << ", predicted " << to_string(c.predicted) << " (" << to_string(c.reason) << ")"
      << (c.outcome_right ? "" : "  WRONG") << "\n";
    for (const ValidationValue& x : c.values) {
      std::string name = x.name;
      name.resize(std::max<std::size_t>(name.size(), 22), ' ');
      o << "  " << name << " predicted " << (x.lower_bound ? "more than " : "")
        << number(x.predicted) << ", observed " << range(x) << " (" << to_string(x.grade)
        << "): " << ratio_text(x) << "\n";
    }
    for (const SeriesScore& x : c.series) {
      o << "  series " << x.name << " (" << to_string(x.grade) << "): " << x.days
        << " days, RMS error " << factor(x.rms_log_error) << ", worst day " << x.worst_day << " ("
        << factor(x.worst_log_error) << ")\n";
    }
  }
  o << (markdown ? "\n**Summary**\n\n" : "\nSummary\n");
  o << summary_lines(v.summary, markdown ? "* " : "  ");
  return o.str();
}

}  // namespace

std::string format_validation(const Validation& v, ValidationFormat format) {
  switch (format) {
    case ValidationFormat::kJson:
      return to_json(v).dump(2) + "\n";
    case ValidationFormat::kCsv:
      return csv(v);
    case ValidationFormat::kMarkdown:
      return table(v, true);
    case ValidationFormat::kTable:
      return table(v, false);
  }
  return table(v, false);
}

}  // namespace sandtable
