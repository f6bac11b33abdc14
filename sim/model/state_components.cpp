// Named components of a simulation's state, read and copied between runs of
// scenarios with the same elements: the basis of `sandtable compare`'s
// attribution by mechanism (what if the offensive had started with the
// readiness, strengths or fortification of the other case?).
#include <string>
#include <string_view>
#include <vector>

#include "model/simulation_impl.hpp"

namespace sandtable {

namespace {

constexpr const char* kElementParts[] = {"readiness", "strength", "equipment", "cohesion",
                                         "integration"};
constexpr const char* kCampaignParts[] = {"adversary.fighters",      "adversary.morale",
                                          "adversary.fortification", "lines_of_effort",
                                          "campaign.totals",         "city.displaced"};

// Calls f(a_field, b_field) on every field of one element's component.
template <class A, class B, class F>
bool visit_element_part(std::string_view part, A& a, B& b, F&& f) {
  if (part == "readiness") {
    f(a.readiness, b.readiness);
    f(a.trained, b.trained);
    f(a.in_training, b.in_training);
    f(a.training_done, b.training_done);
  } else if (part == "strength") {
    f(a.personnel, b.personnel);
    f(a.arrived, b.arrived);
    f(a.casualties, b.casualties);
    f(a.present, b.present);
  } else if (part == "equipment") {
    f(a.equipment, b.equipment);
  } else if (part == "cohesion") {
    f(a.cohesion, b.cohesion);
    f(a.broken, b.broken);
    f(a.broke_day, b.broke_day);
  } else if (part == "integration") {
    f(a.integration, b.integration);
  } else {
    return false;
  }
  return true;
}

// Calls f(a_field, b_field) on every field of a campaign-level component.
template <class A, class B, class F>
bool visit_campaign_part(std::string_view name, A& a, B& b, F&& f) {
  if (name == "adversary.fighters") {
    f(a.adversary.fighters, b.adversary.fighters);
    f(a.adversary.peak, b.adversary.peak);
    f(a.adversary.recruitment_multiplier, b.adversary.recruitment_multiplier);
  } else if (name == "adversary.morale") {
    f(a.adversary.morale, b.adversary.morale);
    f(a.adversary.morale_base, b.adversary.morale_base);
    f(a.adversary.broken, b.adversary.broken);
  } else if (name == "adversary.fortification") {
    f(a.adversary.fortification, b.adversary.fortification);
  } else if (name == "lines_of_effort") {
    f(a.finance_factor, b.finance_factor);
    f(a.recruitment_factor, b.recruitment_factor);
    f(a.foreign_factor, b.foreign_factor);
    for (std::size_t j = 0; j < a.line_factor.size(); ++j) f(a.line_factor[j], b.line_factor[j]);
  } else if (name == "campaign.totals") {
    f(a.sorties_flown, b.sorties_flown);
    f(a.aircraft_lost, b.aircraft_lost);
    f(a.pilots_captured, b.pilots_captured);
    f(a.aid_delivered, b.aid_delivered);
    f(a.aid_diverted, b.aid_diverted);
    f(a.us_casualties, b.us_casualties);
    f(a.peak_us_personnel, b.peak_us_personnel);
    f(a.adversary.losses, b.adversary.losses);
    f(a.adversary.gain_from_failure, b.adversary.gain_from_failure);
  } else if (name == "city.displaced") {
    f(a.displaced, b.displaced);
  } else {
    return false;
  }
  return true;
}

// Element index for "<element>.<part>", or -1; `part` receives the suffix.
int element_of(const Scenario& sc, const std::string& name, std::string_view& part) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos) return -1;
  for (std::size_t i = 0; i < sc.forces.size(); ++i) {
    if (name.compare(0, dot, sc.forces[i].name) != 0 || sc.forces[i].name.size() != dot) continue;
    part = std::string_view(name).substr(dot + 1);
    for (const char* known : kElementParts) {
      if (part == known) return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace

std::vector<std::string> Simulation::state_components() const {
  std::vector<std::string> names;
  for (const ForceElement& f : impl_->scenario->forces) {
    for (const char* part : kElementParts) names.push_back(f.name + "." + part);
  }
  for (const char* name : kCampaignParts) names.emplace_back(name);
  return names;
}

std::vector<double> Simulation::state_component(const std::string& name) const {
  std::vector<double> values;
  const auto get = [&values](const auto& field, const auto&) {
    values.push_back(static_cast<double>(field));
  };
  const model::State& s = impl_->state;
  std::string_view part;
  const int i = element_of(*impl_->scenario, name, part);
  if (i >= 0) {
    const model::ElementState& es = s.elements[static_cast<std::size_t>(i)];
    visit_element_part(part, es, es, get);
  } else {
    visit_campaign_part(name, s, s, get);
  }
  return values;
}

bool Simulation::copy_state_component(const std::string& name, const Simulation& other) {
  const Scenario& a = *impl_->scenario;
  const Scenario& b = *other.impl_->scenario;
  if (a.forces.size() != b.forces.size() || a.lines_of_effort.size() != b.lines_of_effort.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.forces.size(); ++i) {
    if (a.forces[i].name != b.forces[i].name) return false;
  }
  for (std::size_t j = 0; j < a.lines_of_effort.size(); ++j) {
    if (a.lines_of_effort[j].name != b.lines_of_effort[j].name) return false;
  }
  const auto assign = [](auto& dst, const auto& src) { dst = src; };
  model::State& s = impl_->state;
  const model::State& o = other.impl_->state;
  std::string_view part;
  const int i = element_of(a, name, part);
  if (i >= 0) {
    const auto k = static_cast<std::size_t>(i);
    return visit_element_part(part, s.elements[k], o.elements[k], assign);
  }
  return visit_campaign_part(name, s, o, assign);
}

}  // namespace sandtable
