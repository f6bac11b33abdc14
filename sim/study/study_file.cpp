// Reading study files and --vary arguments.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sandtable/study.hpp"
#include "scenario/bind.hpp"
#include "scenario/tree.hpp"
#include "study/study_schema.hpp"
#include "util/assert.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace fs = std::filesystem;
using detail::Entry;
using detail::Node;

namespace {

std::string relative_to(const std::string& file, const std::string& target) {
  if (target.empty() || fs::path(target).is_absolute()) return target;
  return (fs::path(file).parent_path() / target).lexically_normal().string();
}

// A scalar, or a list of scalars joined with commas.
std::optional<std::string> values_text(const Node& v, const std::string& path, Diagnostics& diags) {
  if (v.kind == Node::Kind::kScalar) return v.text;
  if (v.kind == Node::Kind::kSequence && !v.items.empty()) {
    std::vector<std::string> parts;
    for (const Node& item : v.items) {
      if (item.kind != Node::Kind::kScalar) {
        diags.add(item.where, path, "expected a value, found " + item.describe());
        return std::nullopt;
      }
      parts.push_back(item.text);
    }
    return util::join(parts, ",");
  }
  diags.add(v.where, path,
            "expected values (a,b,c | [a, b, c] | from:to:step | linspace(lo, hi, n) | "
            "interval(lo, hi) | pert(lo, mode, hi) ...), found " +
                v.describe());
  return std::nullopt;
}

void read_parameters(const Node& node, StudySpec& spec, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.add(node.where, "parameters",
              "expected a mapping of scenario paths to values, found " + node.describe());
    return;
  }
  for (const Entry& e : node.entries) {
    const std::string path = "parameters." + e.key;
    const auto text = values_text(e.value, path, diags);
    if (!text) continue;
    spec.parameters.push_back({e.key, *text, e.key_where, e.value.where});
  }
}

void read_overrides(const Node& node, StudySpec& spec, Diagnostics& diags) {
  if (!node.is_map()) {
    diags.add(node.where, "set",
              "expected a mapping of scenario paths to values, found " + node.describe());
    return;
  }
  for (const Entry& e : node.entries) {
    const Node& v = e.value;
    std::string text;
    if (v.kind == Node::Kind::kScalar) {
      text = v.quoted ? "\"" + v.text + "\"" : v.text;
    } else if (v.kind == Node::Kind::kSequence) {
      const auto joined = values_text(v, "set." + e.key, diags);
      if (!joined) continue;
      text = "[" + *joined + "]";
    } else {
      diags.add(v.where, "set." + e.key, "expected a value, found " + v.describe());
      continue;
    }
    spec.overrides.push_back(e.key + "=" + text);
  }
}

StudyLoadResult read_study(std::string_view text, const std::string& display) {
  StudyLoadResult result;
  Diagnostics diags;
  Node root = detail::read_yaml(text, display, diags);
  if (!diags.empty()) {
    result.diagnostics = std::move(diags);
    return result;
  }
  StudySpec spec;
  if (root.is_map()) {
    if (const Node* p = root.get("parameters")) read_parameters(*p, spec, diags);
    if (const Node* s = root.get("set")) read_overrides(*s, spec, diags);
    root.erase("parameters");
    root.erase("set");
  }
  study::StudyFile file;
  detail::bind_object(study::study_type(), root, &file, "", {}, diags);
  if (!diags.empty()) {
    result.diagnostics = std::move(diags);
    return result;
  }
  spec.name = file.name;
  spec.scenario = relative_to(display, file.scenario);
  spec.method = file.design.method;
  spec.seed = static_cast<std::uint64_t>(file.design.seed);
  spec.samples = static_cast<std::uint64_t>(file.design.samples);
  spec.levels = file.design.levels;
  spec.points = relative_to(display, file.design.points);
  spec.bootstrap = file.analysis.bootstrap;
  spec.confidence = file.analysis.confidence;
  const Entry* design = root.entry("design");
  spec.design_where = design ? design->key_where : root.where;
  result.spec = std::move(spec);
  return result;
}

}  // namespace

const std::vector<DesignMethodInfo>& design_methods() {
  //                                             sampled enumerates sensitivity
  static const std::vector<DesignMethodInfo> table{
      {DesignMethod::kGrid, "grid", false, true, false},
      {DesignMethod::kList, "list", false, true, false},
      {DesignMethod::kOneAtATime, "oat", false, false, true},
      {DesignMethod::kZip, "zip", false, true, false},
      {DesignMethod::kLatinHypercube, "lhs", true, false, false},
      {DesignMethod::kSobol, "sobol", true, false, false},
      {DesignMethod::kMorris, "morris", true, false, true},
      {DesignMethod::kSaltelli, "saltelli", true, false, true},
  };
  return table;
}

const DesignMethodInfo& design_method_info(DesignMethod method) {
  const auto& table = design_methods();
  const auto i = static_cast<std::size_t>(method);
  SANDTABLE_ASSERT(i < table.size() && table[i].method == method,
                   "the design table lists every method in enumerator order");
  return table[i];
}

const char* to_string(DesignMethod method) { return design_method_info(method).name; }

std::optional<DesignMethod> parse_design_method(std::string_view text) {
  for (const DesignMethodInfo& m : design_methods()) {
    if (text == m.name) return m.method;
  }
  return std::nullopt;
}

std::vector<std::string> design_method_names() {
  std::vector<std::string> names;
  for (const DesignMethodInfo& m : design_methods()) names.emplace_back(m.name);
  return names;
}

StudyLoadResult load_study_text(std::string_view text, const std::string& name,
                                const std::string& base_dir) {
  const std::string display =
      base_dir == "." ? name : (fs::path(base_dir) / fs::path(name).filename()).string();
  return read_study(text, display);
}

StudyLoadResult load_study(const std::string& path) {
  std::string error;
  const auto text = util::read_text_file(path, "study file", error);
  if (!text) {
    StudyLoadResult r;
    r.io_error = true;
    r.diagnostics.add(SourceLocation{path, 0, 0}, "", "cannot read the file: " + error);
    return r;
  }
  return read_study(*text, path);
}

bool is_study_file(const std::string& path) {
  std::string error;
  const auto text = util::read_text_file(path, "study file", error);
  if (!text) return false;
  Diagnostics ignored;
  const Node root = detail::read_yaml(*text, path, ignored);
  return root.is_map() && root.get("scenario") != nullptr;
}

std::optional<StudyParameter> parse_vary(const std::string& arg, int number, Diagnostics& diags) {
  const std::string file = "<--vary " + std::to_string(number) + ">";
  const std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    diags.add(SourceLocation{file, 1, 1}, "", "expected path=values, found '" + arg + "'",
              "for example --vary forces.isf.training.course_days=28,42,56");
    return std::nullopt;
  }
  StudyParameter p;
  p.path = arg.substr(0, eq);
  p.values = arg.substr(eq + 1);
  p.where = SourceLocation{file, 1, 1};
  p.values_where = SourceLocation{file, 1, static_cast<int>(eq) + 2};
  return p;
}

}  // namespace sandtable
