// Ensembles: the shared worlds, the runs, and their statistics.
#include "sandtable/ensemble.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>

#include "analysis/labels.hpp"
#include "analysis/text_format.hpp"
#include "sandtable/cluster.hpp"
#include "sandtable/criteria.hpp"
#include "sandtable/limits.hpp"
#include "sandtable/model.hpp"
#include "sandtable/results.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/study.hpp"
#include "study/prepared.hpp"
#include "study/rng.hpp"
#include "study/sobol.hpp"
#include "uncertainty/distribution.hpp"
#include "util/assert.hpp"
#include "util/text.hpp"

namespace sandtable {

Share wilson_share(std::uint64_t count, std::uint64_t of, double z) {
  Share s;
  s.count = count;
  s.of = of;
  if (of == 0) return s;
  const double n = static_cast<double>(of);
  const double p = static_cast<double>(count) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
  s.value = p;
  s.low = count == 0 ? 0.0 : std::max(0.0, centre - half);
  s.high = count == of ? 1.0 : std::min(1.0, centre + half);
  return s;
}

namespace {

using uncertainty::Distribution;

constexpr int kClasses = 4;  // success, failure, stalemate, unresolved

// What one case does with world w: for each input, the distribution it
// declares (or none: the written value stays).
struct CasePlan {
  std::vector<std::optional<Distribution>> dist;  // per input
};

std::vector<std::string> default_outcomes(const std::vector<LoadedScenario>& cases) {
  std::vector<std::string> wanted(std::begin(kEnsembleOutcomes), std::end(kEnsembleOutcomes));
  for (const ForceElement& f : cases.front().scenario.forces) {
    if (f.side == Side::kCoalition) wanted.push_back(f.name + "_casualties");
  }
  std::vector<std::vector<std::string>> names;
  names.reserve(cases.size());
  for (const LoadedScenario& c : cases) names.push_back(outcome_names(c.scenario));
  std::vector<std::string> out;
  for (const std::string& w : wanted) {
    const bool everywhere = std::all_of(names.begin(), names.end(), [&](const auto& n) {
      return std::find(n.begin(), n.end(), w) != n.end();
    });
    if (everywhere && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  }
  return out;
}

int outcome_class(const std::vector<std::pair<std::string, double>>& values) {
  static constexpr const char* kNames[kClasses] = {"success", "failure", "stalemate", "unresolved"};
  for (int c = 0; c < kClasses; ++c) {
    for (const auto& [name, v] : values) {
      if (name == kNames[c] && v != 0.0) return c;
    }
  }
  return 3;
}

// Unit points: Latin hypercube (each dimension's n strata visited once, in
// a seeded permutation, at a seeded position inside the stratum) or a
// digitally shifted Sobol sequence.
std::vector<double> unit_points(std::uint64_t n, std::size_t k, const EnsembleOptions& o) {
  std::vector<double> u(n * k);
  if (o.sampling == WorldSampling::kSobol) {
    std::vector<std::uint32_t> shift(k);
    study::Rng rng(o.seed, 0x5E1D);
    for (auto& s : shift) s = static_cast<std::uint32_t>(rng.next() >> 32);
    const study::SobolSequence sobol(static_cast<int>(k), shift);
    for (std::uint64_t w = 0; w < n; ++w) {
      for (std::size_t j = 0; j < k; ++j) u[w * k + j] = sobol.at(w, static_cast<int>(j));
    }
    return u;
  }
  const double dn = static_cast<double>(n);
  for (std::size_t j = 0; j < k; ++j) {
    const std::uint64_t key = study::mix(o.seed, 0xE75E, j);
    for (std::uint64_t w = 0; w < n; ++w) {
      const std::uint64_t stratum = study::permute(w, n, key);
      study::Rng jitter(study::mix(o.seed, w, j), 0xE75F);
      u[w * k + j] = (static_cast<double>(stratum) + jitter.uniform()) / dn;
    }
  }
  return u;
}

// The cases' names: the caller's, else the file stems made unique.
std::vector<std::string> labels_of(const std::vector<LoadedScenario>& cases,
                                   const EnsembleOptions& options) {
  return options.labels.size() == cases.size() ? options.labels : analysis::case_labels(cases);
}

// The inputs in `scenario` (each was resolved in every case when the plans were made).
std::vector<std::optional<ParameterRef>> resolve_inputs(Scenario& scenario,
                                                        const std::vector<WorldInput>& inputs) {
  std::vector<std::optional<ParameterRef>> refs;
  for (const WorldInput& in : inputs) {
    Diagnostic d;
    refs.push_back(ParameterRef::resolve(scenario, in.path, d));
  }
  return refs;
}

std::string file_label(const std::string& label) {
  std::string out;
  for (char ch : label) {
    const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
    out.push_back(keep ? ch : '_');
  }
  return out.empty() ? std::string("case") : out;
}

// Stored ensembles: each case is a sweep of a list design whose rows are the
// worlds' values (hashed by content, so the same worlds resume), written to
// <store_dir>/<label>.db and read back once complete.
bool run_stored(const std::vector<LoadedScenario>& cases, const EnsembleOptions& options,
                EnsembleRuns& runs, Diagnostics& errors, ExitCode* code) {
  const SourceLocation where{"-o", 0, 0};
  std::error_code ec;
  std::filesystem::create_directories(options.store_dir, ec);
  if (ec) {
    errors.add(where, "", "cannot create the folder '" + options.store_dir + "': " + ec.message());
    if (code != nullptr) *code = ExitCode::kIo;
    return false;
  }
  const std::vector<std::string> labels = labels_of(cases, options);
  const std::size_t m = runs.outcome_names.size();
  const std::uint64_t n = runs.worlds;
  const std::uint64_t total = n * cases.size();
  std::uint64_t before = 0;  // runs of the cases already finished in this session
  for (std::size_t c = 0; c < cases.size(); ++c) {
    StudySpec spec;
    spec.name = "ensemble: " + labels[c];
    spec.scenario = cases[c].source_path;
    if (c < options.case_overrides.size()) spec.overrides = options.case_overrides[c];
    for (const WorldInput& in : runs.inputs) {
      StudyParameter p;
      p.path = in.path;
      p.where = p.values_where = where;
      spec.parameters.push_back(p);
    }
    spec.method = DesignMethod::kList;
    spec.seed = options.seed;
    spec.rows = runs.inputs_taken[c];
    spec.design_where = where;
    PrepareResult prepared = prepare_study(spec);
    if (!prepared.ok()) {
      for (const Diagnostic& d : prepared.diagnostics.items()) errors.add(d);
      if (code != nullptr) *code = prepared.exit_code();
      return false;
    }
    SweepOptions so;
    so.db_path =
        (std::filesystem::path(options.store_dir) / (file_label(labels[c]) + ".db")).string();
    so.resume = options.resume;
    so.overwrite = options.overwrite;
    so.threads = options.threads;
    so.stop = options.stop;
    if (options.progress) {
      so.progress = [&options, before, total](const SweepProgress& p) {
        SweepProgress q = p;
        q.done += before;
        q.total = total;
        options.progress(q);
      };
    }
    SweepSummary summary;
    const Status st = run_sweep(*prepared.study, so, summary);
    if (!st.is_ok()) {
      errors.add(SourceLocation{so.db_path, 0, 0}, "", st.message());
      if (code != nullptr) *code = st.exit_code();
      return false;
    }
    if (summary.worker) {  // another MPI rank: rank 0 reads the database and shares it
      before += n;
      continue;
    }
    if (summary.interrupted) {
      errors.add(SourceLocation{so.db_path, 0, 0}, "",
                 "the ensemble was interrupted; the runs stored so far are kept",
                 "rerun the same command with --resume to finish it");
      if (code != nullptr) *code = ExitCode::kInterrupted;
      return false;
    }
    before += n;
    ResultsTable table;
    const Status read = read_results_table(so.db_path, table);
    if (!read.is_ok() || table.rows() != n) {
      errors.add(SourceLocation{so.db_path, 0, 0}, "",
                 read.is_ok() ? "holds " + std::to_string(table.rows()) + " of " +
                                    std::to_string(n) + " worlds"
                              : read.message());
      if (code != nullptr) *code = ExitCode::kIo;
      return false;
    }
    std::vector<int> column;
    for (const std::string& o : runs.outcome_names) {
      column.push_back(static_cast<int>(std::find(table.outcomes.begin(), table.outcomes.end(), o) -
                                        table.outcomes.begin()));
    }
    Diagnostic d;
    const auto criteria = Criteria::parse(runs.criteria, table.outcomes, d, runs.criteria_origin);
    const auto index = [&](const char* name) {
      return static_cast<std::size_t>(
          std::find(table.outcomes.begin(), table.outcomes.end(), name) - table.outcomes.begin());
    };
    const std::size_t classes[3] = {index("success"), index("failure"), index("stalemate")};
    const std::size_t width = table.outcomes.size();
    std::vector<double> row(width);
    for (std::uint64_t w = 0; w < n; ++w) {
      if (table.ok[w] == 0 || !criteria) {
        errors.add(SourceLocation{so.db_path, 0, 0}, "",
                   "world " + std::to_string(w) + " of " + labels[c] + " failed to run");
        if (code != nullptr) *code = ExitCode::kInvalidInput;
        return false;
      }
      std::copy_n(table.outcome_values.begin() + static_cast<std::ptrdiff_t>(w * width), width,
                  row.begin());
      for (std::size_t i = 0; i < m; ++i) {
        const auto col = static_cast<std::size_t>(column[i]);
        runs.values[c][w * m + i] = col < width ? row[col] : 0.0;
      }
      runs.meets[c][w] = criteria->holds(row);
      unsigned char cls = 3;
      for (unsigned char x = 0; x < 3; ++x) {
        if (classes[x] < width && row[classes[x]] != 0.0) {
          cls = x;
          break;
        }
      }
      runs.classes[c][w] = cls;
    }
  }
  return true;
}

// Rank 0's runs of a stored ensemble on every rank of an MPI job, so that
// every rank goes on with the same numbers (decide, for one, runs more).
void share_runs(EnsembleRuns& runs) {
  std::string bytes;
  for (std::size_t c = 0; c < runs.values.size(); ++c) {
    const std::vector<double>& v = runs.values[c];
    bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
    for (bool b : runs.meets[c]) bytes.push_back(b ? '\1' : '\0');
    bytes.append(reinterpret_cast<const char*>(runs.classes[c].data()), runs.classes[c].size());
  }
  const std::size_t size = bytes.size();
  cluster_share(bytes);
  SANDTABLE_ASSERT(bytes.size() == size, "every rank holds runs of the same shape");
  std::size_t at = 0;
  for (std::size_t c = 0; c < runs.values.size(); ++c) {
    std::vector<double>& v = runs.values[c];
    std::memcpy(v.data(), bytes.data() + at, v.size() * sizeof(double));
    at += v.size() * sizeof(double);
    for (std::size_t w = 0; w < runs.meets[c].size(); ++w) runs.meets[c][w] = bytes[at++] != 0;
    std::memcpy(runs.classes[c].data(), bytes.data() + at, runs.classes[c].size());
    at += runs.classes[c].size();
  }
}

}  // namespace

std::optional<EnsembleRuns> run_ensemble(const std::vector<LoadedScenario>& cases,
                                         const EnsembleOptions& options, Diagnostics& errors,
                                         ExitCode* code) {
  if (code != nullptr) *code = ExitCode::kInvalidInput;
  const SourceLocation nowhere{"<ensemble>", 0, 0};
  if (cases.empty()) {
    errors.add(nowhere, "", "no case to run");
    return std::nullopt;
  }
  if (options.worlds == 0) {
    errors.add(SourceLocation{"--worlds", 0, 0}, "", "an ensemble needs at least one world",
               "give --worlds 1000, say");
    return std::nullopt;
  }
  EnsembleRuns runs;
  runs.worlds = options.worlds;
  // The inputs: every assumption any case declares uncertain, in first-declared order.
  for (const LoadedScenario& c : cases) {
    for (const UncertainAssumption& a : c.uncertainty.assumptions) {
      const bool known = std::any_of(runs.inputs.begin(), runs.inputs.end(),
                                     [&](const WorldInput& in) { return in.path == a.path; });
      if (!known) runs.inputs.push_back({a.path, ParameterKind::kNumber, a.distribution});
    }
  }
  if (runs.inputs.empty()) {
    errors.add(SourceLocation{cases.front().source_path, 0, 0}, "uncertainty",
               "no case declares an uncertain assumption, so every world would be the same",
               "add an `uncertainty:` block (docs/uncertainty.md), e.g. "
               "`adversary.fighters: pert(1000, 1500, 2000)`");
    return std::nullopt;
  }
  const std::size_t k = runs.inputs.size();

  // Each case's distributions, checked against its own scenario.
  std::vector<CasePlan> plans(cases.size());
  for (std::size_t c = 0; c < cases.size(); ++c) {
    Scenario copy = cases[c].scenario;
    plans[c].dist.resize(k);
    for (std::size_t j = 0; j < k; ++j) {
      Diagnostic d;
      const auto ref = ParameterRef::resolve(copy, runs.inputs[j].path, d);
      if (!ref) {
        errors.add(SourceLocation{cases[c].source_path, 0, 0}, runs.inputs[j].path,
                   "another case makes '" + runs.inputs[j].path +
                       "' uncertain, but it is not a key of this case: " + d.message,
                   d.hint);
        continue;
      }
      if (c == 0 || runs.inputs[j].kind == ParameterKind::kNumber) {
        runs.inputs[j].kind = ref->info().kind;
      }
      const UncertainAssumption* a = cases[c].uncertainty.find(runs.inputs[j].path);
      if (a == nullptr) continue;
      std::string message;
      plans[c].dist[j] = Distribution::parse(a->distribution, ref->info(), message);
      if (!plans[c].dist[j]) errors.add(a->value_where, "uncertainty." + a->path, message);
    }
  }
  if (!errors.empty()) return std::nullopt;

  // Outcomes and criteria.
  runs.outcome_names = options.outcomes.empty() ? default_outcomes(cases) : options.outcomes;
  for (const std::string& extra : options.extra_outcomes) {
    if (std::find(runs.outcome_names.begin(), runs.outcome_names.end(), extra) ==
        runs.outcome_names.end()) {
      runs.outcome_names.push_back(extra);
    }
  }
  runs.criteria =
      options.criteria.empty() ? cases.front().scenario.analysis.criteria : options.criteria;
  runs.criteria_origin = options.criteria.empty() ? "analysis.criteria" : "--criteria";
  std::vector<Criteria> criteria;
  std::vector<std::vector<int>> columns(cases.size());  // per case: reported outcome -> index
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const std::vector<std::string> names = outcome_names(cases[c].scenario);
    for (const std::string& o : runs.outcome_names) {
      const auto it = std::find(names.begin(), names.end(), o);
      if (it == names.end()) {
        errors.add(SourceLocation{"--outcomes", 0, 0}, o,
                   "'" + o + "' is not an outcome of " + cases[c].source_path,
                   util::suggestion(o, names));
        continue;
      }
      columns[c].push_back(static_cast<int>(it - names.begin()));
    }
    Diagnostic d;
    auto parsed = Criteria::parse(runs.criteria, names, d, runs.criteria_origin);
    if (!parsed) {
      d.message += " (in " + cases[c].source_path + ")";
      errors.add(std::move(d));
      continue;
    }
    criteria.push_back(std::move(*parsed));
  }
  if (!errors.empty()) return std::nullopt;

