// Stage 5: elements integrate with the main force (the ISF absorbing the
// Peshmerga): integration closes a fixed fraction of its gap each day.
#include "model/stages.hpp"

namespace sandtable::model {

void stage_integration(const Params& p, State& s, const StepContext& c) {
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    if (!e.integrates) continue;
    ElementState& es = s.elements[i];
    es.integration += e.integration.rate_per_day * (e.integration.target - es.integration) * c.dt;
  }
}

}  // namespace sandtable::model
