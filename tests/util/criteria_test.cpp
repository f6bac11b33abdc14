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
  const auto c = Criteria::parse(repeat("(", 30) + "success" + repeat(")", 30) +
                                     " and not not isf_casualties < --3000",
                                 kNames, error, "--criteria");
  ASSERT_TRUE(c) << error.to_string();
  EXPECT_EQ(c->evaluate({1.0, 2000.0}), 1.0);
  EXPECT_EQ(c->evaluate({1.0, 4000.0}), 0.0);
}

TEST(CriteriaTest, OverlongExpressionsAreRefused) {
  Diagnostic error;
  const std::string text = repeat("success and ", 100000) + "success";
  EXPECT_FALSE(Criteria::parse(text, kNames, error, "analysis.criteria"));
  EXPECT_NE(error.to_string().find("limited to 10000"), std::string::npos) << error.to_string();
}

}  // namespace
}  // namespace sandtable
