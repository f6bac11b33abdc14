// `sandtable ensemble`, `compare --ensemble` and `decide`: thin shells over
// sandtable/ensemble.hpp.
#include <memory>

#include "analysis/labels.hpp"
#include "cli/commands.hpp"
#include "cli/log.hpp"
#include "sandtable/ensemble.hpp"
#include "study/levels.hpp"
#include "util/text.hpp"

namespace sandtable::cli {

namespace {

EnsembleFormat parse_format(const std::string& text) {
  return text == "json"       ? EnsembleFormat::kJson
         : text == "csv"      ? EnsembleFormat::kCsv
         : text == "markdown" ? EnsembleFormat::kMarkdown
                              : EnsembleFormat::kTable;
}

struct EnsembleCli {
  std::vector<std::string> files;
  std::vector<std::string> overrides;
  EnsembleCommon common;
};

struct DecideCli {
  std::vector<std::string> files;
  std::vector<std::string> option_files;
  std::vector<std::string> levers;
  std::vector<std::string> overrides;
  std::string minimize;
  std::string maximize;
  EnsembleCommon common;
};

bool prepare_options(Context& ctx, const EnsembleCommon& c, EnsembleOptions& o,
                     const std::string& command) {
  if (c.resume && c.overwrite) {
    ctx.err << "sandtable " << command
            << ": --resume and --overwrite contradict each other: --resume continues the stored "
               "ensemble, --overwrite replaces it; give one\n";
    ctx.fail(ExitCode::kUsage);
    return false;
  }
  if ((c.resume || c.overwrite) && c.store_dir.empty()) {
    ctx.err << "sandtable " << command << ": " << (c.resume ? "--resume" : "--overwrite")
            << " acts on the databases of -o DIR; give -o\n";
    ctx.fail(ExitCode::kUsage);
    return false;
  }
  o.worlds = c.worlds;
  o.seed = c.seed;
  o.sampling = c.sampling == "sobol" ? WorldSampling::kSobol : WorldSampling::kLatinHypercube;
  o.threads = c.threads;
  o.criteria = c.criteria;
  o.outcomes = split_commas(c.outcomes);
  o.store_dir = c.store_dir;
  o.resume = c.resume;
  o.overwrite = c.overwrite;
  o.stop = &stop_flag();
  o.progress = progress_reporter(ctx, c.quiet, command);
  log().debug("{}: {} worlds ({}, seed {}), {} threads{}", command, o.worlds, c.sampling, o.seed,
              o.threads > 0 ? std::to_string(o.threads) : std::string("all"),
              o.store_dir.empty() ? ", in memory" : ", stored in " + o.store_dir);
  return true;
}

void report_errors(Context& ctx, const Diagnostics& errors,
                   ExitCode code = ExitCode::kInvalidInput) {
  ctx.err << errors.to_string();
  ctx.fail(code);
}

void run_ensemble_command(Context& ctx, EnsembleCli& o) {
  run_ensemble_report(ctx, o.files, o.overrides, o.common);
}

// One option per combination of lever values, in lever order (the last
// lever varies fastest); each lever is "path=values" in the --vary grammar
// with discrete values.
struct Lever {
  std::string path;
  std::vector<std::string> values;
};

bool parse_levers(Context& ctx, const LoadedScenario& base, const std::vector<std::string>& args,
                  std::vector<Lever>& out) {
  Diagnostics errors;
  int number = 0;
  for (const std::string& arg : args) {
    ++number;
    const SourceLocation where{"<--lever " + std::to_string(number) + ">", 1, 1};
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == arg.size()) {
      errors.add(where, "", "expected path=values, found '" + arg + "'",
                 "e.g. --lever calendar.d_day=2015-02-02,2015-03-02,2015-04-15");
      continue;
    }
    Lever lever;
    lever.path = arg.substr(0, eq);
    Scenario copy = base.scenario;
    Diagnostic d;
    const auto ref = ParameterRef::resolve(copy, lever.path, d);
    if (!ref) {
      errors.add(where, lever.path, d.message, d.hint);
      continue;
    }
    std::string error;
    const auto levels = study::Levels::parse(arg.substr(eq + 1), ref->info(), error);
    if (!levels) {
      errors.add(where, lever.path, error);
      continue;
    }
    if (!levels->discrete() || levels->size() == 0 || levels->size() > 1000) {
      errors.add(where, lever.path,
                 "a lever needs between 1 and 1,000 discrete values (the options to choose "
                 "from), found " +
                     (levels->discrete() ? std::to_string(levels->size()) + " values"
                                         : std::string("a continuous range")));
      continue;
    }
    for (std::uint64_t i = 0; i < levels->size(); ++i) {
      lever.values.push_back(levels->value_text(levels->at(i)));
    }
    out.push_back(std::move(lever));
  }
  if (!errors.empty()) {
    report_errors(ctx, errors);
    return false;
  }
  return true;
}

void run_decide(Context& ctx, DecideCli& o) {
  if (!o.minimize.empty() && !o.maximize.empty()) {
    ctx.err << "sandtable decide: give --minimize or --maximize, not both\n";
    return ctx.fail(ExitCode::kUsage);
  }
  std::vector<std::string> files = o.files;
  files.insert(files.end(), o.option_files.begin(), o.option_files.end());
  std::vector<LoadedScenario> options;
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> option_overrides;
  std::vector<LoadedScenario> bases;
  for (const std::string& f : files) {
    auto loaded = load_or_report(ctx, f, o.overrides);
    if (!loaded) return;
    bases.push_back(std::move(*loaded));
  }
  std::vector<Lever> levers;
  if (!parse_levers(ctx, bases.front(), o.levers, levers)) return;
  std::uint64_t combinations = 1;
  for (const Lever& l : levers) combinations *= l.values.size();
  if (combinations * bases.size() > 1000) {
    ctx.err << "sandtable decide: " << combinations * bases.size()
            << " options is more than 1,000; use fewer lever values\n";
    return ctx.fail(ExitCode::kUsage);
  }
  if (combinations * bases.size() < 2) {
    ctx.err << "sandtable decide: a decision needs at least two options: give several files, "
               "--option FILE or a --lever with several values\n";
    return ctx.fail(ExitCode::kUsage);
  }
  const std::vector<std::string> stems = analysis::case_labels(bases);
  for (std::size_t b = 0; b < bases.size(); ++b) {
    for (std::uint64_t c = 0; c < combinations; ++c) {
      if (levers.empty()) {
        options.push_back(bases[b]);
        labels.push_back(stems[b]);
        option_overrides.push_back(o.overrides);
        continue;
      }
      std::vector<std::string> overrides = o.overrides;
      const std::string& label = stems[b];
      std::uint64_t rest = c;
      std::vector<std::string> parts;
      for (std::size_t l = levers.size(); l-- > 0;) {
        const std::string& v = levers[l].values[rest % levers[l].values.size()];
        rest /= levers[l].values.size();
        parts.insert(parts.begin(), levers[l].path + "=" + v);
      }
      for (const std::string& p : parts) overrides.push_back(p);
      option_overrides.push_back(overrides);
      auto loaded = load_or_report(ctx, files[b], overrides);
      if (!loaded) return;
      options.push_back(std::move(*loaded));
      std::string tail;
      for (const std::string& p : parts) {
        tail += (tail.empty() ? "" : ", ") + p.substr(p.rfind('.', p.find('=')) + 1);
      }
      labels.push_back(bases.size() > 1 ? label + " " + tail : tail);
    }
  }
  EnsembleOptions eo;
  if (!prepare_options(ctx, o.common, eo, "decide")) return;
  eo.labels = labels;
  eo.case_overrides = option_overrides;
  DecisionOptions d;
  d.objective = o.minimize.empty() ? o.maximize : o.minimize;
  d.minimize = o.maximize.empty();
  if (!d.objective.empty()) eo.extra_outcomes.push_back(d.objective);
  Diagnostics errors;
  ExitCode code = ExitCode::kInvalidInput;
  SignalGuard guard;
  const auto runs = run_ensemble(options, eo, errors, &code);
  if (!runs) return report_errors(ctx, errors, code);
  const auto report = decide(options, *runs, eo, d, errors);
  if (!report) return report_errors(ctx, errors);
  ctx.out << format_decision(*report, parse_format(o.common.format));
}

}  // namespace

