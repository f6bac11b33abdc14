#include "sandtable/limits.hpp"

#include <charconv>

#include "util/text.hpp"

namespace sandtable {

namespace {

Limits& current() {
  static Limits l;
  return l;
}

}  // namespace

const std::vector<LimitInfo>& limit_infos() {
  static const Limits d;
  static const std::vector<LimitInfo> infos = {
      {"file_bytes", "bytes of one scenario, study, points or observed-series file", d.file_bytes,
       &Limits::file_bytes},
      {"yaml_nodes", "YAML nodes of one file, aliases expanded", d.yaml_nodes, &Limits::yaml_nodes},
      {"yaml_depth", "levels of YAML mappings and lists nested in one another", d.yaml_depth,
       &Limits::yaml_depth},
      {"list_items", "items of one YAML list or keys of one YAML mapping", d.list_items,
       &Limits::list_items},
      {"elements", "force elements of one scenario", d.elements, &Limits::elements},
      {"element_days", "element-days of one run (horizon days x force elements)", d.element_days,
       &Limits::element_days},
      {"design_points", "points of one study design", d.design_points, &Limits::design_points},
      {"memory_values",
       "outcome values (points x outcomes) a study without a results database holds in memory",
       d.memory_values, &Limits::memory_values},
  };
  return infos;
}

const Limits& limits() { return current(); }
void set_limits(const Limits& l) { current() = l; }

std::string set_limit(std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return "expected NAME=VALUE, found '" + std::string(assignment) + "'";
  }
  const std::string name(assignment.substr(0, eq));
  std::string_view value = assignment.substr(eq + 1);
  const LimitInfo* info = nullptr;
  std::vector<std::string> names;
  for (const LimitInfo& i : limit_infos()) {
    names.push_back(i.name);
    if (i.name == name) info = &i;
  }
  if (info == nullptr) {
    std::string msg = "unknown limit '" + name + "'";
    if (auto m = util::closest_match(name, names)) msg += "; did you mean '" + *m + "'?";
    return msg + " (limits: " + util::join(names, ", ") + ")";
  }
  struct Suffix {
    std::string_view text;
    std::uint64_t factor;
  };
  static constexpr Suffix kSuffixes[] = {{"KiB", 1ull << 10}, {"MiB", 1ull << 20},
                                         {"GiB", 1ull << 30}, {"k", 1'000ull},
                                         {"M", 1'000'000ull}, {"G", 1'000'000'000ull}};
  std::uint64_t factor = 1;
  for (const Suffix& s : kSuffixes) {
    if (value.size() > s.text.size() && value.substr(value.size() - s.text.size()) == s.text) {
      factor = s.factor;
      value.remove_suffix(s.text.size());
      break;
    }
  }
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n == 0) {
    return "expected a positive integer (optionally with k, M, G, KiB, MiB or GiB) for limit '" +
           name + "', found '" + std::string(assignment.substr(eq + 1)) + "'";
  }
  if (n > UINT64_MAX / factor) return "the value of limit '" + name + "' is too large";
  current().*(info->field) = n * factor;
  return {};
}

std::string limit_hint(std::string_view name) {
  for (const LimitInfo& i : limit_infos()) {
    if (i.name == name) {
      return "limit " + i.name + " = " + std::to_string(limits().*(i.field)) +
             "; raise it with --limit " + i.name + "=N";
    }
  }
  return "limit " + std::string(name);
}

}  // namespace sandtable
