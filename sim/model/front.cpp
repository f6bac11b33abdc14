// Stage 11: the front. Force-to-space: a front of length L km holds at most
// troops_per_km * L attackers in contact; the rest of the attacking force is
// in reserve (resting, rotating, holding ground). The front of a sector
// shrinks with the area still held, L = max(min_km, km_per_sqrt_km2 *
// sqrt(remaining km2)), so a bigger city holds more attackers at once but
// not in proportion to its area. Sectors are attacked in increasing order;
// sectors of the same order are attacked at once, the attackers in contact
// shared in proportion to their fronts.
//
// Assault elements fill the front first, reserves relieve them when the
// assault cannot fill it (losses, breaking, fading cohesion). At most
// max_contact_share of an element can be in contact at once. Without a city
// the whole force is in contact: the plain Lanchester battle.
#include <algorithm>
#include <cmath>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

constexpr double kNoLimit = 1e300;

// Marks the sectors under attack and sizes their fronts; returns the
// attackers the fronts hold in all.
double size_fronts(const Params& p, State& s) {
  int order = 0;
  bool any = false;
  for (std::size_t k = 0; k < p.sectors.size(); ++k) {
    if (s.sectors[k].done) continue;
    if (!any || p.sectors[k].order < order) order = p.sectors[k].order;
    any = true;
  }
  double capacity = 0.0;
  const FrontSettings& f = p.model.front;
  for (std::size_t k = 0; k < p.sectors.size(); ++k) {
    SectorState& ss = s.sectors[k];
    if (ss.done || p.sectors[k].order != order) continue;
    const double remaining = std::max(0.0, p.sectors[k].area - ss.cleared);
    ss.active = true;
    ss.front_km = std::max(f.min_km, f.km_per_sqrt_km2 * std::sqrt(remaining));
    ss.capacity = f.troops_per_km * ss.front_km;
    capacity += ss.capacity;
  }
  return capacity;
}

// Fills `capacity` places at the front from the elements of one line (role
// assault or reserve) that can put `available` persons in contact: the best
// first, as a commander would, so that adding troops or making them better
// never lowers the power at the front (the power in contact is continuous in
// every input even where two elements swap places). Returns the places
// filled; sets State::scratch[i] to element i's persons in contact.
double fill_line(const Params& p, State& s, Role role, double capacity) {
  std::vector<int>& order = s.order;
  order.clear();
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    if (s.available[i] > 0.0 && p.elements[i].role == role) order.push_back(static_cast<int>(i));
  }
  // Best first; ties by declaration order, so the result never depends on the sort.
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const double wa = s.weight[static_cast<std::size_t>(a)];
    const double wb = s.weight[static_cast<std::size_t>(b)];
    return wa != wb ? wa > wb : a < b;
  });
  double left = capacity;
  for (int i : order) {
    const auto k = static_cast<std::size_t>(i);
    s.scratch[k] = std::min(s.available[k], left);
    left -= s.scratch[k];
  }
  return capacity - left;
}

// The coalition attacks: assault elements first, then reserves.
void coalition_contact(const Params& p, State& s, const StepContext& c, Events& ev,
                       double capacity) {
  const double share = p.has_city ? p.model.front.max_contact_share : 1.0;
  const std::size_t n = p.elements.size();
  for (std::size_t i = 0; i < n; ++i) {
    const ElementState& es = s.elements[i];
    const int ii = static_cast<int>(i);
    s.available[i] = 0.0;
    s.scratch[i] = 0.0;
    s.weight[i] = element_effectiveness(p, s, ii) * s.air_support;
    if (!in_assault(p, s, ii, c.day)) continue;
    const double firing = std::max(0.0, es.personnel - es.arrived_today);
    s.available[i] = firing * es.fade * share;
  }
  const double filled = fill_line(p, s, Role::kAssault, capacity);
  fill_line(p, s, Role::kReserve, std::max(0.0, capacity - filled));
  for (std::size_t i = 0; i < n; ++i) {
    ElementState& es = s.elements[i];
    const int ii = static_cast<int>(i);
    const double w = s.weight[i];
    const double firing = std::max(0.0, es.personnel - es.arrived_today);
    if (in_assault(p, s, ii, c.day)) {
      es.contact = s.scratch[i];
      es.power = es.contact * w;
      s.front_contact += es.contact;
      s.front_power += es.power;
      es.engaged = true;  // present at the front: hit even on the day it arrives
      if (es.contact > 0.0) {
        if (!es.committed && p.elements[i].role == Role::kReserve && c.first_substep) {
          ev.add(c.day, EventKind::kCommitted, ii);
        }
        es.committed = true;
      }
    } else if (on_cordon(p, s, ii)) {
      es.cordon = firing * es.fade * p.model.containment_intensity;
      es.power = es.cordon * w;
      es.engaged = es.cordon > 0.0;
    }
  }
}

// The adversary attacks the city the coalition holds.
void adversary_contact(const Params& p, State& s, double capacity) {
  const double share = p.model.front.max_contact_share;
  AdversaryState& a = s.adversary;
  const double available = adversary_total(p, s) * a.fade * share;
  a.contact = std::min(available, capacity);
  s.front_contact = a.contact;
  s.front_power = a.contact * adversary_base_effectiveness(p, s);
}

}  // namespace

void stage_front(const Params& p, State& s, const StepContext& c, Events& ev) {
  for (ElementState& es : s.elements) {
    es.engaged = false;
    es.losses_step = 0.0;
    es.power = 0.0;
    es.contact = 0.0;
    es.cordon = 0.0;
    es.personnel_step = es.personnel;
  }
  for (SectorState& ss : s.sectors) {
    ss.active = false;
    ss.front_km = ss.capacity = ss.contact = ss.power = 0.0;
    ss.defense = ss.defenders = ss.ratio = 0.0;
  }
  AdversaryState& a = s.adversary;
  a.losses_step = 0.0;
  a.contact = 0.0;
  a.fighters_step = adversary_total(p, s);
  s.front_contact = s.front_power = 0.0;
  if (s.phase != Phase::kActive) return;

  const double capacity = p.has_city ? size_fronts(p, s) : kNoLimit;
  if (p.adversary_attacks) {
    adversary_contact(p, s, capacity);
  } else {
    coalition_contact(p, s, c, ev, capacity);
  }
  if (!p.has_city || capacity <= 0.0) return;
  for (SectorState& ss : s.sectors) {
    if (!ss.active) continue;
    ss.contact = s.front_contact * ss.capacity / capacity;
    ss.power = s.front_power * ss.capacity / capacity;
  }
}

}  // namespace sandtable::model
