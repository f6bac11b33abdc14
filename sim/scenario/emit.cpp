// Walks over a typed scenario through the schema: YAML output, flattening
// and the content hash.
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_schema.hpp"
#include "util/sha256.hpp"

namespace sandtable {

using schema::Field;
using schema::Kind;
using schema::Type;

using schema::is_scalar;

namespace {

bool present(const Field& f, const void* value) {
  if (f.type->kind == Kind::kOptional) return f.type->has(value);
  if (f.type->kind == Kind::kDate && f.type->optional_storage) {
    return static_cast<const std::optional<Date>*>(value)->has_value();
  }
  return true;
}

void* mut(const void* p) { return const_cast<void*>(p); }

class YamlWriter {
 public:
  std::string out;

  void object(const Type& t, const void* obj, int indent) {
    for (const Field& f : t.fields) {
      const void* v = f.access(mut(obj));
      if (!present(f, v)) continue;
      value(f, v, indent, f.key);
    }
  }

 private:
  void pad(int indent) { out.append(static_cast<std::size_t>(indent), ' '); }

  void value(const Field& f, const void* v, int indent, const std::string& key) {
    const Type& t = *f.type;
    pad(indent);
    out += key + ":";
    if (is_scalar(t.kind)) {
      out += " " + schema::scalar_text(f, v) + "\n";
      return;
    }
    switch (t.kind) {
      case Kind::kObject:
        out += "\n";
        object(t, v, indent + 2);
        return;
      case Kind::kOptional:
        out += "\n";
        object(*t.item, t.emplace(mut(v)), indent + 2);
        return;
      case Kind::kMap: {
        const std::size_t n = t.size(v);
        if (n == 0) {
          out += " {}\n";
          return;
        }
        out += "\n";
        for (std::size_t i = 0; i < n; ++i) {
          void* item = t.at(mut(v), i);
          pad(indent + 2);
          out += *t.item_name(item) + ":\n";
          object(*t.item, item, indent + 4);
        }
        return;
      }
      case Kind::kList: {
        const std::size_t n = t.size(v);
        if (n == 0) {
          out += " []\n";
          return;
        }
        out += "\n";
        for (std::size_t i = 0; i < n; ++i) {
          YamlWriter item;
          item.object(*t.item, t.at(mut(v), i), 0);
          // First line after "- ", the rest indented to line up.
          std::size_t pos = 0;
          bool first = true;
          while (pos < item.out.size()) {
            const std::size_t end = item.out.find('\n', pos);
            pad(indent + 2);
            out += first ? "- " : "  ";
            out.append(item.out, pos, end - pos);
            out += "\n";
            first = false;
            pos = end + 1;
          }
        }
        return;
      }
      default:
        return;
    }
  }
};

void flatten_object(const Type& t, const void* obj, const std::string& prefix, bool descriptive,
                    std::vector<std::pair<std::string, std::string>>& out) {
  for (const Field& f : t.fields) {
    if (f.descriptive && !descriptive) continue;
    const void* v = f.access(mut(obj));
    if (!present(f, v)) continue;
    const std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
    const Type& ft = *f.type;
    if (is_scalar(ft.kind)) {
      out.emplace_back(path, schema::scalar_text(f, v));
      continue;
    }
    switch (ft.kind) {
      case Kind::kObject:
        flatten_object(ft, v, path, descriptive, out);
        break;
      case Kind::kOptional:
        flatten_object(*ft.item, ft.emplace(mut(v)), path, descriptive, out);
        break;
      case Kind::kMap:
        for (std::size_t i = 0; i < ft.size(v); ++i) {
          void* item = ft.at(mut(v), i);
          flatten_object(*ft.item, item, path + "." + *ft.item_name(item), descriptive, out);
        }
        break;
      case Kind::kList:
        for (std::size_t i = 0; i < ft.size(v); ++i) {
          flatten_object(*ft.item, ft.at(mut(v), i), path + "." + std::to_string(i), descriptive,
                         out);
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::string to_yaml(const Scenario& scenario) {
  YamlWriter w;
  w.object(schema::scenario_type(), &scenario, 0);
  return w.out;
}

std::vector<std::pair<std::string, std::string>> flatten(const Scenario& scenario,
                                                         bool include_descriptive) {
  std::vector<std::pair<std::string, std::string>> out;
  flatten_object(schema::scenario_type(), &scenario, "", include_descriptive, out);
  return out;
}

std::string scenario_canonical_text(const Scenario& scenario) {
  std::string canonical = "sandtable-scenario-v1\n";
  for (const auto& [path, value] : flatten(scenario, false)) {
    canonical += path;
    canonical += '=';
    canonical += value;
    canonical += '\n';
  }
  return canonical;
}

std::string scenario_hash(const Scenario& scenario) {
  return util::sha256_hex(scenario_canonical_text(scenario));
}

}  // namespace sandtable
