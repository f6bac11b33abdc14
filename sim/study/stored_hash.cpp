#include "study/stored_hash.hpp"

#include <algorithm>
#include <utility>

#include "sandtable/load.hpp"

namespace sandtable::study {

MissingHashes::MissingHashes(const StoreHeader& header, Note note)
    : header_(header), note_(std::move(note)) {}

bool MissingHashes::prepare(std::string& why) {
  const std::string yaml = header_.get("base_scenario_yaml");
  if (yaml.empty()) {
    why = "the database holds no base scenario (meta.base_scenario_yaml)";
    return false;
  }
  LoadResult loaded = load_scenario_text(yaml, "meta.base_scenario_yaml");
  if (!loaded.ok()) {
    const Diagnostic& d = loaded.diagnostics[0];
    why = "the base scenario stored in meta.base_scenario_yaml does not read (" +
          (d.path.empty() ? d.message : d.path + ": " + d.message) + ")";
    return false;
  }
  // A database of an older version may hold a base this version reads
  // differently; only the same hash proves the runs' scenarios are rebuilt.
  if (scenario_hash(loaded.loaded->scenario) != header_.get("base_scenario_hash")) {
    why =
        "the base scenario stored in meta.base_scenario_yaml does not give the stored "
        "base_scenario_hash (written by sandtable " +
        (header_.get("sandtable_version").empty() ? std::string("of another version")
                                                  : header_.get("sandtable_version")) +
        ")";
    return false;
  }
  scenario_ = std::move(loaded.loaded->scenario);
  std::vector<std::string> paths;
  for (const StoredParameter& p : header_.parameters) {
    Diagnostic error;
    auto ref = ParameterRef::resolve(scenario_, p.path, error);
    if (!ref) {
      why = "parameter " + p.path + " does not resolve in the stored base scenario (" +
            error.message + ")";
      return false;
    }
    refs_.push_back(std::move(*ref));
    paths.push_back(p.path);
  }
  texts_.resize(refs_.size());
  fast_ = hasher_.prepare(scenario_, paths);
  return true;
}

// As Evaluator::evaluate() and hash_row(): the values are set in order, and
// a row whose values cannot all be set has no hash.
bool MissingHashes::hash(const double* values, char* hex64) {
  for (std::size_t p = 0; p < refs_.size(); ++p) {
    if (!refs_[p].set(values[p]).empty()) return false;
  }
  if (!fast_) {
    const std::string h = scenario_hash(scenario_);
    std::copy_n(h.data(), 64, hex64);
    return true;
  }
  for (std::size_t p = 0; p < refs_.size(); ++p) texts_[p] = refs_[p].get_text();
  hasher_.hash(texts_, scratch_, hex64);
  return true;
}

void MissingHashes::fill(Batch& batch) {
  const auto n = static_cast<std::size_t>(batch.count);
  const std::size_t k = header_.parameters.size();
  const auto end = batch.hashed.begin() + static_cast<std::ptrdiff_t>(n);
  if (std::find(batch.hashed.begin(), end, 0) == end) return;  // every hash stored
  if (state_ == State::kUnprepared) {
    std::string why;
    state_ = prepare(why) ? State::kReady : State::kUnavailable;
    if (state_ == State::kUnavailable && note_) note_(why);
  }
  if (state_ != State::kReady) return;
  batch.hashes.resize(n * 64, ' ');
  for (std::size_t r = 0; r < n; ++r) {
    if (batch.hashed[r]) continue;
    if (hash(batch.params.data() + r * k, &batch.hashes[r * 64])) batch.hashed[r] = 1;
  }
}

}  // namespace sandtable::study
