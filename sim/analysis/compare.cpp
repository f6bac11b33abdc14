// `sandtable compare`: the assumptions that differ, every outcome per case,
// and the attributions of the differences.
#include "sandtable/compare.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "analysis/attribution.hpp"
#include "analysis/labels.hpp"
#include "analysis/text_format.hpp"
#include "sandtable/model.hpp"
#include "sandtable/parameters.hpp"
#include "util/text.hpp"

namespace sandtable {

namespace analysis {

std::vector<std::string> case_labels(const std::vector<LoadedScenario>& cases) {
  std::vector<std::string> labels;
  labels.reserve(cases.size());
  for (const LoadedScenario& c : cases) {
    labels.push_back(std::filesystem::path(c.source_path).stem().string());
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (std::count(labels.begin(), labels.end(), labels[i]) > 1 || labels[i].empty()) {
      for (std::size_t j = 0; j < labels.size(); ++j) {
        if (labels[j] == labels[i] && j != i) labels[j] = cases[j].source_path;
      }
      labels[i] = cases[i].source_path;
    }
  }
  return labels;
}

}  // namespace analysis

std::string Attribution::method() const {
  const std::string players_text =
      std::to_string(players.size()) + (players.size() == 1 ? " player" : " players");
  const std::string runs_text =
      analysis::readable(static_cast<double>(runs)) + (runs == 1 ? " run" : " runs");
  if (exact) return "exact Shapley values over " + players_text + " (" + runs_text + ")";
  return "sampled Shapley values: " + analysis::readable(permutations) + " permutations of " +
         players_text + ", seed " + std::to_string(seed) + " (" + runs_text + ")";
}

namespace {

// Adds the paths of `more` missing from `merged`, each after the path that
// precedes it in `more`, so that schema order is kept as far as possible.
void merge_paths(std::vector<std::string>& merged, const std::vector<std::string>& more) {
  std::size_t at = 0;
  for (const std::string& p : more) {
    const auto it = std::find(merged.begin(), merged.end(), p);
    if (it != merged.end()) {
      at = static_cast<std::size_t>(it - merged.begin()) + 1;
    } else {
      merged.insert(merged.begin() + static_cast<std::ptrdiff_t>(at), p);
      ++at;
    }
  }
}

// Where a unit's value came from: its own location, else the first leaf
// under it that a file or --set gave, else the default.
std::string source_of(const LoadedScenario& c, const std::string& path) {
  if (value_text(c.scenario, path) == "(absent)") return "-";
  if (const auto it = c.provenance.find(path); it != c.provenance.end())
    return it->second.to_string();
  const std::string prefix = path + ".";
  for (const auto& [leaf, where] : c.provenance) {
    if (leaf.rfind(prefix, 0) == 0) return where.to_string();
  }
  return "default";
}

std::vector<OutcomeRow> outcome_rows(const std::vector<LoadedScenario>& cases,
                                     std::vector<std::vector<std::string>>& names_per_case) {
  std::vector<OutcomeRow> rows;
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const auto values = outcome_values(run(cases[k].scenario, {false, false}));
    names_per_case.emplace_back();
    for (const auto& [name, value] : values) {
      names_per_case.back().push_back(name);
      // The lambda captures a reference to the binding by name: clang 14
      // (the fuzz build) does not capture structured bindings.
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&n = name](const OutcomeRow& r) { return r.name == n; });
      if (it == rows.end()) {
        rows.push_back({name, std::vector<std::optional<double>>(cases.size())});
        it = rows.end() - 1;
      }
      it->values[k] = value;
    }
  }
  return rows;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool validate(const CompareOptions& o, const std::vector<OutcomeRow>& rows,
              const std::vector<std::string>& units, Diagnostics& errors) {
  std::vector<std::string> all;
  all.reserve(rows.size());
  for (const OutcomeRow& r : rows) all.push_back(r.name);
  for (const std::string& name : o.outcomes) {
    if (!has(all, name)) {
      errors.add({"--outcomes", 0, 0}, "", "unknown outcome '" + name + "'",
                 util::suggestion(name, all));
    }
  }
  for (const auto& group : o.together) {
    for (const std::string& path : group) {
      if (!has(units, path)) {
        errors.add(
            {"--together", 0, 0}, "",
            "'" + path + "' is not an assumption in which the cases differ",
            units.empty() ? "the cases differ in no assumption" : util::suggestion(path, units));
      }
    }
  }
  return errors.empty();
}

}  // namespace

std::optional<Comparison> compare_scenarios(const std::vector<LoadedScenario>& cases,
                                            const CompareOptions& options, Diagnostics& errors) {
  if (cases.size() < 2) {
    errors.add({}, "", "compare needs at least two scenarios");
    return std::nullopt;
  }
  Comparison c;
  c.labels = analysis::case_labels(cases);
  std::vector<std::string> paths;
  std::vector<std::string> units;
  for (std::size_t k = 0; k < cases.size(); ++k) {
    c.files.push_back(cases[k].source_path);
    c.names.push_back(cases[k].scenario.name);
    if (k > 0) {
      merge_paths(paths, diff_paths(cases[0].scenario, cases[k].scenario));
      merge_paths(units, analysis::model_diff_paths(cases[0].scenario, cases[k].scenario));
    }
  }
  for (const std::string& p : paths) {
    AssumptionDiff d;
    d.path = p;
    for (const LoadedScenario& lc : cases) {
      d.values.push_back(value_text(lc.scenario, p));
      d.sources.push_back(source_of(lc, p));
    }
    c.assumptions.push_back(std::move(d));
  }
  std::vector<std::vector<std::string>> names;
  c.outcomes = outcome_rows(cases, names);
  if (!validate(options, c.outcomes, units, errors)) return std::nullopt;

  std::vector<std::string> wanted = options.outcomes;
  if (wanted.empty()) wanted.assign(std::begin(kHeadlineOutcomes), std::end(kHeadlineOutcomes));
  for (std::size_t k = 1; k < cases.size(); ++k) {
    std::vector<std::string> outcomes;
    for (const std::string& o : wanted) {
      if (has(names[0], o) && has(names[k], o)) outcomes.push_back(o);
    }
    const Scenario& a = cases[0].scenario;
    const Scenario& b = cases[k].scenario;
    if (options.by_assumption) {
      c.attributions.push_back(analysis::attribute_assumptions(a, b, outcomes, options));
      c.attributions.back().to_case = static_cast<int>(k);
    }
    if (options.mechanisms != MechanismDetail::kOff) {
      c.attributions.push_back(analysis::attribute_mechanisms(a, b, outcomes, options));
      c.attributions.back().to_case = static_cast<int>(k);
    }
  }
  return c;
}

}  // namespace sandtable
