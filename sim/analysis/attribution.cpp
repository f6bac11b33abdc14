// Shapley attribution of outcome differences to assumptions and to the
// state at D-day. docs/analysis.md describes both.
#include "analysis/attribution.hpp"

#include <algorithm>
#include <map>

#include "analysis/shapley.hpp"
#include "analysis/text_format.hpp"
#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/parameters.hpp"
#include "util/text.hpp"

namespace sandtable::analysis {

namespace {

constexpr RunOptions kQuiet{false, false};

// Fills `values` with the named outcomes of `results`; false if one is missing.
bool pick_outcomes(const Results& results, const std::vector<std::string>& names,
                   std::vector<double>& values, std::string& error) {
  const auto all = outcome_values(results);
  values.assign(names.size(), 0.0);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const auto& nv) { return nv.first == names[i]; });
    if (it == all.end()) {
      error = "outcome '" + names[i] + "' is missing in a mixed case";
      return false;
    }
    values[i] = it->second;
  }
  return true;
}

Attribution start(const std::string& kind, const Scenario& a, const Scenario& b,
                  const std::vector<std::string>& outcomes) {
  Attribution at;
  at.kind = kind;
  at.outcomes = outcomes;
  std::string error;
  (void)pick_outcomes(run(a, kQuiet), outcomes, at.from_values, error);
  (void)pick_outcomes(run(b, kQuiet), outcomes, at.to_values, error);
  return at;
}

ShapleyOptions shapley_options(const CompareOptions& o) {
  ShapleyOptions s;
  s.exact_max = o.exact_max;
  s.force_sampling = o.sample;
  s.permutations = o.permutations;
  s.seed = o.seed;
  return s;
}

// Copies the Shapley values and the method into the attribution.
void finish(Attribution& at, const ShapleyResult& r) {
  at.available = r.ok;
  if (!r.ok) {
    at.reason = r.error;
    at.players.clear();
    return;
  }
  for (std::size_t p = 0; p < at.players.size(); ++p) at.players[p].values = r.phi[p];
  at.exact = r.exact;
  at.runs = r.evaluations;
  at.permutations = r.permutations;
  at.seed = r.seed;
}

// Players of the assumption attribution: each unit alone, or its --together group.
std::vector<std::vector<std::string>> assumption_players(const std::vector<std::string>& units,
                                                         const CompareOptions& o) {
  std::vector<std::vector<std::string>> players;
  std::map<std::size_t, std::size_t> group_player;  // together group -> player
  for (const std::string& unit : units) {
    std::size_t group = o.together.size();
    for (std::size_t g = 0; g < o.together.size(); ++g) {
      if (std::find(o.together[g].begin(), o.together[g].end(), unit) != o.together[g].end())
        group = g;
    }
    if (group == o.together.size()) {
      players.push_back({unit});
    } else if (auto it = group_player.find(group); it != group_player.end()) {
      players[it->second].push_back(unit);
    } else {
      group_player[group] = players.size();
      players.push_back({unit});
    }
  }
  return players;
}

// Suggests attributing together the differing units in the same block as
// the key a mixed case got wrong (calendar.start and calendar.d_day...).
std::string together_hint(const std::string& bad_path, const std::vector<std::string>& units) {
  const std::string block = bad_path.substr(0, bad_path.find('.')) + ".";
  std::vector<std::string> related;
  for (const std::string& u : units) {
    if (u.rfind(block, 0) == 0) related.push_back(u);
  }
  if (related.size() < 2) {
    return "attribute assumptions that are only valid together as one player with --together "
           "PATH,PATH";
  }
  return "attribute them as one player with --together " + util::join(related, ",");
}

}  // namespace

std::vector<std::string> model_diff_paths(const Scenario& a, const Scenario& b) {
  std::vector<std::string> units = diff_paths(a, b);
  std::erase_if(units, [](const std::string& p) { return p.rfind("analysis.", 0) == 0; });
  return units;
}

Attribution attribute_assumptions(const Scenario& a, const Scenario& b,
                                  const std::vector<std::string>& outcomes,
                                  const CompareOptions& options) {
  Attribution at = start("assumptions", a, b, outcomes);
  const std::vector<std::string> units = model_diff_paths(a, b);
  const auto players = assumption_players(units, options);
  for (const auto& group : players) {
    Contribution c;
    c.player = util::join(group, " + ");
    std::vector<std::string> from;
    std::vector<std::string> to;
    for (const std::string& u : group) {
      from.push_back(value_text(a, u));
      to.push_back(value_text(b, u));
    }
    c.from = util::join(from, "; ");
    c.to = util::join(to, "; ");
    c.change = c.from + " -> " + c.to;
    at.players.push_back(std::move(c));
  }
  const CoalitionValue value = [&](const std::vector<bool>& members, std::vector<double>& values,
                                   std::string& error) {
    Scenario mixed = a;
    std::vector<std::string> copied;
    for (std::size_t p = 0; p < players.size(); ++p) {
      if (!members[p]) continue;
      for (const std::string& unit : players[p]) {
        if (!copy_path(mixed, b, unit)) {
          error = "cannot copy '" + unit + "' between the cases";
          return false;
        }
        copied.push_back(unit);
      }
    }
    const Diagnostics problems = check_scenario(mixed);
    if (!problems.empty()) {
      error = "case A with " + util::join(copied, ", ") + " from case B is not a valid scenario (" +
              problems[0].path + ": " + problems[0].message + "); " +
              together_hint(problems[0].path, units);
      return false;
    }
    return pick_outcomes(run(mixed, kQuiet), outcomes, values, error);
  };
  finish(at, shapley(players.size(), outcomes.size(), value, shapley_options(options)));
  return at;
}