  // Memory: inputs and outcomes of every world of every case.
  const std::uint64_t per_world = (k + runs.outcome_names.size() + 1) * cases.size() + k;
  if (options.worlds > limits().memory_values / per_world) {
    errors.add(SourceLocation{"--worlds", 0, 0}, "",
               std::to_string(options.worlds) + " worlds of " + std::to_string(cases.size()) +
                   " cases hold " + std::to_string(per_world) + " values each, more than the " +
                   std::to_string(limits().memory_values) + " values an ensemble may hold",
               "use fewer worlds, or " + limit_hint("memory_values"));
    return std::nullopt;
  }

  // The shared worlds, rank-correlated as every case's block asks.
  const std::uint64_t n = options.worlds;
  runs.unit = unit_points(n, k, options);
  std::vector<double> target(k * k, 0.0);
  for (std::size_t j = 0; j < k; ++j) target[j * k + j] = 1.0;
  bool correlated = false;
  for (const LoadedScenario& c : cases) {
    for (const RankCorrelation& r : c.uncertainty.correlations) {
      std::size_t a = 0, b = 0;
      for (std::size_t j = 0; j < k; ++j) {
        if (runs.inputs[j].path == r.first) a = j;
        if (runs.inputs[j].path == r.second) b = j;
      }
      const double old = target[a * k + b];
      if (old != 0.0 && old != r.rank) {
        errors.add(
            r.where, "uncertainty.correlations",
            "the cases give different correlations of '" + r.first + "' and '" + r.second + "'",
            "worlds are shared by every case, so their correlations must agree");
        return std::nullopt;
      }
      target[a * k + b] = target[b * k + a] = r.rank;
      correlated = true;
    }
  }
  if (correlated) {
    std::string message;
    if (!uncertainty::iman_conover(runs.unit, n, k, target, message)) {
      errors.add(SourceLocation{"--worlds", 0, 0}, "uncertainty.correlations", message);
      return std::nullopt;
    }
  }

