// Internal: the daily stages, in the order the model applies them. Each is a
// small function over the state, defined in its own file and tested alone.
// docs/model.md gives the equations.
#pragma once

#include <algorithm>

#include "model/state.hpp"

namespace sandtable::model {

// Month weather, heat, and the D-day transition.
void stage_calendar(const Params& p, State& s, const StepContext& c, Events& ev);
// Arrivals and reinforcements dated today (first step of the day).
void stage_arrivals(const Params& p, State& s, const StepContext& c);
// US personnel, training capacity, forward-controller coverage, US exposure.
void stage_advisers(const Params& p, State& s, const StepContext& c);
// Training pipelines and readiness (first step of the day, before D-day).
void stage_training(const Params& p, State& s, const StepContext& c, Events& ev);
// Integration of elements with the main force.
void stage_integration(const Params& p, State& s, const StepContext& c);
// Equipment aid deliveries, diversion, equipment levels.
void stage_logistics(const Params& p, State& s, const StepContext& c);
// Lines of effort acting on finance, inflow, recruitment, morale, fighters.
void stage_lines_of_effort(const Params& p, State& s, const StepContext& c);
// Militias filling the vacuum before the offensive.
void stage_mobilization(const Params& p, State& s, const StepContext& c);
// Adversary recruitment, foreign inflow, fortification and morale recovery.
void stage_adversary(const Params& p, State& s, const StepContext& c);
// Air support: sorties, weather, effect, close support, MANPADS exposure.
void stage_air(const Params& p, State& s, const StepContext& c);
// The front: the sectors under attack, the length of their fronts, how
// many attackers they hold (force-to-space) and who is in contact.
void stage_front(const Params& p, State& s, const StepContext& c, Events& ev);
// Ground combat: attrition between the forces in contact, by the chosen law.
void stage_ground_combat(const Params& p, State& s, const StepContext& c);
// Clearing: area taken (or retaken by a counter-attack) in each sector.
void stage_clearing(const Params& p, State& s, const StepContext& c, Events& ev);
// Cohesion, stress and breaking, of both sides.
void stage_cohesion(const Params& p, State& s, const StepContext& c, Events& ev);
// Civilians leaving the city.
void stage_displacement(const Params& p, State& s, const StepContext& c);
// Success, failure or stalemate; a failure emboldens the adversary.
void stage_end_conditions(const Params& p, State& s, const StepContext& c, Events& ev);

// Shared helpers (the small ones inline: every stage calls them per element).
// Effectiveness per person of a coalition element today (without air support).
inline double element_effectiveness(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  const double floor_e = p.model.equipment_floor;
  const double equipment = floor_e + (1.0 - floor_e) * es.equipment;
  const double cohesion = 0.5 + 0.5 * es.cohesion;
  const double integration = 1.0 - p.model.integration_friction * (1.0 - es.integration);
  return e.quality * es.readiness * equipment * cohesion * integration * s.heat_factor;
}
// Fortification of the city's defences (0 when the coalition holds it).
inline double city_fortification(const Params& p, const State& s) {
  return p.adversary_attacks ? 0.0 : s.adversary.fortification;
}
// Effectiveness per fighter of the adversary: morale only, and with the
// fortification of the city it holds.
inline double adversary_base_effectiveness(const Params& p, const State& s) {
  const double morale = 0.5 + 0.5 * std::min(s.adversary.morale, 2.0);
  return p.adversary.quality * morale;
}
inline double adversary_effectiveness(const Params& p, const State& s) {
  const double fortification =
      1.0 + p.adversary.fortification.max_defense_bonus * city_fortification(p, s);
  return adversary_base_effectiveness(p, s) * fortification;
}
// Advance rate factor g(ratio) in [0, 1].
double advance_curve(const AdvanceSettings& a, double ratio);

// The force ratio reported when no defender is engaged (none left in
// contact, or their power has faded to nothing): too large to matter.
inline constexpr double kHugeRatio = 1e9;
// Graded breaking: the fighting power left at `distance` above a
// breakpoint, rising smoothly from 0 at the breakpoint to 1 at `width`.
inline double fade(double distance, double width) {
  if (distance <= 0.0) return 0.0;
  if (distance >= width) return 1.0;
  const double t = distance / width;
  return t * t * (3.0 - 2.0 * t);
}
inline bool ground_role(Role r) {
  return r == Role::kAssault || r == Role::kReserve || r == Role::kContainment;
}
// Whether coalition element i may take part in the assault on the city
// today (the coalition attacks; it is present, unbroken and committed).
inline bool in_assault(const Params& p, const State& s, int i, int day) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  if (p.adversary_attacks || !e.coalition || !es.present || es.broken || !e.may_enter_city) {
    return false;
  }
  if (e.role != Role::kAssault && e.role != Role::kReserve) return false;
  return day >= p.d_day + e.commit_delay_days;
}
// Whether element i holds the cordon around the city the coalition attacks.
inline bool on_cordon(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  return !p.adversary_attacks && e.coalition && e.role == Role::kContainment && es.present &&
         !es.broken;
}
// Whether element i defends the city the adversary attacks.
inline bool defends_city(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  return p.adversary_attacks && e.coalition && ground_role(e.role) && e.may_enter_city &&
         es.present && !es.broken;
}
// Total adversary personnel (garrison plus adversary-side elements).
inline double adversary_total(const Params& p, const State& s) {
  double total = s.adversary.fighters;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (!p.elements[i].coalition && s.elements[i].present) total += s.elements[i].personnel;
  }
  return total;
}
// Personnel of the coalition elements defending the city.
double coalition_defenders(const Params& p, const State& s);
// Removes `loss` persons from the adversary, pro rata over the garrison and
// adversary-side elements; returns the loss actually applied.
double apply_adversary_losses(const Params& p, State& s, double loss);

}  // namespace sandtable::model
