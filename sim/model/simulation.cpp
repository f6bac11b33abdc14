// The day as a recipe of stages, and the Simulation that steps it.
#include <algorithm>
#include <string_view>

#include "model/simulation_impl.hpp"

namespace sandtable {

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
  return model::build_results(*impl_->scenario, impl_->params, impl_->state, impl_->events.items(),
                              impl_->daily_campaign, impl_->daily_elements);
}

void Simulation::results(Results& out) const {
  model::build_results(*impl_->scenario, impl_->params, impl_->state, impl_->events.items(),
                       impl_->daily_campaign, impl_->daily_elements, out);
}

const Scenario& Simulation::scenario() const { return *impl_->scenario; }

Results run(const Scenario& scenario, const RunOptions& options) {
  Simulation sim(scenario, options);
  sim.run_to_end();
  return sim.results();
}

}  // namespace sandtable
