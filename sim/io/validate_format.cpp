// The writers of `sandtable validate`: table, CSV and JSON.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/validate.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

// "x1.8" for an error of log(1.8), "/2.0" below, "in range" inside it.
std::string ratio_error(const ValidationValue& v) {
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

std::string ratio_text(const ValidationValue& v) {
  if (v.beyond_city) return ratio_error(v) + " (more than the city's population: not fitted)";
  return ratio_error(v);
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
                              {"lower_bound", x.lower_bound},
                              {"beyond_city", x.beyond_city}});
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
                  {"displaced", s.displaced},
                  {"displaced_median_abs_log", s.displaced_median_abs_log},
                  {"displaced_worst_abs_log", s.displaced_worst_abs_log},
                  {"series", s.series},
                  {"series_median_rms_log", s.series_median_rms_log},
                  {"series_worst_rms_log", s.series_worst_rms_log}};
  return j;
}

std::string csv(const Validation& v) {
  std::string out = io::csv_row({"file", "case", "observed_outcome", "predicted_outcome",
                                 "outcome_right", "value", "predicted", "low", "high", "grade",
                                 "log_error", "lower_bound", "beyond_city"});
  const auto flag = [](bool b) { return std::string(b ? "1" : "0"); };
  for (const ValidationCase& c : v.cases) {
    const std::vector<std::string> head{c.file, c.name, to_string(c.observed),
                                        to_string(c.predicted), flag(c.outcome_right)};
    const auto row = [&](std::vector<std::string> tail) {
      std::vector<std::string> fields = head;
      fields.insert(fields.end(), tail.begin(), tail.end());
      out += io::csv_row(fields);
    };
    if (c.values.empty()) row(std::vector<std::string>(8));
    for (const ValidationValue& x : c.values) {
      row({x.name, util::format_double(x.predicted), util::format_double(x.low),
           util::format_double(x.high), to_string(x.grade), util::format_double(x.log_error),
           flag(x.lower_bound), flag(x.beyond_city)});
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
  if (s.displaced > 0) {
    o << bullet << "displaced civilians: median error " << factor(s.displaced_median_abs_log)
      << ", worst " << factor(s.displaced_worst_abs_log) << " (" << s.displaced << " figures)\n";
  }
  if (s.series > 0) {
    o << bullet << "daily series: median RMS error " << factor(s.series_median_rms_log)
      << ", worst " << factor(s.series_worst_rms_log) << " (" << s.series << " series)\n";
  }
  return o.str();
}

// The per-case Markdown table: one row per figure, the case named on its first.
std::string markdown_cases(const Validation& v) {
  std::vector<std::vector<std::string>> rows = {{"case", "outcome (observed / predicted)", "figure",
                                                 "predicted", "observed", "grade", "error"}};
  for (const ValidationCase& c : v.cases) {
    const std::string outcome = std::string(to_string(c.observed)) + " / " +
                                to_string(c.predicted) + (c.outcome_right ? "" : " (wrong)");
    if (c.values.empty()) rows.push_back({c.name, outcome, "", "", "", "", ""});
    bool first = true;
    for (const ValidationValue& x : c.values) {
      rows.push_back({first ? c.name : "", first ? outcome : "", x.name,
                      (x.lower_bound ? ">" : "") + number(x.predicted), range(x),
                      std::string(to_string(x.grade)), ratio_text(x)});
      first = false;
    }
  }
  return io::render_markdown(rows, {false, false, false, true, true, false, true});
}

// The per-case text: the outcome, then one line per figure and series.
std::string text_cases(const Validation& v) {
  std::ostringstream o;
  for (const ValidationCase& c : v.cases) {
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
  return o.str();
}

std::string table(const Validation& v, bool markdown) {
  return (markdown ? markdown_cases(v) + "\n**Summary**\n\n" : text_cases(v) + "\nSummary\n") +
         summary_lines(v.summary, markdown ? "* " : "  ");
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
