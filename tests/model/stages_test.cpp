// Each daily stage in isolation, on a small hand-made state.
#include "model/stages.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "model/state.hpp"
#include "model_test_util.hpp"

namespace sandtable::model {
namespace {

using sandtable::testing::kSmallCity;
using sandtable::testing::load_text;

class StageTest : public ::testing::Test {
 protected:
  void SetUp() override { init(load_text(kSmallCity)); }

  void init(const Scenario& sc) {
    scenario_ = sc;
    build_params(scenario_, p_);
    initial_state(p_, s_);
    events_.enable(true, 64);
  }

  StepContext day(int d) const {
    StepContext c;
    c.day = d;
    c.date = p_.start + (d - 1);
    c.month = c.date.month();
    return c;
  }

  int index(const std::string& name) const {
    for (std::size_t i = 0; i < scenario_.forces.size(); ++i) {
      if (scenario_.forces[i].name == name) return static_cast<int>(i);
    }
    return -1;
  }
  ElementState& el(const std::string& name) {
    return s_.elements[static_cast<std::size_t>(index(name))];
  }

  // Everyone arrives on day 1.
  void arrive() { stage_arrivals(p_, s_, day(1)); }
  void start_offensive() { s_.phase = Phase::kActive; }

  Scenario scenario_;
  Params p_;
  State s_;
  Events events_;
};

TEST_F(StageTest, ArrivalsJoinOnTheirDayAndFireFromTheNext) {
  EXPECT_FALSE(el("army").present);
  arrive();
  EXPECT_TRUE(el("army").present);
  EXPECT_EQ(el("army").personnel, 10000);
  EXPECT_EQ(el("army").arrived_today, 10000);
  stage_arrivals(p_, s_, day(2));
  EXPECT_EQ(el("army").arrived_today, 0);
  EXPECT_EQ(el("army").personnel, 10000);
}

TEST_F(StageTest, ReinforcementsArriveOnTheirDate) {
  init(load_text(kSmallCity, {"forces.army.reinforcements=[{date: 2015-01-05, personnel: 500}]"}));
  for (int d = 1; d <= 4; ++d) stage_arrivals(p_, s_, day(d));
  EXPECT_EQ(el("army").personnel, 10000);
  stage_arrivals(p_, s_, day(5));
  EXPECT_EQ(el("army").personnel, 10500);
  EXPECT_EQ(el("army").arrived, 10500);
  EXPECT_EQ(el("army").arrived_today, 500);
}

TEST_F(StageTest, AdvisersSetTrainingSlotsCoverageAndExposure) {
  arrive();
  stage_advisers(p_, s_, day(1));
  EXPECT_DOUBLE_EQ(s_.training_slots, 1000 * 0.5 * 4);
  EXPECT_DOUBLE_EQ(s_.forward_personnel, 100);
  EXPECT_DOUBLE_EQ(s_.controller_coverage, 1.0);
  EXPECT_DOUBLE_EQ(s_.peak_us_personnel, 1000);
  EXPECT_EQ(s_.us_casualties, 0.0);  // no exposure before the offensive
  start_offensive();
  stage_advisers(p_, s_, day(2));
  EXPECT_DOUBLE_EQ(s_.us_casualties, 100 * 0.0005);
}

TEST_F(StageTest, TrainingGraduatesAfterTheCourseAndRaisesReadiness) {
  arrive();
  stage_advisers(p_, s_, day(1));  // 2,000 slots
  for (int d = 1; d <= 20; ++d) stage_training(p_, s_, day(d), events_);
  EXPECT_DOUBLE_EQ(el("army").in_training, 2000);
  EXPECT_EQ(el("army").trained, 0);
  EXPECT_DOUBLE_EQ(el("army").readiness, 0.5);
  stage_training(p_, s_, day(21), events_);  // the day-1 intake graduates
  EXPECT_DOUBLE_EQ(el("army").trained, 2000);
  EXPECT_NEAR(el("army").readiness, 0.5 + 0.3 * 0.2, 1e-12);
  for (int d = 22; d <= 120; ++d) stage_training(p_, s_, day(d), events_);
  EXPECT_NEAR(el("army").trained, 10000, 1e-6);
  EXPECT_NEAR(el("army").readiness, 0.8, 1e-12);
  EXPECT_TRUE(el("army").training_done);
}

TEST_F(StageTest, TrainingStopsOnceTheOffensiveHasStarted) {
  arrive();
  stage_advisers(p_, s_, day(1));
  start_offensive();
  for (int d = 1; d <= 60; ++d) stage_training(p_, s_, day(d), events_);
  EXPECT_EQ(el("army").trained, 0);
  EXPECT_EQ(el("army").in_training, 0);
}

TEST_F(StageTest, IntegrationClosesItsGapGeometrically) {
  for (int d = 1; d <= 10; ++d) stage_integration(p_, s_, day(d));
  const double expected = 0.8 - (0.8 - 0.2) * std::pow(1 - 0.02, 10);
  EXPECT_NEAR(el("kurds").integration, expected, 1e-12);
  EXPECT_EQ(el("army").integration, 1.0);  // no integration block: fully integrated
}

TEST_F(StageTest, LogisticsDeliversEvenlyAndDivertsMoreWithMoreMilitias) {
  arrive();
  stage_logistics(p_, s_, day(9));  // before the window
  EXPECT_EQ(s_.aid_delivered, 0);
  stage_logistics(p_, s_, day(10));
  EXPECT_NEAR(s_.aid_delivered, 2.0e8 / 60, 1e-6);
  const double share_few = s_.aid_diverted / s_.aid_delivered;
  EXPECT_GT(el("army").equipment, 0.6);
  init(load_text(kSmallCity,
                 {"forces.militia.personnel=6000", "equipment_aid.diversion_influence_share=0.5"}));
  arrive();
  stage_logistics(p_, s_, day(10));
  const double share_many = s_.aid_diverted / s_.aid_delivered;
  init(load_text(kSmallCity, {"equipment_aid.diversion_influence_share=0.5"}));
  arrive();
  stage_logistics(p_, s_, day(10));
  EXPECT_GT(share_many, s_.aid_diverted / s_.aid_delivered);
  EXPECT_EQ(share_few, 0.0);  // no diversion by default
}

TEST_F(StageTest, LinesOfEffortDecayTheirTargetToTheFloor) {
  init(load_text(
      kSmallCity,
      {"lines_of_effort.money.acts_on=finance", "lines_of_effort.money.effect_per_day=0.1",
       "lines_of_effort.money.floor=0.5", "lines_of_effort.raids.acts_on=fighters",
       "lines_of_effort.raids.effect_per_day=0.01"}));
  stage_lines_of_effort(p_, s_, day(1));
  EXPECT_NEAR(s_.finance_factor, std::exp(-0.1), 1e-12);
  EXPECT_NEAR(s_.adversary.fighters, 1500 * 0.99, 1e-9);
  for (int d = 2; d <= 100; ++d) stage_lines_of_effort(p_, s_, day(d));
  EXPECT_DOUBLE_EQ(s_.finance_factor, 0.5);
}

TEST_F(StageTest, MobilizationGrowsOnlyWhileNoOffensiveIsUnderWay) {
  arrive();
  stage_mobilization(p_, s_, day(1));
  EXPECT_NEAR(el("militia").personnel, 3000 + 0.01 * 3000, 1e-9);
  for (int d = 2; d <= 2000; ++d) stage_mobilization(p_, s_, day(d));
  EXPECT_LE(el("militia").personnel, 6000);
  EXPECT_GT(el("militia").personnel, 5990);
  const double before = el("militia").personnel;
  start_offensive();
  stage_mobilization(p_, s_, day(2001));
  EXPECT_EQ(el("militia").personnel, before);
  s_.phase = Phase::kEnded;
  s_.outcome = Outcome::kSuccess;  // the state fills the vacuum
  stage_mobilization(p_, s_, day(2002));
  EXPECT_EQ(el("militia").personnel, before);
  s_.outcome = Outcome::kFailure;  // the vacuum opens again
  stage_mobilization(p_, s_, day(2003));
  EXPECT_GT(el("militia").personnel, before);
}

TEST_F(StageTest, AdversaryRecruitsFortifiesAndIsSealedByContainment) {
  // Without containment personnel present the city is open to foreign fighters.
  stage_adversary(p_, s_, day(1));
  const double open = s_.adversary.fighters - 1500;
  EXPECT_NEAR(open, 3 + 300 / (365.25 / 12) * 0.5, 1e-9);
  EXPECT_NEAR(s_.adversary.fortification, 0.1 + 0.01 * 0.9, 1e-12);
  init(load_text(kSmallCity));
  arrive();
  stage_adversary(p_, s_, day(1));
  const double sealed = s_.adversary.fighters - 1500;
  EXPECT_LT(sealed, open);
  EXPECT_GE(sealed, 3.0 - 1e-12);
  // Under assault the garrison stops fortifying.
  start_offensive();
  const double f = s_.adversary.fortification;
  stage_adversary(p_, s_, day(2));
  EXPECT_EQ(s_.adversary.fortification, f);
}

TEST_F(StageTest, AirIsGroundedByWeatherAndExposedWhenLow) {
  arrive();
  s_.flyable = 1.0;
  stage_air(p_, s_, day(1));
  const double clear_sorties = s_.sorties_flown;
  EXPECT_NEAR(clear_sorties, 10 * 0.5, 1e-12);  // shaping share before D-day
  EXPECT_EQ(s_.air_support, 1.0);               // close support only once the offensive is on
  init(load_text(kSmallCity));
  arrive();
  s_.flyable = 0.5;
  stage_air(p_, s_, day(1));
  EXPECT_NEAR(s_.sorties_flown, clear_sorties * 0.5, 1e-12);
  const double lost_low = s_.aircraft_lost;
  init(load_text(kSmallCity, {"forces.jets.air.low_altitude_share=0.8"}));
  arrive();
  s_.flyable = 0.5;
  stage_air(p_, s_, day(1));
  EXPECT_GT(s_.aircraft_lost, lost_low);
  start_offensive();
  stage_air(p_, s_, day(2));
  EXPECT_GT(s_.air_support, 1.0);
}

TEST_F(StageTest, GroundCombatSquareLawMatchesTheHandCalculation) {
  init(load_text(kSmallCity, {"model.combat_law=square"}));
  arrive();
  stage_arrivals(p_, s_, day(p_.d_day));  // arrivals of day 1 fire from now on
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  stage_ground_combat(p_, s_, day(p_.d_day));
  const double y = 1500 * adversary_effectiveness(p_, s_);
  double x = 0.0;
  double x_assault = 0.0;
  double exposure = 0.0;
  for (const char* name : {"army", "militia", "kurds"}) {
    const int i = index(name);
    const bool cordon = std::string(name) == "kurds";
    // A front of sqrt(20) km holds 4,472 attackers: both assault elements put
    // their 30% in contact; the Kurds hold the cordon at intensity 0.2.
    const double in_contact = el(name).personnel_step * (cordon ? 0.2 : 0.3);
    EXPECT_NEAR(cordon ? el(name).cordon : el(name).contact, in_contact, 1e-9) << name;
    x += in_contact * element_effectiveness(p_, s_, i);
    if (!cordon) x_assault += in_contact * element_effectiveness(p_, s_, i);
    exposure += el(name).personnel_step * (cordon ? 0.2 : 1.0);
  }
  const double coalition_loss = 0.03 * y;
  EXPECT_NEAR(el("army").losses_step, coalition_loss * 10000 / exposure, 1e-9);
  const double protection = 1 + 0.5 * 0.1;
  EXPECT_NEAR(s_.adversary.losses_step, 0.003 * x / protection, 1e-9);
  EXPECT_NEAR(s_.force_ratio, x_assault / y, 1e-9);
  EXPECT_EQ(el("advisers").losses_step, 0.0);
}

TEST_F(StageTest, FrontHoldsTroopsPerKmOfAFrontThatGrowsWithTheRootOfTheArea) {
  init(load_text(kSmallCity, {"forces.army.personnel=100000", "model.front.troops_per_km=500"}));
  arrive();
  stage_arrivals(p_, s_, day(2));
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  const double front = std::sqrt(20.0);  // km, one side of the 20 km2 city
  EXPECT_NEAR(s_.sectors[0].front_km, front, 1e-12);
  EXPECT_NEAR(s_.front_contact, 500 * front, 1e-9);
  // The better element goes first: the militia (effectiveness 0.6 against the
  // army's 0.29) puts all its 30% in contact, the army fills the rest.
  ASSERT_GT(element_effectiveness(p_, s_, index("militia")),
            element_effectiveness(p_, s_, index("army")));
  EXPECT_NEAR(el("militia").contact, 3000 * 0.3, 1e-9);
  EXPECT_NEAR(el("army").contact, 500 * front - 3000 * 0.3, 1e-9);
  // Four times the area: twice the front, twice the troops in contact.
  init(load_text(kSmallCity, {"forces.army.personnel=100000", "model.front.troops_per_km=500",
                              "environment.city.area_km2=80"}));
  arrive();
  stage_arrivals(p_, s_, day(2));
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  EXPECT_NEAR(s_.front_contact, 500 * 2 * front, 1e-9);
}

TEST_F(StageTest, ReservesFillTheFrontOnlyWhereTheAssaultCannot) {
  init(load_text(kSmallCity, {"forces.militia.role=reserve", "model.front.troops_per_km=800"}));
  arrive();
  stage_arrivals(p_, s_, day(2));
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  const double capacity = 800 * std::sqrt(20.0);  // 3,578
  EXPECT_NEAR(el("army").contact, 3000, 1e-9);    // all it can put in contact
  EXPECT_NEAR(el("militia").contact, capacity - 3000, 1e-9);
  // A fading assault element leaves more of the front to the reserve.
  el("army").fade = 0.5;
  stage_front(p_, s_, day(p_.d_day + 1), events_);
  EXPECT_NEAR(el("army").contact, 1500, 1e-9);
  EXPECT_NEAR(el("militia").contact, 900, 1e-9);  // capped at its own 30%
}

TEST_F(StageTest, UrbanLawMatchesTheHandCalculation) {
  init(load_text(kSmallCity, {"model.combat_law=urban", "model.urban.defender_kill_rate=0.02",
                              "model.urban.search_km2_per_day=0.0001"}));
  arrive();
  stage_arrivals(p_, s_, day(p_.d_day));
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  stage_ground_combat(p_, s_, day(p_.d_day));
  const SectorState& sec = s_.sectors[0];
  const double front = std::sqrt(20.0);
  // Depth 1 km behind the covered part of the front of a 20 km2 city.
  const double covered = (10000 * 0.3 + 3000 * 0.3) / (1000 * front);
  const double engaged = front * covered * 1.0 / 20.0;
  const double y = 1500 * adversary_base_effectiveness(p_, s_) * engaged * (1 + 1.0 * 0.1);
  EXPECT_NEAR(sec.defense, y, 1e-9);
  const double hits = 0.02 * y;
  const double attacker_loss = hits / (1 + hits / s_.front_contact);
  EXPECT_NEAR(el("army").losses_step + el("militia").losses_step, attacker_loss * (1.0 - 0.0),
              attacker_loss * 1e-9 + 1e-9);
  const double search = 1e-4 * s_.front_power / (20.0 * (1 + 0.5 * 0.1));
  double cordon = el("kurds").power;
  const double defender_loss = 1500 * search / (1 + search) * (1 + cordon / s_.front_power);
  EXPECT_NEAR(s_.adversary.losses_step, defender_loss, 1e-9);
  EXPECT_NEAR(s_.force_ratio, s_.front_power / y, 1e-9);
  // The cordon takes the assault's losses per person, at its own intensity.
  EXPECT_NEAR(el("kurds").losses_step, attacker_loss / s_.front_contact * el("kurds").cordon, 1e-9);
}

TEST_F(StageTest, ClearingTakesAreaAtTheAdvanceRateAlongTheCoveredFront) {
  init(load_text(kSmallCity, {"model.combat_law=urban", "model.advance.counterattack_factor=0",
                              "model.advance.max_km_per_day=1"}));
  start_offensive();
  SectorState& sec = s_.sectors[0];
  sec.active = true;
  sec.front_km = 4.0;
  sec.capacity = 4000;
  sec.contact = 2000;  // half the front covered
  sec.ratio = 3.0;     // half speed
  stage_clearing(p_, s_, day(p_.d_day), events_);
  EXPECT_NEAR(sec.cleared, 1.0 * 0.5 * 4.0 * 0.5, 1e-12);  // km2
  EXPECT_NEAR(s_.cleared, 1.0 / 20.0, 1e-12);
  // Below parity the defenders counter-attack and retake ground.
  init(load_text(kSmallCity, {"model.combat_law=urban"}));
  start_offensive();
  SectorState& again = s_.sectors[0];
  again.cleared = 5.0;
  again.active = true;
  again.front_km = 4.0;
  again.capacity = again.contact = 4000;
  again.ratio = 0.5;
  stage_clearing(p_, s_, day(p_.d_day), events_);
  EXPECT_LT(again.cleared, 5.0);
  // A sector is cleared when its whole area is taken.
  again.ratio = 1e6;
  again.cleared = 19.8;  // 0.1 km/day along a 4 km front takes the last 0.2 km2
  stage_clearing(p_, s_, day(p_.d_day + 1), events_);
  EXPECT_TRUE(again.done);
  EXPECT_EQ(s_.cleared, 1.0);
}

TEST_F(StageTest, SectorsAreAttackedInOrderAndTheirDefendersFallBack) {
  init(load_text(kSmallCity, {"model.combat_law=urban", "environment.city.area_km2=0",
                              "environment.city.sectors={east: {order: 1, area_km2: 12, "
                              "defender_share: 0.25}, west: {order: 2, area_km2: 8, "
                              "defender_share: 0.75}}"}));
  arrive();
  stage_arrivals(p_, s_, day(2));
  start_offensive();
  stage_front(p_, s_, day(p_.d_day), events_);
  EXPECT_TRUE(s_.sectors[0].active);
  EXPECT_FALSE(s_.sectors[1].active);
  stage_ground_combat(p_, s_, day(p_.d_day));
  EXPECT_NEAR(s_.sectors[0].defenders, 0.25 * s_.adversary.fighters_step, 1e-9);
  s_.sectors[0].done = true;
  stage_front(p_, s_, day(p_.d_day + 1), events_);
  stage_ground_combat(p_, s_, day(p_.d_day + 1));
  EXPECT_TRUE(s_.sectors[1].active);
  // The east's survivors joined the west: it holds every defender now.
  EXPECT_NEAR(s_.sectors[1].defenders, s_.adversary.fighters_step, 1e-9);
}

TEST_F(StageTest, CohesionBreaksLessReadyElementsFirst) {
  for (int d = 1; d <= 2; ++d) stage_arrivals(p_, s_, day(d));
  start_offensive();
  ElementState& army = el("army");
  ElementState& militia = el("militia");
  army.cohesion = militia.cohesion = 0.8;
  for (int d = 0; d < 40; ++d) {
    for (ElementState* e : {&army, &militia}) {
      e->engaged = !e->broken;
      e->personnel_step = 1000;
      e->losses_step = 10;  // the same 1% daily loss for both
    }
    stage_cohesion(p_, s_, day(3 + d), events_);
  }
  EXPECT_TRUE(army.broken);  // readiness 0.5
  ASSERT_TRUE(militia.broken || militia.cohesion > army.cohesion);
  if (militia.broken) {
    EXPECT_GT(militia.broke_day, army.broke_day);
  }
}

TEST_F(StageTest, CasualtyBreakpointActsOnRecentLossesNotOnTheWholeCampaign) {
  arrive();
  start_offensive();
  // 31% lost in one day breaks it.
  el("army").engaged = true;
  el("army").personnel_step = 10000;
  el("army").losses_step = 3100;
  stage_cohesion(p_, s_, day(2), events_);
  EXPECT_TRUE(el("army").broken);
  EXPECT_FALSE(el("militia").broken);
  // 40% lost over a year, 0.11% a day, never does: the recent losses settle
  // near 0.0011 / (1 - exp(-1/14)), about 1.6%.
  init(load_text(kSmallCity, {"forces.army.cohesion.stress_sensitivity=0"}));
  arrive();
  start_offensive();
  for (int d = 2; d < 367; ++d) {
    el("army").engaged = true;
    el("army").personnel_step = 10000;
    el("army").losses_step = 11;
    stage_cohesion(p_, s_, day(d), events_);
  }
  EXPECT_FALSE(el("army").broken);
  EXPECT_NEAR(el("army").recent_losses, 0.0011 / (1 - std::exp(-1.0 / 14)), 1e-6);
}

TEST_F(StageTest, FightingPowerFadesSmoothlyToTheBreakpoint) {
  arrive();
  start_offensive();
  // Cohesion 0.3 + 0.05, half-way through the graded width of 0.1.
  el("army").cohesion = 0.35;
  el("army").engaged = false;
  el("army").personnel_step = 10000;
  sandtable::testing::force(scenario_, "army").cohesion.recovery_per_day = 0.0;
  build_params(scenario_, p_);
  stage_cohesion(p_, s_, day(2), events_);
  EXPECT_NEAR(el("army").fade, 0.5, 1e-12);  // smoothstep(0.5)
  EXPECT_FALSE(el("army").broken);
  EXPECT_GT(fade(0.051, 0.1), fade(0.05, 0.1));
  EXPECT_EQ(fade(0.0, 0.1), 0.0);
  EXPECT_EQ(fade(0.1, 0.1), 1.0);
}

TEST_F(StageTest, DisplacementRisesDuringTheAssault) {
  stage_displacement(p_, s_, day(1));
  const double base = s_.displaced;
  EXPECT_NEAR(base, 500000 * 0.0001, 1e-9);
  start_offensive();
  s_.advance_factor = 1.0;
  p_.model.displacement_share = 0.5;
  p_.model.displacement_per_day = 0.1;
  stage_displacement(p_, s_, day(2));
  // The city's rates on everyone left, and the flight of the share still to flee.
  EXPECT_NEAR(s_.displaced - base, (500000 - base) * (0.0001 + 0.002) + (0.5 * 500000 - base) * 0.1,
              1e-6);
}

TEST_F(StageTest, FlightFromTheOffensiveStopsAtItsShareOfThePopulation) {
  p_.city.displacement_base_per_day = 0.0;
  p_.city.displacement_assault_per_day = 0.0;
  p_.model.displacement_share = 0.4;
  p_.model.displacement_per_day = 0.5;
  stage_displacement(p_, s_, day(1));
  EXPECT_EQ(s_.displaced, 0.0);  // no offensive, no flight
  start_offensive();
  for (int d = 2; d < 80; ++d) stage_displacement(p_, s_, day(d));
  EXPECT_NEAR(s_.displaced, 0.4 * 500000, 1.0);
  EXPECT_LE(s_.displaced, 0.4 * 500000);
  p_.model.displacement_share = 1.0;
  p_.model.displacement_per_day = 1.0;  // everyone left leaves in a day
  p_.city.displacement_base_per_day = 1.0;
  stage_displacement(p_, s_, day(80));
  EXPECT_EQ(s_.displaced, 500000.0);  // never more than lived there
}

TEST_F(StageTest, EndConditionsSucceedWhenTheCityIsCleared) {
  arrive();
  start_offensive();
  s_.cleared = 1.0;
  stage_end_conditions(p_, s_, day(40), events_);
  EXPECT_EQ(s_.phase, Phase::kEnded);
  EXPECT_EQ(s_.outcome, Outcome::kSuccess);
  EXPECT_EQ(s_.reason, EndReason::kCityCleared);
  EXPECT_EQ(s_.adversary.fighters, 0.0);  // survivors withdraw
}

TEST_F(StageTest, EndConditionsFailAndEmboldenWhenTheAssaultBreaks) {
  arrive();
  start_offensive();
  el("army").broken = true;
  el("militia").broken = true;
  stage_end_conditions(p_, s_, day(40), events_);
  EXPECT_EQ(s_.outcome, Outcome::kFailure);
  EXPECT_EQ(s_.reason, EndReason::kAssaultBroke);
  EXPECT_NEAR(s_.adversary.fighters, 1500 * 1.2, 1e-9);
  EXPECT_NEAR(s_.adversary.gain_from_failure, 300, 1e-9);
  EXPECT_DOUBLE_EQ(s_.adversary.recruitment_multiplier, 2.0);
}

TEST_F(StageTest, EndConditionsCountDefendersDestroyedFromTheirDDayStrength) {
  init(load_text(kSmallCity, {"model.end.defender_destroyed_fraction=0.5"}));
  arrive();
  s_.adversary.fighters = 4000;  // grew before D-day
  stage_calendar(p_, s_, day(p_.d_day), events_);
  EXPECT_EQ(s_.defenders_d_day, 4000);
  s_.force_ratio = 5.0;
  s_.progress_today = 1.0;
  s_.adversary.fighters = 2100;  // above half of D-day (not of the start's 1,500)
  stage_end_conditions(p_, s_, day(p_.d_day), events_);
  EXPECT_EQ(s_.phase, Phase::kActive);
  s_.adversary.fighters = 1900;
  stage_end_conditions(p_, s_, day(p_.d_day + 1), events_);
  EXPECT_EQ(s_.reason, EndReason::kAdversaryDestroyed);
}

TEST_F(StageTest, EndConditionsNeverEndAnOffensiveAtTheHorizon) {
  arrive();
  start_offensive();
  s_.force_ratio = 5.0;
  s_.progress_today = 1.0;
  stage_end_conditions(p_, s_, day(p_.horizon), events_);
  EXPECT_EQ(s_.phase, Phase::kActive);  // unresolved, and nothing is emboldened
  EXPECT_EQ(s_.adversary.gain_from_failure, 0.0);
}

TEST_F(StageTest, EndConditionsCulminateAfterTheSetNumberOfDays) {
  arrive();
  start_offensive();
  s_.force_ratio = 0.5;
  s_.progress_today = 1.0;  // progress, so no stall
  for (int d = 1; d < 10; ++d) {
    stage_end_conditions(p_, s_, day(30 + d), events_);
    ASSERT_EQ(s_.phase, Phase::kActive) << d;
  }
  stage_end_conditions(p_, s_, day(40), events_);
  EXPECT_EQ(s_.reason, EndReason::kCulminated);
}

TEST_F(StageTest, EndConditionsCallAStalemateWhenProgressStops) {
  arrive();
  start_offensive();
  s_.force_ratio = 2.0;
  s_.progress_today = 0.0;
  for (int d = 1; d <= 21; ++d) stage_end_conditions(p_, s_, day(30 + d), events_);
  EXPECT_EQ(s_.outcome, Outcome::kStalemate);
  EXPECT_EQ(s_.reason, EndReason::kStalled);
  EXPECT_NEAR(s_.adversary.gain_from_failure, 1500 * 0.2 * 0.5, 1e-9);
}

TEST_F(StageTest, CalendarStartsTheOffensiveOnDDay) {
  stage_calendar(p_, s_, day(p_.d_day - 1), events_);
  EXPECT_EQ(s_.phase, Phase::kBefore);
  stage_calendar(p_, s_, day(p_.d_day), events_);
  EXPECT_EQ(s_.phase, Phase::kActive);
  EXPECT_EQ(events_.items().back().kind, EventKind::kDDay);
}

TEST_F(StageTest, CalendarAppliesTheHeatPenalty) {
  init(load_text(kSmallCity, {"environment.heat_penalty_per_degree=0.02",
                              "environment.weather.jul.mean_high_c=43"}));
  StepContext c = day(1);
  c.month = 7;
  stage_calendar(p_, s_, c, events_);
  EXPECT_NEAR(s_.heat_factor, 1 - 0.02 * 8, 1e-12);
}

}  // namespace
}  // namespace sandtable::model
