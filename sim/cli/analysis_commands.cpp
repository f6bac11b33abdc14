// `sandtable compare`, `timing`, `threshold`, `discover`, `validate` and
// `fit`: thin shells over sandtable/compare.hpp, timing.hpp, threshold.hpp,
// prim.hpp, validate.hpp and fit.hpp.
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "sandtable/cluster.hpp"
#include "sandtable/compare.hpp"
#include "sandtable/criteria.hpp"
#include "sandtable/discover.hpp"
#include "sandtable/fit.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/threshold.hpp"
#include "sandtable/timing.hpp"
#include "sandtable/validate.hpp"

namespace sandtable::cli {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  for (const char ch : text + ",") {
    if (ch != ',') {
      part += ch;
    } else if (!part.empty()) {
      parts.push_back(part);
      part.clear();
    }
  }
  return parts;
}

const CLI::Validator& non_empty_criteria() {
  static const CLI::Validator v(
      [](std::string& text) -> std::string {
        if (text.find_first_not_of(" \t\n") != std::string::npos) return {};
        return "must not be empty (omit --criteria to use the scenario's analysis.criteria)";
      },
      "CRITERIA");
  return v;
}

namespace {

void usage_error(Context& ctx, const std::string& command, const std::string& message) {
  ctx.err << "sandtable " << command << ": " << message << "\n";
  ctx.err << "Run 'sandtable " << command << " --help' for its options.\n";
  ctx.fail(ExitCode::kUsage);
}

struct CompareCli {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::string format = "table";
  std::string outcomes;
  std::string attribution = "both";
  std::string detail = "kind";
  std::vector<std::string> together;
  CompareOptions options;
  int top = 5;
  std::uint64_t ensemble = 0;
  EnsembleCommon common;
};

void run_compare(Context& ctx, CompareCli& o) {
  if (o.files.size() < 2) return usage_error(ctx, "compare", "give at least two scenario files");
  if (o.ensemble > 0) {
    o.common.worlds = o.ensemble;
    o.common.seed = o.options.seed;
    o.common.format = o.format;
    return run_ensemble_report(ctx, o.files, o.overrides, o.common);
  }
  std::vector<LoadedScenario> cases;
  for (const std::string& file : o.files) {
    auto loaded = load_or_report(ctx, file, o.overrides);
    if (!loaded) return;
    cases.push_back(std::move(*loaded));
  }
  CompareOptions& opt = o.options;
  opt.outcomes = split_commas(o.outcomes);
  opt.by_assumption = o.attribution == "both" || o.attribution == "assumptions";
  opt.mechanisms =
      o.attribution == "both" || o.attribution == "mechanisms"
          ? (o.detail == "element" ? MechanismDetail::kByElement : MechanismDetail::kByKind)
          : MechanismDetail::kOff;
  for (const std::string& group : o.together) opt.together.push_back(split_commas(group));
  Diagnostics errors;
  const auto comparison = compare_scenarios(cases, opt, errors);
  if (!comparison) {
    ctx.err << errors.to_string();
    return ctx.fail(ExitCode::kInvalidInput);
  }
  const CompareFormat format = o.format == "json"       ? CompareFormat::kJson
                               : o.format == "csv"      ? CompareFormat::kCsv
                               : o.format == "markdown" ? CompareFormat::kMarkdown
                                                        : CompareFormat::kTable;
  ctx.out << format_comparison(*comparison, format, o.top, ctx.width);
}

void add_compare(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CompareCli>();
  CLI::App* c = app.add_subcommand(
      "compare", "Compare scenarios side by side and explain why their outcomes differ");
  c->add_option("files", o->files, "Scenario files (two or more; differences are to the first)")
      ->required();
  add_set_option(*c, o->overrides);
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
      ->default_str("table");
  c->add_option("--outcomes", o->outcomes,
                "Outcomes to attribute, comma-separated (default: the headline outcomes)");
  c->add_option("--attribution", o->attribution, "Which attributions to compute")
      ->check(CLI::IsMember({"both", "assumptions", "mechanisms", "none"}))
      ->default_str("both");
  c->add_option(
       "--mechanism-detail", o->detail,
       "Mechanism players: one per kind of state (readiness...) or one per element and kind")
      ->check(CLI::IsMember({"kind", "element"}))
      ->default_str("kind");
  c->add_option("--together", o->together,
                "Attribute these differing keys as one player, comma-separated (repeatable)");
  c->add_option("--exact-max", o->options.exact_max,
                "Exact Shapley values up to this many players, sampled beyond")
      ->check(CLI::Range(0, 20))
      ->default_str("12");
  c->add_flag("--sample", o->options.sample,
              "Sample permutations even when exact values are cheap");
  c->add_option("--permutations", o->options.permutations, "Permutations when sampling")
      ->check(CLI::Range(1, 1000000))
      ->default_str("1000");
  c->add_option("--seed", o->options.seed, "Seed of the permutation sampling")->default_str("2015");
  c->add_option("--top", o->top,
                "Contributions listed per outcome in the table (the rest are summed)")
      ->check(CLI::Range(1, 1000))
      ->default_str("5");
  c->add_option("--ensemble", o->ensemble,
                "Compare on N worlds drawn from the cases' uncertainty: blocks (paired), "
                "instead of one run each")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}));
  add_ensemble_options(*c, o->common, false);
  c->callback([&ctx, o] { run_compare(ctx, *o); });
}

