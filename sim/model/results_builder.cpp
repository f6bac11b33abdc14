#include "model/results_builder.hpp"

#include <cmath>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

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
    case Outcome::kUnresolved:
      return "unresolved";
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
      return "the attacking force broke";
    case EndReason::kCulminated:
      return "the attack culminated";
    case EndReason::kHorizon:
      return "the offensive was still on at the horizon";
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
  const bool sector = e.kind == EventKind::kSectorCleared;
  const std::string element = e.element >= 0 && !sector
                                  ? sc.forces[static_cast<std::size_t>(e.element)].name
                                  : std::string();
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
    case EventKind::kSectorCleared:
      return "sector " + sc.environment.city->sectors[static_cast<std::size_t>(e.element)].name +
             " cleared";
    case EventKind::kGarrisonBroke:
      return "the adversary's morale broke";
    case EventKind::kOffensiveEnded:
      return "offensive ended";
    case EventKind::kEmboldened:
      return "the adversary is emboldened by the failure";
  }
  return {};
}

}  // namespace

namespace {

// Every field of `x` back to its default but the given members, which stay as
// they are.
template <class T, class... Members>
void reset_except(T& x, Members T::*... members) {
  std::tuple<std::remove_reference_t<decltype(x.*members)>...> kept{std::move(x.*members)...};
  x = T{};
  std::apply([&](auto&... k) { ((x.*members = std::move(k)), ...); }, kept);
}

// Every field of `x` back to its default (the given string members empty),
// keeping the strings' buffers so that filling them again allocates nothing.
template <class T, class... Strings>
void reset_keeping_buffers(T& x, Strings T::*... strings) {
  reset_except(x, strings...);
  ((x.*strings).clear(), ...);  // empty, the capacity kept
}

}  // namespace

void build_results(const Scenario& sc, const Params& p, const State& s,
                   const std::vector<Event>& events,
                   const std::vector<DailyCampaign>& daily_campaign,
                   const std::vector<DailyElement>& daily_elements, Results& r) {
  // Everything restarts from a default Results but the containers, whose
  // storage is reused: a sweep fills one Results per run.
  reset_keeping_buffers(r.margins, &Margins::attacker_element, &Margins::defender_element);
  reset_except(r, &Results::scenario_name, &Results::sectors, &Results::elements,
               &Results::fighting_share, &Results::timeline, &Results::daily_campaign,
               &Results::daily_elements, &Results::margins);
  r.scenario_name = sc.name;
  r.start = p.start;
  r.d_day = p.start + (p.d_day - 1);
  r.has_city = p.has_city;
  const bool ended = s.phase == Phase::kEnded;
  r.adversary_attacks = p.adversary_attacks;
  r.outcome = ended ? s.outcome : Outcome::kUnresolved;
  r.reason = ended ? s.reason : EndReason::kHorizon;
  r.end_day = ended ? s.end_day : s.day;
  r.end_date = p.start + (r.end_day - 1);
  r.days_from_d_day = r.end_day - p.d_day;
  r.cleared = s.cleared;
  const std::size_t sector_count = p.has_city ? sc.environment.city->sectors.size() : 0;
  r.sectors.resize(sector_count);
  if (p.has_city) {
    for (std::size_t k = 0; k < sector_count; ++k) {
      const SectorState& ss = s.sectors[k];
      SectorResult& sr = r.sectors[k];
      reset_keeping_buffers(sr, &SectorResult::name);
      sr.name = sc.environment.city->sectors[k].name;
      sr.area_km2 = p.sectors[k].area;
      sr.cleared = p.sectors[k].area > 0.0 ? ss.cleared / p.sectors[k].area : 0.0;
      if (ss.done) sr.cleared = 1.0;
      sr.was_cleared = ss.done;
      sr.cleared_day = ss.done ? ss.cleared_day : 0;
      if (ss.done) sr.cleared_on = p.start + (ss.cleared_day - 1);
    }
  }
  r.margins.attacker_break = s.margins.attacker_break;
  r.margins.defender_break = s.margins.defender_break;
  r.margins.culmination = s.margins.culmination;
  if (s.margins.attacker_element >= 0) {
    r.margins.attacker_element =
        sc.forces[static_cast<std::size_t>(s.margins.attacker_element)].name;
  }
  if (s.margins.defender_element >= 0) {
    r.margins.defender_element =
        sc.forces[static_cast<std::size_t>(s.margins.defender_element)].name;
  }
  r.attacker_casualties = s.attacker_losses;
  r.defender_casualties = s.defender_losses;
  r.peak_force_ratio = s.peak_force_ratio;

  // Each affiliation's share of the losses inflicted, summed in fighting_share.
  r.fighting_share.resize(p.affiliations.size());
  for (auto& share : r.fighting_share) share.second = 0.0;
  double inflicted_total = 0.0;
  r.elements.resize(p.elements.size());
  for (std::size_t i = 0; i < p.elements.size(); ++i) {
    const ElementParams& e = p.elements[i];
    const ElementState& es = s.elements[i];
    ElementResult& er = r.elements[i];
    reset_keeping_buffers(er, &ElementResult::name, &ElementResult::affiliation);
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
      r.fighting_share[static_cast<std::size_t>(e.affiliation)].second += es.inflicted;
      inflicted_total += es.inflicted;
    }
  }
  for (std::size_t k = 0; k < p.affiliations.size(); ++k) {
    auto& [name, share] = r.fighting_share[k];
    name = p.affiliations[k];
    share = inflicted_total > 0.0 ? share / inflicted_total : 0.0;
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

  r.timeline.clear();
  for (const Event& e : events) r.timeline.push_back({p.start + (e.day - 1), event_text(sc, e)});
  r.daily_campaign.assign(daily_campaign.begin(), daily_campaign.end());
  r.daily_elements.assign(daily_elements.begin(), daily_elements.end());
}

Results build_results(const Scenario& sc, const Params& p, const State& s,
                      const std::vector<Event>& events,
                      const std::vector<DailyCampaign>& daily_campaign,
                      const std::vector<DailyElement>& daily_elements) {
  Results r;
  build_results(sc, p, s, events, daily_campaign, daily_elements, r);
  return r;
}

}  // namespace model

}  // namespace sandtable
