#include "scenario/schema.hpp"

#include "util/text.hpp"

namespace sandtable::schema {
namespace {

std::unique_ptr<Type> scalar(Kind kind, std::string name) {
  auto t = std::make_unique<Type>();
  t->kind = kind;
  t->name = std::move(name);
  return t;
}

}  // namespace

Typed<double> number_type() {
  static const auto t = scalar(Kind::kNumber, "number");
  return {t.get()};
}
Typed<int> integer_type() {
  static const auto t = scalar(Kind::kInteger, "integer");
  return {t.get()};
}
Typed<bool> boolean_type() {
  static const auto t = scalar(Kind::kBoolean, "boolean");
  return {t.get()};
}
Typed<Date> date_type() {
  static const auto t = scalar(Kind::kDate, "date");
  return {t.get()};
}
Typed<std::optional<Date>> optional_date_type() {
  static const auto t = [] {
    auto d = scalar(Kind::kDate, "date");
    d->optional_storage = true;
    return d;
  }();
  return {t.get()};
}
Typed<std::string> string_type() {
  static const auto t = scalar(Kind::kString, "string");
  return {t.get()};
}
Typed<std::string> identifier_type() {
  static const auto t = scalar(Kind::kIdentifier, "identifier");
  return {t.get()};
}

const Field* Type::find(std::string_view key) const {
  for (const Field& f : fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

std::vector<std::string> Type::keys() const {
  std::vector<std::string> out;
  out.reserve(fields.size());
  for (const Field& f : fields) out.push_back(f.key);
  return out;
}

std::string Field::range_text() const {
  const auto num = [](double v) { return util::format_double(v); };
  if (min && max) return num(*min) + " to " + num(*max);
  if (min) return (min_exclusive ? "> " : ">= ") + num(*min);
  if (max) return "<= " + num(*max);
  return {};
}

bool is_identifier(std::string_view text) {
  if (text.empty() || text.size() > 64 || text[0] < 'a' || text[0] > 'z') return false;
  for (char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          // Other control characters may not appear raw in YAML text.
          static constexpr char kHex[] = "0123456789ABCDEF";
          const auto u = static_cast<unsigned char>(c);
          out += "\\x";
          out.push_back(kHex[u >> 4]);
          out.push_back(kHex[u & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string scalar_text(const Field& field, const void* value) {
  switch (field.type->kind) {
    case Kind::kNumber:
      return util::format_double(*static_cast<const double*>(value));
    case Kind::kInteger:
      return std::to_string(*static_cast<const int*>(value));
    case Kind::kBoolean:
      return *static_cast<const bool*>(value) ? "true" : "false";
    case Kind::kDate:
      if (field.type->optional_storage) {
        const auto& o = *static_cast<const std::optional<Date>*>(value);
        return o ? o->to_string() : std::string();
      }
      return static_cast<const Date*>(value)->to_string();
    case Kind::kString:
      return quote(*static_cast<const std::string*>(value));
    case Kind::kIdentifier:
      return *static_cast<const std::string*>(value);
    case Kind::kEnum: {
      const int i = *static_cast<const int*>(value);
      const auto& c = field.type->choices;
      return i >= 0 && static_cast<std::size_t>(i) < c.size() ? c[static_cast<std::size_t>(i)]
                                                              : "?";
    }
    default:
      return {};
  }
}

bool is_scalar(Kind k) {
  return k != Kind::kObject && k != Kind::kMap && k != Kind::kList && k != Kind::kOptional;
}

void assign_scalar(const Field& field, void* dst, const void* src) {
  switch (field.type->kind) {
    case Kind::kNumber:
      *static_cast<double*>(dst) = *static_cast<const double*>(src);
      return;
    case Kind::kInteger:
    case Kind::kEnum:
      *static_cast<int*>(dst) = *static_cast<const int*>(src);
      return;
    case Kind::kBoolean:
      *static_cast<bool*>(dst) = *static_cast<const bool*>(src);
      return;
    case Kind::kDate:
      if (field.type->optional_storage) {
        *static_cast<std::optional<Date>*>(dst) = *static_cast<const std::optional<Date>*>(src);
      } else {
        *static_cast<Date*>(dst) = *static_cast<const Date*>(src);
      }
      return;
    case Kind::kString:
    case Kind::kIdentifier:
      *static_cast<std::string*>(dst) = *static_cast<const std::string*>(src);
      return;
    default:
      return;
  }
}

}  // namespace sandtable::schema