void add_ensemble_options(CLI::App& c, EnsembleCommon& o, bool worlds_flag) {
  if (worlds_flag) {  // own commands; `compare --ensemble` has its own seed and format
    c.add_option("-n,--worlds", o.worlds, "Worlds: draws of every uncertain assumption")
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000000}))
        ->default_str("1000");
    c.add_option("--seed", o.seed, "Seed of the worlds")->default_str("2015");
    c.add_option("--format", o.format, "Output format")
        ->check(CLI::IsMember({"table", "json", "csv", "markdown"}))
        ->default_str("table");
  }
  c.add_option("--sampling", o.sampling, "How worlds are drawn")
      ->check(CLI::IsMember({"lhs", "sobol"}))
      ->default_str("lhs");
  c.add_option("--criteria", o.criteria,
               "What counts as a good outcome (default: the first case's analysis.criteria)")
      ->check(non_empty_criteria());
  c.add_option("--ensemble-outcomes", o.outcomes,
               "Outcomes to report, comma-separated (default: duration, casualties per "
               "element, shares, US exposure, displaced)");
  c.add_option("-j,--threads", o.threads, "Threads (default: every core)")
      ->check(CLI::Range(0, 1024));
  c.add_option("-o,--output", o.store_dir,
               "Store each case's runs in DIR/<case>.db (results databases, resumable)");
  c.add_flag("--resume", o.resume, "Continue the stored ensemble in -o DIR");
  c.add_flag("--overwrite", o.overwrite, "Replace the databases in -o DIR");
  c.add_flag("-q,--quiet", o.quiet, "No progress output");
}

