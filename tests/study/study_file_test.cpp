// Study files and --vary arguments: read with located diagnostics, like
// scenarios; the study JSON Schema.
#include <fstream>
#include <nlohmann/json.hpp>

#include "study_helpers.hpp"

namespace sandtable {
namespace {

using testing::temp_dir;

StudyLoadResult read(const std::string& text) {
  return load_study_text(text, "study.yaml",
                         std::string(SANDTABLE_SOURCE_DIR) + "/scenarios/mosul-2015");
}

TEST(StudyFileTest, ReadsTheBaseParametersDesignAndOverrides) {
  const StudyLoadResult r = read(
      "name: timing\n"
      "scenario: base.yaml\n"
      "set:\n"
      "  forces.isf.personnel: 25000\n"
      "parameters:\n"
      "  calendar.d_day: 2015-02-01:2015-06-01:7d\n"
      "  forces.isf.training.course_days: [28, 42, 56]\n"
      "design:\n"
      "  method: grid\n"
      "  seed: 42\n");
  ASSERT_TRUE(r.ok()) << r.diagnostics.to_string();
  const StudySpec& s = *r.spec;
  EXPECT_EQ(s.scenario, std::string(SANDTABLE_SOURCE_DIR) + "/scenarios/mosul-2015/base.yaml");
  EXPECT_EQ(s.overrides, (std::vector<std::string>{"forces.isf.personnel=25000"}));
  ASSERT_EQ(s.parameters.size(), 2U);
  EXPECT_EQ(s.parameters[0].path, "calendar.d_day");
  EXPECT_EQ(s.parameters[0].values, "2015-02-01:2015-06-01:7d");
  EXPECT_EQ(s.parameters[1].values, "28,42,56");
  EXPECT_EQ(s.parameters[1].values_where.line, 7);
  EXPECT_EQ(s.seed, 42U);
  PrepareResult p = prepare_study(s);
  ASSERT_TRUE(p.ok()) << p.diagnostics.to_string();
  EXPECT_EQ(p.study->size(), 18U * 3U);
}

TEST(StudyFileTest, ReportsAMisspeltKeyWithItsLocationAndASuggestion) {
  const StudyLoadResult r = read(
      "scenario: base.yaml\nparameters: {model.coalition_kill_rate: 0.01}\n"
      "design:\n  methd: grid\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.exit_code(), ExitCode::kInvalidInput);
  const std::string text = r.diagnostics.to_string();
  EXPECT_NE(text.find("study.yaml:4:3: error: design.methd: unknown key; did you mean 'method'?"),
            std::string::npos)
      << text;
}

TEST(StudyFileTest, ReportsAnUnknownMethodAndAMissingScenario) {
  const StudyLoadResult r = read("design:\n  method: sobbol\n");
  ASSERT_FALSE(r.ok());
  const std::string text = r.diagnostics.to_string();
  EXPECT_NE(text.find("study.yaml:2:11: error: design.method: expected one of grid, list, oat"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("did you mean 'sobol'?"), std::string::npos) << text;
  EXPECT_NE(text.find("scenario: missing required key"), std::string::npos) << text;
}

TEST(StudyFileTest, LocatesBadValuesAndUnknownPathsWhenPrepared) {
  const StudyLoadResult r = read(
      "scenario: base.yaml\n"
      "parameters:\n"
      "  forces.isf.readines: 0.3,0.4\n"
      "  model.combat_law: square,sqare\n"
      "  model.coalition_kill_rate: linspace(0.01, 0.02)\n");
  ASSERT_TRUE(r.ok());
  const PrepareResult p = prepare_study(*r.spec);
  ASSERT_FALSE(p.ok());
  const std::string text = p.diagnostics.to_string();
  EXPECT_NE(text.find("study.yaml:3:3: error: forces.isf.readines: unknown "
                      "key; did you mean 'readiness'?"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("study.yaml:4:21: error: model.combat_law: expected one of square, linear, "
                      "logarithmic, mixed, urban, found 'sqare'; did you mean 'square'?"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("study.yaml:5:30: error: model.coalition_kill_rate: expected linspace(lo, hi, n)"),
      std::string::npos)
      << text;
}

TEST(StudyFileTest, ReportsADesignThatCannotBeBuilt) {
  const StudyLoadResult r = read(
      "scenario: base.yaml\n"
      "parameters:\n"
      "  model.coalition_kill_rate: 0.008..0.012\n"
      "design:\n"
      "  method: lhs\n");
  ASSERT_TRUE(r.ok());
  const PrepareResult p = prepare_study(*r.spec);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.diagnostics.to_string().find(
                "study.yaml:4:1: error: design: the lhs design needs design.samples"),
            std::string::npos)
      << p.diagnostics.to_string();
}

TEST(StudyFileTest, ReadsAListDesignFromACsvFile) {
  const std::string dir = temp_dir("points");
  std::ofstream(dir + "/points.csv") << "calendar.d_day,model.combat_law\n2015-03-01,square\n"
                                        "2015-04-01,linear\n2015-05-01,mixed\n";
  std::ofstream(dir + "/study.yaml")
      << "scenario: " << testing::mosul() << "\ndesign:\n  method: list\n  points: points.csv\n";
  const StudyLoadResult r = load_study(dir + "/study.yaml");
  ASSERT_TRUE(r.ok()) << r.diagnostics.to_string();
  const PrepareResult p = prepare_study(*r.spec);
  ASSERT_TRUE(p.ok()) << p.diagnostics.to_string();
  ASSERT_EQ(p.study->size(), 3U);
  std::vector<double> v;
  p.study->point(1, v);
  EXPECT_EQ(p.study->value_text(0, v[0]), "2015-04-01");
  EXPECT_EQ(p.study->value_text(1, v[1]), "linear");
}

TEST(VaryTest, SplitsPathAndValuesAndLocatesTheValues) {
  Diagnostics d;
  const auto p = parse_vary("calendar.d_day=2015-02-01:2015-06-01:7d", 2, d);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->path, "calendar.d_day");
  EXPECT_EQ(p->values, "2015-02-01:2015-06-01:7d");
  EXPECT_EQ(p->values_where.to_string(), "<--vary 2>:1:16");
  EXPECT_FALSE(parse_vary("calendar.d_day", 1, d));
  EXPECT_NE(d.to_string().find("<--vary 1>:1:1: error: expected path=values"), std::string::npos);
}

TEST(StudySchemaTest, IsAJsonSchemaOfEveryDeclaredKey) {
  const auto j = nlohmann::json::parse(study_json_schema());
  EXPECT_EQ(j["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(j["required"], nlohmann::json::array({"scenario"}));
  EXPECT_EQ(j["properties"]["design"]["properties"]["method"]["enum"].size(), 8U);
  EXPECT_EQ(j["properties"]["parameters"]["type"], "object");
  EXPECT_FALSE(j["additionalProperties"].get<bool>());
}

}  // namespace
}  // namespace sandtable
