// Internal: the pieces of the scenario declaration split across files
// (scenario_schema.cpp: the scenario, adversary, environment and model;
// scenario_schema_forces.cpp: a force element and its blocks).
#pragma once

#include <memory>
#include <vector>

#include "scenario/schema.hpp"

namespace sandtable::schema {

inline constexpr const char* kAssumption = "modelling assumption (see docs/model.md)";
inline constexpr const char* kNeutral = "neutral default: the mechanism is off";

// A force element (ForceElement) with its optional blocks.
Type& build_force(Registry& r);

}  // namespace sandtable::schema
