// The loading pipeline: read -> extends -> --set -> bind -> defaults -> checks.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sandtable/load.hpp"
#include "scenario/bind.hpp"
#include "scenario/normalize.hpp"
#include "scenario/scenario_schema.hpp"
#include "scenario/tree.hpp"
#include "scenario/uncertainty_block.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace fs = std::filesystem;
using detail::Entry;
using detail::Node;

namespace {

class Resolver {
 public:
  explicit Resolver(Diagnostics& diags) : diags_(diags) {}

  // Whether an `extends` could not be resolved (bad value, cycle, unreadable
  // or unparsable base): the merged tree is then incomplete and not bound.
  [[nodiscard]] bool failed() const { return failed_; }

  // Resolves `extends` of a parsed file `root` shown as `display`.
  Node resolve(Node root, const std::string& display) {
    const Entry* ext = root.entry("extends");
    if (ext == nullptr) return root;
    const Node& v = ext->value;
    if (v.kind != Node::Kind::kScalar || v.text.empty()) {
      diags_.add(v.where, "extends", "expected the path of a scenario file, found " + v.describe());
      failed_ = true;
      return root;
    }
    const fs::path display_dir = fs::path(display).parent_path();
    const std::string base_display = (display_dir / v.text).lexically_normal().string();
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(base_display, ec);
    for (const fs::path& open : chain_) {
      if (open == canonical) {
        diags_.add(v.where, "extends",
                   "'" + v.text + "' closes a cycle of extends: " + cycle_text(canonical),
                   "remove one of the 'extends' keys");
        failed_ = true;
        return root;
      }
    }
    std::string error;
    const auto text = util::read_text_file(base_display, "scenario file", error);
    if (!text) {
      diags_.add(v.where, "extends", "cannot read '" + base_display + "': " + error,
                 util::similar_file_hint(base_display));
      failed_ = true;
      return root;
    }
    chain_.push_back(canonical);
    chain_names_.push_back(base_display);
    Node base = detail::read_yaml(*text, base_display, diags_);
    if (base.is_map()) base = resolve(std::move(base), base_display);
    chain_.pop_back();
    chain_names_.pop_back();
    if (!base.is_map()) {
      failed_ = true;
      return root;
    }
    root.erase("extends");
    detail::merge_into(base, root, "", diags_);
    return base;
  }

  void enter(const std::string& display) {
    std::error_code ec;
    chain_.push_back(fs::weakly_canonical(display, ec));
    chain_names_.push_back(display);
  }

 private:
  // "a.yaml -> b.yaml -> a.yaml" for the open chain from `repeated` on.
  std::string cycle_text(const fs::path& repeated) const {
    std::string out;
    std::string first;
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (first.empty() && chain_[i] == repeated) first = chain_names_[i];
      if (!first.empty()) out += chain_names_[i] + " -> ";
    }
    return out + first;
  }

  Diagnostics& diags_;
  bool failed_ = false;
  std::vector<fs::path> chain_;
  std::vector<std::string> chain_names_;
};

