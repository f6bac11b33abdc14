// The deterministic campaign model: daily steps over calendar dates, one
// state for the whole campaign, mechanisms applied in a fixed order each day.
// docs/model.md gives every equation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sandtable/results.hpp"
#include "sandtable/scenario.hpp"

namespace sandtable {

struct RunOptions {
  bool record_daily = true;     // keep the daily series in Results
  bool record_timeline = true;  // keep the timeline of key events
};

// Runs the scenario from its start to its horizon. Precondition: the scenario
// passed check_scenario (as every loaded scenario has).
Results run(const Scenario& scenario, const RunOptions& options = {});

// A simulation that can be stepped, copied and branched. Copying is a
// snapshot: the copy continues independently and, the model being
// deterministic, gives exactly what an uninterrupted run would.
class Simulation {
 public:
  Simulation(const Scenario& scenario, const RunOptions& options = {});
  Simulation(const Simulation& other);
  Simulation& operator=(const Simulation& other);
  Simulation(Simulation&&) noexcept;
  Simulation& operator=(Simulation&&) noexcept;
  ~Simulation();

  // Restarts from day 0 with another scenario, reusing buffers when the
  // shape (elements, horizon) allows.
  void reset(const Scenario& scenario);

  // Advances one day; returns false once the horizon has been simulated.
  bool step();
  void run_to_end();
  [[nodiscard]] bool done() const;
  [[nodiscard]] int day() const;  // days simulated so far (0 before the first step)
  [[nodiscard]] Date next_date() const;

  // Moves D-day. Allowed only while no simulated day could have depended on
  // it: the next day to simulate must be on or before both the old and the
  // new D-day. Returns false (and changes nothing) otherwise.
  bool set_d_day(Date d_day);

  // Counterfactual analysis ("what if this offensive had started with the
  // readiness that run reached?", see `sandtable compare`): the state between
  // two days as named components, in a fixed order. Per force element
  // "<name>.readiness" (with its training pipeline), "<name>.strength"
  // (personnel, arrived, casualties), "<name>.equipment", "<name>.cohesion"
  // and "<name>.integration"; then "adversary.fighters", "adversary.morale",
  // "adversary.fortification", "lines_of_effort" (their accumulated
  // factors, the finance factor first), "campaign.totals" (sorties flown
  // first, aircraft and pilots lost, aid, US casualties and adversary
  // losses so far) and "city.displaced".
  // Schedules (reinforcements, aid deliveries, the calendar) are not state.
  [[nodiscard]] std::vector<std::string> state_components() const;
  // The numbers a component holds, its headline value first; empty for an
  // unknown name.
  [[nodiscard]] std::vector<double> state_component(const std::string& name) const;
  // Overwrites one component with its value in `other`. Both simulations
  // must be of scenarios with the same force elements and lines of effort
  // (in the same order); returns false, changing nothing, otherwise or for
  // an unknown name.
  bool copy_state_component(const std::string& name, const Simulation& other);

  [[nodiscard]] Results results() const;
  // The same into `out`, reusing its strings and vectors: after the first
  // run of a scenario's shape it allocates nothing (timeline aside).
  void results(Results& out) const;
  [[nodiscard]] const Scenario& scenario() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sandtable
