// Helpers shared by the model tests: loading scenarios from text or from the
// shipped files, and looking up outcomes by name.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/results.hpp"

namespace sandtable::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(SANDTABLE_SOURCE_DIR) + "/" + relative;
}

// Loads a shipped scenario (path relative to the source tree) or fails the test.
inline Scenario load_shipped(const std::string& relative,
                             const std::vector<std::string>& sets = {}) {
  LoadResult r = load_scenario(source_path(relative), sets);
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  return r.ok() ? r.loaded->scenario : Scenario{};
}

// Loads scenario text or fails the test.
inline Scenario load_text(const std::string& text, const std::vector<std::string>& sets = {}) {
  LoadResult r = load_scenario_text(text, "test.yaml", sets);
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  return r.ok() ? r.loaded->scenario : Scenario{};
}

inline double outcome(const Results& r, const std::string& name) {
  for (const auto& [n, v] : outcome_values(r)) {
    if (n == name) return v;
  }
  ADD_FAILURE() << "no outcome named " << name;
  return 0.0;
}

inline ForceElement& force(Scenario& s, const std::string& name) {
  for (ForceElement& f : s.forces) {
    if (f.name == name) return f;
  }
  throw std::runtime_error("no force element " + name);
}

// A small city scenario: one assault element, an air element, advisers and a
// garrison; every mechanism switched on at modest strength.
inline const char* kSmallCity = R"(
name: small city
calendar: {start: 2015-01-01, horizon_days: 200, d_day: 2015-02-01}
forces:
  army:
    affiliation: iraqi_government
    role: assault
    personnel: 10000
    readiness: 0.5
    quality: 0.8
    equipment: 0.6
    cohesion: {initial: 0.8, breakpoint: 0.3}
    aid_share: 1
    training: {trainees: 10000, course_days: 20, trained_readiness: 0.8}
  militia:
    affiliation: iran_backed
    role: assault
    personnel: 3000
    readiness: 0.6
    receives_diverted_aid: true
    mobilization: {max_personnel: 6000, rate_per_day: 0.01}
  kurds:
    affiliation: kurdish
    role: containment
    personnel: 3000
    may_enter_city: false
    integration: {initial: 0.2, target: 0.8, rate_per_day: 0.02}
  advisers:
    affiliation: us_coalition
    role: advisers
    personnel: 1000
    advising: {training_share: 0.5, trainees_per_trainer: 4, forward_share: 0.1, controllers_needed: 100}
  jets:
    affiliation: us_coalition
    role: air
    personnel: 0
    air: {sorties_per_day: 10, fighters_killed_per_sortie: 0.5, low_altitude_share: 0.2}
adversary:
  fighters: 1500
  morale: {loss_sensitivity: 1.0, breakpoint: 0.2}
  recruitment: {local_per_day: 3, foreign_inflow_per_month: 300, share_to_theatre: 0.5}
  fortification: {initial: 0.1, rate_per_day: 0.01, max_defense_bonus: 1.0, max_protection: 0.5, air_protection: 0.5}
  manpads: {threat: 1, loss_per_low_sortie: 0.001, loss_per_high_sortie: 0.0001}
  emboldened: {fighter_surge_fraction: 0.2, morale_boost: 0.2, recruitment_multiplier: 2}
equipment_aid: {total_usd: 2.0e8, deliveries_start: 2015-01-10, deliveries_end: 2015-03-10}
environment:
  city: {area_km2: 20, population: 500000, containment_personnel_needed: 2000,
         displacement_base_per_day: 0.0001, displacement_assault_per_day: 0.002}
model:
  combat_law: mixed
  coalition_kill_rate: 0.003
  adversary_kill_rate: 0.03
)";

}  // namespace sandtable::testing
