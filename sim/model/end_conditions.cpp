// Stage 14: end conditions, checked at the end of each day while the
// offensive is on. Success: the city is cleared, the garrison breaks, or the
// defenders are destroyed. Failure: every assault and reserve element has
// broken, the assault culminates, or the horizon passes. Stalemate: no
// progress for stall_days. A failure (fully) or a stalemate (in part)
// emboldens the adversary.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

bool assault_force_broken(const Params& p, const State& s) {
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    if (!e.coalition || (e.role != Role::kAssault && e.role != Role::kReserve)) continue;
    const ElementState& es = s.elements[i];
    if (!es.present || (!es.broken && es.personnel > 0.5)) return false;
  }
  return true;
}

void embolden(const Params& p, State& s, double factor) {
  const Emboldening& e = p.adversary.emboldened;
  AdversaryState& a = s.adversary;
  const double surge = factor * e.fighter_surge_fraction * a.fighters;
  a.fighters += surge;
  a.gain_from_failure += surge;
  a.morale += factor * e.morale_boost;
  a.morale_base += factor * e.morale_boost;
  a.recruitment_multiplier = 1.0 + factor * (e.recruitment_multiplier - 1.0);
  a.peak = std::max(a.peak, adversary_total(p, s));
}

void finish(const Params& p, State& s, int day, Outcome outcome, EndReason reason, Events& ev) {
  s.phase = Phase::kEnded;
  s.outcome = outcome;
  s.reason = reason;
  s.end_day = day;
  AdversaryState& a = s.adversary;
  a.end_of_offensive = adversary_total(p, s);
  ev.add(day, EventKind::kOffensiveEnded);
  for (ElementState& es : s.elements) es.engaged = false;
  if (outcome == Outcome::kSuccess) {
    // The survivors withdraw: the city holds no garrison any more.
    a.withdrawn = a.end_of_offensive;
    a.fighters = 0.0;
    for (std::size_t i = 0; i < p.elements.size(); ++i) {
      if (!p.elements[i].coalition) s.elements[i].personnel = 0.0;
    }
    return;
  }
  embolden(p, s, outcome == Outcome::kFailure ? 1.0 : p.adversary.emboldened.stalemate_factor);
  if (p.adversary.emboldened.fighter_surge_fraction > 0.0 ||
      p.adversary.emboldened.morale_boost > 0.0 ||
      p.adversary.emboldened.recruitment_multiplier > 1.0) {
    ev.add(day, EventKind::kEmboldened);
  }
}

}  // namespace

void stage_end_conditions(const Params& p, State& s, const StepContext& c, Events& ev) {
  if (!c.last_substep || s.phase != Phase::kActive) return;
  const EndSettings& end = p.model.end;
  const AdversaryState& a = s.adversary;
  if (p.has_city && s.cleared >= 1.0) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kCityCleared, ev);
    return;
  }
  if (a.broken) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kGarrisonBroke, ev);
    return;
  }
  if (adversary_total(p, s) < end.adversary_defeated_fraction * a.initial_total) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kAdversaryDestroyed, ev);
    return;
  }
  if (assault_force_broken(p, s)) {
    finish(p, s, c.day, Outcome::kFailure, EndReason::kAssaultBroke, ev);
    return;
  }
  s.culmination_days = s.force_ratio < end.culmination_ratio ? s.culmination_days + 1 : 0;
  if (s.culmination_days >= end.culmination_days) {
    finish(p, s, c.day, Outcome::kFailure, EndReason::kCulminated, ev);
    return;
  }
  if (p.has_city) {
    s.stall_days = s.progress_today < end.stall_progress_per_day ? s.stall_days + 1 : 0;
    if (s.stall_days >= end.stall_days) {
      finish(p, s, c.day, Outcome::kStalemate, EndReason::kStalled, ev);
      return;
    }
  }
  if (c.day >= p.horizon) finish(p, s, c.day, Outcome::kFailure, EndReason::kHorizon, ev);
}

}  // namespace sandtable::model
