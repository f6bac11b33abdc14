// The scenario: a plain value type holding every assumption of a case.
//
// Each field's default is the default member initialiser below; its unit,
// range, meaning and source are declared once in the scenario schema
// (sim/scenario/scenario_schema.cpp), which drives parsing, `--set`, range
// checks, `sandtable schema` and docs/scenario-format.md. Read
// docs/model.md for how each field enters the equations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sandtable/date.hpp"

namespace sandtable {

enum class Side { kCoalition, kAdversary };
enum class Role { kAssault, kContainment, kReserve, kAir, kAdvisers };
enum class CombatLaw { kSquare, kLinear, kLogarithmic, kMixed, kUrban };
// Who holds the city when the run starts; the other side attacks it on D-day.
enum class Holder { kAdversary, kCoalition };
enum class EffortTarget { kFinance, kForeignFighters, kRecruitment, kMorale, kFighters };

// The words used for these values in scenario files ("assault", "mixed"...).
const char* to_string(Side side);
const char* to_string(Role role);
const char* to_string(CombatLaw law);
const char* to_string(Holder holder);

// The built-in affiliations; scenarios may declare more under `affiliations`.
inline constexpr const char* kBuiltinAffiliations[] = {"iraqi_government", "kurdish", "iran_backed",
                                                       "us_coalition"};

struct Calendar {
  Date start;            // first simulated day (day 1)
  int horizon_days = 0;  // days simulated, start included
  Date d_day;            // first day of the offensive
};

struct Affiliation {
  std::string name;  // map key
  std::string label;
};

struct Reinforcement {
  Date date;
  double personnel = 0.0;  // persons arriving on that date
};

struct Cohesion {
  double initial = 1.0;              // fraction, 1 = fully cohesive
  double breakpoint = 0.25;          // fraction; breaks when cohesion falls below
  double casualty_breakpoint = 0.3;  // recent losses (fraction of personnel over the loss
                                     // window, model.loss_window_days) at which it breaks
  double stress_sensitivity = 1.0;   // multiplier on daily stress (0 = never stressed)
  double recovery_per_day = 0.02;    // fraction of the gap to `initial` regained per day
};

struct Training {
  double trainees = 0.0;           // persons who need the course
  int course_days = 42;            // days
  double trained_readiness = 0.8;  // readiness of a fully trained force (fraction)
  std::optional<Date> start;       // default: calendar.start
};

struct Integration {
  double initial = 0.0;       // fraction integrated with the main force at start
  double target = 1.0;        // fraction reached in the long run
  double rate_per_day = 0.0;  // fraction of the remaining gap closed per day
};

struct Mobilization {
  double max_personnel = 0.0;  // persons the element can grow to
  double rate_per_day =
      0.0;  // fraction of the remaining gap mobilised per day before the offensive
};

struct AirSupport {
  double sorties_per_day = 0.0;  // sorties/day over the theatre once the offensive starts
  double shaping_share = 0.5;    // fraction of those sorties flown before D-day
  double fighters_killed_per_sortie = 0.0;  // adversary persons per effective sortie
  double low_altitude_share = 0.0;          // fraction of sorties flown low
  double low_altitude_effect_bonus = 0.5;   // extra effect of a low sortie (fraction)
  double weather_sensitivity = 1.0;         // fraction of unflyable weather that grounds it
  double forward_controller_bonus = 0.5;    // extra effect with full forward-controller coverage
  double close_support_bonus = 0.3;         // ground effectiveness gain at full support (fraction)
  double sorties_for_full_support = 40.0;   // effective sorties/day for full close support
};

struct Advising {
  double training_share = 0.5;        // fraction of personnel who train
  double trainees_per_trainer = 2.3;  // persons in training per trainer
  double forward_share = 0.1;         // fraction deployed forward (controllers, advise-and-assist)
  double controllers_needed = 300.0;  // forward personnel for full air-control coverage
  double daily_casualty_risk = 0.0005;  // expected casualties per forward person per offensive day
};

struct ForceElement {
  std::string name;  // map key, e.g. "isf"
  std::string label;
  Side side = Side::kCoalition;
  std::string affiliation;
  Role role = Role::kAssault;
  double personnel = 0.0;       // persons at arrival
  std::optional<Date> arrival;  // default: calendar.start
  std::vector<Reinforcement> reinforcements;
  double quality = 1.0;    // effectiveness per person relative to the reference
  double readiness = 1.0;  // fraction at start
  double equipment = 1.0;  // fraction of full equipment at start
  Cohesion cohesion;
  bool may_enter_city = true;
  int commit_delay_days = 0;          // days after D-day before it engages
  double replacements_per_day = 0.0;  // persons/day replacing losses (never above arrivals)
  double aid_share = 0.0;             // fraction of undiverted equipment aid it receives
  bool receives_diverted_aid = false;
  std::optional<Training> training;
  std::optional<Integration> integration;
  std::optional<Mobilization> mobilization;
  std::optional<AirSupport> air;
  std::optional<Advising> advising;
};

struct Morale {
  double initial = 1.0;            // 1 = normal
  double recovery_per_day = 0.02;  // fraction of the gap to `initial` closed per day
  double loss_sensitivity = 2.12;  // morale lost per unit of daily loss fraction
  double breakpoint = 0.139;       // the garrison breaks when morale falls below (0: never)
};

struct Recruitment {
  double local_per_day = 0.0;             // persons/day at full finance
  double foreign_inflow_per_month = 0.0;  // persons/month reaching the whole organisation
  double share_to_theatre = 1.0;          // fraction of the foreign inflow reaching this theatre
};

struct Fortification {
  double initial = 0.0;            // fraction of full fortification
  double rate_per_day = 0.0;       // fraction of the remaining gap built per day at full finance
  double max_defense_bonus = 0.0;  // fire effectiveness gain at full fortification (fraction)
  double max_protection = 0.0;     // loss reduction divisor gain at full fortification (fraction)
  double air_protection = 0.0;     // fraction of air effect lost at full fortification
};

struct Manpads {
  double threat = 0.0;                    // fraction of the reference threat, 0 = none
  double loss_per_low_sortie = 0.0;       // aircraft lost per low sortie at threat 1
  double loss_per_high_sortie = 0.0;      // aircraft lost per high sortie at threat 1
  double pilot_capture_given_loss = 0.5;  // fraction of losses whose crew is captured
};

struct Emboldening {
  double fighter_surge_fraction = 0.0;  // fraction of current fighters added on a failure
  double morale_boost = 0.0;            // added to morale on a failure
  double recruitment_multiplier = 1.0;  // recruitment factor after a failure
  double stalemate_factor = 0.5;        // share of the above applied on a stalemate
};

struct Adversary {
  std::string label;
  double fighters = 0.0;  // persons at start
  double quality = 1.0;
  double finance = 1.0;  // finance index at start (1 = reference)
  Morale morale;
  Recruitment recruitment;
  Fortification fortification;
  Manpads manpads;
  Emboldening emboldened;
};

struct EquipmentAid {
  double total_usd = 0.0;
  Date deliveries_start;
  Date deliveries_end;
  double usd_per_person = 44500.0;    // cost to fully equip one person
  double diversion_base_share = 0.0;  // fraction diverted regardless of militia influence
  double diversion_influence_share =
      0.0;  // extra fraction diverted per unit militia personnel share
};

struct LineOfEffort {
  std::string name;  // map key
  EffortTarget acts_on = EffortTarget::kFinance;
  double effect_per_day = 0.0;  // fraction per day
  std::optional<Date> start;    // default: calendar.start
  double floor = 0.0;           // lowest fraction of the original the target can be pushed to
};

struct MonthWeather {
  double flyable_fraction = 1.0;  // fraction of days fit for close air support
  double mean_high_c = 20.0;      // mean daily high, degrees Celsius
};

struct Weather {
  MonthWeather jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec;
  [[nodiscard]] const MonthWeather& month(int m) const;  // m in 1..12
};

// A part of the city fought over as a unit: east and west of a river, an
// old city. Sectors are cleared in increasing `order`; sectors of the same
// order are fought in parallel.
struct Sector {
  std::string name;  // map key
  int order = 1;
  double area_km2 = 0.0;              // built-up area
  double population = 0.0;            // persons at start
  double defender_share = 0.0;        // fraction of the city's defenders holding it
  double fortification_factor = 1.0;  // multiplier on the city's fortification (capped at 1)
};

struct City {
  std::string name;
  double area_km2 = 0.0;    // built-up area; with sectors, the sum of theirs
  double population = 0.0;  // persons at start; with sectors, the sum of theirs
  Holder held_by = Holder::kAdversary;
  std::vector<Sector> sectors;                // sorted by name; empty: the whole city is one sector
  double containment_personnel_needed = 0.0;  // persons (effective) to seal the city
  double encirclement = 0.5;  // how far the defenders' line of retreat is cut: 0 open, 1 sealed
  double displacement_base_per_day = 0.0;     // fraction of remaining population leaving per day
  double displacement_assault_per_day = 0.0;  // extra fraction per day while the assault is on
};

struct Environment {
  std::optional<City> city;
  Weather weather;
  double heat_threshold_c = 35.0;        // mean high above which ground effectiveness falls
  double heat_penalty_per_degree = 0.0;  // fraction of effectiveness lost per degree above
};

struct AdvanceSettings {
  double max_km_per_day = 0.0716;     // depth cleared per day at overwhelming odds (urban)
  double ratio_at_half_speed = 3.0;   // force ratio giving half the maximum rate
  double steepness = 3.0;             // exponent of the advance curve
  double counterattack_factor = 0.5;  // defender's counter-attack speed relative to an attack
  double retreat_speed_factor = 1.0;  // advance against an open line of retreat, over half-sealed
};

// Force-to-space: how many attackers a front can hold.
struct FrontSettings {
  double troops_per_km = 1000.0;   // attackers in contact per km of front
  double km_per_sqrt_km2 = 1.0;    // front length per square root of the area still held
  double min_km = 0.25;            // shortest front, around the last pocket
  double depth_km = 1.0;           // depth of the defence engaged by the front
  double max_contact_share = 0.3;  // fraction of an element in contact at once
};

// The urban attrition law (model.combat_law: urban).
struct UrbanCombat {
  double defender_kill_rate = 0.182;    // attackers hit per effective defender per day
  double search_km2_per_day = 2.05e-4;  // km2 searched per effective attacker in contact per day
};

struct EndSettings {
  double culmination_ratio = 1.0;             // force ratio below which the assault is culminating
  int culmination_days = 10;                  // consecutive culminating days that end it in failure
  double stall_progress_per_day = 0.0005;     // daily progress below which a day counts as stalled
  int stall_days = 21;                        // consecutive stalled days that end it in stalemate
  double defender_destroyed_fraction = 0.01;  // success below this fraction of D-day defenders
};

struct ModelSettings {
  CombatLaw combat_law = CombatLaw::kUrban;
  int substeps_per_day = 1;
  double coalition_kill_rate = 0.01;   // adversary persons per effective coalition person per day
  double adversary_kill_rate = 0.05;   // coalition persons per effective adversary person per day
  double containment_intensity = 0.2;  // contact intensity of containment relative to assault
  double equipment_floor = 0.5;        // effectiveness factor at zero equipment
  double integration_friction = 0.3;   // effectiveness lost at zero integration
  double loss_stress = 3.0;            // cohesion lost per unit of daily loss fraction
  double shock_stress_per_day = 0.02;  // cohesion lost per day in contact at zero readiness
  double ground_stress = 0.951;        // defenders' cohesion or morale lost per city fraction taken
  double odds_stress_per_day =
      0.00238;                        // defenders' morale or cohesion lost per day at hopeless odds
  double odds_at_half_stress = 1.66;  // whole-force power ratio giving half of that stress
  double retreat_will_factor = 1.0;   // defenders' will lost, open retreat against half-sealed
  double loss_window_days = 14.0;     // e-folding time of the recent losses breakpoints act on
  double graded_width = 0.1;          // cohesion above the breakpoint over which power fades
  double displacement_share = 0.926;  // share of the residents who flee the offensive
  double displacement_per_day = 0.0701;  // pace of that flight: fraction of those left per day
  AdvanceSettings advance;
  FrontSettings front;
  UrbanCombat urban;
  EndSettings end;
};

// What happened in a recorded battle, for calibration and validation
// (`sandtable fit`, `sandtable validate`). Observations never change a run.
enum class Grade { kA, kB, kC };  // A official or peer-reviewed, B reputable press, C weaker
enum class ObservedOutcome { kUnknown, kSuccess, kFailure, kStalemate, kUnresolved };

struct ObservedValue {
  std::string name;  // map key: an outcome name ("duration_days", "attacker_casualties")
  double low = 0.0;  // the observed range; low == high for a single figure
  double high = 0.0;
  Grade grade = Grade::kC;
  std::string source;
};

struct ObservedSeries {
  std::string name;  // map key: a daily series ("<element>_strength", "cleared_fraction")
  std::string file;  // CSV, relative to the scenario file
  std::string day_column = "day";  // 1-based day of the run, or a `date` column
  std::string column;              // the observed values
  Grade grade = Grade::kC;
  std::string source;
};

struct Observed {
  ObservedOutcome outcome = ObservedOutcome::kUnknown;
  Grade outcome_grade = Grade::kC;
  std::vector<ObservedValue> values;   // sorted by name
  std::vector<ObservedSeries> series;  // sorted by name
  std::string notes;
};

struct Analysis {
  std::string criteria = "success";  // default success criteria for timing and threshold
};

struct Scenario {
  std::string name;
  std::string description;
  Calendar calendar;
  std::vector<Affiliation> affiliations;  // user-defined, sorted by name
  std::vector<ForceElement> forces;       // sorted by name
  Adversary adversary;
  std::optional<EquipmentAid> equipment_aid;
  std::vector<LineOfEffort> lines_of_effort;  // sorted by name
  Environment environment;
  ModelSettings model;
  Analysis analysis;
  std::optional<Observed> observed;

  [[nodiscard]] Date last_day() const { return calendar.start + (calendar.horizon_days - 1); }
  [[nodiscard]] const ForceElement* find_force(const std::string& key) const;
};

}  // namespace sandtable
