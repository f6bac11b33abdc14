#include "study/analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include "study/rng.hpp"
#include "util/assert.hpp"

namespace sandtable::study {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double percentile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double rank = p * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (rank - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// NaN sorts last, then larger first.
bool larger_first(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a > b;
}

}  // namespace

// The measures of each design method, in enumerator order: none beyond the
// summaries for designs that only enumerate or sample, a tornado for oat,
// elementary effects for morris, Sobol indices for saltelli. Adding a method
// is adding a row here (and in design_methods() and the design's generators).
const Analyzer::Measures Analyzer::kMeasures[] = {
    {DesignMethod::kGrid, nullptr, nullptr, nullptr, 0, nullptr},
    {DesignMethod::kList, nullptr, nullptr, nullptr, 0, nullptr},
    {DesignMethod::kOneAtATime, &Analyzer::prepare_oat, &Analyzer::add_oat, nullptr, 0,
     &Analyzer::finish_tornado},
    {DesignMethod::kZip, nullptr, nullptr, nullptr, 0, nullptr},
    {DesignMethod::kLatinHypercube, nullptr, nullptr, nullptr, 0, nullptr},
    {DesignMethod::kSobol, nullptr, nullptr, nullptr, 0, nullptr},
    {DesignMethod::kMorris, &Analyzer::prepare_morris, &Analyzer::add_group,
     &Analyzer::close_morris, 1, &Analyzer::finish_morris},
    {DesignMethod::kSaltelli, &Analyzer::prepare_saltelli, &Analyzer::add_group,
     &Analyzer::close_saltelli, 2, &Analyzer::finish_sobol},
};

const Analyzer::Measures& Analyzer::measures_of(DesignMethod method) {
  static_assert(std::size(kMeasures) == static_cast<std::size_t>(DesignMethod::kSaltelli) + 1,
                "measures for every design method");
  const auto i = static_cast<std::size_t>(method);
  SANDTABLE_ASSERT(i < std::size(kMeasures) && kMeasures[i].method == method,
                   "the measures are in enumerator order");
  SANDTABLE_ASSERT((kMeasures[i].finish != nullptr) == design_method_info(method).sensitivity,
                   "a method has measures exactly when design_methods() calls it sensitivity");
  return kMeasures[i];
}

Analyzer::Analyzer(AnalyzerSetup setup)
    : setup_(std::move(setup)),
      k_(setup_.parameters.size()),
      m_(setup_.outcomes.size()),
      summaries_(m_),
      measures_(&measures_of(setup_.design ? setup_.method : DesignMethod::kGrid)) {
  if (measures_->prepare) (this->*measures_->prepare)();
}

void Analyzer::prepare_oat() {
  base_.assign(m_, kNaN);
  low_.assign(k_ * m_, kNaN);
  high_.assign(k_ * m_, kNaN);
  for (std::size_t i = 0; i < k_; ++i) {
    const Levels& l = setup_.design->spec().domains[i];
    std::uint64_t lo = 0;
    std::uint64_t hi = 1;
    if (l.discrete()) {
      lo = hi = 0;
      for (std::uint64_t v = l.size(); v-- > 0;) {
        if (l.at(v) == l.low()) lo = v;
        if (l.at(v) == l.high()) hi = v;
      }
    }
    low_level_.push_back(lo);
    high_level_.push_back(hi);
  }
}

void Analyzer::prepare_morris() {
  rows_.assign((k_ + 1) * m_, 0.0);
  ee_count_.assign(k_ * m_, 0);
  ee_sum_.assign(k_ * m_, 0.0);
  ee_abs_.assign(k_ * m_, 0.0);
  ee_mean_.assign(k_ * m_, 0.0);
  ee_m2_.assign(k_ * m_, 0.0);
}

void Analyzer::prepare_saltelli() {
  rows_.assign((k_ + 2) * m_, 0.0);
  replicates_ = 1 + static_cast<std::size_t>(std::max(0, setup_.bootstrap));
  shift_.assign(m_, 0.0);
  shift_set_.assign(m_, false);
  sums_.assign(replicates_ * m_ * (4 + 2 * k_), 0.0);
}

void Analyzer::add(const std::uint64_t* index, std::size_t n, const double* outcomes,
                   const unsigned char* ok) {
  for (std::size_t r = 0; r < n; ++r) add_row(index[r], outcomes + r * m_, ok[r] != 0);
}

void Analyzer::add_range(std::uint64_t first, std::size_t n, const double* outcomes,
                         const unsigned char* ok) {
  for (std::size_t r = 0; r < n; ++r) add_row(first + r, outcomes + r * m_, ok[r] != 0);
}

void Analyzer::add_row(std::uint64_t index, const double* outcomes, bool ok) {
  ++runs_;
  if (ok) {
    for (std::size_t j = 0; j < m_; ++j) {
      if (!std::isnan(outcomes[j])) summaries_[j].add(outcomes[j]);
    }
  } else {
    ++failed_;
  }
  if (measures_->add) (this->*measures_->add)(index, outcomes, ok);
}

void Analyzer::add_oat(std::uint64_t index, const double* outcomes, bool ok) {
  const Design::OatPosition p = setup_.design->oat_position(index);
  const auto store = [&](double* dst) {
    for (std::size_t j = 0; j < m_; ++j) dst[j] = ok ? outcomes[j] : kNaN;
  };
  if (p.parameter < 0) {
    store(base_.data());
    return;
  }
  const auto i = static_cast<std::size_t>(p.parameter);
  if (p.level == low_level_[i]) store(&low_[i * m_]);
  if (p.level == high_level_[i]) store(&high_[i * m_]);
}

void Analyzer::add_group(std::uint64_t index, const double* outcomes, bool ok) {
  const std::size_t size = k_ + measures_->group_extra;
  const std::uint64_t g = index / size;
  const auto pos = static_cast<std::size_t>(index % size);
  if (g != group_) {
    if (group_ != UINT64_MAX) ++incomplete_;  // the previous group lacked rows
    group_ = g;
    group_rows_ = 0;
    group_ok_ = true;
  }
  group_ok_ = group_ok_ && ok && pos == group_rows_;
  group_rows_ = pos + 1;
  std::copy_n(outcomes, m_, &rows_[pos * m_]);
  if (pos + 1 < size) return;
  if (group_ok_) {
    (this->*measures_->close)();
  } else {
    ++incomplete_;
  }
  group_ = UINT64_MAX;
}

void Analyzer::close_morris() {
  std::vector<int> order(k_);
  std::vector<double> delta(k_);
  setup_.design->morris_moves(group_, order.data(), delta.data());
  for (std::size_t s = 1; s <= k_; ++s) {
    const auto i = static_cast<std::size_t>(order[s - 1]);
    for (std::size_t j = 0; j < m_; ++j) {
      const double ee = (rows_[s * m_ + j] - rows_[(s - 1) * m_ + j]) / delta[i];
      const std::size_t at = i * m_ + j;
      const double n = static_cast<double>(++ee_count_[at]);
      ee_sum_[at] += ee;
      ee_abs_[at] += std::fabs(ee);
      const double d = ee - ee_mean_[at];
      ee_mean_[at] += d / n;
      ee_m2_[at] += d * (ee - ee_mean_[at]);
    }
  }
}

// Base sample j: rows A, AB_1..AB_k, B. For every replicate r with weight w
// (1 for r = 0, Poisson(1) draws for the bootstrap) and every outcome:
//   [0] sum w   [1] sum w (a + b)   [2] sum w (a^2 + b^2)     (a, b: f(A), f(B) shifted)
//   [4 + i]      sum w b (f(AB_i) - f(A))      (first order, Saltelli 2010, with f(B)
//                shifted like a and b: the same expectation, a much smaller variance
//                when the outcome's mean is large against its spread)
//   [4 + k + i]  sum w (f(A) - f(AB_i))^2      (total, Jansen 1999)
void Analyzer::close_saltelli() {
  const std::size_t width = 4 + 2 * k_;
  std::vector<double> w(replicates_, 1.0);
  Rng rng(mix(setup_.seed, 0xB0075, group_));
  for (std::size_t r = 1; r < replicates_; ++r) w[r] = rng.poisson1();
  for (std::size_t o = 0; o < m_; ++o) {
    const double fa = rows_[o];
    const double fb = rows_[(k_ + 1) * m_ + o];
    if (!shift_set_[o]) {
      shift_[o] = fa;
      shift_set_[o] = true;
    }
    const double a = fa - shift_[o];
    const double b = fb - shift_[o];
    for (std::size_t r = 0; r < replicates_; ++r) {
      if (w[r] == 0.0) continue;
      double* s = &sums_[(r * m_ + o) * width];
      s[0] += w[r];
      s[1] += w[r] * (a + b);
      s[2] += w[r] * (a * a + b * b);
      for (std::size_t i = 0; i < k_; ++i) {
        const double fab = rows_[(1 + i) * m_ + o];
        s[4 + i] += w[r] * b * (fab - fa);
        s[4 + k_ + i] += w[r] * (fa - fab) * (fa - fab);
      }
    }
  }
}

void Analyzer::finish_tornado(AnalysisReport& r) const {
  for (std::size_t j = 0; j < m_; ++j) {
    OutcomeAnalysis& o = r.outcomes[j];
    o.base = base_[j];
    for (std::size_t i = 0; i < k_; ++i) {
      const Levels& l = setup_.design->spec().domains[i];
      TornadoBar b;
      b.parameter = setup_.parameters[i];
      b.low_value = l.value_text(l.discrete() ? l.low() : l.oat_low());
      b.high_value = l.value_text(l.discrete() ? l.high() : l.oat_high());
      b.low = low_[i * m_ + j];
      b.high = high_[i * m_ + j];
      b.swing = std::fabs(b.high - b.low);
      o.tornado.push_back(std::move(b));
    }
    std::stable_sort(
        o.tornado.begin(), o.tornado.end(),
        [](const TornadoBar& a, const TornadoBar& b) { return larger_first(a.swing, b.swing); });
  }
}

void Analyzer::finish_morris(AnalysisReport& r) const {
  for (std::size_t j = 0; j < m_; ++j) {
    OutcomeAnalysis& o = r.outcomes[j];
    for (std::size_t i = 0; i < k_; ++i) {
      const std::size_t at = i * m_ + j;
      const auto n = static_cast<double>(ee_count_[at]);
      MorrisIndex x;
      x.parameter = setup_.parameters[i];
      x.trajectories = ee_count_[at];
      x.mu = n > 0 ? ee_sum_[at] / n : kNaN;
      x.mu_star = n > 0 ? ee_abs_[at] / n : kNaN;
      x.sigma = n > 1 ? std::sqrt(ee_m2_[at] / (n - 1.0)) : kNaN;
      o.morris.push_back(std::move(x));
    }
    std::stable_sort(o.morris.begin(), o.morris.end(),
                     [](const MorrisIndex& a, const MorrisIndex& b) {
                       return larger_first(a.mu_star, b.mu_star);
                     });
  }
}

void Analyzer::finish_sobol(AnalysisReport& r) const {
  const std::size_t width = 4 + 2 * k_;
  const double tail = (1.0 - setup_.confidence) / 2.0;
  for (std::size_t j = 0; j < m_; ++j) {
    // indices[r][i]: first order; indices[r][k + i]: total.
    std::vector<std::vector<double>> indices(replicates_, std::vector<double>(2 * k_, kNaN));
    for (std::size_t rep = 0; rep < replicates_; ++rep) {
      const double* s = &sums_[(rep * m_ + j) * width];
      if (s[0] <= 0.0) continue;
      const double mean = s[1] / (2.0 * s[0]);
      const double var = s[2] / (2.0 * s[0]) - mean * mean;
      if (!(var > 0.0)) continue;
      for (std::size_t i = 0; i < k_; ++i) {
        indices[rep][i] = s[4 + i] / s[0] / var;
        indices[rep][k_ + i] = 0.5 * s[4 + k_ + i] / s[0] / var;
      }
    }
    for (std::size_t i = 0; i < k_; ++i) {
      SobolIndex x;
      x.parameter = setup_.parameters[i];
      x.first = indices[0][i];
      x.total = indices[0][k_ + i];
      std::vector<double> first, total;
      for (std::size_t rep = 1; rep < replicates_; ++rep) {
        first.push_back(indices[rep][i]);
        total.push_back(indices[rep][k_ + i]);
      }
      x.first_low = percentile(first, tail);
      x.first_high = percentile(first, 1.0 - tail);
      x.total_low = percentile(total, tail);
      x.total_high = percentile(total, 1.0 - tail);
      r.outcomes[j].sobol.push_back(std::move(x));
    }
  }
}

AnalysisReport Analyzer::finish() const {
  AnalysisReport r;
  r.method = to_string(setup_.method);
  r.seed = setup_.seed;
  r.design_size = setup_.design_size;
  r.runs = runs_;
  r.partial = runs_ < setup_.design_size;
  r.failed = failed_;
  r.incomplete = incomplete_ + (group_ != UINT64_MAX ? 1 : 0);
  r.parameters = setup_.parameters;
  r.bootstrap = setup_.method == DesignMethod::kSaltelli ? setup_.bootstrap : 0;
  r.confidence = setup_.confidence;
  for (std::size_t j = 0; j < m_; ++j) {
    OutcomeAnalysis o;
    o.outcome = setup_.outcomes[j];
    o.summary = summaries_[j].finish();
    o.base = kNaN;
    r.outcomes.push_back(std::move(o));
  }
  if (measures_->finish) (this->*measures_->finish)(r);
  return r;
}

}  // namespace sandtable::study
