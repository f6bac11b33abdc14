// Effectiveness per person of each side, and which side each element fights
// on: helpers shared by several stages.
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

double city_fortification(const Params& p, const State& s) {
  return p.adversary_attacks ? 0.0 : s.adversary.fortification;
}

double adversary_base_effectiveness(const Params& p, const State& s) {
  const double morale = 0.5 + 0.5 * std::min(s.adversary.morale, 2.0);
  return p.adversary.quality * morale;
}

double adversary_effectiveness(const Params& p, const State& s) {
  const double fortification =
      1.0 + p.adversary.fortification.max_defense_bonus * city_fortification(p, s);
  return adversary_base_effectiveness(p, s) * fortification;
}

double advance_curve(const AdvanceSettings& a, double ratio) {
  if (ratio <= 0.0) return 0.0;
  // g = r^k / (r^k + r50^k) = 1 / (1 + (r50 / r)^k)
  const double x = util::det_pow(a.ratio_at_half_speed / ratio, a.steepness);
  return 1.0 / (1.0 + x);
}

double fade(double distance, double width) {
  if (distance <= 0.0) return 0.0;
  if (distance >= width) return 1.0;
  const double t = distance / width;
  return t * t * (3.0 - 2.0 * t);
}

bool ground_role(Role r) {
  return r == Role::kAssault || r == Role::kReserve || r == Role::kContainment;
}

bool in_assault(const Params& p, const State& s, int i, int day) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  if (p.adversary_attacks || !e.coalition || !es.present || es.broken || !e.may_enter_city) {
    return false;
  }
  if (e.role != Role::kAssault && e.role != Role::kReserve) return false;
  return day >= p.d_day + e.commit_delay_days;
}

bool on_cordon(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  return !p.adversary_attacks && e.coalition && e.role == Role::kContainment && es.present &&
         !es.broken;
}

bool defends_city(const Params& p, const State& s, int i) {
  const ElementParams& e = p.elements[static_cast<std::size_t>(i)];
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  return p.adversary_attacks && e.coalition && ground_role(e.role) && e.may_enter_city &&
         es.present && !es.broken;
}

double adversary_total(const Params& p, const State& s) {
  double total = s.adversary.fighters;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (!p.elements[i].coalition && s.elements[i].present) total += s.elements[i].personnel;
  }
  return total;
}

double coalition_defenders(const Params& p, const State& s) {
  double total = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (defends_city(p, s, static_cast<int>(i))) total += s.elements[i].personnel;
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
