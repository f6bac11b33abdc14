// Analysis of a sweep's results, per outcome: summary statistics and
// quantiles for every design, plus the design's sensitivity measures -
// tornado swings (oat), Morris mu* and sigma (morris), Sobol first-order and
// total indices with bootstrap confidence intervals (saltelli).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sandtable/results_table.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

struct QuantileValue {
  double probability = 0.0;
  double value = 0.0;
};

struct OutcomeSummary {
  std::uint64_t count = 0;  // successful runs
  double mean = 0.0;
  double sd = 0.0;  // sample standard deviation
  double min = 0.0;
  double max = 0.0;
  std::vector<QuantileValue> quantiles;  // 5%, 25%, 50%, 75%, 95%
  bool exact_quantiles = true;           // false: from a streaming sketch (see docs/sweeps.md)
};

// One bar of a tornado: the outcome with the parameter at its lowest and
// highest level, the others at their base values.
struct TornadoBar {
  std::string parameter;
  std::string low_value;  // the parameter's levels, as written in a scenario
  std::string high_value;
  double low = 0.0;  // the outcome
  double high = 0.0;
  double swing = 0.0;  // |high - low|
};

// Morris elementary effects, in outcome units per full range of the parameter.
struct MorrisIndex {
  std::string parameter;
  double mu = 0.0;
  double mu_star = 0.0;  // mean absolute elementary effect
  double sigma = 0.0;    // standard deviation of the elementary effects
  std::uint64_t trajectories = 0;
};

// Sobol indices (Saltelli 2010 first order, Jansen total) with bootstrap
// percentile intervals.
struct SobolIndex {
  std::string parameter;
  double first = 0.0;
  double first_low = 0.0;
  double first_high = 0.0;
  double total = 0.0;
  double total_low = 0.0;
  double total_high = 0.0;
};

struct OutcomeAnalysis {
  std::string outcome;
  OutcomeSummary summary;
  double base = 0.0;                // oat: the outcome of the base case
  std::vector<TornadoBar> tornado;  // sorted by swing, largest first
  std::vector<MorrisIndex> morris;  // sorted by mu*, largest first
  std::vector<SobolIndex> sobol;    // in parameter order
};

struct AnalysisReport {
  std::string method;  // the design's method name
  std::uint64_t seed = 0;
  std::uint64_t design_size = 0;
  std::uint64_t runs = 0;  // stored or analysed runs
  // Fewer runs than the design (runs < design_size): a sweep interrupted or
  // still running; every measure covers only the runs there are.
  bool partial = false;
  std::uint64_t failed = 0;
  std::uint64_t incomplete = 0;  // trajectories or base samples skipped for failed runs
  std::vector<std::string> parameters;
  int bootstrap = 0;
  double confidence = 0.0;
  std::vector<OutcomeAnalysis> outcomes;
};

// Reads a results database and analyses it. A database that holds fewer
// runs than its design is analysed as it is, out.partial set, and `note`
// (when given) is called with how many of how many runs it holds.
[[nodiscard]] Status analyze_results(const std::string& db_path, AnalysisReport& out,
                                     const std::function<void(const std::string&)>& note,
                                     const ReadProgress& progress = {});
[[nodiscard]] Status analyze_results(const std::string& db_path, AnalysisReport& out);

std::string format_analysis_table(const AnalysisReport& report);
std::string format_analysis_json(const AnalysisReport& report);
// Long format: outcome,measure,parameter,statistic,value.
std::string format_analysis_csv(const AnalysisReport& report);

}  // namespace sandtable
