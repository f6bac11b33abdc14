// Rank correlation of sampled assumptions: Iman and Conover (1982) and Spearman's rho.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "uncertainty/distribution.hpp"
#include "util/text.hpp"

namespace sandtable::uncertainty {

namespace {

// The rank (0-based) of each entry of column j of the n x k row-major
// matrix, ties broken by row index.
std::vector<std::size_t> column_ranks(const double* data, std::size_t n, std::size_t k,
                                      std::size_t j) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return data[a * k + j] < data[b * k + j]; });
  std::vector<std::size_t> rank(n);
  for (std::size_t r = 0; r < n; ++r) rank[order[r]] = r;
  return rank;
}

// Pearson correlation matrix of the columns of `m`.
Eigen::MatrixXd correlation(const Eigen::MatrixXd& m) {
  const auto n = static_cast<double>(m.rows());
  Eigen::MatrixXd centered = m;
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    double sum = 0.0;
    for (Eigen::Index i = 0; i < m.rows(); ++i) sum += m(i, j);
    const double mean = sum / n;
    for (Eigen::Index i = 0; i < m.rows(); ++i) centered(i, j) -= mean;
  }
  Eigen::MatrixXd c(m.cols(), m.cols());
  for (Eigen::Index a = 0; a < m.cols(); ++a) {
    for (Eigen::Index b = 0; b < m.cols(); ++b) {
      double s = 0.0;
      for (Eigen::Index i = 0; i < m.rows(); ++i) s += centered(i, a) * centered(i, b);
      c(a, b) = s;
    }
  }
  for (Eigen::Index a = 0; a < m.cols(); ++a) {
    for (Eigen::Index b = 0; b < m.cols(); ++b) {
      if (a != b) c(a, b) /= std::sqrt(c(a, a) * c(b, b));
    }
  }
  for (Eigen::Index a = 0; a < m.cols(); ++a) c(a, a) = 1.0;
  return c;
}

std::string check_target(const std::vector<double>& target, std::size_t k) {
  if (target.size() != k * k) {
    return "expected a " + std::to_string(k) + " x " + std::to_string(k) +
           " target correlation matrix, found " + std::to_string(target.size()) + " entries";
  }
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      const double v = target[a * k + b];
      const std::string at = "(" + std::to_string(a + 1) + ", " + std::to_string(b + 1) + ")";
      if (!(v >= -1.0 && v <= 1.0))
        return "expected correlations in [-1, 1], found " + util::format_double(v) + " at " + at;
      if (a == b && v != 1.0)
        return "expected 1 on the diagonal, found " + util::format_double(v) + " at " + at;
      if (v != target[b * k + a]) {
        return "expected a symmetric target, found " + util::format_double(v) + " at " + at +
               " and " + util::format_double(target[b * k + a]) + " opposite";
      }
    }
  }
  return {};
}

}  // namespace

bool iman_conover(std::vector<double>& values, std::size_t n, std::size_t k,
                  const std::vector<double>& target, std::string& error) {
  if (values.size() != n * k) {
    error = "expected " + std::to_string(n * k) + " values (" + std::to_string(n) + " x " +
            std::to_string(k) + "), found " + std::to_string(values.size());
    return false;
  }
  if (n < k + 2) {
    error = "expected at least k + 2 = " + std::to_string(k + 2) + " samples to correlate, found " +
            std::to_string(n);
    return false;
  }
  if (std::string e = check_target(target, k); !e.empty()) {
    error = e;
    return false;
  }
  const auto kk = static_cast<Eigen::Index>(k);
  const auto nn = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd c(kk, kk);
  for (Eigen::Index a = 0; a < kk; ++a) {
    for (Eigen::Index b = 0; b < kk; ++b) c(a, b) = target[static_cast<std::size_t>(a * kk + b)];
  }
  const Eigen::LLT<Eigen::MatrixXd> p(c);
  if (p.info() != Eigen::Success) {
    error = "expected a positive definite target correlation matrix, found one that is not";
    return false;
  }
  // Van der Waerden scores, in each column in the order of the current ranks.
  std::vector<double> scores(n);
  for (std::size_t i = 0; i < n; ++i)
    scores[i] = normal_quantile(static_cast<double>(i + 1) / static_cast<double>(n + 1));
  Eigen::MatrixXd s(nn, kk);
  for (std::size_t j = 0; j < k; ++j) {
    const std::vector<std::size_t> rank = column_ranks(values.data(), n, k, j);
    for (std::size_t i = 0; i < n; ++i)
      s(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = scores[rank[i]];
  }
  const Eigen::LLT<Eigen::MatrixXd> q(correlation(s));
  if (q.info() != Eigen::Success) {
    error =
        "the columns' current rank orders are linearly dependent; Iman-Conover needs them "
        "independent";
    return false;
  }
  // T = S Q^-T P^T has correlation P P^T = C.
  const Eigen::MatrixXd q_inv = q.matrixL().solve(Eigen::MatrixXd::Identity(kk, kk));
  const Eigen::MatrixXd t = s * (q_inv.transpose() * Eigen::MatrixXd(p.matrixL()).transpose());
  std::vector<double> t_values(n * k);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j)
      t_values[i * k + j] = t(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  std::vector<double> sorted(n);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < n; ++i) sorted[i] = values[i * k + j];
    std::stable_sort(sorted.begin(), sorted.end());
    const std::vector<std::size_t> rank = column_ranks(t_values.data(), n, k, j);
    for (std::size_t i = 0; i < n; ++i) values[i * k + j] = sorted[rank[i]];
  }
  return true;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0.0;
  const auto average_ranks = [n](const std::vector<double>& v) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n;) {
      std::size_t j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
      const double r = 0.5 * static_cast<double>(i + j) + 1.0;  // mean of ranks i+1 .. j+1
      for (std::size_t t = i; t <= j; ++t) rank[order[t]] = r;
      i = j + 1;
    }
    return rank;
  };
  const std::vector<double> rx = average_ranks(x);
  const std::vector<double> ry = average_ranks(y);
  const double mean = 0.5 * static_cast<double>(n + 1);
  double sxy = 0.0, sxx = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (!(sxx > 0.0) || !(syy > 0.0)) return 0.0;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace sandtable::uncertainty