bool is_index(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

void apply_override(Node& root, const std::string& arg, int number, Diagnostics& diags) {
  const std::string file = "<--set " + std::to_string(number) + ">";
  const auto loc = [&](std::size_t col0) {
    return SourceLocation{file, 1, static_cast<int>(col0) + 1};
  };
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    diags.add(loc(0), "", "expected key.path=value, found '" + arg + "'",
              "for example --set forces.isf.personnel=25000");
    return;
  }
  const std::string path = arg.substr(0, eq);
  std::vector<std::pair<std::string, std::size_t>> segments;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    segments.emplace_back(path.substr(start, dot - start), start);
    start = dot + 1;
  }
  for (const auto& [seg, col] : segments) {
    if (seg.empty()) {
      diags.add(loc(col), path, "expected a key between the dots of '" + path + "'");
      return;
    }
  }
  if (segments.front().first == "extends") {
    diags.add(loc(0), "extends", "'extends' is resolved before the overrides and cannot be set",
              "pass the other scenario file instead");
    return;
  }
  const std::size_t errors_before = diags.size();
  const Node value = detail::read_yaml_value(arg.substr(eq + 1), loc(eq + 1), path, diags);
  if (diags.size() != errors_before) return;  // the value is not valid YAML
  Node* cur = &root;
  std::string walked;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& [seg, col] = segments[i];
    const bool last = i + 1 == segments.size();
    walked = detail::child_path(walked, seg);
    if (cur->kind == Node::Kind::kSequence) {
      if (!is_index(seg) || std::stoul(seg) >= cur->items.size()) {
        diags.add(loc(col), walked,
                  "expected an index from 0 to " +
                      std::to_string(static_cast<long>(cur->items.size()) - 1) +
                      " into the list, found '" + seg + "'");
        return;
      }
      Node& item = cur->items[std::stoul(seg)];
      if (last) {
        item = value;
      } else {
        cur = &item;
      }
      continue;
    }
    if (!cur->is_map()) {
      if (cur->kind != Node::Kind::kNull) {
        diags.add(loc(col), walked, "cannot set a key inside " + cur->describe());
        return;
      }
      cur->kind = Node::Kind::kMap;
    }
    Node* child = cur->get(seg);
    if (child == nullptr) {
      Node fresh;
      fresh.kind = last ? value.kind : Node::Kind::kMap;
      fresh.where = loc(col);
      cur->entries.push_back(Entry{seg, loc(col), last ? value : fresh});
      child = &cur->entries.back().value;
    } else {
      for (Entry& e : cur->entries) {
        if (e.key == seg) e.key_where = loc(col);
      }
      if (last) *child = value;
    }
    cur = child;
  }
}

const Node* find_node(const Node& root, const std::string& path, SourceLocation& where) {
  const Node* cur = &root;
  where = root.where;
  std::size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    const std::string seg = path.substr(start, dot - start);
    if (cur->is_map()) {
      const Entry* e = cur->entry(seg);
      if (e == nullptr) return nullptr;
      where = e->value.kind == Node::Kind::kScalar ? e->value.where : e->key_where;
      cur = &e->value;
    } else if (cur->kind == Node::Kind::kSequence && is_index(seg) &&
               std::stoul(seg) < cur->items.size()) {
      cur = &cur->items[std::stoul(seg)];
      where = cur->where;
    } else {
      return nullptr;
    }
    start = dot + 1;
  }
  return cur;
}

void collect_provenance(const Node& n, const std::string& path, Provenance& out) {
  switch (n.kind) {
    case Node::Kind::kMap:
      for (const Entry& e : n.entries)
        collect_provenance(e.value, detail::child_path(path, e.key), out);
      break;
    case Node::Kind::kSequence:
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        collect_provenance(n.items[i], detail::child_path(path, std::to_string(i)), out);
      }
      break;
    default:
      out[path] = n.where;
  }
}

// The coefficients a calibration may hold outside `model:`: the garrison's
// will, calibrated like the combat coefficients (docs/calibration.md).
// Reports anything else under `adversary:`; returns whether all is allowed.
bool calibrated_adversary_keys(const Entry& adversary, Diagnostics& diags) {
  const char* const hint = "put case assumptions in the scenario, or use extends:";
  if (!adversary.value.is_map()) {
    diags.add(adversary.value.where, "adversary",
              "expected a mapping with a morale: block, found " + adversary.value.describe(), hint);
    return false;
  }
  bool ok = true;
  const auto refuse = [&](const Entry& e, const std::string& path) {
    diags.add(e.key_where, path,
              "a calibration holds only adversary.morale.breakpoint and loss_sensitivity "
              "outside model:, found '" +
                  e.key + "'",
              hint);
    ok = false;
  };
  for (const Entry& e : adversary.value.entries) {
    if (e.key != "morale" || !e.value.is_map()) {
      refuse(e, "adversary." + e.key);
      continue;
    }
    for (const Entry& m : e.value.entries) {
      if (m.key != "breakpoint" && m.key != "loss_sensitivity")
        refuse(m, "adversary.morale." + m.key);
    }
  }
  return ok;
}

