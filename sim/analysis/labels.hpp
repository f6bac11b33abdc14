// Internal: short names for cases in reports.
#pragma once

#include <string>
#include <vector>

#include "sandtable/load.hpp"

namespace sandtable::analysis {

// File stems ("february", "spring"); a stem shared by several cases, or
// empty, is replaced by the whole path.
std::vector<std::string> case_labels(const std::vector<LoadedScenario>& cases);

}  // namespace sandtable::analysis
