// Stage 12: cohesion. Elements in contact lose cohesion to losses and, the
// less ready they are, to the shock of contact; every day they recover a
// fraction of the gap to their initial cohesion, so a ready element settles
// at a level it can hold while a poorly trained one drains away.
// An element breaks below its cohesion breakpoint or at its casualty
// breakpoint. The garrison's morale falls with its losses; it breaks below
// its morale breakpoint.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_cohesion(const Params& p, State& s, const StepContext& c, Events& ev) {
  AdversaryState& a = s.adversary;
  const double adversary_morale = std::min(a.morale, 2.0);
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (!e.coalition || !es.present || es.broken) continue;
    const Cohesion& k = e.cohesion;
    double stress = 0.0;
    if (es.engaged) {
      const double loss_fraction = es.losses_step / std::max(es.personnel_step, 1.0);
      stress = p.model.loss_stress * (2.0 - es.readiness) * loss_fraction +
               p.model.shock_stress_per_day * (1.0 - es.readiness) * adversary_morale * c.dt;
    }
    const double recovery = k.recovery_per_day * (k.initial - es.cohesion) * c.dt;
    es.cohesion = std::clamp(es.cohesion + recovery - k.stress_sensitivity * stress, 0.0, 1.0);
    const bool stress_break = k.stress_sensitivity > 0.0 && es.cohesion < k.breakpoint;
    const bool casualty_break =
        es.arrived > 0.0 && es.casualties / es.arrived >= k.casualty_breakpoint;
    if (stress_break || casualty_break) {
      es.broken = true;
      es.engaged = false;
      es.broke_day = c.day;
      ev.add(c.day, EventKind::kElementBroke, static_cast<int>(i));
    }
  }
  if (s.phase == Phase::kActive && !a.broken) {
    const double loss_fraction = a.losses_step / std::max(a.fighters_step, 1.0);
    a.morale = std::max(0.0, a.morale - p.adversary.morale.loss_sensitivity * loss_fraction);
    if (p.adversary.morale.breakpoint > 0.0 && a.morale < p.adversary.morale.breakpoint) {
      a.broken = true;
      ev.add(c.day, EventKind::kGarrisonBroke);
    }
  }
}

}  // namespace sandtable::model
