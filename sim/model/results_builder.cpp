#include "model/results_builder.hpp"

#include <cmath>

#include "model/stages.hpp"
#include "util/det_math.hpp"
#include "util/text.hpp"

namespace sandtable {

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kFailure:
      return "failure";
    case Outcome::kStalemate:
      return "stalemate";
  }
  return "?";
}

const char* to_string(EndReason r) {
  switch (r) {
    case EndReason::kCityCleared:
      return "city cleared";
    case EndReason::kGarrisonBroke:
      return "the garrison broke";
    case EndReason::kAdversaryDestroyed:
      return "the defenders were destroyed";
    case EndReason::kAssaultBroke:
      return "the assault force broke";
    case EndReason::kCulminated:
      return "the assault culminated";
    case EndReason::kHorizon:
      return "the horizon passed";
    case EndReason::kStalled:
      return "the advance stalled";
  }
  return "?";
}

double Results::share_of(const std::string& affiliation) const {
  for (const auto& [name, share] : fighting_share) {
    if (name == affiliation) return share;
  }
  return 0.0;
}

namespace model {

namespace {

std::string event_text(const Scenario& sc, const Event& e) {
  const std::string element =
      e.element >= 0 ? sc.forces[static_cast<std::size_t>(e.element)].name : std::string();
  switch (e.kind) {
    case EventKind::kTrainingComplete:
      return element + " completed training";
    case EventKind::kDDay:
      return "D-day: the offensive starts";
    case EventKind::kElementBroke:
      return element + " broke";
    case EventKind::kCommitted:
      return element + " committed to the assault";
    case EventKind::kCleared50:
      return "city 50% cleared";
    case EventKind::kCleared100:
      return "city 100% cleared";
    case EventKind::kGarrisonBroke:
      return "the garrison's morale broke";
    case EventKind::kOffensiveEnded:
      return "offensive ended";
    case EventKind::kEmboldened:
      return "the adversary is emboldened by the failure";
  }
  return {};
}

}  // namespace

Results build_results(const Scenario& sc, const Params& p, const State& s,
                      const std::vector<Event>& events,
                      const std::vector<DailyCampaign>& daily_campaign,
                      const std::vector<DailyElement>& daily_elements) {
  Results r;
  r.scenario_name = sc.name;
  r.start = p.start;
  r.d_day = p.start + (p.d_day - 1);
  r.has_city = p.has_city;
  const bool ended = s.phase == Phase::kEnded;
  r.outcome = ended ? s.outcome : Outcome::kFailure;
  r.reason = ended ? s.reason : EndReason::kHorizon;
  r.end_day = ended ? s.end_day : s.day;
  r.end_date = p.start + (r.end_day - 1);
  r.days_from_d_day = r.end_day - p.d_day;
  r.cleared = s.cleared;

  std::vector<double> inflicted(p.affiliations.size(), 0.0);
  double inflicted_total = 0.0;
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    const ElementState& es = s.elements[i];
    ElementResult er;
    er.name = sc.forces[i].name;
    er.affiliation = sc.forces[i].affiliation;
    er.side = sc.forces[i].side;
    er.role = e.role;
    er.arrived = es.arrived;
    er.casualties = es.casualties;
    er.strength_end = es.personnel;
    er.readiness_d_day = s.day >= p.d_day ? es.readiness_d_day : es.readiness;
    er.readiness_end = es.readiness;
    er.cohesion_end = es.cohesion;
    er.equipment_end = es.equipment;
    er.adversary_losses_inflicted = es.inflicted;
    er.broke = es.broken;
    if (es.broken) er.broke_on = p.start + (es.broke_day - 1);
    if (e.coalition) {
      inflicted[static_cast<std::size_t>(e.affiliation)] += es.inflicted;
      inflicted_total += es.inflicted;
    }
    r.elements.push_back(std::move(er));
  }
  for (std::size_t k = 0; k < p.affiliations.size(); ++k) {
    r.fighting_share.emplace_back(p.affiliations[k],
                                  inflicted_total > 0.0 ? inflicted[k] / inflicted_total : 0.0);
  }

