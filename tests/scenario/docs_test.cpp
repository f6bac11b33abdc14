// The generated documentation stays in step with the declared schema:
// docs/scenario.schema.json is `sandtable schema`, the key reference in
// docs/scenario-format.md is `sandtable schema --markdown`, and the outcome
// table of docs/model.md is outcome_reference_markdown().
//
// To regenerate both after changing the schema, run the suite with
// SANDTABLE_UPDATE_DOCS=1, e.g.
//   SANDTABLE_UPDATE_DOCS=1 build/tests/scenario_tests --gtest_filter='ScenarioDocsTest.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sandtable/load.hpp"
#include "sandtable/results.hpp"
#include "scenario/scenario_schema.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

constexpr const char* kBegin = "<!-- BEGIN GENERATED REFERENCE -->\n";
constexpr const char* kEnd = "<!-- END GENERATED REFERENCE -->\n";
constexpr const char* kOutcomesBegin = "<!-- BEGIN GENERATED OUTCOMES -->\n";
constexpr const char* kOutcomesEnd = "<!-- END GENERATED OUTCOMES -->\n";
constexpr const char* kRegenerate =
    "regenerate with: SANDTABLE_UPDATE_DOCS=1 build/tests/scenario_tests "
    "--gtest_filter='ScenarioDocsTest.*' (or `sandtable schema > docs/scenario.schema.json`, "
    "and paste `sandtable schema --markdown` between the markers of docs/scenario-format.md)";

bool updating() {
  const char* v = std::getenv("SANDTABLE_UPDATE_DOCS");
  return v != nullptr && std::string(v) == "1";
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << p;
}

// The guide with its generated part (between the markers `open` and
// `close`) replaced by `reference`; empty if the markers are missing or out
// of order.
std::string with_reference(const std::string& guide, const std::string& reference,
                           std::string* current = nullptr, const char* open = kBegin,
                           const char* close = kEnd) {
  const std::size_t begin = guide.find(open);
  const std::size_t end = guide.find(close);
  if (begin == std::string::npos || end == std::string::npos || end < begin) return {};
  const std::size_t from = begin + std::string(open).size();
  if (current != nullptr) *current = guide.substr(from, end - from);
  return guide.substr(0, from) + reference + guide.substr(end);
}

TEST(ScenarioDocsTest, CommittedJsonSchemaIsUpToDate) {
  const auto file = test::source_path("docs/scenario.schema.json");
  if (updating()) write(file, scenario_json_schema());
  EXPECT_TRUE(test::read_file(file) == scenario_json_schema())
      << "docs/scenario.schema.json differs from `sandtable schema`; " << kRegenerate;
}

TEST(ScenarioDocsTest, GeneratedKeyReferenceIsUpToDate) {
  const auto file = test::source_path("docs/scenario-format.md");
  const std::string reference = scenario_reference_markdown();
  if (updating()) {
    const std::string updated = with_reference(test::read_file(file), reference);
    ASSERT_FALSE(updated.empty()) << "markers missing in " << file;
    write(file, updated);
  }
  std::string current;
  const std::string guide = test::read_file(file);
  ASSERT_FALSE(with_reference(guide, reference, &current).empty())
      << file << " must hold the lines " << kBegin << " and " << kEnd;
  EXPECT_TRUE(current == reference)
      << "the key reference in docs/scenario-format.md differs from `sandtable schema "
         "--markdown`; "
      << kRegenerate;
}

TEST(ScenarioDocsTest, OutcomeTableOfTheModelGuideIsUpToDate) {
  const auto file = test::source_path("docs/model.md");
  const std::string table = outcome_reference_markdown();
  if (updating()) {
    const std::string updated =
        with_reference(test::read_file(file), table, nullptr, kOutcomesBegin, kOutcomesEnd);
    ASSERT_FALSE(updated.empty()) << "markers missing in " << file;
    write(file, updated);
  }
  std::string current;
  ASSERT_FALSE(
      with_reference(test::read_file(file), table, &current, kOutcomesBegin, kOutcomesEnd).empty())
      << file << " must hold the lines " << kOutcomesBegin << " and " << kOutcomesEnd;
  EXPECT_TRUE(current == table) << "the outcome table of docs/model.md differs from the "
                                   "outcome registry (sim/scenario/outcomes.cpp); "
                                << kRegenerate;
}

