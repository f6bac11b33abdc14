// Internal: the scenario hashes a sweep run with --no-hash did not store,
// computed on the way out of the database. A run's scenario is the resolved
// base scenario the database keeps (meta.base_scenario_yaml) with the row's
// values set at the parameter paths; its hash is computed as the sweep
// computes it (ScenarioHasher, or scenario_hash() when the hasher cannot be
// planned), so it is the hash a hashed sweep stores: the one `sandtable
// check` prints for that scenario.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sandtable/parameters.hpp"
#include "sandtable/scenario.hpp"
#include "study/evaluator.hpp"
#include "study/point_hash.hpp"
#include "study/store.hpp"

namespace sandtable::study {

class MissingHashes {
 public:
  // Called at most once, when hashes are missing and cannot be recomputed,
  // with the reason (a sentence without the database's name).
  using Note = std::function<void(const std::string&)>;

  // `header` must outlive this object. Nothing is read before fill() meets
  // a row without a hash, so databases with every hash stored cost nothing.
  MissingHashes(const StoreHeader& header, Note note);
  MissingHashes(const MissingHashes&) = delete;
  MissingHashes& operator=(const MissingHashes&) = delete;

  // Gives every row of `batch` that has no hash the one a hashed sweep
  // stores: the hash of the base with the row's values set, or none when a
  // value cannot be set (as the sweep stores none then). Rows stay without
  // a hash when the base scenario cannot be re-read.
  void fill(Batch& batch);

 private:
  enum class State { kUnprepared, kReady, kUnavailable };

  // Reads the base scenario and plans the hashing; false with the reason.
  [[nodiscard]] bool prepare(std::string& why);
  // The hash of the base with `values` set; false when one cannot be set.
  [[nodiscard]] bool hash(const double* values, char* hex64);

  const StoreHeader& header_;
  Note note_;
  State state_ = State::kUnprepared;
  Scenario scenario_;               // the base, with the last row's values set
  std::vector<ParameterRef> refs_;  // into scenario_
  ScenarioHasher hasher_;
  bool fast_ = false;  // hasher_ is usable
  std::vector<std::string> texts_;
  std::string scratch_;
};

}  // namespace sandtable::study
