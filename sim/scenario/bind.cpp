#include "scenario/bind.hpp"

#include <cmath>
#include <optional>

#include "util/text.hpp"

namespace sandtable::detail {

using schema::Field;
using schema::Kind;
using schema::Type;

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

namespace {

std::string unit_suffix(const Field& f) {
  if (f.unit.empty() || f.unit == "fraction" || f.unit == "multiplier") return {};
  return " (" + f.unit + ")";
}

std::string range_suffix(const Field& f) {
  const std::string r = f.range_text();
  if (r.empty()) return {};
  if (f.min && f.max) return " from " + r;
  return " " + r;
}

std::string describe_type(const Type& t) {
  switch (t.kind) {
    case Kind::kObject:
      return "a mapping (" + t.name + ")";
    case Kind::kMap:
      return "a mapping of named entries";
    case Kind::kList:
      return "a list";
    case Kind::kOptional:
      return describe_type(*t.item);
    default:
      return "a value";
  }
}

}  // namespace

std::string expected_text(const Field& f) {
  switch (f.type->kind) {
    case Kind::kNumber:
      if (f.min == 0.0 && f.max == 1.0 && !f.min_exclusive) {
        return "a fraction from 0 to 1" + unit_suffix(f);
      }
      return "a number" + unit_suffix(f) + range_suffix(f);
    case Kind::kInteger:
      return "a whole number" + unit_suffix(f) + range_suffix(f);
    case Kind::kBoolean:
      return "true or false";
    case Kind::kDate:
      return "a date written YYYY-MM-DD";
    case Kind::kString:
      return "a text";
    case Kind::kIdentifier:
      return "a name of lower-case letters, digits and '_'";
    case Kind::kEnum:
      return "one of " + util::join(f.type->choices, ", ");
    default:
      return describe_type(*f.type);
  }
}

std::string parse_scalar_into(const Field& f, const Node& node, void* out) {
  const std::string expected = expected_text(f);
  if (node.kind != Node::Kind::kScalar)
    return "expected " + expected + ", found " + node.describe();
  const std::string& text = node.text;
  const auto wrong = [&](const std::string& detail = {}) {
    return "expected " + expected + ", found " + node.describe() + detail;
  };
  const auto check_range = [&](double v) -> std::string {
    const bool low = f.min && (f.min_exclusive ? v <= *f.min : v < *f.min);
    const bool high = f.max && v > *f.max;
    if (low || high) return "expected " + expected + ", found " + util::format_double(v);
    return {};
  };
  switch (f.type->kind) {
    case Kind::kNumber: {
      const auto v = node.quoted ? std::nullopt : util::parse_double(text);
      if (!v) return wrong(node.quoted ? " (numbers are written without quotes)" : "");
      if (std::string e = check_range(*v); !e.empty()) return e;
      *static_cast<double*>(out) = *v;
      return {};
    }
    case Kind::kInteger: {
      const auto v = node.quoted ? std::nullopt : util::parse_integer(text);
      if (!v) {
        const auto d = node.quoted ? std::nullopt : util::parse_double(text);
        if (!d) return wrong(node.quoted ? " (numbers are written without quotes)" : "");
        if (*d != std::floor(*d)) return wrong(" (not a whole number)");
        // 100.0, 1e2 or a number too large for an integer.
        if (std::string e = check_range(*d); !e.empty()) return e;
        return wrong(" (write whole numbers without a decimal point or exponent)");
      }
      if (std::string e = check_range(static_cast<double>(*v)); !e.empty()) return e;
      *static_cast<int*>(out) = static_cast<int>(*v);
      return {};
    }
    case Kind::kBoolean: {
      if (!node.quoted && (text == "true" || text == "True" || text == "TRUE")) {
        *static_cast<bool*>(out) = true;
        return {};
      }
      if (!node.quoted && (text == "false" || text == "False" || text == "FALSE")) {
        *static_cast<bool*>(out) = false;
        return {};
      }
      return wrong();
    }
    case Kind::kDate: {
      const auto d = Date::parse(text);
      if (!d) {
        const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
        return wrong(shaped ? " (no such day in the calendar)" : "");
      }
      if (f.type->optional_storage) {
        *static_cast<std::optional<Date>*>(out) = *d;
      } else {
        *static_cast<Date*>(out) = *d;
      }
      return {};
    }
    case Kind::kString:
      *static_cast<std::string*>(out) = text;
      return {};
    case Kind::kIdentifier:
      if (!schema::is_identifier(text)) return wrong();
      *static_cast<std::string*>(out) = text;
      return {};
    case Kind::kEnum: {
      const auto& c = f.type->choices;
      for (std::size_t i = 0; i < c.size(); ++i) {
        if (c[i] == text) {
          *static_cast<int*>(out) = static_cast<int>(i);
          return {};
        }
      }
      return wrong();
    }
    default:
      return "internal: not a scalar field";
  }
}

namespace {

void bind_field(const Field& f, const Node& node, void* out, const std::string& path,
                const SourceLocation& key_where, Diagnostics& diags);

void bind_item_object(const Type& item, const Node& node, void* out, const std::string& path,
                      const SourceLocation& owner, Diagnostics& diags) {
  bind_object(item, node, out, path, owner, diags);
}

void bind_field(const Field& f, const Node& node, void* out, const std::string& path,
                const SourceLocation& key_where, Diagnostics& diags) {
  const Type& t = *f.type;
  switch (t.kind) {
    case Kind::kObject:
      bind_object(t, node, out, path, key_where, diags);
      return;
    case Kind::kOptional:
      if (!node.is_map()) {
        diags.add(node.where, path, "expected " + describe_type(t) + ", found " + node.describe());
        return;
      }
      bind_object(*t.item, node, t.emplace(out), path, key_where, diags);
      return;
    case Kind::kMap: {
      if (!node.is_map()) {
        diags.add(node.where, path, "expected " + describe_type(t) + ", found " + node.describe());
        return;
      }
      for (const Entry& e : node.entries) {
        const std::string item_path = child_path(path, e.key);
        if (!schema::is_identifier(e.key)) {
          diags.add(e.key_where, item_path,
                    "expected a name of lower-case letters, digits and '_' (starting with a "
                    "letter), found '" +
                        e.key + "'");
          continue;
        }
        void* item = t.append(out);
        *t.item_name(item) = e.key;
        bind_item_object(*t.item, e.value, item, item_path, e.key_where, diags);
      }
      t.sort_by_name(out);
      return;
    }
    case Kind::kList: {
      if (node.kind != Node::Kind::kSequence) {
        diags.add(node.where, path, "expected " + describe_type(t) + ", found " + node.describe());
        return;
      }
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        void* item = t.append(out);
        bind_item_object(*t.item, node.items[i], item, child_path(path, std::to_string(i)),
                         node.items[i].where, diags);
      }
      return;
    }
    default: {
      const std::string error = parse_scalar_into(f, node, out);
      if (!error.empty()) {
        std::string hint;
        if (t.kind == Kind::kEnum && node.kind == Node::Kind::kScalar) {
          if (auto m = util::closest_match(node.text, t.choices))
            hint = "did you mean '" + *m + "'?";
        }
        diags.add(node.is_null() ? key_where : node.where, path, error, hint);
      }
      return;
    }
  }
}

}  // namespace

void bind_object(const Type& type, const Node& node, void* out, const std::string& path,
                 const SourceLocation& owner, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.add(node.is_null() && owner.known() ? owner : node.where, path,
              "expected " + describe_type(type) + ", found " + node.describe());
    return;
  }
  for (const Entry& e : node.entries) {
    const Field* f = type.find(e.key);
    const std::string p = child_path(path, e.key);
    if (f == nullptr) {
      std::vector<std::string> keys = type.keys();
      if (path.empty()) keys.emplace_back("extends");  // resolved before binding
      diags.add(e.key_where, p, "unknown key", util::suggestion(e.key, keys));
      continue;
    }
    bind_field(*f, e.value, f->access(out), p, e.key_where, diags);
  }
  for (const Field& f : type.fields) {
    if (f.required && node.get(f.key) == nullptr) {
      diags.add(owner.known() ? owner : node.where, child_path(path, f.key),
                "missing required key (expected " + expected_text(f) + ")");
    }
  }
}

}  // namespace sandtable::detail
