// Internal: the parameters a run derives from its scenario, and the state
// the daily stages update. Plain data; every buffer is sized once at reset,
// so the daily loop allocates nothing.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sandtable/results.hpp"
#include "sandtable/scenario.hpp"
#include "util/assert.hpp"

namespace sandtable::model {

enum class Phase { kBefore, kActive, kEnded };

// Per-element parameters, copied from the scenario.
struct ElementParams {
  bool coalition = true;
  Role role = Role::kAssault;
  int affiliation = 0;  // index into Params::affiliations
  double personnel = 0.0;
  int arrival_day = 1;  // 1-based day index; may lie outside the horizon
  double quality = 1.0;
  double readiness = 1.0;
  double equipment = 1.0;
  Cohesion cohesion;
  int commit_delay_days = 0;
  bool may_enter_city = true;
  double replacements_per_day = 0.0;
  double aid_share = 0.0;
  bool receives_diverted = false;
  // Training.
  bool trains = false;
  double trainees = 0.0;
  int course_days = 1;
  double trained_readiness = 0.0;
  int training_start_day = 1;
  int ring_offset = 0;  // start of this element's slice of State::course_ring
  // Integration.
  bool integrates = false;
  Integration integration;
  // Mobilization.
  bool mobilizes = false;
  Mobilization mobilization;
  // Air and advising blocks (valid when the role says so).
  AirSupport air;
  Advising advising;
};

struct ReinforcementParams {
  int element = 0;
  int day = 0;  // 1-based
  double personnel = 0.0;
};

struct LineParams {
  EffortTarget target = EffortTarget::kFinance;
  double effect_per_day = 0.0;
  double decay_per_step = 1.0;  // exp(-effect_per_day * dt)
  int start_day = 1;
  double floor = 0.0;
};

struct SectorParams {
  int order = 1;
  double area = 0.0;  // km2
  double population = 0.0;
  double defender_share = 0.0;
  double fortification_factor = 1.0;
};

struct Params {
  int horizon = 0;  // days
  Date start;
  int d_day = 1;  // 1-based day index of D-day
  double dt = 1.0;
  int substeps = 1;
  std::vector<ElementParams> elements;
  std::vector<ReinforcementParams> reinforcements;  // sorted by day, then element
  std::vector<LineParams> lines;
  std::vector<std::string> affiliations;  // built-ins, then declared ones
  int iran_backed = -1;                   // index of "iran_backed"
  Adversary adversary;
  bool has_aid = false;
  EquipmentAid aid;
  int aid_first_day = 0;
  int aid_last_day = -1;
  bool has_city = false;
  City city;
  bool adversary_attacks = false;     // the coalition holds the city
  std::vector<SectorParams> sectors;  // the city's sectors (one for a city without any)
  double city_area = 0.0;             // km2, the sum over sectors
  double loss_decay = 1.0;            // per step: exp(-dt / loss_window_days)
  double advance_speed = 1.0;         // multiplier of the advance: the defenders' line of retreat
  double defender_will = 1.0;  // multiplier of the city defenders' will lost: the line of retreat
  bool urban_law = false;      // combat_law urban with a city
  std::array<MonthWeather, 12> weather{};
  double heat_threshold_c = 35.0;
  double heat_penalty_per_degree = 0.0;
  ModelSettings model;
  int ring_size = 0;  // total training ring slots
};

struct ElementState {
  double personnel = 0.0;      // present
  double arrived = 0.0;        // persons arrived or mobilised so far
  double arrived_today = 0.0;  // arrived during the current day (fires from tomorrow)
  double casualties = 0.0;
  double readiness = 0.0;
  double equipment = 0.0;
  double cohesion = 1.0;
  double integration = 1.0;
  double in_training = 0.0;
  double trained = 0.0;
  double inflicted = 0.0;  // adversary losses inflicted while the offensive is on
  double readiness_d_day = 0.0;
  double losses_step = 0.0;     // losses in the current step (for cohesion)
  double personnel_step = 0.0;  // personnel at the start of the step's combat
  double power = 0.0;           // effective fire power in the current step
  double contact = 0.0;         // persons in contact in the city in the current step
  double cordon = 0.0;          // persons fighting at the cordon, at containment intensity
  double recent_losses = 0.0;   // losses over the loss window, as a fraction of personnel
  double fade = 1.0;            // fighting power left as it nears a breakpoint, 0..1
  bool present = false;
  bool committed = false;  // has been in contact (for reserves: the commit event)
  bool engaged = false;    // in contact in the current step
  bool broken = false;
  bool training_done = false;
  int broke_day = 0;
};

struct AdversaryState {
  double fighters = 0.0;
  double morale = 1.0;
  double morale_base = 1.0;
  double fortification = 0.0;
  double peak = 0.0;
  double losses = 0.0;
  double at_d_day = 0.0;
  double fortification_d_day = 0.0;
  double recruitment_multiplier = 1.0;
  double gain_from_failure = 0.0;
  double end_of_offensive = 0.0;
  double withdrawn = 0.0;
  double initial_total = 0.0;
  double power = 0.0;          // effective defending power in the current step
  double fighters_step = 0.0;  // defenders at the start of the step's combat
  double losses_step = 0.0;    // ground losses in the current step
  double contact = 0.0;        // persons in contact, when the adversary attacks
  double fade = 1.0;           // fighting power left as morale nears its breakpoint, 0..1
  bool broken = false;
};

struct SectorState {
  double cleared = 0.0;  // km2
  double displaced = 0.0;
  double front_km = 0.0;   // current step (active sectors only)
  double capacity = 0.0;   // attackers the front holds
  double contact = 0.0;    // attackers in contact
  double power = 0.0;      // their effective power
  double defense = 0.0;    // effective power of the defenders facing them
  double defenders = 0.0;  // persons defending the sector
  double ratio = 0.0;      // power / defense
  bool active = false;
  bool done = false;
  int cleared_day = 0;
};

// How close the run came to each switch (see Margins in results.hpp).
struct MarginState {
  double attacker_break = 1.0;
  double defender_break = 1.0;
  double culmination = 1.0;
  int attacker_element = -1;  // -1: the adversary
  int defender_element = -1;
};

struct State {
  int day = 0;  // days completed
  Phase phase = Phase::kBefore;
  Outcome outcome = Outcome::kFailure;
  EndReason reason = EndReason::kHorizon;
  int end_day = 0;
  std::vector<ElementState> elements;
  std::vector<SectorState> sectors;
  // Per-element scratch of the front stage (sized at reset, never reallocated).
  std::vector<double> available;       // persons each element can put in contact
  std::vector<double> weight;          // their effectiveness
  std::vector<double> scratch;         // persons it puts in contact
  std::vector<int> order;              // elements of a line, best first
  std::size_t next_reinforcement = 0;  // index into Params::reinforcements
  std::vector<double> line_factor;     // per line: current multiplier on its target
  std::vector<double> course_ring;     // training intakes by day, one slice per element
  AdversaryState adversary;