  // The value of every input in every world for every case; a world that
  // breaks a cross-field check (a D-day past the horizon...) is refused.
  runs.inputs_taken.assign(cases.size(), std::vector<double>(n * k));
  bool cross_check = false;
  for (const WorldInput& in : runs.inputs)
    cross_check = cross_check || study::needs_cross_check(in.path);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    Scenario scenario = cases[c].scenario;
    const std::vector<std::optional<ParameterRef>> refs = resolve_inputs(scenario, runs.inputs);
    for (std::uint64_t w = 0; w < n; ++w) {
      for (std::size_t j = 0; j < k; ++j) {
        double v = refs[j]->get();
        if (plans[c].dist[j]) {
          v = plans[c].dist[j]->quantile(runs.unit[w * k + j]);
          const std::string e = refs[j]->set(v);
          if (!e.empty()) {
            errors.add(SourceLocation{cases[c].source_path, 0, 0}, runs.inputs[j].path,
                       "world " + std::to_string(w) + ": " + e);
            return std::nullopt;
          }
        }
        runs.inputs_taken[c][w * k + j] = v;
      }
      if (!cross_check) continue;
      const Diagnostics checks = check_scenario(scenario);
      if (!checks.empty()) {
        std::string values;
        for (std::size_t j = 0; j < k; ++j) {
          values +=
              (values.empty() ? "" : ", ") + runs.inputs[j].path + " = " + refs[j]->get_text();
        }
        errors.add(SourceLocation{cases[c].source_path, 0, 0}, checks.items().front().path,
                   "world " + std::to_string(w) + " (" + values +
                       ") is not a valid scenario: " + checks.items().front().message,
                   "narrow the distributions so that every world is a valid case");
        return std::nullopt;
      }
    }
  }

