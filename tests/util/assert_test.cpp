// Broken invariants stop loudly: SANDTABLE_ASSERT throws an InternalError
// that names where and what, and the guarded "cannot happen" branches use it.
#include "util/assert.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sandtable/scenario.hpp"
#include "util/parallel.hpp"

namespace sandtable {
namespace {

TEST(AssertTest, AFailedAssertionNamesWhereAndWhat) {
  try {
    SANDTABLE_ASSERT(1 + 1 == 3, "arithmetic holds");
    FAIL() << "no exception";
  } catch (const util::InternalError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("assert_test.cpp:"), std::string::npos) << what;
    EXPECT_NE(what.find("arithmetic holds (1 + 1 == 3 is false)"), std::string::npos) << what;
  }
  EXPECT_NO_THROW(SANDTABLE_ASSERT(2 + 2 == 4, "arithmetic holds"));
}

TEST(AssertTest, AMonthOutsideOneToTwelveIsABug) {
  const Weather w;
  EXPECT_NO_THROW((void)w.month(12));
  EXPECT_THROW((void)w.month(13), util::InternalError);
  EXPECT_THROW((void)w.month(0), util::InternalError);
}

TEST(AssertTest, AFailureOnAWorkerThreadReachesTheCaller) {
  EXPECT_THROW(util::parallel_ranges(100, 4,
                                     [](std::uint64_t from, std::uint64_t, bool) {
                                       SANDTABLE_ASSERT(from < 50, "only the first half");
                                     }),
               util::InternalError);
  std::vector<int> seen(100, 0);
  util::parallel_ranges(100, 3, [&](std::uint64_t from, std::uint64_t to, bool) {
    for (std::uint64_t i = from; i < to; ++i) ++seen[i];
  });
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), 100);
}

}  // namespace
}  // namespace sandtable
