// The writers of `sandtable timing`: table, CSV and JSON.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/text_format.hpp"
#include "io/table.hpp"
#include "sandtable/timing.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

// "criteria hold on 5 of 22 dates: 2015-04-12 to 2015-05-10, 2015-06-07"
std::string summary(const TimingReport& r) {
  std::vector<std::string> spans;
  std::size_t count = 0;
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    if (!r.rows[k].meets) continue;
    ++count;
    if (k > 0 && r.rows[k - 1].meets) continue;
    std::size_t last = k;
    while (last + 1 < r.rows.size() && r.rows[last + 1].meets) ++last;
    spans.push_back(r.rows[k].d_day.to_string() +
                    (last > k ? " to " + r.rows[last].d_day.to_string() : std::string()));
  }
  std::string out = "The criteria hold on " + std::to_string(count) + " of " +
                    std::to_string(r.rows.size()) + " dates";
  return spans.empty() ? out + ".\n" : out + ": " + util::join(spans, ", ") + ".\n";
}

std::string timing_table(const TimingReport& r, int width) {
  std::string out = "Timing: " + r.scenario_name + "\n";
  if (!r.rows.empty()) {
    out += "D-day from " + r.rows.front().d_day.to_string() + " to " +
           r.rows.back().d_day.to_string() + " every " + std::to_string(r.step_days) + " days (" +
           std::to_string(r.rows.size()) + " variants)\n";
  }
  out += "Criteria (" + r.criteria_origin + "): " + r.criteria + "\n\n";
  std::vector<std::string> head{"d_day", "meets", "ended"};
  std::vector<bool> right{false, false, false};
  for (const std::string& name : r.outcomes) {
    head.push_back(name);
    right.push_back(true);
  }
  std::vector<std::vector<std::string>> rows{head};
  for (const TimingRow& row : r.rows) {
    std::vector<std::string> cells{row.d_day.to_string(), row.meets ? "yes" : "no",
                                   row.end_date.to_string()};
    for (const double v : row.values) cells.push_back(analysis::readable(v));
    rows.push_back(std::move(cells));
  }
  out += io::render_columns(rows, right, "", width, 2) + "\n";
  out += r.earliest ? "Earliest D-day that meets the criteria: " + r.earliest->to_string() + "\n"
                    : std::string("No D-day in the window meets the criteria.\n");
  return out + summary(r);
}

}  // namespace

std::string format_timing(const TimingReport& r, TimingFormat format, int width) {
  if (format == TimingFormat::kTable) return timing_table(r, width);
  if (format == TimingFormat::kCsv) {
    std::vector<std::string> head{"d_day", "meets", "end_date"};
    head.insert(head.end(), r.outcomes.begin(), r.outcomes.end());
    std::string out = io::csv_row(head);
    for (const TimingRow& row : r.rows) {
      std::vector<std::string> cells{row.d_day.to_string(), row.meets ? "1" : "0",
                                     row.end_date.to_string()};
      for (const double v : row.values) cells.push_back(util::format_double(v));
      out += io::csv_row(cells);
    }
    return out;
  }
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario_name;
  j["criteria"] = r.criteria;
  j["criteria_origin"] = r.criteria_origin;
  j["step_days"] = r.step_days;
  j["earliest"] = r.earliest ? nlohmann::ordered_json(r.earliest->to_string())
                             : nlohmann::ordered_json(nullptr);
  j["rows"] = nlohmann::ordered_json::array();
  for (const TimingRow& row : r.rows) {
    nlohmann::ordered_json jr;
    jr["d_day"] = row.d_day.to_string();
    jr["meets"] = row.meets;
    jr["end_date"] = row.end_date.to_string();
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) jr[r.outcomes[i]] = row.values[i];
    j["rows"].push_back(std::move(jr));
  }
  return j.dump(2) + "\n";
}

}  // namespace sandtable
