// PRIM on synthetic data with known boxes: it finds them, with coverage and
// density computed as defined, and leaves irrelevant inputs unrestricted.
#include "sandtable/prim.hpp"

#include <gtest/gtest.h>

#include "analysis/shapley.hpp"  // SplitMix64

namespace sandtable {
namespace {

struct Data {
  std::vector<double> x;
  std::vector<bool> y;
  std::size_t columns = 0;
};

// `rows` uniform points in [0, 1)^columns; y from the rule.
template <class Rule>
Data synthetic(std::size_t rows, std::size_t columns, Rule rule, std::uint64_t seed = 42) {
  analysis::SplitMix64 rng(seed);
  Data d;
  d.columns = columns;
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<double> row(columns);
    for (double& v : row) v = rng.uniform();
    d.x.insert(d.x.end(), row.begin(), row.end());
    d.y.push_back(rule(row));
  }
  return d;
}

const PrimLimit* limit_on(const PrimBox& box, std::size_t column) {
  for (const PrimLimit& l : box.limits) {
    if (l.column == column) return &l;
  }
  return nullptr;
}

// Coverage and density recomputed from the data (first box: every point).
void expect_consistent(const Data& d, const PrimResult& r, const PrimBox& box) {
  std::size_t points = 0;
  std::size_t hits = 0;
  for (std::size_t row = 0; row < d.y.size(); ++row) {
    if (!box.contains(&d.x[row * d.columns])) continue;
    ++points;
    hits += d.y[row] ? 1 : 0;
  }
  EXPECT_EQ(box.points, points);
  EXPECT_EQ(box.hits, hits);
  EXPECT_DOUBLE_EQ(box.density, static_cast<double>(hits) / static_cast<double>(points));
  EXPECT_DOUBLE_EQ(box.coverage, static_cast<double>(hits) / static_cast<double>(r.hits));
}

TEST(PrimTest, FindsAKnownBoxAndLeavesNoiseInputsAlone) {
  // y holds when x0 > 0.6 and x1 < 0.4; x2 and x3 are noise.
  const Data d =
      synthetic(4000, 4, [](const std::vector<double>& v) { return v[0] > 0.6 && v[1] < 0.4; });
  const PrimResult r = prim(d.x, d.columns, d.y);
  ASSERT_FALSE(r.boxes.empty());
  const PrimBox& box = r.boxes[0];
  expect_consistent(d, r, box);
  EXPECT_GT(box.coverage, 0.85);
  EXPECT_GT(box.density, 0.9);
  const PrimLimit* x0 = limit_on(box, 0);
  const PrimLimit* x1 = limit_on(box, 1);
  ASSERT_NE(x0, nullptr);
  ASSERT_NE(x1, nullptr);
  ASSERT_TRUE(x0->lo.has_value());
  EXPECT_NEAR(*x0->lo, 0.6, 0.03);
  EXPECT_FALSE(x0->hi.has_value());
  ASSERT_TRUE(x1->hi.has_value());
  EXPECT_NEAR(*x1->hi, 0.4, 0.03);
  EXPECT_FALSE(x1->lo.has_value());
  EXPECT_EQ(limit_on(box, 2), nullptr);
  EXPECT_EQ(limit_on(box, 3), nullptr);
}

TEST(PrimTest, CoversAUnionOfTwoBoxesWithTwoBoxes) {
  // A failure whenever x0 > 0.8 or x1 < 0.2 (an "or" needs a covering).
  const Data d =
      synthetic(4000, 3, [](const std::vector<double>& v) { return v[0] > 0.8 || v[1] < 0.2; });
  const PrimResult r = prim(d.x, d.columns, d.y);
  ASSERT_GE(r.boxes.size(), 2U);
  double coverage = 0.0;
  for (const PrimBox& b : r.boxes) {
    EXPECT_GT(b.density, 0.8);
    ASSERT_EQ(b.limits.size(), 1U);
    coverage += b.coverage;
  }
  EXPECT_GT(coverage, 0.9);
  expect_consistent(d, r, r.boxes[0]);
  // One box restricts x0 from below near 0.8, the other x1 from above near 0.2.
  bool x0_found = false;
  bool x1_found = false;
  for (const PrimBox& b : r.boxes) {
    const PrimLimit& l = b.limits[0];
    if (l.column == 0 && l.lo) x0_found = std::abs(*l.lo - 0.8) < 0.03;
    if (l.column == 1 && l.hi) x1_found = std::abs(*l.hi - 0.2) < 0.03;
  }
  EXPECT_TRUE(x0_found);
  EXPECT_TRUE(x1_found);
}

TEST(PrimTest, TrajectoryStartsWithTheWholeSpaceAndGetsDenser) {
  const Data d = synthetic(2000, 2, [](const std::vector<double>& v) { return v[0] < 0.3; });
  const PrimResult r = prim(d.x, d.columns, d.y);
  ASSERT_GE(r.trajectory.size(), 2U);
  EXPECT_TRUE(r.trajectory.front().limits.empty());
  EXPECT_DOUBLE_EQ(r.trajectory.front().coverage, 1.0);
  EXPECT_GT(r.trajectory.back().density, r.trajectory.front().density);
  for (const PrimBox& b : r.trajectory) EXPECT_GE(b.points, 100U);  // min_support 0.05 of 2000
}

TEST(PrimTest, DeterministicAndNoBoxWithoutHits) {
  const Data d = synthetic(1000, 3, [](const std::vector<double>& v) { return v[2] > 0.5; });
  const PrimResult a = prim(d.x, d.columns, d.y);
  const PrimResult b = prim(d.x, d.columns, d.y);
  ASSERT_EQ(a.boxes.size(), b.boxes.size());
  for (std::size_t i = 0; i < a.boxes.size(); ++i) {
    EXPECT_EQ(a.boxes[i].points, b.boxes[i].points);
    EXPECT_EQ(a.boxes[i].limits.size(), b.boxes[i].limits.size());
  }
  const Data none = synthetic(100, 2, [](const std::vector<double>&) { return false; });
  const PrimResult n = prim(none.x, none.columns, none.y);
  EXPECT_EQ(n.hits, 0U);
  EXPECT_TRUE(n.boxes.empty());
}

TEST(PrimTest, DiscreteInputsWithTiesArePeeledWhole) {
  // x0 takes 5 values; y holds for x0 == 4 only.
  Data d;
  d.columns = 1;
  for (int i = 0; i < 500; ++i) {
    d.x.push_back(i % 5);
    d.y.push_back(i % 5 == 4);
  }
  const PrimResult r = prim(d.x, d.columns, d.y);
  ASSERT_FALSE(r.boxes.empty());
  EXPECT_DOUBLE_EQ(r.boxes[0].density, 1.0);
  EXPECT_DOUBLE_EQ(r.boxes[0].coverage, 1.0);
  ASSERT_EQ(r.boxes[0].limits.size(), 1U);
  EXPECT_EQ(r.boxes[0].limits[0].lo, 4.0);
}

TEST(PrimTest, DescribesBoxesInWordsWithDates) {
  PrimBox box;
  box.limits = {{0, 1812.0, std::nullopt}, {1, std::nullopt, 0.39}, {2, 16467.0, 16520.0}};
  const std::string text = describe_box(
      box, {"adversary.fighters", "forces.peshmerga.integration.initial", "calendar.d_day"},
      {ParameterKind::kNumber, ParameterKind::kNumber, ParameterKind::kDate});
  EXPECT_EQ(text,
            "adversary.fighters >= 1,812 and forces.peshmerga.integration.initial <= 0.39 and "
            "2015-02-01 <= calendar.d_day <= 2015-03-26");
}

}  // namespace
}  // namespace sandtable
