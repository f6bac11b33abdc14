// Internal: the special functions behind the distributions, computed with
// util/det_math and + - * / sqrt only, so every result is the same bits on
// every machine. The standard normal CDF and quantile are declared in
// uncertainty/distribution.hpp; the helpers here serve distribution.cpp.
#pragma once

namespace sandtable::uncertainty::special {

// P(Z <= x) and P(Z > x) of the standard normal, each to full relative
// precision in its own tail (W. J. Cody's rational approximations, 1969).
void normal_tails(double x, double& lower, double& upper);
// The standard normal density.
double normal_pdf(double x);
// P(a < Z <= b) for a <= b (either may be infinite), computed in the tail
// where it is most accurate.
double normal_mass(double a, double b);

// ln Gamma(x) for x >= 0.5 (Lanczos, g = 7, 9 terms; about 1e-15 relative).
double log_gamma(double x);
// The regularized incomplete beta function I_x(a, b), a, b > 0 (continued
// fraction evaluated by the modified Lentz method).
double beta_cdf(double x, double a, double b);
// The Beta(a, b) density, a, b >= 1.
double beta_pdf(double x, double a, double b);
// The x in [0, 1] with I_x(a, b) = p, for a, b >= 1, by Newton steps
// safeguarded by bisection, to about 1e-15 in x. Exact at p = 0 and p = 1.
double beta_quantile(double p, double a, double b);

}  // namespace sandtable::uncertainty::special
