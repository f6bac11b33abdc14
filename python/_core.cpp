// sandtable._core: the library's entry points for Python (docs/python.md).
//
// A thin layer: each function calls the same library functions as the
// `sandtable` command of the same name and hands back what the command
// prints in its JSON or CSV form, which python/sandtable/__init__.py turns
// into dicts and DataFrames. Bad input raises sandtable.ScenarioError
// (python/sandtable/errors.py) carrying the diagnostics the command prints;
// an environment failure (a file, a database) raises OSError. The GIL is
// released while the model runs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sandtable/compare.hpp"
#include "sandtable/criteria.hpp"
#include "sandtable/discover.hpp"
#include "sandtable/ensemble.hpp"
#include "sandtable/fit.hpp"
#include "sandtable/load.hpp"
#include "sandtable/model.hpp"
#include "sandtable/report.hpp"
#include "sandtable/results.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/study.hpp"
#include "sandtable/threshold.hpp"
#include "sandtable/timing.hpp"
#include "sandtable/validate.hpp"
#include "sandtable/version.hpp"

namespace py = pybind11;

namespace sandtable {
namespace {

// A loaded scenario and how it was loaded (sweeps and ensembles reload it).
struct PyScenario {
  LoadedScenario loaded;
  std::vector<std::string> overrides;
  std::vector<std::string> calibrations;
};

// One run: its results and the scenario they came from.
struct PyRun {
  std::shared_ptr<const PyScenario> scenario;
  Results results;
};

py::dict diagnostic_dict(const Diagnostic& d) {
  py::dict out;
  out["file"] = d.where.file;
  out["line"] = d.where.line;
  out["column"] = d.where.column;
  out["path"] = d.path;
  out["message"] = d.message;
  out["hint"] = d.hint;
  out["text"] = d.to_string();
  return out;
}

// Raises sandtable.ScenarioError(text, diagnostics, exit_code).
[[noreturn]] void raise_input_error(const Diagnostics& diags,
                                    ExitCode code = ExitCode::kInvalidInput) {
  py::list items;
  for (const Diagnostic& d : diags.items()) items.append(diagnostic_dict(d));
  std::string text = diags.to_string();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  // An unreadable file is also an OSError (ScenarioFileError).
  const py::object cls = py::module_::import("sandtable.errors")
                             .attr(code == ExitCode::kIo ? "ScenarioFileError" : "ScenarioError");
  const py::object error = cls(text, items, static_cast<int>(code));
  PyErr_SetObject(cls.ptr(), error.ptr());
  throw py::error_already_set();
}

[[noreturn]] void raise_input_error(const Diagnostic& d) {
  Diagnostics diags;
  diags.add(d);
  raise_input_error(diags);
}

// An environment failure (I/O) is an OSError, bad input a ScenarioError,
// anything else a RuntimeError.
void check_status(const Status& s, const std::string& what) {
  if (s.is_ok()) return;
  const std::string text = what + ": " + s.message();
  if (s.code() == Status::Code::kInvalidInput) {
    Diagnostics diags;
    diags.add(SourceLocation{what, 0, 0}, "", s.message());
    raise_input_error(diags);
  }
  if (s.code() == Status::Code::kIo) {
    PyErr_SetString(PyExc_OSError, text.c_str());
    throw py::error_already_set();
  }
  throw std::runtime_error(text);
}

// While a sweep runs on Python's main thread, SIGINT and SIGTERM stop it
// after the batches in flight (as `sandtable sweep` does) instead of
// waiting for the interpreter, which sees signals only between calls; the
// interpreter's own handlers are put back afterwards. Elsewhere it does
// nothing: signal handlers belong to the main thread.
std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop.store(true); }

class StopOnSignal {
 public:
  StopOnSignal() {
    const py::module_ threading = py::module_::import("threading");
    active_ = threading.attr("current_thread")().is(threading.attr("main_thread")());
    if (!active_) return;
    g_stop.store(false);
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopOnSignal() {
    if (!active_) return;
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  [[nodiscard]] const std::atomic<bool>* flag() const { return active_ ? &g_stop : nullptr; }

 private:
  bool active_ = false;
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::shared_ptr<PyScenario> load(const std::string& path, const std::vector<std::string>& overrides,
                                 const std::vector<std::string>& calibrations) {
  LoadResult r = calibrations.empty() ? load_scenario(path, overrides)
                                      : load_scenario_calibrated(path, calibrations, overrides);
  if (!r.ok()) raise_input_error(r.diagnostics, r.exit_code());
  auto s = std::make_shared<PyScenario>();
  s->loaded = std::move(*r.loaded);
  s->overrides = overrides;
  s->calibrations = calibrations;
  return s;
}

// The text `sandtable show FILE` prints.
std::string show_text(const PyScenario& s) {
  std::string out = "# Resolved from " + s.loaded.source_path;
  if (!s.overrides.empty()) {
    out += " with " + std::to_string(s.overrides.size()) + " --set override(s)";
  }
  out += "; every default filled in.\n";
  out += "# scenario sha256: " + scenario_hash(s.loaded.scenario) + "\n";
  return out + to_yaml(s.loaded.scenario);
}

PyRun run_scenario(const std::shared_ptr<const PyScenario>& s, bool daily, bool timeline) {
  RunOptions options;
  options.record_daily = daily;
  options.record_timeline = timeline;
  PyRun out{s, {}};
  {
    const py::gil_scoped_release release;
    out.results = run(s->loaded.scenario, options);
  }
  return out;
}

std::vector<LoadedScenario> cases_of(const std::vector<std::shared_ptr<PyScenario>>& scenarios) {
  std::vector<LoadedScenario> cases;
  cases.reserve(scenarios.size());
  for (const auto& s : scenarios) cases.push_back(s->loaded);
  return cases;
}

std::string compare(const std::vector<std::shared_ptr<PyScenario>>& scenarios,
                    const std::vector<std::string>& outcomes, const std::string& attribution,
                    const std::string& detail,
                    const std::vector<std::vector<std::string>>& together, int exact_max,
                    bool sample, int permutations, std::uint64_t seed, const std::string& format) {
  if (scenarios.size() < 2) throw py::value_error("compare: give at least two scenarios");
  CompareOptions opt;
  opt.outcomes = outcomes;
  opt.by_assumption = attribution == "both" || attribution == "assumptions";
  opt.mechanisms =
      attribution == "both" || attribution == "mechanisms"
          ? (detail == "element" ? MechanismDetail::kByElement : MechanismDetail::kByKind)
          : MechanismDetail::kOff;
  opt.together = together;
  opt.exact_max = exact_max;
  opt.sample = sample;
  opt.permutations = permutations;
  opt.seed = seed;
  const std::vector<LoadedScenario> cases = cases_of(scenarios);
  Diagnostics errors;
  std::optional<Comparison> comparison;
  {
    const py::gil_scoped_release release;
    comparison = compare_scenarios(cases, opt, errors);
  }
  if (!comparison) raise_input_error(errors);
  const CompareFormat f = format == "csv"        ? CompareFormat::kCsv
                          : format == "table"    ? CompareFormat::kTable
                          : format == "markdown" ? CompareFormat::kMarkdown
                                                 : CompareFormat::kJson;
  return format_comparison(*comparison, f);
}

std::optional<Date> date_arg(const std::string& option, const std::string& text) {
  const auto d = Date::parse(text);
  if (!d) {
    raise_input_error(Diagnostic{SourceLocation{option, 0, 0}, "",
                                 "expected a date YYYY-MM-DD, found '" + text + "'", ""});
  }
  return d;
}

std::string timing(const std::shared_ptr<PyScenario>& s, const std::string& from,
                   const std::string& to, const std::string& step, const std::string& criteria,
                   const std::vector<std::string>& outcomes, const std::string& format) {
  TimingOptions options;
  options.from = *date_arg("start", from);
  options.to = *date_arg("end", to);
  const auto days = parse_day_step(step);
  if (!days) {
    raise_input_error(Diagnostic{SourceLocation{"step", 0, 0}, "",
                                 "expected a positive number of days, found '" + step + "'",
                                 "for example 7d, 2w or 7"});
  }
  options.step_days = *days;
  options.criteria = criteria;
  options.outcomes = outcomes;
  Diagnostics errors;
  std::optional<TimingReport> report;
  {
    const py::gil_scoped_release release;
    report = timing_scan(s->loaded.scenario, options, errors);
  }
  if (!report) raise_input_error(errors);
  return format_timing(*report, format == "csv" ? TimingFormat::kCsv : TimingFormat::kJson);
}

std::string threshold(const std::shared_ptr<PyScenario>& s, const std::string& vary,
                      const std::string& by, const std::string& criteria_text, int grid) {
  const Scenario& scenario = s->loaded.scenario;
  Diagnostic error;
  const std::string origin = criteria_text.empty() ? "analysis.criteria" : "--criteria";
  const std::string text = criteria_text.empty() ? scenario.analysis.criteria : criteria_text;
  const auto criteria = Criteria::parse(text, outcome_names(scenario), error, origin);
  if (!criteria) raise_input_error(error);
  const auto range = parse_range(scenario, vary, false, "--vary", error);
  if (!range) raise_input_error(error);
  std::optional<ParameterRange> along;
  if (!by.empty()) {
    along = parse_range(scenario, by, true, "--by", error);
    if (!along) raise_input_error(error);
    if (along->path == range->path) {
      raise_input_error(Diagnostic{SourceLocation{"by", 0, 0}, "",
                                   "vary another assumption than --vary (" + range->path + ")",
                                   ""});
    }
  }
  ThresholdOptions options;
  options.grid = grid;
  Diagnostics errors;
  std::string out;
  {
    const py::gil_scoped_release release;
    if (along) {
      const auto rows = trace_frontier(scenario, *range, *along, *criteria, options, errors);
      if (rows) out = frontier_json(*rows, *range, *along, text);
    } else {
      const auto result = find_threshold(scenario, *range, *criteria, options, errors);
      if (result) out = threshold_json(*result, *range, text);
    }
  }
  if (!errors.empty()) raise_input_error(errors);
  return out;
}

// Runs a study (a study file, or a scenario file with `vary`) into the
// database `out`; returns the run counts.
py::dict sweep(const std::string& file, const std::vector<std::string>& vary,
               const std::vector<std::string>& overrides, const std::string& method,
               std::optional<std::uint64_t> seed, std::optional<std::uint64_t> samples,
               std::optional<int> levels, const std::string& points, const std::string& out,
               int threads, bool resume, bool overwrite) {
  StudySpec spec;
  if (is_study_file(file)) {
    StudyLoadResult r = load_study(file);
    if (!r.ok()) raise_input_error(r.diagnostics, r.exit_code());
    spec = std::move(*r.spec);
  } else {
    spec.scenario = file;
    spec.design_where = SourceLocation{"<vary>", 0, 0};
  }
  Diagnostics diags;
  int number = 0;
  for (const std::string& v : vary) {
    auto p = parse_vary(v, ++number, diags);
    if (!p) continue;
    std::erase_if(spec.parameters, [&](const StudyParameter& q) { return q.path == p->path; });
    spec.parameters.push_back(std::move(*p));
  }
  if (!diags.empty()) raise_input_error(diags);
  spec.overrides.insert(spec.overrides.end(), overrides.begin(), overrides.end());
  if (!method.empty()) {
    const auto m = parse_design_method(method);
    if (!m) {
      std::string names;
      for (const std::string& n : design_method_names()) names += (names.empty() ? "" : ", ") + n;
      raise_input_error(Diagnostic{SourceLocation{"method", 0, 0}, "",
                                   "unknown design '" + method + "'", "one of " + names});
    }
    spec.method = *m;
  }
  if (seed) spec.seed = *seed;
  if (samples) spec.samples = *samples;
  if (levels) spec.levels = *levels;
  if (!points.empty()) spec.points = points;
  PrepareResult prepared = prepare_study(spec);
  if (!prepared.ok()) raise_input_error(prepared.diagnostics, prepared.exit_code());
  SweepOptions options;
  options.db_path = out;
  options.resume = resume;
  options.overwrite = overwrite;
  options.threads = threads;
  SweepSummary summary;
  Status st;
  {
    const StopOnSignal stop;
    options.stop = stop.flag();
    const py::gil_scoped_release release;
    st = run_sweep(*prepared.study, options, summary);
  }
  check_status(st, "sweep");
  if (summary.interrupted) {
    const std::string text = "sweep interrupted with " +
                             std::to_string(summary.skipped + summary.ran) + " of " +
                             std::to_string(summary.total) + " points stored in " + out +
                             "; run it again with resume=True to finish";
    PyErr_SetString(PyExc_KeyboardInterrupt, text.c_str());
    throw py::error_already_set();
  }
  py::dict d;
  d["total"] = summary.total;
  d["ran"] = summary.ran;
  d["failed"] = summary.failed;
  d["skipped"] = summary.skipped;
  d["seconds"] = summary.seconds;
  d["database"] = out;
  return d;
}

std::string export_db(const std::string& db, const std::string& format, bool partial) {
  std::ostringstream text;
  ExportOptions options;
  options.partial = partial;
  Status st;
  {
    const py::gil_scoped_release release;
    st = export_results(db, format == "jsonl" ? ExportFormat::kJsonLines : ExportFormat::kCsv, text,
                        options);
  }
  check_status(st, "export " + db);
  return text.str();
}

std::string analyze_db(const std::string& db) {
  AnalysisReport report;
  Status st;
  {
    const py::gil_scoped_release release;
    st = analyze_results(db, report);
  }
  check_status(st, "analyze " + db);
  return format_analysis_json(report);
}

std::string ensemble(const std::vector<std::shared_ptr<PyScenario>>& scenarios,
                     std::uint64_t worlds, std::uint64_t seed, const std::string& sampling,
                     int threads, const std::string& criteria,
                     const std::vector<std::string>& outcomes, const std::string& format) {
  const std::vector<LoadedScenario> cases = cases_of(scenarios);
  EnsembleOptions eo;
  eo.worlds = worlds;
  eo.seed = seed;
  eo.sampling = sampling == "sobol" ? WorldSampling::kSobol : WorldSampling::kLatinHypercube;
  eo.threads = threads;
  eo.criteria = criteria;
  eo.outcomes = outcomes;
  for (const auto& s : scenarios) eo.case_overrides.push_back(s->overrides);
  Diagnostics errors;
  ExitCode code = ExitCode::kInvalidInput;
  std::string out;
  {
    const py::gil_scoped_release release;
    const auto runs = run_ensemble(cases, eo, errors, &code);
    if (runs) {
      const EnsembleReport report = summarize_ensemble(cases, *runs, eo);
      out = format_ensemble(report, format == "csv" ? EnsembleFormat::kCsv : EnsembleFormat::kJson);
    }
  }
  if (!errors.empty() || out.empty()) raise_input_error(errors, code);
  return out;
}

std::string decide_options(const std::vector<std::shared_ptr<PyScenario>>& scenarios,
                           const std::vector<std::string>& labels, std::uint64_t worlds,
                           std::uint64_t seed, const std::string& sampling, int threads,
                           const std::string& criteria, const std::string& objective, bool minimize,
                           const std::string& format) {
  if (scenarios.size() < 2) throw py::value_error("decide: give at least two options");
  const std::vector<LoadedScenario> cases = cases_of(scenarios);
  EnsembleOptions eo;
  eo.worlds = worlds;
  eo.seed = seed;
  eo.sampling = sampling == "sobol" ? WorldSampling::kSobol : WorldSampling::kLatinHypercube;
  eo.threads = threads;
  eo.criteria = criteria;
  eo.labels = labels;
  for (const auto& sc : scenarios) eo.case_overrides.push_back(sc->overrides);
  DecisionOptions d;
  d.objective = objective;
  d.minimize = minimize;
  if (!objective.empty()) eo.extra_outcomes.push_back(objective);
  Diagnostics errors;
  ExitCode code = ExitCode::kInvalidInput;
  std::string out;
  {
    const py::gil_scoped_release release;
    const auto runs = run_ensemble(cases, eo, errors, &code);
    if (runs) {
      const auto report = decide(cases, *runs, eo, d, errors);
      if (report) {
        out = format_decision(*report,
                              format == "csv" ? EnsembleFormat::kCsv : EnsembleFormat::kJson);
      }
    }
  }
  if (!errors.empty() || out.empty()) raise_input_error(errors, code);
  return out;
}

std::string discover_db(const std::string& db, const std::string& criteria, bool fail,
                        const std::shared_ptr<PyScenario>& base, double min_density,
                        double min_support, double peel, int boxes) {
  if (criteria.find_first_not_of(" \t\n") == std::string::npos)
    throw py::value_error("discover: criteria must not be empty");
  ResultsTable table;
  Status st;
  {
    const py::gil_scoped_release release;
    st = read_results_table(db, table);
  }
  check_status(st, "discover " + db);
  DiscoverOptions options;
  options.criteria = criteria;
  options.fail = fail;
  options.prim.min_density = min_density;
  options.prim.min_support = min_support;
  options.prim.peel_alpha = peel;
  options.prim.max_boxes = boxes;
  Diagnostics errors;
  std::optional<Discovery> found;
  {
    const py::gil_scoped_release release;
    const auto kinds = parameter_kinds(table.parameters, base ? &base->loaded.scenario : nullptr);
    found = discover(table, kinds, options, errors);
  }
  if (!found) raise_input_error(errors);
  return discovery_json(*found);
}

std::string validate_cases(const std::vector<std::shared_ptr<PyScenario>>& scenarios,
                           const std::string& format) {
  if (scenarios.empty()) throw py::value_error("validate: give at least one case");
  const std::vector<LoadedScenario> cases = cases_of(scenarios);
  Diagnostics errors;
  std::optional<Validation> v;
  {
    const py::gil_scoped_release release;
    v = validate(cases, errors);
  }
  if (!v) raise_input_error(errors);
  const ValidationFormat f = format == "csv"        ? ValidationFormat::kCsv
                             : format == "table"    ? ValidationFormat::kTable
                             : format == "markdown" ? ValidationFormat::kMarkdown
                                                    : ValidationFormat::kJson;
  return format_validation(*v, f);
}

// The fit's report (JSON) and its overlay (YAML, as `fit -o` writes it).
std::pair<std::string, std::string> fit_cases(
    const std::vector<std::shared_ptr<PyScenario>>& scenarios, const std::vector<std::string>& free,
    int starts, int evaluations, std::uint64_t seed, int bootstrap, bool leave_one_out,
    int threads) {
  if (scenarios.empty()) throw py::value_error("fit: give at least one case");
  FitOptions options;
  std::string error;
  if (!parse_free_parameters(free, options.free, error))
    throw py::value_error("fit: free " + error);
  if (options.free.empty()) throw py::value_error("fit: give at least one free coefficient");
  options.starts = starts;
  options.evaluations_per_start = evaluations;
  options.seed = seed;
  options.bootstrap = bootstrap;
  options.leave_one_out = leave_one_out;
  options.threads = threads;
  const std::vector<LoadedScenario> cases = cases_of(scenarios);
  Diagnostics errors;
  std::optional<FitResult> result;
  {
    const py::gil_scoped_release release;
    result = fit(cases, options, errors);
  }
  if (!result) raise_input_error(errors);
  return {format_fit_report(*result, true), format_fit_overlay(*result)};
}

}  // namespace
}  // namespace sandtable

PYBIND11_MODULE(_core, m) {
  using namespace sandtable;
  using py::arg;
  m.doc() = "Compiled entry points of the sandtable library (see the sandtable package).";
  m.attr("version") = kVersion;

  py::class_<PyScenario, std::shared_ptr<PyScenario>>(m, "Scenario")
      .def_property_readonly("name", [](const PyScenario& s) { return s.loaded.scenario.name; })
      .def_property_readonly("hash",
                             [](const PyScenario& s) { return scenario_hash(s.loaded.scenario); })
      .def_property_readonly("path", [](const PyScenario& s) { return s.loaded.source_path; })
      .def_readonly("overrides", &PyScenario::overrides)
      .def_readonly("calibrations", &PyScenario::calibrations)
      .def("json", [](const PyScenario& s) { return scenario_to_json(s.loaded.scenario); })
      .def("yaml", [](const PyScenario& s) { return to_yaml(s.loaded.scenario); })
      .def("show", &show_text)
      .def(
          "flatten",
          [](const PyScenario& s, bool descriptive) {
            return flatten(s.loaded.scenario, descriptive);
          },
          arg("descriptive") = false)
      .def("provenance",
           [](const PyScenario& s) {
             py::dict out;
             for (const auto& [path, where] : s.loaded.provenance)
               out[py::str(path)] = where.to_string();
             return out;
           })
      .def("outcome_units", [](const PyScenario& s) { return outcome_units(s.loaded.scenario); });

  py::class_<PyRun>(m, "Run")
      .def("summary_json",
           [](const PyRun& r) { return format_summary_json(r.scenario->loaded, r.results); })
      .def("daily_csv",
           [](const PyRun& r) { return format_daily_csv(r.scenario->loaded.scenario, r.results); })
      .def("table", [](const PyRun& r) { return format_run_table(r.scenario->loaded, r.results); })
      .def("outcomes", [](const PyRun& r) { return outcome_values(r.results); })
      .def("warnings", [](const PyRun& r) { return near_switch_warnings(r.results); });

  m.def("load", &load, arg("path"), arg("overrides"), arg("calibrations"));
  m.def("run", &run_scenario, arg("scenario"), arg("daily") = true, arg("timeline") = true);
  m.def("compare", &compare, arg("scenarios"), arg("outcomes"), arg("attribution"), arg("detail"),
        arg("together"), arg("exact_max"), arg("sample"), arg("permutations"), arg("seed"),
        arg("format"));
  m.def("timing", &timing, arg("scenario"), arg("start"), arg("end"), arg("step"), arg("criteria"),
        arg("outcomes"), arg("format"));
  m.def("threshold", &threshold, arg("scenario"), arg("vary"), arg("by"), arg("criteria"),
        arg("grid"));
  m.def("sweep", &sweep, arg("file"), arg("vary"), arg("overrides"), arg("method"), arg("seed"),
        arg("samples"), arg("levels"), arg("points"), arg("out"), arg("threads"), arg("resume"),
        arg("overwrite"));
  m.def("export", &export_db, arg("database"), arg("format") = "csv", arg("partial") = false);
  m.def("analyze", &analyze_db, arg("database"));
  m.def("ensemble", &ensemble, arg("scenarios"), arg("worlds"), arg("seed"), arg("sampling"),
        arg("threads"), arg("criteria"), arg("outcomes"), arg("format"));
  m.def("decide", &decide_options, arg("scenarios"), arg("labels"), arg("worlds"), arg("seed"),
        arg("sampling"), arg("threads"), arg("criteria"), arg("objective"), arg("minimize"),
        arg("format"));
  m.def("discover", &discover_db, arg("database"), arg("criteria"), arg("fail"), arg("base"),
        arg("min_density"), arg("min_support"), arg("peel"), arg("boxes"));
  m.def("validate", &validate_cases, arg("scenarios"), arg("format"));
  m.def("fit", &fit_cases, arg("scenarios"), arg("free"), arg("starts"), arg("evaluations"),
        arg("seed"), arg("bootstrap"), arg("leave_one_out"), arg("threads"));
}
