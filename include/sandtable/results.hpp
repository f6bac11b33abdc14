// What a run produces: the outcome and its date, per-element casualties and
// strengths, the adversary, who did the fighting, US exposure, aid and
// displacement, a timeline, and (optionally) the daily series behind them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sandtable/date.hpp"
#include "sandtable/scenario.hpp"

namespace sandtable {

// From the attacker's side: the offensive took the city (success), was
// defeated (failure), bogged down (stalemate), or was still going on when
// the simulated period ended (unresolved).
enum class Outcome { kSuccess, kFailure, kStalemate, kUnresolved };

enum class EndReason {
  kCityCleared,         // success: the whole city cleared
  kGarrisonBroke,       // success: the defenders broke
  kAdversaryDestroyed,  // success: the defenders fell below the destroyed fraction of D-day
  kAssaultBroke,        // failure: every attacking element broke
  kCulminated,          // failure: the force ratio stayed below the culmination ratio
  kHorizon,             // unresolved: the horizon passed with the offensive still on
  kStalled,             // stalemate: no progress for stall_days
};

const char* to_string(Outcome o);
const char* to_string(EndReason r);

struct ElementResult {
  std::string name;
  std::string affiliation;
  Side side = Side::kCoalition;
  Role role = Role::kAssault;
  double arrived = 0.0;          // persons arrived or mobilised over the run
  double casualties = 0.0;       // persons
  double strength_end = 0.0;     // persons remaining at the horizon
  double readiness_d_day = 0.0;  // readiness on D-day
  double readiness_end = 0.0;
  double cohesion_end = 0.0;
  double equipment_end = 0.0;
  double adversary_losses_inflicted = 0.0;  // from D-day to the end of the offensive
  bool broke = false;
  Date broke_on;
};

struct SectorResult {
  std::string name;
  double area_km2 = 0.0;
  double cleared = 0.0;  // fraction of the sector cleared when the offensive ended
  bool was_cleared = false;
  int cleared_day = 0;  // 1-based day index, 0 if never cleared
  Date cleared_on;      // valid when was_cleared
};

// How close the run came to each switch that decides its outcome, as a
// relative distance (0: at the switch; negative: the switch fired); the
// lowest value over the offensive.
struct Margins {
  double attacker_break = 1.0;   // nearest attacking element to its breakpoint
  double defender_break = 1.0;   // the defenders to theirs
  double culmination = 1.0;      // front force ratio against the culmination ratio
  std::string attacker_element;  // the element behind attacker_break ("" for the adversary)
  std::string defender_element;
};

struct TimelineEvent {
  Date date;
  std::string text;
};

// One row per day: the campaign-level series.
struct DailyCampaign {
  Date date;
  double cleared = 0.0;      // fraction of the city cleared
  double force_ratio = 0.0;  // assault power / defending power (0 before D-day)
  double adversary_fighters = 0.0;
  double adversary_morale = 0.0;
  double fortification = 0.0;
  double us_personnel = 0.0;
  double sorties = 0.0;            // flown that day over the theatre
  double aircraft_lost = 0.0;      // expected, cumulative
  double aid_delivered_usd = 0.0;  // cumulative
  double aid_diverted_usd = 0.0;   // cumulative
  double displaced = 0.0;          // cumulative
  double in_contact = 0.0;         // attackers in contact at the front
  int offensive = 0;               // 0 before D-day, 1 on, 2 ended
};

// One row per day and element.
struct DailyElement {
  double personnel = 0.0;
  double casualties = 0.0;  // cumulative
  double readiness = 0.0;
  double cohesion = 0.0;
  double equipment = 0.0;
  double inflicted = 0.0;      // cumulative adversary losses inflicted
  double in_contact = 0.0;     // persons in contact at the front (or on the cordon)
  double recent_losses = 0.0;  // fraction of personnel lost over the loss window
  double fade = 1.0;           // fighting power left by graded breaking
  bool engaged = false;
  bool broken = false;
};

struct Results {
  std::string scenario_name;
  Date start;
  Date d_day;
  Outcome outcome = Outcome::kFailure;
  EndReason reason = EndReason::kHorizon;
  Date end_date;    // day the offensive ended
  int end_day = 0;  // 1-based day index of end_date
  int days_from_d_day = 0;
  double cleared = 0.0;  // fraction of the city cleared when the offensive ended
  bool has_city = false;
  bool adversary_attacks = false;     // the city was held by the coalition
  std::vector<SectorResult> sectors;  // in scenario order (one per declared sector)
  Margins margins;
  double attacker_casualties = 0.0;  // persons: ground losses of the attacking side
  double defender_casualties = 0.0;  // persons: ground losses of the defending side
  double peak_force_ratio = 0.0;     // highest front force ratio over the offensive