  runs.values.assign(cases.size(), std::vector<double>(n * runs.outcome_names.size()));
  runs.meets.assign(cases.size(), std::vector<bool>(n));
  runs.classes.assign(cases.size(), std::vector<unsigned char>(n));
  const std::size_t m = runs.outcome_names.size();
  if (!options.store_dir.empty()) {
    if (!run_stored(cases, options, runs, errors, code)) return std::nullopt;
    if (cluster().size > 1) share_runs(runs);
    return runs;
  }

  // Every case in every world, shared by world among threads and MPI ranks:
  // a world's bytes are, per case, its m outcome values, whether it meets
  // the criteria and its outcome class (doubles).
  const std::size_t per_case = m + 2;
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t total = n * cases.size();
  const auto work = [&](std::uint64_t first, std::uint64_t count, std::string* out) {
    for (std::uint64_t i = 0; i < count; ++i)
      out[i].assign(cases.size() * per_case * sizeof(double), '\0');
    std::vector<double> row;
    std::vector<double> world(per_case);
    for (std::size_t c = 0; c < cases.size(); ++c) {
      Scenario scenario = cases[c].scenario;
      const std::vector<std::optional<ParameterRef>> refs = resolve_inputs(scenario, runs.inputs);
      for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t w = first + i;
        for (std::size_t j = 0; j < k; ++j) (void)refs[j]->set(runs.inputs_taken[c][w * k + j]);
        RunOptions ro;
        ro.record_daily = false;
        ro.record_timeline = false;
        const auto values = outcome_values(run(scenario, ro));
        row.resize(values.size());
        for (std::size_t v = 0; v < values.size(); ++v) row[v] = values[v].second;
        for (std::size_t v = 0; v < m; ++v) world[v] = row[static_cast<std::size_t>(columns[c][v])];
        world[m] = criteria[c].holds(row) ? 1.0 : 0.0;
        world[m + 1] = static_cast<double>(outcome_class(values));
        std::memcpy(out[i].data() + c * per_case * sizeof(double), world.data(),
                    per_case * sizeof(double));
      }
    }
  };
  std::function<void(std::uint64_t)> progress;
  if (options.progress) {
    progress = [&](std::uint64_t worlds) {
      SweepProgress p;
      p.done = p.ran = worlds * cases.size();
      p.total = total;
      p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      options.progress(p);
    };
  }
  const std::vector<std::string> worlds = cluster_map(n, options.threads, work, progress);
  std::vector<double> world(per_case);
  for (std::uint64_t w = 0; w < n; ++w) {
    for (std::size_t c = 0; c < cases.size(); ++c) {
      std::memcpy(world.data(), worlds[w].data() + c * per_case * sizeof(double),
                  per_case * sizeof(double));
      std::copy_n(world.begin(), m, runs.values[c].begin() + static_cast<std::ptrdiff_t>(w * m));
      runs.meets[c][w] = world[m] != 0.0;
      runs.classes[c][w] = static_cast<unsigned char>(world[m + 1]);
    }
  }
  return runs;
}

