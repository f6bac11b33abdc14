// Studies: many runs of one scenario with some of its assumptions varied.
//
//   StudySpec (study file or --vary) -> prepare_study -> run_sweep -> results database
//                                                                   -> export_results
//                                                                   -> analyze_results
//
// A study names a base scenario, the parameters to vary (any scalar scenario
// path, with values in the grammar of docs/sweeps.md) and a design. Runs are
// spread over threads; every result is keyed by its design-point index, so
// the stored table is the same, row for row, at any thread count and after
// any interruption and resume. docs/sweeps.md documents the file format, the
// designs and the database schema.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/parameters.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/status.hpp"
#include "sandtable/study_analysis.hpp"

namespace sandtable {

enum class DesignMethod {
  kGrid,            // "grid": every combination of levels
  kList,            // "list": explicit points (a CSV file, or values side by side)
  kOneAtATime,      // "oat": one parameter at a time around the base case (tornado)
  kZip,             // "zip": values paired, not crossed
  kLatinHypercube,  // "lhs"
  kSobol,           // "sobol": quasi-random
  kMorris,          // "morris": elementary-effect trajectories
  kSaltelli,        // "saltelli": the sample for Sobol indices
};

// What each design method is and takes, in one table (sim/study/study_file.cpp)
// that every part of the study code asks instead of listing methods itself.
struct DesignMethodInfo {
  DesignMethod method;
  const char* name;  // as written in a study file and after --method
  bool sampled;      // draws --samples points from the domains (intervals, distributions)
  bool enumerates;   // takes the values given, discrete only: grid, zip, list
  bool sensitivity;  // its analysis (tornado, Morris, Sobol) rebuilds the design from the
                     // database: oat, morris, saltelli
};

// Every method, in enumerator order.
const std::vector<DesignMethodInfo>& design_methods();
const DesignMethodInfo& design_method_info(DesignMethod method);
const char* to_string(DesignMethod method);
std::optional<DesignMethod> parse_design_method(std::string_view text);
// Every method name, in enumerator order.
std::vector<std::string> design_method_names();

// One varied assumption: a scenario path and its values, e.g.
// ("calendar.d_day", "2015-02-01:2015-06-01:7d").
struct StudyParameter {
  std::string path;
  std::string values;
  SourceLocation where;         // of the path (study file key, or "<--vary N>")
  SourceLocation values_where;  // of the values text
};

struct StudySpec {
  std::string name;
  std::string scenario;                // base scenario file
  std::vector<std::string> overrides;  // "key.path=value", applied to the base scenario
  std::vector<StudyParameter> parameters;
  DesignMethod method = DesignMethod::kGrid;
  std::uint64_t seed = 1;     // sampled designs and the bootstrap
  std::uint64_t samples = 0;  // lhs, sobol: points; saltelli: base points; morris: trajectories
  int levels = 4;             // morris: grid levels
  std::string points;         // list: CSV file of points, one column per parameter path
  // list: the points in memory instead (ensembles), rows x parameters in
  // numeric form, the parameters' paths from `parameters` (values unused).
  // Hashed by content like a points file, so the same rows resume.
  std::vector<double> rows;
  int bootstrap = 200;  // resamples for confidence intervals of Sobol indices
  double confidence = 0.95;
  SourceLocation design_where;  // where the design was given, for diagnostics
};

struct StudyLoadResult {
  std::optional<StudySpec> spec;  // set only when diagnostics is empty
  Diagnostics diagnostics;
  bool io_error = false;