  std::vector<ElementResult> elements;  // in scenario order

  double adversary_initial = 0.0;
  double adversary_d_day = 0.0;
  double adversary_peak = 0.0;
  double adversary_losses = 0.0;  // whole run, every cause
  double adversary_end_of_offensive = 0.0;
  double adversary_end = 0.0;  // at the horizon (0 after a success)
  double adversary_gain_from_failure = 0.0;
  double fortification_d_day = 0.0;

  // Share of adversary losses inflicted by each affiliation from D-day to the
  // end of the offensive, for every built-in and declared affiliation.
  std::vector<std::pair<std::string, double>> fighting_share;

  double peak_us_personnel = 0.0;
  double us_casualties = 0.0;  // expected
  double sorties_flown = 0.0;
  double aircraft_lost = 0.0;       // expected
  double pilots_captured = 0.0;     // expected
  double pilot_capture_risk = 0.0;  // probability of at least one capture
  double aid_delivered_usd = 0.0;
  double aid_diverted_usd = 0.0;
  double civilians_displaced = 0.0;

  std::vector<TimelineEvent> timeline;

  // Daily series (empty unless recorded): campaign[d] and elements[d * n + i].
  std::vector<DailyCampaign> daily_campaign;
  std::vector<DailyElement> daily_elements;

  [[nodiscard]] double share_of(const std::string& affiliation) const;
  // Days of the offensive, D-day and the end day included (0 before D-day).
  [[nodiscard]] int duration_days() const;
};

// Every scalar outcome by name, in a fixed order: the names that criteria
// expressions, comparisons and sweeps use ("success", "isf_casualties",
// "iran_backed_share", ...). Booleans are 0 or 1.
std::vector<std::pair<std::string, double>> outcome_values(const Results& results);
// The same values, in the same order, without their names: writes at most
// `capacity` of them to `out` and returns how many there are. Allocates
// nothing (the per-run path of sweeps).
std::size_t outcome_values(const Results& results, double* out, std::size_t capacity);

// The names outcome_values would produce for this scenario, without running it.
std::vector<std::string> outcome_names(const Scenario& scenario);

// The unit of each of those outcomes, in the same order: (name, unit) with
// the units of the outcome table ("persons", "days", "fraction", "0/1", ...).
std::vector<std::pair<std::string, std::string>> outcome_units(const Scenario& scenario);

// Outcome names that a scenario's element, affiliation or sector names would
// make twice (an element named "us" gives "us_casualties", which is also a
// campaign outcome). `key` is the scenario key whose name collides ("forces.us"),
// `other` the other owner ("" for a campaign outcome).
struct OutcomeCollision {
  std::string name;
  std::string key;
  std::string other;
};
std::vector<OutcomeCollision> outcome_collisions(const Scenario& scenario);

// Warnings for a result that sits within `tolerance` (relative) of a switch
// that decides it: an element or the defenders close to breaking, the force
// ratio close to culmination. One sentence each; empty when none is close.
std::vector<std::string> near_switch_warnings(const Results& results, double tolerance = 0.02);

// The daily series a run records, by name, for observed series to compare
// with: "cleared_fraction", "adversary_fighters", "<element>_strength",
// "<element>_casualties".
std::vector<std::string> daily_series_names(const Scenario& scenario);
// The values of one daily series (one per simulated day); empty for an
// unknown name or when the daily series were not recorded.
std::vector<double> daily_series(const Results& results, const std::string& name);

// The outcome table of docs/model.md: every outcome with its unit and meaning.
std::string outcome_reference_markdown();

}  // namespace sandtable
