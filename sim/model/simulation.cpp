// The day as a recipe of stages, and the Simulation that steps it.
#include <algorithm>

#include "model/results_builder.hpp"
#include "model/stages.hpp"
#include "model/state.hpp"
#include "sandtable/model.hpp"

namespace sandtable {

struct Simulation::Impl {
  const Scenario* scenario = nullptr;
  RunOptions options;
  model::Params params;
  model::State state;
  model::Events events;
  std::vector<DailyCampaign> daily_campaign;
  std::vector<DailyElement> daily_elements;

  void reset(const Scenario& sc) {
    scenario = &sc;
    model::build_params(sc, params);
    model::initial_state(params, state);
    events.enable(options.record_timeline, 16 + 4 * params.elements.size());
    daily_campaign.clear();
    daily_elements.clear();
    if (options.record_daily) {
      daily_campaign.reserve(static_cast<std::size_t>(params.horizon));
      daily_elements.reserve(static_cast<std::size_t>(params.horizon) * params.elements.size());
    }
  }

  // One day: every stage in order, `substeps` times.
  void step_day() {
    using namespace model;
    const int day = state.day + 1;
    StepContext c;
    c.day = day;
    c.date = params.start + (day - 1);
    c.month = c.date.month();
    c.dt = params.dt;
    for (int k = 0; k < params.substeps; ++k) {
      c.first_substep = k == 0;
      c.last_substep = k + 1 == params.substeps;
      stage_calendar(params, state, c, events);
      stage_arrivals(params, state, c);
      stage_advisers(params, state, c);
      stage_training(params, state, c, events);
      stage_integration(params, state, c);
      stage_logistics(params, state, c);
      stage_lines_of_effort(params, state, c);
      stage_mobilization(params, state, c);
      stage_adversary(params, state, c);
      stage_air(params, state, c);
      stage_ground_combat(params, state, c, events);
      stage_cohesion(params, state, c, events);
      stage_displacement(params, state, c);
      stage_end_conditions(params, state, c, events);
    }
    state.day = day;
    if (options.record_daily) record(c.date);
  }

  void record(Date date) {
    const model::State& s = state;
    DailyCampaign row;
    row.date = date;
    row.cleared = s.cleared;
    row.force_ratio = s.phase == model::Phase::kActive ? s.force_ratio : 0.0;
    row.adversary_fighters = model::adversary_total(params, s);
    row.adversary_morale = s.adversary.morale;
    row.fortification = s.adversary.fortification;
    row.us_personnel = s.us_personnel;
    row.sorties = s.sorties_today;
    row.aircraft_lost = s.aircraft_lost;
    row.aid_delivered_usd = s.aid_delivered;
    row.aid_diverted_usd = s.aid_diverted;
    row.displaced = s.displaced;
    row.offensive = static_cast<int>(s.phase);
    daily_campaign.push_back(row);
    for (const model::ElementState& es : s.elements) {
      DailyElement e;
      e.personnel = es.personnel;
      e.casualties = es.casualties;
      e.readiness = es.readiness;
      e.cohesion = es.cohesion;
      e.equipment = es.equipment;
      e.inflicted = es.inflicted;
      e.engaged = es.engaged;
      e.broken = es.broken;
      daily_elements.push_back(e);
    }
  }
};

Simulation::Simulation(const Scenario& scenario, const RunOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->reset(scenario);
}

Simulation::Simulation(const Simulation& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

Simulation& Simulation::operator=(const Simulation& other) {
  if (this != &other) *impl_ = *other.impl_;
  return *this;
}

Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;
Simulation::~Simulation() = default;

void Simulation::reset(const Scenario& scenario) { impl_->reset(scenario); }

bool Simulation::step() {
  if (done()) return false;
  impl_->step_day();
  return true;
}

void Simulation::run_to_end() {
  while (!done()) impl_->step_day();
}

bool Simulation::done() const { return impl_->state.day >= impl_->params.horizon; }
int Simulation::day() const { return impl_->state.day; }
Date Simulation::next_date() const { return impl_->params.start + impl_->state.day; }

bool Simulation::set_d_day(Date d_day) {
  model::Params& p = impl_->params;
  const int index = (d_day - p.start) + 1;
  const int next = impl_->state.day + 1;
  if (index < 1 || index > p.horizon) return false;
  if (next > p.d_day || next > index) return false;
  p.d_day = index;
  return true;
}

Results Simulation::results() const {
  return model::build_results(*impl_->scenario, impl_->params, impl_->state,
                              impl_->events.items(), impl_->daily_campaign,
                              impl_->daily_elements);
}

const Scenario& Simulation::scenario() const { return *impl_->scenario; }

Results run(const Scenario& scenario, const RunOptions& options) {
  Simulation sim(scenario, options);
  sim.run_to_end();
  return sim.results();
}

}  // namespace sandtable
