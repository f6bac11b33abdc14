// Reading scenarios: YAML files, `extends` overlays and `--set` overrides,
// validated against the one declared schema.
//
//   read_yaml -> extends (deep merge) -> --set -> schema binding -> checks
//
// Every problem becomes a Diagnostic naming the file, line and column of the
// node it came from (also through `extends`), the key path, what was
// expected and what was found. All problems in a file are reported together.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/scenario.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

// Where each resolved leaf value came from, keyed by dotted path
// ("forces.isf.personnel"); values left at their default are absent.
using Provenance = std::map<std::string, SourceLocation>;

// The scenario's `uncertainty:` block: which assumptions are uncertain and
// how (docs/uncertainty.md). A run uses the values written in the scenario;
// ensembles, `compare --ensemble` and `decide` draw worlds from this block.
struct UncertainAssumption {
  std::string path;          // a scalar key path, "adversary.fighters"
  std::string distribution;  // as written, "pert(1000, 1500, 2000)"
  SourceLocation where;      // of the key
  SourceLocation value_where;
};

// A rank (Spearman) correlation between two uncertain assumptions.
struct RankCorrelation {
  std::string first;
  std::string second;
  double rank = 0.0;  // -1 to 1
  SourceLocation where;
};

struct Uncertainty {
  std::vector<UncertainAssumption> assumptions;  // in file order (inherited first)
  std::vector<RankCorrelation> correlations;
  [[nodiscard]] bool empty() const { return assumptions.empty(); }
  [[nodiscard]] const UncertainAssumption* find(const std::string& path) const;
};

struct LoadedScenario {
  Scenario scenario;
  Provenance provenance;
  std::string source_path;  // the file given to the loader
  Uncertainty uncertainty;
};

struct LoadResult {
  std::optional<LoadedScenario> loaded;  // set only when diagnostics is empty
  Diagnostics diagnostics;
  bool io_error = false;  // the top-level file itself could not be read

  [[nodiscard]] bool ok() const { return loaded.has_value(); }
  [[nodiscard]] ExitCode exit_code() const {
    return ok() ? ExitCode::kOk : (io_error ? ExitCode::kIo : ExitCode::kInvalidInput);
  }
};

// Loads `path`, resolving `extends` relative to each file, then applies the
// overrides in order. Each override is "key.path=value", the value written in
// YAML flow syntax (25000, 2015-04-01, true, [a, b], "text").
LoadResult load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// As load_scenario, with calibration overlays merged onto the resolved
// scenario after its extends and before the overrides: files holding only
// a `model:` block, as `sandtable fit -o` writes them (any other key is
// refused at its position; a key the schema does not know, too).
LoadResult load_scenario_calibrated(const std::string& path,
                                    const std::vector<std::string>& calibrations,
                                    const std::vector<std::string>& overrides = {});

// Same, from text in memory; `name` stands for the file in diagnostics and
// `extends` is resolved relative to `base_dir`.
LoadResult load_scenario_text(std::string_view text, const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              const std::string& base_dir = ".");

// Cross-field checks on a typed scenario (dates ordered, D-day inside the
// horizon, references resolve...). Diagnostics carry key paths but no file
// locations; the loader adds those.
Diagnostics check_scenario(const Scenario& scenario);

// The fully resolved scenario, every default filled in, as YAML.
std::string to_yaml(const Scenario& scenario);

// The resolved scenario as (dotted path, value) pairs in schema order;
// lists are indexed ("forces.isf.reinforcements.0.date").
std::vector<std::pair<std::string, std::string>> flatten(const Scenario& scenario,
                                                         bool include_descriptive = false);

// Stable SHA-256 content hash (hex) of everything that affects the model:
// independent of key order, comments, labels and which file set a value.
std::string scenario_hash(const Scenario& scenario);

// The text scenario_hash digests: "sandtable-scenario-v1" then one
// "path=value" line per non-descriptive flatten() entry, each ending in '\n'.
std::string scenario_canonical_text(const Scenario& scenario);

// JSON Schema (draft 2020-12) of the scenario format.
std::string scenario_json_schema();

// Markdown reference of every key (unit, default, range, meaning, source).
std::string scenario_reference_markdown();

}  // namespace sandtable
