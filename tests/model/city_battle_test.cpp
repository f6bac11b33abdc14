// Properties of the city battle: size matters, mass has diminishing returns,
// outcomes change continuously with every input except at the tipping points
// a run reports, and the horizon decides nothing.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "model_test_util.hpp"
#include "sandtable/parameters.hpp"

namespace sandtable {
namespace {

using testing::load_shipped;
using testing::outcome;

constexpr const char* kBase = "scenarios/mosul-2015/base.yaml";
constexpr const char* kDDays[] = {"2015-02-02", "2015-03-01", "2015-04-15", "2015-06-15"};

void set(Scenario& s, const std::string& path, double value) {
  Diagnostic error;
  auto ref = ParameterRef::resolve(s, path, error);
  ASSERT_TRUE(ref) << error.to_string();
  ASSERT_EQ(ref->set(value), "");
}

Results run_quiet(const Scenario& s) {
  RunOptions o;
  o.record_daily = false;
  o.record_timeline = false;
  return run(s, o);
}

// Days to success, or past the horizon when the offensive did not succeed.
int success_day(const Scenario& s, const Results& r) {
  return r.outcome == Outcome::kSuccess ? r.end_day : s.calendar.horizon_days + 1;
}

void scale_city(Scenario& s, double factor) {
  City& city = *s.environment.city;
  for (Sector& sec : city.sectors) sec.area_km2 *= factor;
  city.area_km2 *= factor;
}

TEST(CityBattleTest, ABiggerCityNeverFallsSooner) {
  for (const char* d_day : kDDays) {
    const Scenario base = load_shipped(kBase, {std::string("calendar.d_day=") + d_day});
    int previous = 0;
    bool previous_success = true;
    for (double factor : {0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0}) {
      Scenario s = base;
      scale_city(s, factor);
      ASSERT_TRUE(check_scenario(s).empty());
      const Results r = run_quiet(s);
      const bool success = r.outcome == Outcome::kSuccess;
      EXPECT_TRUE(!success || previous_success) << "area x" << factor << " at " << d_day;
      EXPECT_GE(success_day(s, r), previous) << "area x" << factor << " at " << d_day;
      previous = success_day(s, r);
      previous_success = success;
    }
  }
}

TEST(CityBattleTest, ADenserDefenceNeverFallsSooner) {
  // The same defenders packed into less ground hold each km of front longer.
  const Scenario base = load_shipped(kBase, {"calendar.d_day=2015-04-15"});
  Scenario sparse = base;
  Scenario dense = base;
  set(sparse, "adversary.fighters", 1000);
  set(dense, "adversary.fighters", 4000);
  EXPECT_LE(run_quiet(sparse).end_day, run_quiet(dense).end_day);
}

TEST(CityBattleTest, AWiderFrontNeverSlowsTheClearing) {
  // Frontage: the same city attacked on a longer front (from more sides).
  for (const char* d_day : kDDays) {
    const Scenario base = load_shipped(kBase, {std::string("calendar.d_day=") + d_day});
    int previous = 1 << 30;
    for (double frontage : {0.5, 0.75, 1.0, 1.5, 2.0, 3.0}) {
      Scenario s = base;
      set(s, "model.front.km_per_sqrt_km2", frontage);
      const Results r = run_quiet(s);
      EXPECT_LE(success_day(s, r), previous) << frontage << " km/sqrt(km2) at " << d_day;
      previous = success_day(s, r);
    }
  }
}

TEST(CityBattleTest, MassHelpsButOnlySoMuch) {
  // More attackers never slow a Mosul-size battle, but the gain saturates:
  // the front holds only so many, and a garrison facing hopeless odds needs
  // days to lose its will, so a million attackers do not take the city in a
  // day. The ISF is trained and equipped beforehand, so that only its size
  // changes (in the base case a bigger ISF would also be less ready).
  for (const char* d_day : {"2015-04-15", "2015-06-15"}) {
    std::vector<int> days;
    const std::vector<double> sizes = {5000.0, 20000.0, 80000.0, 320000.0, 1000000.0};
    for (double isf : sizes) {
      Scenario s = load_shipped(kBase, {std::string("calendar.d_day=") + d_day});
      ForceElement& f = testing::force(s, "isf");
      f.training.reset();
      f.aid_share = 0.0;
      f.readiness = 0.6;
      f.equipment = 0.8;
      f.personnel = isf;
      ASSERT_TRUE(check_scenario(s).empty()) << check_scenario(s).to_string();
      const Results r = run_quiet(s);
      ASSERT_EQ(r.outcome, Outcome::kSuccess) << isf << " at " << d_day;
      days.push_back(r.duration_days());
    }
    std::string all;
    for (int d : days) all += std::to_string(d) + " ";
    for (std::size_t k = 1; k < days.size(); ++k) {
      EXPECT_LE(days[k], days[k - 1]) << d_day << ": more attackers slowed the battle: " << all;
    }
    EXPECT_LT(days.back(), days.front()) << d_day << ": mass should help: " << all;
    EXPECT_GE(days.back(), 7) << d_day
                              << ": a million attackers should not take Mosul in days: " << all;
    EXPECT_LE(days[3] - days[4], 2) << d_day << ": past 320,000 the gain should saturate: " << all;
  }
}

struct Scan {
  const char* path;
  double lo;
  double hi;
};

// Cleared fraction, casualties and days change by at most a small step
// between neighbouring points of a fine scan, except where the outcome or its
// reason changes (the tipping points a run reports).
TEST(CityBattleTest, OutcomesChangeContinuouslyExceptAtReportedTippingPoints) {
  constexpr int kPoints = 2000;
  constexpr double kMaxClearedStep = 0.02;   // fraction of the city
  constexpr double kMaxCasualtyStep = 0.05;  // relative
  constexpr int kMaxDayStep = 2;             // days
  const Scan scans[] = {{"adversary.fighters", 500, 8000},
                        {"forces.isf.personnel", 5000, 60000},
                        {"forces.isf.readiness", 0.05, 1.0}};
  for (const char* file :
       {"scenarios/mosul-2015/february.yaml", "scenarios/mosul-2015/spring.yaml"}) {
    for (const Scan& scan : scans) {
      Scenario s = load_shipped(file);
      Diagnostic error;
      auto ref = ParameterRef::resolve(s, scan.path, error);
      ASSERT_TRUE(ref);
      Results previous;
      int switches = 0;
      for (int i = 0; i < kPoints; ++i) {
        ASSERT_EQ(ref->set(scan.lo + (scan.hi - scan.lo) * i / (kPoints - 1)), "");
        Results r = run_quiet(s);
        if (i > 0) {
          if (r.outcome != previous.outcome || r.reason != previous.reason) {
            ++switches;
          } else {
            const std::string at =
                std::string(file) + " " + scan.path + " point " + std::to_string(i);
            EXPECT_LE(std::fabs(r.cleared - previous.cleared), kMaxClearedStep) << at;
            EXPECT_LE(std::fabs(r.attacker_casualties - previous.attacker_casualties),
                      kMaxCasualtyStep * std::max(1.0, previous.attacker_casualties))
                << at;
            EXPECT_LE(std::abs(r.duration_days() - previous.duration_days()), kMaxDayStep) << at;
          }
        }
        previous = std::move(r);
      }
      // Tipping points are rare: a scan is not a sequence of flips.
      EXPECT_LE(switches, 4) << file << " " << scan.path;
    }
  }
}

TEST(CityBattleTest, TheHorizonIsUnresolvedNeverFailure) {
  Scenario s = load_shipped(kBase, {"calendar.d_day=2015-04-15"});
  const Results full = run(s);
  ASSERT_EQ(full.outcome, Outcome::kSuccess);
  // Stop the run half-way through the offensive.
  s.calendar.horizon_days = (s.calendar.d_day - s.calendar.start) + full.duration_days() / 2;
  const Results cut = run(s);
  EXPECT_EQ(cut.outcome, Outcome::kUnresolved);
  EXPECT_EQ(outcome(cut, "failure"), 0.0);
  EXPECT_EQ(outcome(cut, "unresolved"), 1.0);
  EXPECT_EQ(outcome(cut, "is_gain_from_failure"), 0.0);
  // What happened before the old horizon is exactly what the longer run had.
  const std::size_t n = s.forces.size();
  ASSERT_EQ(cut.daily_campaign.size(), static_cast<std::size_t>(s.calendar.horizon_days));
  for (std::size_t d = 0; d < cut.daily_campaign.size(); ++d) {
    ASSERT_EQ(cut.daily_campaign[d].cleared, full.daily_campaign[d].cleared) << d;
    ASSERT_EQ(cut.daily_campaign[d].adversary_fighters, full.daily_campaign[d].adversary_fighters);
    ASSERT_EQ(cut.daily_campaign[d].offensive, full.daily_campaign[d].offensive) << d;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(cut.daily_elements[d * n + i].personnel, full.daily_elements[d * n + i].personnel);
    }
  }
}

TEST(CityBattleTest, SectorsAreReportedWithTheDayEachWasCleared) {
  // A garrison that never gives up and is never counted destroyed, against
  // an attack fast enough to take the whole city within the horizon, so that
  // the city is taken sector by sector. (At the calibrated speed the last
  // pocket of the first sector holds: each sector keeps its share of the
  // whole garrison until it falls, docs/model.md "Known limits".)
  const Results r =
      run(load_shipped("scenarios/mosul-2015/spring.yaml",
                       {"adversary.morale.breakpoint=0", "model.end.defender_destroyed_fraction=0",
                        "model.advance.max_km_per_day=0.15"}));
  ASSERT_EQ(r.sectors.size(), 3u);
  bool reported = false;
  for (const SectorResult& sec : r.sectors) {
    EXPECT_GE(outcome(r, sec.name + "_cleared_fraction"), 0.0);
    if (sec.was_cleared) {
      reported = true;
      EXPECT_EQ(outcome(r, sec.name + "_cleared_day"), sec.cleared_day);
      EXPECT_EQ(sec.cleared, 1.0);
      bool in_timeline = false;
      for (const TimelineEvent& e : r.timeline) {
        in_timeline = in_timeline || e.text == "sector " + sec.name + " cleared";
      }
      EXPECT_TRUE(in_timeline) << sec.name;
    }
  }
  EXPECT_TRUE(reported);
}

TEST(CityBattleTest, EliteUnitsThatLoseMuchOverMonthsKeepFighting) {
  // 40% casualties over a long battle, a few tenths of a percent a day, with
  // replacements: recent losses stay far from the casualty breakpoint.
  const char* text = R"(
name: long siege
calendar: {start: 2017-01-01, horizon_days: 400, d_day: 2017-01-01}
forces:
  elite: {affiliation: iraqi_government, role: assault, personnel: 2000, quality: 1.2,
          readiness: 0.9, cohesion: {initial: 0.9, breakpoint: 0.3, casualty_breakpoint: 0.3},
          replacements_per_day: 5}
adversary: {fighters: 2500, fortification: {initial: 0.8, max_defense_bonus: 1, max_protection: 0.5}}
environment: {city: {area_km2: 8, population: 50000}}
model: {end: {stall_days: 1000}}  # a slow siege, never called a stalemate
)";
  const Results r = run(testing::load_text(text));
  const ElementResult& elite = r.elements[0];
  EXPECT_GT(elite.casualties, 0.4 * 2000) << to_string(r.outcome) << " day " << r.end_day;
  EXPECT_FALSE(elite.broke);
  EXPECT_GT(r.duration_days(), 60);
}

