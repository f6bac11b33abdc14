// Derives a run's parameters from its scenario and sets up day 0.
#include <algorithm>
#include <cmath>
#include <utility>

#include "model/state.hpp"
#include "util/det_math.hpp"

namespace sandtable::model {

namespace {

int day_index(Date start, Date d) { return (d - start) + 1; }

}  // namespace

void build_params(const Scenario& sc, Params& p) {
  p.horizon = sc.calendar.horizon_days;
  p.start = sc.calendar.start;
  p.d_day = day_index(p.start, sc.calendar.d_day);
  p.substeps = std::max(1, sc.model.substeps_per_day);
  p.dt = 1.0 / p.substeps;
  p.model = sc.model;

  p.affiliations.assign(std::begin(kBuiltinAffiliations), std::end(kBuiltinAffiliations));
  for (const Affiliation& a : sc.affiliations) p.affiliations.push_back(a.name);
  p.iran_backed = 2;  // position of "iran_backed" among the built-ins

  p.elements.resize(sc.forces.size());
  p.reinforcements.clear();
  p.ring_size = 0;
  for (std::size_t i = 0; i < sc.forces.size(); ++i) {
    const ForceElement& f = sc.forces[i];
    ElementParams& e = p.elements[i];
    e = ElementParams{};
    e.coalition = f.side == Side::kCoalition;
    e.role = f.role;
    const auto it = std::find(p.affiliations.begin(), p.affiliations.end(), f.affiliation);
    e.affiliation = static_cast<int>(it - p.affiliations.begin());
    e.personnel = f.personnel;
    e.arrival_day = day_index(p.start, f.arrival.value_or(p.start));
    e.quality = f.quality;
    e.readiness = f.readiness;
    e.equipment = f.equipment;
    e.cohesion = f.cohesion;
    e.commit_delay_days = f.commit_delay_days;
    e.may_enter_city = f.may_enter_city;
    e.replacements_per_day = f.replacements_per_day;
    e.aid_share = f.aid_share;
    e.receives_diverted = f.receives_diverted_aid;
    if (f.training) {
      e.trains = f.training->trainees > 0.0;
      e.trainees = f.training->trainees;
      e.course_days = f.training->course_days;
      e.trained_readiness = f.training->trained_readiness;
      e.training_start_day = day_index(p.start, f.training->start.value_or(p.start));
      e.ring_offset = p.ring_size;
      p.ring_size += e.course_days;
    }
    if (f.integration) {
      e.integrates = true;
      e.integration = *f.integration;
    }
    if (f.mobilization) {
      e.mobilizes = true;
      e.mobilization = *f.mobilization;
    }
    if (f.air) e.air = *f.air;
    if (f.advising) e.advising = *f.advising;
    for (const Reinforcement& r : f.reinforcements) {
      p.reinforcements.push_back({static_cast<int>(i), day_index(p.start, r.date), r.personnel});
    }
  }
  // Stable insertion sort by day: std::stable_sort would allocate a buffer,
  // and a reset must not allocate once the buffers have their size.
  auto& rs = p.reinforcements;
  for (std::size_t i = 1; i < rs.size(); ++i) {
    for (std::size_t j = i; j > 0 && rs[j].day < rs[j - 1].day; --j) std::swap(rs[j], rs[j - 1]);
  }

  p.lines.clear();
  for (const LineOfEffort& l : sc.lines_of_effort) {
    LineParams lp;
    lp.target = l.acts_on;
    lp.effect_per_day = l.effect_per_day;
    lp.decay_per_step = util::det_exp(-l.effect_per_day * p.dt);
    lp.start_day = day_index(p.start, l.start.value_or(p.start));
    lp.floor = l.floor;
    p.lines.push_back(lp);
  }

  p.adversary = sc.adversary;
  p.has_aid = sc.equipment_aid.has_value();
  if (p.has_aid) {
    p.aid = *sc.equipment_aid;
    p.aid_first_day = day_index(p.start, p.aid.deliveries_start);
    p.aid_last_day = day_index(p.start, p.aid.deliveries_end);
  }
  p.has_city = sc.environment.city.has_value();
  p.sectors.clear();
  p.city_area = 0.0;
  p.adversary_attacks = false;
  if (p.has_city) {
    p.city = *sc.environment.city;
    p.adversary_attacks = p.city.held_by == Holder::kCoalition;
    // Sectors keep the scenario's (name) order; `order` decides when each is fought.
    if (p.city.sectors.empty()) {
      p.sectors.push_back({1, p.city.area_km2, p.city.population, 1.0, 1.0});
    } else {
      for (const Sector& sec : p.city.sectors) {
        p.sectors.push_back({sec.order, sec.area_km2, sec.population, sec.defender_share,
                             sec.fortification_factor});
      }
    }
    for (const SectorParams& sp : p.sectors) p.city_area += sp.area;
    if (p.city.population <= 0.0) {
      for (const SectorParams& sp : p.sectors) p.city.population += sp.population;
    }
  }
  p.urban_law = p.has_city && p.model.combat_law == CombatLaw::kUrban;
  // Defenders who can leave give ground and give up the city sooner; those
  // sealed in hold on: factor^(1 - 2 encirclement), 1 at the half-sealed default.
  const double retreat_exponent = p.has_city ? 1.0 - 2.0 * p.city.encirclement : 0.0;
  p.defender_will = util::det_pow(p.model.retreat_will_factor, retreat_exponent);
  p.advance_speed = util::det_pow(p.model.advance.retreat_speed_factor, retreat_exponent);
  p.loss_decay =
      p.model.loss_window_days > 0.0 ? util::det_exp(-p.dt / p.model.loss_window_days) : 0.0;
  for (int m = 1; m <= 12; ++m)
    p.weather[static_cast<std::size_t>(m - 1)] = sc.environment.weather.month(m);
  p.heat_threshold_c = sc.environment.heat_threshold_c;
  p.heat_penalty_per_degree = sc.environment.heat_penalty_per_degree;
}

void initial_state(const Params& p, State& s) {
  const std::size_t n = p.elements.size();
  // Keep the buffers' capacity: assign element by element.
  s.elements.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    es = ElementState{};
    es.readiness = e.readiness;
    es.equipment = e.equipment;
    es.cohesion = e.cohesion.initial;
    es.integration = e.integrates ? e.integration.initial : 1.0;
    if (e.arrival_day < 1) {
      es.present = true;
      es.personnel = e.personnel;
      es.arrived = e.personnel;
    }
  }
  s.next_reinforcement = 0;
  while (s.next_reinforcement < p.reinforcements.size() &&
         p.reinforcements[s.next_reinforcement].day < 1) {
    const ReinforcementParams& r = p.reinforcements[s.next_reinforcement++];
    ElementState& es = s.elements[static_cast<std::size_t>(r.element)];
    es.personnel += r.personnel;
    es.arrived += r.personnel;
  }
  s.available.assign(n, 0.0);
  s.weight.assign(n, 0.0);
  s.scratch.assign(n, 0.0);
  s.order.clear();
  s.order.reserve(n);
  s.sectors.resize(p.sectors.size());
  for (std::size_t k = 0; k < p.sectors.size(); ++k) s.sectors[k] = SectorState{};
  s.line_factor.assign(p.lines.size(), 1.0);
  s.course_ring.assign(static_cast<std::size_t>(p.ring_size), 0.0);

