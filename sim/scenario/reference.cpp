// The JSON Schema and the Markdown key reference, both generated from the
// declared schema.
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sandtable/load.hpp"
#include "scenario/scenario_schema.hpp"
#include "util/text.hpp"

namespace sandtable {

using Json = nlohmann::ordered_json;
using schema::Field;
using schema::Kind;
using schema::Type;

namespace {

constexpr const char* kIdentifierPattern = "^[a-z][a-z0-9_]*$";

std::string field_description(const Field& f) {
  std::string d = f.doc;
  if (!f.unit.empty()) d += " Unit: " + f.unit + ".";
  if (!f.source.empty()) d += " Source: " + f.source + ".";
  return d;
}

// Default value of a scalar field as text, from a default-constructed parent.
std::string default_text(const Type& parent, const Field& f) {
  if (!f.default_text.empty()) return f.default_text;
  if (f.required) return {};
  std::string text;
  parent.with_default([&](const void* obj) {
    const void* v = f.access(const_cast<void*>(obj));
    switch (f.type->kind) {
      case Kind::kObject:
        text = "(see " + f.type->name + ")";
        break;
      case Kind::kOptional:
        text = "absent";
        break;
      case Kind::kMap:
        text = "{}";
        break;
      case Kind::kList:
        text = "[]";
        break;
      default:
        text = schema::scalar_text(f, v);
    }
  });
  return text;
}

class SchemaWriter {
 public:
  explicit SchemaWriter(bool overlay) : overlay_(overlay) {}

  Json ref(const Type& t) {
    const std::string name = def_name(t);
    if (!defs_.contains(name)) {
      defs_[name] = Json::object();  // reserve first: types may be shared
      defs_[name] = object(t);
    }
    return Json{{"$ref", "#/$defs/" + name}};
  }

  Json take_defs() { return std::move(defs_); }

 private:
  std::string def_name(const Type& t) const { return overlay_ ? t.name + "Overlay" : t.name; }

  Json object(const Type& t) {
    Json o;
    o["type"] = "object";
    o["description"] = t.doc;
    Json props = Json::object();
    Json required = Json::array();
    for (const Field& f : t.fields) {
      props[f.key] = field(f);
      if (f.required && !overlay_) required.push_back(f.key);
    }
    o["properties"] = std::move(props);
    if (!required.empty()) o["required"] = std::move(required);
    o["additionalProperties"] = false;
    return o;
  }

  Json field(const Field& f) {
    const auto add_range = [&f](Json& j) {
      if (f.type->kind != Kind::kNumber && f.type->kind != Kind::kInteger) return;
      if (f.min) j[f.min_exclusive ? "exclusiveMinimum" : "minimum"] = *f.min;
      if (f.max) j["maximum"] = *f.max;
    };
    Json j = value(*f.type);
    if (overlay_) {
      // In an overlay, `key: null` removes the inherited entry.
      add_range(j);
      return Json{{"description", field_description(f)},
                  {"anyOf", Json::array({j, Json{{"type", "null"}}})}};
    }
    if (f.type->kind == Kind::kObject || f.type->kind == Kind::kOptional) {
      return Json{{"description", field_description(f)}, {"allOf", Json::array({j})}};
    }
    j["description"] = field_description(f);
    add_range(j);
    return j;
  }

  Json value(const Type& t) {
    switch (t.kind) {
      case Kind::kNumber:
        return Json{{"type", "number"}};
      case Kind::kInteger:
        return Json{{"type", "integer"}};
      case Kind::kBoolean:
        return Json{{"type", "boolean"}};
      case Kind::kDate:
        return Json{{"type", "string"}, {"format", "date"}, {"pattern", "^\\d{4}-\\d{2}-\\d{2}$"}};
      case Kind::kString:
        return Json{{"type", "string"}};
      case Kind::kIdentifier:
        return Json{{"type", "string"}, {"pattern", kIdentifierPattern}};
      case Kind::kEnum:
        return Json{{"enum", t.choices}};
      case Kind::kObject:
        return ref(t);
      case Kind::kOptional:
        return ref(*t.item);
      case Kind::kList:
        return Json{{"type", "array"}, {"items", value(*t.item)}};
      case Kind::kMap: {
        Json item = value(*t.item);
        if (overlay_) item = Json{{"anyOf", Json::array({item, Json{{"type", "null"}}})}};
        return Json{{"type", "object"},
                    {"propertyNames", Json{{"pattern", kIdentifierPattern}}},
                    {"additionalProperties", item}};
      }
    }
    return Json::object();
  }

