// Stage 12: ground combat, attrition between the forces the front put in
// contact (stage 11).
//
// The urban law (model.combat_law: urban, with a city), per sector under
// attack: the defenders fire at attackers exposed as they move (aimed fire);
// the attackers must find defenders hidden in the built-up area (search):
//
//   attackers hit   La = ka * Y / (1 + ka * Y / Mc)
//   defenders hit   Ld = kd * Xc * D / R / protection / (1 + kd * Xc / (R * protection))
//
// Y the defenders' effective power in the sector, Mc and Xc the attackers in
// contact and their effective power, D the defenders, R the area they still
// hold (km2). ka is attackers hit per effective defender per day; kd the area
// an effective attacker searches per day. The hyperbolic terms keep losses
// below the forces present. The defenders of the city are one force: each
// sector not yet cleared holds the share of them its defender_share gives
// among those sectors, so they fall back as sectors are lost.
//
// The classic laws (square, linear, logarithmic, mixed), and every case
// without a city, are Lanchester's equations between the two sides, written
// so that all laws give the same losses on the first day of contact:
//
//   coalition losses  Lc = a * Y0 * (Y/Y0)^alpha_c * (X/X0)^beta_c
//   adversary losses  La = b * X0 * (X/X0)^alpha_a * (Y/Y0)^beta_a / protection
//
// With the square law and no multipliers, Engel's Iwo Jima equations.
#include <algorithm>

#include "model/combat_law.hpp"
#include "model/stages.hpp"

namespace sandtable::model {

namespace {

// x^e for e in {0, 1}, without pow().
double power01(double x, int e) { return e == 0 ? 1.0 : x; }

// Persons defending the city and their effective power before fortification.
struct Defence {
  double persons = 0.0;
  double power = 0.0;
};

Defence city_defence(const Params& p, State& s) {
  Defence d;
  if (!p.adversary_attacks) {
    d.persons = adversary_total(p, s);
    d.power = d.persons * adversary_base_effectiveness(p, s) * s.adversary.fade;
    return d;
  }
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const int ii = static_cast<int>(i);
    if (!defends_city(p, s, ii)) continue;
    ElementState& es = s.elements[i];
    const double firing = std::max(0.0, es.personnel - es.arrived_today);
    es.power = firing * element_effectiveness(p, s, ii) * s.air_support * es.fade;
    es.engaged = true;
    d.persons += es.personnel;
    d.power += es.power;
  }
  return d;
}

// Removes `loss` from the attackers in contact (and, at `cordon_rate` per
// person, from the cordon); returns what was applied.
double hit_attackers(const Params& p, State& s, double loss, double cordon_rate) {
  if (p.adversary_attacks) {
    AdversaryState& a = s.adversary;
    const double applied = apply_adversary_losses(p, s, loss);
    a.losses_step += applied;
    return applied;
  }
  double applied = 0.0;
  for (ElementState& es : s.elements) {
    if (!es.engaged) continue;
    double l = 0.0;
    if (es.contact > 0.0 && s.front_contact > 0.0) l = loss * es.contact / s.front_contact;
    l += cordon_rate * es.cordon;
    l = std::min(es.personnel, l);
    es.personnel -= l;
    es.casualties += l;
    es.losses_step += l;
    applied += l;
  }
  return applied;
}

// Removes `loss` from the defenders, pro rata to personnel; returns it.
double hit_defenders(const Params& p, State& s, double loss) {
  if (!p.adversary_attacks) {
    const double applied = apply_adversary_losses(p, s, loss);
    s.adversary.losses_step += applied;
    return applied;
  }
  const double total = coalition_defenders(p, s);
  if (total <= 0.0 || loss <= 0.0) return 0.0;
  const double fraction = std::min(1.0, loss / total);
  double applied = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (!defends_city(p, s, static_cast<int>(i))) continue;
    ElementState& es = s.elements[i];
    const double l = es.personnel * fraction;
    es.personnel -= l;
    es.casualties += l;
    es.losses_step += l;
    es.engaged = true;
    applied += l;
  }
  return applied;
}

// Credits the defenders' losses to the coalition elements that caused them.
void credit(const Params& p, State& s, double inflicted) {
  if (inflicted <= 0.0) return;
  double total = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (p.elements[i].coalition && s.elements[i].engaged) total += s.elements[i].power;
  }
  if (total <= 0.0) return;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    ElementState& es = s.elements[i];
    if (p.elements[i].coalition && es.engaged) es.inflicted += inflicted * es.power / total;
  }
}

