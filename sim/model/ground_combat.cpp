// Stage 11: ground combat and clearing. Losses follow the scenario's
// attrition law, written so that every law gives the same daily losses on
// the first day of contact and they differ only in how losses scale as the
// two sides' strengths change:
//
//   coalition losses  Lc = a * Y0 * (Y/Y0)^alpha_c * (X/X0)^beta_c
//   adversary losses  La = b * X0 * (X/X0)^alpha_a * (Y/Y0)^beta_a / (1 + protection)
//
// X, Y are the effective fire powers (coalition, adversary), X0, Y0 their
// values on the first day of contact. square: alpha 1, beta 0 (aimed fire);
// linear: alpha 1, beta 1 (area fire); logarithmic: alpha 0, beta 1; mixed:
// the coalition takes aimed fire, the hidden defenders area fire.
// The city is cleared at a rate set by the assault's force ratio.
#include <algorithm>

#include "model/combat_law.hpp"
#include "model/stages.hpp"

namespace sandtable::model {

namespace {

// x^e for e in {0, 1}, without pow().
double power01(double x, int e) { return e == 0 ? 1.0 : x; }

constexpr double kHugeRatio = 1e9;

}  // namespace

void stage_ground_combat(const Params& p, State& s, const StepContext& c, Events& ev) {
  for (ElementState& es : s.elements) {
    es.engaged = false;
    es.losses_step = 0.0;
    es.power = 0.0;
  }
  s.adversary.losses_step = 0.0;
  if (s.phase != Phase::kActive) return;

  const std::size_t n = p.elements.size();
  double assault = 0.0;      // X_assault
  double containment = 0.0;  // X_containment
  double exposure_total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    es.personnel_step = es.personnel;
    if (!e.coalition || !es.present || es.broken) continue;
    const int ii = static_cast<int>(i);
    const bool assaulting = in_assault(p, s, ii, c.day);
    const bool containing = e.role == Role::kContainment;
    if (!assaulting && !containing) continue;
    if (assaulting && e.role == Role::kReserve && c.first_substep &&
        c.day == p.d_day + e.commit_delay_days) {
      ev.add(c.day, EventKind::kCommitted, ii);
    }
    const double firing = std::max(0.0, es.personnel - es.arrived_today);
    const double w = element_effectiveness(p, s, ii) * s.air_support;
    const double intensity = assaulting ? 1.0 : p.model.containment_intensity;
    es.power = firing * w * intensity;
    es.engaged = true;
    if (assaulting) {
      assault += es.power;
    } else {
      containment += es.power;
    }
    exposure_total += es.personnel * intensity;
  }

  AdversaryState& a = s.adversary;
  a.fighters_step = adversary_total(p, s);
  a.power = a.fighters_step * adversary_effectiveness(p, s);
  const double x = assault + containment;
  const double y = a.power;
  if (!s.refs_set) {
    s.coalition_ref = x > 0.0 ? x : 1.0;
    s.adversary_ref = y > 0.0 ? y : 1.0;
    s.refs_set = true;
  }
  const double x0 = s.coalition_ref;
  const double y0 = s.adversary_ref;
  const LawExponents ec = coalition_exponents(p.model.combat_law);
  const LawExponents ea = adversary_exponents(p.model.combat_law);
  const double coalition_loss = p.model.adversary_kill_rate * y0 * power01(y / y0, ec.alpha) *
                                power01(x / x0, ec.beta) * c.dt;
  const double protection = 1.0 + p.adversary.fortification.max_protection * a.fortification;
  const double adversary_loss = p.model.coalition_kill_rate * x0 * power01(x / x0, ea.alpha) *
                                power01(y / y0, ea.beta) * c.dt / protection;

  if (exposure_total > 0.0 && coalition_loss > 0.0) {
    for (std::size_t i = 0; i < n; ++i) {
      ElementState& es = s.elements[i];
      if (!es.engaged) continue;
      const double intensity =
          p.elements[i].role == Role::kContainment ? p.model.containment_intensity : 1.0;
      const double loss =
          std::min(es.personnel, coalition_loss * es.personnel * intensity / exposure_total);
      es.personnel -= loss;
      es.casualties += loss;
      es.losses_step = loss;
    }
  }
  const double applied = apply_adversary_losses(p, s, adversary_loss);
  a.losses_step = applied;
  if (x > 0.0 && applied > 0.0) {
    for (std::size_t i = 0; i < n; ++i) {
      ElementState& es = s.elements[i];
      if (es.engaged) es.inflicted += applied * es.power / x;
    }
  }

  s.force_ratio = y > 0.0 ? assault / y : (assault > 0.0 ? kHugeRatio : 0.0);
  s.advance_factor = advance_curve(p.model.advance, s.force_ratio);
  if (p.has_city) {
    const double before = s.cleared;
    const double rate = p.model.advance.max_rate_per_day * p.city.urban_advance_factor;
    s.cleared = std::min(1.0, s.cleared + rate * s.advance_factor * c.dt);
    s.progress_today += s.cleared - before;
    if (before < 0.5 && s.cleared >= 0.5) ev.add(c.day, EventKind::kCleared50);
    if (before < 1.0 && s.cleared >= 1.0) ev.add(c.day, EventKind::kCleared100);
  }
}

}  // namespace sandtable::model