Quantiles quantiles_of(std::vector<double>& values) {
  Quantiles q;
  if (values.empty()) return q;
  std::sort(values.begin(), values.end());
  const auto at = [&](double p) {
    const double h = (static_cast<double>(values.size()) - 1.0) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  double sum = 0.0;
  for (double v : values) sum += v;
  q.mean = sum / static_cast<double>(values.size());
  q.q05 = at(0.05);
  q.q25 = at(0.25);
  q.q50 = at(0.5);
  q.q75 = at(0.75);
  q.q95 = at(0.95);
  return q;
}

namespace {

// The value each assumption takes in each world, from the first case that
// declares it uncertain (the others may keep their written value).
std::vector<double> world_values(const std::vector<LoadedScenario>& cases, const EnsembleRuns& r) {
  const std::size_t k = r.inputs.size();
  std::vector<double> out(r.worlds * k);
  for (std::size_t j = 0; j < k; ++j) {
    std::size_t c = 0;
    while (c + 1 < cases.size() && cases[c].uncertainty.find(r.inputs[j].path) == nullptr) ++c;
    for (std::uint64_t w = 0; w < r.worlds; ++w) out[w * k + j] = r.inputs_taken[c][w * k + j];
  }
  return out;
}

std::vector<Driver> rank_drivers(const EnsembleRuns& r, const std::vector<double>& inputs,
                                 const std::vector<double>& response) {
  const std::size_t k = r.inputs.size();
  std::vector<Driver> out;
  std::vector<double> column(r.worlds);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::uint64_t w = 0; w < r.worlds; ++w) column[w] = inputs[w * k + j];
    double rho = uncertainty::spearman(column, response);
    if (!std::isfinite(rho)) rho = 0.0;  // a constant response or input
    out.push_back({r.inputs[j].path, rho});
  }
  std::stable_sort(out.begin(), out.end(), [](const Driver& a, const Driver& b) {
    return std::fabs(a.rank_correlation) > std::fabs(b.rank_correlation);
  });
  return out;
}

