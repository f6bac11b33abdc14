// Effectiveness per person of each side, shared by several stages.
#include <algorithm>
#include <cmath>

#include "model/stages.hpp"
#include "util/det_math.hpp"

namespace sandtable::model {

double element_effectiveness(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  const double floor_e = p.model.equipment_floor;
  const double equipment = floor_e + (1.0 - floor_e) * es.equipment;
  const double cohesion = 0.5 + 0.5 * es.cohesion;
  const double integration = 1.0 - p.model.integration_friction * (1.0 - es.integration);
  return e.quality * es.readiness * equipment * cohesion * integration * s.heat_factor;
}

double adversary_effectiveness(const Params& p, const State& s) {
  const double morale = 0.5 + 0.5 * std::min(s.adversary.morale, 2.0);
  const double fortification =
      1.0 + p.adversary.fortification.max_defense_bonus * s.adversary.fortification;
  return p.adversary.quality * morale * fortification;
}

double advance_curve(const AdvanceSettings& a, double ratio) {
  if (ratio <= 0.0) return 0.0;
  // g = r^k / (r^k + r50^k) = 1 / (1 + (r50 / r)^k)
  const double x = util::det_pow(a.ratio_at_half_speed / ratio, a.steepness);
  return 1.0 / (1.0 + x);
}

bool in_assault(const Params& p, const State& s, int i, int day) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  if (!e.coalition || !es.present || es.broken) return false;
  if (e.role == Role::kAssault) return day >= p.d_day + e.commit_delay_days;
  if (e.role == Role::kReserve) return day >= p.d_day + e.commit_delay_days;
  return false;
}

double adversary_total(const Params& p, const State& s) {
  double total = s.adversary.fighters;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (!p.elements[i].coalition && s.elements[i].present) total += s.elements[i].personnel;
  }
  return total;
}

}  // namespace sandtable::model

namespace sandtable::model {

double apply_adversary_losses(const Params& p, State& s, double loss) {
  const double total = adversary_total(p, s);
  if (total <= 0.0 || loss <= 0.0) return 0.0;
  const double applied = std::min(loss, total);
  const double fraction = applied / total;
  s.adversary.fighters -= s.adversary.fighters * fraction;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (p.elements[i].coalition || !s.elements[i].present) continue;
    const double l = s.elements[i].personnel * fraction;
    s.elements[i].personnel -= l;
    s.elements[i].casualties += l;
  }
  s.adversary.losses += applied;
  return applied;
}

}  // namespace sandtable::model