// The defenders' line of retreat: an open one lets them give up the city
// sooner, a sealed one makes them hold on. The rule is anchored at the
// half-sealed default and does nothing while both factors are 1.
TEST(CityBattleTest, SealedDefendersHoldAtLeastAsLongAsThoseWhoCanLeave) {
  for (const char* file :
       {"scenarios/validation/urban/sinjar-2015.yaml", "scenarios/validation/urban/raqqa-2017.yaml",
        "scenarios/validation/urban/kobani-2014.yaml"}) {
    const Scenario base = load_shipped(file);
    const auto results_at = [&](double encirclement, double will, double speed) {
      Scenario s = base;
      set(s, "environment.city.encirclement", encirclement);
      set(s, "model.retreat_will_factor", will);
      set(s, "model.advance.retreat_speed_factor", speed);
      return run_quiet(s);
    };
    const auto values = [](const Results& r) { return outcome_values(r); };
    const Results neutral = results_at(0.5, 1.0, 1.0);
    for (double e : {0.0, 1.0}) {
      EXPECT_EQ(values(results_at(e, 1.0, 1.0)), values(neutral)) << file << " at " << e;
    }
    EXPECT_EQ(values(results_at(0.5, 4.0, 4.0)), values(neutral)) << file;
    int previous = 0;
    for (double e : {0.0, 0.25, 0.5, 0.75, 1.0}) {
      const Results r = results_at(e, 3.0, 3.0);
      EXPECT_GE(r.duration_days(), previous) << file << " at encirclement " << e;
      previous = r.duration_days();
    }
    EXPECT_GT(results_at(1.0, 3.0, 3.0).duration_days(), results_at(0.0, 3.0, 3.0).duration_days())
        << file;
  }
}

}  // namespace
}  // namespace sandtable
