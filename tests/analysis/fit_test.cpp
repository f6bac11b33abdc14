// `sandtable fit`: recovers known coefficients from observations the model
// generated, reports uncertainty and identifiability, and refuses bad input.
#include "sandtable/fit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/analysis_test_util.hpp"
#include "cli_runner.hpp"
#include "sandtable/model.hpp"
#include "sandtable/parameters.hpp"

namespace sandtable {
namespace {

const std::vector<std::string> kCases = {
    "scenarios/validation/urban/tal-afar-2017.yaml", "scenarios/validation/urban/marawi-2017.yaml",
    "scenarios/validation/urban/sirte-2016.yaml", "scenarios/validation/urban/fallujah-2004.yaml",
    "scenarios/validation/urban/raqqa-2017.yaml"};

void set(Scenario& s, const std::string& path, double value) {
  Diagnostic error;
  auto ref = ParameterRef::resolve(s, path, error);
  ASSERT_TRUE(ref) << error.to_string();
  ASSERT_EQ(ref->set(value), "");
}

// The cases with their observations replaced by what the model gives at
// `truth`, each figure multiplied by exp(noise * k-th pseudo-random sign).
std::vector<LoadedScenario> synthetic(const std::vector<std::pair<std::string, double>>& truth,
                                      double noise) {
  std::vector<LoadedScenario> cases;
  int k = 0;
  for (const std::string& file : kCases) {
    LoadedScenario c = testing::load_case(file);
    Scenario at_truth = c.scenario;
    for (const auto& [path, value] : truth) set(at_truth, path, value);
    const Results r = run(at_truth);
    Observed& o = *c.scenario.observed;
    o.values.clear();
    for (const char* name : {"attacker_casualties", "defender_casualties"}) {
      ObservedValue v;
      v.name = name;
      const double factor = std::exp(noise * ((k++ % 3) - 1));
      v.low = v.high = testing::outcome(r, name) * factor;
      v.grade = Grade::kA;
      o.values.push_back(v);
    }
    o.outcome =
        r.outcome == Outcome::kSuccess ? ObservedOutcome::kSuccess : ObservedOutcome::kUnresolved;
    cases.push_back(std::move(c));
  }
  return cases;
}

FitOptions options(const std::vector<FreeParameter>& free) {
  FitOptions o;
  o.free = free;
  o.starts = 3;
  o.evaluations_per_start = 300;
  o.threads = 2;
  return o;
}

TEST(FitTest, RecoversCoefficientsFromNoiseFreeObservationsWithinOnePercent) {
  const auto cases = synthetic(
      {{"model.urban.defender_kill_rate", 0.05}, {"model.urban.search_km2_per_day", 0.0003}}, 0.0);
  Diagnostics errors;
  const auto r = fit(cases,
                     options({{"model.urban.defender_kill_rate", 0.005, 0.5},
                              {"model.urban.search_km2_per_day", 0.00002, 0.002}}),
                     errors);
  ASSERT_TRUE(r) << errors.to_string();
  EXPECT_NEAR(r->parameters[0].value, 0.05, 0.0005);
  EXPECT_NEAR(r->parameters[1].value, 0.0003, 0.000003);
  EXPECT_LT(r->objective, 1e-6);
  EXPECT_LT(r->objective, r->objective_start);
}

TEST(FitTest, WithNoiseTheTruthLiesInsideTheReportedUncertainty) {
  const auto cases = synthetic({{"model.urban.defender_kill_rate", 0.05}}, 0.1);
  Diagnostics errors;
  FitOptions o = options({{"model.urban.defender_kill_rate", 0.005, 0.5}});
  o.bootstrap = 20;
  const auto r = fit(cases, o, errors);
  ASSERT_TRUE(r) << errors.to_string();
  const FittedParameter& p = r->parameters[0];
  ASSERT_FALSE(std::isnan(p.standard_error));
  EXPECT_GT(p.standard_error, 0.0);
  EXPECT_LE(std::fabs(p.value - 0.05), 3.0 * std::max(p.standard_error, p.bootstrap_sd))
      << p.value << " +/- " << p.standard_error << " (bootstrap " << p.bootstrap_sd << ")";
  EXPECT_GT(p.bootstrap_sd, 0.0);
}

TEST(FitTest, SaysWhenTheDataCannotSeparateTwoCoefficients) {
  // A coefficient no observation depends on (the classic laws' kill rate in
  // urban cases) next to one they do.
  const auto cases = synthetic({{"model.urban.defender_kill_rate", 0.05}}, 0.0);
  Diagnostics errors;
  const auto r = fit(cases,
                     options({{"model.urban.defender_kill_rate", 0.005, 0.5},
                              {"model.coalition_kill_rate", 0.001, 0.1}}),
                     errors);
  ASSERT_TRUE(r) << errors.to_string();
  bool said = false;
  for (const std::string& w : r->warnings) {
    said = said || w.find("model.coalition_kill_rate does not change") != std::string::npos ||
           w.find("not identifiable") != std::string::npos;
  }
  EXPECT_TRUE(said);
  EXPECT_TRUE(std::isnan(r->parameters[1].standard_error));
}

TEST(FitTest, LeaveOneOutPredictsEachCaseFromTheOthers) {
  const auto cases = synthetic({{"model.urban.defender_kill_rate", 0.05}}, 0.0);
  Diagnostics errors;
  FitOptions o = options({{"model.urban.defender_kill_rate", 0.005, 0.5}});
  o.leave_one_out = true;
  const auto r = fit(cases, o, errors);
  ASSERT_TRUE(r) << errors.to_string();
  ASSERT_TRUE(r->leave_one_out.has_value());
  EXPECT_EQ(r->leave_one_out->cases.size(), cases.size());
  // Noise-free data: the others recover the truth, so each case is predicted well.
  EXPECT_LT(r->leave_one_out->summary.casualty_median_abs_log, 0.01);
}

TEST(FitTest, SameResultOnAnyThreadCount) {
  const auto cases = synthetic({{"model.urban.defender_kill_rate", 0.05}}, 0.1);
  Diagnostics errors;
  FitOptions one = options({{"model.urban.defender_kill_rate", 0.005, 0.5}});
  one.threads = 1;
  FitOptions four = one;
  four.threads = 4;
  const auto a = fit(cases, one, errors);
  const auto b = fit(cases, four, errors);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(format_fit_report(*a, true), format_fit_report(*b, true));
}

TEST(FitTest, OverlayNestsTheFittedKeys) {
  const auto cases = synthetic({{"model.urban.defender_kill_rate", 0.05}}, 0.0);
  Diagnostics errors;
  const auto r = fit(cases,
                     options({{"model.urban.defender_kill_rate", 0.005, 0.5},
                              {"model.advance.max_km_per_day", 0.05, 1.0}}),
                     errors);
  ASSERT_TRUE(r);
  const std::string overlay = format_fit_overlay(*r);
  EXPECT_NE(overlay.find("model:\n  advance:\n    max_km_per_day: "), std::string::npos) << overlay;
  EXPECT_NE(overlay.find("\n  urban:\n    defender_kill_rate: "), std::string::npos) << overlay;
  EXPECT_NE(overlay.find("corpus sha256 " + r->corpus_hash), std::string::npos);
}

TEST(FitTest, ParsesFreeParametersAndRefusesBadOnes) {
  std::string error;
  const auto f = parse_free_parameter("model.advance.max_km_per_day=0.05..0.5", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->path, "model.advance.max_km_per_day");
  EXPECT_EQ(f->low, 0.05);
  EXPECT_EQ(f->high, 0.5);
  EXPECT_FALSE(parse_free_parameter("model.advance.max_km_per_day=0.5..0.5", error));
  EXPECT_NE(error.find("empty"), std::string::npos);
  EXPECT_FALSE(parse_free_parameter("model.advance.max_km_per_day=a..b", error));
  EXPECT_NE(error.find("must be numbers"), std::string::npos);
  EXPECT_FALSE(parse_free_parameter("model.advance.max_km_per_day", error));
}

TEST(FitTest, ParsesAListOfFreeParametersAndRefusesAPathGivenTwice) {
  std::string error;
  std::vector<FreeParameter> free;
  ASSERT_TRUE(parse_free_parameters({"model.a=0..1", "model.b=1..10"}, free, error)) << error;
  ASSERT_EQ(free.size(), 2u);
  EXPECT_EQ(free[1].path, "model.b");
  EXPECT_EQ(free[1].high, 10.0);
  free.clear();
  EXPECT_FALSE(
      parse_free_parameters({"model.a=0..1", "model.b=0..1", "model.a=2..3"}, free, error));
  EXPECT_EQ(error, "model.a is free twice; give it once");
  EXPECT_TRUE(free.empty()) << "a refused list appends nothing";
  EXPECT_FALSE(parse_free_parameters({"model.a=0..1", "model.b"}, free, error));
  EXPECT_NE(error.find("expected path=low..high"), std::string::npos);
}

TEST(FitCliTest, LocatedErrorsAndExitCodes) {
  const std::string file = testing::source_path(kCases[0]);
  // Unknown key, with a suggestion.
  auto r = testing::run_sandtable({"fit", file, "--free", "model.advance.max_km_per_dya=0.1..1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("max_km_per_day"), std::string::npos) << r.err;
  // Not a number.
  r = testing::run_sandtable({"fit", file, "--free", "model.combat_law=0..3"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("must be a number"), std::string::npos) << r.err;
  // Out of the key's range.
  r = testing::run_sandtable({"fit", file, "--free", "model.graded_width=0..5"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("leaves the key's range"), std::string::npos) << r.err;
  // Empty range, twice the same key: usage errors.
  EXPECT_EQ(testing::run_sandtable({"fit", file, "--free", "model.ground_stress=1..1"}).code, 2);
  EXPECT_EQ(testing::run_sandtable({"fit", file, "--free", "model.ground_stress=0..1", "--free",
                                    "model.ground_stress=0..2"})
                .code,
            2);
  // A case with nothing observed.
  r = testing::run_sandtable({"fit", testing::source_path("scenarios/mosul-2015/february.yaml"),
                              "--free", "model.ground_stress=0..1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no observed block"), std::string::npos) << r.err;
  // A good run prints the estimate.
  r = testing::run_sandtable({"fit", file, "--free", "model.urban.defender_kill_rate=0.005..0.5",
                              "--starts", "1", "--evaluations", "40"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("model.urban.defender_kill_rate = "), std::string::npos) << r.out;
}

// The shipped corpus, held to committed bounds out of sample: each case
// predicted by a fit of the calibrated coefficients on the others.
std::vector<LoadedScenario> shipped_corpus() {
  std::vector<LoadedScenario> cases;
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(testing::source_path("scenarios/validation/urban"))) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  files.push_back(testing::source_path("scenarios/validation/fall-of-mosul-2014.yaml"));
  for (const std::string& f : files) {
    LoadResult r = load_scenario(f);
    EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
    if (r.ok()) cases.push_back(*r.loaded);
  }
  return cases;
}

TEST(FitCorpusTest, LeaveOneOutOnTheShippedCorpusMeetsItsCommittedBounds) {
  const auto cases = shipped_corpus();
  ASSERT_GE(cases.size(), 22U);
  FitOptions o;
  o.free = {{"model.advance.max_km_per_day", 0.02, 1.0},
            {"model.urban.defender_kill_rate", 0.002, 0.5},
            {"model.urban.search_km2_per_day", 0.00001, 0.001},
            {"model.ground_stress", 0.0, 2.0}};
  o.starts = 1;  // from the calibrated defaults
  o.evaluations_per_start = 120;
  o.leave_one_out = true;
  o.threads = 2;
  Diagnostics errors;
  const auto r = fit(cases, o, errors);
  ASSERT_TRUE(r) << errors.to_string();
  ASSERT_TRUE(r->leave_one_out);
  const ValidationSummary& loo = r->leave_one_out->summary;
  // Committed bounds: outcomes right in at least 80% of the cases; the
  // median duration error at most a factor of 1.9 (the target, 1.5, is not
  // met yet: docs/calibration.md).
  EXPECT_GE(loo.hit_rate, 0.8) << loo.outcomes_right << " of " << loo.outcomes_known;
  EXPECT_LE(loo.duration_median_abs_log, std::log(1.9))
      << "x" << std::exp(loo.duration_median_abs_log);
}

void expect_defaults_from(const std::string& file, const std::vector<std::string>& paths) {
  std::ifstream in(testing::source_path(file));
  ASSERT_TRUE(in) << file;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const Scenario defaults =
      testing::load_case("scenarios/validation/urban/marawi-2017.yaml").scenario;
  for (const std::string& path : paths) {
    const std::string key = std::string(path).substr(std::string(path).rfind('.') + 1);
    ASSERT_NE(text.find(key + ": "), std::string::npos) << key;
    const double fitted = std::stod(text.substr(text.find(key + ": ") + key.size() + 2));
    Scenario s = defaults;
    Diagnostic error;
    const auto ref = ParameterRef::resolve(s, path, error);
    ASSERT_TRUE(ref) << error.to_string();
    EXPECT_NEAR(ref->get(), fitted, 0.006 * std::fabs(fitted)) << path;
  }
}

TEST(FitCorpusTest, TheDefaultsAreTheShippedCalibrationRounded) {
  // calibration/*.yaml record the fits; the model's defaults are their
  // values to three significant digits. A changed default without a new
  // fit, or a new fit without new defaults, fails here.
  expect_defaults_from("calibration/urban.yaml",
                       {"model.advance.max_km_per_day", "model.urban.defender_kill_rate",
                        "model.urban.search_km2_per_day", "model.ground_stress",
                        "model.odds_stress_per_day", "model.odds_at_half_stress",
                        "adversary.morale.breakpoint", "adversary.morale.loss_sensitivity"});
  expect_defaults_from("calibration/displacement.yaml",
                       {"model.displacement_share", "model.displacement_per_day"});
}

}  // namespace
}  // namespace sandtable
