// Stage 8: while no offensive is under way (before D-day, or after one that
// failed or stalled), militias fill the security vacuum: they grow by a
// fixed fraction of their remaining room each day.
// Growth depends on the calendar of the offensive only, never on the
// coalition's weakness, so that a stronger coalition is never worse off.
#include "model/stages.hpp"

namespace sandtable::model {

void stage_mobilization(const Params& p, State& s, const StepContext& c) {
  const bool vacuum =
      s.phase == Phase::kBefore || (s.phase == Phase::kEnded && s.outcome != Outcome::kSuccess);
  if (!vacuum) return;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (!e.mobilizes || !es.present) continue;
    const double room = e.mobilization.max_personnel - es.personnel;
    if (room <= 0.0) continue;
    const double added = e.mobilization.rate_per_day * room * c.dt;
    es.personnel += added;
    es.arrived += added;
  }
}

}  // namespace sandtable::model
