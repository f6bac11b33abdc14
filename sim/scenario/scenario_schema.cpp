// The one declaration of the scenario format. Every key: type, unit, range,
// meaning and the source of its default. Defaults are the member
// initialisers in include/sandtable/scenario.hpp.
#include "scenario/scenario_schema.hpp"

#include <memory>
#include <vector>

#include "sandtable/scenario.hpp"
#include "scenario/scenario_schema_parts.hpp"

namespace sandtable::schema {
namespace {

Type& build_calendar(Registry& r) {
  using S = Calendar;
  Type& t = r.keep(object_type<S>("Calendar", "Dates of the case."));
  t.add(field("start", &S::start, date_type()))
      .require()
      .meaning("First simulated day (day 1); the state before it is the initial state.");
  t.add(field("horizon_days", &S::horizon_days, integer_type()))
      .require()
      .in_unit("days")
      .at_least(1)
      .at_most(36500)
      .meaning("Number of days simulated, the start day included.");
  t.add(field("d_day", &S::d_day, date_type()))
      .require()
      .meaning("First day of the offensive; must lie inside the horizon.");
  return t;
}

Type& build_affiliation(Registry& r) {
  using S = Affiliation;
  Type& t = r.keep(object_type<S>(
      "Affiliation",
      "A user-defined affiliation, in addition to the built-in iraqi_government, kurdish, "
      "iran_backed and us_coalition."));
  t.add(field("label", &S::label, string_type())).text_only().meaning("Readable name.");
  return t;
}

Type& build_adversary(Registry& r) {
  Type& morale = r.keep(object_type<Morale>("Morale", "The adversary's will to fight."));
  morale.add(field("initial", &Morale::initial, number_type()))
      .at_least(0)
      .at_most(2)
      .meaning("Morale at start; 1 is normal, above 1 emboldened.");
  morale.add(field("recovery_per_day", &Morale::recovery_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning("Fraction of the gap to the initial morale closed per day.")
      .cite(kAssumption);
  morale.add(field("loss_sensitivity", &Morale::loss_sensitivity, number_type()))
      .at_least(0)
      .in_unit("morale per loss fraction")
      .meaning("Morale lost per unit of the day's loss fraction.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 2.12 +/- 0.63 "
          "(bootstrap sd)");
  morale.add(field("breakpoint", &Morale::breakpoint, number_type()))
      .at_least(0)
      .at_most(2)
      .meaning("The garrison breaks (gives up the city) when morale falls below; 0: never.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 0.139 +/- 0.031 "
          "(bootstrap sd)");

  Type& rec = r.keep(object_type<Recruitment>("Recruitment", "Growth of the adversary."));
  rec.add(field("local_per_day", &Recruitment::local_per_day, number_type()))
      .at_least(0)
      .in_unit("persons/day")
      .meaning("Local recruits per day at finance index 1 and morale 1.");
  rec.add(field("foreign_inflow_per_month", &Recruitment::foreign_inflow_per_month, number_type()))
      .at_least(0)
      .in_unit("persons/month")
      .meaning("Foreign fighters reaching the whole organisation per month.");
  rec.add(field("share_to_theatre", &Recruitment::share_to_theatre, number_type()))
      .fraction()
      .meaning("Fraction of the foreign inflow that reaches this theatre.");

  Type& fort = r.keep(object_type<Fortification>(
      "Fortification", "Defensive preparation of the city: obstacles, IEDs, tunnels."));
  fort.add(field("initial", &Fortification::initial, number_type()))
      .fraction()
      .meaning("Fortification at start, fraction of full.");
  fort.add(field("rate_per_day", &Fortification::rate_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning(
          "Fraction of the remaining gap to full fortification built per day at finance "
          "index 1, while the city is not under assault.");
  fort.add(field("max_defense_bonus", &Fortification::max_defense_bonus, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("Gain in the defenders' fire effectiveness at full fortification.");
  fort.add(field("max_protection", &Fortification::max_protection, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("At full fortification defenders' losses are divided by (1 + this).");
  fort.add(field("air_protection", &Fortification::air_protection, number_type()))
      .fraction()
      .meaning("Fraction of the air effect lost against a fully fortified city.");

  Type& manpads = r.keep(object_type<Manpads>(
      "Manpads", "Shoulder-launched surface-to-air missiles: the threat to low-flying aircraft."));
  manpads.add(field("threat", &Manpads::threat, number_type()))
      .at_least(0)
      .in_unit("multiplier")
      .meaning("Threat level relative to the reference the loss rates describe; 0 is none.");
  manpads.add(field("loss_per_low_sortie", &Manpads::loss_per_low_sortie, number_type()))
      .fraction()
      .in_unit("aircraft/sortie")
      .meaning("Expected aircraft lost per low sortie at threat 1.");
  manpads.add(field("loss_per_high_sortie", &Manpads::loss_per_high_sortie, number_type()))
      .fraction()
      .in_unit("aircraft/sortie")
      .meaning("Expected aircraft lost per high sortie at threat 1.");
  manpads.add(field("pilot_capture_given_loss", &Manpads::pilot_capture_given_loss, number_type()))
      .fraction()
      .meaning("Fraction of aircraft losses whose crew is captured.");

  Type& emb = r.keep(
      object_type<Emboldening>("Emboldening", "What a failed offensive gives the adversary."));
  emb.add(field("fighter_surge_fraction", &Emboldening::fighter_surge_fraction, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("Fraction of current fighters added at once when the offensive fails.");
  emb.add(field("morale_boost", &Emboldening::morale_boost, number_type()))
      .at_least(0)
      .at_most(1)
      .meaning("Added to morale when the offensive fails.");
  emb.add(field("recruitment_multiplier", &Emboldening::recruitment_multiplier, number_type()))
      .at_least(1)
      .in_unit("multiplier")
      .meaning("Recruitment is multiplied by this after a failure.");
  emb.add(field("stalemate_factor", &Emboldening::stalemate_factor, number_type()))
      .fraction()
      .meaning("Share of the above that a stalemate gives.");

  using S = Adversary;
  Type& t = r.keep(object_type<S>("Adversary", "The garrison defending the city."));
  t.add(field("label", &S::label, string_type())).text_only().meaning("Readable name.");
  t.add(field("fighters", &S::fighters, number_type()))
      .require()
      .at_least(0)
      .in_unit("persons")
      .meaning("Fighters in and around the city at start.");
  t.add(field("quality", &S::quality, number_type()))
      .above(0)
      .in_unit("multiplier")
      .meaning("Effectiveness per fighter relative to the reference force.");
  t.add(field("finance", &S::finance, number_type()))
      .at_least(0)
      .in_unit("index")
      .meaning("Finance index at start (1 = reference); scales recruitment and fortification.");
  t.add(field("morale", &S::morale, morale)).meaning("Will to fight.");
  t.add(field("recruitment", &S::recruitment, rec)).meaning("Growth.");
  t.add(field("fortification", &S::fortification, fort)).meaning("Defensive preparation.");
  t.add(field("manpads", &S::manpads, manpads)).meaning("Threat to aircraft.");
  t.add(field("emboldened", &S::emboldened, emb)).meaning("Effect of a failed offensive.");
  return t;
}

Type& build_aid(Registry& r) {
  using S = EquipmentAid;
  Type& t = r.keep(object_type<S>(
      "EquipmentAid", "Equipment aid delivered over time; a share is diverted to militias."));
  t.add(field("total_usd", &S::total_usd, number_type()))
      .require()
      .at_least(0)
      .in_unit("USD")
      .meaning("Value delivered over the delivery window.");
  t.add(field("deliveries_start", &S::deliveries_start, date_type()))
      .require()
      .meaning("First delivery day.");
  t.add(field("deliveries_end", &S::deliveries_end, date_type()))
      .require()
      .meaning("Last delivery day (deliveries are spread evenly).");
  t.add(field("usd_per_person", &S::usd_per_person, number_type()))
      .above(0)
      .in_unit("USD/person")
      .meaning("Cost of fully equipping one person.")
      .cite(
          "Iraq Train and Equip Fund: about $89M per brigade of about 2,000 (Bloomberg, "
          "16 Jun 2015; militaryedge.org ITEF list)");
  t.add(field("diversion_base_share", &S::diversion_base_share, number_type()))
      .fraction()
      .meaning("Fraction of deliveries diverted whatever the militias' weight.");
  t.add(field("diversion_influence_share", &S::diversion_influence_share, number_type()))
      .fraction()
      .meaning(
          "Extra fraction diverted per unit of the militias' share of coalition ground "
          "personnel.");
  return t;
}

Type& build_lines(Registry& r) {
  using S = LineOfEffort;
  const auto target = keep_enum<EffortTarget>(
      r, "EffortTarget", {"finance", "foreign_fighters", "recruitment", "morale", "fighters"});
  Type& t = r.keep(object_type<S>(
      "LineOfEffort", "A line of effort wearing the adversary down, named by its key."));
  t.add(field("acts_on", &S::acts_on, target))
      .require()
      .meaning(
          "finance, foreign_fighters or recruitment: the factor decays by effect_per_day "
          "per day; morale: morale falls by effect_per_day per day; fighters: that fraction "
          "of the garrison is lost per day.");
  t.add(field("effect_per_day", &S::effect_per_day, number_type()))
      .require()
      .fraction()
      .in_unit("fraction/day")
      .meaning("Strength of the effort.");
  t.add(field("start", &S::start, optional_date_type()))
      .defaults_to("calendar.start")
      .meaning("First day of effect.");
  t.add(field("floor", &S::floor, number_type()))
      .fraction()
      .meaning("Lowest fraction of its original value the target can be pushed to.");
  return t;
}

Type& build_environment(Registry& r) {
  Type& sector = r.keep(object_type<Sector>(
      "Sector",
      "A part of the city fought over as a unit (east or west of a river, an old city). "
      "Sectors are attacked in increasing order; sectors of the same order at once."));
  sector.add(field("order", &Sector::order, integer_type()))
      .at_least(1)
      .at_most(1000)
      .meaning("When the sector is attacked: after every sector of a lower order is cleared.");
  sector.add(field("area_km2", &Sector::area_km2, number_type()))
      .require()
      .above(0)
      .at_most(100000)
      .in_unit("km2")
      .meaning("Built-up area of the sector.");
  sector.add(field("population", &Sector::population, number_type()))
      .at_least(0)
      .in_unit("persons")
      .meaning("Civilians in the sector at start.");
  sector.add(field("defender_share", &Sector::defender_share, number_type()))
      .require()
      .fraction()
      .meaning(
          "Fraction of the city's defenders holding the sector; the shares of all sectors add "
          "up to 1. As sectors fall, the defenders left share out over those still held in "
          "proportion to these shares.");
  sector.add(field("fortification_factor", &Sector::fortification_factor, number_type()))
      .at_least(0)
      .at_most(10)
      .in_unit("multiplier")
      .meaning(
          "Fortification of the sector relative to the city's level (adversary.fortification), "
          "capped at full fortification: above 1 for an old city of narrow alleys and "
          "prepared strongpoints.");
  const auto holder = keep_enum<Holder>(r, "Holder", {"adversary", "coalition"});
  Type& city = r.keep(object_type<City>("City", "The objective: a city to take."));
  city.add(field("name", &City::name, string_type())).text_only().meaning("Readable name.");
  city.add(field("area_km2", &City::area_km2, number_type()))
      .at_least(0)
      .at_most(100000)
      .in_unit("km2")
      .defaults_to("the sum of the sectors' areas")
      .meaning(
          "Built-up area of the city (required without sectors); with sectors, the sum of "
          "their areas.");
  city.add(field("population", &City::population, number_type()))
      .at_least(0)
      .in_unit("persons")
      .meaning("Civilians in the city at start; with sectors, the sum of theirs.");
  city.add(field("held_by", &City::held_by, holder))
      .meaning(
          "Who holds the city at start; the other side attacks it on D-day. coalition: the "
          "adversary attacks (the fall of Mosul, June 2014), the coalition's ground elements "
          "that may enter the city defend it.");
  city.add(field("sectors", &City::sectors, r.keep(map_type<Sector>(sector))))
      .meaning("The city's sectors, keyed by name; none: the whole city is one sector.");
  city.add(
          field("containment_personnel_needed", &City::containment_personnel_needed, number_type()))
      .at_least(0)
      .in_unit("persons")
      .meaning(
          "Effective containment personnel that seal the city from reinforcement; 0: "
          "always sealed.");
  city.add(field("encirclement", &City::encirclement, number_type()))
      .fraction()
      .defaults_to("0.5 (not known)")
      .meaning(
          "How far the defenders' line of retreat is cut when the offensive begins or in its "
          "first days: 0, open (they can leave the city when the fight turns against them); "
          "1, sealed (ringed, or backed against a closed border, a sea or a lake). Scales the "
          "defenders' loss of will by model.retreat_will_factor^(1 - 2 encirclement) and the "
          "advance by model.advance.retreat_speed_factor^(1 - 2 encirclement).");
  city.add(field("displacement_base_per_day", &City::displacement_base_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning(
          "Fraction of the remaining population leaving per day, before and during the "
          "offensive (a trickle out of a city under siege); 0 unless the scenario knows it.");
  city.add(
          field("displacement_assault_per_day", &City::displacement_assault_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning(
          "Extra fraction leaving per day while the assault is on, at full clearing speed, on "
          "top of model.displacement_per_day; 0 unless the scenario knows it.");

  Type& month = r.keep(object_type<MonthWeather>("MonthWeather", "Weather of one month."));
  month.add(field("flyable_fraction", &MonthWeather::flyable_fraction, number_type()))
      .fraction()
      .meaning("Fraction of days fit for close air support.");
  month.add(field("mean_high_c", &MonthWeather::mean_high_c, number_type()))
      .at_least(-60)
      .at_most(60)
      .in_unit("degrees Celsius")
      .meaning("Mean daily high temperature.");
  Type& weather = r.keep(object_type<Weather>("Weather", "A monthly weather table."));
  const char* names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                         "jul", "aug", "sep", "oct", "nov", "dec"};
  MonthWeather Weather::*members[] = {&Weather::jan, &Weather::feb, &Weather::mar, &Weather::apr,
                                      &Weather::may, &Weather::jun, &Weather::jul, &Weather::aug,
                                      &Weather::sep, &Weather::oct, &Weather::nov, &Weather::dec};
  for (int i = 0; i < 12; ++i) {
    weather.add(field(names[i], members[i], month)).meaning("Weather of that month.");
  }

  using S = Environment;
  Type& t = r.keep(object_type<S>("Environment", "Terrain, population and weather."));
  t.add(field("city", &S::city, r.keep(optional_type<City>(city))))
      .meaning("The city to clear; without it the objective is to destroy the adversary.");
  t.add(field("weather", &S::weather, weather)).meaning("Monthly weather.");
  t.add(field("heat_threshold_c", &S::heat_threshold_c, number_type()))
      .at_least(-60)
      .at_most(60)
      .in_unit("degrees Celsius")
      .meaning("Mean high above which ground effectiveness falls.");
  t.add(field("heat_penalty_per_degree", &S::heat_penalty_per_degree, number_type()))
      .fraction()
      .in_unit("fraction/degree")
      .meaning("Fraction of ground effectiveness lost per degree above the threshold.")
      .cite(kNeutral);
  return t;
}

Type& build_model(Registry& r) {
  const auto law =
      keep_enum<CombatLaw>(r, "CombatLaw", {"square", "linear", "logarithmic", "mixed", "urban"});

  Type& adv = r.keep(object_type<AdvanceSettings>("AdvanceSettings", "Speed of clearing."));
  adv.add(field("max_km_per_day", &AdvanceSettings::max_km_per_day, number_type()))
      .above(0)
      .at_most(100)
      .in_unit("km/day")
      .meaning("Depth of built-up area cleared per day along the front at overwhelming odds.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 0.0716 +/- "
          "0.022 (bootstrap sd)");
  adv.add(field("ratio_at_half_speed", &AdvanceSettings::ratio_at_half_speed, number_type()))
      .above(0)
      .in_unit("ratio")
      .meaning("Force ratio at which the advance runs at half its maximum rate.")
      .cite(
          "the 3:1 rule: a defender has about even chances against 3 times its strength "
          "(US Army CGSC ST 100-9, 1991; FM 6-0, 2014)");
  adv.add(field("steepness", &AdvanceSettings::steepness, number_type()))
      .above(0)
      .in_unit("exponent")
      .meaning("How sharply the advance rate rises with the force ratio.")
      .cite(
          "fit to The Dupuy Institute's check of the 3:1 rule on 116 division-level "
          "engagements, 1944: every attack at about 1:1 failed, none at 2.7:1 or more");
  adv.add(field("counterattack_factor", &AdvanceSettings::counterattack_factor, number_type()))
      .at_least(0)
      .at_most(10)
      .in_unit("multiplier")
      .meaning(
          "Speed at which the defenders retake ground, relative to an attack at the inverse "
          "force ratio: the front moves by max_km_per_day * (g(r) - counterattack_factor * "
          "g(1/r)); 0: the defenders never counter-attack.")
      .cite(kAssumption);
  adv.add(field("retreat_speed_factor", &AdvanceSettings::retreat_speed_factor, number_type()))
      .above(0)
      .at_most(100)
      .in_unit("multiplier")
      .meaning(
          "How much faster the front moves against defenders whose line of retreat is open "
          "(they give ground) than against half-sealed ones: the advance is multiplied by "
          "retreat_speed_factor^(1 - 2 environment.city.encirclement); a sealed garrison, "
          "which contests every block, by its inverse. 1: the line of retreat does not "
          "matter.")
      .cite(kAssumption);

  Type& front = r.keep(
      object_type<FrontSettings>("FrontSettings", "Force-to-space: attackers a front can hold."));
  front.add(field("troops_per_km", &FrontSettings::troops_per_km, number_type()))
      .above(0)
      .in_unit("persons/km")
      .meaning("Attackers in contact per km of front; the rest of the force is in reserve.")
      .cite(
          "urban doctrine: a battalion attacks on a frontage of a few city blocks, about "
          "500-800 m (US Army FM 3-06.11, 2002)");
  front.add(field("km_per_sqrt_km2", &FrontSettings::km_per_sqrt_km2, number_type()))
      .above(0)
      .at_most(10)
      .in_unit("km/sqrt(km2)")
      .meaning(
          "Length of the front per square root of the area still held: 1 is one side of a "
          "square district, 4 a district attacked from all sides.")
      .cite(kAssumption);
  front.add(field("min_km", &FrontSettings::min_km, number_type()))
      .above(0)
      .in_unit("km")
      .meaning("Shortest front, around the last pocket.")
      .cite(kAssumption);
  front.add(field("depth_km", &FrontSettings::depth_km, number_type()))
      .above(0)
      .at_most(100)
      .in_unit("km")
      .meaning(
          "Depth of the defence engaged by the front: the defenders within it fire on the "
          "attackers and set the force ratio; those deeper wait their turn. A pocket "
          "shallower than this has all its defenders engaged.")
      .cite(kAssumption);
  front.add(field("max_contact_share", &FrontSettings::max_contact_share, number_type()))
      .above(0)
      .at_most(1)
      .meaning(
          "Fraction of an element that can be in contact at once (the rest rests, rotates, "
          "holds ground and supports).")
      .cite(
          "Grozny 1994: 6,000-10,000 of 38,000 entered the city; Fallujah 2004: six "
          "battalions of a force of about 13,500 led the assault (urban-battles data set)");

  Type& urban = r.keep(object_type<UrbanCombat>("UrbanCombat", "The urban attrition law."));
  urban.add(field("defender_kill_rate", &UrbanCombat::defender_kill_rate, number_type()))
      .at_least(0)
      .in_unit("persons/effective person/day")
      .meaning("Attackers hit (killed or wounded) per day per effective defender (aimed fire).")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 0.182 +/- 0.07 "
          "(bootstrap sd); it acts on the defenders within depth_km of the front only");
  urban.add(field("search_km2_per_day", &UrbanCombat::search_km2_per_day, number_type()))
      .at_least(0)
      .in_unit("km2/effective person/day")
      .meaning(
          "Built-up area an effective attacker in contact searches per day: each defender "
          "in that area is hit, so defenders die faster where they are dense and attackers "
          "many per km2.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 2.05e-4 +/- "
          "0.75e-4 "
          "(bootstrap sd)");

  Type& end = r.keep(object_type<EndSettings>("EndSettings", "When the offensive ends."));
  end.add(field("culmination_ratio", &EndSettings::culmination_ratio, number_type()))
      .at_least(0)
      .in_unit("ratio")
      .meaning("Force ratio below which the assault counts as culminating.")
      .cite("The Dupuy Institute: attacks at 0.55-1.01:1 failed in every case (1944 data)");
  end.add(field("culmination_days", &EndSettings::culmination_days, integer_type()))
      .at_least(1)
      .at_most(36500)
      .in_unit("days")
      .meaning("Consecutive culminating days that end the offensive in failure.");
  end.add(field("stall_progress_per_day", &EndSettings::stall_progress_per_day, number_type()))
      .fraction()
      .in_unit("fraction of city/day")
      .meaning("A day with less progress than this counts as stalled.");
  end.add(field("stall_days", &EndSettings::stall_days, integer_type()))
      .at_least(1)
      .at_most(36500)
      .in_unit("days")
      .meaning("Consecutive stalled days that end the offensive in stalemate.");
  end.add(field("defender_destroyed_fraction", &EndSettings::defender_destroyed_fraction,
                number_type()))
      .fraction()
      .meaning("Success when the defenders fall below this fraction of their strength on D-day.");

  using S = ModelSettings;
  Type& t = r.keep(object_type<S>("ModelSettings", "Settings of the combat model."));
  t.add(field("combat_law", &S::combat_law, law))
      .meaning(
          "Attrition law: urban (attackers under aimed fire, hidden defenders found by "
          "search of the area they hold; the square law without a city), square (aimed "
          "fire), linear (area fire), logarithmic (losses proportional to own strength) or "
          "mixed (guerrilla defenders under area fire, attackers under aimed fire).")
      .cite("Lanchester (1916); Deitchman (1962) for the mixed law");
  t.add(field("substeps_per_day", &S::substeps_per_day, integer_type()))
      .at_least(1)
      .at_most(24)
      .in_unit("steps/day")
      .meaning("Integration steps per day; 1 is Engel's daily difference form.");
  t.add(field("coalition_kill_rate", &S::coalition_kill_rate, number_type()))
      .at_least(0)
      .in_unit("persons/effective person/day")
      .meaning("Adversary losses per day per effective coalition person (square law).")
      .cite("Engel (1954) fitted 0.0106 for US forces at Iwo Jima");
  t.add(field("adversary_kill_rate", &S::adversary_kill_rate, number_type()))
      .at_least(0)
      .in_unit("persons/effective person/day")
      .meaning("Coalition losses per day per effective adversary fighter (square law).")
      .cite("Engel (1954) fitted 0.0544 for the Japanese garrison at Iwo Jima");
  t.add(field("containment_intensity", &S::containment_intensity, number_type()))
      .fraction()
      .meaning("Contact intensity of containment elements relative to the assault.")
      .cite(kAssumption);
  t.add(field("equipment_floor", &S::equipment_floor, number_type()))
      .fraction()
      .meaning("Effectiveness factor of an element with no equipment.")
      .cite(kAssumption);
  t.add(field("integration_friction", &S::integration_friction, number_type()))
      .fraction()
      .meaning("Effectiveness an element loses at zero integration.")
      .cite(kAssumption);
  t.add(field("loss_stress", &S::loss_stress, number_type()))
      .at_least(0)
      .in_unit("cohesion per loss fraction")
      .meaning("Cohesion lost per unit of the day's loss fraction, for a fully ready element.")
      .cite(kAssumption);
  t.add(field("shock_stress_per_day", &S::shock_stress_per_day, number_type()))
      .fraction()
      .in_unit("cohesion/day")
      .meaning(
          "Cohesion lost per day in contact by an element at zero readiness, facing an "
          "adversary at morale 1 (the June 2014 collapse).")
      .cite(kAssumption);
  t.add(field("ground_stress", &S::ground_stress, number_type()))
      .at_least(0)
      .at_most(100)
      .in_unit("morale per city fraction")
      .meaning(
          "Defenders' morale (the adversary's) or cohesion (coalition elements defending) "
          "lost per fraction of the city taken from them: losing ground erodes the will to "
          "hold the rest.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 0.951 +/- "
          "0.21 (bootstrap sd)");
  t.add(field("odds_stress_per_day", &S::odds_stress_per_day, number_type()))
      .at_least(0)
      .at_most(10)
      .in_unit("morale/day")
      .meaning(
          "Defenders' morale (the adversary's) or cohesion (coalition elements defending) "
          "lost per day of the offensive at hopeless odds: a garrison that sees the whole "
          "attacking force many times its own strength loses the will to hold. Scaled by "
          "r^n / (r^n + odds_at_half_stress^n), r the ratio of the attackers' effective power "
          "(every element that may attack, in contact or not) to the defenders', n "
          "model.advance.steepness.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 0.00238 +/- "
          "0.0023 "
          "(bootstrap sd): the corpus gives it little weight beside ground_stress "
          "(correlated)");
  t.add(field("odds_at_half_stress", &S::odds_at_half_stress, number_type()))
      .above(0)
      .in_unit("ratio")
      .meaning("Ratio of whole-force effective power at which the odds stress is half its maximum.")
      .cite(
          "calibrated on 22 recorded battles (sandtable fit, docs/calibration.md): 1.66 +/- 1.2 "
          "(bootstrap sd): poorly determined");
  t.add(field("retreat_will_factor", &S::retreat_will_factor, number_type()))
      .above(0)
      .at_most(100)
      .in_unit("multiplier")
      .meaning(
          "How much faster defenders whose line of retreat is open lose the will to hold "
          "(morale, or cohesion of coalition elements defending) than half-sealed ones: every "
          "loss of will of the city's defenders (to losses, ground and odds) is multiplied by "
          "retreat_will_factor^(1 - 2 environment.city.encirclement); a sealed garrison's by "
          "its inverse. 1: the line of retreat does not matter.")
      .cite("assumption");
  t.add(field("loss_window_days", &S::loss_window_days, number_type()))
      .above(0)
      .at_most(3650)
      .in_unit("days")
      .meaning(
          "E-folding time of the recent losses that casualty breakpoints act on: losses "
          "older than a few windows are forgotten.")
      .cite(kAssumption);
  t.add(field("graded_width", &S::graded_width, number_type()))
      .at_least(0)
      .at_most(1)
      .meaning(
          "Graded breaking: fighting power fades smoothly to 0 over this much cohesion above "
          "the breakpoint (and this fraction of the casualty breakpoint); 0: full power "
          "until the break.")
      .cite(kAssumption);
  t.add(field("displacement_share", &S::displacement_share, number_type()))
      .fraction()
      .in_unit("fraction of the population")
      .meaning(
          "Share of the city's residents who flee once the offensive on the city is on, "
          "whatever its pace; the rest stay through the battle. The city's own displacement "
          "rates add to this flight.")
      .cite(
          "calibrated on the displaced civilians of 5 recorded battles (sandtable fit, "
          "calibration/displacement.yaml, docs/calibration.md): 0.926 +/- 0.069 (bootstrap sd)");
  t.add(field("displacement_per_day", &S::displacement_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning(
          "Pace of that flight: the fraction of those still to flee (displacement_share of the "
          "population, less those gone) who leave each day of the offensive.")
      .cite(
          "calibrated on the displaced civilians of 5 recorded battles (sandtable fit, "
          "calibration/displacement.yaml, docs/calibration.md): 0.0701 +/- 0.13 (bootstrap "
          "sd), poorly determined");
  t.add(field("advance", &S::advance, adv)).meaning("Speed of clearing.");
  t.add(field("front", &S::front, front)).meaning("Force-to-space.");
  t.add(field("urban", &S::urban, urban)).meaning("The urban attrition law.");
  t.add(field("end", &S::end, end)).meaning("End conditions.");
  return t;
}

Type& build_scenario(Registry& r) {
  using S = Scenario;
  Type& aff_map = r.keep(map_type<Affiliation>(build_affiliation(r)));
  Type& force_map = r.keep(map_type<ForceElement>(build_force(r)));
  Type& lines_map = r.keep(map_type<LineOfEffort>(build_lines(r)));
  Type& analysis = r.keep(object_type<Analysis>("Analysis", "Defaults for analysis commands."));
  analysis.add(field("criteria", &Analysis::criteria, string_type()))
      .meaning(
          "Success criteria: an expression over outcome names, e.g. "
          "\"success and isf_casualties < 3000\".");

  const auto grade = keep_enum<Grade>(r, "Grade", {"A", "B", "C"});
  Type& value = r.keep(object_type<ObservedValue>(
      "ObservedValue", "An observed figure or range, for an outcome of the same name."));
  value.add(field("low", &ObservedValue::low, number_type()))
      .require()
      .meaning("Lowest credible value (equal to high for a single figure).");
  value.add(field("high", &ObservedValue::high, number_type()))
      .require()
      .meaning("Highest credible value.");
  value.add(field("grade", &ObservedValue::grade, grade))
      .meaning(
          "Reliability: A official or peer-reviewed, B reputable press or think tank, C weaker.");
  value.add(field("source", &ObservedValue::source, string_type())).meaning("Where it comes from.");
  Type& series = r.keep(object_type<ObservedSeries>(
      "ObservedSeries", "An observed daily series, for the daily series of the same name."));
  series.add(field("file", &ObservedSeries::file, string_type()))
      .require()
      .meaning("CSV file, relative to the scenario file.");
  series.add(field("day_column", &ObservedSeries::day_column, string_type()))
      .meaning("Column holding the day of the run (1 = calendar.start), or a column 'date'.");
  series.add(field("column", &ObservedSeries::column, string_type()))
      .require()
      .meaning("Column holding the observed values.");
  series.add(field("grade", &ObservedSeries::grade, grade)).meaning("Reliability, as for values.");
  series.add(field("source", &ObservedSeries::source, string_type()))
      .meaning("Where it comes from.");
  const auto outcome = keep_enum<ObservedOutcome>(
      r, "ObservedOutcome", {"unknown", "success", "failure", "stalemate", "unresolved"});
  Type& observed = r.keep(object_type<Observed>(
      "Observed", "What happened, for calibration and validation; never changes a run."));
  observed.add(field("outcome", &Observed::outcome, outcome))
      .meaning("How the offensive ended, from the attacker's side.");
  observed.add(field("outcome_grade", &Observed::outcome_grade, grade))
      .meaning("Reliability of the outcome.");
  observed.add(field("values", &Observed::values, r.keep(map_type<ObservedValue>(value))))
      .meaning("Observed outcomes, keyed by outcome name (duration_days, attacker_casualties...).");
  observed.add(field("series", &Observed::series, r.keep(map_type<ObservedSeries>(series))))
      .meaning("Observed daily series, keyed by series name (<element>_strength...).");
  observed.add(field("notes", &Observed::notes, string_type())).meaning("What to know about it.");

  Type& t = r.keep(object_type<S>("Scenario", "A Sandtable scenario."));
  t.add(field("name", &S::name, string_type())).require().text_only().meaning("Title.");
  t.add(field("description", &S::description, string_type()))
      .text_only()
      .meaning("What the case assumes, in words.");
  t.add(field("calendar", &S::calendar, build_calendar(r))).require().meaning("Dates.");
  t.add(field("affiliations", &S::affiliations, aff_map))
      .meaning("User-defined affiliations, keyed by name.");
  t.add(field("forces", &S::forces, force_map))
      .require()
      .meaning("Force elements, keyed by name (lower case, digits, '_').");
  t.add(field("adversary", &S::adversary, build_adversary(r))).require().meaning("The defender.");
  t.add(
       field("equipment_aid", &S::equipment_aid, r.keep(optional_type<EquipmentAid>(build_aid(r)))))
      .meaning("Equipment aid; none without this block.");
  t.add(field("lines_of_effort", &S::lines_of_effort, lines_map))
      .meaning("Lines of effort, keyed by name.");
  t.add(field("environment", &S::environment, build_environment(r)))
      .meaning("City, weather and heat.");
  t.add(field("model", &S::model, build_model(r))).meaning("Combat model settings.");
  t.add(field("analysis", &S::analysis, analysis)).meaning("Analysis defaults.");
  t.add(field("observed", &S::observed, r.keep(optional_type<Observed>(observed))))
      .text_only()
      .meaning("What happened in a recorded battle (for fit and validate); not part of the hash.");
  return t;
}

}  // namespace

const Type& scenario_type() {
  static Registry registry;
  static const Type& root = build_scenario(registry);
  return root;
}

}  // namespace sandtable::schema
