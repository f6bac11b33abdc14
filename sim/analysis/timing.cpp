// `sandtable timing`: D-day variants branched from one shared history.
#include "sandtable/timing.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "sandtable/criteria.hpp"
#include "sandtable/load.hpp"
#include "util/text.hpp"

namespace sandtable {

std::vector<Results> run_d_day_variants(const Scenario& scenario, const std::vector<Date>& d_days,
                                        const RunOptions& options) {
  std::vector<Results> out(d_days.size());
  if (d_days.empty()) return out;
  std::vector<std::size_t> order(d_days.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return d_days[a] < d_days[b]; });
  // The shared run has the latest D-day, so it never starts the offensive
  // before the last branch leaves it.
  Scenario shared_scenario = scenario;
  shared_scenario.calendar.d_day = d_days[order.back()];
  Simulation shared(shared_scenario, options);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Date d_day = d_days[order[k]];
    while (!shared.done() && shared.next_date() < d_day) shared.step();
    Simulation branch(shared);  // a snapshot: the shared run goes on unchanged
    if (branch.set_d_day(d_day)) {
      branch.run_to_end();
      out[order[k]] = branch.results();
    } else {  // outside the horizon (a broken precondition): never a wrong answer
      Scenario variant = scenario;
      variant.calendar.d_day = d_day;
      out[order[k]] = run(variant, options);
    }
  }
  return out;
}

std::vector<Date> date_window(Date from, Date to, int step_days) {
  std::vector<Date> dates;
  for (Date d = from; d <= to && step_days > 0; d = d + step_days) dates.push_back(d);
  return dates;
}

std::optional<int> parse_day_step(std::string_view text) {
  int unit = 1;
  if (!text.empty() && (text.back() == 'd' || text.back() == 'w')) {
    unit = text.back() == 'w' ? 7 : 1;
    text.remove_suffix(1);
  }
  const auto n = util::parse_integer(text);
  if (!n || *n <= 0 || *n > 100000) return std::nullopt;
  return static_cast<int>(*n) * unit;
}

namespace {

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool check_window(const Scenario& scenario, const TimingOptions& o, Diagnostics& errors) {
  if (o.to < o.from) {
    errors.add(
        {"--to", 0, 0}, "",
        "the window ends (" + o.to.to_string() + ") before it starts (" + o.from.to_string() + ")",
        "give --from before --to");
    return false;
  }
  if (o.step_days <= 0) {
    errors.add({"--step", 0, 0}, "", "expected a positive number of days", "for example 7d or 2w");
    return false;
  }
  for (const Date d : {o.from, o.to}) {
    if (d < scenario.calendar.start || d > scenario.last_day()) {
      errors.add({d == o.from ? "--from" : "--to", 0, 0}, "",
                 d.to_string() + " is outside the scenario's calendar (" +
                     scenario.calendar.start.to_string() + " to " +
                     scenario.last_day().to_string() + ")",
                 d > scenario.last_day() ? "lengthen calendar.horizon_days with --set" : "");
    }
  }
  if (!errors.empty()) return false;
  Scenario variant = scenario;
  for (const Date d : date_window(o.from, o.to, o.step_days)) {
    variant.calendar.d_day = d;
    const Diagnostics problems = check_scenario(variant);
    for (const Diagnostic& problem : problems.items()) {
      errors.add({}, problem.path, "with D-day " + d.to_string() + ": " + problem.message,
                 problem.hint);
    }
  }
  return errors.empty();
}

std::vector<std::string> shown_outcomes(const TimingOptions& o,
                                        const std::vector<std::string>& names,
                                        const Criteria& criteria, Diagnostics& errors) {
  std::vector<std::string> shown;
  for (const std::string& name : o.outcomes) {
    if (!has(names, name)) {
      errors.add({"--outcomes", 0, 0}, "", "unknown outcome '" + name + "'",
                 util::suggestion(name, names));
    }
    shown.push_back(name);
  }
  if (o.outcomes.empty()) {
    for (const char* name : kTimingOutcomes) {
      if (has(names, name)) shown.emplace_back(name);
    }
    for (const int i : criteria.used()) {
      if (!has(shown, names[static_cast<std::size_t>(i)]))
        shown.push_back(names[static_cast<std::size_t>(i)]);
    }
  }
  return shown;
}

}  // namespace

std::optional<TimingReport> timing_scan(const Scenario& scenario, const TimingOptions& options,
                                        Diagnostics& errors) {
  TimingReport report;
  report.scenario_name = scenario.name;
  report.step_days = options.step_days;
  report.criteria = options.criteria.empty() ? scenario.analysis.criteria : options.criteria;
  report.criteria_origin = options.criteria.empty() ? "analysis.criteria" : "--criteria";
  const std::vector<std::string> names = outcome_names(scenario);
  Diagnostic error;
  const auto criteria = Criteria::parse(report.criteria, names, error, report.criteria_origin);
  if (!criteria) errors.add(error);
  if (!check_window(scenario, options, errors) || !criteria) return std::nullopt;
  report.outcomes = shown_outcomes(options, names, *criteria, errors);
  if (!errors.empty()) return std::nullopt;

  const std::vector<Date> dates = date_window(options.from, options.to, options.step_days);
  const std::vector<Results> results = run_d_day_variants(scenario, dates, {false, false});
  for (std::size_t k = 0; k < dates.size(); ++k) {
    const auto values = outcome_values(results[k]);
    TimingRow row;
    row.d_day = dates[k];
    row.end_date = results[k].end_date;
    row.meets = criteria->holds(values);
    for (const std::string& name : report.outcomes) {
      const auto it = std::find_if(values.begin(), values.end(),
                                   [&](const auto& nv) { return nv.first == name; });
      row.values.push_back(it->second);
    }
    if (row.meets && !report.earliest) report.earliest = row.d_day;
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace sandtable
