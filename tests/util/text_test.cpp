#include "util/text.hpp"

#include <gtest/gtest.h>

#include "sandtable/date.hpp"
#include "util/sha256.hpp"

namespace sandtable {
namespace {

TEST(FormatDoubleTest, WritesShortestRoundTrip) {
  EXPECT_EQ(util::format_double(20000.0), "20000");
  EXPECT_EQ(util::format_double(0.1), "0.1");
  EXPECT_EQ(util::format_double(-0.0), "0");
  EXPECT_EQ(util::format_double(1.0 / 3.0), "0.3333333333333333");
}

TEST(ParseDoubleTest, IsStrict) {
  EXPECT_EQ(util::parse_double("1.5"), 1.5);
  EXPECT_EQ(util::parse_double("1.2e9"), 1.2e9);
  EXPECT_FALSE(util::parse_double("1.5 "));
  EXPECT_FALSE(util::parse_double("abc"));
  EXPECT_FALSE(util::parse_double("nan"));
  EXPECT_FALSE(util::parse_double(""));
}

TEST(SuggestionTest, FindsLikelyTypo) {
  EXPECT_EQ(util::closest_match("readines", {"quality", "readiness", "equipment"}), "readiness");
  EXPECT_EQ(util::closest_match("persnonel", {"personnel", "role"}), "personnel");
  EXPECT_FALSE(util::closest_match("zzzzzz", {"personnel", "role"}));
}

TEST(DateTest, ParsesOnlyRealDates) {
  EXPECT_TRUE(Date::parse("2015-02-28"));
  EXPECT_FALSE(Date::parse("2015-02-29"));
  EXPECT_TRUE(Date::parse("2016-02-29"));
  EXPECT_FALSE(Date::parse("2015-13-01"));
  EXPECT_FALSE(Date::parse("2015-1-01"));
  const Date d = *Date::parse("2015-01-12");
  EXPECT_EQ((d + 20).to_string(), "2015-02-01");
  EXPECT_EQ(d.month(), 1);
  EXPECT_EQ(*Date::parse("1970-01-01"), Date::from_days(0));
}

TEST(Sha256Test, MatchesKnownVectors) {
  EXPECT_EQ(util::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(util::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(util::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(util::sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace sandtable
