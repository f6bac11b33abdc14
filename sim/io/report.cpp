#include "sandtable/report.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/json_scenario.hpp"
#include "sandtable/version.hpp"
#include "util/text.hpp"

namespace sandtable {

using Json = nlohmann::ordered_json;
using util::format_count;
using util::format_double;
using util::format_fixed;

namespace {

std::string percent(double fraction, int decimals = 0) {
  return format_fixed(fraction * 100.0, decimals) + "%";
}

std::string pad(std::string s, std::size_t width, bool right = false) {
  if (s.size() >= width) return s;
  const std::string fill(width - s.size(), ' ');
  return right ? fill + s : s + fill;
}

std::string upper(const char* s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

std::string millions(double usd) { return "$" + format_count(usd / 1e6) + "M"; }

}  // namespace

std::string format_run_table(const LoadedScenario& loaded, const Results& r) {
  const Scenario& sc = loaded.scenario;
  std::ostringstream o;
  o << sc.name << "\n";
  o << "  " << loaded.source_path << "   scenario sha256 " << scenario_hash(sc).substr(0, 12)
    << "\n\n";
  if (r.adversary_attacks) o << "The adversary attacks a city the coalition holds.\n";
  if (r.outcome == Outcome::kUnresolved) {
    o << "Outcome: UNRESOLVED: the offensive was still on at the horizon, "
      << r.end_date.to_string() << " (day " << r.end_day << ", " << r.duration_days()
      << " days of fighting from D-day " << r.d_day.to_string()
      << "); lengthen calendar.horizon_days to see how it ends\n";
  } else {
    o << "Outcome: " << upper(to_string(r.outcome)) << " on " << r.end_date.to_string() << " (day "
      << r.end_day << ", " << r.duration_days() << " days of fighting from D-day "
      << r.d_day.to_string() << "): " << to_string(r.reason) << "\n";
  }
  if (r.has_city) {
    o << "City cleared: " << percent(r.cleared);
    if (!r.sectors.empty()) {
      o << " (";
      for (std::size_t k = 0; k < r.sectors.size(); ++k) {
        const SectorResult& s = r.sectors[k];
        o << (k ? ", " : "") << s.name << " " << percent(s.cleared);
        if (s.was_cleared) o << " on " << s.cleared_on.to_string();
      }
      o << ")";
    }
    o << "\n";
  }
  o << "Casualties from D-day: attacker " << format_count(r.attacker_casualties) << ", defender "
    << format_count(r.defender_casualties) << "; peak force ratio at the front "
    << (r.peak_force_ratio >= 1000.0 ? std::string("over 1000")
                                     : format_fixed(r.peak_force_ratio, 2))
    << "\n";
  for (const std::string& w : near_switch_warnings(r)) o << "warning: " << w << "\n";
  o << "\n";

  std::size_t name_w = 8;
  for (const ElementResult& e : r.elements) name_w = std::max(name_w, e.name.size() + 2);
  o << pad("element", name_w) << pad("affiliation", 18) << pad("role", 12)
    << pad("arrived", 10, true) << pad("casualties", 12, true) << pad("strength", 10, true)
    << pad("ready@D", 9, true) << pad("inflicted", 11, true) << "  broke\n";
  for (const ElementResult& e : r.elements) {
    if (e.role == Role::kAir || e.role == Role::kAdvisers) continue;
    o << pad(e.name, name_w) << pad(e.affiliation, 18) << pad(to_string(e.role), 12)
      << pad(format_count(e.arrived), 10, true) << pad(format_count(e.casualties), 12, true)
      << pad(format_count(e.strength_end), 10, true)
      << pad(format_fixed(e.readiness_d_day, 2), 9, true)
      << pad(format_count(e.adversary_losses_inflicted), 11, true) << "  "
      << (e.broke ? e.broke_on.to_string() : "-") << "\n";
  }
  o << "\n";
  o << "Adversary: " << format_count(r.adversary_initial) << " at start, "
    << format_count(r.adversary_d_day) << " on D-day (fortification "
    << percent(r.fortification_d_day) << "), peak " << format_count(r.adversary_peak) << "; losses "
    << format_count(r.adversary_losses) << "; " << format_count(r.adversary_end_of_offensive)
    << " when the offensive ended, " << format_count(r.adversary_end) << " at the horizon\n";
  if (r.adversary_gain_from_failure > 0.0) {
    o << "Strength gained from the failure: " << format_count(r.adversary_gain_from_failure)
      << "\n";
  }
  // Only what the scenario has: affiliations with elements, advisers, air, aid.
  bool advisers = false;
  bool air = false;
  std::vector<std::string> affiliations;
  for (const ForceElement& f : sc.forces) {
    advisers = advisers || f.role == Role::kAdvisers;
    air = air || f.role == Role::kAir;
    if (f.side == Side::kCoalition &&
        std::find(affiliations.begin(), affiliations.end(), f.affiliation) == affiliations.end()) {
      affiliations.push_back(f.affiliation);
    }
  }
  o << "Share of the fighting (adversary losses inflicted from D-day):";
  bool first = true;
  for (const auto& [affiliation, share] : r.fighting_share) {
    if (std::find(affiliations.begin(), affiliations.end(), affiliation) == affiliations.end()) {
      continue;
    }
    o << (first ? " " : ", ") << affiliation << " " << percent(share);
    first = false;
  }
  o << "\n";
  if (advisers) {
    o << "US personnel: peak " << format_count(r.peak_us_personnel) << "; expected US casualties "
      << format_fixed(r.us_casualties, 1) << "\n";
  }
  if (air) {
    o << "Air: " << format_count(r.sorties_flown) << " sorties; expected aircraft lost "
      << format_fixed(r.aircraft_lost, 2) << "; pilot-capture risk "
      << percent(r.pilot_capture_risk, 1) << "\n";
  }
  if (sc.equipment_aid) {
    o << "Equipment aid: " << millions(r.aid_delivered_usd) << " delivered, "
      << millions(r.aid_diverted_usd) << " diverted ("
      << percent(r.aid_delivered_usd > 0 ? r.aid_diverted_usd / r.aid_delivered_usd : 0.0, 1)
      << ")\n";
  }
  if (r.has_city) o << "Civilians displaced: " << format_count(r.civilians_displaced) << "\n";
  if (!r.timeline.empty()) {
    o << "\nTimeline\n";
    for (const TimelineEvent& e : r.timeline)
      o << "  " << e.date.to_string() << "  " << e.text << "\n";
  }
  return o.str();
}

std::string format_summary_json(const LoadedScenario& loaded, const Results& r) {
  Json j;
  j["sandtable_version"] = kVersion;
  j["scenario"] = Json{{"file", loaded.source_path},
                       {"name", loaded.scenario.name},
                       {"sha256", scenario_hash(loaded.scenario)}};
  j["outcome"] = Json{{"result", to_string(r.outcome)},
                      {"reason", to_string(r.reason)},
                      {"end_date", r.end_date.to_string()},
                      {"d_day", r.d_day.to_string()},
                      {"days_from_d_day", r.days_from_d_day},
                      {"duration_days", r.duration_days()},
                      {"attacker", r.adversary_attacks ? "adversary" : "coalition"}};
  Json sectors = Json::array();
  for (const SectorResult& s : r.sectors) {
    sectors.push_back(
        Json{{"name", s.name},
             {"area_km2", s.area_km2},
             {"cleared_fraction", s.cleared},
             {"cleared_on", s.was_cleared ? Json(s.cleared_on.to_string()) : Json(nullptr)}});
  }
  j["sectors"] = std::move(sectors);
  Json warnings = Json::array();
  for (const std::string& w : near_switch_warnings(r)) warnings.push_back(w);
  j["warnings"] = std::move(warnings);
  Json outcomes = Json::object();
  for (const auto& [name, value] : outcome_values(r)) outcomes[name] = value;
  j["outcomes"] = std::move(outcomes);
  Json elements = Json::array();
  for (const ElementResult& e : r.elements) {
    elements.push_back(Json{{"name", e.name},
                            {"affiliation", e.affiliation},
                            {"role", to_string(e.role)},
                            {"side", to_string(e.side)},
                            {"arrived", e.arrived},
                            {"casualties", e.casualties},
                            {"strength_end", e.strength_end},
                            {"readiness_d_day", e.readiness_d_day},
                            {"readiness_end", e.readiness_end},
                            {"cohesion_end", e.cohesion_end},
                            {"equipment_end", e.equipment_end},
                            {"adversary_losses_inflicted", e.adversary_losses_inflicted},
                            {"broke_on", e.broke ? Json(e.broke_on.to_string()) : Json(nullptr)}});
  }
  j["elements"] = std::move(elements);
  Json timeline = Json::array();
  for (const TimelineEvent& e : r.timeline) {
    timeline.push_back(Json{{"date", e.date.to_string()}, {"event", e.text}});
  }
  j["timeline"] = std::move(timeline);
  j["resolved_scenario"] = io::scenario_json(loaded.scenario);
  return j.dump(2) + "\n";
}

std::string format_outcomes_csv(const Results& r) {
  std::string out = "outcome,value\n";
  for (const auto& [name, value] : outcome_values(r))
    out += name + "," + format_double(value) + "\n";
  return out;
}

std::string format_daily_csv(const Scenario& sc, const Results& r) {
  static constexpr const char* kPhase[] = {"before", "active", "ended"};
  std::string out =
      "date,day,element,affiliation,role,personnel,casualties,readiness,cohesion,equipment,"
      "inflicted,in_contact,recent_losses,fade,engaged,broken,cleared,force_ratio,is_fighters,"
      "is_morale,fortification,us_personnel,sorties,aircraft_lost,aid_delivered_usd,"
      "aid_diverted_usd,displaced,attackers_in_contact,phase\n";
  const std::size_t n = sc.forces.size();
  for (std::size_t d = 0; d < r.daily_campaign.size(); ++d) {
    const DailyCampaign& c = r.daily_campaign[d];
    std::string campaign =
        format_double(c.cleared) + "," + format_double(c.force_ratio) + "," +
        format_double(c.adversary_fighters) + "," + format_double(c.adversary_morale) + "," +
        format_double(c.fortification) + "," + format_double(c.us_personnel) + "," +
        format_double(c.sorties) + "," + format_double(c.aircraft_lost) + "," +
        format_double(c.aid_delivered_usd) + "," + format_double(c.aid_diverted_usd) + "," +
        format_double(c.displaced) + "," + format_double(c.in_contact) + "," + kPhase[c.offensive];
    for (std::size_t i = 0; i < n; ++i) {
      const DailyElement& e = r.daily_elements[d * n + i];
      const ForceElement& f = sc.forces[i];
      out += c.date.to_string() + "," + std::to_string(d + 1) + "," + f.name + "," + f.affiliation +
             "," + to_string(f.role) + "," + format_double(e.personnel) + "," +
             format_double(e.casualties) + "," + format_double(e.readiness) + "," +
             format_double(e.cohesion) + "," + format_double(e.equipment) + "," +
             format_double(e.inflicted) + "," + format_double(e.in_contact) + "," +
             format_double(e.recent_losses) + "," + format_double(e.fade) + "," +
             (e.engaged ? "1" : "0") + "," + (e.broken ? "1" : "0") + "," + campaign + "\n";
    }
  }
  return out;
}

std::string scenario_to_json(const Scenario& scenario) {
  return io::scenario_json(scenario).dump(2) + "\n";
}

Status write_file_atomic(const std::string& path, const std::string& content) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::io_error("cannot write '" + tmp + "'");
    out << content;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status::io_error("cannot write '" + tmp + "' (disk full?)");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Status::io_error("cannot rename '" + tmp + "' to '" + path + "': " + ec.message());
  }
  return Status::ok();
}

Status write_run_outputs(const std::string& dir, const LoadedScenario& loaded, const Results& r) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create directory '" + dir + "': " + ec.message());
  const std::filesystem::path base(dir);
  Status s = write_file_atomic((base / "daily.csv").string(), format_daily_csv(loaded.scenario, r));
  if (!s.is_ok()) return s;
  return write_file_atomic((base / "summary.json").string(), format_summary_json(loaded, r));
}

}  // namespace sandtable
