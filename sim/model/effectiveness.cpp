// Effectiveness per person of each side, and which side each element fights
// on: helpers shared by several stages.
#include <algorithm>
#include <cmath>

#include "model/stages.hpp"
#include "util/det_math.hpp"

namespace sandtable::model {

double advance_curve(const AdvanceSettings& a, double ratio) {
  if (ratio <= 0.0) return 0.0;
  // g = r^k / (r^k + r50^k) = 1 / (1 + (r50 / r)^k)
  const double x = util::det_pow(a.ratio_at_half_speed / ratio, a.steepness);
  return 1.0 / (1.0 + x);
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
