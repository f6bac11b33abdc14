// `sandtable validate`: predicted against observed, scored in the units
// analysts read, on the recorded battles of the corpus.
#include "sandtable/validate.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "analysis/analysis_test_util.hpp"
#include "cli_runner.hpp"
#include "sandtable/model.hpp"

namespace sandtable {
namespace {

const std::string kFallOfMosul = "scenarios/validation/fall-of-mosul-2014.yaml";

// The fall of Mosul with its observed duration replaced by [low, high].
ValidationCase score_with_duration(double low, double high) {
  LoadedScenario c = testing::load_case(kFallOfMosul);
  EXPECT_TRUE(c.scenario.observed.has_value());
  for (ObservedValue& v : c.scenario.observed->values) {
    if (v.name == "duration_days") {
      v.low = low;
      v.high = high;
    }
  }
  return validate_case(c, run(c.scenario));
}

const ValidationValue& value(const ValidationCase& c, const std::string& name) {
  for (const ValidationValue& v : c.values) {
    if (v.name == name) return v;
  }
  ADD_FAILURE() << "no value " << name;
  static const ValidationValue kNone;
  return kNone;
}

TEST(ValidateTest, ErrorIsZeroInsideTheRangeAndTheLogRatioToItsNearestEndOutside) {
  const ValidationCase inside = score_with_duration(1, 1000);
  const double days = value(inside, "duration_days").predicted;
  ASSERT_GT(days, 2.0);
  EXPECT_EQ(value(inside, "duration_days").log_error, 0.0);
  const ValidationCase above = score_with_duration(1, days / 2);
  EXPECT_NEAR(value(above, "duration_days").log_error, std::log(2.0), 1e-12);
  const ValidationCase below = score_with_duration(days * 3, days * 4);
  EXPECT_NEAR(value(below, "duration_days").log_error, -std::log(3.0), 1e-12);
}

TEST(ValidateTest, OutcomeIsRightOnlyWhenItMatchesTheObservedOne) {
  LoadedScenario c = testing::load_case(kFallOfMosul);
  const Results r = run(c.scenario);
  ASSERT_EQ(r.outcome, Outcome::kSuccess);
  EXPECT_TRUE(validate_case(c, r).outcome_right);
  c.scenario.observed->outcome = ObservedOutcome::kFailure;
  EXPECT_FALSE(validate_case(c, r).outcome_right);
  c.scenario.observed->outcome = ObservedOutcome::kUnknown;
  const ValidationCase unknown = validate_case(c, r);
  EXPECT_FALSE(unknown.outcome_known);
  EXPECT_EQ(summarize({unknown}).outcomes_known, 0);
}

TEST(ValidateTest, SummaryTakesMediansAndWorstOfAbsoluteLogErrors) {
  std::vector<ValidationCase> cases(3);
  const double errors[] = {std::log(2.0), -std::log(4.0), 0.0};
  for (int i = 0; i < 3; ++i) {
    cases[i].outcome_known = true;
    cases[i].outcome_right = i != 1;
    ValidationValue v;
    v.name = "duration_days";
    v.log_error = errors[i];
    cases[i].values.push_back(v);
  }
  const ValidationSummary s = summarize(cases);
  EXPECT_EQ(s.outcomes_right, 2);
  EXPECT_NEAR(s.hit_rate, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.duration_median_abs_log, std::log(2.0), 1e-12);
  EXPECT_NEAR(s.duration_worst_abs_log, std::log(4.0), 1e-12);
  EXPECT_EQ(s.casualties, 0);
}

TEST(ValidateTest, DisplacedBeyondTheCitysPopulationIsScoredButLeftOutOfTheSummary) {
  LoadedScenario c = testing::load_case("scenarios/validation/urban/raqqa-2017.yaml");
  ASSERT_TRUE(c.scenario.environment.city.has_value());
  const double population = c.scenario.environment.city->population;
  const Results r = run(c.scenario);
  ValidationCase within = validate_case(c, r);
  EXPECT_FALSE(value(within, "civilians_displaced").beyond_city);
  EXPECT_GT(value(within, "civilians_displaced").predicted, 0.5 * population);
  EXPECT_LE(value(within, "civilians_displaced").predicted, population);
  EXPECT_EQ(summarize({within}).displaced, 1);
  for (ObservedValue& v : c.scenario.observed->values) {
    if (v.name == "civilians_displaced") v.low = v.high = 3 * population;  // a region's count
  }
  const ValidationCase region = validate_case(c, r);
  EXPECT_TRUE(value(region, "civilians_displaced").beyond_city);
  EXPECT_LT(value(region, "civilians_displaced").log_error, 0.0);  // still scored
  EXPECT_EQ(summarize({region}).displaced, 0);
}

TEST(ValidateTest, UnresolvedRunsGiveOnlyALowerBoundOnTheDuration) {
  LoadedScenario c = testing::load_case(
      kFallOfMosul, {"forces.isf_mosul.cohesion.initial=1", "forces.isf_mosul.readiness=0.8",
                     "calendar.horizon_days=15"});
  const ValidationCase v = validate_case(c, run(c.scenario));
  ASSERT_EQ(v.predicted, Outcome::kUnresolved);
  EXPECT_TRUE(value(v, "duration_days").lower_bound);
}

// Expects the file to load with an observed outcome and duration; returns
// the case's name ("" if it does not load).
std::string expect_complete_case(const std::string& path) {
  LoadResult r = load_scenario(path);
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  if (!r.ok()) return "";
  const auto& o = r.loaded->scenario.observed;
  EXPECT_TRUE(o.has_value()) << path;
  if (!o.has_value()) return r.loaded->scenario.name;
  EXPECT_NE(o->outcome, ObservedOutcome::kUnknown) << path;
  bool duration = false;
  for (const ObservedValue& v : o->values) duration = duration || v.name == "duration_days";
  EXPECT_TRUE(duration) << path;
  return r.loaded->scenario.name;
}

TEST(ValidateTest, EveryCorpusCaseHasAnObservedOutcomeAndDuration) {
  int cases = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("scenarios/validation/urban"))) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    expect_complete_case(entry.path().string());
  }
  EXPECT_GE(cases, 11);
}