struct TimingCli {
  std::string file;
  std::vector<std::string> overrides;
  std::string from;
  std::string to;
  std::string step = "7d";
  std::string criteria;
  std::string outcomes;
  std::string format = "table";
};

// Parses a --from/--to date; on failure reports it (exit 1) and returns nothing.
std::optional<Date> parse_date_option(Context& ctx, const std::string& option,
                                      const std::string& text) {
  const auto d = Date::parse(text);
  if (!d) {
    ctx.err << option << ": error: expected a date YYYY-MM-DD, found '" << text << "'\n";
    ctx.fail(ExitCode::kInvalidInput);
  }
  return d;
}

void run_timing(Context& ctx, const TimingCli& o) {
  auto loaded = load_or_report(ctx, o.file, o.overrides);
  if (!loaded) return;
  TimingOptions options;
  const auto from = parse_date_option(ctx, "--from", o.from);
  const auto to = from ? parse_date_option(ctx, "--to", o.to) : std::nullopt;
  if (!from || !to) return;
  const auto step = parse_day_step(o.step);
  if (!step) {
    ctx.err << "--step: error: expected a positive number of days, found '" << o.step
            << "'; for example 7d, 2w or 7\n";
    return ctx.fail(ExitCode::kInvalidInput);
  }
  options.from = *from;
  options.to = *to;
  options.step_days = *step;
  options.criteria = o.criteria;
  options.outcomes = split_commas(o.outcomes);
  Diagnostics errors;
  const auto report = timing_scan(loaded->scenario, options, errors);
  if (!report) {
    ctx.err << errors.to_string();
    return ctx.fail(ExitCode::kInvalidInput);
  }
  ctx.out << format_timing(*report,
                           o.format == "json"  ? TimingFormat::kJson
                           : o.format == "csv" ? TimingFormat::kCsv
                                               : TimingFormat::kTable,
                           ctx.width);
}

void add_timing(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TimingCli>();
  CLI::App* c = app.add_subcommand(
      "timing", "Move D-day across a window and find the earliest D-day that meets the criteria");
  c->add_option("file", o->file, "Scenario file")->required();
  add_set_option(*c, o->overrides);
  c->add_option("--from", o->from, "First D-day (YYYY-MM-DD)")->required();
  c->add_option("--to", o->to, "Last D-day (YYYY-MM-DD)")->required();
  c->add_option("--step", o->step, "Days between D-days: 7d, 2w or 7")->default_str("7d");
  c->add_option("--criteria", o->criteria,
                "Success criteria over outcome names (default: the scenario's analysis.criteria)")
      ->check(non_empty_criteria());
  c->add_option("--outcomes", o->outcomes, "Outcomes to show, comma-separated");
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_timing(ctx, *o); });
}

struct ThresholdCli {
  std::string file;
  std::vector<std::string> overrides;
  std::string vary;
  std::string by;
  std::string criteria;
  ThresholdOptions options;
  std::string format = "table";
};