// Merges a calibration overlay (a `model:` block, and the garrison's
// calibrated will under `adversary.morale`) onto `root`.
void apply_calibration(Node& root, const std::string& file, Diagnostics& diags) {
  std::string error;
  const auto text = util::read_text_file(file, "calibration file", error);
  if (!text) {
    diags.add(SourceLocation{file, 0, 0}, "", "cannot read the calibration: " + error,
              util::similar_file_hint(file));
    return;
  }
  Node overlay = detail::read_yaml(*text, file, diags);
  if (!overlay.is_map()) {
    if (!overlay.is_null()) {
      diags.add(overlay.where, "",
                "expected a mapping with a model: block, found " + overlay.describe());
    }
    return;
  }
  bool ok = true;
  for (const Entry& e : overlay.entries) {
    if (e.key == "adversary") {
      ok = calibrated_adversary_keys(e, diags) && ok;
    } else if (e.key != "model") {
      diags.add(e.key_where, e.key,
                "a calibration holds model coefficients only (a model: block, as `sandtable "
                "fit -o` writes it), found '" +
                    e.key + "'",
                "put case assumptions in the scenario, or use extends:");
      ok = false;
    }
  }
  if (ok) detail::merge_into(root, overlay, "", diags);
}

LoadResult run_pipeline(std::string_view text, const std::string& display,
                        const std::vector<std::string>& overrides,
                        const std::vector<std::string>& calibrations = {}) {
  LoadResult result;
  Diagnostics diags;
  // Errors that leave a usable tree (duplicate keys, extra documents, bad
  // overrides) do not stop the pipeline, so that binding reports the rest of
  // the file's problems in the same run.
  Node root = detail::read_yaml(text, display, diags);
  bool usable = root.is_map();
  if (usable) {
    Resolver resolver(diags);
    resolver.enter(display);
    root = resolver.resolve(std::move(root), display);
    usable = !resolver.failed();
  }
  if (usable) {
    for (const std::string& c : calibrations) apply_calibration(root, c, diags);
    int number = 0;
    for (const std::string& o : overrides) apply_override(root, o, ++number, diags);
  }
  if (!usable) {
    result.diagnostics = std::move(diags);
    return result;
  }
  const std::optional<Node> uncertainty = detail::take_uncertainty(root);
  Scenario scenario;
  detail::bind_object(schema::scenario_type(), root, &scenario, "", {}, diags);
  if (diags.empty()) {
    detail::apply_defaults(scenario);
    const Diagnostics checks = check_scenario(scenario);
    for (Diagnostic d : checks.items()) {
      SourceLocation where;
      // Point at the deepest node of the path present in the tree.
      std::string p = d.path;
      while (find_node(root, p, where) == nullptr) {
        const std::size_t dot = p.rfind('.');
        if (dot == std::string::npos) {
          where = root.where;
          break;
        }
        p = p.substr(0, dot);
      }
      d.where = where;
      diags.add(std::move(d));
    }
  }
  Uncertainty block;
  if (diags.empty() && uncertainty) block = detail::read_uncertainty(*uncertainty, scenario, diags);
  if (!diags.empty()) {
    result.diagnostics = std::move(diags);
    return result;
  }
  LoadedScenario loaded;
  loaded.uncertainty = std::move(block);
  loaded.scenario = std::move(scenario);
  collect_provenance(root, "", loaded.provenance);
  loaded.source_path = display;
  result.loaded = std::move(loaded);
  return result;
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, const std::string& name,
                              const std::vector<std::string>& overrides,
                              const std::string& base_dir) {
  const std::string display =
      base_dir == "." ? name : (fs::path(base_dir) / fs::path(name).filename()).string();
  return run_pipeline(text, display, overrides);
}

LoadResult load_scenario_calibrated(const std::string& path,
                                    const std::vector<std::string>& calibrations,
                                    const std::vector<std::string>& overrides) {
  std::string error;
  const auto text = util::read_text_file(path, "scenario file", error);
  if (!text) {
    LoadResult r;
    r.io_error = true;
    r.diagnostics.add(SourceLocation{path, 0, 0}, "", "cannot read the file: " + error,
                      util::similar_file_hint(path));
    return r;
  }
  return run_pipeline(*text, path, overrides, calibrations);
}

LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return load_scenario_calibrated(path, {}, overrides);
}

}  // namespace sandtable
