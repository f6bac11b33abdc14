// The scenario's `uncertainty:` block (docs/uncertainty.md): key paths of
// scalar assumptions mapped to distributions, and rank correlations between
// them. It is read from the merged tree before binding (its keys are key
// paths, not schema keys) and checked against the bound scenario, so that
// every error points at the file position of the key or value at fault.
#pragma once

#include <optional>

#include "sandtable/load.hpp"
#include "scenario/tree.hpp"

namespace sandtable::detail {

// Removes the `uncertainty` entry from `root` and returns its value.
std::optional<Node> take_uncertainty(Node& root);

// Reads the block; `scenario` is the bound scenario the key paths refer to
// (resolved, never changed). Errors go to `diags`.
Uncertainty read_uncertainty(const Node& block, const Scenario& scenario, Diagnostics& diags);

}  // namespace sandtable::detail
