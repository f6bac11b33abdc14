#include "util/det_math.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

namespace sandtable::util {

namespace {

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (Cody-Waite).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

// 1/n! for n = 0..13, each the double nearest to it (n! is exact in a double
// up to 18!, so one correctly rounded division gives it).
constexpr std::array<double, 14> exp_coefficients() {
  std::array<double, 14> c{};
  double factorial = 1.0;
  for (int n = 0; n < 14; ++n) {
    if (n > 0) factorial *= n;
    c[static_cast<std::size_t>(n)] = 1.0 / factorial;
  }
  return c;
}
constexpr std::array<double, 14> kExpCoefficients = exp_coefficients();

// 1/(2k+1) for k = 0..13.
constexpr std::array<double, 14> log_coefficients() {
  std::array<double, 14> c{};
  for (int k = 0; k < 14; ++k) c[static_cast<std::size_t>(k)] = 1.0 / (2 * k + 1);
  return c;
}
constexpr std::array<double, 14> kLogCoefficients = log_coefficients();

}  // namespace

double det_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.1332191019412) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2.
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // e^r by its Taylor series to r^13 / 13!: |error| < 2e-17 for |r| <= 0.347.
  // Horner's rule on the coefficients 1/n!: a chain of multiply-adds rather
  // than of divisions.
  double sum = kExpCoefficients[13];
  for (int n = 12; n >= 0; --n) sum = sum * r + kExpCoefficients[n];
  return std::ldexp(sum, static_cast<int>(k));
}

double det_log(double x) {
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < kSqrtHalf) {
    m *= 2.0;
    --e;
  }
  // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  // s (1 + s2/3 + s2^2/5 + ... + s2^13/27), by Horner's rule on s2.
  double poly = kLogCoefficients[13];
  for (int n = 12; n >= 0; --n) poly = poly * s2 + kLogCoefficients[n];
  const double series = s * poly;
  return (e * kLn2Hi + 2.0 * series) + e * kLn2Lo;
}

double det_pow(double x, double y) {
  if (std::isnan(x) || std::isnan(y) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (y == 0.0) return 1.0;
  if (x == 0.0) return y > 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  if (x == 1.0) return 1.0;
  if (y == 1.0) return x;
  return det_exp(y * det_log(x));
}

}  // namespace sandtable::util
