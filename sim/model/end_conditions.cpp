// Stage 16: end conditions, checked at the end of each day while the
// offensive is on, from the attacker's side. Success: the city is cleared,
// the defenders break, or they fall below a fraction of their D-day
// strength. Failure: every attacking element has broken, or the attack
// culminates. Stalemate: no progress for stall_days. A run that reaches its
// horizon with the offensive still on is unresolved: nothing ends it, and
// nothing is decided. A coalition offensive that fails (fully) or stalls
// (in part) emboldens the adversary.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

// Every coalition element that may attack has arrived and is broken or empty.
bool coalition_assault_broken(const Params& p, const State& s) {
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    if (!e.coalition || (e.role != Role::kAssault && e.role != Role::kReserve)) continue;
    if (p.has_city && !e.may_enter_city) continue;
    const ElementState& es = s.elements[i];
    if (!es.present || (!es.broken && es.personnel > 0.5)) return false;
  }
  return true;
}

// Every coalition element defending the city is broken or empty.
bool coalition_defence_broken(const Params& p, const State& s) {
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementState& es = s.elements[i];
    if (defends_city(p, s, static_cast<int>(i)) && es.personnel > 0.5) return false;
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
  if (p.adversary_attacks) return;  // the coalition held or lost its city; nothing is emboldened
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

double defenders_now(const Params& p, const State& s) {
  return p.adversary_attacks ? coalition_defenders(p, s) : adversary_total(p, s);
}

}  // namespace

void stage_end_conditions(const Params& p, State& s, const StepContext& c, Events& ev) {
  if (!c.last_substep || s.phase != Phase::kActive) return;
  const EndSettings& end = p.model.end;
  // The peak counts the days some defender was engaged.
  if (s.force_ratio < kHugeRatio) s.peak_force_ratio = std::max(s.peak_force_ratio, s.force_ratio);
  if (end.culmination_ratio > 0.0) {
    s.margins.culmination = std::min(
        s.margins.culmination, (s.force_ratio - end.culmination_ratio) / end.culmination_ratio);
  }
  const bool defence_broke =
      p.adversary_attacks ? coalition_defence_broken(p, s) : s.adversary.broken;
  const bool attack_broke = p.adversary_attacks ? s.adversary.broken || adversary_total(p, s) < 0.5
                                                : coalition_assault_broken(p, s);
  if (p.has_city && s.cleared >= 1.0) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kCityCleared, ev);
    return;
  }
  if (defence_broke) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kGarrisonBroke, ev);
    return;
  }
  if (defenders_now(p, s) < end.defender_destroyed_fraction * s.defenders_d_day) {
    finish(p, s, c.day, Outcome::kSuccess, EndReason::kAdversaryDestroyed, ev);
    return;
  }
  if (attack_broke) {
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
  // At the horizon the offensive is simply still on: the run is unresolved.
}

}  // namespace sandtable::model
