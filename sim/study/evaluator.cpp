#include "study/evaluator.hpp"

#include <cmath>
#include <exception>
#include <limits>
#include <stdexcept>

#include "sandtable/results.hpp"

namespace sandtable::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

RunOptions lean_options() {
  RunOptions o;
  o.record_daily = false;
  o.record_timeline = false;
  return o;
}

}  // namespace

Evaluator::Evaluator(const PreparedStudy::Impl& study, bool keep_hashes)
    : study_(study), keep_hashes_(keep_hashes), scenario_(study.base.scenario) {
  for (const std::string& path : study.paths) {
    Diagnostic error;
    refs_.push_back(*ParameterRef::resolve(scenario_, path, error));  // resolved once in prepare
  }
  texts_.resize(refs_.size());
}

std::string Evaluator::cross_check() {
  if (!study_.full_check) return {};
  const Diagnostics d = check_scenario(scenario_);
  if (d.empty()) return {};
  std::string error;
  for (const Diagnostic& x : d.items()) {
    if (!error.empty()) error += "; ";
    error += x.path.empty() ? x.message : x.path + ": " + x.message;
    if (!x.hint.empty()) error += " (" + x.hint + ")";
  }
  return error;
}

void Evaluator::run_general(double* outcomes) {
  if (!simulation_) {
    simulation_.emplace(scenario_, lean_options());
  } else {
    simulation_->reset(scenario_);
  }
  simulation_->run_to_end();
  simulation_->results(results_);
  const std::size_t m = study_.outcomes.size();
  if (outcome_values(results_, outcomes, m) != m) {
    throw std::logic_error("the run reported another number of outcomes than the study expects");
  }
}

// Records what the row's hash needs; finish_hashes() digests them together.
void Evaluator::hash_row(Batch& out, std::size_t row) {
  out.hashed[row] = 1;
  if (!study_.fast_hash) {
    const std::string h = scenario_hash(scenario_);
    std::copy(h.begin(), h.end(), &out.hashes[row * 64]);
    return;
  }
  for (std::size_t p = 0; p < refs_.size(); ++p) texts_[p] = refs_[p].get_text();
  const std::size_t i = tail_rows_.size();
  if (tails_.size() <= i) tails_.resize(i + 1);
  study_.hasher.tail(texts_, tails_[i]);
  tail_rows_.push_back(row);
}

void Evaluator::finish_hashes(Batch& out) {
  const std::size_t n = tail_rows_.size();
  if (n == 0) return;
  tail_views_.assign(tails_.begin(), tails_.begin() + static_cast<std::ptrdiff_t>(n));
  digests_.resize(n * 64);
  study_.hasher.digest(tail_views_.data(), n, digests_.data());
  for (std::size_t i = 0; i < n; ++i) {
    std::copy_n(&digests_[i * 64], 64, &out.hashes[tail_rows_[i] * 64]);
  }
  tail_rows_.clear();
}

void Evaluator::evaluate(std::uint64_t first, std::uint64_t count, Batch& out) {
  const std::size_t k = refs_.size();
  const std::size_t m = study_.outcomes.size();
  const auto n = static_cast<std::size_t>(count);
  out.first = first;
  out.count = count;
  out.params.resize(n * k);
  out.outcomes.assign(n * m, kNaN);
  out.ok.assign(n, 0);
  out.errors.assign(n, std::string());
  out.hashes.resize(keep_hashes_ ? n * 64 : 0);
  out.hashed.assign(n, 0);
  tail_rows_.clear();
  for (std::size_t r = 0; r < n; ++r) {
    double* values = &out.params[r * k];
    study_.design->point(first + r, values);
    std::string error;
    bool values_set = true;
    for (std::size_t p = 0; p < k && error.empty(); ++p) {
      error = refs_[p].set(values[p]);
      values_set = error.empty();
    }
    if (error.empty()) error = cross_check();
    if (keep_hashes_ && values_set) hash_row(out, r);
    if (!error.empty()) {
      out.errors[r] = std::move(error);
      continue;
    }
    try {
      run_general(&out.outcomes[r * m]);
      out.ok[r] = 1;
    } catch (const std::exception& e) {
      out.errors[r] = std::string("internal error: ") + e.what();
    }
  }
  finish_hashes(out);
}

}  // namespace sandtable::study
