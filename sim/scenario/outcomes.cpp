// The one declaration of the outcomes a run reports: name, unit, meaning and
// how to read the value from Results. outcome_values, outcome_names, the
// collision check of scenario names and the outcome table of docs/model.md
// are all walks over this table. It belongs to the scenario area: a
// scenario's criteria and observed values are written in these names and the
// loader checks them; the model only fills the values in.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sandtable/results.hpp"

namespace sandtable {

namespace {

enum class Scope { kCampaign, kAffiliation, kSector, kElement };

struct OutcomeSpec {
  Scope scope;
  const char* name;  // the whole name, or the suffix after "<element>_" etc.
  const char* unit;
  const char* meaning;
  double (*campaign)(const Results&) = nullptr;
  double (*element)(const ElementResult&) = nullptr;
  double (*sector)(const SectorResult&) = nullptr;
};

double flag(bool b) { return b ? 1.0 : 0.0; }

double coalition_casualties(const Results& r) {
  double total = 0.0;
  for (const ElementResult& e : r.elements) {
    if (e.side == Side::kCoalition) total += e.casualties;
  }
  return total;
}

double lowest_margin(const Results& r) {
  return std::min({r.margins.attacker_break, r.margins.defender_break, r.margins.culmination});
}

OutcomeSpec campaign(const char* name, const char* unit, const char* meaning,
                     double (*get)(const Results&)) {
  return {Scope::kCampaign, name, unit, meaning, get, nullptr, nullptr};
}

const std::vector<OutcomeSpec>& specs() {
  static const std::vector<OutcomeSpec> all = {
      campaign("success", "0/1", "1 if the offensive took the city (or destroyed the defenders)",
               [](const Results& r) { return flag(r.outcome == Outcome::kSuccess); }),
      campaign("failure", "0/1", "1 if the attack broke or culminated",
               [](const Results& r) { return flag(r.outcome == Outcome::kFailure); }),
      campaign("stalemate", "0/1", "1 if the advance stalled",
               [](const Results& r) { return flag(r.outcome == Outcome::kStalemate); }),
      campaign("unresolved", "0/1", "1 if the offensive was still on at the horizon",
               [](const Results& r) { return flag(r.outcome == Outcome::kUnresolved); }),
      campaign("end_day", "day",
               "day index (1 = calendar.start) the offensive ended, or the last day",
               [](const Results& r) { return static_cast<double>(r.end_day); }),
      campaign("days_from_d_day", "days", "days from D-day to end_day",
               [](const Results& r) { return static_cast<double>(r.days_from_d_day); }),
      campaign("duration_days", "days", "days of the offensive, D-day and end_day included",
               [](const Results& r) { return static_cast<double>(r.duration_days()); }),
      campaign("cleared_fraction", "fraction", "share of the city's area taken when it ended",
               [](const Results& r) { return r.cleared; }),
      campaign("attacker_casualties", "persons",
               "ground losses (killed and wounded) of the attacking side from D-day",
               [](const Results& r) { return r.attacker_casualties; }),
      campaign("defender_casualties", "persons", "ground losses of the defending side from D-day",
               [](const Results& r) { return r.defender_casualties; }),
      campaign("coalition_casualties", "persons", "casualties of every coalition element",
               coalition_casualties),
      campaign("is_losses", "persons", "adversary losses, every cause, over the run",
               [](const Results& r) { return r.adversary_losses; }),
      campaign("is_strength_d_day", "persons", "adversary strength on D-day",
               [](const Results& r) { return r.adversary_d_day; }),
      campaign("is_strength_peak", "persons", "highest adversary strength",
               [](const Results& r) { return r.adversary_peak; }),
      campaign("is_strength_end_of_offensive", "persons", "adversary strength when it ended",
               [](const Results& r) { return r.adversary_end_of_offensive; }),
      campaign("is_strength_end", "persons",
               "adversary strength at the horizon (0 after a coalition success)",
               [](const Results& r) { return r.adversary_end; }),
      campaign("is_gain_from_failure", "persons",
               "adversary strength gained from a failed or stalled coalition offensive",
               [](const Results& r) { return r.adversary_gain_from_failure; }),
      campaign("fortification_d_day", "fraction", "the city's fortification on D-day",
               [](const Results& r) { return r.fortification_d_day; }),
      {Scope::kAffiliation, "share", "fraction",
       "share of adversary losses the affiliation's elements inflicted, D-day to the end"},
      campaign("peak_us_personnel", "persons", "highest US adviser personnel",
               [](const Results& r) { return r.peak_us_personnel; }),
      campaign("us_casualties", "persons", "expected US casualties",
               [](const Results& r) { return r.us_casualties; }),
      campaign("sorties_flown", "sorties", "air sorties over the theatre",
               [](const Results& r) { return r.sorties_flown; }),
      campaign("aircraft_lost", "aircraft", "expected aircraft lost",
               [](const Results& r) { return r.aircraft_lost; }),
      campaign("pilots_captured", "persons", "expected pilots captured",
               [](const Results& r) { return r.pilots_captured; }),
      campaign("pilot_capture_risk", "probability", "chance of at least one pilot captured",
               [](const Results& r) { return r.pilot_capture_risk; }),
      campaign("aid_delivered_usd", "USD", "equipment aid delivered",
               [](const Results& r) { return r.aid_delivered_usd; }),
      campaign("aid_diverted_usd", "USD", "equipment aid diverted to militias",
               [](const Results& r) { return r.aid_diverted_usd; }),
      campaign("civilians_displaced", "persons", "civilians who left the city",
               [](const Results& r) { return r.civilians_displaced; }),
      campaign("peak_force_ratio", "ratio",
               "highest force ratio at the front on a day some defender was engaged",
               [](const Results& r) { return r.peak_force_ratio; }),
      campaign("margin_attacker_break", "relative",
               "closest an attacking element came to a breakpoint (negative: one broke)",
               [](const Results& r) { return r.margins.attacker_break; }),
      campaign("margin_defender_break", "relative",
               "closest the defenders came to their breakpoint (negative: they broke)",
               [](const Results& r) { return r.margins.defender_break; }),
      campaign("margin_culmination", "relative",
               "lowest front force ratio relative to the culmination ratio, minus 1",
               [](const Results& r) { return r.margins.culmination; }),
      campaign("margin", "relative", "the smallest of the three margins", lowest_margin),
      {Scope::kSector, "cleared_fraction", "fraction", "share of the sector taken", nullptr,
       nullptr, [](const SectorResult& s) { return s.cleared; }},
      {Scope::kSector, "cleared_day", "day", "day index the sector was cleared (0: never)", nullptr,
       nullptr, [](const SectorResult& s) { return static_cast<double>(s.cleared_day); }},
      {Scope::kElement, "casualties", "persons", "the element's casualties", nullptr,
       [](const ElementResult& e) { return e.casualties; }},
      {Scope::kElement, "strength", "persons", "the element's strength at the horizon", nullptr,
       [](const ElementResult& e) { return e.strength_end; }},
      {Scope::kElement, "readiness_d_day", "fraction", "the element's readiness on D-day", nullptr,
       [](const ElementResult& e) { return e.readiness_d_day; }},
      {Scope::kElement, "broke", "0/1", "1 if the element broke", nullptr,
       [](const ElementResult& e) { return flag(e.broke); }},
  };
  return all;
}

// One outcome of a walk: its declaration, and what its name and owner are
// made of, so that a walk that needs only values builds no string.
struct Item {
  const OutcomeSpec* spec;
  const std::string* prefix;      // the affiliation, sector or element; null for campaign ones
  const char* owner_base;         // the key path before the prefix ("" for campaign outcomes)
  const std::string* owner_full;  // an affiliation's owner, given whole (null otherwise)