// The held-out battles judge the model out of sample: each is a complete
// case, and none is also in the corpus the fit runs on (by file or by name).
TEST(ValidateTest, HeldOutBattlesAreCompleteAndNotInTheCorpus) {
  std::set<std::string> corpus_files;
  std::set<std::string> corpus_names;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("scenarios/validation/urban"))) {
    if (entry.path().extension() != ".yaml") continue;
    corpus_files.insert(entry.path().filename().string());
    LoadResult r = load_scenario(entry.path().string());
    ASSERT_TRUE(r.ok()) << r.diagnostics.to_string();
    corpus_names.insert(r.loaded->scenario.name);
  }
  int cases = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("scenarios/validation/holdout"))) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    EXPECT_EQ(corpus_files.count(entry.path().filename().string()), 0U) << entry.path();
    const std::string name = expect_complete_case(entry.path().string());
    EXPECT_EQ(corpus_names.count(name), 0U) << name;
    const std::string data =
        "scenarios/validation/holdout/data/" + entry.path().stem().string() + ".md";
    EXPECT_TRUE(std::filesystem::exists(testing::source_path(data))) << data;
  }
  EXPECT_GE(cases, 5);
}

TEST(ValidateCliTest, PrintsEachCaseAndTheSummaryInEveryFormat) {
  const std::string file = testing::source_path(kFallOfMosul);
  const testing::CliRun table = testing::run_sandtable({"validate", file});
  EXPECT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("outcome right in 1 of 1 cases (100%)"), std::string::npos) << table.out;
  const testing::CliRun json = testing::run_sandtable({"validate", file, "--format", "json"});
  EXPECT_EQ(json.code, 0);
  EXPECT_NE(json.out.find("\"hit_rate\": 1.0"), std::string::npos) << json.out;
  const testing::CliRun csv = testing::run_sandtable({"validate", file, "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("file,case,observed_outcome", 0), 0U);
  const testing::CliRun md = testing::run_sandtable({"validate", file, "--format", "markdown"});
  EXPECT_NE(md.out.find("| case | outcome"), std::string::npos);
}

// A case name holding the column separator stays in its cell of the
// Markdown table; the text table prints it as written.
TEST(ValidateFormatTest, MarkdownEscapesTheColumnSeparator) {
  Validation v;
  ValidationCase c;
  c.file = "a.yaml";
  c.name = "Hue | 1968";
  c.observed = ObservedOutcome::kSuccess;
  c.predicted = Outcome::kSuccess;
  c.outcome_right = true;
  v.cases.push_back(c);
  const std::string md = format_validation(v, ValidationFormat::kMarkdown);
  EXPECT_NE(md.find("| Hue \\| 1968 | success / success |"), std::string::npos) << md;
  EXPECT_NE(format_validation(v, ValidationFormat::kTable).find("Hue | 1968 (a.yaml)"),
            std::string::npos);
}

TEST(ValidateCliTest, RefusesACaseWithoutObservationsAndBadFormats) {
  const testing::CliRun r = testing::run_sandtable(
      {"validate", testing::source_path("scenarios/mosul-2015/february.yaml")});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no observed block"), std::string::npos) << r.err;
  EXPECT_EQ(
      testing::run_sandtable({"validate", testing::source_path(kFallOfMosul), "--format", "xml"})
          .code,
      2);
}

// --calibration applies a fitted overlay to every case: the shipped one gives
// the defaults' predictions (they are its values rounded), a changed
// coefficient changes them, and anything but model coefficients is refused.
TEST(ValidateCliTest, CalibrationOverlaysApplyToEveryCase) {
  const std::string marawi = testing::source_path("scenarios/validation/urban/marawi-2017.yaml");
  const std::string tal_afar =
      testing::source_path("scenarios/validation/urban/tal-afar-2017.yaml");
  const auto duration = [](const std::string& json, int i) {
    const auto doc = nlohmann::json::parse(json);
    for (const auto& v : doc["cases"][i]["values"]) {
      if (v["name"] == "duration_days") return v["predicted"].get<double>();
    }
    return -1.0;
  };
  const auto plain = testing::run_sandtable({"validate", marawi, tal_afar, "--format", "json"});
  ASSERT_EQ(plain.code, 0) << plain.err;
  const auto shipped =
      testing::run_sandtable({"validate", marawi, tal_afar, "--format", "json", "--calibration",
                              testing::source_path("calibration/urban.yaml")});
  ASSERT_EQ(shipped.code, 0) << shipped.err;
  for (int i = 0; i < 2; ++i) {
    EXPECT_NEAR(duration(shipped.out, i), duration(plain.out, i), 0.02 * duration(plain.out, i));
  }
  const std::string dir = ::testing::TempDir() + "/sandtable_calibration";
  std::filesystem::create_directories(dir);
  const std::string slow = dir + "/slow.yaml";
  std::ofstream(slow) << "model:\n  advance:\n    max_km_per_day: 0.02\n";
  const auto changed =
      testing::run_sandtable({"validate", marawi, "--format", "json", "--calibration", slow});
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_GT(duration(changed.out, 0), 1.2 * duration(plain.out, 0));
  const std::string bad = dir + "/bad.yaml";
  std::ofstream(bad) << "model:\n  advance:\n    max_km_per_dya: 0.02\nadversary:\n  fighters: 9\n";
  const auto refused = testing::run_sandtable({"validate", marawi, "--calibration", bad});
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(
      refused.err.find(bad + ":5:3: error: adversary.fighters: a calibration holds only "
                             "adversary.morale.breakpoint and loss_sensitivity outside model:"),
      std::string::npos)
      << refused.err;
  // The garrison's will is calibrated too: an overlay may set it.
  const std::string brittle = dir + "/brittle.yaml";
  std::ofstream(brittle) << "adversary:\n  morale:\n    breakpoint: 0.9\n";
  const auto broke =
      testing::run_sandtable({"validate", marawi, "--format", "json", "--calibration", brittle});
  ASSERT_EQ(broke.code, 0) << broke.err;
  EXPECT_LT(duration(broke.out, 0), duration(plain.out, 0));
  std::ofstream(brittle) << "adversary:\n  morale:\n    initial: 0.5\n";
  EXPECT_EQ(testing::run_sandtable({"validate", marawi, "--calibration", brittle}).code, 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sandtable
