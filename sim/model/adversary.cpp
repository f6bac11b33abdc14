// Stage 9: the adversary recruits locally and receives foreign fighters
// (unless the city is sealed), fortifies the city while it is not under
// assault, and its morale recovers toward its base.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

constexpr double kDaysPerMonth = 365.25 / 12.0;

double containment_index(const Params& p, const State& s) {
  const double needed = p.has_city ? p.city.containment_personnel_needed : 0.0;
  if (needed <= 0.0) return 1.0;
  double effective = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    const ElementState& es = s.elements[i];
    if (!e.coalition || e.role != Role::kContainment || !es.present || es.broken) continue;
    effective += es.personnel * element_effectiveness(p, s, static_cast<int>(i));
  }
  return std::min(1.0, effective / needed);
}

}  // namespace

void stage_adversary(const Params& p, State& s, const StepContext& c) {
  AdversaryState& a = s.adversary;
  if (s.phase == Phase::kEnded && s.outcome == Outcome::kSuccess) return;  // the garrison is gone
  s.containment = containment_index(p, s);
  const Recruitment& r = p.adversary.recruitment;
  const double finance = p.adversary.finance * s.finance_factor;
  const double morale = std::min(a.morale, 2.0);
  const double local = r.local_per_day * finance * s.recruitment_factor * morale;
  const double foreign = r.foreign_inflow_per_month / kDaysPerMonth * r.share_to_theatre *
                         s.foreign_factor * (1.0 - s.containment);
  const double base = (local + foreign) * c.dt;
  const double recruits = base * a.recruitment_multiplier;
  a.gain_from_failure += recruits - base;
  a.fighters += recruits;
  a.peak = std::max(a.peak, adversary_total(p, s));

  if (s.phase != Phase::kActive) {
    const Fortification& f = p.adversary.fortification;
    a.fortification =
        std::min(1.0, a.fortification + f.rate_per_day * finance * (1.0 - a.fortification) * c.dt);
  }
  a.morale += p.adversary.morale.recovery_per_day * (a.morale_base - a.morale) * c.dt;
}

}  // namespace sandtable::model
