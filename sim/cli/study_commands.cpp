// `sandtable sweep`, `export` and `analyze`.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/log.hpp"
#include "sandtable/study.hpp"
#include "study/export.hpp"
#include "util/text.hpp"

namespace sandtable::cli {

namespace {

constexpr std::uint64_t kConfirmPoints = 10'000'000;
constexpr double kConfirmSeconds = 3600.0;
constexpr double kConfirmBytes = 20e9;
constexpr int kInterruptedExit = 130;  // 128 + SIGINT, as shells report it

}  // namespace

namespace {
std::atomic<bool> g_stop{false};
}  // namespace

extern "C" void on_signal(int) { g_stop.store(true); }

const std::atomic<bool>& stop_flag() { return g_stop; }

SignalGuard::SignalGuard() {
  g_stop.store(false);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

SignalGuard::~SignalGuard() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

namespace {

struct SweepCli {
  std::string file;
  std::vector<std::string> vary;
  std::vector<std::string> overrides;
  std::string method;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> samples;
  std::optional<int> levels;
  std::string points;
  std::string out;
  int threads = 0;
  std::uint64_t batch = 0;
  bool resume = false;
  bool overwrite = false;
  bool no_store = false;
  bool no_hash = false;
  std::string layout = "columns";
  std::string shard;  // "K/N"; empty: the whole design
  bool dry_run = false;
  bool yes = false;
  bool quiet = false;
  std::string format = "table";
};

std::string duration_text(double s) {
  if (!(s < 1e9)) return "?";
  if (s < 60) return util::format_fixed(s, s < 10 ? 1 : 0) + " s";
  const auto t = static_cast<long long>(s);
  if (t < 3600) return std::to_string(t / 60) + " min " + std::to_string(t % 60) + " s";
  return std::to_string(t / 3600) + " h " + std::to_string(t % 3600 / 60) + " min";
}

std::string bytes_text(double b) {
  if (b < 1e6) return util::format_fixed(b / 1e3, 0) + " KB";
  if (b < 1e9) return util::format_fixed(b / 1e6, 0) + " MB";
  return util::format_fixed(b / 1e9, 1) + " GB";
}

// The study from a study file or a scenario plus --vary options.
std::optional<StudySpec> build_spec(Context& ctx, const SweepCli& o) {
  StudySpec spec;
  if (is_study_file(o.file)) {
    StudyLoadResult r = load_study(o.file);
    if (!r.ok()) {
      ctx.err << r.diagnostics.to_string();
      ctx.fail(r.exit_code());
      return std::nullopt;
    }
    spec = std::move(*r.spec);
  } else {
    spec.scenario = o.file;
    spec.design_where = SourceLocation{"<command line>", 0, 0};
  }
  Diagnostics diags;
  int number = 0;
  std::vector<std::string> varied;  // paths given with --vary
  for (const std::string& v : o.vary) {
    auto p = parse_vary(v, ++number, diags);
    if (!p) continue;
    if (std::find(varied.begin(), varied.end(), p->path) != varied.end()) {
      ctx.err << "sandtable sweep: --vary " << p->path
              << " is given twice; give each path once (one --vary with all its values)\n";
      ctx.fail(ExitCode::kUsage);
      return std::nullopt;
    }
    varied.push_back(p->path);
    std::erase_if(spec.parameters, [&](const StudyParameter& q) { return q.path == p->path; });
    spec.parameters.push_back(std::move(*p));
  }
  if (!diags.empty()) {
    ctx.err << diags.to_string();
    ctx.fail(ExitCode::kInvalidInput);
    return std::nullopt;
  }
  spec.overrides.insert(spec.overrides.end(), o.overrides.begin(), o.overrides.end());
  if (!o.method.empty()) spec.method = *parse_design_method(o.method);
  if (o.seed) spec.seed = *o.seed;
  if (o.samples) spec.samples = *o.samples;
  if (o.levels) spec.levels = *o.levels;
  if (!o.points.empty()) spec.points = o.points;
  return spec;
}

void print_plan(Context& ctx, const PreparedStudy& study, const SweepEstimate& e, const SweepCli& o,
                const std::string& db) {
  const StudySpec& spec = study.spec();
  ctx.out << "Study: " << to_string(spec.method) << " design, " << study.size() << " points, seed "
          << spec.seed << "\n";
  for (std::size_t i = 0; i < study.parameters().size(); ++i) {
    ctx.out << "  " << study.parameters()[i].path << ": "
            << study.describe_values(static_cast<int>(i)) << "\n";
  }
  ctx.out << "Base scenario: " << study.base().source_path << " (sha256 "
          << scenario_hash(study.base().scenario).substr(0, 12) << ")\n";
  ctx.out << "Outcomes per run: " << study.outcomes().size() << "\n";
  ctx.out << "Estimate: " << util::format_fixed(e.seconds_per_run * 1e6, 2)
          << " us per run on one thread; about " << duration_text(e.seconds) << " on " << e.threads
          << (e.threads == 1 ? " thread" : " threads");
  if (!o.no_store)
    ctx.out << "; database about " << bytes_text(static_cast<double>(e.bytes)) << " (" << db << ")";
  ctx.out << "\n";
}

}  // namespace

// The columns of the terminal on `fd`; 0 when it is not one or does not say.
int terminal_columns(int fd) {
  winsize w{};
  if (ioctl(fd, TIOCGWINSZ, &w) != 0) return 0;
  return w.ws_col;
}

// One progress line that fits `columns` (0: no limit) without wrapping, so
// that the carriage return rewrites it in place: the bar shrinks, then goes,
// then the text is cut.
std::string progress_line(const std::string& text, double share, int columns) {
  const std::size_t room = columns > 0 ? static_cast<std::size_t>(columns - 1) : 0;
  std::size_t bar = 30;
  if (room > 0)
    bar = room > text.size() + 3 ? std::min<std::size_t>(30, room - text.size() - 3) : 0;
  std::string line = text;
  if (bar >= 10) {
    const auto filled =
        static_cast<std::size_t>(static_cast<double>(bar) * std::clamp(share, 0.0, 1.0));
    line = "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "] " + text;
  }
  if (room > 0 && line.size() > room) line.resize(room);
  return line;
}

// Progress: a bar on a terminal, a line every ten seconds otherwise. On a
// terminal the line is erased to its end (ESC [ K) each time and never wider
// than the terminal, so a shorter line leaves nothing behind and a narrow
// terminal is not flooded with wrapped lines.
std::function<void(const SweepProgress&)> progress_reporter(Context& ctx, bool quiet,
                                                            const std::string& what) {
  if (quiet || !log().should_log(spdlog::level::info)) return {};
  const bool tty = &ctx.err == &std::cerr && isatty(STDERR_FILENO) != 0;
  auto last = std::make_shared<double>(-1.0);
  return [&ctx, tty, last, what](const SweepProgress& p) {
    const bool end = p.done == p.total;
    if (!end && p.seconds - *last < (tty ? 0.2 : 10.0)) return;
    *last = p.seconds;
    const double rate = p.seconds > 0 ? static_cast<double>(p.ran) / p.seconds : 0.0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0.0;
    const double share = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 1.0;
    std::string text = std::to_string(p.done) + "/" + std::to_string(p.total) + " (" +
                       util::format_fixed(100.0 * share, 0) + "%), " + util::format_count(rate) +
                       " runs/s, ETA " + duration_text(eta);
    if (p.failed > 0) text += ", " + std::to_string(p.failed) + " failed";
    if (tty) {
      ctx.err << "\r" << progress_line(text, share, terminal_columns(STDERR_FILENO)) << "\033[K"
              << (end ? "\n" : "") << std::flush;
    } else {
      log().info("{}: {}", what, text);
    }
  };
}

ReadProgress read_progress(Context& ctx, const std::string& what) {
  auto report = progress_reporter(ctx, false, what);
  if (!report) return {};
  // On a terminal the bar appears after a second; in a log only a read
  // that takes ten seconds says anything (its lines come every ten).
  const bool tty = &ctx.err == &std::cerr && isatty(STDERR_FILENO) != 0;
  const double quiet_for = tty ? 1.0 : 10.0;
  auto shown = std::make_shared<bool>(false);
  return [report, shown, quiet_for](std::uint64_t read, std::uint64_t rows, double seconds) {
    if (!*shown && seconds < quiet_for) return;
    *shown = true;
    SweepProgress p;
    p.done = read;
    p.total = rows;
    p.ran = read;
    p.seconds = seconds;
    report(p);
  };
}

namespace {

void print_analysis(Context& ctx, const AnalysisReport& r, const std::string& format) {
  if (format == "json") {
    ctx.out << format_analysis_json(r);
  } else if (format == "csv") {
    ctx.out << format_analysis_csv(r);
  } else {
    ctx.out << format_analysis_table(r);
  }
}

// Options that contradict each other; empty when the combination is fine.
std::string conflicting_options(const SweepCli& o) {
  if (o.resume && o.overwrite) {
    return "--resume and --overwrite contradict each other: --resume continues the stored "
           "sweep, --overwrite replaces it; give one";
  }
  if (o.no_store && !o.shard.empty()) {
    return "--shard runs part of a study to merge with the other parts later, so it needs a "
           "database; drop --no-store";
  }
  if (o.no_store && (o.resume || o.overwrite)) {
    return std::string("--no-store keeps no database, so ") +
           (o.resume ? "--resume" : "--overwrite") + " has nothing to act on; drop one";
  }
  return {};
}

void run_sweep_command(Context& ctx, const SweepCli& o) {
  if (const std::string conflict = conflicting_options(o); !conflict.empty()) {
    ctx.err << "sandtable sweep: " << conflict << "\n";
    ctx.fail(ExitCode::kUsage);
    return;
  }
  const auto spec = build_spec(ctx, o);
  if (!spec) return;
  PrepareResult prepared = prepare_study(*spec);
  if (!prepared.ok()) {
    ctx.err << prepared.diagnostics.to_string();
    ctx.fail(prepared.exit_code());
    return;
  }
  const PreparedStudy& study = *prepared.study;
  std::uint64_t shard = 0;
  std::uint64_t shards = 0;
  if (!o.shard.empty() && !parse_shard(o.shard, shard, shards)) {
    ctx.err << "sandtable sweep: --shard " << o.shard
            << ": expected K/N, shard K of N with 1 <= K <= N (e.g. --shard 2/8)\n";
    ctx.fail(ExitCode::kUsage);
    return;
  }
  const std::string stem = std::filesystem::path(o.file).stem().string();
  const std::string db = !o.out.empty() ? o.out
                         : shards > 0   ? stem + ".shard-" + std::to_string(shard) + "-of-" +
                                            std::to_string(shards) + ".sweep.db"
                                      : stem + ".sweep.db";
  const bool big = study.size() > kConfirmPoints;
  if (o.dry_run || big) {
    const SweepEstimate e = estimate_sweep(study, o.threads, !o.no_store);
    if (o.dry_run) {
      print_plan(ctx, study, e, o, db);
      return;
    }
    if (!o.yes &&
        (e.seconds > kConfirmSeconds || static_cast<double>(e.bytes) > kConfirmBytes || big)) {
      print_plan(ctx, study, e, o, db);
      ctx.err << "sandtable sweep: this design has " << study.size()
              << " points; pass --yes to run it (or --dry-run to see the plan)\n";
      ctx.fail(ExitCode::kUsage);
      return;
    }
  }
  SweepOptions options;
  options.db_path = db;
  options.store = !o.no_store;
  options.resume = o.resume;
  options.overwrite = o.overwrite;
  options.threads = o.threads;
  options.batch_size = o.batch;
  options.packed = o.layout == "packed";
  options.hashes = !o.no_hash;
  options.shard = shard;
  options.shards = shards;
  options.stop = &g_stop;
  options.progress = progress_reporter(ctx, o.quiet);
  SweepSummary summary;
  Status st;
  {
    SignalGuard guard;
    st = run_sweep(study, options, summary);
  }
  if (st.is_ok() && summary.worker) return;  // another MPI rank: rank 0 reports
  if (!st.is_ok()) {
    ctx.err << "sandtable sweep: " << st.message() << "\n";
    ctx.fail(st.exit_code());
    return;
  }
  if (summary.interrupted) {
    ctx.err << "sandtable sweep: interrupted with " << summary.skipped + summary.ran << " of "
            << summary.total << " points stored; rerun with --resume to finish\n";
    ctx.exit_code = kInterruptedExit;
    return;
  }
  if (!o.quiet) {
    const double rate =
        summary.seconds > 0 ? static_cast<double>(summary.ran) / summary.seconds : 0;
    ctx.err << "sweep: " << summary.ran << " runs (" << summary.failed << " failed";
    if (summary.skipped > 0) ctx.err << ", " << summary.skipped << " already stored";
    ctx.err << ") in " << duration_text(summary.seconds) << ", " << util::format_count(rate)
            << " runs/s";
    if (options.store) {
      ctx.err << "; stored in " << db << " (storage " << duration_text(summary.store_seconds)
              << ")\n";
    } else {
      ctx.err << "; rows not stored\n";
    }
  }
  if (summary.analysis) print_analysis(ctx, *summary.analysis, o.format);
}

void add_sweep(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<SweepCli>();
  CLI::App* c = app.add_subcommand(
      "sweep", "Run a study: a scenario with assumptions varied over a design (docs/sweeps.md)");
  c->add_option("file", o->file, "Study file, or a scenario file with --vary")->required();
  c->add_option("-v,--vary", o->vary,
                "Vary one assumption, path=values (repeatable), e.g. "
                "--vary calendar.d_day=2015-02-01:2015-06-01:7d or --vary x=1,2,3")
      ->take_all()
      ->allow_extra_args(false);
  add_set_option(*c, o->overrides);
  c->add_option("-m,--method", o->method, "Design: " + util::join(design_method_names(), ", "))
      ->check(CLI::IsMember(design_method_names()));
  c->add_option("--seed", o->seed, "Seed of sampled designs and the bootstrap")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--samples", o->samples,
                "Points (lhs, sobol), base points (saltelli) or trajectories (morris)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--levels", o->levels, "Grid levels of the morris design (even)");
  c->add_option("--points", o->points, "CSV file of design points (list design)");
  c->add_option("-o,--out", o->out, "Results database (default: <file stem>.sweep.db)");
  c->add_option("-j,--threads", o->threads, "Worker threads (default: every core)")
      ->check(CLI::NonNegativeNumber);
  c->add_option("--batch", o->batch, "Points per batch (default: automatic)");
  c->add_flag("--resume", o->resume, "Finish an interrupted sweep stored in --out");
  c->add_flag("--overwrite", o->overwrite, "Replace an existing database");
  c->add_flag("--no-store", o->no_store,
              "Store no rows; print the analysis (for very large, fast studies)");
  c->add_option("--layout", o->layout,
                "Outcome storage: columns (one per outcome, default) or packed (one BLOB per "
                "run: faster for very large studies of fast models)")
      ->check(CLI::IsMember({"columns", "packed"}));
  c->add_flag("--no-hash", o->no_hash,
              "Compute each run's scenario_hash at export instead of during the sweep (saves "
              "~0.5 us per run for tiny models)");
  c->add_option("--shard", o->shard,
                "Run shard K of N of the design (K/N, e.g. 2/8: the second eighth of the points) "
                "into its own database; `sandtable merge` joins the shards (docs/cluster.md)");
  c->add_flag("-n,--dry-run", o->dry_run, "Print the design size and estimates, run nothing");
  c->add_flag("-y,--yes", o->yes, "Run very large designs without asking");
  c->add_flag("-q,--quiet", o->quiet, "No progress output");
  c->add_option("--format", o->format, "Output of --no-store analysis")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  c->callback([&ctx, o] { run_sweep_command(ctx, *o); });
}

struct ExportCli {
  std::string db;
  bool csv = false;
  bool json = false;
  bool partial = false;
  std::string out;
};

void add_export(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ExportCli>();
  CLI::App* c = app.add_subcommand("export", "Write a sweep's results as CSV or JSON Lines");
  c->add_option("results", o->db, "Results database")->required();
  auto* csv = c->add_flag("--csv", o->csv, "CSV, one row per run (default)");
  c->add_flag("--json", o->json, "JSON Lines, one object per run")->excludes(csv);
  c->add_flag("--partial", o->partial,
              "Export a database that holds fewer runs than its design (a sweep interrupted "
              "or still running) instead of refusing it");
  c->add_option("-o,--out", o->out, "Output file (default: standard output)");
  c->callback([&ctx, o] {
    std::ofstream file;
    if (!o->out.empty()) {
      file.open(o->out, std::ios::binary);
      if (!file) {
        ctx.err << "sandtable export: cannot write " << o->out << "\n";
        ctx.fail(ExitCode::kIo);
        return;
      }
    }
    std::ostream& out = o->out.empty() ? ctx.out : file;
    ExportOptions options;
    options.partial = o->partial;
    options.note = [&ctx](const std::string& note) {
      log().warn("sandtable export: warning: {}", note);
    };
    // Not while the rows themselves scroll past on the same terminal.
    if (!o->out.empty() || &ctx.out != &std::cout || isatty(STDOUT_FILENO) == 0)
      options.progress = read_progress(ctx, "export");
    const Status st = study::export_results(
        o->db, o->json ? ExportFormat::kJsonLines : ExportFormat::kCsv, out, options);
    if (!st.is_ok()) {
      ctx.err << "sandtable export: " << st.message() << "\n";
      ctx.fail(st.exit_code());
    }
  });
}

struct AnalyzeCli {
  std::string db;
  std::string format = "table";
  std::string out;
};

void add_analyze(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AnalyzeCli>();
  CLI::App* c = app.add_subcommand(
      "analyze",
      "Summaries and sensitivity measures of a sweep's outcomes (tornado, Morris, Sobol)");
  c->add_option("results", o->db, "Results database")->required();
  c->add_option("--format", o->format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  c->add_option("-o,--out", o->out, "Output file (default: standard output)");
  c->callback([&ctx, o] {
    AnalysisReport report;
    const Status st = analyze_results(
        o->db, report,
        [&ctx](const std::string& note) { log().warn("sandtable analyze: warning: {}", note); },
        read_progress(ctx, "analyze"));
    if (!st.is_ok()) {
      ctx.err << "sandtable analyze: " << st.message() << "\n";
      ctx.fail(st.exit_code());
      return;
    }
    if (o->out.empty()) {
      print_analysis(ctx, report, o->format);
      return;
    }
    std::ofstream file(o->out, std::ios::binary);
    Context to_file{file, ctx.err};
    print_analysis(to_file, report, o->format);
    if (!file) {
      ctx.err << "sandtable analyze: cannot write " << o->out << "\n";
      ctx.fail(ExitCode::kIo);
    }
  });
}

struct MergeCli {
  std::vector<std::string> parts;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
};

void add_merge(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MergeCli>();
  CLI::App* c = app.add_subcommand(
      "merge", "Join the databases of a study's shards (sweep --shard K/N) into one");
  c->add_option("parts", o->parts, "The shards' databases, every shard once")->required();
  c->add_option("-o,--out", o->out, "The merged results database")->required();
  c->add_flag("--overwrite", o->overwrite, "Replace an existing database");
  c->add_flag("-q,--quiet", o->quiet, "Say nothing when it works");
  c->callback([&ctx, o] {
    MergeSummary summary;
    const Status st = merge_results(o->parts, o->out, o->overwrite, summary);
    if (!st.is_ok()) {
      ctx.err << "sandtable merge: " << st.message() << "\n";
      ctx.fail(st.exit_code());
      return;
    }
    if (!o->quiet) {
      ctx.err << "merge: " << summary.parts << " shards, " << summary.rows << " runs, into "
              << o->out << "\n";
    }
  });
}

}  // namespace

void add_study_commands(CLI::App& app, Context& ctx) {
  add_sweep(app, ctx);
  add_merge(app, ctx);
  add_export(app, ctx);
  add_analyze(app, ctx);
}

}  // namespace sandtable::cli
