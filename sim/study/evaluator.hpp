// Internal: evaluating a batch of design points on one thread. Each thread
// owns a copy of the base scenario, the parameter references into it and a
// Simulation that is reset, never reallocated, between runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/model.hpp"
#include "sandtable/parameters.hpp"
#include "sandtable/results.hpp"
#include "study/prepared.hpp"

namespace sandtable::study {

// The results of consecutive design points [first, first + count).
struct Batch {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  std::vector<double> params;    // count x parameters, row-major
  std::vector<double> outcomes;  // count x outcomes, row-major; NaN for failed runs
  std::vector<unsigned char> ok;
  std::vector<std::string> errors;    // empty for successful runs
  std::vector<char> hashes;           // count x 64 hex digits (empty when not kept)
  std::vector<unsigned char> hashed;  // whether the row has a hash
};

class Evaluator {
 public:
  Evaluator(const PreparedStudy::Impl& study, bool keep_hashes);

  void evaluate(std::uint64_t first, std::uint64_t count, Batch& out);

 private:
  // The cross-field checks of the point's scenario; empty when valid.
  std::string cross_check();
  void run_general(double* outcomes);
  void hash_row(Batch& out, std::size_t row);
  void finish_hashes(Batch& out);

  const PreparedStudy::Impl& study_;
  bool keep_hashes_;
  Scenario scenario_;
  std::vector<ParameterRef> refs_;
  std::optional<Simulation> simulation_;
  Results results_;  // reused between runs
  std::vector<std::string> texts_;
  std::vector<std::string> tails_;  // per row: the hash text after the shared prefix
  std::vector<std::size_t> tail_rows_;
  std::vector<std::string_view> tail_views_;
  std::vector<char> digests_;
};

}  // namespace sandtable::study
