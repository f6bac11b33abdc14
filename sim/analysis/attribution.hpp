// Internal: the two Shapley attributions behind `sandtable compare`.
#pragma once

#include <string>
#include <vector>

#include "sandtable/compare.hpp"
#include "sandtable/scenario.hpp"

namespace sandtable::analysis {

// The units in which two scenarios differ that can change a run
// (diff_paths without `analysis.*`, which only holds criteria).
std::vector<std::string> model_diff_paths(const Scenario& a, const Scenario& b);

// Attribution of the outcomes' differences between `a` and `b` to the
// assumptions in which they differ. `outcomes` must be produced by both.
Attribution attribute_assumptions(const Scenario& a, const Scenario& b,
                                  const std::vector<std::string>& outcomes,
                                  const CompareOptions& options);

// Attribution to the components of the state at D-day, plus the calendar
// (and every assumption) after D-day; see sandtable/compare.hpp.
Attribution attribute_mechanisms(const Scenario& a, const Scenario& b,
                                 const std::vector<std::string>& outcomes,
                                 const CompareOptions& options);

}  // namespace sandtable::analysis
