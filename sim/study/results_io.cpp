// Reading a results database: export, the in-memory table, the analysis.
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>

#include "sandtable/date.hpp"
#include "sandtable/results_table.hpp"
#include "sandtable/study.hpp"
#include "study/analyzer.hpp"
#include "study/export.hpp"
#include "study/prepared.hpp"
#include "study/store.hpp"
#include "study/stored_hash.hpp"
#include "study/writer_lock.hpp"
#include "util/text.hpp"

namespace sandtable {

using study::Batch;
using study::ResultsStore;
using study::StoredParameter;

namespace {

constexpr std::size_t kChunk = 4096;

std::string parameter_text(const StoredParameter& p, double v) {
  if (std::isnan(v)) return {};
  if (p.kind == "date") return Date::from_days(static_cast<int>(v)).to_string();
  if (p.kind == "boolean") return v != 0.0 ? "true" : "false";
  if (p.kind == "choice") {
    const auto i = static_cast<std::size_t>(v);
    if (v >= 0 && i < p.choices.size()) return p.choices[i];
  }
  if (p.kind == "integer") return std::to_string(static_cast<long long>(v));
  return util::format_double(v);
}

using util::csv_field;

std::string json_string(const std::string& s) { return nlohmann::json(s).dump(); }

// Calls `row` for every stored run, in index order, a chunk at a time, then
// `progress` (when given) with the rows read so far.
template <class Row>
Status for_each_chunk(ResultsStore& store, Row&& row, const ReadProgress& progress = {}) {
  std::uint64_t next = 0;
  Batch b;
  std::vector<std::uint64_t> index;
  std::uint64_t rows = 0;
  if (progress) {
    if (Status st = store.count(0, std::numeric_limits<std::int64_t>::max(), rows); !st.is_ok())
      return st;
  }
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t read = 0;
  while (true) {
    if (Status st = store.read(next, kChunk, b, index); !st.is_ok()) return st;
    if (b.count == 0) return Status::ok();
    row(b, index);
    read += b.count;
    if (progress) {
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      progress(read, std::max(rows, read), elapsed.count());
    }
  }
}

void write_csv_chunk(const study::StoreHeader& h, const Batch& b,
                     const std::vector<std::uint64_t>& index, std::ostream& out) {
  const std::size_t k = h.parameters.size();
  const std::size_t m = h.outcomes.size();
  std::string line;
  for (std::size_t r = 0; r < b.count; ++r) {
    line = std::to_string(index[r]);
    line += b.ok[r] ? ",ok," : ",failed,";
    line += csv_field(b.errors[r]);
    line += ',';
    if (b.hashed[r]) line.append(&b.hashes[r * 64], 64);
    for (std::size_t i = 0; i < k; ++i)
      line += "," + csv_field(parameter_text(h.parameters[i], b.params[r * k + i]));
    for (std::size_t j = 0; j < m; ++j) {
      const double v = b.outcomes[r * m + j];
      line += ',';
      if (!std::isnan(v)) line += util::format_double(v);
    }
    line += '\n';
    out << line;
  }
}

void write_json_chunk(const study::StoreHeader& h, const Batch& b,
                      const std::vector<std::uint64_t>& index, std::ostream& out) {
  const std::size_t k = h.parameters.size();
  const std::size_t m = h.outcomes.size();
  std::string line;
  for (std::size_t r = 0; r < b.count; ++r) {
    line = "{\"index\":" + std::to_string(index[r]);
    line += b.ok[r] ? ",\"status\":\"ok\"" : ",\"status\":\"failed\"";
    line += ",\"error\":" + (b.errors[r].empty() ? std::string("null") : json_string(b.errors[r]));
    line += ",\"scenario_hash\":" +
            (b.hashed[r] ? "\"" + std::string(&b.hashes[r * 64], 64) + "\"" : std::string("null"));
    for (std::size_t i = 0; i < k; ++i) {
      const StoredParameter& p = h.parameters[i];
      const double v = b.params[r * k + i];
      const bool text = p.kind == "date" || p.kind == "choice";
      const bool boolean = p.kind == "boolean";
      std::string value = parameter_text(p, v);
      if (text) value = json_string(value);
      if (!text && !boolean && !std::isfinite(v)) value = "null";
      line += "," + json_string(p.path) + ":" + value;
    }
    for (std::size_t j = 0; j < m; ++j) {
      const double v = b.outcomes[r * m + j];
      line += "," + json_string(h.outcomes[j]) + ":" +
              (std::isfinite(v) ? util::format_double(v) : std::string("null"));
    }
    line += "}\n";
    out << line;
  }
}

// Empty when the database holds every run of its design (or does not say
// how many that is); otherwise how many of how many it holds, how many of
// those failed, and whether a sweep is still writing it or must be resumed.
Status partial_note(ResultsStore& store, const std::string& db_path, std::string& note) {
  note.clear();
  const auto design = util::parse_integer(store.header().get("design_size"));
  if (!design || *design <= 0) return Status::ok();
  const auto size = static_cast<std::uint64_t>(*design);
  std::uint64_t rows = 0;
  if (Status st = store.count(0, std::numeric_limits<std::int64_t>::max(), rows); !st.is_ok()) {
    return st;
  }
  if (rows >= size) return Status::ok();
  std::uint64_t all = 0;
  std::uint64_t failed = 0;
  if (Status st = store.totals(all, failed); !st.is_ok()) return st;
  const auto count = [](std::uint64_t n) { return util::format_count(static_cast<double>(n)); };
  note = db_path + " holds " + count(rows) + " of " + count(size) + " runs (";
  if (failed > 0) note += count(failed) + " of them failed; ";
  if (const std::string shard = store.header().get("shard"); !shard.empty()) {
    note += "it is shard " + shard + " of its study: join the shards with `sandtable merge`)";
    return Status::ok();
  }
  long pid = 0;
  if (study::WriterLock::held(db_path, pid)) {
    note += "a sweep is still writing it" + (pid > 0 ? ", pid " + std::to_string(pid) : "") + ")";
  } else {
    note += "the sweep is incomplete: finish it with `sandtable sweep ... -o " + db_path +
            " --resume`)";
  }
  return Status::ok();
}

}  // namespace

namespace study {

Status export_results(const std::string& db_path, ExportFormat format, std::ostream& out,
                      const ExportOptions& options) {
  const auto& note = options.note;
  std::unique_ptr<ResultsStore> store;
  if (Status st = ResultsStore::open(db_path, false, store); !st.is_ok()) return st;
  std::string partial;
  if (Status st = partial_note(*store, db_path, partial); !st.is_ok()) return st;
  if (!partial.empty() && !options.partial) {
    return Status::invalid_input(partial + "; pass --partial to export the runs it holds");
  }
  if (!partial.empty() && note) note(partial);
  const StoreHeader& h = store->header();
  if (format == ExportFormat::kCsv) {
    std::string header = "index,status,error,scenario_hash";
    for (const StoredParameter& p : h.parameters) header += "," + csv_field(p.path);
    for (const std::string& o : h.outcomes) header += "," + csv_field(o);
    out << header << "\n";
  }
  MissingHashes missing(h, [&](const std::string& why) {
    if (note) {
      note(db_path +
           ": runs stored without a scenario_hash (sweep --no-hash) are exported "
           "without one: " +
           why);
    }
  });
  Status st = for_each_chunk(
      *store,
      [&](Batch& b, const std::vector<std::uint64_t>& index) {
        missing.fill(b);
        if (format == ExportFormat::kCsv) {
          write_csv_chunk(h, b, index, out);
        } else {
          write_json_chunk(h, b, index, out);
        }
      },
      options.progress);
  if (!st.is_ok()) return st;
  out.flush();
  return out ? Status::ok() : Status::io_error("cannot write the export");
}

Status export_results(const std::string& db_path, ExportFormat format, std::ostream& out,
                      const std::function<void(const std::string&)>& note) {
  return study::export_results(db_path, format, out, ExportOptions{false, note, {}});
}

}  // namespace study

Status export_results(const std::string& db_path, ExportFormat format, std::ostream& out,
                      const ExportOptions& options) {
  return study::export_results(db_path, format, out, options);
}

Status export_results(const std::string& db_path, ExportFormat format, std::ostream& out,
                      const std::function<void(const std::string&)>& note) {
  return study::export_results(db_path, format, out, note);
}

Status read_results_table(const std::string& db_path, ResultsTable& out) {
  return read_results_table(db_path, out, {});
}

Status read_results_table(const std::string& db_path, ResultsTable& out,
                          const ReadProgress& progress) {
  out = ResultsTable{};
  std::unique_ptr<ResultsStore> store;
  if (Status st = ResultsStore::open(db_path, false, store); !st.is_ok()) return st;
  for (const StoredParameter& p : store->header().parameters) out.parameters.push_back(p.path);
  out.outcomes = store->header().outcomes;
  return for_each_chunk(
      *store,
      [&](const Batch& b, const std::vector<std::uint64_t>&) {
        out.parameter_values.insert(out.parameter_values.end(), b.params.begin(), b.params.end());
        out.outcome_values.insert(out.outcome_values.end(), b.outcomes.begin(), b.outcomes.end());
        out.ok.insert(out.ok.end(), b.ok.begin(), b.ok.end());
      },
      progress);
}

Status analyze_results(const std::string& db_path, AnalysisReport& out) {
  return analyze_results(db_path, out, {});
}

Status analyze_results(const std::string& db_path, AnalysisReport& out,
                       const std::function<void(const std::string&)>& note,
                       const ReadProgress& progress) {
  std::unique_ptr<ResultsStore> store;
  if (Status st = ResultsStore::open(db_path, false, store); !st.is_ok()) return st;
  std::string partial;
  if (Status st = partial_note(*store, db_path, partial); !st.is_ok()) return st;
  if (!partial.empty() && note) note(partial + "; the analysis covers only these runs");
  const study::StoreHeader& h = store->header();
  const auto design_meta = nlohmann::json::parse(h.get("design"), nullptr, false);
  study::AnalyzerSetup setup;
  setup.method = parse_design_method(h.get("method")).value_or(DesignMethod::kGrid);
  for (const StoredParameter& p : h.parameters) setup.parameters.push_back(p.path);
  setup.outcomes = h.outcomes;
  if (design_meta.is_object()) {
    setup.seed = design_meta.value("seed", std::uint64_t{1});
    setup.bootstrap = design_meta.value("bootstrap", 200);
    setup.confidence = design_meta.value("confidence", 0.95);
    setup.design_size = design_meta.value("size", std::uint64_t{0});
  }
  std::optional<study::Design> design;
  if (design_method_info(setup.method).sensitivity) {
    std::vector<std::string> paths;
    std::string error;
    design = study::design_from_json(h.get("design"), paths, error);
    if (!design) return Status::io_error(db_path + ": cannot rebuild the design: " + error);
    setup.design = &*design;
  }
  study::Analyzer analyzer(setup);
  Status st = for_each_chunk(
      *store,
      [&](const Batch& b, const std::vector<std::uint64_t>& index) {
        analyzer.add(index.data(), static_cast<std::size_t>(b.count), b.outcomes.data(),
                     b.ok.data());
      },
      progress);
  if (!st.is_ok()) return st;
  out = analyzer.finish();
  return Status::ok();
}

}  // namespace sandtable
