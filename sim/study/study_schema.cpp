// The one declaration of the study file format, and its JSON Schema.
#include "study/study_schema.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

namespace sandtable::study {

using schema::field;
using schema::Kind;
using schema::Registry;
using schema::Type;

namespace {

Type& build_design(Registry& r) {
  using S = DesignBlock;
  const auto method = schema::keep_enum<DesignMethod>(r, "DesignMethod", design_method_names());
  Type& t = r.keep(schema::object_type<S>("Design", "How the design points are chosen."));
  t.add(field("method", &S::method, method))
      .meaning(
          "grid: every combination; list: the rows of `points` (or values side by side); "
          "oat: one at a time around the base case (tornado); zip: values paired; lhs: "
          "Latin hypercube; sobol: quasi-random; morris: elementary-effect trajectories; "
          "saltelli: the sample for Sobol indices.");
  t.add(field("seed", &S::seed, schema::integer_type()))
      .at_least(0)
      .meaning(
          "Seed of sampled designs (lhs, sobol, morris, saltelli) and of the bootstrap; "
          "the same seed gives the same points.");
  t.add(field("samples", &S::samples, schema::integer_type()))
      .at_least(0)
      .in_unit("points")
      .meaning(
          "lhs and sobol: number of points; saltelli: base points (each gives k+2 runs); "
          "morris: trajectories (each gives k+1 runs).");
  t.add(field("levels", &S::levels, schema::integer_type()))
      .at_least(2)
      .at_most(1000)
      .meaning("morris: levels of the grid in each parameter's range (even).");
  t.add(field("points", &S::points, schema::string_type()))
      .meaning(
          "list: CSV file of design points, relative to this file; one column per "
          "parameter path, values written as in a scenario.");
  return t;
}

Type& build_analysis(Registry& r) {
  using S = AnalysisBlock;
  Type& t = r.keep(schema::object_type<S>("StudyAnalysis", "Settings of `sandtable analyze`."));
  t.add(field("bootstrap", &S::bootstrap, schema::integer_type()))
      .at_least(0)
      .at_most(100000)
      .meaning("Bootstrap resamples for the confidence intervals of Sobol indices (0: none).");
  t.add(field("confidence", &S::confidence, schema::number_type()))
      .above(0)
      .at_most(0.999)
      .meaning("Level of the confidence intervals.");
  return t;
}

Type& build_study(Registry& r) {
  using S = StudyFile;
  Type& t = r.keep(schema::object_type<S>("Study", "A Sandtable study: runs of one scenario."));
  t.add(field("name", &S::name, schema::string_type())).text_only().meaning("Title.");
  t.add(field("description", &S::description, schema::string_type()))
      .text_only()
      .meaning("What the study asks, in words.");
  t.add(field("scenario", &S::scenario, schema::string_type()))
      .require()
      .meaning("Base scenario file, relative to this file.");
  t.add(field("set", &S::set, schema::string_type()))
      .meaning(
          "Overrides applied to the base scenario before the sweep: a mapping of scenario "
          "paths to values, as --set.");
  t.add(field("parameters", &S::parameters, schema::string_type()))
      .meaning(
          "The parameters to vary: a mapping of scenario paths to values, written "
          "a,b,c | [a, b, c] | from:to:step | range(start, stop, step) | linspace(lo, hi, n) "
          "| interval(lo, hi) | lo..hi | reverse(...).");
  t.add(field("design", &S::design, build_design(r))).meaning("The design.");
  t.add(field("analysis", &S::analysis, build_analysis(r))).meaning("Analysis settings.");
  return t;
}

using Json = nlohmann::ordered_json;

Json json_value(const schema::Field& f) {
  switch (f.type->kind) {
    case Kind::kNumber:
      return Json{{"type", "number"}};
    case Kind::kInteger:
      return Json{{"type", "integer"}};
    case Kind::kBoolean:
      return Json{{"type", "boolean"}};
    case Kind::kEnum:
      return Json{{"enum", f.type->choices}};
    default:
      return Json{{"type", "string"}};
  }
}

Json json_object(const Type& t) {
  Json o;
  o["type"] = "object";
  o["description"] = t.doc;
  Json props = Json::object();
  Json required = Json::array();
  for (const schema::Field& f : t.fields) {
    Json j;
    if (f.type->kind == Kind::kObject) {
      j = json_object(*f.type);
    } else if (f.key == "parameters" || f.key == "set") {
      const Json scalar = Json{{"type", Json::array({"string", "number", "boolean"})}};
      Json item = scalar;
      if (f.key == "parameters") {
        item = Json{{"anyOf", Json::array({scalar, Json{{"type", "array"}, {"items", scalar}}})}};
      }
      j = Json{{"type", "object"}, {"additionalProperties", item}};
    } else {
      j = json_value(f);
      if (f.min) j[f.min_exclusive ? "exclusiveMinimum" : "minimum"] = *f.min;
      if (f.max) j["maximum"] = *f.max;
    }
    j["description"] = f.doc;
    props[f.key] = std::move(j);
    if (f.required) required.push_back(f.key);
  }
  o["properties"] = std::move(props);
  if (!required.empty()) o["required"] = std::move(required);
  o["additionalProperties"] = false;
  return o;
}

}  // namespace

const schema::Type& study_type() {
  static Registry registry;
  static const Type& root = build_study(registry);
  return root;
}

}  // namespace sandtable::study

namespace sandtable {

std::string study_json_schema() {
  using Json = nlohmann::ordered_json;
  Json doc = study::json_object(study::study_type());
  Json out;
  out["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  out["$id"] = "https://sandtable.invalid/schema/study.schema.json";
  out["title"] = "Sandtable study";
  out["description"] =
      "A Sandtable study file. Generated by `sandtable schema --study`; see docs/sweeps.md.";
  for (auto& [k, v] : doc.items()) {
    if (k != "description") out[k] = v;
  }
  return out.dump(2) + "\n";
}

}  // namespace sandtable