void run_ensemble_report(Context& ctx, const std::vector<std::string>& files,
                         const std::vector<std::string>& overrides, const EnsembleCommon& common) {
  std::vector<LoadedScenario> cases;
  for (const std::string& f : files) {
    auto loaded = load_or_report(ctx, f, overrides);
    if (!loaded) return;
    cases.push_back(std::move(*loaded));
  }
  EnsembleOptions eo;
  if (!prepare_options(ctx, common, eo, "ensemble")) return;
  eo.case_overrides.assign(cases.size(), overrides);
  Diagnostics errors;
  ExitCode code = ExitCode::kInvalidInput;
  SignalGuard guard;
  const auto runs = run_ensemble(cases, eo, errors, &code);
  if (!runs) return report_errors(ctx, errors, code);
  const EnsembleReport report = summarize_ensemble(cases, *runs, eo);
  ctx.out << format_ensemble(report, parse_format(common.format));
}

void add_ensemble_commands(CLI::App& app, Context& ctx) {
  {
    auto o = std::make_shared<EnsembleCli>();
    CLI::App* c = app.add_subcommand(
        "ensemble",
        "Run scenarios on the same worlds drawn from their uncertainty: blocks, with paired "
        "differences");
    c->add_option("files", o->files, "Scenario files (later ones are paired with the first)")
        ->required();
    add_set_option(*c, o->overrides);
    add_ensemble_options(*c, o->common, true);
    c->callback([&ctx, o] { run_ensemble_command(ctx, *o); });
  }
  {
    auto o = std::make_shared<DecideCli>();
    CLI::App* c = app.add_subcommand(
        "decide",
        "Rank options (files, --option overlays, --lever values) across the same worlds by "
        "satisficing share, success, expected objective and regret");
    c->add_option("files", o->files, "Scenario files, each an option (or the base of the levers)")
        ->required();
    c->add_option("--option", o->option_files, "One more option: a scenario file (repeatable)");
    c->add_option("--lever", o->levers,
                  "A lever: path=values in the --vary grammar, each value an option (repeatable; "
                  "several levers are crossed)");
    add_set_option(*c, o->overrides);
    c->add_option("--minimize", o->minimize, "Objective outcome to minimise (regret is on it)");
    c->add_option("--maximize", o->maximize, "Objective outcome to maximise");
    add_ensemble_options(*c, o->common, true);
    c->callback([&ctx, o] { run_decide(ctx, *o); });
  }
}

}  // namespace sandtable::cli