  AdversaryState& a = s.adversary;
  a = AdversaryState{};
  a.fighters = p.adversary.fighters;
  a.morale = p.adversary.morale.initial;
  a.morale_base = p.adversary.morale.initial;
  a.fortification = p.adversary.fortification.initial;
  a.initial_total = p.adversary.fighters;
  for (std::size_t i = 0; i < n; ++i) {
    if (!p.elements[i].coalition) a.initial_total += p.elements[i].personnel;
  }
  a.peak = a.fighters;

  s.day = 0;
  s.phase = Phase::kBefore;
  s.outcome = Outcome::kFailure;
  s.reason = EndReason::kHorizon;
  s.end_day = 0;
  s.finance_factor = s.recruitment_factor = s.foreign_factor = 1.0;
  s.us_personnel = s.peak_us_personnel = s.training_slots = 0.0;
  s.controller_coverage = s.forward_personnel = s.us_casualties = 0.0;
  s.air_support = 1.0;
  s.sorties_today = s.sorties_flown = s.aircraft_lost = s.pilots_captured = 0.0;
  s.cleared = s.progress_today = s.progress_step = s.force_ratio = s.advance_factor = 0.0;
  s.coalition_ref = s.adversary_ref = 0.0;
  s.refs_set = false;
  s.front_contact = s.front_power = s.peak_force_ratio = 0.0;
  s.attacker_losses = s.defender_losses = s.defenders_d_day = 0.0;
  s.margins = MarginState{};
  s.containment = 1.0;
  s.culmination_days = s.stall_days = 0;
  s.aid_delivered = s.aid_diverted = s.displaced = 0.0;
  s.flyable = 1.0;
  s.heat_factor = 1.0;
}

}  // namespace sandtable::model