std::vector<std::string> boxes(const EnsembleRuns& r, const std::vector<double>& inputs,
                               const std::vector<bool>& flag) {
  std::vector<std::string> out;
  const std::uint64_t hits = static_cast<std::uint64_t>(std::count(flag.begin(), flag.end(), true));
  if (hits == 0 || hits == flag.size()) return out;
  std::vector<std::string> names;
  std::vector<ParameterKind> kinds;
  for (const WorldInput& in : r.inputs) {
    names.push_back(in.path);
    kinds.push_back(in.kind);
  }
  PrimOptions po;
  po.max_boxes = 2;
  const PrimResult pr = prim(inputs, r.inputs.size(), flag, po);
  for (const PrimBox& b : pr.boxes) {
    if (b.limits.empty() || b.hits == 0) continue;
    out.push_back(describe_box(b, names, kinds) + " (" +
                  analysis::readable(std::round(b.coverage * 100.0)) + "% of those worlds, " +
                  analysis::readable(std::round(b.density * 100.0)) + "% inside the box)");
  }
  return out;
}

}  // namespace

std::vector<std::string> world_boxes(const std::vector<LoadedScenario>& cases,
                                     const EnsembleRuns& runs, const std::vector<bool>& flag) {
  return boxes(runs, world_values(cases, runs), flag);
}

