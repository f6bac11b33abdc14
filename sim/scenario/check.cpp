// Cross-field checks of a typed scenario: the rules a single key's type and
// range cannot express.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "sandtable/criteria.hpp"
#include "sandtable/limits.hpp"
#include "sandtable/load.hpp"
#include "sandtable/results.hpp"
#include "scenario/normalize.hpp"
#include "util/assert.hpp"
#include "util/text.hpp"

namespace sandtable {

const MonthWeather& Weather::month(int m) const {
  const MonthWeather* months[] = {&jan, &feb, &mar, &apr, &may, &jun,
                                  &jul, &aug, &sep, &oct, &nov, &dec};
  SANDTABLE_ASSERT(m >= 1 && m <= 12, "a month is 1 to 12");
  return *months[m - 1];
}

const char* to_string(Side side) { return side == Side::kCoalition ? "coalition" : "adversary"; }

const char* to_string(Role role) {
  switch (role) {
    case Role::kAssault:
      return "assault";
    case Role::kContainment:
      return "containment";
    case Role::kReserve:
      return "reserve";
    case Role::kAir:
      return "air";
    case Role::kAdvisers:
      return "advisers";
  }
  return "?";
}

const char* to_string(CombatLaw law) {
  switch (law) {
    case CombatLaw::kSquare:
      return "square";
    case CombatLaw::kLinear:
      return "linear";
    case CombatLaw::kLogarithmic:
      return "logarithmic";
    case CombatLaw::kMixed:
      return "mixed";
    case CombatLaw::kUrban:
      return "urban";
  }
  return "?";
}

const char* to_string(Holder holder) {
  return holder == Holder::kAdversary ? "adversary" : "coalition";
}

const ForceElement* Scenario::find_force(const std::string& key) const {
  for (const ForceElement& f : forces) {
    if (f.name == key) return &f;
  }
  return nullptr;
}

namespace detail {

void apply_defaults(Scenario& s) {
  const Date start = s.calendar.start;
  for (ForceElement& f : s.forces) {
    if (!f.arrival) f.arrival = start;
    if (f.training && !f.training->start) f.training->start = start;
  }
  for (LineOfEffort& l : s.lines_of_effort) {
    if (!l.start) l.start = start;
  }
}

}  // namespace detail

namespace {

void check_force(const Scenario& s, const ForceElement& f, const std::vector<std::string>& affs,
                 Diagnostics& d) {
  const std::string p = "forces." + f.name;
  if (std::find(affs.begin(), affs.end(), f.affiliation) == affs.end()) {
    d.add({}, p + ".affiliation", "unknown affiliation '" + f.affiliation + "'",
          util::suggestion(f.affiliation, affs) + " (or declare it under 'affiliations')");
  }
  const bool air_role = f.role == Role::kAir;
  if (air_role && !f.air) d.add({}, p + ".air", "an element with role 'air' needs an 'air' block");
  if (!air_role && f.air) {
    d.add({}, p + ".air",
          "only elements with role 'air' take an 'air' block, this one has role '" +
              std::string(to_string(f.role)) + "'");
  }
  const bool adv_role = f.role == Role::kAdvisers;
  if (adv_role && !f.advising) {
    d.add({}, p + ".advising", "an element with role 'advisers' needs an 'advising' block");
  }
  if (!adv_role && f.advising) {
    d.add({}, p + ".advising",
          "only elements with role 'advisers' take an 'advising' block, this one has role '" +
              std::string(to_string(f.role)) + "'");
  }
  if (f.side == Side::kAdversary) {
    if (f.role != Role::kAssault) {
      d.add({}, p + ".role",
            "adversary-side elements defend the city with the garrison; "
            "expected role 'assault', found '" +
                std::string(to_string(f.role)) + "'");
    }
    if (f.training || f.mobilization || f.integration || f.aid_share > 0 ||
        f.receives_diverted_aid) {
      d.add({}, p + ".side",
            "adversary-side elements take no training, mobilization, "
            "integration or aid");
    }
  }
  if (f.training && f.training->trainees > f.personnel) {
    d.add({}, p + ".training.trainees",
          "expected at most the element's personnel (" + util::format_double(f.personnel) +
              "), found " + util::format_double(f.training->trainees));
  }
  if (f.mobilization && f.mobilization->max_personnel < f.personnel) {
    d.add({}, p + ".mobilization.max_personnel",
          "expected at least the element's personnel (" + util::format_double(f.personnel) +
              "), found " + util::format_double(f.mobilization->max_personnel));
  }
  if (f.cohesion.initial <= f.cohesion.breakpoint && f.cohesion.stress_sensitivity > 0) {
    d.add({}, p + ".cohesion.initial",
          "expected initial cohesion above the breakpoint (" +
              util::format_double(f.cohesion.breakpoint) + "), found " +
              util::format_double(f.cohesion.initial),
          "the element would be broken from the start");
  }
  Date previous = *f.arrival;
  for (std::size_t i = 0; i < f.reinforcements.size(); ++i) {
    const Reinforcement& r = f.reinforcements[i];
    const std::string rp = p + ".reinforcements." + std::to_string(i) + ".date";
    if (r.date < previous) {
      d.add({}, rp,
            "expected a date on or after " + previous.to_string() +
                (i == 0 ? " (the arrival date)" : " (the previous reinforcement)") + ", found " +
                r.date.to_string());
    }
    previous = r.date;
  }
  if (s.environment.city && f.side == Side::kCoalition && f.role == Role::kAssault &&
      !f.may_enter_city) {
    d.add({}, p + ".may_enter_city",
          "an assault element must be allowed to enter the city; use role 'containment' for "
          "an element that may not");
  }
}

double rounded(double x) { return std::round(x * 1e9) / 1e9; }

void check_city(const Scenario& s, Diagnostics& d) {
  if (!s.environment.city) return;
  const City& city = *s.environment.city;
  if (!city.sectors.empty()) {
    double area = 0.0;
    double population = 0.0;
    double shares = 0.0;
    for (const Sector& sec : city.sectors) {
      area += sec.area_km2;
      population += sec.population;
      shares += sec.defender_share;
    }
    if (city.area_km2 > 0.0 && std::fabs(area - city.area_km2) > 0.005 * city.area_km2) {
      d.add({}, "environment.city.area_km2",
            "expected the sum of the sectors' areas, " + util::format_double(rounded(area)) +
                ", found " + util::format_double(city.area_km2),
            "set area_km2 to the sum, or correct the sectors' areas");
    }
    if (population > 0.0 && city.population > 0.0 &&
        std::fabs(population - city.population) > 0.005 * city.population) {
      d.add({}, "environment.city.population",
            "expected the sum of the sectors' populations, " +
                util::format_double(rounded(population)) + ", found " +
                util::format_double(city.population));
    }
    if (std::fabs(shares - 1.0) > 1e-6) {
      d.add({}, "environment.city.sectors",
            "the sectors' defender_share values add up to " + util::format_double(rounded(shares)) +
                ", expected 1");
    }
  }
  if (city.sectors.empty() && city.area_km2 <= 0.0) {
    d.add({}, "environment.city.area_km2", "a city without sectors needs its built-up area",
          "set environment.city.area_km2 (km2), or declare its sectors");
  }
  if (city.held_by == Holder::kCoalition) {
    bool defended = false;
    for (const ForceElement& f : s.forces) {
      defended =
          defended ||
          (f.side == Side::kCoalition && f.may_enter_city &&
           (f.role == Role::kAssault || f.role == Role::kReserve || f.role == Role::kContainment));
    }
    if (!defended) {
      d.add({}, "environment.city.held_by",
            "a city the coalition holds needs at least one coalition ground element that may "
            "enter it to defend it");
    }
  }
}

void check_observed(const Scenario& s, Diagnostics& d) {
  if (!s.observed) return;
  const std::vector<std::string> outcomes = outcome_names(s);
  for (const ObservedValue& v : s.observed->values) {
    const std::string p = "observed.values." + v.name;
    if (std::find(outcomes.begin(), outcomes.end(), v.name) == outcomes.end()) {
      d.add({}, p, "'" + v.name + "' names no outcome of this scenario",
            util::suggestion(v.name, outcomes));
    }
    if (v.high < v.low) {
      d.add({}, p + ".high",
            "expected at least low (" + util::format_double(v.low) + "), found " +
                util::format_double(v.high));
    }
  }
  const std::vector<std::string> series = daily_series_names(s);
  for (const ObservedSeries& v : s.observed->series) {
    if (std::find(series.begin(), series.end(), v.name) == series.end()) {
      d.add({}, "observed.series." + v.name, "'" + v.name + "' names no daily series",
            util::suggestion(v.name, series));
    }
  }
}

void check_outcome_names(const Scenario& s, Diagnostics& d) {
  for (const OutcomeCollision& c : outcome_collisions(s)) {
    const std::string with =
        c.other.empty() ? "the outcome of that name" : "the outcome of '" + c.other + "'";
    d.add({}, c.key, "this name makes the outcome '" + c.name + "', which collides with " + with,
          "rename it so that every outcome name is unique");
  }
}

}  // namespace

Diagnostics check_scenario(const Scenario& s) {
  Diagnostics d;
  const Calendar& c = s.calendar;
  if (c.horizon_days >= 1 && (c.d_day < c.start || c.d_day > s.last_day())) {
    d.add({}, "calendar.d_day",
          "expected a day inside the horizon, " + c.start.to_string() + " to " +
              s.last_day().to_string() + ", found " + c.d_day.to_string(),
          c.d_day > s.last_day() ? "lengthen calendar.horizon_days or move D-day earlier" : "");
  }
  std::vector<std::string> affs(std::begin(kBuiltinAffiliations), std::end(kBuiltinAffiliations));
  for (const Affiliation& a : s.affiliations) {
    if (std::find(affs.begin(), affs.end(), a.name) != affs.end()) {
      d.add({}, "affiliations." + a.name, "'" + a.name + "' is a built-in affiliation already");
    } else {
      affs.push_back(a.name);
    }
  }
  std::sort(affs.begin(), affs.end());
  bool has_ground = false;
  bool has_assault = false;
  double aid_shares = 0.0;
  for (const ForceElement& f : s.forces) {
    check_force(s, f, affs, d);
    if (f.side == Side::kCoalition) {
      const bool ground =
          f.role == Role::kAssault || f.role == Role::kReserve || f.role == Role::kContainment;
      has_ground = has_ground || ground;
      has_assault = has_assault || f.role == Role::kAssault || f.role == Role::kReserve;
      aid_shares += f.aid_share;
    }
  }
  if (s.forces.size() > limits().elements) {
    d.add({}, "forces",
          "the scenario has " + std::to_string(s.forces.size()) + " force elements, more than " +
              std::to_string(limits().elements),
          limit_hint("elements"));
  }
  const std::uint64_t element_days =
      static_cast<std::uint64_t>(std::max(0, c.horizon_days)) * s.forces.size();
  if (element_days > limits().element_days) {
    d.add({}, "calendar.horizon_days",
          std::to_string(c.horizon_days) + " days of " + std::to_string(s.forces.size()) +
              " force elements make " + std::to_string(element_days) + " element-days, more than " +
              std::to_string(limits().element_days),
          "shorten the horizon or " + limit_hint("element_days"));
  }
  if (s.forces.empty()) {
    d.add({}, "forces", "expected at least one force element");
  } else if (!has_ground) {
    d.add({}, "forces",
          "expected at least one coalition element with role assault, reserve or "
          "containment");
  } else if (!has_assault &&
             !(s.environment.city && s.environment.city->held_by == Holder::kCoalition)) {
    d.add({}, "forces", "expected at least one coalition element with role assault or reserve");
  }
  check_city(s, d);
  check_outcome_names(s, d);
  check_observed(s, d);
  if (aid_shares > 1.0 + 1e-9) {
    // Rounded for the message: 0.7 + 0.6 is 1.2999999999999998 in binary.
    d.add({}, "forces",
          "the aid_share values of coalition elements add up to " +
              util::format_double(std::round(aid_shares * 1e9) / 1e9) + ", expected at most 1");
  }
  Diagnostic criteria_error;
  if (!Criteria::parse(s.analysis.criteria, outcome_names(s), criteria_error,
                       "analysis.criteria")) {
    d.add(
        {}, "analysis.criteria",
        criteria_error.message + " (at column " + std::to_string(criteria_error.where.column) + ")",
        criteria_error.hint);
  }
  if (s.equipment_aid && s.equipment_aid->deliveries_end < s.equipment_aid->deliveries_start) {
    d.add({}, "equipment_aid.deliveries_end",
          "expected a date on or after deliveries_start (" +
              s.equipment_aid->deliveries_start.to_string() + "), found " +
              s.equipment_aid->deliveries_end.to_string());
  }
  return d;
}

}  // namespace sandtable
