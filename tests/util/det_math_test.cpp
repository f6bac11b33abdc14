#include "util/det_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sandtable {
namespace {

// Relative difference in units of DBL_EPSILON.
double ulps(double a, double b) {
  if (a == b) return 0.0;
  return std::abs(a - b) / (std::abs(b) * std::numeric_limits<double>::epsilon());
}

TEST(DetMathTest, ExpMatchesTheLibraryToAFewUlps) {
  double worst = 0.0;
  for (double x = -700.0; x <= 700.0; x += 0.173)
    worst = std::max(worst, ulps(util::det_exp(x), std::exp(x)));
  for (double x = -1.0; x <= 1.0; x += 0.00137)
    worst = std::max(worst, ulps(util::det_exp(x), std::exp(x)));
  EXPECT_LT(worst, 8.0);
  EXPECT_EQ(util::det_exp(0.0), 1.0);
  EXPECT_EQ(util::det_exp(-1000.0), 0.0);
  EXPECT_TRUE(std::isinf(util::det_exp(1000.0)));
  EXPECT_TRUE(std::isnan(util::det_exp(std::nan(""))));
}

TEST(DetMathTest, LogMatchesTheLibraryToAFewUlps) {
  double worst = 0.0;
  for (double x = 1e-300; x < 1e300; x *= 1.37)
    worst = std::max(worst, ulps(util::det_log(x), std::log(x)));
  for (double x = 0.5; x <= 2.0; x += 0.000731) {
    if (std::abs(x - 1.0) > 1e-3) worst = std::max(worst, ulps(util::det_log(x), std::log(x)));
  }
  EXPECT_LT(worst, 8.0);
  EXPECT_EQ(util::det_log(1.0), 0.0);
  EXPECT_TRUE(std::isinf(util::det_log(0.0)));
  EXPECT_TRUE(std::isnan(util::det_log(-1.0)));
}

TEST(DetMathTest, PowMatchesTheLibraryWhereTheModelUsesIt) {
  double worst = 0.0;
  for (double x = 0.01; x < 100.0; x *= 1.11) {
    for (double y : {0.5, 1.0, 2.0, 3.0, 3.7, 8.0})
      worst = std::max(worst, ulps(util::det_pow(x, y), std::pow(x, y)));
  }
  EXPECT_LT(worst, 64.0);  // error grows with |y log x|
  EXPECT_EQ(util::det_pow(0.0, 3.0), 0.0);
  EXPECT_EQ(util::det_pow(5.0, 0.0), 1.0);
  EXPECT_EQ(util::det_pow(2.5, 1.0), 2.5);
  EXPECT_TRUE(std::isnan(util::det_pow(-2.0, 3.0)));
}

}  // namespace
}  // namespace sandtable
