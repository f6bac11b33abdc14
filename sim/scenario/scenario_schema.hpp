// Access to the declared scenario schema (see scenario_schema.cpp).
#pragma once

#include "scenario/schema.hpp"

namespace sandtable::schema {

// The root type: a whole Scenario.
const Type& scenario_type();

}  // namespace sandtable::schema
