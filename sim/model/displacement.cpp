// Stage 15: civilians leave the city: a base rate, plus a rate that grows
// with the pace of the assault while it is on.
#include "model/stages.hpp"

namespace sandtable::model {

void stage_displacement(const Params& p, State& s, const StepContext& c) {
  if (!p.has_city) return;
  const double remaining = p.city.population - s.displaced;
  if (remaining <= 0.0) return;
  double rate = p.city.displacement_base_per_day;
  if (s.phase == Phase::kActive) rate += p.city.displacement_assault_per_day * s.advance_factor;
  s.displaced += remaining * rate * c.dt;
}

}  // namespace sandtable::model
