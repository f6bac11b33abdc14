// Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman
// and Fisher, 1999): boxes in the space of swept assumptions inside which a
// boolean outcome ("the criteria hold", or "fail") is concentrated, each
// with its coverage and density (`sandtable discover`).
//
// Peeling: starting from the whole space, repeatedly cut off the `peel_alpha`
// fraction of the box's points at the low or high end of one input, the cut
// that leaves the highest density, until the box would hold fewer than
// `min_support` of the points. Of the boxes on that trajectory, the one kept
// is, among those of density at least `min_density`, the one with the
// largest coverage x density: the knee of the trajectory, where peeling
// stops removing mostly misses and starts removing hits (the densest box if
// none reaches `min_density`). Pasting then widens it again while its
// density does not fall. Covering: the points in the box
// are set aside and the search repeats on the rest, up to `max_boxes`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/parameters.hpp"

namespace sandtable {

struct PrimOptions {
  double peel_alpha = 0.05;   // fraction of the box's points peeled per step
  double paste_alpha = 0.05;  // fraction of the box's points added per pasting step
  double min_support = 0.05;  // fraction of all points a box must keep
  double min_density = 0.8;   // see above; later boxes below it are not reported
  int max_boxes = 3;
  bool paste = true;
};

// lo <= x <= hi on one input; an absent bound is not restricted.
struct PrimLimit {
  std::size_t column = 0;
  std::optional<double> lo;
  std::optional<double> hi;
};

struct PrimBox {
  std::vector<PrimLimit> limits;  // restricted inputs only, in column order
  std::size_t points = 0;         // points inside, among those not covered by earlier boxes
  std::size_t hits = 0;           // of which the outcome holds
  double coverage = 0.0;          // hits / every hit of the data
  double density = 0.0;           // hits / points

  [[nodiscard]] bool contains(const double* row) const;
};

struct PrimResult {
  std::size_t points = 0;           // rows of the data
  std::size_t hits = 0;             // rows where the outcome holds
  std::vector<PrimBox> boxes;       // the covering sequence; the first box always when hits > 0
  std::vector<PrimBox> trajectory;  // the first box's peeling trajectory, whole space first
};

// `inputs` holds rows x columns values, row-major; `outcome` one flag per
// row. Deterministic: ties are broken by column order, low before high.
// Precondition: inputs.size() == outcome.size() * columns, no NaN.
PrimResult prim(const std::vector<double>& inputs, std::size_t columns,
                const std::vector<bool>& outcome, const PrimOptions& options = {});

// "adversary.fighters >= 1,812 and 0.1 <= forces.isf.readiness <= 0.4", with
// `names` and `kinds` per column (dates written as dates).
std::string describe_box(const PrimBox& box, const std::vector<std::string>& names,
                         const std::vector<ParameterKind>& kinds);

}  // namespace sandtable
