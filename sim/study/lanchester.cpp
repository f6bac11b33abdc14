#include "study/lanchester.hpp"

#include <algorithm>

#include "model/combat_law.hpp"

namespace sandtable::study {

namespace {

// Outcomes that are exactly zero when only the combat core is active.
constexpr const char* kZeroOutcomes[] = {
    "cleared_fraction",  "is_gain_from_failure", "peak_us_personnel",  "us_casualties",
    "sorties_flown",     "aircraft_lost",        "pilots_captured",    "pilot_capture_risk",
    "aid_delivered_usd", "aid_diverted_usd",     "civilians_displaced"};

int day_index(Date start, Date d) { return (d - start) + 1; }

bool eligible_element(const ForceElement& f) {
  return f.side == Side::kCoalition && f.role == Role::kAssault && !f.training && !f.integration &&
         !f.mobilization && !f.air && !f.advising && f.cohesion.stress_sensitivity == 0.0 &&
         static_cast<int>(f.reinforcements.size()) <= kLanchesterMaxReinforcements;
}

bool eligible(const Scenario& s) {
  const Adversary& a = s.adversary;
  return s.forces.size() == 1 && eligible_element(s.forces[0]) && !s.environment.city &&
         !s.equipment_aid && s.lines_of_effort.empty() &&
         s.environment.heat_penalty_per_degree == 0.0 && a.recruitment.local_per_day == 0.0 &&
         a.recruitment.foreign_inflow_per_month == 0.0 && a.fortification.rate_per_day == 0.0 &&
         a.morale.loss_sensitivity == 0.0 &&
         !(a.morale.breakpoint > 0.0 && a.morale.initial < a.morale.breakpoint) &&
         a.emboldened.fighter_surge_fraction == 0.0 && s.model.substeps_per_day >= 1;
}

}  // namespace

bool LanchesterLayout::prepare(const Scenario& base, const std::vector<std::string>& names) {
  slot_.clear();
  if (base.forces.size() != 1) return false;
  const std::string& el = base.forces[0].name;
  const std::string& aff = base.forces[0].affiliation;
  const std::vector<std::pair<std::string, int>> named = {
      {"success", kSuccess},
      {"failure", kFailure},
      {"stalemate", kStalemate},
      {"end_day", kEndDay},
      {"days_from_d_day", kDaysFromDDay},
      {"coalition_casualties", kCoalitionCasualties},
      {"is_losses", kAdversaryLosses},
      {"is_strength_d_day", kAdversaryDDay},
      {"is_strength_peak", kAdversaryPeak},
      {"is_strength_end_of_offensive", kAdversaryEndOfOffensive},
      {"is_strength_end", kAdversaryEnd},
      {"fortification_d_day", kFortificationDDay},
      {aff + "_share", kShare},
      {el + "_casualties", kElementCasualties},
      {el + "_strength", kElementStrength},
      {el + "_readiness_d_day", kElementReadinessDDay},
      {el + "_broke", kElementBroke}};
  std::vector<std::string> zero(std::begin(kZeroOutcomes), std::end(kZeroOutcomes));
  for (const char* a : kBuiltinAffiliations) zero.push_back(std::string(a) + "_share");
  for (const Affiliation& a : base.affiliations) zero.push_back(a.name + "_share");
  for (const std::string& name : names) {
    int slot = -2;
    for (const auto& [n, q] : named) {
      if (n == name) slot = q;
    }
    if (slot == -2 && std::find(zero.begin(), zero.end(), name) != zero.end()) slot = -1;
    if (slot == -2) {
      slot_.clear();
      return false;
    }
    slot_.push_back(slot);
  }
  return true;
}

bool extract_lanchester(const Scenario& s, LanchesterCase& c) {
  if (!eligible(s)) return false;
  const ForceElement& f = s.forces[0];
  const Date start = s.calendar.start;
  c.horizon = s.calendar.horizon_days;
  c.d_day = day_index(start, s.calendar.d_day);
  c.substeps = std::max(1, s.model.substeps_per_day);
  c.dt = 1.0 / c.substeps;
  c.arrival_day = day_index(start, f.arrival.value_or(start));
  c.personnel = f.personnel;
  // Reinforcements sorted by day, stable (as build_params).
  c.reinforcements = static_cast<int>(f.reinforcements.size());
  for (int i = 0; i < c.reinforcements; ++i) {
    c.reinforcement_day[i] = day_index(start, f.reinforcements[static_cast<std::size_t>(i)].date);
    c.reinforcement_personnel[i] = f.reinforcements[static_cast<std::size_t>(i)].personnel;
  }
  for (int i = 1; i < c.reinforcements; ++i) {
    for (int j = i; j > 0 && c.reinforcement_day[j - 1] > c.reinforcement_day[j]; --j) {
      std::swap(c.reinforcement_day[j - 1], c.reinforcement_day[j]);
      std::swap(c.reinforcement_personnel[j - 1], c.reinforcement_personnel[j]);
    }
  }
  // element_effectiveness with integration 1, heat 1 and air support 1.
  const double floor_e = s.model.equipment_floor;
  const double equipment = floor_e + (1.0 - floor_e) * f.equipment;
  const double cohesion = 0.5 + 0.5 * f.cohesion.initial;
  c.effectiveness = f.quality * f.readiness * equipment * cohesion;
  c.commit_delay = f.commit_delay_days;
  c.casualty_breakpoint = f.cohesion.casualty_breakpoint;
  c.readiness = f.readiness;
  const Adversary& a = s.adversary;
  c.fighters = a.fighters;
  c.fortification = a.fortification.initial;
  c.max_protection = a.fortification.max_protection;
  const double morale = 0.5 + 0.5 * std::min(a.morale.initial, 2.0);
  const double fortification = 1.0 + a.fortification.max_defense_bonus * a.fortification.initial;
  c.adversary_effectiveness = a.quality * morale * fortification;
  c.coalition_kill_rate = s.model.coalition_kill_rate;
  c.adversary_kill_rate = s.model.adversary_kill_rate;
  const model::LawExponents ec = model::coalition_exponents(s.model.combat_law);
  const model::LawExponents ea = model::adversary_exponents(s.model.combat_law);
  c.coalition_alpha = ec.alpha;
  c.coalition_beta = ec.beta;
  c.adversary_alpha = ea.alpha;
  c.adversary_beta = ea.beta;
  c.culmination_ratio = s.model.end.culmination_ratio;
  c.culmination_days = s.model.end.culmination_days;
  c.defeated_fraction = s.model.end.adversary_defeated_fraction;
  return true;
}

}  // namespace sandtable::study
