// Typed access to scenario values by dotted path, differences between two
// scenarios, and copying one difference across: walks over the schema.
#include "sandtable/parameters.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "scenario/bind.hpp"
#include "scenario/scenario_schema.hpp"
#include "util/text.hpp"

namespace sandtable {

using schema::Field;
using schema::Kind;
using schema::Type;

namespace {

void* mut(const void* p) { return const_cast<void*>(p); }

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<std::size_t> map_index(const Type& map, const void* container,
                                     const std::string& name) {
  for (std::size_t i = 0; i < map.size(container); ++i) {
    if (*map.item_name(map.at(mut(container), i)) == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> map_names(const Type& map, const void* container) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < map.size(container); ++i)
    names.push_back(*map.item_name(map.at(mut(container), i)));
  return names;
}

// Where a path ends: a field of an object, or an item of a map or list.
struct Target {
  enum Kind { kField, kMapItem, kListItem } kind = kField;
  const Field* field = nullptr;  // kField: the field; items: the container's field
  void* storage = nullptr;       // kField: the field's storage; items: the container
  std::size_t index = 0;         // items: index (kMapItem: may be absent)
  bool present = true;           // kMapItem: whether the entry exists
  std::string name;              // kMapItem
};

// Walks `path` through `root`. Fails with a message naming the first segment
// that does not resolve. Map entries missing at the last segment are allowed.
std::optional<Target> walk(void* root, const std::string& path, std::string& error_path,
                           std::string& error, std::string& hint) {
  const std::vector<std::string> segs = split(path);
  const Type* type = &schema::scenario_type();
  void* obj = root;
  std::string walked;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    const std::string& seg = segs[k];
    walked = detail::child_path(walked, seg);
    const Field* f = type->find(seg);
    if (f == nullptr) {
      error_path = walked;
      error = "unknown key";
      hint = util::suggestion(seg, type->keys());
      return std::nullopt;
    }
    void* storage = f->access(obj);
    const bool last = k + 1 == segs.size();
    if (last) return Target{Target::kField, f, storage, 0, true, {}};
    const Type& ft = *f->type;
    switch (ft.kind) {
      case Kind::kObject:
        type = &ft;
        obj = storage;
        break;
      case Kind::kOptional:
        if (!ft.has(storage)) {
          error_path = walked;
          error = "the scenario has no '" + seg + "' block";
          return std::nullopt;
        }
        type = ft.item;
        obj = ft.emplace(storage);
        break;
      case Kind::kMap:
      case Kind::kList: {
        const std::string& item = segs[++k];
        walked = detail::child_path(walked, item);
        std::size_t index = 0;
        if (ft.kind == Kind::kMap) {
          const auto i = map_index(ft, storage, item);
          if (!i) {
            if (k + 1 == segs.size()) return Target{Target::kMapItem, f, storage, 0, false, item};
            error_path = walked;
            error = "no entry named '" + item + "'";
            hint = util::suggestion(item, map_names(ft, storage));
            return std::nullopt;
          }
          index = *i;
        } else {
          if (!is_index(item) || std::stoul(item) >= ft.size(storage)) {
            error_path = walked;
            error = "expected an index from 0 to " +
                    std::to_string(static_cast<long>(ft.size(storage)) - 1) + ", found '" + item +
                    "'";
            return std::nullopt;
          }
          index = std::stoul(item);
        }
        if (k + 1 == segs.size()) {
          return Target{ft.kind == Kind::kMap ? Target::kMapItem : Target::kListItem,
                        f,
                        storage,
                        index,
                        true,
                        item};
        }
        type = ft.item;
        obj = ft.at(storage, index);
        break;
      }
      default:
        error_path = walked;
        error = "is a single value, it has no '" + segs[k + 1] + "'";
        return std::nullopt;
    }
  }
  error_path = path;
  error = "empty path";
  return std::nullopt;
}

ParameterKind kind_of(const Field& f) {
  switch (f.type->kind) {
    case Kind::kNumber:
      return ParameterKind::kNumber;
    case Kind::kInteger:
      return ParameterKind::kInteger;
    case Kind::kBoolean:
      return ParameterKind::kBoolean;
    case Kind::kDate:
      return ParameterKind::kDate;
    case Kind::kEnum:
      return ParameterKind::kChoice;
    default:
      return ParameterKind::kText;
  }
}

std::string flow_text(const Type& t, const void* obj);

std::string field_flow(const Field& f, const void* v) {
  const Type& t = *f.type;
  if (schema::is_scalar(t.kind)) return schema::scalar_text(f, v);
  switch (t.kind) {
    case Kind::kObject:
      return flow_text(t, v);
    case Kind::kOptional:
      return t.has(v) ? flow_text(*t.item, t.emplace(mut(v))) : "(absent)";
    case Kind::kList:
    case Kind::kMap: {
      std::string out = t.kind == Kind::kList ? "[" : "{";
      for (std::size_t i = 0; i < t.size(v); ++i) {
        if (i > 0) out += ", ";
        void* item = t.at(mut(v), i);
        if (t.kind == Kind::kMap) out += *t.item_name(item) + ": ";
        out += flow_text(*t.item, item);
      }
      return out + (t.kind == Kind::kList ? "]" : "}");
    }
    default:
      return {};
  }
}

std::string flow_text(const Type& t, const void* obj) {
  std::string out = "{";
  bool first = true;
  for (const Field& f : t.fields) {
    if (f.descriptive) continue;
    const void* v = f.access(mut(obj));
    if (f.type->kind == Kind::kOptional && !f.type->has(v)) continue;
    if (f.type->kind == Kind::kDate && f.type->optional_storage &&
        !static_cast<const std::optional<Date>*>(v)->has_value()) {
      continue;
    }
    out += (first ? "" : ", ") + f.key + ": " + field_flow(f, v);
    first = false;
  }
  return out + "}";
}

void diff_object(const Type& t, const void* a, const void* b, const std::string& prefix,
                 std::vector<std::string>& out) {
  for (const Field& f : t.fields) {
    if (f.descriptive) continue;
    const void* va = f.access(mut(a));
    const void* vb = f.access(mut(b));
    const std::string path = detail::child_path(prefix, f.key);
    const Type& ft = *f.type;
    if (schema::is_scalar(ft.kind)) {
      if (schema::scalar_text(f, va) != schema::scalar_text(f, vb)) out.push_back(path);
      continue;
    }
    switch (ft.kind) {
      case Kind::kObject:
        diff_object(ft, va, vb, path, out);
        break;
      case Kind::kOptional:
        if (ft.has(va) && ft.has(vb)) {
          diff_object(*ft.item, ft.emplace(mut(va)), ft.emplace(mut(vb)), path, out);
        } else if (ft.has(va) != ft.has(vb)) {
          out.push_back(path);
        }
        break;
      case Kind::kList:
        if (ft.size(va) != ft.size(vb)) {
          out.push_back(path);
        } else {
          for (std::size_t i = 0; i < ft.size(va); ++i) {
            diff_object(*ft.item, ft.at(mut(va), i), ft.at(mut(vb), i),
                        detail::child_path(path, std::to_string(i)), out);
          }
        }
        break;
      case Kind::kMap: {
        std::set<std::string> names;
        for (const std::string& n : map_names(ft, va)) names.insert(n);
        for (const std::string& n : map_names(ft, vb)) names.insert(n);
        for (const std::string& n : names) {
          const auto ia = map_index(ft, va, n);
          const auto ib = map_index(ft, vb, n);
          if (ia && ib) {
            diff_object(*ft.item, ft.at(mut(va), *ia), ft.at(mut(vb), *ib),
                        detail::child_path(path, n), out);
          } else {
            out.push_back(detail::child_path(path, n));
          }
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

std::optional<ParameterRef> ParameterRef::resolve(Scenario& scenario, const std::string& path,
                                                  Diagnostic& error) {
  std::string message;
  std::string hint;
  std::string where = path;
  const auto target = walk(&scenario, path, where, message, hint);
  if (!target || target->kind != Target::kField || !schema::is_scalar(target->field->type->kind)) {
    error.path = where;
    error.message = target ? "expected a single value (number, date, choice...), found a block "
                             "or list"
                           : message;
    error.hint = hint;
    return std::nullopt;
  }
  const Field& f = *target->field;
  ParameterRef ref;
  ref.storage_ = target->storage;
  ref.field_ = &f;
  ref.info_.path = path;
  ref.info_.kind = kind_of(f);
  ref.info_.min = f.min;
  ref.info_.max = f.max;
  ref.info_.min_exclusive = f.min_exclusive;
  ref.info_.choices = f.type->choices;
  ref.info_.unit = f.unit;
  ref.info_.doc = f.doc;
  return ref;
}

std::string ParameterRef::set(double value) const {
  const Field& f = *static_cast<const Field*>(field_);
  const auto out_of_range = [&]() -> std::string {
    const bool low = f.min && (f.min_exclusive ? value <= *f.min : value < *f.min);
    const bool high = f.max && value > *f.max;
    if (!low && !high) return {};
    return info_.path + ": expected " + detail::expected_text(f) + ", found " +
           util::format_double(value);
  };
  if (!std::isfinite(value)) return info_.path + ": expected a finite number";
  switch (f.type->kind) {
    case Kind::kNumber:
      if (std::string e = out_of_range(); !e.empty()) return e;
      *static_cast<double*>(storage_) = value;
      return {};
    case Kind::kInteger:
      if (value != std::floor(value) || std::abs(value) > 2e9) {
        return info_.path + ": expected a whole number, found " + util::format_double(value);
      }
      if (std::string e = out_of_range(); !e.empty()) return e;
      *static_cast<int*>(storage_) = static_cast<int>(value);
      return {};
    case Kind::kBoolean:
      if (value != 0.0 && value != 1.0) return info_.path + ": expected 0 or 1 (false or true)";
      *static_cast<bool*>(storage_) = value == 1.0;
      return {};
    case Kind::kDate: {
      if (value != std::floor(value) || std::abs(value) > 3e6) {
        return info_.path + ": expected a whole number of days";
      }
      const Date d = Date::from_days(static_cast<int>(value));
      if (f.type->optional_storage) {
        *static_cast<std::optional<Date>*>(storage_) = d;
      } else {
        *static_cast<Date*>(storage_) = d;
      }
      return {};
    }
    case Kind::kEnum:
      if (value != std::floor(value) || value < 0 ||
          value >= static_cast<double>(f.type->choices.size())) {
        return info_.path + ": expected a choice index from 0 to " +
               std::to_string(f.type->choices.size() - 1);
      }
      *static_cast<int*>(storage_) = static_cast<int>(value);
      return {};
    default:
      return info_.path + ": not a numeric value";
  }
}

std::string ParameterRef::set_text(std::string_view text) const {
  const Field& f = *static_cast<const Field*>(field_);
  detail::Node node;
  node.kind = detail::Node::Kind::kScalar;
  node.text = std::string(text);
  const std::string error = detail::parse_scalar_into(f, node, storage_);
  return error.empty() ? std::string() : info_.path + ": " + error;
}

double ParameterRef::get() const {
  const Field& f = *static_cast<const Field*>(field_);
  switch (f.type->kind) {
    case Kind::kNumber:
      return *static_cast<const double*>(storage_);
    case Kind::kInteger:
    case Kind::kEnum:
      return *static_cast<const int*>(storage_);
    case Kind::kBoolean:
      return *static_cast<const bool*>(storage_) ? 1.0 : 0.0;
    case Kind::kDate:
      if (f.type->optional_storage) {
        const auto& o = *static_cast<const std::optional<Date>*>(storage_);
        return o ? o->days() : 0.0;
      }
      return static_cast<const Date*>(storage_)->days();
    default:
      return 0.0;
  }
}

std::string ParameterRef::get_text() const {
  return schema::scalar_text(*static_cast<const Field*>(field_), storage_);
}

std::vector<std::string> diff_paths(const Scenario& a, const Scenario& b) {
  std::vector<std::string> out;
  diff_object(schema::scenario_type(), &a, &b, "", out);
  return out;
}

bool copy_path(Scenario& dst, const Scenario& src, const std::string& path) {
  std::string error_path;
  std::string error;
  std::string hint;
  const auto s = walk(mut(&src), path, error_path, error, hint);
  if (!s) return false;
  const auto d = walk(&dst, path, error_path, error, hint);
  if (!d || d->kind != s->kind) return false;
  const Type& ft = *s->field->type;
  switch (s->kind) {
    case Target::kField:
      if (schema::is_scalar(ft.kind)) {
        schema::assign_scalar(*s->field, d->storage, s->storage);
      } else {
        ft.assign(d->storage, s->storage);
      }
      return true;
    case Target::kListItem:
      ft.item->assign(ft.at(d->storage, d->index), ft.at(s->storage, s->index));
      return true;
    case Target::kMapItem:
      if (!s->present && d->present) {
        ft.erase(d->storage, d->index);
      } else if (s->present && d->present) {
        ft.item->assign(ft.at(d->storage, d->index), ft.at(s->storage, s->index));
      } else if (s->present) {
        ft.item->assign(ft.append(d->storage), ft.at(s->storage, s->index));
        ft.sort_by_name(d->storage);
      }
      return true;
  }
  return false;
}

std::string value_text(const Scenario& scenario, const std::string& path) {
  std::string error_path;
  std::string error;
  std::string hint;
  const auto t = walk(mut(&scenario), path, error_path, error, hint);
  if (!t) return "(absent)";
  const Type& ft = *t->field->type;
  switch (t->kind) {
    case Target::kField:
      return field_flow(*t->field, t->storage);
    case Target::kListItem:
      return flow_text(*ft.item, ft.at(t->storage, t->index));
    case Target::kMapItem:
      return t->present ? flow_text(*ft.item, ft.at(t->storage, t->index)) : "(absent)";
  }
  return "(absent)";
}

}  // namespace sandtable