  [[nodiscard]] bool ok() const { return spec.has_value(); }
  [[nodiscard]] ExitCode exit_code() const {
    return ok() ? ExitCode::kOk : (io_error ? ExitCode::kIo : ExitCode::kInvalidInput);
  }
};

// Reads a study file; paths inside it (scenario, points) are made relative
// to the study file's folder.
StudyLoadResult load_study(const std::string& path);
StudyLoadResult load_study_text(std::string_view text, const std::string& name,
                                const std::string& base_dir = ".");

// Whether a YAML file is a study (it has a top-level `scenario` key) rather
// than a scenario. Unreadable files are not studies.
bool is_study_file(const std::string& path);

// Parses one --vary argument, "path=values"; `number` counts the --vary
// options from 1 and names the argument in diagnostics.
std::optional<StudyParameter> parse_vary(const std::string& arg, int number, Diagnostics& diags);

// The values of one assumption written in the --vary grammar (docs/sweeps.md,
// "Values"), for the commands outside sweeps that take a range (threshold):
// one grammar everywhere. Values in numeric form (dates as days since
// 1970-01-01). Discrete forms longer than `max_values` are refused.
struct ValueRange {
  enum class Form { kValues, kInterval, kDistribution };
  Form form = Form::kValues;
  double low = 0.0;
  double high = 0.0;
  double step = 0.0;           // from:to:step and range(): the step; else 0
  std::vector<double> values;  // kValues: every value, in the order written
};
std::optional<ValueRange> parse_value_range(std::string_view text, const ParameterInfo& info,
                                            std::string& error, std::uint64_t max_values = 100000);

// JSON Schema (draft 2020-12) of the study file format.
std::string study_json_schema();

// A study ready to run: the base scenario loaded, every parameter resolved
// and parsed, the design built. Immutable; shared by the sweep's threads.
class PreparedStudy {
 public:
  struct Impl;
  explicit PreparedStudy(std::unique_ptr<Impl> impl);
  ~PreparedStudy();
  PreparedStudy(const PreparedStudy&) = delete;
  PreparedStudy& operator=(const PreparedStudy&) = delete;

