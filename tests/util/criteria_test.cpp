// Criteria expressions: hostile input gets a located error, never a crash.
#include "sandtable/criteria.hpp"

#include <gtest/gtest.h>

#include <string>

namespace sandtable {
namespace {

const std::vector<std::string> kNames = {"success", "isf_casualties"};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(CriteriaTest, DeepNestingIsRefusedWithALocatedErrorNotAStackOverflow) {
  const std::string cases[] = {repeat("(", 2000) + "success" + repeat(")", 2000),
                               repeat("not ", 1500) + "success",
                               "isf_casualties < " + repeat("-", 5000) + "1"};
  for (const std::string& text : cases) {
    Diagnostic error;
    EXPECT_FALSE(Criteria::parse(text, kNames, error, "--criteria")) << text.substr(0, 20);
    EXPECT_EQ(error.where.file, "--criteria");
    EXPECT_EQ(error.where.line, 1);
    EXPECT_NE(error.to_string().find("nests more than 100 levels"), std::string::npos)
        << error.to_string();
  }
}

TEST(CriteriaTest, ReasonableNestingStillParses) {
  Diagnostic error;
  const auto c = Criteria::parse(
      repeat("(", 30) + "success" + repeat(")", 30) + " and not not isf_casualties < --3000",
      kNames, error, "--criteria");
  ASSERT_TRUE(c) << error.to_string();
  EXPECT_EQ(c->evaluate({1.0, 2000.0}), 1.0);
  EXPECT_EQ(c->evaluate({1.0, 4000.0}), 0.0);
}

// docs/analysis.md: x / 0 is 0, so a zero in one run cannot stop a sweep.
TEST(CriteriaTest, DivisionByZeroIsZeroAsDocumented) {
  Diagnostic error;
  const auto c = Criteria::parse("isf_casualties / success", kNames, error, "--criteria");
  ASSERT_TRUE(c) << error.to_string();
  EXPECT_EQ(c->evaluate({0.0, 2000.0}), 0.0);
  EXPECT_EQ(c->evaluate({2.0, 2000.0}), 1000.0);
  const auto guarded =
      Criteria::parse("success > 0 and isf_casualties / success < 0.5", kNames, error);
  ASSERT_TRUE(guarded) << error.to_string();
  EXPECT_FALSE(guarded->holds(std::vector<double>{0.0, 2000.0}));
}

TEST(CriteriaTest, OverlongExpressionsAreRefused) {
  Diagnostic error;
  const std::string text = repeat("success and ", 100000) + "success";
  EXPECT_FALSE(Criteria::parse(text, kNames, error, "analysis.criteria"));
  EXPECT_NE(error.to_string().find("limited to 10000"), std::string::npos) << error.to_string();
}

}  // namespace
}  // namespace sandtable