EnsembleReport summarize_ensemble(const std::vector<LoadedScenario>& cases, const EnsembleRuns& r,
                                  const EnsembleOptions& options) {
  EnsembleReport rep;
  rep.worlds = r.worlds;
  rep.seed = options.seed;
  rep.sampling = options.sampling;
  rep.criteria = r.criteria;
  rep.criteria_origin = r.criteria_origin;
  rep.inputs = r.inputs;
  rep.outcomes = r.outcome_names;
  const std::vector<std::string> labels = labels_of(cases, options);
  const std::vector<double> inputs = world_values(cases, r);
  const std::size_t m = r.outcome_names.size();
  const std::uint64_t n = r.worlds;
  std::vector<double> column(n);
  for (std::size_t c = 0; c < cases.size(); ++c) {
    CaseSummary s;
    s.label = labels[c];
    s.file = cases[c].source_path;
    s.name = cases[c].scenario.name;
    std::uint64_t count[kClasses] = {0, 0, 0, 0};
    for (unsigned char k : r.classes[c]) ++count[k];
    s.success = wilson_share(count[0], n);
    s.failure = wilson_share(count[1], n);
    s.stalemate = wilson_share(count[2], n);
    s.unresolved = wilson_share(count[3], n);
    s.meets = wilson_share(
        static_cast<std::uint64_t>(std::count(r.meets[c].begin(), r.meets[c].end(), true)), n);
    for (std::size_t i = 0; i < m; ++i) {
      for (std::uint64_t w = 0; w < n; ++w) column[w] = r.values[c][w * m + i];
      s.outcomes.push_back(quantiles_of(column));
    }
    rep.cases.push_back(std::move(s));
    std::vector<double> response(n);
    for (std::uint64_t w = 0; w < n; ++w) response[w] = r.meets[c][w] ? 1.0 : 0.0;
    rep.success_drivers.push_back(rank_drivers(r, inputs, response));
    std::vector<bool> fails(n);
    for (std::uint64_t w = 0; w < n; ++w) fails[w] = !r.meets[c][w];
    rep.failure_boxes.push_back(boxes(r, inputs, fails));
  }
  for (std::size_t c = 1; c < cases.size(); ++c) {
    PairedSummary p;
    p.from_case = 0;
    p.to_case = static_cast<int>(c);
    std::uint64_t to_only = 0, from_only = 0, both = 0;
    std::vector<double> better(n);
    std::vector<bool> to_better(n), from_better(n);
    for (std::uint64_t w = 0; w < n; ++w) {
      const bool a = r.meets[0][w];
      const bool b = r.meets[c][w];
      to_only += (b && !a) ? 1 : 0;
      from_only += (a && !b) ? 1 : 0;
      both += (a && b) ? 1 : 0;
      better[w] = (b ? 1.0 : 0.0) - (a ? 1.0 : 0.0);
      to_better[w] = b && !a;
      from_better[w] = a && !b;
    }
    p.to_only = wilson_share(to_only, n);
    p.from_only = wilson_share(from_only, n);
    p.both = wilson_share(both, n);
    p.neither = wilson_share(n - to_only - from_only - both, n);
    for (std::size_t i = 0; i < m; ++i) {
      std::uint64_t lower = 0, higher = 0;
      for (std::uint64_t w = 0; w < n; ++w) {
        column[w] = r.values[c][w * m + i] - r.values[0][w * m + i];
        lower += column[w] < 0.0 ? 1 : 0;
        higher += column[w] > 0.0 ? 1 : 0;
      }
      p.difference.push_back(quantiles_of(column));
      p.share_lower.push_back(static_cast<double>(lower) / static_cast<double>(n));
      p.share_higher.push_back(static_cast<double>(higher) / static_cast<double>(n));
    }
    p.drivers = rank_drivers(r, inputs, better);
    p.to_better_boxes = boxes(r, inputs, to_better);
    p.from_better_boxes = boxes(r, inputs, from_better);
    rep.paired.push_back(std::move(p));
  }
  return rep;
}

}  // namespace sandtable
