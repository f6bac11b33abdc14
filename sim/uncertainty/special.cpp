#include "uncertainty/special.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "uncertainty/distribution.hpp"
#include "util/det_math.hpp"

namespace sandtable::uncertainty {

namespace special {

namespace {

constexpr double kInvSqrt2Pi = 0.398942280401432677939946059934;
constexpr double kSqrt32 = 5.656854249492380195206754896838;
constexpr double kInf = std::numeric_limits<double>::infinity();

// e^(-x^2/2) without the rounding error of forming x^2: x is split into a
// part with few bits (x^2 exact) and a small remainder (Cody's device).
double half_square_exp(double x) {
  const double head = std::trunc(x * 16.0) / 16.0;
  const double del = (x - head) * (x + head);
  return util::det_exp(-head * head * 0.5) * util::det_exp(-del * 0.5);
}

}  // namespace

// W. J. Cody, "Rational Chebyshev approximations for the error function",
// Math. Comp. 23 (1969) 631-637, in the arrangement of his ANORM routine.
void normal_tails(double x, double& lower, double& upper) {
  static constexpr double kA[5] = {2.2352520354606839287, 161.02823106855587881,
                                   1067.6894854603709582, 18154.981253343561249,
                                   0.065682337918207449113};
  static constexpr double kB[4] = {47.20258190468824187, 976.09855173777669322,
                                   10260.932208618978205, 45507.789335026729956};
  static constexpr double kC[9] = {
      0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
      597.27027639480026226,  2494.5375852903726711, 6848.1904505362823326,
      11602.651437647350124,  9842.7148383839780218, 1.0765576773720192317e-8};
  static constexpr double kD[8] = {
      22.266688044328115691, 235.38790178262499861, 1519.377599407554805,  6485.558298266760755,
      18615.571640885098091, 34900.952721145977266, 38912.003286093271411, 19685.429676859990727};
  static constexpr double kP[6] = {0.21589853405795699,   0.1274011611602473639,
                                   0.022235277870649807,  0.001421619193227893466,
                                   2.9112874951168792e-5, 0.02307344176494017303};
  static constexpr double kQ[5] = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                                   0.00378239633202758244, 7.29751555083966205e-5};
  if (std::isnan(x)) {
    lower = upper = x;
    return;
  }
  const double y = std::fabs(x);
  if (y <= 0.66291) {
    double num = 0.0;
    double den = 0.0;
    if (y > 0x1.0p-54) {
      const double xsq = x * x;
      num = kA[4] * xsq;
      den = xsq;
      for (int i = 0; i < 3; ++i) {
        num = (num + kA[i]) * xsq;
        den = (den + kB[i]) * xsq;
      }
    }
    const double t = x * (num + kA[3]) / (den + kB[3]);
    lower = 0.5 + t;
    upper = 0.5 - t;
    return;
  }
  double tail = 0.0;  // P(Z > y)
  if (y <= kSqrt32) {
    double num = kC[8] * y;
    double den = y;
    for (int i = 0; i < 7; ++i) {
      num = (num + kC[i]) * y;
      den = (den + kD[i]) * y;
    }
    tail = half_square_exp(y) * ((num + kC[7]) / (den + kD[7]));
  } else if (y < 38.5) {
    const double r = 1.0 / (y * y);
    double num = kP[5] * r;
    double den = r;
    for (int i = 0; i < 4; ++i) {
      num = (num + kP[i]) * r;
      den = (den + kQ[i]) * r;
    }
    const double t = r * (num + kP[4]) / (den + kQ[4]);
    tail = half_square_exp(y) * ((kInvSqrt2Pi - t) / y);
  }
  if (x > 0) {
    upper = tail;
    lower = 1.0 - tail;
  } else {
    lower = tail;
    upper = 1.0 - tail;
  }
}

double normal_pdf(double x) {
  if (std::isinf(x)) return 0.0;
  return kInvSqrt2Pi * half_square_exp(std::fabs(x));
}

double normal_mass(double a, double b) {
  if (!(a < b)) return 0.0;
  double lo = 0.0, hi = 0.0, ignore = 0.0;
  if (a > 0.0) {  // both in the upper tail: P(Z > a) - P(Z > b)
    normal_tails(a, ignore, lo);
    if (b == kInf) return lo;
    normal_tails(b, ignore, hi);
    return lo - hi;
  }
  if (b == kInf) {
    normal_tails(a, ignore, hi);
    return hi;
  }
  normal_tails(b, hi, ignore);
  if (a == -kInf) return hi;
  normal_tails(a, lo, ignore);
  return hi - lo;
}

double log_gamma(double x) {
  static constexpr double kG[9] = {
      0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
      771.32342877765313,   -176.61502916214059,   12.507343278686905,
      -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  const double z = x - 1.0;
  double sum = kG[0];
  for (int i = 1; i < 9; ++i) sum += kG[i] / (z + static_cast<double>(i));
  const double t = z + 7.5;
  return kHalfLog2Pi + (z + 0.5) * util::det_log(t) - t + util::det_log(sum);
}

namespace {

double log_beta(double a, double b) { return log_gamma(a) + log_gamma(b) - log_gamma(a + b); }

// The continued fraction of I_x(a, b) (Numerical Recipes' betacf), modified Lentz.
double beta_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-16;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 500; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < kEps) break;
  }
  return h;
}

}  // namespace