void run_threshold(Context& ctx, const ThresholdCli& o) {
  auto loaded = load_or_report(ctx, o.file, o.overrides);
  if (!loaded) return;
  const Scenario& scenario = loaded->scenario;
  Diagnostic error;
  const std::string origin = o.criteria.empty() ? "analysis.criteria" : "--criteria";
  const std::string text = o.criteria.empty() ? scenario.analysis.criteria : o.criteria;
  const auto criteria = Criteria::parse(text, outcome_names(scenario), error, origin);
  const auto vary = criteria ? parse_range(scenario, o.vary, false, "--vary", error) : std::nullopt;
  const auto by =
      vary && !o.by.empty() ? parse_range(scenario, o.by, true, "--by", error) : std::nullopt;
  if (!criteria || !vary || (!o.by.empty() && !by)) {
    ctx.err << error.to_string() << "\n";
    return ctx.fail(ExitCode::kInvalidInput);
  }
  if (by && by->path == vary->path) {
    ctx.err << "--by: error: vary another assumption than --vary (" << vary->path << ")\n";
    return ctx.fail(ExitCode::kInvalidInput);
  }
  Diagnostics errors;
  if (by) {
    const auto rows = trace_frontier(scenario, *vary, *by, *criteria, o.options, errors);
    if (rows) {
      ctx.out << (o.format == "json" ? frontier_json(*rows, *vary, *by, text)
                                     : format_frontier(*rows, *vary, *by, text));
    }
  } else {
    const auto result = find_threshold(scenario, *vary, *criteria, o.options, errors);
    if (result) {
      ctx.out << (o.format == "json" ? threshold_json(*result, *vary, text)
                                     : format_threshold(*result, *vary, text));
    }
  }
  if (!errors.empty()) {
    ctx.err << errors.to_string();
    ctx.fail(ExitCode::kInvalidInput);
  }
}

void add_threshold(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ThresholdCli>();
  CLI::App* c = app.add_subcommand(
      "threshold", "Find the value of one assumption at which the criteria switch (or a frontier)");
  c->add_option("file", o->file, "Scenario file")->required();
  add_set_option(*c, o->overrides);
  c->add_option("--vary", o->vary, "The assumption and the interval searched: PATH=LO..HI")
      ->required();
  c->add_option(
      "--by", o->by,
      "Trace the threshold along a second assumption: PATH=VALUES (from:to:step, a,b,c, ...)");
  c->add_option("--criteria", o->criteria,
                "Success criteria over outcome names (default: the scenario's analysis.criteria)")
      ->check(non_empty_criteria());
  c->add_option("--grid", o->options.grid, "Values scanned before bisecting")
      ->check(CLI::Range(2, 100000))
      ->default_str("33");
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_threshold(ctx, *o); });
}

struct DiscoverCli {
  std::string database;
  std::string criteria;
  bool fail = false;
  std::string scenario;
  PrimOptions prim;
  std::string format = "table";
};

void run_discover(Context& ctx, const DiscoverCli& o) {
  ResultsTable table;
  if (const Status s = read_results_table(o.database, table, read_progress(ctx, "discover"));
      !s.is_ok()) {
    ctx.err << "sandtable discover: " << s.message() << "\n";
    return ctx.fail(s.exit_code());
  }
  std::optional<LoadedScenario> base;
  if (!o.scenario.empty()) {
    base = load_or_report(ctx, o.scenario, {});
    if (!base) return;
  }
  DiscoverOptions options;
  options.criteria = o.criteria;
  options.fail = o.fail;
  options.prim = o.prim;
  Diagnostics errors;
  const auto kinds = parameter_kinds(table.parameters, base ? &base->scenario : nullptr);
  const auto discovery = discover(table, kinds, options, errors);
  if (!discovery) {
    ctx.err << errors.to_string();
    return ctx.fail(ExitCode::kInvalidInput);
  }
  ctx.out << (o.format == "json" ? discovery_json(*discovery) : format_discovery(*discovery));
}

void add_discover(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DiscoverCli>();
  CLI::App* c = app.add_subcommand(
      "discover", "Find the regions of a sweep's assumptions where the criteria hold (PRIM boxes)");
  c->add_option("database", o->database, "Results database written by 'sandtable sweep'")
      ->required();
  c->add_option("--criteria", o->criteria, "Criteria over the stored outcome names")
      ->check(non_empty_criteria())
      ->required();
  c->add_flag("--fail", o->fail, "Describe where the criteria fail instead");
  c->add_option("--scenario", o->scenario,
                "Base scenario, to print date-valued assumptions as dates");
  c->add_option("--min-density", o->prim.min_density, "Least density of a reported box")
      ->check(CLI::Range(0.0, 1.0))
      ->default_str("0.8");
  c->add_option("--min-support", o->prim.min_support, "Least share of the runs a box keeps")
      ->check(CLI::Range(0.001, 1.0))
      ->default_str("0.05");
  c->add_option("--peel", o->prim.peel_alpha, "Share of a box's runs peeled per step")
      ->check(CLI::Range(0.01, 0.5))
      ->default_str("0.05");
  c->add_option("--boxes", o->prim.max_boxes, "Most boxes in the covering")
      ->check(CLI::Range(1, 20))
      ->default_str("3");
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_discover(ctx, *o); });
}

struct ValidateCli {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::string format = "table";
  std::vector<std::string> calibrations;
};

