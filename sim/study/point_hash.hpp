// Internal: the scenario hash of every run of a sweep, fast. A run's scenario
// is the base scenario with a few values changed, so its canonical text (see
// scenario_hash) differs from the base's only on those lines: the hasher
// keeps the SHA-256 state after the unchanged prefix and hashes the rest.
// prepare() checks itself against scenario_hash(), so the result is always
// the hash `sandtable check` and `show` print for that scenario.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sandtable/scenario.hpp"
#include "util/sha256.hpp"

namespace sandtable::study {

class ScenarioHasher {
 public:
  // Plans hashing of scenarios equal to `base` except at `paths` (scalar
  // paths, as flatten() names them). Returns false when that is not possible.
  bool prepare(const Scenario& base, const std::vector<std::string>& paths);

  // The hex digest for the varied values' texts (as scenario files write
  // them), given in the order of `paths`. `scratch` is reused between calls.
  void hash(const std::vector<std::string>& values, std::string& scratch, char* hex64) const;

  // The same in two steps, for many points at once: the text after the
  // shared prefix, then the digests of n such tails (n x 64 hex digits).
  void tail(const std::vector<std::string>& values, std::string& out) const;
  void digest(const std::string_view* tails, std::size_t n, char* hex) const;

 private:
  util::Sha256 prefix_state_;
  std::uint64_t prefix_bytes_ = 0;    // bytes absorbed into prefix_state_
  std::string prefix_tail_;           // the rest of the text before the first value
  std::vector<std::string> between_;  // text after value i up to value i + 1 (the last: to the end)
  std::vector<int> order_;            // position in the text -> index into `paths`
};

}  // namespace sandtable::study
