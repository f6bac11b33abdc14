// Internal: the analysis of a sweep, computed from its rows in design-point
// order and in bounded memory - from a results database (`sandtable
// analyze`) or from the runs themselves when rows are not stored.
//
//   every design  summary statistics and quantiles of every outcome
//   oat           tornado: the outcome at each parameter's lowest and highest level
//   morris        mu, mu* and sigma of the elementary effects (Morris 1991;
//                 Campolongo, Cariboni and Saltelli 2007)
//   saltelli      first-order (Saltelli et al. 2010) and total (Jansen 1999)
//                 Sobol indices, with percentile intervals from a Poisson
//                 bootstrap over base samples (Hanley and MacGibbon 2006)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sandtable/study_analysis.hpp"
#include "study/design.hpp"
#include "study/summary.hpp"

namespace sandtable::study {

struct AnalyzerSetup {
  DesignMethod method = DesignMethod::kGrid;  // selects the measures
  const Design* design = nullptr;             // needed for oat, morris and saltelli
  std::uint64_t design_size = 0;
  std::vector<std::string> parameters;
  std::vector<std::string> outcomes;
  std::uint64_t seed = 1;
  int bootstrap = 200;
  double confidence = 0.95;
};

class Analyzer {
 public:
  explicit Analyzer(AnalyzerSetup setup);

  // Adds n rows; their design indices must increase across calls.
  void add(const std::uint64_t* index, std::size_t n, const double* outcomes,
           const unsigned char* ok);
  // Same, for the consecutive indices first .. first + n - 1.
  void add_range(std::uint64_t first, std::size_t n, const double* outcomes,
                 const unsigned char* ok);

  [[nodiscard]] AnalysisReport finish() const;

 private:
  // What the analysis measures for each design method (analyzer.cpp,
  // kMeasures); a null step is skipped.
  struct Measures {
    DesignMethod method;
    void (Analyzer::*prepare)();
    void (Analyzer::*add)(std::uint64_t index, const double* outcomes, bool ok);
    void (Analyzer::*close)();  // a complete group of rows (morris, saltelli)
    std::size_t group_extra;    // rows in a group beyond one per parameter
    void (Analyzer::*finish)(AnalysisReport& r) const;
  };
  static const Measures kMeasures[];
  static const Measures& measures_of(DesignMethod method);

  void prepare_oat();
  void prepare_morris();
  void prepare_saltelli();
  void add_row(std::uint64_t index, const double* outcomes, bool ok);
  void add_oat(std::uint64_t index, const double* outcomes, bool ok);
  void add_group(std::uint64_t index, const double* outcomes, bool ok);  // morris, saltelli
  void close_morris();
  void close_saltelli();
  void finish_tornado(AnalysisReport& r) const;
  void finish_morris(AnalysisReport& r) const;
  void finish_sobol(AnalysisReport& r) const;

  AnalyzerSetup setup_;
  std::size_t k_ = 0;
  std::size_t m_ = 0;
  std::uint64_t runs_ = 0;
  std::uint64_t failed_ = 0;
  std::uint64_t incomplete_ = 0;
  std::vector<SummaryAccumulator> summaries_;
  const Measures* measures_;
  // oat: base outcomes and, per parameter, the outcomes at the low and high level.
  std::vector<double> base_;
  std::vector<double> low_;   // k x m
  std::vector<double> high_;  // k x m
  std::vector<std::uint64_t> low_level_;
  std::vector<std::uint64_t> high_level_;
  // morris and saltelli: the rows of the current group (trajectory or base sample).
  std::uint64_t group_ = UINT64_MAX;
  std::size_t group_rows_ = 0;
  bool group_ok_ = true;
  std::vector<double> rows_;
  // morris: per parameter and outcome, sums over trajectories.
  std::vector<std::uint64_t> ee_count_;  // k x m
  std::vector<double> ee_sum_, ee_abs_, ee_mean_, ee_m2_;
  // saltelli: per replicate (0: the sample itself) and outcome, the sums of
  // the estimators (see close_saltelli).
  std::size_t replicates_ = 1;
  std::vector<double> shift_;  // per outcome
  std::vector<bool> shift_set_;
  std::vector<double> sums_;  // replicates x m x (4 + 2k)
};

}  // namespace sandtable::study
