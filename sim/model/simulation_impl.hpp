// Internal: the state behind a Simulation, shared by the files that
// implement it (simulation.cpp: stepping; state_components.cpp: named parts
// of the state for counterfactual analysis).
#pragma once

#include <vector>

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
  // The calendar month of day `month_until` and the days before it back to
  // the month's start: converted from the civil date once a month, not daily.
  int month = 0;
  int month_until = 0;

  void reset(const Scenario& sc) {
    scenario = &sc;
    model::build_params(sc, params);
    model::initial_state(params, state);
    month_until = 0;
    // At most: 6 campaign events (D-day, half and all cleared, garrison broke,
    // offensive ended, emboldened), 3 per element (committed, trained, broke)
    // and one per sector cleared; with room to spare.
    events.enable(options.record_timeline, 16 + 4 * params.elements.size() + params.sectors.size());
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
    if (day > month_until) {
      month = c.date.month();
      month_until = day + days_in_month(c.date.year(), month) - c.date.day();
    }
    c.month = month;
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
      stage_front(params, state, c, events);
      stage_ground_combat(params, state, c);
      stage_clearing(params, state, c, events);
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
    row.in_contact = s.front_contact;
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
      e.in_contact = es.contact + es.cordon;
      e.recent_losses = es.recent_losses;
      e.fade = es.fade;
      e.engaged = es.engaged;
      e.broken = es.broken;
      daily_elements.push_back(e);
    }
  }
};

}  // namespace sandtable
