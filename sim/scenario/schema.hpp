// The declared schema: each scenario key is declared once, with its type,
// unit, range, meaning and source, and bound to the field of the typed
// structure that stores it. Parsing, `--set`, range checks, YAML output,
// flattening, hashing, the JSON Schema and the Markdown reference are all
// walks over this one declaration.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sandtable/date.hpp"

namespace sandtable::schema {

enum class Kind {
  kNumber,      // double
  kInteger,     // int
  kBoolean,     // bool
  kDate,        // sandtable::Date
  kString,      // std::string, free text
  kIdentifier,  // std::string, [a-z][a-z0-9_]*
  kEnum,        // an enum class stored as int
  kObject,      // a struct with declared fields
  kMap,         // std::vector<T> of named items (T::name), keyed by name
  kList,        // std::vector<T>
  kOptional,    // std::optional<T> of an object
};

struct Type;

struct Field {
  std::string key;
  const Type* type = nullptr;
  bool required = false;
  bool descriptive = false;  // free text that does not affect the model
  std::string unit;
  std::string doc;
  std::string source;
  std::optional<double> min;
  std::optional<double> max;
  bool min_exclusive = false;
  std::function<void*(void*)> access;  // parent object -> field storage
  std::string default_text;            // shown in docs instead of the stored default

  Field& require() {
    required = true;
    return *this;
  }
  Field& text_only() {
    descriptive = true;
    return *this;
  }
  Field& in_unit(std::string u) {
    unit = std::move(u);
    return *this;
  }
  Field& meaning(std::string d) {
    doc = std::move(d);
    return *this;
  }
  Field& cite(std::string s) {
    source = std::move(s);
    return *this;
  }
  Field& at_least(double v) {
    min = v;
    return *this;
  }
  Field& above(double v) {
    min = v;
    min_exclusive = true;
    return *this;
  }
  Field& at_most(double v) {
    max = v;
    return *this;
  }
  Field& fraction() {
    min = 0.0;
    max = 1.0;
    return *this;
  }
  Field& defaults_to(std::string t) {
    default_text = std::move(t);
    return *this;
  }

  [[nodiscard]] std::string range_text() const;  // "0 to 1", "> 0", "" when unbounded
};

struct Type {
  Kind kind = Kind::kObject;
  std::string name;  // objects and enums: the name used in the JSON Schema $defs
  std::string doc;
  std::vector<Field> fields;         // kObject
  const Type* item = nullptr;        // kMap, kList, kOptional
  std::vector<std::string> choices;  // kEnum, in enumerator order
  bool optional_storage = false;     // kDate stored as std::optional<Date>

  // Container operations, type-erased (kMap, kList).
  std::function<std::size_t(const void*)> size;
  std::function<void*(void*, std::size_t)> at;
  std::function<void*(void*)> append;            // appends a default item, returns it
  std::function<std::string*(void*)> item_name;  // kMap: the item's name field
  std::function<void(void*)> sort_by_name;       // kMap
  // Optional operations (kOptional).
  std::function<bool(const void*)> has;
  std::function<void*(void*)> emplace;            // makes it present (default), returns the value
  std::function<void(void*, std::size_t)> erase;  // kMap, kList: removes item i
  std::function<void(void*)> clear;               // kOptional: makes it absent
  // Objects and containers: copy-assigns the whole value (dst, src).
  std::function<void(void*, const void*)> assign;
  // Objects: calls the visitor with a default-constructed instance.
  std::function<void(const std::function<void(const void*)>&)> with_default;

  [[nodiscard]] const Field* find(std::string_view key) const;
  [[nodiscard]] std::vector<std::string> keys() const;
  Field& add(Field f) {
    fields.push_back(std::move(f));
    return fields.back();
  }
};

// ---- Building the declaration -------------------------------------------

// Owns every Type of a declaration so that Field::type pointers stay valid.
class Registry {
 public:
  Type& keep(std::unique_ptr<Type> t) {
    Type& ref = *t;
    owned_.push_back(std::move(t));
    return ref;
  }

