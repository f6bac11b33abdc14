// Internal: the subcommands of the `sandtable` program, grouped by area.
#pragma once

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/status.hpp"
#include "sandtable/study.hpp"

namespace sandtable::cli {

struct Context {
  std::ostream& out;
  std::ostream& err;
  int exit_code = 0;
  int width = 0;  // widest table line on `out` (--width); 0: no limit

  void fail(ExitCode code) { exit_code = static_cast<int>(code); }
};

// Adds the repeatable `--set key.path=value` option.
void add_set_option(CLI::App& cmd, std::vector<std::string>& overrides);

// Loads a scenario; on failure prints the diagnostics, sets the exit code and
// returns nothing.
std::optional<LoadedScenario> load_or_report(Context& ctx, const std::string& path,
                                             const std::vector<std::string>& overrides);

// SIGINT and SIGTERM stop a sweep or a stored ensemble after the runs in
// flight: while a guard lives, stop_flag() turns true on either signal.
class SignalGuard {
 public:
  SignalGuard();
  ~SignalGuard();
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};
const std::atomic<bool>& stop_flag();

// The columns of the terminal on `fd`; 0 when it is not one.
int terminal_columns(int fd);
// A progress line for a terminal of `columns` (0: no limit): "[###...] text",
// at most columns - 1 wide; the bar narrows, then is left out, then the text
// is cut.
std::string progress_line(const std::string& text, double share, int columns);

// Progress on stderr: a bar on a terminal, a line every ten seconds
// otherwise (prefixed with `what`); nothing when `quiet`.
std::function<void(const SweepProgress&)> progress_reporter(Context& ctx, bool quiet,
                                                            const std::string& what = "sweep");

// Progress of reading a results database (export, analyze, discover), as
// progress_reporter shows a sweep's, once the reading has taken a second
// (on a terminal) or ten (otherwise): a quick read shows nothing.
ReadProgress read_progress(Context& ctx, const std::string& what);

// "a,b,,c" -> {a, b, c}: the parts between commas, empty ones dropped.
std::vector<std::string> split_commas(const std::string& text);

// --criteria must say something: an empty one would silently fall back to
// the scenario's analysis.criteria.
const CLI::Validator& non_empty_criteria();

// Options shared by `ensemble`, `decide` and `compare --ensemble`.
struct EnsembleCommon {
  std::uint64_t worlds = 1000;
  std::uint64_t seed = 2015;
  std::string sampling = "lhs";
  std::string criteria;
  std::string outcomes;
  int threads = 0;
  std::string format = "table";
  std::string store_dir;  // -o DIR: one results database per case, resumable
  bool resume = false;
  bool overwrite = false;
  bool quiet = false;
};
// Adds --sampling, --criteria, --ensemble-outcomes, -j, -o, --resume,
// --overwrite, -q (and --worlds, --seed, --format when `worlds`).
void add_ensemble_options(CLI::App& cmd, EnsembleCommon& o, bool worlds);
// Loads the files, runs them on the same worlds and prints the report.
void run_ensemble_report(Context& ctx, const std::vector<std::string>& files,
                         const std::vector<std::string>& overrides, const EnsembleCommon& common);

void add_scenario_commands(CLI::App& app, Context& ctx);  // check, show, schema
void add_run_command(CLI::App& app, Context& ctx);        // run
void add_study_commands(CLI::App& app, Context& ctx);     // sweep, export, analyze
void add_analysis_commands(CLI::App& app, Context& ctx);  // compare, timing, threshold, discover
void add_ensemble_commands(CLI::App& app, Context& ctx);  // ensemble, decide
void add_plot_commands(CLI::App& app, Context& ctx);      // plot, report

}  // namespace sandtable::cli
