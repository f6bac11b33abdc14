// Stage 1: month weather and heat; the D-day transition.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_calendar(const Params& p, State& s, const StepContext& c, Events& ev) {
  if (!c.first_substep) return;
  const MonthWeather& w = p.weather[static_cast<std::size_t>(c.month - 1)];
  s.flyable = w.flyable_fraction;
  const double excess = std::max(0.0, w.mean_high_c - p.heat_threshold_c);
  s.heat_factor = std::clamp(1.0 - p.heat_penalty_per_degree * excess, 0.0, 1.0);
  s.sorties_today = 0.0;
  s.progress_today = 0.0;
  if (c.day == p.d_day && s.phase == Phase::kBefore) {
    s.phase = Phase::kActive;
    ev.add(c.day, EventKind::kDDay);
    for (ElementState& es : s.elements) es.readiness_d_day = es.readiness;
    s.adversary.at_d_day = adversary_total(p, s);
    s.defenders_d_day = p.adversary_attacks ? coalition_defenders(p, s) : s.adversary.at_d_day;
    s.adversary.fortification_d_day = s.adversary.fortification;
  }
}

}  // namespace sandtable::model
