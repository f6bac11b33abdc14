// Internal: a batched kernel for scenarios where only the combat core is
// active - one coalition assault element against a garrison, no city, air,
// aid, training, integration, mobilisation, lines of effort, recruitment,
// fortification building, heat or stress - i.e. a two-sided Lanchester
// battle such as scenarios/validation/iwo-jima.yaml.
//
// The kernel performs exactly the floating-point operations of the general
// model's stages, in the same order, for every point; stages that are
// inactive in such a scenario (they add or multiply by exact zeros and ones)
// are skipped. So it gives the same outcomes, bit for bit, as run() -
// tests/study/lanchester_test.cpp checks this over grids of points.
// extract() decides eligibility per point, from the point's scenario.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sandtable/scenario.hpp"

namespace sandtable::study {

inline constexpr int kLanchesterMaxReinforcements = 16;

// The quantities the kernel computes per point (the other outcomes are 0).
enum LanchesterQuantity {
  kSuccess,
  kFailure,
  kStalemate,
  kEndDay,
  kDaysFromDDay,
  kCoalitionCasualties,
  kAdversaryLosses,
  kAdversaryDDay,
  kAdversaryPeak,
  kAdversaryEndOfOffensive,
  kAdversaryEnd,
  kFortificationDDay,
  kShare,
  kElementCasualties,
  kElementStrength,
  kElementReadinessDDay,
  kElementBroke,
  kQuantities
};

struct LanchesterCase {
  int horizon = 0;
  int d_day = 1;
  int substeps = 1;
  double dt = 1.0;
  int arrival_day = 1;
  double personnel = 0.0;
  int reinforcements = 0;
  int reinforcement_day[kLanchesterMaxReinforcements] = {};
  double reinforcement_personnel[kLanchesterMaxReinforcements] = {};
  double effectiveness = 0.0;  // per person, constant
  int commit_delay = 0;
  double casualty_breakpoint = 1.0;
  double readiness = 0.0;
  double fighters = 0.0;
  double adversary_effectiveness = 0.0;  // per fighter, constant
  double fortification = 0.0;
  double max_protection = 0.0;
  double coalition_kill_rate = 0.0;
  double adversary_kill_rate = 0.0;
  int coalition_alpha = 1;
  int coalition_beta = 0;
  int adversary_alpha = 1;
  int adversary_beta = 0;
  double culmination_ratio = 1.0;
  int culmination_days = 10;
  double defeated_fraction = 0.01;
};

// Where each kernel quantity goes among a scenario's outcomes.
class LanchesterLayout {
 public:
  // False when the outcome list has a name the kernel does not produce.
  bool prepare(const Scenario& base, const std::vector<std::string>& outcome_names);
  [[nodiscard]] std::size_t outcomes() const { return slot_.size(); }
  // slot_[j]: the kernel quantity of outcome j (-1: always zero).
  [[nodiscard]] const std::vector<int>& slots() const { return slot_; }

 private:
  std::vector<int> slot_;
};

// Fills `c` from the scenario and returns true when the scenario is eligible.
bool extract_lanchester(const Scenario& scenario, LanchesterCase& c);

// The instruction sets the kernel is compiled for (AVX-512, AVX2, SSE2);
// each gives the same bits. kBest: the best the CPU has (the default).
enum class KernelIsa { kBest, kAvx512, kAvx2, kPortable };
// Selects the instruction set; returns false, changing nothing, when the CPU
// lacks it. Not thread-safe: for tests, before any sweep runs.
bool select_lanchester_isa(KernelIsa isa);

// Evaluates `n` cases; writes outcomes row by row (n x layout.outcomes()).
// Cases with the same calendar (horizon, D-day, arrivals, substeps, combat
// law) run side by side, one lane each, so that the CPU overlaps their
// independent chains of divisions and vectorises them.
void run_lanchester(const LanchesterCase* cases, std::size_t n, const LanchesterLayout& layout,
                    double* outcomes);

}  // namespace sandtable::study