TEST(ScenarioDocsTest, JsonSchemaIsDraft202012WithBothVariants) {
  const auto doc = nlohmann::json::parse(scenario_json_schema());
  EXPECT_EQ(doc["$schema"], "https://json-schema.org/draft/2020-12/schema");
  const auto& defs = doc["$defs"];
  ASSERT_TRUE(defs.contains("Scenario"));
  ASSERT_TRUE(defs.contains("ScenarioOverlay"));
  // A full file needs the required keys; an overlay (with extends) does not.
  EXPECT_EQ(defs["Scenario"]["required"],
            nlohmann::json::array({"name", "calendar", "forces", "adversary"}));
  EXPECT_FALSE(defs["ScenarioOverlay"].contains("required"));
  EXPECT_TRUE(defs["Scenario"]["properties"].contains("extends"));
  EXPECT_EQ(defs["Scenario"]["additionalProperties"], false);
  // Every $ref points at a definition.
  std::function<void(const nlohmann::json&)> check_refs = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        const std::string ref = j["$ref"];
        ASSERT_EQ(ref.rfind("#/$defs/", 0), 0u) << ref;
        EXPECT_TRUE(defs.contains(ref.substr(8))) << ref;
      }
      for (const auto& [k, v] : j.items()) check_refs(v);
    } else if (j.is_array()) {
      for (const auto& v : j) check_refs(v);
    }
  };
  check_refs(doc);
}

// Every key of the declaration, with its dotted path and type.
void visit_fields(const schema::Type& t, const std::string& path,
                  std::set<const schema::Type*>& seen,
                  const std::function<void(const std::string&, const schema::Field&)>& visit) {
  if (!seen.insert(&t).second) return;
  for (const schema::Field& f : t.fields) {
    const std::string p = path.empty() ? f.key : path + "." + f.key;
    visit(p, f);
    const schema::Type& ft = *f.type;
    switch (ft.kind) {
      case schema::Kind::kObject:
        visit_fields(ft, p, seen, visit);
        break;
      case schema::Kind::kOptional:
        visit_fields(*ft.item, p, seen, visit);
        break;
      case schema::Kind::kMap:
        visit_fields(*ft.item, p + ".<name>", seen, visit);
        break;
      case schema::Kind::kList:
        visit_fields(*ft.item, p + "[]", seen, visit);
        break;
      default:
        break;
    }
  }
}

TEST(ScenarioDocsTest, EveryKeyIsDocumented) {
  const std::string reference = scenario_reference_markdown();
  const auto schema_json = nlohmann::json::parse(scenario_json_schema());
  std::set<const schema::Type*> seen;
  int keys = 0;
  visit_fields(schema::scenario_type(), "", seen,
               [&](const std::string& path, const schema::Field& f) {
                 ++keys;
                 EXPECT_FALSE(f.doc.empty()) << path << " has no meaning";
                 EXPECT_NE(reference.find("| `" + f.key + "` |"), std::string::npos) << path;
               });
  EXPECT_GT(keys, 100) << "the walk should reach every block";
  // Every object of the declaration has a section in the reference.
  for (const auto& [name, def] : schema_json["$defs"].items()) {
    if (name.size() > 7 && name.substr(name.size() - 7) == "Overlay") continue;
    if (!def.contains("properties")) continue;
    EXPECT_NE(reference.find("` — " + name + "\n"), std::string::npos) << name;
  }
}

TEST(ScenarioDocsTest, GuideDescribesTheLanguage) {
  const std::string guide = test::read_file(test::source_path("docs/scenario-format.md"));
  const std::string hand_written = guide.substr(0, guide.find(kBegin));
  for (const char* topic : {"extends:", "null", "--set", "<--set 1>:1:", "did you mean",
                            "sandtable check", "sandtable show", "sandtable schema",
                            "yaml-language-server: $schema=", "sha256", "YYYY-MM-DD"}) {
    EXPECT_NE(hand_written.find(topic), std::string::npos) << "the guide should cover " << topic;
  }
  for (int code : {0, 1, 2, 3}) {
    EXPECT_NE(hand_written.find("| " + std::to_string(code) + " |"), std::string::npos)
        << "exit code " << code;
  }
}

}  // namespace
}  // namespace sandtable
