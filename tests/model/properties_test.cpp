// Properties the model must hold whatever its parameters: determinism,
// valid strengths, the documented direction of every effect, independence
// from the step size, and exact branching from snapshots.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "model_test_util.hpp"
#include "sandtable/parameters.hpp"
#include "sandtable/report.hpp"

namespace sandtable {
namespace {

using testing::force;
using testing::load_shipped;
using testing::load_text;
using testing::outcome;

constexpr const char* kBase = "scenarios/mosul-2015/base.yaml";

void set(Scenario& s, const std::string& path, double value) {
  Diagnostic error;
  auto ref = ParameterRef::resolve(s, path, error);
  ASSERT_TRUE(ref) << error.to_string();
  ASSERT_EQ(ref->set(value), "");
}

void set_date(Scenario& s, const std::string& path, const std::string& date) {
  Diagnostic error;
  auto ref = ParameterRef::resolve(s, path, error);
  ASSERT_TRUE(ref) << error.to_string();
  ASSERT_EQ(ref->set_text(date), "");
}

// The day the city was cleared, or a day past the horizon when it was not.
int clear_day(const Scenario& s, const Results& r) {
  return r.outcome == Outcome::kSuccess ? r.end_day : s.calendar.horizon_days + 1;
}

TEST(ModelDeterminismTest, SameInputsGiveSameBytes) {
  LoadResult loaded = load_scenario(testing::source_path(kBase));
  ASSERT_TRUE(loaded.ok());
  const Results a = run(loaded.loaded->scenario);
  const Results b = run(loaded.loaded->scenario);
  EXPECT_EQ(format_summary_json(*loaded.loaded, a), format_summary_json(*loaded.loaded, b));
  EXPECT_EQ(format_daily_csv(loaded.loaded->scenario, a),
            format_daily_csv(loaded.loaded->scenario, b));
}

TEST(ModelDeterminismTest, SimulationReuseGivesSameResultsAsFreshRuns) {
  const Scenario base = load_shipped(kBase);
  Scenario other = base;
  set(other, "adversary.fighters", 3500);
  Simulation sim(base);
  sim.run_to_end();
  const auto first = outcome_values(sim.results());
  sim.reset(other);
  sim.run_to_end();
  EXPECT_EQ(outcome_values(sim.results()), outcome_values(run(other)));
  sim.reset(base);
  sim.run_to_end();
  EXPECT_EQ(outcome_values(sim.results()), first);
}

// One Results object filled run after run, through scenarios of other
// shapes (elements, sectors, affiliations, broken elements, timeline or
// not), holds exactly what a fresh one would: nothing stale survives.
TEST(ModelDeterminismTest, ResultsFilledIntoAReusedObjectEqualFreshOnes) {
  std::vector<std::pair<LoadedScenario, RunOptions>> cases;
  for (const char* path : {kBase, "scenarios/validation/iwo-jima.yaml", kBase,
                           "scenarios/validation/fall-of-mosul-2014.yaml", kBase}) {
    LoadResult loaded = load_scenario(testing::source_path(path));
    ASSERT_TRUE(loaded.ok()) << path;
    cases.emplace_back(std::move(*loaded.loaded), RunOptions{false, false});
  }
  cases[2].second = RunOptions{true, true};  // a timeline and daily series once, then none
  Results reused;
  for (const auto& [loaded, options] : cases) {
    Simulation sim(loaded.scenario, options);
    sim.run_to_end();
    sim.results(reused);
    const Results fresh = sim.results();
    EXPECT_EQ(format_summary_json(loaded, reused), format_summary_json(loaded, fresh))
        << loaded.scenario.name;
    EXPECT_EQ(outcome_values(reused), outcome_values(fresh));
    EXPECT_EQ(reused.timeline.size(), fresh.timeline.size());
    EXPECT_EQ(reused.daily_campaign.size(), fresh.daily_campaign.size());
    EXPECT_EQ(reused.daily_elements.size(), fresh.daily_elements.size());
    EXPECT_EQ(reused.margins.attacker_element, fresh.margins.attacker_element);
    EXPECT_EQ(reused.margins.defender_element, fresh.margins.defender_element);
  }
}

// The values-only walk writes the named walk's values, in its order, and
// never past the capacity it is given.
TEST(ModelOutcomeTest, ValuesWithoutNamesAreTheNamedValues) {
  const Results r = run(load_shipped(kBase), {false, false});
  const auto named = outcome_values(r);
  std::vector<double> values(named.size() + 2, -7.0);
  EXPECT_EQ(outcome_values(r, values.data(), named.size()), named.size());
  for (std::size_t j = 0; j < named.size(); ++j) EXPECT_EQ(values[j], named[j].second) << j;
  EXPECT_EQ(values[named.size()], -7.0);
  std::vector<double> few(3, -7.0);
  EXPECT_EQ(outcome_values(r, few.data(), 2), named.size());
  EXPECT_EQ(few[1], named[1].second);
  EXPECT_EQ(few[2], -7.0);
}

TEST(ModelOutcomeTest, EveryOutcomeHasItsDeclaredUnitInOutcomeOrder) {
  const Scenario base = load_shipped(kBase);
  const auto names = outcome_names(base);
  const auto units = outcome_units(base);
  ASSERT_EQ(units.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(units[i].first, names[i]);
    EXPECT_FALSE(units[i].second.empty()) << names[i];
  }
  const auto unit_of = [&](const std::string& name) {
    for (const auto& [n, u] : units) {
      if (n == name) return u;
    }
    return std::string("(absent)");
  };
  EXPECT_EQ(unit_of("success"), "0/1");
  EXPECT_EQ(unit_of("duration_days"), "days");
  EXPECT_EQ(unit_of("aid_diverted_usd"), "USD");
  EXPECT_EQ(unit_of("isf_casualties"), "persons");
  EXPECT_EQ(unit_of("isf_readiness_d_day"), "fraction");
}

TEST(ModelPropertiesTest, StrengthsNeverNegativeOrNanOverExtremeInputs) {
  const Scenario base = load_shipped(kBase);
  struct Extreme {
    const char* path;
    std::vector<double> values;
  };
  const std::vector<Extreme> extremes = {
      {"adversary.fighters", {0, 1, 200000}},
      {"forces.isf.personnel", {20000, 1e6}},
      {"forces.isf.readiness", {0, 1}},
      {"forces.isf.cohesion.stress_sensitivity", {0, 50}},
      {"model.adversary_kill_rate", {0, 5}},
      {"model.coalition_kill_rate", {0, 5}},
      {"forces.coalition_air.air.sorties_per_day", {0, 5000}},
      {"forces.coalition_air.air.fighters_killed_per_sortie", {0, 100}},
      {"adversary.recruitment.local_per_day", {0, 1e5}},
      {"adversary.fortification.rate_per_day", {0, 1}},
      {"adversary.manpads.threat", {0, 1000}},
      {"environment.city.population", {0, 1e8}},
      {"model.advance.max_km_per_day", {100}},
      {"model.advance.counterattack_factor", {0, 10}},
      {"model.front.troops_per_km", {1, 1e6}},
      {"model.front.max_contact_share", {1}},
      {"model.urban.defender_kill_rate", {0, 5}},
      {"model.urban.search_km2_per_day", {0, 10}},
      {"environment.city.sectors.old_city.area_km2", {1e-6, 1e4}},
      {"model.graded_width", {0, 1}},
      {"model.loss_window_days", {0.01, 3650}},
      {"model.substeps_per_day", {1, 7}},
  };
  int runs = 0;
  for (const char* law : {"urban", "square", "linear", "logarithmic", "mixed"}) {
    for (const Extreme& e : extremes) {
      for (double v : e.values) {
        Scenario s = base;
        Diagnostic error;
        ASSERT_EQ(ParameterRef::resolve(s, "model.combat_law", error)->set_text(law), "");
        set(s, e.path, v);
        const Results r = run(s);
        ++runs;
        for (const DailyElement& d : r.daily_elements) {
          ASSERT_TRUE(std::isfinite(d.personnel) && d.personnel >= 0.0) << e.path << "=" << v;
          ASSERT_TRUE(std::isfinite(d.casualties) && d.casualties >= 0.0) << e.path << "=" << v;
          ASSERT_TRUE(d.readiness >= 0.0 && d.readiness <= 1.0);
          ASSERT_TRUE(d.cohesion >= 0.0 && d.cohesion <= 1.0);
          ASSERT_TRUE(d.equipment >= 0.0 && d.equipment <= 1.0);
        }
        for (const DailyCampaign& c : r.daily_campaign) {
          ASSERT_TRUE(std::isfinite(c.adversary_fighters) && c.adversary_fighters >= 0.0)
              << law << " " << e.path << "=" << v;
          ASSERT_TRUE(c.cleared >= 0.0 && c.cleared <= 1.0);
          ASSERT_TRUE(std::isfinite(c.displaced) && c.displaced >= 0.0);
          double population = s.environment.city->population;  // 0: the sectors' sum
          if (population <= 0.0) {
            for (const Sector& sec : s.environment.city->sectors) population += sec.population;
          }
          ASSERT_TRUE(c.displaced <= population + 1e-6);
        }
        for (const auto& [name, value] : outcome_values(r)) {
          ASSERT_TRUE(std::isfinite(value)) << name << " with " << e.path << "=" << v;
        }
      }
    }
  }
  EXPECT_GT(runs, 100);
}

// Runs the base case at several D-days with `path` set to each of `values`
// (ascending) and checks that success never turns into failure and the
// clearing day never moves later as the value rises (or falls, if `better`
// is false).
void expect_monotone(const std::string& path, const std::vector<double>& values, bool better) {
  for (const char* d_day : {"2015-02-02", "2015-03-01", "2015-04-15", "2015-06-15"}) {
    Scenario s = load_shipped(kBase);
    set_date(s, "calendar.d_day", d_day);
    int previous_day = 0;
    bool previous_success = false;
    bool first = true;
    for (double v : values) {
      set(s, path, v);
      const Results r = run(s);
      const bool success = r.outcome == Outcome::kSuccess;
      const int day = clear_day(s, r);
      if (!first) {
        if (better) {
          EXPECT_TRUE(success || !previous_success) << path << "=" << v << " at D-day " << d_day;
          EXPECT_LE(day, previous_day) << path << "=" << v << " at D-day " << d_day;
        } else {
          EXPECT_TRUE(!success || previous_success) << path << "=" << v << " at D-day " << d_day;
          EXPECT_GE(day, previous_day) << path << "=" << v << " at D-day " << d_day;
        }
      }
      first = false;
      previous_success = success;
      previous_day = day;
    }
  }
}

std::vector<double> range(double lo, double hi, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(lo + (hi - lo) * i / (n - 1));
  return v;
}

TEST(ModelDirectionTest, MoreIsfReadinessNeverHurts) {
  expect_monotone("forces.isf.readiness", range(0.05, 0.8, 16), true);
  expect_monotone("forces.isf.training.trained_readiness", range(0.4, 1.0, 13), true);
}

TEST(ModelDirectionTest, MoreAirSortiesNeverHurt) {
  expect_monotone("forces.coalition_air.air.sorties_per_day", range(0, 60, 13), true);
}

TEST(ModelDirectionTest, MoreAdversaryFightersNeverHelp) {
  expect_monotone("adversary.fighters", range(500, 6000, 12), false);
}

TEST(ModelDirectionTest, MoreFortificationNeverHelps) {
  expect_monotone("adversary.fortification.initial", range(0, 1, 11), false);
  expect_monotone("adversary.fortification.rate_per_day", range(0, 0.05, 11), false);
}

TEST(ModelDirectionTest, MoreManpadsExposureNeverLowersAircraftLost) {
  for (const char* path :
       {"adversary.manpads.threat", "forces.coalition_air.air.low_altitude_share"}) {
    Scenario s = load_shipped(kBase);
    double previous = -1.0;
    for (double v : range(0, 1, 11)) {
      set(s, path, v);
      const double lost = run(s).aircraft_lost;
      EXPECT_GE(lost, previous) << path << "=" << v;
      previous = lost;
    }
    EXPECT_GT(previous, 0.0);
  }
}

TEST(ModelDirectionTest, RemovingTheMilitiasMakesTheIranBackedShareZero) {
  Scenario s = load_shipped(kBase, {"calendar.d_day=2015-04-15"});
  ASSERT_GT(run(s).share_of("iran_backed"), 0.0);
  std::erase_if(s.forces, [](const ForceElement& f) { return f.affiliation == "iran_backed"; });
  ASSERT_TRUE(check_scenario(s).empty()) << check_scenario(s).to_string();
  const Results r = run(s);
  EXPECT_EQ(r.share_of("iran_backed"), 0.0);
  EXPECT_EQ(outcome(r, "iran_backed_share"), 0.0);
}

TEST(ModelDirectionTest, LaterDDayNeverLowersIsfReadinessOnDDay) {
  Scenario s = load_shipped(kBase);
  double previous = -1.0;
  for (int offset = 0; offset <= 200; offset += 5) {
    set(s, "calendar.d_day", (s.calendar.start + offset).days());
    const double readiness = outcome(run(s), "isf_readiness_d_day");
    EXPECT_GE(readiness, previous) << "D-day offset " << offset;
    previous = readiness;
  }
  EXPECT_GT(previous, load_shipped(kBase).find_force("isf")->readiness);
}

TEST(ModelDirectionTest, WaitingGrowsMilitiasAndFortification) {
  // The other side of the trade-off: a later D-day lets militias mobilise and
  // the garrison fortify.
  Scenario early = load_shipped(kBase, {"calendar.d_day=2015-02-02"});
  Scenario late = load_shipped(kBase, {"calendar.d_day=2015-05-01"});
  const Results re = run(early);
  const Results rl = run(late);
  EXPECT_GT(outcome(rl, "fortification_d_day"), outcome(re, "fortification_d_day"));
  // Militia personnel on D-day, from the daily series.
  const auto militia = [](const Scenario& s, const Results& r) {
    const std::size_t n = s.forces.size();
    const auto day = static_cast<std::size_t>(s.calendar.d_day - s.calendar.start);
    for (std::size_t i = 0; i < n; ++i) {
      if (s.forces[i].name == "shia_militias") return r.daily_elements[day * n + i].personnel;
    }
    return 0.0;
  };
  EXPECT_GT(militia(late, rl), militia(early, re));
}

TEST(ModelStepSizeTest, OutcomesDoNotDependMateriallyOnSubsteps) {
  for (const char* d_day : {"2015-02-02", "2015-04-15"}) {
    Scenario s4 =
        load_shipped(kBase, {std::string("calendar.d_day=") + d_day, "model.substeps_per_day=4"});
    Scenario s8 =
        load_shipped(kBase, {std::string("calendar.d_day=") + d_day, "model.substeps_per_day=8"});
    const Results r4 = run(s4);
    const Results r8 = run(s8);
    EXPECT_EQ(r4.outcome, r8.outcome) << d_day;
    EXPECT_LE(std::abs(r4.end_day - r8.end_day), 2) << d_day;
    const double c4 = outcome(r4, "coalition_casualties");
    const double c8 = outcome(r8, "coalition_casualties");
    EXPECT_NEAR(c4, c8, 0.03 * std::max(c4, c8)) << d_day;
    const double i4 = outcome(r4, "is_losses");
    const double i8 = outcome(r8, "is_losses");
    EXPECT_NEAR(i4, i8, 0.03 * std::max(i4, i8)) << d_day;
  }
}

TEST(ModelSnapshotTest, BranchingFromASnapshotEqualsRunningFromTheStart) {
  const Scenario s = load_shipped(kBase);
  Simulation prefix(s);
  const Date first = *Date::parse("2015-02-10");
  // The scenario's own D-day (2015-02-02) comes earlier: move it first.
  ASSERT_TRUE(prefix.set_d_day(first));
  while (prefix.next_date() < first) prefix.step();
  for (const char* d : {"2015-02-10", "2015-03-20", "2015-05-05"}) {
    Simulation branch = prefix;
    ASSERT_TRUE(branch.set_d_day(*Date::parse(d)));
    branch.run_to_end();
    Scenario direct = s;
    direct.calendar.d_day = *Date::parse(d);
    const Results a = branch.results();
    const Results b = run(direct);
    EXPECT_EQ(outcome_values(a), outcome_values(b)) << d;
    ASSERT_EQ(a.daily_elements.size(), b.daily_elements.size());
    for (std::size_t i = 0; i < a.daily_elements.size(); ++i) {
      ASSERT_EQ(a.daily_elements[i].personnel, b.daily_elements[i].personnel) << d << " row " << i;
    }
  }
}

TEST(ModelSnapshotTest, RefusesToMoveDDayOnceItCouldHaveMattered) {
  const Scenario s = load_shipped(kBase);
  Simulation sim(s);
  while (sim.next_date() <= s.calendar.d_day) sim.step();
  EXPECT_FALSE(sim.set_d_day(s.calendar.d_day + 30));
  Simulation fresh(s);
  EXPECT_FALSE(fresh.set_d_day(s.calendar.start - 1));
  EXPECT_FALSE(fresh.set_d_day(s.last_day() + 1));
  EXPECT_TRUE(fresh.set_d_day(s.calendar.d_day + 30));
}

TEST(ModelCombatLawTest, LawsAgreeOnTheFirstDayOfContact) {
  std::vector<double> first_day_losses;
  for (const char* law : {"square", "linear", "logarithmic", "mixed"}) {
    Scenario s = load_text(testing::kSmallCity, {std::string("model.combat_law=") + law});
    const Results r = run(s);
    const std::size_t n = s.forces.size();
    const std::size_t d = static_cast<std::size_t>((s.calendar.d_day - s.calendar.start));
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      total += r.daily_elements[d * n + i].casualties -
               (d > 0 ? r.daily_elements[(d - 1) * n + i].casualties : 0.0);
    }
    first_day_losses.push_back(total);
  }
  for (double l : first_day_losses) EXPECT_NEAR(l, first_day_losses[0], 1e-9 * first_day_losses[0]);
  EXPECT_GT(first_day_losses[0], 0.0);
}

}  // namespace
}  // namespace sandtable
