// Internal: the daily stages, in the order the model applies them. Each is a
// small function over the state, defined in its own file and tested alone.
// docs/model.md gives the equations.
#pragma once

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

// Shared helpers.
// Effectiveness per person of a coalition element today (without air support).
double element_effectiveness(const Params& p, const State& s, int i);
// Effectiveness per fighter of the adversary: morale only, and with the
// fortification of the city it holds.
double adversary_base_effectiveness(const Params& p, const State& s);
double adversary_effectiveness(const Params& p, const State& s);
// Fortification of the city's defences (0 when the coalition holds it).
double city_fortification(const Params& p, const State& s);
// Advance rate factor g(ratio) in [0, 1].
double advance_curve(const AdvanceSettings& a, double ratio);

// The force ratio reported when no defender is engaged (none left in
// contact, or their power has faded to nothing): too large to matter.
inline constexpr double kHugeRatio = 1e9;
// Graded breaking: the fighting power left at `distance` above a
// breakpoint, rising smoothly from 0 at the breakpoint to 1 at `width`.
double fade(double distance, double width);
bool ground_role(Role r);
// Whether coalition element i may take part in the assault on the city
// today (the coalition attacks; it is present, unbroken and committed).
bool in_assault(const Params& p, const State& s, int i, int day);
// Whether element i holds the cordon around the city the coalition attacks.
bool on_cordon(const Params& p, const State& s, int i);
// Whether element i defends the city the adversary attacks.
bool defends_city(const Params& p, const State& s, int i);
// Total adversary personnel (garrison plus adversary-side elements).
double adversary_total(const Params& p, const State& s);
// Personnel of the coalition elements defending the city.
double coalition_defenders(const Params& p, const State& s);
// Removes `loss` persons from the adversary, pro rata over the garrison and
// adversary-side elements; returns the loss actually applied.
double apply_adversary_losses(const Params& p, State& s, double loss);

}  // namespace sandtable::model