double beta_cdf(double x, double a, double b) {
  if (!(x > 0.0)) return 0.0;
  if (!(x < 1.0)) return 1.0;
  const double front =
      util::det_exp(a * util::det_log(x) + b * util::det_log(1.0 - x) - log_beta(a, b));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_fraction(x, a, b) / a;
  return 1.0 - front * beta_fraction(1.0 - x, b, a) / b;
}

double beta_pdf(double x, double a, double b) {
  if (!(x > 0.0) || !(x < 1.0)) {
    // Limits at the ends for a, b >= 1.
    if (x == 0.0 && a == 1.0) return util::det_exp(-log_beta(a, b));
    if (x == 1.0 && b == 1.0) return util::det_exp(-log_beta(a, b));
    return 0.0;
  }
  return util::det_exp((a - 1.0) * util::det_log(x) + (b - 1.0) * util::det_log(1.0 - x) -
                       log_beta(a, b));
}

double beta_quantile(double p, double a, double b) {
  if (!(p > 0.0)) return 0.0;
  if (!(p < 1.0)) return 1.0;
  double lo = 0.0;
  double hi = 1.0;
  double x = a / (a + b);
  for (int i = 0; i < 200; ++i) {
    const double f = beta_cdf(x, a, b) - p;
    if (f == 0.0) return x;
    if (f < 0.0) {
      lo = x;
    } else {
      hi = x;
    }
    const double slope = beta_pdf(x, a, b);
    double next = slope > 0.0 ? x - f / slope : lo + 0.5 * (hi - lo);
    if (!(next > lo && next < hi)) next = lo + 0.5 * (hi - lo);
    const double step = std::fabs(next - x);
    x = next;
    if (step <= 1e-15 * std::max(x, 1e-3) || hi - lo <= 1e-16) break;
  }
  return x;
}

}  // namespace special

double normal_cdf(double z) {
  double lower = 0.0, upper = 0.0;
  special::normal_tails(z, lower, upper);
  return lower;
}

namespace {

// P. J. Acklam's rational approximation of the lower half of the normal
// quantile (relative error below 1.15e-9), for 0 < p <= 0.5.
double acklam_lower(double p) {
  static constexpr double kA[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                   -2.759285104469687e+02, 1.383577518672690e+02,
                                   -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double kB[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                   -1.556989798598866e+02, 6.680131188771972e+01,
                                   -1.328068155288572e+01};
  static constexpr double kC[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                   -2.400758277161838e+00, -2.549732539343734e+00,
                                   4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double kD[4] = {7.784695709041462e-03, 3.224671290700398e-01,
                                   2.445134137142996e+00, 3.754408661907416e+00};
  if (p < 0.02425) {
    const double q = std::sqrt(-2.0 * util::det_log(p));
    return (((((kC[0] * q + kC[1]) * q + kC[2]) * q + kC[3]) * q + kC[4]) * q + kC[5]) /
           ((((kD[0] * q + kD[1]) * q + kD[2]) * q + kD[3]) * q + 1.0);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((kA[0] * r + kA[1]) * r + kA[2]) * r + kA[3]) * r + kA[4]) * r + kA[5]) * q /
         (((((kB[0] * r + kB[1]) * r + kB[2]) * r + kB[3]) * r + kB[4]) * r + 1.0);
}

}  // namespace

// Acklam's approximation, then two Halley steps against normal_cdf. Computed
// for p <= 0.5 and mirrored, so normal_quantile(1 - p) == -normal_quantile(p)
// exactly whenever 1 - p is exact.
double normal_quantile(double p) {
  if (std::isnan(p)) return p;
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  if (p == 0.5) return 0.0;
  const bool upper = p > 0.5;
  const double t = upper ? 1.0 - p : p;
  double x = acklam_lower(t);
  for (int i = 0; i < 2; ++i) {
    const double e = normal_cdf(x) - t;
    const double pdf = special::normal_pdf(x);
    if (!(pdf > 0.0)) break;
    const double u = e / pdf;
    x -= u / (1.0 + 0.5 * x * u);
  }
  if (x > 0.0) x = 0.0;  // t <= 0.5 lies at or below the median
  return upper ? -x : x;
}

}  // namespace sandtable::uncertainty