void run_validate(Context& ctx, const ValidateCli& o) {
  std::vector<LoadedScenario> cases;
  for (const std::string& file : o.files) {
    LoadResult r = load_scenario_calibrated(file, o.calibrations, o.overrides);
    if (!r.ok()) {
      ctx.err << r.diagnostics.to_string();
      return ctx.fail(r.exit_code());
    }
    cases.push_back(std::move(*r.loaded));
  }
  Diagnostics errors;
  const auto v = validate(cases, errors);
  if (!v) {
    ctx.err << errors.to_string();
    return ctx.fail(ExitCode::kInvalidInput);
  }
  const ValidationFormat format = o.format == "json"       ? ValidationFormat::kJson
                                  : o.format == "csv"      ? ValidationFormat::kCsv
                                  : o.format == "markdown" ? ValidationFormat::kMarkdown
                                                           : ValidationFormat::kTable;
  ctx.out << format_validation(*v, format);
}

void add_validate(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ValidateCli>();
  CLI::App* c = app.add_subcommand(
      "validate", "Run recorded battles and score the model against what happened");
  c->add_option("files", o->files, "Scenario files with an observed: block")
      ->required()
      ->check(CLI::ExistingPath);
  add_set_option(*c, o->overrides);
  c->add_option("--calibration", o->calibrations,
                "A fitted overlay (as `fit -o` writes it) applied to every case before --set "
                "(repeatable, later ones win)");
  c->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_validate(ctx, *o); });
}

struct FitCli {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  std::vector<std::string> free;
  std::string out;
  std::string format = "table";
  FitOptions options;
};

void run_fit(Context& ctx, FitCli& o) {
  std::string error;
  if (!parse_free_parameters(o.free, o.options.free, error)) {
    return usage_error(ctx, "fit", "--free " + error);
  }
  std::vector<LoadedScenario> cases;
  for (const std::string& file : o.files) {
    auto loaded = load_or_report(ctx, file, o.overrides);
    if (!loaded) return;
    cases.push_back(std::move(*loaded));
  }
  Diagnostics errors;
  const auto result = fit(cases, o.options, errors);
  if (!result) {
    ctx.err << errors.to_string();
    return ctx.fail(ExitCode::kInvalidInput);
  }
  ctx.out << format_fit_report(*result, o.format == "json");
  // In an MPI job every rank fits alike; rank 0 alone writes the overlay.
  if (!o.out.empty() && !cluster_worker()) {
    std::ofstream file(o.out, std::ios::binary);
    file << format_fit_overlay(*result);
    file.close();
    if (!file) {
      ctx.err << "sandtable fit: cannot write " << o.out << "\n";
      return ctx.fail(ExitCode::kIo);
    }
    ctx.err << "wrote " << o.out << "\n";
  }
}

void add_fit(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FitCli>();
  CLI::App* c = app.add_subcommand(
      "fit", "Fit free coefficients to recorded battles, with uncertainty and leave-one-out error");
  c->add_option("files", o->files, "Scenario files with an observed: block")
      ->required()
      ->check(CLI::ExistingPath);
  c->add_option("--free", o->free, "A coefficient to fit: path=low..high (repeatable)")->required();
  add_set_option(*c, o->overrides);
  c->add_option("-o,--output", o->out, "Write the fitted values as a scenario overlay (YAML)");
  c->add_option("--starts", o->options.starts, "Nelder-Mead starts")
      ->check(CLI::Range(1, 100))
      ->default_str("6");
  c->add_option("--evaluations", o->options.evaluations_per_start, "Model evaluations per start")
      ->check(CLI::Range(10, 100000))
      ->default_str("400");
  c->add_option("--seed", o->options.seed, "Seed of the starts and the bootstrap")
      ->check(CLI::NonNegativeNumber)
      ->default_str("1");
  c->add_option("--bootstrap", o->options.bootstrap, "Bootstrap resamples of the cases")
      ->check(CLI::Range(0, 10000))
      ->default_str("0");
  c->add_flag("--loo", o->options.leave_one_out, "Leave-one-out cross-validation");
  c->add_option("-j,--threads", o->options.threads, "Threads (default: every core)")
      ->check(CLI::Range(0, 1024));
  c->add_option("--format", o->format, "Report format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  c->callback([&ctx, o] { run_fit(ctx, *o); });
}

}  // namespace

void add_analysis_commands(CLI::App& app, Context& ctx) {
  add_compare(app, ctx);
  add_timing(app, ctx);
  add_threshold(app, ctx);
  add_discover(app, ctx);
  add_validate(app, ctx);
  add_fit(app, ctx);
}

}  // namespace sandtable::cli
