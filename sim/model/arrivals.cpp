// Stage 2: elements, reinforcements and replacements arriving today. They are present (and
// can be hit) today and fire from tomorrow, as landings did in Engel's
// difference form: M(d) = M(d-1) + P(d) - A N(d-1).
#include <algorithm>

#include "model/stages.hpp"
#include "util/assert.hpp"

namespace sandtable::model {

void stage_arrivals(const Params& p, State& s, const StepContext& c) {
  if (!c.first_substep) return;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    ElementState& es = s.elements[i];
    es.arrived_today = 0.0;
    if (!es.present && p.elements[i].arrival_day == c.day) {
      es.present = true;
      es.personnel += p.elements[i].personnel;
      es.arrived += p.elements[i].personnel;
      es.arrived_today += p.elements[i].personnel;
    }
  }
  // Replacements make good losses, up to the persons that arrived.
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    ElementState& es = s.elements[i];
    const double rate = p.elements[i].replacements_per_day;
    if (rate <= 0.0 || !es.present || es.broken) continue;
    const double add = std::min(rate, std::max(0.0, es.arrived - es.personnel));
    es.personnel += add;
    es.arrived_today += add;
  }
  while (s.next_reinforcement < p.reinforcements.size() &&
         p.reinforcements[s.next_reinforcement].day <= c.day) {
    const ReinforcementParams& r = p.reinforcements[s.next_reinforcement++];
    SANDTABLE_ASSERT(r.day == c.day, "reinforcements arrive on their day, in date order");
    ElementState& es = s.elements[static_cast<std::size_t>(r.element)];
    es.personnel += r.personnel;
    es.arrived += r.personnel;
    es.arrived_today += r.personnel;
  }
}

}  // namespace sandtable::model
