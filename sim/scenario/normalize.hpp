// Defaults that depend on other values of the scenario (dates that default
// to calendar.start), filled in after binding so `show` prints them.
#pragma once

#include "sandtable/scenario.hpp"

namespace sandtable::detail {

void apply_defaults(Scenario& scenario);

}  // namespace sandtable::detail
