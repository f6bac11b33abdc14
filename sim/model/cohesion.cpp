// Stage 14: cohesion, of both sides. An element in contact loses cohesion
// to its losses and, the less ready it is, to the shock of contact, in
// proportion to the share of it in contact; the share out of contact
// recovers toward the initial cohesion. Losses also build up as recent
// losses, a sum that forgets with an e-folding time of loss_window_days:
// the casualty breakpoint acts on them, not on a whole campaign's total, so
// a unit that rotates its men through months of fighting can keep going.
//
// Graded breaking: an element's fighting power fades smoothly to zero as
// its cohesion nears its breakpoint (over graded_width of cohesion) and as
// its recent losses near their breakpoint (over graded_width of it); the
// element breaks, for good, when it reaches either. The adversary's morale
// falls with its losses and fades and breaks the same way.
//
// Odds: defenders who face a whole attacking force many times their own
// power lose the will to hold, day by day, whether or not the front is
// near them (a garrison cut off and outnumbered gives up; one at even odds
// fights for months).
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

bool attacking(const Params& p, const State& s, int i, int day) { return in_assault(p, s, i, day); }

void note_margin(double margin, int element, double& best, int& which) {
  if (margin < best) {
    best = margin;
    which = element;
  }
}

// Morale or cohesion the defenders lose this step to the odds against them.
double odds_stress(const Params& p, const State& s, const StepContext& c) {
  if (s.phase != Phase::kActive || !p.has_city || p.model.odds_stress_per_day <= 0.0) return 0.0;
  double coalition = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const int ii = static_cast<int>(i);
    const bool counts = p.adversary_attacks ? defends_city(p, s, ii) : in_assault(p, s, ii, c.day);
    if (counts) {
      coalition += s.elements[i].personnel * element_effectiveness(p, s, ii) * s.air_support;
    }
  }
  const double adversary =
      adversary_total(p, s) *
      (p.adversary_attacks ? adversary_base_effectiveness(p, s) : adversary_effectiveness(p, s));
  const double attack = p.adversary_attacks ? adversary : coalition;
  const double defence = p.adversary_attacks ? coalition : adversary;
  if (attack <= 0.0) return 0.0;
  AdvanceSettings curve = p.model.advance;
  curve.ratio_at_half_speed = p.model.odds_at_half_stress;
  const double odds = defence > 0.0 ? attack / defence : kHugeRatio;
  return p.model.odds_stress_per_day * advance_curve(curve, odds) * c.dt;
}

void element_cohesion(const Params& p, State& s, const StepContext& c, Events& ev, int ii,
                      double odds) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(ii)];
  ElementState& es = s.elements[static_cast<std::size_t>(ii)];
  const Cohesion& k = e.cohesion;
  const double personnel = std::max(es.personnel_step, 1.0);
  const double loss_fraction = es.losses_step / personnel;
  es.recent_losses = es.recent_losses * p.loss_decay + loss_fraction;
  double in_contact = 0.0;
  double stress = 0.0;
  if (es.engaged) {
    in_contact = std::min(1.0, (es.contact + es.cordon) / personnel);
    if (defends_city(p, s, ii)) in_contact = 1.0;
    const double adversary_morale = std::min(s.adversary.morale, 2.0);
    stress =
        p.model.loss_stress * (2.0 - es.readiness) * loss_fraction +
        p.model.shock_stress_per_day * (1.0 - es.readiness) * adversary_morale * in_contact * c.dt;
    if (defends_city(p, s, ii)) {
      stress += p.model.ground_stress * std::max(0.0, s.progress_step) + odds;
      stress *= p.defender_will;
    }
  }
  const double recovery =
      k.recovery_per_day * (k.initial - es.cohesion) * (1.0 - in_contact) * c.dt;
  es.cohesion = std::clamp(es.cohesion + recovery - k.stress_sensitivity * stress, 0.0, 1.0);

  const bool by_stress = k.stress_sensitivity > 0.0;
  const double cohesion_margin = es.cohesion - k.breakpoint;
  const double loss_margin =
      k.casualty_breakpoint > 0.0
          ? (k.casualty_breakpoint - es.recent_losses) / k.casualty_breakpoint
          : 1.0;
  const double width = p.model.graded_width;
  es.fade = (by_stress ? fade(cohesion_margin, width) : 1.0) * fade(loss_margin, width);
  if (width <= 0.0) es.fade = 1.0;

  if (s.phase == Phase::kActive) {
    double margin = loss_margin;
    if (by_stress) margin = std::min(margin, cohesion_margin / std::max(k.breakpoint, 1e-9));
    if (attacking(p, s, ii, c.day)) {
      note_margin(margin, ii, s.margins.attacker_break, s.margins.attacker_element);
    } else if (defends_city(p, s, ii)) {
      note_margin(margin, ii, s.margins.defender_break, s.margins.defender_element);
    }
  }
  const bool stress_break = by_stress && es.cohesion < k.breakpoint;
  const bool casualty_break = es.recent_losses >= k.casualty_breakpoint;
  if (stress_break || casualty_break) {
    es.broken = true;
    es.engaged = false;
    es.fade = 0.0;
    es.broke_day = c.day;
    ev.add(c.day, EventKind::kElementBroke, ii);
  }
}

}  // namespace

void stage_cohesion(const Params& p, State& s, const StepContext& c, Events& ev) {
  const double odds = odds_stress(p, s, c);
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementState& es = s.elements[i];
    if (!p.elements[i].coalition || !es.present || es.broken) continue;
    element_cohesion(p, s, c, ev, static_cast<int>(i), odds);
  }
  AdversaryState& a = s.adversary;
  if (s.phase == Phase::kActive && !a.broken) {
    const Morale& m = p.adversary.morale;
    const double loss_fraction = a.losses_step / std::max(a.fighters_step, 1.0);
    const double ground = p.adversary_attacks ? 0.0 : std::max(0.0, s.progress_step);
    const double will = p.adversary_attacks ? 1.0 : p.defender_will;
    a.morale = std::max(0.0, a.morale - will * (m.loss_sensitivity * loss_fraction) -
                                 will * (p.model.ground_stress * ground) -
                                 will * (p.adversary_attacks ? 0.0 : odds));
    if (m.breakpoint > 0.0) {
      const double distance = a.morale - m.breakpoint;
      a.fade = p.model.graded_width > 0.0 ? fade(distance, p.model.graded_width) : 1.0;
      const double margin = distance / m.breakpoint;
      if (p.adversary_attacks) {
        note_margin(margin, -1, s.margins.attacker_break, s.margins.attacker_element);
      } else {
        note_margin(margin, -1, s.margins.defender_break, s.margins.defender_element);
      }
      if (a.morale < m.breakpoint) {
        a.broken = true;
        a.fade = 0.0;
        ev.add(c.day, EventKind::kGarrisonBroke);
      }
    }
  }
}

}  // namespace sandtable::model
