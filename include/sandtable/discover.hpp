// Scenario discovery over a sweep's results (`sandtable discover`): PRIM
// boxes (sandtable/prim.hpp) that describe, in terms of the swept
// assumptions, where the criteria hold (or fail).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sandtable/parameters.hpp"
#include "sandtable/prim.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/scenario.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

struct DiscoverOptions {
  std::string criteria;  // over the table's outcome names
  bool fail = false;     // describe where the criteria fail instead
  PrimOptions prim;
};

struct Discovery {
  std::string criteria;
  bool fail = false;
  std::vector<std::string> parameters;
  std::vector<ParameterKind> kinds;  // per parameter
  std::size_t rows_used = 0;
  std::size_t rows_skipped = 0;  // failed runs, or values that are not numbers
  PrimResult prim;
};

// The kind of each swept parameter, resolved in `base` when given, else in a
// default scenario; numbers where neither resolves.
std::vector<ParameterKind> parameter_kinds(const std::vector<std::string>& paths,
                                           const Scenario* base);

// Runs PRIM on the table's successful rows. Returns nothing and fills
// `errors` for bad criteria (unknown outcome names, with a suggestion) or
// a table without parameters or rows.
std::optional<Discovery> discover(const ResultsTable& table,
                                  const std::vector<ParameterKind>& kinds,
                                  const DiscoverOptions& options, Diagnostics& errors);

// The boxes in words, each with its coverage, density and points, e.g.
//   the criteria fail whenever adversary.fighters >= 1,812
//     (coverage 0.87, density 0.92, 412 points)
std::string format_discovery(const Discovery& discovery);
// The same as JSON: each box's limits, coverage, density and points, and the
// peeling trajectory (coverage against density) of the first box.
std::string discovery_json(const Discovery& discovery);

}  // namespace sandtable