namespace {

// A simulation stopped at the start of its D-day (every earlier day simulated).
Simulation at_d_day(const Scenario& s) {
  Simulation sim(s, kQuiet);
  while (!sim.done() && sim.next_date() < s.calendar.d_day) sim.step();
  return sim;
}

// "readiness" for "isf.readiness"; campaign components are their own kind.
std::string kind_of(const std::string& component, const Scenario& s) {
  for (const ForceElement& f : s.forces) {
    if (component.size() > f.name.size() && component.compare(0, f.name.size(), f.name) == 0 &&
        component[f.name.size()] == '.') {
      return component.substr(f.name.size() + 1);
    }
  }
  return component;
}

std::string element_of(const std::string& component, const std::string& kind) {
  return component.size() > kind.size() ? component.substr(0, component.size() - kind.size() - 1)
                                        : std::string();
}

struct MechanismPlayer {
  std::string name;
  std::vector<std::string> components;
};

std::vector<MechanismPlayer> mechanism_players(const Simulation& sa, const Simulation& sb,
                                               const Scenario& a, MechanismDetail detail) {
  std::vector<MechanismPlayer> players;
  std::map<std::string, std::size_t> by_kind;
  for (const std::string& c : sa.state_components()) {
    if (sa.state_component(c) == sb.state_component(c)) continue;
    if (detail == MechanismDetail::kByElement) {
      players.push_back({c, {c}});
      continue;
    }
    const std::string kind = kind_of(c, a);
    auto it = by_kind.find(kind);
    if (it == by_kind.end()) {
      it = by_kind.emplace(kind, players.size()).first;
      players.push_back({kind, {}});
    }
    players[it->second].components.push_back(c);
  }
  for (MechanismPlayer& p : players) {
    if (detail == MechanismDetail::kByElement || p.components.front() == p.name) continue;
    std::vector<std::string> elements;
    for (const std::string& c : p.components) elements.push_back(element_of(c, p.name));
    p.name += " (" + util::join(elements, ", ") + ")";
  }
  return players;
}

// What the headline number of a campaign-level component measures.
std::string measure_of(const std::string& component) {
  if (component == "lines_of_effort") return "finance factor ";
  if (component == "campaign.totals") return "sorties flown ";
  return {};
}

std::string component_value(const Simulation& sim, const std::string& component) {
  return readable(sim.state_component(component).front());
}

// "from" or "to" text of a player: its value, per element for a group.
std::string player_values(const Simulation& sim, const MechanismPlayer& p, const Scenario& s) {
  std::vector<std::string> parts;
  for (const std::string& c : p.components) {
    const std::string prefix =
        p.components.size() > 1 ? element_of(c, kind_of(c, s)) + " " : measure_of(c);
    parts.push_back(prefix + component_value(sim, c));
  }
  return util::join(parts, ", ");
}

// "0.35 -> 0.58", or "a 1 -> 2, b 3 -> 4" for a group of elements.
std::string player_change(const Simulation& sa, const Simulation& sb, const MechanismPlayer& p,
                          const Scenario& s) {
  std::vector<std::string> parts;
  for (const std::string& c : p.components) {
    const std::string prefix =
        p.components.size() > 1 ? element_of(c, kind_of(c, s)) + " " : measure_of(c);
    parts.push_back(prefix + component_value(sa, c) + " -> " + component_value(sb, c));
  }
  return util::join(parts, ", ");
}

}  // namespace

Attribution attribute_mechanisms(const Scenario& a, const Scenario& b,
                                 const std::vector<std::string>& outcomes,
                                 const CompareOptions& options) {
  Attribution at = start("mechanisms", a, b, outcomes);
  const Simulation sa = at_d_day(a);
  const Simulation sb = at_d_day(b);
  Simulation probe = sa;
  if (!probe.copy_state_component(sa.state_components().front(), sb)) {
    at.reason =
        "the cases have different force elements or lines of effort, so their states "
        "at D-day cannot be mixed";
    return at;
  }
  const auto players = mechanism_players(sa, sb, a, options.mechanisms);
  const std::vector<std::string> units = model_diff_paths(a, b);
  const bool calendar = !units.empty();
  for (const MechanismPlayer& p : players) {
    at.players.push_back({p.name,
                          player_values(sa, p, a),
                          player_values(sb, p, b),
                          player_change(sa, sb, p, a),
                          {}});
  }
  if (calendar) {
    const bool dates_only = std::all_of(units.begin(), units.end(), [](const std::string& u) {
      return u.rfind("calendar.", 0) == 0;
    });
    const std::string from = "D-day " + a.calendar.d_day.to_string();
    const std::string to = "D-day " + b.calendar.d_day.to_string();
    at.players.push_back(
        {dates_only ? "calendar after D-day" : "calendar and assumptions after D-day",
         from,
         to,
         from + " -> " + to,
         {}});
  }
  const std::size_t n = players.size();
  const CoalitionValue value = [&](const std::vector<bool>& members, std::vector<double>& values,
                                   std::string& error) {
    const bool base_b = calendar && members[n];
    Simulation mixed = base_b ? sb : sa;
    for (std::size_t p = 0; p < n; ++p) {
      if (members[p] == base_b) continue;
      for (const std::string& c : players[p].components) {
        (void)mixed.copy_state_component(c, members[p] ? sb : sa);
      }
    }
    mixed.run_to_end();
    return pick_outcomes(mixed.results(), outcomes, values, error);
  };
  finish(at, shapley(at.players.size(), outcomes.size(), value, shapley_options(options)));
  return at;
}

}  // namespace sandtable::analysis
