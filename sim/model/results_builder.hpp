// Internal: turns the final state of a run into Results.
#pragma once

#include <vector>

#include "model/state.hpp"
#include "sandtable/results.hpp"

namespace sandtable::model {

Results build_results(const Scenario& scenario, const Params& p, const State& s,
                      const std::vector<Event>& events,
                      const std::vector<DailyCampaign>& daily_campaign,
                      const std::vector<DailyElement>& daily_elements);
// The same into `out`, reusing its storage (after the first run of a
// scenario's shape, filling it allocates nothing unless events are kept).
void build_results(const Scenario& scenario, const Params& p, const State& s,
                   const std::vector<Event>& events,
                   const std::vector<DailyCampaign>& daily_campaign,
                   const std::vector<DailyElement>& daily_elements, Results& out);

}  // namespace sandtable::model
