// Ensembles over uncertain assumptions (`sandtable ensemble`, `compare
// --ensemble`, `decide`): every case runs on the same N worlds, each world
// a draw of every assumption of the cases' `uncertainty:` blocks (common
// random numbers), so that the differences between cases are paired.
//
//   cases -> WorldSet (Latin hypercube or Sobol points in the unit cube,
//            rank-correlated by Iman-Conover) -> run every case in every
//            world -> per-case statistics, paired differences, drivers.
//
// World w is the same unit point for every case; a case maps it through its
// own distribution of each assumption (the one its block declares), and a
// case that does not declare an assumption keeps its written value. The
// results are the same bytes at any thread count. docs/uncertainty.md
// explains the method and the report.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/parameters.hpp"
#include "sandtable/prim.hpp"
#include "sandtable/status.hpp"
#include "sandtable/study.hpp"

namespace sandtable {

enum class WorldSampling { kLatinHypercube, kSobol };

struct EnsembleOptions {
  std::uint64_t worlds = 1000;
  std::uint64_t seed = 2015;
  WorldSampling sampling = WorldSampling::kLatinHypercube;
  int threads = 0;                          // 0: every core
  std::string criteria;                     // empty: the first case's analysis.criteria
  std::vector<std::string> outcomes;        // reported outcomes; empty: the ensemble defaults
  std::vector<std::string> extra_outcomes;  // recorded as well (a decision's objective)
  std::vector<std::string> labels;          // names of the cases; empty: file stems, made unique
  // Non-empty: each case's runs are stored in <store_dir>/<label>.db (a sweep
  // database, docs/sweeps.md, of a list design whose rows are the worlds),
  // so an interrupted ensemble resumes; empty: runs are held in memory.
  std::string store_dir;
  bool resume = false;     // continue the databases of the same ensemble
  bool overwrite = false;  // replace them
  // Per case, the --set overrides it was loaded with (stored ensembles reload it).
  std::vector<std::vector<std::string>> case_overrides;
  const std::atomic<bool>* stop = nullptr;             // set (by SIGINT) to stop a stored ensemble
  std::function<void(const SweepProgress&)> progress;  // runs done of every case
};

// The outcomes an ensemble reports by default, in this order (absent ones
// skipped), followed by the casualties of every coalition element.
inline constexpr const char* kEnsembleOutcomes[] = {
    "duration_days",       "days_from_d_day",   "cleared_fraction",    "attacker_casualties",
    "defender_casualties", "iran_backed_share", "us_casualties",       "peak_us_personnel",
    "aircraft_lost",       "aid_diverted_usd",  "civilians_displaced", "is_strength_end"};

// One uncertain assumption of the ensemble.
struct WorldInput {
  std::string path;
  ParameterKind kind = ParameterKind::kNumber;
  std::string distribution;  // as the first case that declares it writes it
};

struct Quantiles {
  double mean = 0.0;
  double q05 = 0.0, q25 = 0.0, q50 = 0.0, q75 = 0.0, q95 = 0.0;
};

// A share of worlds with its Wilson score interval (95 %).
struct Share {
  std::uint64_t count = 0;
  std::uint64_t of = 0;
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
};
Share wilson_share(std::uint64_t count, std::uint64_t of, double z = 1.959963984540054);

struct CaseSummary {
  std::string label;
  std::string file;
  std::string name;
  Share success, failure, stalemate, unresolved;
  Share meets;                      // the criteria hold
  std::vector<Quantiles> outcomes;  // per EnsembleReport::outcomes (NaN-free; absent -> 0)
};

// An assumption ranked by how much it decides an outcome: Spearman rank
// correlation of its value with the outcome over the worlds.
struct Driver {
  std::string path;
  double rank_correlation = 0.0;
};

struct PairedSummary {
  int from_case = 0;  // the baseline (the first case)
  int to_case = 1;
  // Worlds where the criteria hold in `to` only, in `from` only, in both, in neither.
  Share to_only, from_only, both, neither;
  // Per reported outcome: to - from, and the share of worlds where to < from and to > from.
  std::vector<Quantiles> difference;
  std::vector<double> share_lower;
  std::vector<double> share_higher;
  // Which assumptions decide whether `to` or `from` is the better bet: ranked
  // by |rank correlation| with (to meets) - (from meets); PRIM boxes of the
  // worlds where only `to` meets and where only `from` meets.
  std::vector<Driver> drivers;
  std::vector<std::string> to_better_boxes;
  std::vector<std::string> from_better_boxes;
};

struct EnsembleReport {
  std::uint64_t worlds = 0;
  std::uint64_t seed = 0;
  WorldSampling sampling = WorldSampling::kLatinHypercube;
  std::string criteria;
  std::string criteria_origin;
  std::vector<WorldInput> inputs;
  std::vector<std::string> outcomes;
  std::vector<CaseSummary> cases;
  std::vector<std::vector<Driver>> success_drivers;     // per case: drivers of "criteria hold"
  std::vector<std::vector<std::string>> failure_boxes;  // per case: PRIM boxes where they do not
  std::vector<PairedSummary> paired;                    // each later case against the first
};

// Raw results of running cases on shared worlds.
struct EnsembleRuns {
  std::vector<WorldInput> inputs;
  std::uint64_t worlds = 0;
  std::vector<double> unit;                // worlds x inputs, the shared unit points
  std::vector<std::string> outcome_names;  // the reported outcomes; every case has them
  // Per case: worlds x inputs values taken, worlds x outcomes values, worlds flags (criteria).
  std::vector<std::vector<double>> inputs_taken;
  std::vector<std::vector<double>> values;
  std::vector<std::vector<bool>> meets;
  // Per case: per world 0 success, 1 failure, 2 stalemate, 3 unresolved.
  std::vector<std::vector<unsigned char>> classes;
  std::string criteria;
  std::string criteria_origin;
};

// Runs every case on the same worlds. Returns nothing and fills `errors`
// for cases without any uncertain assumption, bad criteria, 0 worlds, an
// ensemble over the memory limit, or correlations that cannot hold.
// `code`, when given, is set to the exit code of a failure (invalid input,
// I/O for a database, interrupted).
std::optional<EnsembleRuns> run_ensemble(const std::vector<LoadedScenario>& cases,
                                         const EnsembleOptions& options, Diagnostics& errors,
                                         ExitCode* code = nullptr);

// Summarises runs: per case, then each later case paired with the first.
// Cases are labelled by their file stems, made unique.
EnsembleReport summarize_ensemble(const std::vector<LoadedScenario>& cases,
                                  const EnsembleRuns& runs, const EnsembleOptions& options);

// PRIM boxes (at most two) of the worlds where `flag` holds, described in
// the assumptions' values: "adversary.fighters >= 1,700 (62% of those
// worlds, 85% inside the box)". Empty when no world or every world is flagged.
std::vector<std::string> world_boxes(const std::vector<LoadedScenario>& cases,
                                     const EnsembleRuns& runs, const std::vector<bool>& flag);

// Quantiles (linear interpolation between order statistics, Hyndman-Fan
// type 7) and the mean of a sample; `values` is sorted in place.
Quantiles quantiles_of(std::vector<double>& values);

enum class EnsembleFormat { kTable, kJson, kCsv, kMarkdown };

// Robust decisions (`sandtable decide`): options (whole cases: a D-day, a
// force, an overlay) against the same worlds. Per option the satisficing
// share (worlds where the criteria hold), the probability of success, the
// expected objective and its regret: in each world, how much worse the
// option does than the best option in that world (Savage 1951).
struct DecisionOptions {
  std::string objective;  // an outcome name; empty: the criteria (1 when they hold, else 0)
  bool minimize = true;   // for an outcome objective
};

struct OptionSummary {
  std::string label;
  Share success;
  Share meets;
  Quantiles objective;  // the objective's value over the worlds
  double mean_regret = 0.0;
  double p90_regret = 0.0;
  double max_regret = 0.0;
  Share best;  // worlds where this option is the best (ties shared out to the first)
};

struct DecisionReport {
  EnsembleReport ensemble;
  std::string objective;  // as shown: an outcome name, or "criteria hold"
  bool minimize = true;
  std::vector<OptionSummary> options;
  // The most robust option by each metric (index into options).
  int by_satisficing = 0;
  int by_success = 0;
  int by_expected = 0;
  int by_max_regret = 0;
  // Where the ranking changes: the worlds in which the runner-up by
  // satisficing meets the criteria and the leader does not, as PRIM boxes.
  int runner_up = -1;
  Share runner_up_share;
  std::vector<std::string> runner_up_boxes;
};

std::optional<DecisionReport> decide(const std::vector<LoadedScenario>& options,
                                     const EnsembleRuns& runs, const EnsembleOptions& ensemble,
                                     const DecisionOptions& decision, Diagnostics& errors);

std::string format_decision(const DecisionReport& report, EnsembleFormat format);

// Renders a report; the same report always gives the same bytes.
std::string format_ensemble(const EnsembleReport& report, EnsembleFormat format);

}  // namespace sandtable
