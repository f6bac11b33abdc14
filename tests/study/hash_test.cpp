// The fast per-run scenario hash equals scenario_hash(); the cross-field
// check is skipped only where no cross-field rule can fail.
#include <gtest/gtest.h>

#include "sandtable/load.hpp"
#include "sandtable/parameters.hpp"
#include "study/point_hash.hpp"
#include "study/prepared.hpp"
#include "study/rng.hpp"
#include "study_helpers.hpp"
#include "util/sha256.hpp"

namespace sandtable::study {
namespace {

TEST(Sha256StreamTest, MatchesTheReferenceForEveryLengthAndMidstate) {
  std::string text;
  Rng rng(1);
  for (int n = 0; n < 300; ++n) {
    for (std::size_t prefix = 0; prefix <= text.size(); prefix += 64) {
      util::Sha256 h;
      h.blocks(reinterpret_cast<const unsigned char*>(text.data()), prefix / 64);
      char hex[64];
      h.finish(std::string_view(text).substr(prefix), text.size(), hex);
      ASSERT_EQ(std::string(hex, 64), util::sha256_hex(text))
          << "length " << n << " prefix " << prefix;
    }
    text.push_back(static_cast<char>(rng.below(256)));
  }
}

TEST(ScenarioHasherTest, GivesScenarioHashOfEveryPoint) {
  const LoadResult loaded = load_scenario(testing::mosul());
  ASSERT_TRUE(loaded.ok());
  Scenario s = loaded.loaded->scenario;
  const std::vector<std::string> paths = {"model.coalition_kill_rate", "calendar.d_day",
                                          "forces.isf.training.course_days", "model.combat_law",
                                          "forces.peshmerga.may_enter_city"};
  ScenarioHasher hasher;
  ASSERT_TRUE(hasher.prepare(s, paths));
  std::vector<ParameterRef> refs;
  for (const std::string& p : paths) {
    Diagnostic e;
    refs.push_back(*ParameterRef::resolve(s, p, e));
  }
  Rng rng(7);
  std::string scratch;
  std::vector<std::string> texts(paths.size());
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(refs[0].set(0.005 + 0.01 * rng.uniform()), "");
    ASSERT_EQ(refs[1].set(16450.0 + static_cast<double>(rng.below(100))), "");
    ASSERT_EQ(refs[2].set(static_cast<double>(1 + rng.below(90))), "");
    ASSERT_EQ(refs[3].set(static_cast<double>(rng.below(4))), "");
    ASSERT_EQ(refs[4].set(static_cast<double>(rng.below(2))), "");
    for (std::size_t p = 0; p < paths.size(); ++p) texts[p] = refs[p].get_text();
    char hex[64];
    hasher.hash(texts, scratch, hex);
    ASSERT_EQ(std::string(hex, 64), scenario_hash(s)) << "point " << i;
  }
}

TEST(CrossCheckTest, ValuesUnderModelAdversaryEnvironmentAndLinesNeverFailTheCrossChecks) {
  // needs_cross_check() lets sweeps skip check_scenario() for these paths;
  // set each such value to the ends of its range and check that the claim holds.
  const LoadResult loaded = load_scenario(testing::mosul());
  ASSERT_TRUE(loaded.ok());
  Scenario s = loaded.loaded->scenario;
  int tried = 0;
  for (const auto& [path, value] : flatten(s)) {
    if (needs_cross_check(path)) continue;
    Diagnostic e;
    auto ref = ParameterRef::resolve(s, path, e);
    if (!ref || ref->info().kind == ParameterKind::kText) continue;
    const double original = ref->get();
    const ParameterInfo& info = ref->info();
    for (double v : {info.min.value_or(-1e6), info.max.value_or(1e6), 0.0, 1.0}) {
      if (info.kind == ParameterKind::kChoice) v = static_cast<double>(info.choices.size() - 1);
      if (info.kind == ParameterKind::kDate) v = original + (v > 0 ? 400 : -400);
      if (!ref->set(v).empty()) continue;
      ++tried;
      EXPECT_TRUE(check_scenario(s).empty()) << path << " = " << v;
    }
    ASSERT_EQ(ref->set(original), "");
  }
  EXPECT_GT(tried, 100);
  EXPECT_TRUE(needs_cross_check("calendar.d_day"));
  EXPECT_TRUE(needs_cross_check("forces.isf.training.trainees"));
}

}  // namespace
}  // namespace sandtable::study
