// Stage 15: civilians leave the city: the city's base rate; while the
// offensive is on, the model's flight of a share of the residents from the
// fighting, and the city's rate that grows with the pace of the assault.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_displacement(const Params& p, State& s, const StepContext& c) {
  if (!p.has_city) return;
  const double remaining = p.city.population - s.displaced;
  if (remaining <= 0.0) return;
  double rate = p.city.displacement_base_per_day;
  double flight = 0.0;
  if (s.phase == Phase::kActive) {
    rate += p.city.displacement_assault_per_day * s.advance_factor;
    flight = std::max(0.0, p.model.displacement_share * p.city.population - s.displaced) *
             p.model.displacement_per_day;
  }
  s.displaced = std::min(p.city.population, s.displaced + (remaining * rate + flight) * c.dt);
}

}  // namespace sandtable::model
