// Stage 6: equipment aid is delivered evenly over its window; a share is
// diverted to militias, the larger the militias' weight in the coalition.
#include <algorithm>

#include "model/stages.hpp"

namespace sandtable::model {

namespace {

void equip(ElementState& es, double usd, double usd_per_person) {
  if (es.personnel <= 0.0) return;
  es.equipment = std::min(1.0, es.equipment + usd / (es.personnel * usd_per_person));
}

}  // namespace

void stage_logistics(const Params& p, State& s, const StepContext& c) {
  if (!p.has_aid || c.day < p.aid_first_day || c.day > p.aid_last_day) return;
  const double days = static_cast<double>(p.aid_last_day - p.aid_first_day + 1);
  const double amount = p.aid.total_usd / days * c.dt;
  double ground = 0.0;
  double militia = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    const ElementState& es = s.elements[i];
    if (!e.coalition || !es.present) continue;
    if (e.role == Role::kAssault || e.role == Role::kReserve || e.role == Role::kContainment) {
      ground += es.personnel;
    }
    if (e.receives_diverted) militia += es.personnel;
  }
  const double militia_share = ground > 0.0 ? militia / ground : 0.0;
  const double diverted_share =
      std::min(1.0, p.aid.diversion_base_share + p.aid.diversion_influence_share * militia_share);
  const double diverted = amount * diverted_share;
  const double delivered = amount - diverted;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    ElementState& es = s.elements[i];
    if (!e.coalition || !es.present) continue;
    if (e.aid_share > 0.0) equip(es, delivered * e.aid_share, p.aid.usd_per_person);
    if (e.receives_diverted && militia > 0.0) {
      equip(es, diverted * es.personnel / militia, p.aid.usd_per_person);
    }
  }
  s.aid_delivered += amount;
  s.aid_diverted += diverted;
}

}  // namespace sandtable::model
