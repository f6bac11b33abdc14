// The model's state components (Simulation::state_components), which the
// split by mechanism of `compare` mixes between runs.
#include <gtest/gtest.h>

#include "analysis/analysis_test_util.hpp"
#include "sandtable/model.hpp"

namespace sandtable {
namespace {

using testing::bits;
using testing::load_case;

Simulation stopped_before(const Scenario& s, Date d_day) {
  Simulation sim(s, {false, false});
  while (sim.next_date() < d_day) sim.step();
  return sim;
}

TEST(StateComponentsTest, NamesEveryElementPartThenTheCampaign) {
  const Scenario s = load_case("scenarios/mosul-2015/base.yaml").scenario;
  const Simulation sim(s, {false, false});
  const std::vector<std::string> names = sim.state_components();
  ASSERT_EQ(names.size(), 5 * s.forces.size() + 6);
  EXPECT_EQ(names.front(), s.forces.front().name + ".readiness");
  EXPECT_EQ(names.back(), "city.displaced");
  for (const std::string& n : names) EXPECT_FALSE(sim.state_component(n).empty()) << n;
  EXPECT_TRUE(sim.state_component("isf.morale").empty());
  EXPECT_TRUE(sim.state_component("nobody.readiness").empty());
}

TEST(StateComponentsTest, CopyingEveryComponentAcrossAndBackRestoresTheRunExactly) {
  const Scenario feb = load_case("scenarios/mosul-2015/february.yaml").scenario;
  const Scenario spring = load_case("scenarios/mosul-2015/spring.yaml").scenario;
  const Simulation a = stopped_before(feb, feb.calendar.d_day);
  const Simulation b = stopped_before(spring, spring.calendar.d_day);
  Simulation mixed = b;
  for (const std::string& c : b.state_components()) {
    ASSERT_TRUE(mixed.copy_state_component(c, a)) << c;
    EXPECT_EQ(mixed.state_component(c), a.state_component(c)) << c;
  }
  for (const std::string& c : b.state_components()) ASSERT_TRUE(mixed.copy_state_component(c, b));
  Simulation untouched = b;
  mixed.run_to_end();
  untouched.run_to_end();
  const auto x = outcome_values(mixed.results());
  const auto y = outcome_values(untouched.results());
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    EXPECT_EQ(bits(x[i].second), bits(y[i].second)) << x[i].first;
}

TEST(StateComponentsTest, ComponentsCannotBeCopiedBetweenDifferentForces) {
  const Scenario base = load_case("scenarios/mosul-2015/base.yaml").scenario;
  const Scenario more =
      load_case("scenarios/mosul-2015/base.yaml",
                {"forces.extra={affiliation: kurdish, role: containment, personnel: 100}"})
          .scenario;
  Simulation a(base, {false, false});
  const Simulation b(more, {false, false});
  const auto before = a.state_component("isf.readiness");
  EXPECT_FALSE(a.copy_state_component("isf.readiness", b));
  EXPECT_FALSE(a.copy_state_component("no.such", a));
  EXPECT_EQ(a.state_component("isf.readiness"), before);
}

}  // namespace
}  // namespace sandtable