void urban_combat(const Params& p, State& s, const StepContext& c) {
  const Defence d = city_defence(p, s);
  double held_share = 0.0;
  for (std::size_t k = 0; k < p.sectors.size(); ++k) {
    if (!s.sectors[k].done) held_share += p.sectors[k].defender_share;
  }
  const double fortification = city_fortification(p, s);
  const Fortification& fort = p.adversary.fortification;
  const double ka = p.model.urban.defender_kill_rate;
  const double kd = p.model.urban.search_km2_per_day;
  double attacker_loss = 0.0;
  double defender_loss = 0.0;
  double defense_active = 0.0;
  for (std::size_t k = 0; k < p.sectors.size(); ++k) {
    SectorState& ss = s.sectors[k];
    if (!ss.active) continue;
    const double sigma = held_share > 0.0 ? p.sectors[k].defender_share / held_share : 0.0;
    const double f = std::min(1.0, fortification * p.sectors[k].fortification_factor);
    const double remaining = std::max(1e-6, p.sectors[k].area - ss.cleared);
    // Only the defenders within depth_km of the front the attackers cover
    // are engaged.
    const double covered = ss.capacity > 0.0 ? std::min(1.0, ss.contact / ss.capacity) : 0.0;
    const double engaged =
        std::min(1.0, ss.front_km * covered * p.model.front.depth_km / remaining);
    ss.defenders = d.persons * sigma;
    ss.defense = d.power * sigma * engaged * (1.0 + fort.max_defense_bonus * f);
    defense_active += ss.defense;
    const double protection = 1.0 + fort.max_protection * f;
    const double hits = ka * ss.defense;
    if (ss.contact > 0.0) attacker_loss += hits / (1.0 + hits / ss.contact) * c.dt;
    const double search = kd * ss.power / (remaining * protection);  // per defender per day
    defender_loss += ss.defenders * search / (1.0 + search) * c.dt;
    ss.ratio = ss.defense > 0.0 ? ss.power / ss.defense : (ss.power > 0.0 ? kHugeRatio : 0.0);
  }
  double cordon_power = 0.0;
  for (const ElementState& es : s.elements) {
    if (es.cordon > 0.0) cordon_power += es.power;
  }
  // The cordon skirmishes at the per-person rates of the assault.
  const double cordon_rate = s.front_contact > 0.0 ? attacker_loss / s.front_contact : 0.0;
  if (s.front_power > 0.0) defender_loss *= 1.0 + cordon_power / s.front_power;
  const double hit_a = hit_attackers(p, s, attacker_loss, cordon_rate);
  const double hit_d = hit_defenders(p, s, defender_loss);
  s.attacker_losses += hit_a;
  s.defender_losses += hit_d;
  if (!p.adversary_attacks) {
    credit(p, s, hit_d);
  } else {
    credit(p, s, hit_a);
  }
  s.force_ratio = defense_active > 0.0 ? s.front_power / defense_active
                                       : (s.front_power > 0.0 ? kHugeRatio : 0.0);
}

// Personnel of engaged element i exposed to fire: all of it in the city,
// a containment_intensity share on the cordon.
double exposure_weight(const Params& p, const State& s, int i) {
  const ElementState& es = s.elements[static_cast<std::size_t>(i)];
  return on_cordon(p, s, i) ? es.personnel * p.model.containment_intensity : es.personnel;
}

// Lanchester between the two sides (no city, or a classic law).
void classic_combat(const Params& p, State& s, const StepContext& c) {
  const std::size_t n = p.elements.size();
  double coalition = 0.0;  // X
  double exposure = 0.0;
  double assault = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    ElementState& es = s.elements[i];
    const int ii = static_cast<int>(i);
    if (p.adversary_attacks) {
      if (!defends_city(p, s, ii)) continue;
      const double firing = std::max(0.0, es.personnel - es.arrived_today);
      es.power = firing * element_effectiveness(p, s, ii) * s.air_support * es.fade;
      es.engaged = true;
    }
    if (!es.engaged) continue;
    coalition += es.power;
    exposure += exposure_weight(p, s, ii);
    if (!on_cordon(p, s, ii)) assault += es.power;
  }
  AdversaryState& a = s.adversary;
  const double adversary_persons = p.adversary_attacks ? a.contact : a.fighters_step;
  a.power =
      adversary_persons * adversary_effectiveness(p, s) * (p.adversary_attacks ? 1.0 : a.fade);
  const double x = coalition;
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
  const double protection =
      1.0 + p.adversary.fortification.max_protection * city_fortification(p, s);
  const double adversary_loss = p.model.coalition_kill_rate * x0 * power01(x / x0, ea.alpha) *
                                power01(y / y0, ea.beta) * c.dt / protection;

  double coalition_hit = 0.0;
  if (exposure > 0.0 && coalition_loss > 0.0) {
    for (std::size_t i = 0; i < n; ++i) {
      ElementState& es = s.elements[i];
      if (!es.engaged) continue;
      const double weight = exposure_weight(p, s, static_cast<int>(i));
      const double loss = std::min(es.personnel, coalition_loss * weight / exposure);
      es.personnel -= loss;
      es.casualties += loss;
      es.losses_step = loss;
      coalition_hit += loss;
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
  s.attacker_losses += p.adversary_attacks ? applied : coalition_hit;
  s.defender_losses += p.adversary_attacks ? coalition_hit : applied;
  const double attack = p.adversary_attacks ? y : assault;
  const double defense = p.adversary_attacks ? x : y;
  s.force_ratio = defense > 0.0 ? attack / defense : (attack > 0.0 ? kHugeRatio : 0.0);
  for (SectorState& ss : s.sectors) {
    if (!ss.active) continue;
    ss.defense = defense * (s.front_power > 0.0 ? ss.power / s.front_power : 0.0);
    ss.ratio = s.force_ratio;
  }
}

}  // namespace

void stage_ground_combat(const Params& p, State& s, const StepContext& c) {
  if (s.phase != Phase::kActive) return;
  if (p.urban_law) {
    urban_combat(p, s, c);
  } else {
    classic_combat(p, s, c);
  }
}

}  // namespace sandtable::model