  // Factors the lines of effort apply (products over lines).
  double finance_factor = 1.0;
  double recruitment_factor = 1.0;
  double foreign_factor = 1.0;

  // Advisers.
  double us_personnel = 0.0;
  double peak_us_personnel = 0.0;
  double training_slots = 0.0;
  double controller_coverage = 0.0;
  double forward_personnel = 0.0;
  double us_casualties = 0.0;

  // Air.
  double air_support = 1.0;  // multiplier on engaged coalition ground effectiveness
  double sorties_today = 0.0;
  double sorties_flown = 0.0;
  double aircraft_lost = 0.0;
  double pilots_captured = 0.0;

  // Ground combat and clearing.
  double cleared = 0.0;
  double progress_today = 0.0;
  double progress_step = 0.0;  // fraction of the city taken in the current step (net)
  double force_ratio = 0.0;
  double advance_factor = 0.0;  // g(ratio) of the last step
  double coalition_ref = 0.0;
  double adversary_ref = 0.0;
  bool refs_set = false;
  double front_contact = 0.0;  // attackers in contact in the city, all active sectors
  double front_power = 0.0;    // their effective power
  double peak_force_ratio = 0.0;
  double attacker_losses = 0.0;  // ground losses of the attacking side since D-day
  double defender_losses = 0.0;  // ground losses of the defending side since D-day
  double defenders_d_day = 0.0;  // persons defending the city on D-day
  MarginState margins;
  double containment = 1.0;
  int culmination_days = 0;
  int stall_days = 0;

  // Logistics and displacement.
  double aid_delivered = 0.0;
  double aid_diverted = 0.0;
  double displaced = 0.0;

  // Month weather of the current day.
  double flyable = 1.0;
  double heat_factor = 1.0;
};

// Key events, stored as codes so that recording them allocates nothing; the
// text is made when results are read.
enum class EventKind {
  kTrainingComplete,  // element finished training
  kDDay,
  kElementBroke,
  kCommitted,  // a reserve engaged
  kCleared50,
  kCleared100,
  kSectorCleared,  // `element` holds the sector's index
  kGarrisonBroke,
  kOffensiveEnded,
  kEmboldened,
};

struct Event {
  int day = 0;
  EventKind kind = EventKind::kDDay;
  int element = -1;
};

class Events {
 public:
  Events() = default;
  // A copy keeps the capacity too: add() records only within it, and a
  // copied Simulation (a snapshot) must go on recording its timeline.
  Events(const Events& other) : on_(other.on_) {
    items_.reserve(other.items_.capacity());
    items_ = other.items_;
  }
  Events& operator=(const Events& other) {
    if (this != &other) {
      on_ = other.on_;
      items_.reserve(other.items_.capacity());
      items_ = other.items_;
    }
    return *this;
  }
  Events(Events&&) noexcept = default;
  Events& operator=(Events&&) noexcept = default;
  ~Events() = default;

  void enable(bool on, std::size_t capacity) {
    on_ = on;
    items_.clear();
    if (on) items_.reserve(capacity);
  }
  // The capacity is the most a run can record (simulation_impl.hpp): never
  // grown, so the daily loop allocates nothing.
  void add(int day, EventKind kind, int element = -1) {
    if (!on_) return;
    SANDTABLE_ASSERT(items_.size() < items_.capacity(), "a run records at most its event capacity");
    items_.push_back({day, kind, element});
  }
  [[nodiscard]] const std::vector<Event>& items() const { return items_; }

 private:
  bool on_ = false;
  std::vector<Event> items_;
};

// What every stage may read about the step being simulated.
struct StepContext {
  int day = 1;  // 1-based index of the day being simulated
  Date date;
  int month = 1;    // 1..12
  double dt = 1.0;  // fraction of a day
  bool first_substep = true;
  bool last_substep = true;
};

// Builds the parameters of a scenario (no validation: the scenario is valid).
void build_params(const Scenario& scenario, Params& params);

// Puts the state at day 0, before the first step, reusing buffers.
void initial_state(const Params& params, State& state);

}  // namespace sandtable::model