 private:
  std::vector<std::unique_ptr<Type>> owned_;
};

// A declared kind together with the C++ type that stores it, so that
// field() can check at compile time that a member is stored as its kind
// says (a double declared as an integer would otherwise be written as an
// int and corrupt memory).
template <class T>
struct Typed {
  const Type* type = nullptr;
  operator const Type&() const { return *type; }  // NOLINT: used where any Type is wanted
};

Typed<double> number_type();
Typed<int> integer_type();
Typed<bool> boolean_type();
Typed<Date> date_type();
Typed<std::optional<Date>> optional_date_type();  // unset until defaulted
Typed<std::string> string_type();
Typed<std::string> identifier_type();

template <class M>
inline constexpr bool kScalarStorage =
    std::is_arithmetic_v<M> || std::is_enum_v<M> || std::is_same_v<M, std::string> ||
    std::is_same_v<M, Date> || std::is_same_v<M, std::optional<Date>>;

// A field of a container or object type (kObject, kMap, kList, kOptional).
template <class S, class M>
Field field(std::string key, M S::*member, const Type& type) {
  static_assert(!kScalarStorage<M>,
                "a scalar field takes its typed kind: number_type(), integer_type(), ..., or "
                "keep_enum<E>() for an enum");
  Field f;
  f.key = std::move(key);
  f.type = &type;
  f.access = [member](void* parent) -> void* {
    return static_cast<void*>(&(static_cast<S*>(parent)->*member));
  };
  return f;
}

// A scalar field: its C++ type must be the one its kind is stored as.
template <class S, class M, class T>
Field field(std::string key, M S::*member, Typed<T> type) {
  static_assert(std::is_same_v<M, T>,
                "the field's C++ type is not the one its declared kind stores");
  Field f;
  f.key = std::move(key);
  f.type = type.type;
  f.access = [member](void* parent) -> void* {
    return static_cast<void*>(&(static_cast<S*>(parent)->*member));
  };
  return f;
}

template <class T>
std::unique_ptr<Type> object_type(std::string name, std::string doc) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::kObject;
  t->name = std::move(name);
  t->doc = std::move(doc);
  t->with_default = [](const std::function<void(const void*)>& visit) {
    const T value{};
    visit(&value);
  };
  t->assign = [](void* dst, const void* src) {
    *static_cast<T*>(dst) = *static_cast<const T*>(src);
  };
  return t;
}

template <class E>
std::unique_ptr<Type> enum_type(std::string name, std::vector<std::string> choices) {
  static_assert(std::is_same_v<std::underlying_type_t<E>, int>, "enums are stored as int");
  auto t = std::make_unique<Type>();
  t->kind = Kind::kEnum;
  t->name = std::move(name);
  t->choices = std::move(choices);
  return t;
}

// An enum kind kept by `r`, typed for field().
template <class E>
Typed<E> keep_enum(Registry& r, std::string name, std::vector<std::string> choices) {
  return {&r.keep(enum_type<E>(std::move(name), std::move(choices)))};
}

template <class T>
std::unique_ptr<Type> list_type(const Type& item) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::kList;
  t->item = &item;
  t->size = [](const void* v) { return static_cast<const std::vector<T>*>(v)->size(); };
  t->at = [](void* v, std::size_t i) -> void* { return &(*static_cast<std::vector<T>*>(v))[i]; };
  t->append = [](void* v) -> void* { return &static_cast<std::vector<T>*>(v)->emplace_back(); };
  t->erase = [](void* v, std::size_t i) {
    auto& items = *static_cast<std::vector<T>*>(v);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
  };
  t->assign = [](void* dst, const void* src) {
    *static_cast<std::vector<T>*>(dst) = *static_cast<const std::vector<T>*>(src);
  };
  return t;
}

template <class T>
std::unique_ptr<Type> map_type(const Type& item) {
  auto t = list_type<T>(item);
  t->kind = Kind::kMap;
  t->item_name = [](void* v) { return &static_cast<T*>(v)->name; };
  t->sort_by_name = [](void* v) {
    auto& items = *static_cast<std::vector<T>*>(v);
    std::stable_sort(items.begin(), items.end(),
                     [](const T& a, const T& b) { return a.name < b.name; });
  };
  return t;
}

template <class T>
std::unique_ptr<Type> optional_type(const Type& inner) {
  auto t = std::make_unique<Type>();
  t->kind = Kind::kOptional;
  t->item = &inner;
  t->has = [](const void* v) { return static_cast<const std::optional<T>*>(v)->has_value(); };
  t->emplace = [](void* v) -> void* {
    auto& o = *static_cast<std::optional<T>*>(v);
    if (!o) o.emplace();
    return &*o;
  };
  t->clear = [](void* v) { static_cast<std::optional<T>*>(v)->reset(); };
  t->assign = [](void* dst, const void* src) {
    *static_cast<std::optional<T>*>(dst) = *static_cast<const std::optional<T>*>(src);
  };
  return t;
}

// ---- Walks over the declaration -----------------------------------------

// Text of a scalar value as it appears in YAML output ("20000", "0.35",
// "2015-02-01", "square", "true", "\"quoted text\"").
std::string scalar_text(const Field& field, const void* value);

// Copies a scalar value of `field`'s type from `src` to `dst`.
void assign_scalar(const Field& field, void* dst, const void* src);

// Whether the kind is a scalar (not an object, map, list or optional).
bool is_scalar(Kind kind);

// Whether the identifier is a valid map key / identifier value.
bool is_identifier(std::string_view text);

}  // namespace sandtable::schema
