// Comparing resolved scenarios side by side, and explaining why their
// outcomes differ (`sandtable compare`).
//
// Two explanations are offered, both Shapley decompositions whose
// contributions add up to the total difference of each outcome:
//  - by assumption: every unit in which the two scenarios differ (see
//    diff_paths) is a player; a coalition is valued by running case A with
//    that coalition's units copied from case B;
//  - by mechanism: the state of each run at the start of its D-day is split
//    into named components (ISF readiness, IS fighters, fortification...,
//    see Simulation::state_components); a coalition is valued by running on
//    from A's D-day state with those components taken from B's. One more
//    player, "calendar after D-day", stands for everything that is not
//    state at D-day: the dates the offensive is fought on (weather, heat,
//    the remaining reinforcement and aid schedules) and any differing
//    assumption.
// docs/analysis.md explains both with examples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

// The outcomes attributed by default, in this order; names a scenario does
// not produce (isf_casualties without an "isf" element) are skipped.
inline constexpr const char* kHeadlineOutcomes[] = {
    "success",        "days_from_d_day",    "cleared_fraction", "coalition_casualties",
    "isf_casualties", "iran_backed_share",  "is_strength_end",  "is_gain_from_failure",
    "aircraft_lost",  "civilians_displaced"};

enum class MechanismDetail { kOff, kByKind, kByElement };

struct CompareOptions {
  std::vector<std::string> outcomes;  // outcomes to attribute; empty: kHeadlineOutcomes
  bool by_assumption = true;
  MechanismDetail mechanisms = MechanismDetail::kByKind;
  // Groups of key paths (as diff_paths reports them) attributed as one player,
  // for assumptions that are only valid together.
  std::vector<std::vector<std::string>> together;
  int exact_max = 12;   // exact Shapley values up to this many players
  bool sample = false;  // sample permutations even when exact is possible
  int permutations = 1000;
  std::uint64_t seed = 2015;
};

// One assumption that differs between the cases.
struct AssumptionDiff {
  std::string path;                  // dotted key path (a whole list or block when shapes differ)
  std::vector<std::string> values;   // per case, as written in a scenario file
  std::vector<std::string> sources;  // per case: "file:line:col", "<--set 1>:1:5" or "default"
};

struct OutcomeRow {
  std::string name;
  std::vector<std::optional<double>> values;  // per case; empty when a case lacks it
};

// One player of an attribution and its contribution to each outcome.
struct Contribution {
  std::string player;          // key path, or state component ("readiness: isf")
  std::string from, to;        // its value in case A and in case B, as text
  std::string change;          // both for people: "0.35 -> 0.5829", per element for groups
  std::vector<double> values;  // per attributed outcome
};

struct Attribution {
  std::string kind;  // "assumptions" or "mechanisms"
  int from_case = 0;
  int to_case = 1;
  bool available = false;
  std::string reason;  // why not available, when it is not
  std::vector<std::string> outcomes;
  std::vector<double> from_values;  // per outcome: case A
  std::vector<double> to_values;    // per outcome: case B
  std::vector<Contribution> players;
  bool exact = true;
  std::size_t runs = 0;  // model runs (distinct coalitions valued)
  int permutations = 0;  // sampled only
  std::uint64_t seed = 0;

  // "exact Shapley values over 3 players (8 runs)" or
  // "sampled Shapley values: 1000 permutations of 14 players, seed 2015 (9,871 runs)".
  [[nodiscard]] std::string method() const;
};

struct Comparison {
  std::vector<std::string> files;   // as given
  std::vector<std::string> labels;  // short column names (file stems, made unique)
  std::vector<std::string> names;   // scenario names
  std::vector<AssumptionDiff> assumptions;
  std::vector<OutcomeRow> outcomes;  // every outcome of any case, first case's order first
  // For each later case against the first: by assumption, then by mechanism.
  std::vector<Attribution> attributions;
};

// Compares two or more loaded scenarios. Returns nothing and fills `errors`
// for bad options (unknown outcome names, unknown --together paths).
std::optional<Comparison> compare_scenarios(const std::vector<LoadedScenario>& cases,
                                            const CompareOptions& options, Diagnostics& errors);

enum class CompareFormat { kTable, kJson, kCsv, kMarkdown };

// Renders a comparison; the same comparison always gives the same bytes.
// `top` limits the players listed per outcome in the table (the rest are
// summed in one line); Markdown, JSON and CSV list every player. `width` > 0:
// the assumption and outcome tables fit in that many columns, split into
// blocks that repeat the first column.
std::string format_comparison(const Comparison& comparison, CompareFormat format, int top = 5,
                              int width = 0);

}  // namespace sandtable
