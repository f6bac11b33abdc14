// The declaration of a force element and its blocks (training,
// integration, mobilization, air, advising): type, unit, range, meaning and
// source of every key. Defaults are the member initialisers in
// include/sandtable/scenario.hpp.
#include "sandtable/scenario.hpp"
#include "scenario/scenario_schema_parts.hpp"

namespace sandtable::schema {
namespace {

Type& build_cohesion(Registry& r) {
  using S = Cohesion;
  Type& t = r.keep(
      object_type<S>("Cohesion",
                     "Will to fight. Stress from losses and contact lowers it; the element breaks "
                     "at its breakpoint."));
  t.add(field("initial", &S::initial, number_type()))
      .fraction()
      .meaning("Cohesion at start; 1 is a fully cohesive unit.");
  t.add(field("breakpoint", &S::breakpoint, number_type()))
      .fraction()
      .meaning("The element breaks (stops fighting) when cohesion falls below this level.")
      .cite(kAssumption);
  t.add(field("casualty_breakpoint", &S::casualty_breakpoint, number_type()))
      .fraction()
      .meaning(
          "The element breaks when its recent losses reach this fraction of its personnel "
          "(losses summed over the loss window, model.loss_window_days, so that a unit "
          "rotating through months of fighting is not broken by its total); 1 means it "
          "fights to the last.")
      .cite(
          "Helmbold, R. L. (1971), Decision in Battle: Breakpoint Hypotheses and Engagement "
          "Termination Data, RAND R-772-PR: over 1,080 historical battles, losing sides broke "
          "below 40% casualties in about 90% of cases; 0.3 is a choice inside that range");
  t.add(field("stress_sensitivity", &S::stress_sensitivity, number_type()))
      .at_least(0)
      .in_unit("multiplier")
      .meaning("Multiplies the daily stress; 0 makes the element immune to breaking by stress.");
  t.add(field("recovery_per_day", &S::recovery_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning("Fraction of the gap to initial cohesion regained per day, in or out of contact.")
      .cite(kAssumption);
  return t;
}

Type& build_training(Registry& r) {
  using S = Training;
  Type& t = r.keep(
      object_type<S>("Training",
                     "A training pipeline: trainees take a course whose capacity is set by the "
                     "trainers of elements with role 'advisers'."));
  t.add(field("trainees", &S::trainees, number_type()))
      .require()
      .at_least(0)
      .in_unit("persons")
      .meaning("Persons of the element who need the course (at most its personnel).");
  t.add(field("course_days", &S::course_days, integer_type()))
      .at_least(1)
      .at_most(3650)
      .in_unit("days")
      .meaning("Length of the course.")
      .cite(
          "DoD News, 23 Jan 2015, 'Iraqi training sites now operational': full cycle about "
          "6 weeks");
  t.add(field("trained_readiness", &S::trained_readiness, number_type()))
      .fraction()
      .meaning("Readiness of the element once every trainee has graduated.")
      .cite(kAssumption);
  t.add(field("start", &S::start, optional_date_type()))
      .defaults_to("calendar.start")
      .meaning("First day of training.");
  return t;
}

Type& build_integration(Registry& r) {
  using S = Integration;
  Type& t =
      r.keep(object_type<S>("Integration",
                            "How far the element fights as one force with the main force; elements "
                            "without this block are fully integrated."));
  t.add(field("initial", &S::initial, number_type())).fraction().meaning("Integration at start.");
  t.add(field("target", &S::target, number_type()))
      .fraction()
      .meaning("Integration reached in the long run.");
  t.add(field("rate_per_day", &S::rate_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning("Fraction of the gap between current and target integration closed per day.");
  return t;
}

Type& build_mobilization(Registry& r) {
  using S = Mobilization;
  Type& t =
      r.keep(object_type<S>("Mobilization",
                            "Growth of the element while no offensive is under way: it fills the "
                            "security vacuum."));
  t.add(field("max_personnel", &S::max_personnel, number_type()))
      .require()
      .at_least(0)
      .in_unit("persons")
      .meaning("Personnel the element can grow to (at least its starting personnel).");
  t.add(field("rate_per_day", &S::rate_per_day, number_type()))
      .fraction()
      .in_unit("fraction/day")
      .meaning(
          "Fraction of the gap to max_personnel mobilised per day while no offensive is "
          "under way (before D-day, or after a failed one).");
  return t;
}

Type& build_air(Registry& r) {
  using S = AirSupport;
  Type& t = r.keep(object_type<S>("AirSupport", "Air power of an element with role 'air'."));
  t.add(field("sorties_per_day", &S::sorties_per_day, number_type()))
      .require()
      .at_least(0)
      .in_unit("sorties/day")
      .meaning("Sorties per day over the theatre once the offensive has started.");
  t.add(field("shaping_share", &S::shaping_share, number_type()))
      .fraction()
      .meaning("Fraction of those sorties flown over the theatre before D-day (shaping).");
  t.add(field("fighters_killed_per_sortie", &S::fighters_killed_per_sortie, number_type()))
      .at_least(0)
      .in_unit("persons/sortie")
      .meaning("Adversary fighters put out of action per effective sortie.");
  t.add(field("low_altitude_share", &S::low_altitude_share, number_type()))
      .fraction()
      .meaning("Fraction of sorties flown low: more effective, and exposed to MANPADS.");
  t.add(field("low_altitude_effect_bonus", &S::low_altitude_effect_bonus, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("Extra effect of a low sortie over a high one.")
      .cite(kAssumption);
  t.add(field("weather_sensitivity", &S::weather_sensitivity, number_type()))
      .fraction()
      .meaning("Fraction of unflyable weather that grounds this element (0: all-weather).");
  t.add(field("forward_controller_bonus", &S::forward_controller_bonus, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("Extra effect with full forward air-controller coverage from advisers.")
      .cite(kAssumption);
  t.add(field("close_support_bonus", &S::close_support_bonus, number_type()))
      .at_least(0)
      .in_unit("fraction")
      .meaning("Gain in ground effectiveness of engaged coalition elements at full close support.")
      .cite(kAssumption);
  t.add(field("sorties_for_full_support", &S::sorties_for_full_support, number_type()))
      .above(0)
      .in_unit("sorties/day")
      .meaning("Effective sorties per day that give full close support.")
      .cite(kAssumption);
  return t;
}

Type& build_advising(Registry& r) {
  using S = Advising;
  Type& t = r.keep(object_type<S>("Advising", "What an element with role 'advisers' does."));
  t.add(field("training_share", &S::training_share, number_type()))
      .fraction()
      .meaning("Fraction of personnel who are trainers.");
  t.add(field("trainees_per_trainer", &S::trainees_per_trainer, number_type()))
      .at_least(0)
      .in_unit("persons/person")
      .meaning("Trainees in a course at once per trainer.")
      .cite(
          "DoD News, 23 Jan 2015: about 3,500 in training with about 3,000 US personnel in "
          "Iraq; with half of them training, about 2.3 trainees per trainer");
  t.add(field("forward_share", &S::forward_share, number_type()))
      .fraction()
      .meaning("Fraction of personnel forward with units (air controllers, advise-and-assist).");
  t.add(field("controllers_needed", &S::controllers_needed, number_type()))
      .above(0)
      .in_unit("persons")
      .meaning("Forward personnel that give full air-controller coverage.")
      .cite(kAssumption);
  t.add(field("daily_casualty_risk", &S::daily_casualty_risk, number_type()))
      .fraction()
      .in_unit("casualties/person/day")
      .meaning("Expected casualties per forward person per day of offensive.")
      .cite(kAssumption);
  return t;
}

}  // namespace

Type& build_force(Registry& r) {
  using S = ForceElement;
  Type& reinf = r.keep(object_type<Reinforcement>("Reinforcement", "Personnel arriving later."));
  reinf.add(field("date", &Reinforcement::date, date_type())).require().meaning("Arrival day.");
  reinf.add(field("personnel", &Reinforcement::personnel, number_type()))
      .require()
      .at_least(0)
      .in_unit("persons")
      .meaning("Persons arriving that day.");
  Type& reinf_list = r.keep(list_type<Reinforcement>(reinf));

  const auto side = keep_enum<Side>(r, "Side", {"coalition", "adversary"});
  const auto role =
      keep_enum<Role>(r, "Role", {"assault", "containment", "reserve", "air", "advisers"});

  Type& t = r.keep(object_type<S>("ForceElement", "A force element, named by its key."));
  t.add(field("label", &S::label, string_type())).text_only().meaning("Readable name.");
  t.add(field("side", &S::side, side))
      .meaning("coalition attacks the city; adversary defends it with the garrison.");
  t.add(field("affiliation", &S::affiliation, identifier_type()))
      .require()
      .meaning(
          "Who the element answers to: iraqi_government, kurdish, iran_backed, "
          "us_coalition, or a name declared under 'affiliations'.");
  t.add(field("role", &S::role, role))
      .require()
      .meaning(
          "assault (clears the city), containment (seals it), reserve (relieves the assault "
          "when it cannot fill the front, from commit_delay_days after D-day), air (an 'air' "
          "block) or advisers (an 'advising' block). In a city the coalition holds, every "
          "ground element that may enter it defends it.");
  t.add(field("personnel", &S::personnel, number_type()))
      .require()
      .at_least(0)
      .in_unit("persons")
      .meaning("Persons present from the arrival date.");
  t.add(field("arrival", &S::arrival, optional_date_type()))
      .defaults_to("calendar.start")
      .meaning("Day the element arrives; it fights from the next day.");
  t.add(field("reinforcements", &S::reinforcements, reinf_list))
      .meaning("Later arrivals, in date order, none before the arrival date.");
  t.add(field("quality", &S::quality, number_type()))
      .above(0)
      .in_unit("multiplier")
      .meaning("Effectiveness per person relative to the reference force (1).");
  t.add(field("readiness", &S::readiness, number_type()))
      .fraction()
      .meaning("Readiness at start: fraction of full effectiveness its training allows.");
  t.add(field("equipment", &S::equipment, number_type()))
      .fraction()
      .meaning("Equipment level at start, fraction of full equipment.");
  t.add(field("cohesion", &S::cohesion, build_cohesion(r))).meaning("Will to fight.");
  t.add(field("may_enter_city", &S::may_enter_city, boolean_type()))
      .meaning(
          "Political constraint: whether the element may fight inside the city. One that may "
          "not never takes a place at the front; as containment it holds the cordon, and it "
          "does not defend a city the coalition holds.");
  t.add(field("commit_delay_days", &S::commit_delay_days, integer_type()))
      .at_least(0)
      .at_most(36500)
      .in_unit("days")
      .meaning("Days after D-day before the element engages (reserves).");
  t.add(field("replacements_per_day", &S::replacements_per_day, number_type()))
      .at_least(0)
      .in_unit("persons/day")
      .meaning(
          "Replacements arriving per day to make good losses, never above the persons that "
          "arrived.");
  t.add(field("aid_share", &S::aid_share, number_type()))
      .fraction()
      .meaning("Fraction of the undiverted equipment aid delivered to this element.");
  t.add(field("receives_diverted_aid", &S::receives_diverted_aid, boolean_type()))
      .meaning("Whether diverted aid ends up with this element.");
  t.add(field("training", &S::training, r.keep(optional_type<Training>(build_training(r)))))
      .meaning("Training pipeline; without it readiness stays constant.");
  t.add(field("integration", &S::integration,
              r.keep(optional_type<Integration>(build_integration(r)))))
      .meaning("Integration with the main force; without it the element is fully integrated.");
  t.add(field("mobilization", &S::mobilization,
              r.keep(optional_type<Mobilization>(build_mobilization(r)))))
      .meaning("Growth while no offensive is under way.");
  t.add(field("air", &S::air, r.keep(optional_type<AirSupport>(build_air(r)))))
      .meaning("Required for role 'air', not allowed otherwise.");
  t.add(field("advising", &S::advising, r.keep(optional_type<Advising>(build_advising(r)))))
      .meaning("Required for role 'advisers', not allowed otherwise.");
  return t;
}

}  // namespace sandtable::schema
