#include "study/summary.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sandtable::study {

namespace {

constexpr double kProbabilities[] = {0.05, 0.25, 0.5, 0.75, 0.95};

// Doubles mapped to unsigned keys in the same order.
std::uint64_t order_key(double v) {
  const auto bits = std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double from_key(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key;
  return std::bit_cast<double>(bits);
}

// Linear interpolation between order statistics (NumPy's default).
double sorted_quantile(const std::vector<double>& sorted, double p) {
  const double rank = p * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double f = rank - static_cast<double>(lo);
  return f == 0.0 ? sorted[lo] : sorted[lo] + f * (sorted[hi] - sorted[lo]);
}

}  // namespace

void SummaryAccumulator::add(double v) {
  if (count_ == 0) {
    min_ = max_ = first_ = v;
    count_ = 1;
    return;
  }
  if (constant_ && v == first_) {
    ++count_;
    return;
  }
  if (constant_) {
    constant_ = false;
    if (!histogram_ && count_ > kExactValues) {
      histogram_ = true;
      add_to_histogram(first_, count_);
    } else {
      exact_.assign(count_, first_);
    }
  }
  // Sums shifted by the first value (Chan, Golub and LeVeque 1983): no
  // division per value, and accurate when the first value is typical.
  ++count_;
  const double d = v - first_;
  sum_ += d;
  sum2_ += d * d;
  min_ = std::min(min_, v);
  max_ = std::max(max_, v);
  if (histogram_) {
    add_to_histogram(v, 1);
  } else {
    exact_.push_back(v);
    if (exact_.size() > kExactValues) spill_to_histogram();
  }
}

void SummaryAccumulator::spill_to_histogram() {
  histogram_ = true;
  for (double v : exact_) add_to_histogram(v, 1);
  exact_.clear();
  exact_.shrink_to_fit();
}

void SummaryAccumulator::add_to_histogram(double v, std::uint64_t times) {
  const std::uint64_t bucket = order_key(v) >> (52 - kMantissaBits);
  const std::uint64_t page = bucket >> kPageBits;
  if (pages_.size() <= page) pages_.resize(page + 1);
  if (!pages_[page]) pages_[page] = std::make_unique<Page>(Page{});
  (*pages_[page])[bucket & ((std::uint64_t{1} << kPageBits) - 1)] += times;
}

double SummaryAccumulator::histogram_quantile(double rank) const {
  // The value of order statistic `rank` (0-based): the lower edge of its bucket.
  const auto target = static_cast<std::uint64_t>(std::floor(rank));
  std::uint64_t seen = 0;
  for (std::size_t page = 0; page < pages_.size(); ++page) {
    if (!pages_[page]) continue;
    for (std::size_t i = 0; i < pages_[page]->size(); ++i) {
      seen += (*pages_[page])[i];
      if (seen > target) {
        const std::uint64_t bucket = (page << kPageBits) | i;
        return std::clamp(from_key(bucket << (52 - kMantissaBits)), min_, max_);
      }
    }
  }
  return max_;
}

OutcomeSummary SummaryAccumulator::finish() const {
  OutcomeSummary s;
  s.count = count_;
  if (count_ == 0) {
    s.mean = s.sd = s.min = s.max = std::nan("");
    for (double p : kProbabilities) s.quantiles.push_back({p, std::nan("")});
    return s;
  }
  const auto n = static_cast<double>(count_);
  s.mean = first_ + sum_ / n;
  s.sd = count_ > 1 ? std::sqrt(std::max(0.0, (sum2_ - sum_ * sum_ / n) / (n - 1.0))) : 0.0;
  s.min = min_;
  s.max = max_;
  s.exact_quantiles = constant_ || !histogram_;
  if (constant_) {
    for (double p : kProbabilities) s.quantiles.push_back({p, first_});
    return s;
  }
  if (!histogram_) {
    std::vector<double> sorted = exact_;
    std::sort(sorted.begin(), sorted.end());
    for (double p : kProbabilities) s.quantiles.push_back({p, sorted_quantile(sorted, p)});
    return s;
  }
  for (double p : kProbabilities) {
    s.quantiles.push_back({p, histogram_quantile(p * static_cast<double>(count_ - 1))});
  }
  return s;
}

}  // namespace sandtable::study