  bool overlay_;
  Json defs_ = Json::object();
};

}  // namespace

std::string scenario_json_schema() {
  const Type& root = schema::scenario_type();
  SchemaWriter full(false);
  SchemaWriter overlay(true);
  const Json full_ref = full.ref(root);
  const Json overlay_ref = overlay.ref(root);
  Json defs = full.take_defs();
  // Keep the overlay's $defs alive while iterating: items() of a temporary dangles.
  const Json overlay_defs = overlay.take_defs();
  for (const auto& [k, v] : overlay_defs.items()) defs[k] = v;
  // `extends` is allowed at the top of every file; an overlay need not repeat required keys.
  for (const char* name : {"Scenario", "ScenarioOverlay"}) {
    defs[name]["properties"]["extends"] =
        Json{{"type", "string"},
             {"description",
              "Path of the scenario this file overlays, relative to this file. Maps "
              "merge deeply; lists and scalars replace; null removes an entry."}};
  }
  // `uncertainty` is read before binding (its keys are key paths): declared here.
  const Json uncertainty = {
      {"type", "object"},
      {"description",
       "Uncertain assumptions for ensembles and decisions (docs/uncertainty.md): key paths of "
       "scalar assumptions mapped to distributions such as \"pert(1000, 1500, 2000)\"; a run "
       "uses the written values. Overlays merge it key by key."},
      {"patternProperties",
       {{"^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$",
         {{"type", "string"},
          {"pattern", "^[a-z_]+\\s*\\(.*\\)$"},
          {"description", "uniform, triangular, pert, normal, lognormal or choice"}}}}},
      {"properties",
       {{"correlations",
         {{"type", "array"},
          {"description", "Rank correlations between assumptions of this block."},
          {"items",
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", Json::array({"between", "rank"})},
            {"properties",
             {{"between",
               {{"type", "array"},
                {"items", {{"type", "string"}}},
                {"minItems", 2},
                {"maxItems", 2}}},
              {"rank", {{"type", "number"}, {"minimum", -1}, {"maximum", 1}}}}}}}}}}},
      {"additionalProperties", false}};
  for (const char* name : {"Scenario", "ScenarioOverlay"}) {
    defs[name]["properties"]["uncertainty"] = uncertainty;
  }
  Json doc;
  doc["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  doc["$id"] = "https://sandtable.invalid/schema/scenario.schema.json";
  doc["title"] = "Sandtable scenario";
  doc["description"] =
      "A Sandtable scenario file. Generated by `sandtable schema`; see docs/scenario-format.md.";
  doc["if"] = Json{{"required", Json::array({"extends"})}};
  doc["then"] = overlay_ref;
  doc["else"] = full_ref;
  doc["$defs"] = std::move(defs);
  return doc.dump(2) + "\n";
}

namespace {

std::string type_name(const Field& f) {
  switch (f.type->kind) {
    case Kind::kNumber:
      return "number";
    case Kind::kInteger:
      return "integer";
    case Kind::kBoolean:
      return "boolean";
    case Kind::kDate:
      return "date";
    case Kind::kString:
      return "text";
    case Kind::kIdentifier:
      return "name";
    case Kind::kEnum:
      return util::join(f.type->choices, " \\| ");
    case Kind::kObject:
      return "mapping";
    case Kind::kOptional:
      return "mapping, optional";
    case Kind::kMap:
      return "map of " + f.type->item->name;
    case Kind::kList:
      return "list of " + f.type->item->name;
  }
  return {};
}

std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

void reference_section(const Type& t, const std::string& path, std::set<const Type*>& seen,
                       std::string& out) {
  if (!seen.insert(&t).second) return;
  out += "### `" + (path.empty() ? std::string("(top level)") : path) + "` — " + t.name + "\n\n";
  out += t.doc + "\n\n";
  out += "| key | type | unit | default | range | meaning | source |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const Field& f : t.fields) {
    std::string def = f.required ? "**required**" : "`" + default_text(t, f) + "`";
    out += "| `" + f.key + "` | " + cell(type_name(f)) + " | " + cell(f.unit) + " | " + def +
           " | " + cell(f.range_text()) + " | " + cell(f.doc) + " | " + cell(f.source) + " |\n";
  }
  out += "\n";
  for (const Field& f : t.fields) {
    const std::string p = path.empty() ? f.key : path + "." + f.key;
    const Type& ft = *f.type;
    switch (ft.kind) {
      case Kind::kObject:
        reference_section(ft, p, seen, out);
        break;
      case Kind::kOptional:
        reference_section(*ft.item, p, seen, out);
        break;
      case Kind::kMap:
        reference_section(*ft.item, p + ".<name>", seen, out);
        break;
      case Kind::kList:
        reference_section(*ft.item, p + "[]", seen, out);
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string scenario_reference_markdown() {
  std::string out;
  std::set<const Type*> seen;
  reference_section(schema::scenario_type(), "", seen, out);
  out +=
      "### `uncertainty` — Uncertainty\n\n"
      "Uncertain assumptions, for `sandtable ensemble`, `compare --ensemble` and `decide` "
      "(docs/uncertainty.md). A run uses the values written in the scenario.\n\n"
      "| key | type | meaning |\n"
      "|---|---|---|\n"
      "| `<key.path>` | distribution | Any scalar assumption, by its key path "
      "(`adversary.fighters`), mapped to `uniform(lo, hi)`, `triangular(lo, mode, hi)`, "
      "`pert(lo, mode, hi)`, `normal(mean, sd)`, `lognormal(median, factor)` or "
      "`choice(a: w, b: w)`, written in the key's unit; truncated to the key's range. |\n"
      "| `correlations` | list of {`between`: [path, path], `rank`: -1 to 1} | Rank "
      "correlations between assumptions of the block (Iman-Conover). |\n\n";
  return out;
}

}  // namespace sandtable