  [[nodiscard]] std::string name() const {
    return prefix != nullptr ? *prefix + "_" + spec->name : std::string(spec->name);
  }
  // The scenario key whose name made the outcome ("" for built-in names).
  [[nodiscard]] std::string owner() const {
    if (owner_full != nullptr) return *owner_full;
    return prefix != nullptr ? owner_base + *prefix : std::string();
  }
};

// Calls f(item, value) for every outcome of `r`, in the fixed order.
template <class F>
void walk(const Results& r, const std::vector<std::string>& affiliation_owners, F&& f) {
  static const std::string no_owner;
  for (const OutcomeSpec& spec : specs()) {
    switch (spec.scope) {
      case Scope::kCampaign:
        f(Item{&spec, nullptr, "", nullptr}, spec.campaign(r));
        break;
      case Scope::kAffiliation:
        for (std::size_t k = 0; k < r.fighting_share.size(); ++k) {
          const auto& [name, share] = r.fighting_share[k];
          const std::string* owner =
              k < affiliation_owners.size() ? &affiliation_owners[k] : &no_owner;
          f(Item{&spec, &name, "", owner}, share);
        }
        break;
      case Scope::kSector:
        for (const SectorResult& s : r.sectors) {
          f(Item{&spec, &s.name, "environment.city.sectors.", nullptr}, spec.sector(s));
        }
        break;
      case Scope::kElement:
        for (const ElementResult& e : r.elements) {
          f(Item{&spec, &e.name, "forces.", nullptr}, spec.element(e));
        }
        break;
    }
  }
}

// Results with the names a scenario's outcomes would have, values zero.
Results named_results(const Scenario& scenario, std::vector<std::string>& affiliation_owners) {
  Results r;
  for (const char* a : kBuiltinAffiliations) {
    r.fighting_share.emplace_back(a, 0.0);
    affiliation_owners.emplace_back();
  }
  for (const Affiliation& a : scenario.affiliations) {
    // A declared built-in is an error of its own (check_scenario).
    if (std::find(std::begin(kBuiltinAffiliations), std::end(kBuiltinAffiliations), a.name) !=
        std::end(kBuiltinAffiliations)) {
      continue;
    }
    r.fighting_share.emplace_back(a.name, 0.0);
    affiliation_owners.push_back("affiliations." + a.name);
  }
  if (scenario.environment.city) {
    for (const Sector& s : scenario.environment.city->sectors) {
      SectorResult sr;
      sr.name = s.name;
      r.sectors.push_back(sr);
    }
  }
  for (const ForceElement& f : scenario.forces) {
    ElementResult e;
    e.name = f.name;
    r.elements.push_back(e);
  }
  return r;
}

}  // namespace

int Results::duration_days() const {
  const int d_day_index = (d_day - start) + 1;
  return end_day >= d_day_index ? end_day - d_day_index + 1 : 0;
}

std::vector<std::pair<std::string, double>> outcome_values(const Results& r) {
  std::vector<std::pair<std::string, double>> v;
  walk(r, {}, [&](const Item& item, double value) { v.emplace_back(item.name(), value); });
  return v;
}

std::size_t outcome_values(const Results& r, double* out, std::size_t capacity) {
  std::size_t n = 0;
  walk(r, {}, [&](const Item&, double value) {
    if (n < capacity) out[n] = value;
    ++n;
  });
  return n;
}

std::vector<std::string> outcome_names(const Scenario& scenario) {
  std::vector<std::string> owners;
  const Results r = named_results(scenario, owners);
  std::vector<std::string> names;
  walk(r, owners, [&](const Item& item, double) { names.push_back(item.name()); });
  return names;
}

std::vector<std::pair<std::string, std::string>> outcome_units(const Scenario& scenario) {
  std::vector<std::string> owners;
  const Results r = named_results(scenario, owners);
  std::vector<std::pair<std::string, std::string>> units;
  walk(r, owners,
       [&](const Item& item, double) { units.emplace_back(item.name(), item.spec->unit); });
  return units;
}

std::vector<OutcomeCollision> outcome_collisions(const Scenario& scenario) {
  std::vector<std::string> owners;
  const Results r = named_results(scenario, owners);
  std::vector<std::pair<std::string, std::string>> named;  // name, owner
  walk(r, owners, [&](const Item& item, double) { named.emplace_back(item.name(), item.owner()); });
  std::vector<OutcomeCollision> out;
  std::unordered_map<std::string, std::size_t> first;  // name -> index of its first use
  for (std::size_t i = 0; i < named.size(); ++i) {
    const auto [it, fresh] = first.emplace(named[i].first, i);
    if (fresh) continue;
    const std::size_t j = it->second;
    // Report at the user's name (the later one if both are users').
    const bool later_is_user = !named[i].second.empty();
    OutcomeCollision c;
    c.name = named[i].first;
    c.key = later_is_user ? named[i].second : named[j].second;
    c.other = later_is_user ? named[j].second : named[i].second;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> near_switch_warnings(const Results& r, double tolerance) {
  std::vector<std::string> out;
  const auto percent = [](double x) {
    const double p = std::round(x * 1000.0) / 10.0;
    std::string s = std::to_string(p);
    s.erase(s.find('.') + 2);
    return s + "%";
  };
  const auto who = [](const std::string& element, const char* side) {
    return element.empty() ? std::string(side) : element;
  };
  const Margins& m = r.margins;
  if (std::fabs(m.attacker_break) < tolerance) {
    out.push_back(who(m.attacker_element, "the attacking adversary") +
                  (m.attacker_break >= 0.0
                       ? " came within " + percent(m.attacker_break) + " of its breakpoint"
                       : " broke by " + percent(-m.attacker_break)) +
                  ": a small change in the inputs can change the outcome");
  }
  if (std::fabs(m.defender_break) < tolerance) {
    out.push_back(who(m.defender_element, "the defenders") +
                  (m.defender_break >= 0.0
                       ? " came within " + percent(m.defender_break) + " of breaking"
                       : " broke by " + percent(-m.defender_break)) +
                  ": a small change in the inputs can change the outcome");
  }
  if (std::fabs(m.culmination) < tolerance) {
    out.push_back("the force ratio at the front came within " + percent(std::fabs(m.culmination)) +
                  " of the culmination ratio: a small change in the inputs can change the "
                  "outcome");
  }
  return out;
}

std::vector<std::string> daily_series_names(const Scenario& scenario) {
  std::vector<std::string> names = {"cleared_fraction", "adversary_fighters"};
  for (const ForceElement& f : scenario.forces) {
    names.push_back(f.name + "_strength");
    names.push_back(f.name + "_casualties");
  }
  return names;
}

std::vector<double> daily_series(const Results& r, const std::string& name) {
  std::vector<double> v;
  const std::size_t days = r.daily_campaign.size();
  if (name == "cleared_fraction" || name == "adversary_fighters") {
    for (const DailyCampaign& c : r.daily_campaign) {
      v.push_back(name == "cleared_fraction" ? c.cleared : c.adversary_fighters);
    }
    return v;
  }
  const std::size_t n = r.elements.size();
  if (n == 0 || r.daily_elements.size() != days * n) return v;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& e = r.elements[i].name;
    const bool strength = name == e + "_strength";
    if (!strength && name != e + "_casualties") continue;
    for (std::size_t d = 0; d < days; ++d) {
      const DailyElement& de = r.daily_elements[d * n + i];
      v.push_back(strength ? de.personnel : de.casualties);
    }
    return v;
  }
  return v;
}

std::string outcome_reference_markdown() {
  std::string md = "| outcome | unit | meaning |\n|---|---|---|\n";
  for (const OutcomeSpec& spec : specs()) {
    std::string name;
    switch (spec.scope) {
      case Scope::kCampaign:
        name = spec.name;
        break;
      case Scope::kAffiliation:
        name = std::string("<affiliation>_") + spec.name;
        break;
      case Scope::kSector:
        name = std::string("<sector>_") + spec.name;
        break;
      case Scope::kElement:
        name = std::string("<element>_") + spec.name;
        break;
    }
    md += "| `" + name + "` | " + spec.unit + " | " + spec.meaning + " |\n";
  }
  return md;
}

}  // namespace sandtable