  [[nodiscard]] const StudySpec& spec() const;
  [[nodiscard]] const LoadedScenario& base() const;
  [[nodiscard]] std::uint64_t size() const;  // design points
  [[nodiscard]] const std::vector<ParameterInfo>& parameters() const;
  [[nodiscard]] const std::vector<std::string>& outcomes() const;
  // The parameters' values at a design point, in numeric form.
  void point(std::uint64_t index, std::vector<double>& values) const;
  // The value as a scenario file writes it ("2015-02-01", "square").
  [[nodiscard]] std::string value_text(int parameter, double value) const;
  // What a parameter's values are, for people: "18 values, 2015-02-01 to
  // 2015-05-31" or "interval 0.25 to 0.5".
  [[nodiscard]] std::string describe_values(int parameter) const;
  // Canonical description of the study (base scenario hash, parameters,
  // design): equal for studies that give the same runs.
  [[nodiscard]] std::string definition_json() const;
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct PrepareResult {
  std::unique_ptr<PreparedStudy> study;  // set only when diagnostics is empty
  Diagnostics diagnostics;
  bool io_error = false;

  [[nodiscard]] bool ok() const { return study != nullptr; }
  [[nodiscard]] ExitCode exit_code() const {
    return ok() ? ExitCode::kOk : (io_error ? ExitCode::kIo : ExitCode::kInvalidInput);
  }
};

PrepareResult prepare_study(const StudySpec& spec);

struct SweepProgress {
  std::uint64_t done = 0;  // points stored (or analysed), including those of earlier sessions
  std::uint64_t total = 0;
  std::uint64_t failed = 0;  // failed in this session
  double seconds = 0.0;      // since this session started
  std::uint64_t ran = 0;     // points run in this session
};

struct SweepOptions {
  std::string db_path;           // the results database (not needed with store = false)
  bool store = true;             // false: keep only the analysis, no rows
  bool resume = false;           // continue a database made by the same study
  bool overwrite = false;        // replace an existing database
  int threads = 0;               // 0: every core
  std::uint64_t batch_size = 0;  // points per batch; 0: automatic
  // Store the outcomes of a run in one BLOB column (little-endian doubles)
  // instead of a column each: half the storage cost per row, for very large
  // studies of fast models. Export and analysis read both layouts.
  bool packed = false;
  // Store each run's scenario hash (SHA-256 of its resolved scenario, as
  // `sandtable check` prints it). false leaves the column empty and saves
  // about half a microsecond per run: export_results computes the missing
  // hashes from the stored base scenario and the row's values, so the
  // exported table is the same either way.
  bool hashes = true;
  const std::atomic<bool>* stop =
      nullptr;                           // set (e.g. by SIGINT) to stop after the current batches
  std::uint64_t stop_after_batches = 0;  // testing: stop after storing this many batches
  std::uint64_t commit_rows = 0;  // commit at least every this many rows (0: 65536, or each second)
  // Run one shard of the design: part `shard` (1 .. shards) of `shards`
  // consecutive, nearly equal parts (shard_range). The database records it,
  // and merge_results joins the shards' databases into the whole study.
  // shards = 0: the whole design.
  std::uint64_t shard = 0;
  std::uint64_t shards = 0;
  // Called on the thread that stores results, after each batch.
  std::function<void(const SweepProgress&)> progress;
};

struct SweepSummary {
  std::uint64_t total = 0;    // design points (of the shard, with SweepOptions::shards)
  std::uint64_t skipped = 0;  // already stored by an earlier session (resume)
  std::uint64_t ran = 0;      // run in this session
  std::uint64_t failed = 0;   // of those, failed
  bool interrupted = false;
  double seconds = 0.0;                    // wall time of the runs
  double store_seconds = 0.0;              // of which spent storing rows
  std::optional<AnalysisReport> analysis;  // store = false: the analysis
  // An MPI rank other than 0 (sandtable/cluster.hpp): it ran the points rank
  // 0 gave it, and rank 0 stored them; the counts above stay 0.
  bool worker = false;
};

// The design points [first, last) of shard `shard` of `shards` (1-based):
// points * (shard - 1) / shards to points * shard / shards.
std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t points, std::uint64_t shard,
                                                    std::uint64_t shards);

// Runs every point not yet stored. In an MPI job of two or more ranks
// (sandtable/cluster.hpp) every rank calls it with the same study: rank 0
// shares the points among the ranks and alone stores them. Invalid combinations of values are
// stored as failed runs with their error; they do not stop the sweep. Fails with an I/O status when
// the database cannot be created, opened or written, and with invalid input when resuming a
// database made by another study.
[[nodiscard]] Status run_sweep(const PreparedStudy& study, const SweepOptions& options,
                               SweepSummary& summary);

struct SweepEstimate {
  std::uint64_t points = 0;
  int threads = 1;
  double seconds_per_run = 0.0;  // measured on a few points, one thread
  double seconds = 0.0;          // whole design at `threads`
  std::uint64_t bytes = 0;       // database size
};

// Times a few points of the design to estimate the whole sweep.
SweepEstimate estimate_sweep(const PreparedStudy& study, int threads, bool store);

// Reads "K/N", shard K of N with 1 <= K <= N <= 1,000,000.
bool parse_shard(std::string_view text, std::uint64_t& shard, std::uint64_t& shards);

struct MergeSummary {
  std::uint64_t parts = 0;
  std::uint64_t rows = 0;
};

// Joins the databases of every shard of one study (sweep --shard K/N) into
// one database at `out_path`, the same as an unsharded sweep's. Nothing is
// written unless every check passes: each part is a complete shard of the
// same study, every shard 1..N is there exactly once, and `out_path` does
// not exist (unless `overwrite`). The database is written beside `out_path`
// and renamed into place when complete.
[[nodiscard]] Status merge_results(const std::vector<std::string>& parts,
                                   const std::string& out_path, bool overwrite,
                                   MergeSummary& summary);

enum class ExportFormat { kCsv, kJsonLines };

struct ExportOptions {
  // Export a database that holds fewer runs than its design (a sweep
  // interrupted or still running). Without it such a database is refused
  // (invalid input), saying how many of how many runs it holds; with it the
  // same is said through `note` and the runs it holds are exported.
  bool partial = false;
  // Called with each warning (a partial database, hashes that cannot be
  // computed), naming the database; may be empty.
  std::function<void(const std::string&)> note;
  // Called after each chunk of rows written (may be empty).
  ReadProgress progress;
};

// Writes every stored run in design-point order: index, status, error,
// scenario hash, the parameters (dates as YYYY-MM-DD, choices by name) and
// the outcomes, numbers as shortest round-trip text. Hashes a sweep did not
// store (--no-hash) are computed on the way out; if they cannot be (the
// stored base scenario does not read back), they are left empty and `note`,
// when given, is called once with the reason. A database that holds fewer
// runs than its design is refused unless options.partial (see ExportOptions).
[[nodiscard]] Status export_results(const std::string& db_path, ExportFormat format,
                                    std::ostream& out, const ExportOptions& options);
// As above with options.partial = false.
[[nodiscard]] Status export_results(const std::string& db_path, ExportFormat format,
                                    std::ostream& out,
                                    const std::function<void(const std::string&)>& note = {});

}  // namespace sandtable
