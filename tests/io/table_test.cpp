// Tables for the terminal: aligned columns, and blocks that fit a width.
#include "io/table.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace sandtable::io {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const std::vector<std::vector<std::string>> kRows{
    {"name", "alpha", "beta", "gamma", "delta"},
    {"first", "1", "22", "333", "4444"},
    {"second", "55555", "6", "77", "8"},
};

TEST(TableTest, ColumnsAreAlignedAndUnsplitWithoutAWidth) {
  const std::string text = render_columns(kRows, {false, true, true, true, true});
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "name    alpha  beta  gamma  delta");
  EXPECT_EQ(lines[1], "first       1    22    333   4444");
  EXPECT_EQ(text, render_columns(kRows, {false, true, true, true, true}, "", 1000));
}

TEST(TableTest, AWideTableIsSplitIntoBlocksThatFitAndRepeatTheKeys) {
  // 33 columns in all; at 22 each block holds the key and two columns.
  const std::string text = render_columns(kRows, {false, true, true, true, true}, "", 22);
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 7U);  // two blocks of three rows and a blank line
  for (const std::string& line : lines) EXPECT_LE(line.size(), 22U) << line;
  EXPECT_EQ(lines[0], "name    alpha  beta");
  EXPECT_EQ(lines[3], "");
  EXPECT_EQ(lines[4], "name    gamma  delta");
  EXPECT_EQ(lines[6], "second     77      8");
  // Two key columns are repeated in every block.
  const auto two = lines_of(render_columns(kRows, {}, "", 22, 2));
  for (const std::string& line : two) {
    if (!line.empty()) {
      EXPECT_TRUE(line.starts_with("name    alpha") || line.starts_with("first   1") ||
                  line.starts_with("second  55555"))
          << line;
    }
  }
}

TEST(TableTest, AColumnWiderThanTheWidthStillGetsABlock) {
  const std::vector<std::vector<std::string>> rows{{"k", std::string(40, 'x'), "y"}};
  const auto lines = lines_of(render_columns(rows, {}, "", 10));
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "k  " + std::string(40, 'x'));
  EXPECT_EQ(lines[2], "k  y");
}

}  // namespace
}  // namespace sandtable::io
