// Stage 13: clearing. In each sector under attack the front moves by
//
//   u = max_km_per_day * (g(rho) - counterattack_factor * g(1 / rho))   km/day
//
// with rho the force ratio at the front of the sector (stage 12) and
// g(r) = 1 / (1 + (ratio_at_half_speed / r)^steepness); a negative u is a
// counter-attack retaking ground. The area taken per day is u times the
// length of front the attackers cover, L * min(1, in contact / capacity):
// a big city takes longer in absolute terms, a dense or fortified defence
// lowers rho, and the last pockets, with short fronts and the defenders
// packed in, go slowest. A sector is cleared when its whole area is taken;
// the next sectors in order are attacked from the next step.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

void stage_clearing(const Params& p, State& s, const StepContext& c, Events& ev) {
  s.progress_step = 0.0;
  if (s.phase != Phase::kActive || !p.has_city) return;
  const AdvanceSettings& adv = p.model.advance;
  const double before_city = s.cleared;
  double taken = 0.0;
  double advance = 0.0;
  double capacity = 0.0;
  for (std::size_t k = 0; k < p.sectors.size(); ++k) {
    SectorState& ss = s.sectors[k];
    if (!ss.active) continue;
    const double g = advance_curve(adv, ss.ratio);
    const double back = adv.counterattack_factor > 0.0
                            ? (ss.ratio > 0.0 ? advance_curve(adv, 1.0 / ss.ratio) : 1.0)
                            : 0.0;
    const double u = adv.max_km_per_day * p.advance_speed * (g - adv.counterattack_factor * back);
    const double covered = ss.capacity > 0.0 ? std::min(1.0, ss.contact / ss.capacity) : 0.0;
    const double area = p.sectors[k].area;
    const double before = ss.cleared;
    ss.cleared = std::clamp(ss.cleared + u * ss.front_km * covered * c.dt, 0.0, area);
    taken += ss.cleared - before;
    advance += g * ss.capacity;
    capacity += ss.capacity;
    if (ss.cleared >= area) {
      ss.done = true;
      ss.cleared_day = c.day;
      if (p.sectors.size() > 1) ev.add(c.day, EventKind::kSectorCleared, static_cast<int>(k));
    }
  }
  s.advance_factor = capacity > 0.0 ? advance / capacity : 0.0;
  double cleared = 0.0;
  for (const SectorState& ss : s.sectors) cleared += ss.cleared;
  s.cleared = p.city_area > 0.0 ? std::min(1.0, cleared / p.city_area) : 1.0;
  bool all = true;
  for (const SectorState& ss : s.sectors) all = all && ss.done;
  if (all) s.cleared = 1.0;
  s.progress_step = p.city_area > 0.0 ? taken / p.city_area : 0.0;
  s.progress_today += s.progress_step;
  if (before_city < 0.5 && s.cleared >= 0.5) ev.add(c.day, EventKind::kCleared50);
  if (before_city < 1.0 && s.cleared >= 1.0) ev.add(c.day, EventKind::kCleared100);
}

}  // namespace sandtable::model
