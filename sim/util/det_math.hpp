// Elementary functions computed with +, -, *, / only (and exact scaling by
// powers of two), so their results are the same bits on every machine,
// compiler and C library. The model uses these instead of <cmath>'s exp,
// log and pow, whose last bit may differ between libm builds (for example
// with and without fused multiply-add). Accuracy: a few units in the last
// place, far below anything the model resolves.
#pragma once

namespace sandtable::util {

// e^x; +inf above about 709.78, 0 below about -745.1.
double det_exp(double x);
// Natural logarithm for x > 0; -inf for 0, NaN for negative x or NaN.
double det_log(double x);
// x^y for x >= 0 (0^y = 0 for y > 0, 1 for y = 0); NaN for negative x.
double det_pow(double x, double y);

}  // namespace sandtable::util
