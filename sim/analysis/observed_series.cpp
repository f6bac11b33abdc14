// Observed daily series (`observed.series`): read from their CSV files and
// scored against the run's daily series, day by day.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "sandtable/date.hpp"
#include "sandtable/validate.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char ch : line) {
    if (ch == ',') {
      cells.push_back(cell);
      cell.clear();
    } else if (ch != '\r') {
      cell.push_back(ch);
    }
  }
  cells.push_back(cell);
  for (std::string& c : cells) {
    while (!c.empty() && (c.front() == ' ' || c.front() == '"')) c.erase(c.begin());
    while (!c.empty() && (c.back() == ' ' || c.back() == '"')) c.pop_back();
  }
  return cells;
}

// 1-based column of cell i of a line.
int column_of(const std::string& line, std::size_t cell) {
  int col = 1;
  std::size_t seen = 0;
  for (char ch : line) {
    if (seen == cell) break;
    ++col;
    if (ch == ',') ++seen;
  }
  return col;
}

bool read_one(const LoadedScenario& c, const ObservedSeries& s, SeriesData& out,
              Diagnostics& errors) {
  const std::string key = "observed.series." + s.name;
  const auto at = c.provenance.find(key + ".file");
  const SourceLocation key_where =
      at != c.provenance.end() ? at->second : SourceLocation{c.source_path, 0, 0};
  const std::vector<std::string> names = daily_series_names(c.scenario);
  if (std::find(names.begin(), names.end(), s.name) == names.end()) {
    errors.add(key_where, key, "'" + s.name + "' is not a daily series of this scenario",
               util::suggestion(s.name, names));
    return false;
  }
  const std::filesystem::path dir = std::filesystem::path(key_where.file).parent_path();
  const std::string path = (dir / s.file).lexically_normal().string();
  std::string error;
  const auto text = util::read_text_file(path, "observed series", error);
  if (!text) {
    errors.add(key_where, key + ".file", "cannot read '" + path + "': " + error,
               util::similar_file_hint(path));
    return false;
  }
  std::vector<std::string> lines;
  {
    std::string line;
    for (char ch : *text) {
      if (ch == '\n') {
        lines.push_back(line);
        line.clear();
      } else {
        line.push_back(ch);
      }
    }
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) {
    errors.add(SourceLocation{path, 1, 1}, key, "the file is empty; expected a header line");
    return false;
  }
  const std::vector<std::string> header = split_csv_line(lines[0]);
  const auto find = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::size_t day_col = find(s.day_column);
  const bool by_date = day_col == header.size() && find("date") < header.size();
  if (by_date) day_col = find("date");
  const std::size_t value_col = find(s.column);
  for (const auto& [col, what] :
       {std::pair{day_col, s.day_column}, std::pair{value_col, s.column}}) {
    if (col == header.size()) {
      errors.add(SourceLocation{path, 1, 1}, key,
                 "no column '" + what + "' in the header (" + util::join(header, ", ") + ")",
                 util::suggestion(what, header));
      return false;
    }
  }
  out.name = s.name;
  out.grade = s.grade;
  const int horizon = c.scenario.calendar.horizon_days;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].find_first_not_of(" \r") == std::string::npos) continue;
    const std::vector<std::string> cells = split_csv_line(lines[i]);
    const int line = static_cast<int>(i) + 1;
    if (cells.size() <= std::max(day_col, value_col)) {
      errors.add(SourceLocation{path, line, 1}, key,
                 "expected " + std::to_string(header.size()) + " cells, found " +
                     std::to_string(cells.size()));
      return false;
    }
    int day = 0;
    const SourceLocation day_where{path, line, column_of(lines[i], day_col)};
    if (by_date) {
      const auto d = Date::parse(cells[day_col]);
      if (!d) {
        errors.add(day_where, key, "expected a date YYYY-MM-DD, found '" + cells[day_col] + "'");
        return false;
      }
      day = (*d - c.scenario.calendar.start) + 1;
    } else {
      const auto d = util::parse_integer(cells[day_col]);
      if (!d) {
        errors.add(day_where, key, "expected a whole day number, found '" + cells[day_col] + "'");
        return false;
      }
      day = static_cast<int>(std::clamp<long long>(*d, -1, horizon + 1));
    }
    if (day < 1 || day > horizon) {
      errors.add(day_where, key,
                 "day " + cells[day_col] + " is outside the run (days 1 to " +
                     std::to_string(horizon) + " from " + c.scenario.calendar.start.to_string() +
                     ")");
      return false;
    }
    if (!out.days.empty() && day <= out.days.back()) {
      errors.add(day_where, key,
                 day == out.days.back()
                     ? "day " + std::to_string(day) + " is given twice"
                     : "days must increase; day " + std::to_string(day) + " comes after day " +
                           std::to_string(out.days.back()));
      return false;
    }
    if (!out.days.empty() && day != out.days.back() + 1) {
      errors.add(day_where, key,
                 "day " + std::to_string(out.days.back() + 1) +
                     " is missing (the series jumps from day " + std::to_string(out.days.back()) +
                     " to day " + std::to_string(day) + ")",
                 "give every day between the first and the last: a series has no gaps");
      return false;
    }
    const auto v = util::parse_double(cells[value_col]);
    if (!v || !std::isfinite(*v) || *v < 0.0) {
      errors.add(
          SourceLocation{path, line, column_of(lines[i], value_col)}, key,
          "expected a number >= 0 in column '" + s.column + "', found '" + cells[value_col] + "'");
      return false;
    }
    out.days.push_back(day);
    out.values.push_back(*v);
  }
  if (out.days.empty()) {
    errors.add(SourceLocation{path, 1, 1}, key, "the series has no rows");
    return false;
  }
  return true;
}

}  // namespace

bool read_observed_series(const LoadedScenario& c, std::vector<SeriesData>& out,
                          Diagnostics& errors) {
  out.clear();
  if (!c.scenario.observed) return true;
  bool ok = true;
  for (const ObservedSeries& s : c.scenario.observed->series) {
    SeriesData d;
    if (read_one(c, s, d, errors)) {
      out.push_back(std::move(d));
    } else {
      ok = false;
    }
  }
  return ok;
}

SeriesScore score_series(const SeriesData& observed, const Results& results) {
  SeriesScore s;
  s.name = observed.name;
  s.grade = observed.grade;
  const std::vector<double> predicted = daily_series(results, observed.name);
  double sum = 0.0;
  for (std::size_t i = 0; i < observed.days.size(); ++i) {
    const auto d = static_cast<std::size_t>(observed.days[i] - 1);
    const double p = d < predicted.size() ? predicted[d] : 0.0;
    // Counts: log((predicted + 1) / (observed + 1)), defined at zero.
    const double e = std::log((p + 1.0) / (observed.values[i] + 1.0));
    s.log_errors.push_back(e);
    sum += e * e;
    if (std::fabs(e) > std::fabs(s.worst_log_error) || i == 0) {
      s.worst_log_error = e;
      s.worst_day = observed.days[i];
    }
  }
  s.days = static_cast<int>(observed.days.size());
  s.rms_log_error = s.days > 0 ? std::sqrt(sum / s.days) : 0.0;
  return s;
}

}  // namespace sandtable
