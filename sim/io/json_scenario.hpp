// Internal: the resolved scenario as a JSON value (walk over the schema).
#pragma once

#include <nlohmann/json.hpp>

#include "sandtable/scenario.hpp"

namespace sandtable::io {

nlohmann::ordered_json scenario_json(const Scenario& scenario);

}  // namespace sandtable::io