  const AdversaryState& a = s.adversary;
  const double adversary_now = adversary_total(p, s);
  r.adversary_initial = a.initial_total;
  r.adversary_d_day = s.day >= p.d_day ? a.at_d_day : adversary_now;
  r.adversary_peak = a.peak;
  r.adversary_losses = a.losses;
  r.adversary_end_of_offensive = ended ? a.end_of_offensive : adversary_now;
  r.adversary_end = adversary_now;
  r.adversary_gain_from_failure = a.gain_from_failure;
  r.fortification_d_day = s.day >= p.d_day ? a.fortification_d_day : a.fortification;

  r.peak_us_personnel = s.peak_us_personnel;
  r.us_casualties = s.us_casualties;
  r.sorties_flown = s.sorties_flown;
  r.aircraft_lost = s.aircraft_lost;
  r.pilots_captured = s.pilots_captured;
  r.pilot_capture_risk = 1.0 - util::det_exp(-s.pilots_captured);
  r.aid_delivered_usd = s.aid_delivered;
  r.aid_diverted_usd = s.aid_diverted;
  r.civilians_displaced = s.displaced;

  for (const Event& e : events) r.timeline.push_back({p.start + (e.day - 1), event_text(sc, e)});
  r.daily_campaign = daily_campaign;
  r.daily_elements = daily_elements;
  return r;
}

}  // namespace model

std::vector<std::pair<std::string, double>> outcome_values(const Results& r) {
  std::vector<std::pair<std::string, double>> v;
  const auto add = [&](std::string name, double value) { v.emplace_back(std::move(name), value); };
  add("success", r.outcome == Outcome::kSuccess ? 1.0 : 0.0);
  add("failure", r.outcome == Outcome::kFailure ? 1.0 : 0.0);
  add("stalemate", r.outcome == Outcome::kStalemate ? 1.0 : 0.0);
  add("end_day", r.end_day);
  add("days_from_d_day", r.days_from_d_day);
  add("cleared_fraction", r.cleared);
  double coalition_casualties = 0.0;
  for (const ElementResult& e : r.elements) {
    if (e.side == Side::kCoalition) coalition_casualties += e.casualties;
  }
  add("coalition_casualties", coalition_casualties);
  add("is_losses", r.adversary_losses);
  add("is_strength_d_day", r.adversary_d_day);
  add("is_strength_peak", r.adversary_peak);
  add("is_strength_end_of_offensive", r.adversary_end_of_offensive);
  add("is_strength_end", r.adversary_end);
  add("is_gain_from_failure", r.adversary_gain_from_failure);
  add("fortification_d_day", r.fortification_d_day);
  for (const auto& [affiliation, share] : r.fighting_share) add(affiliation + "_share", share);
  add("peak_us_personnel", r.peak_us_personnel);
  add("us_casualties", r.us_casualties);
  add("sorties_flown", r.sorties_flown);
  add("aircraft_lost", r.aircraft_lost);
  add("pilots_captured", r.pilots_captured);
  add("pilot_capture_risk", r.pilot_capture_risk);
  add("aid_delivered_usd", r.aid_delivered_usd);
  add("aid_diverted_usd", r.aid_diverted_usd);
  add("civilians_displaced", r.civilians_displaced);
  for (const ElementResult& e : r.elements) {
    add(e.name + "_casualties", e.casualties);
    add(e.name + "_strength", e.strength_end);
    add(e.name + "_readiness_d_day", e.readiness_d_day);
    add(e.name + "_broke", e.broke ? 1.0 : 0.0);
  }
  return v;
}

std::vector<std::string> outcome_names(const Scenario& scenario) {
  Results r;
  for (const char* a : kBuiltinAffiliations) r.fighting_share.emplace_back(a, 0.0);
  for (const Affiliation& a : scenario.affiliations) r.fighting_share.emplace_back(a.name, 0.0);
  for (const ForceElement& f : scenario.forces) {
    ElementResult e;
    e.name = f.name;
    r.elements.push_back(e);
  }
  std::vector<std::string> names;
  for (auto& [name, value] : outcome_values(r)) names.push_back(name);
  return names;
}

}  // namespace sandtable
