// Stage 3: US personnel set training capacity and forward air-controller
// coverage; forward personnel are exposed while the offensive is on.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_advisers(const Params& p, State& s, const StepContext& c) {
  double personnel = 0.0;
  double slots = 0.0;
  double forward = 0.0;
  double needed = 0.0;
  double risk = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    const ElementState& es = s.elements[i];
    if (e.role != Role::kAdvisers || !es.present) continue;
    const Advising& a = e.advising;
    personnel += es.personnel;
    slots += es.personnel * a.training_share * a.trainees_per_trainer;
    const double fwd = es.personnel * a.forward_share;
    forward += fwd;
    needed += a.controllers_needed;
    risk += fwd * a.daily_casualty_risk;
  }
  s.us_personnel = personnel;
  s.peak_us_personnel = std::max(s.peak_us_personnel, personnel);
  s.training_slots = slots;
  s.forward_personnel = forward;
  s.controller_coverage = needed > 0.0 ? std::min(1.0, forward / needed) : 0.0;
  if (s.phase == Phase::kActive) s.us_casualties += risk * c.dt;
}

}  // namespace sandtable::model
