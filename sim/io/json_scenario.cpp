#include "io/json_scenario.hpp"

#include "scenario/scenario_schema.hpp"

namespace sandtable::io {

using Json = nlohmann::ordered_json;
using schema::Field;
using schema::Kind;
using schema::Type;

namespace {

void* mut(const void* p) { return const_cast<void*>(p); }

Json object_json(const Type& t, const void* obj);

Json value_json(const Field& f, const void* v) {
  const Type& t = *f.type;
  switch (t.kind) {
    case Kind::kNumber:
      return *static_cast<const double*>(v);
    case Kind::kInteger:
      return *static_cast<const int*>(v);
    case Kind::kBoolean:
      return *static_cast<const bool*>(v);
    case Kind::kString:
    case Kind::kIdentifier:
      return *static_cast<const std::string*>(v);
    case Kind::kDate:
    case Kind::kEnum:
      return schema::scalar_text(f, v);
    case Kind::kObject:
      return object_json(t, v);
    case Kind::kOptional:
      return object_json(*t.item, t.emplace(mut(v)));
    case Kind::kMap: {
      Json m = Json::object();
      for (std::size_t i = 0; i < t.size(v); ++i) {
        void* item = t.at(mut(v), i);
        m[*t.item_name(item)] = object_json(*t.item, item);
      }
      return m;
    }
    case Kind::kList: {
      Json a = Json::array();
      for (std::size_t i = 0; i < t.size(v); ++i)
        a.push_back(object_json(*t.item, t.at(mut(v), i)));
      return a;
    }
  }
  return nullptr;
}

Json object_json(const Type& t, const void* obj) {
  Json o = Json::object();
  for (const Field& f : t.fields) {
    const void* v = f.access(mut(obj));
    if (f.type->kind == Kind::kOptional && !f.type->has(v)) continue;
    if (f.type->kind == Kind::kDate && f.type->optional_storage &&
        !static_cast<const std::optional<Date>*>(v)->has_value()) {
      continue;
    }
    o[f.key] = value_json(f, v);
  }
  return o;
}

}  // namespace

Json scenario_json(const Scenario& scenario) {
  return object_json(schema::scenario_type(), &scenario);
}

}  // namespace sandtable::io
