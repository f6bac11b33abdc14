// Stage 10: air support. Sorties fly when the weather allows; their effect
// grows with low flying and forward controllers and shrinks with
// fortification; once the offensive is on they also raise the effectiveness
// of engaged ground elements. Low sorties are exposed to MANPADS.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_air(const Params& p, State& s, const StepContext& c) {
  s.air_support = 1.0;
  const bool garrison_gone = s.phase == Phase::kEnded && s.outcome == Outcome::kSuccess;
  if (garrison_gone) return;
  const bool active = s.phase == Phase::kActive;
  const Manpads& m = p.adversary.manpads;
  const double fortification = s.adversary.fortification;
  double support = 0.0;
  double lost = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (e.role != Role::kAir || !es.present) continue;
    const AirSupport& a = e.air;
    const double availability = 1.0 - a.weather_sensitivity * (1.0 - s.flyable);
    const double rate = (active ? a.sorties_per_day : a.sorties_per_day * a.shaping_share) *
                        availability;  // sorties/day flown over the theatre
    const double sorties = rate * c.dt;
    const double fac = 1.0 + a.forward_controller_bonus * s.controller_coverage;
    const double effect = a.fighters_killed_per_sortie *
                          (1.0 + a.low_altitude_effect_bonus * a.low_altitude_share) * fac *
                          (1.0 - p.adversary.fortification.air_protection * fortification);
    const double killed = apply_adversary_losses(p, s, sorties * effect);
    if (active) {
      es.inflicted += killed;
      support += a.close_support_bonus * std::min(1.0, rate * fac / a.sorties_for_full_support);
    }
    lost += sorties * m.threat *
            (a.low_altitude_share * m.loss_per_low_sortie +
             (1.0 - a.low_altitude_share) * m.loss_per_high_sortie);
    s.sorties_today += sorties;
    s.sorties_flown += sorties;
  }
  s.air_support = 1.0 + support;
  s.aircraft_lost += lost;
  s.pilots_captured += lost * m.pilot_capture_given_loss;
}

}  // namespace sandtable::model
