// run_sweep: batches of design points on every core, results stored (or
// analysed) in design-point order as they finish.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sandtable/limits.hpp"
#include "sandtable/version.hpp"
#include "study/analyzer.hpp"
#include "study/evaluator.hpp"
#include "study/store.hpp"
#include "study/writer_lock.hpp"

namespace sandtable {

using study::Batch;
using study::Evaluator;
using study::ResultsStore;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kModelBatch = 64;
constexpr std::uint64_t kCommitRows = 1 << 16;
constexpr double kCommitSeconds = 1.0;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

int thread_count(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Worker threads by default: every core.
int worker_count(const SweepOptions& o) { return thread_count(o.threads); }

study::StoreHeader store_header(const PreparedStudy::Impl& s, bool packed) {
  study::StoreHeader h;
  h.packed = packed;
  h.meta = {{"sandtable_version", kVersion},
            {"study_name", s.spec.name},
            {"definition", s.definition},
            {"design", s.design_json},
            {"method", to_string(s.spec.method)},
            {"seed", std::to_string(s.spec.seed)},
            {"design_size", std::to_string(s.design->size())},
            {"base_scenario_file", s.base.source_path},
            {"base_scenario_hash", scenario_hash(s.base.scenario)},
            {"base_scenario_yaml", to_yaml(s.base.scenario)},
            {"status", "running"}};
  for (std::size_t i = 0; i < s.infos.size(); ++i) {
    const ParameterInfo& info = s.infos[i];
    static constexpr const char* kKinds[] = {"number", "integer", "boolean",
                                             "date",   "choice",  "text"};
    h.parameters.push_back({s.paths[i], kKinds[static_cast<int>(info.kind)], info.choices});
  }
  h.outcomes = s.outcomes;
  return h;
}

Status open_store(const PreparedStudy::Impl& s, const SweepOptions& o,
                  std::unique_ptr<ResultsStore>& store) {
  std::error_code ec;
  if (!o.resume || !std::filesystem::exists(o.db_path, ec)) {
    return ResultsStore::create(o.db_path, store_header(s, o.packed), o.overwrite, store);
  }
  if (Status st = ResultsStore::open(o.db_path, true, store); !st.is_ok()) return st;
  if (store->header().get("definition") != s.definition) {
    return Status::invalid_input(
        o.db_path +
        " was made by another study (different base scenario, parameters or "
        "design); resume it with the same command, or write to another file");
  }
  return store->set_meta("status", "running");
}

// The batches still to run: all, or on resume those not completely stored.
Status pending_batches(ResultsStore* store, std::uint64_t total, std::uint64_t size,
                       std::vector<std::uint64_t>& pending, std::uint64_t& skipped) {
  const std::uint64_t batches = (total + size - 1) / size;
  for (std::uint64_t b = 0; b < batches; ++b) {
    const std::uint64_t first = b * size;
    const std::uint64_t n = std::min(size, total - first);
    std::uint64_t stored = 0;
    if (store != nullptr) {
      if (Status st = store->count(first, first + n, stored); !st.is_ok()) return st;
    }
    if (stored == n) {
      skipped += n;
    } else {
      pending.push_back(b);
    }
  }
  return Status::ok();
}

// Workers fill a ring of batch slots in claim order; the calling thread takes
// them out in the same order, so results are consumed by design index
// whatever the number of threads.
class Pipeline {
 public:
  Pipeline(const PreparedStudy::Impl& s, const SweepOptions& o, std::vector<std::uint64_t> pending,
           std::uint64_t batch_size)
      : study_(s),
        options_(o),
        pending_(std::move(pending)),
        batch_size_(batch_size),
        threads_(worker_count(o)),
        window_(static_cast<std::size_t>(2 * threads_ + 2)),
        slots_(window_),
        ready_(window_, false) {}

  template <class Consume>
  void run(Consume&& consume) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads_; ++t) workers.emplace_back([this] { work(); });
    std::uint64_t seq = 0;
    for (; seq < pending_.size(); ++seq) {
      std::unique_lock lock(mu_);
      done_cv_.wait(lock, [&] { return ready_[seq % window_] || (stopping_ && running_ == 0); });
      if (!ready_[seq % window_]) break;
      lock.unlock();
      const bool go_on = consume(slots_[seq % window_]);
      lock.lock();
      ready_[seq % window_] = false;
      consumed_ = seq + 1;
      if (!go_on) stopping_ = true;
      work_cv_.notify_all();
    }
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& w : workers) w.join();
    // Batches finished after a stop: keep those that follow in order.
    for (; seq < pending_.size() && ready_[seq % window_]; ++seq) consume(slots_[seq % window_]);
  }

 private:
  void work() {
    Evaluator evaluator(study_, options_.store && options_.hashes);
    std::unique_lock lock(mu_);
    ++running_;
    while (true) {
      work_cv_.wait(lock, [&] {
        return stopping_ || next_ >= pending_.size() || next_ < consumed_ + window_;
      });
      if (stopping_ || next_ >= pending_.size()) break;
      const std::uint64_t seq = next_++;
      lock.unlock();
      const std::uint64_t first = pending_[seq] * batch_size_;
      const std::uint64_t n = std::min(batch_size_, study_.design->size() - first);
      evaluator.evaluate(first, n, slots_[seq % window_]);
      lock.lock();
      ready_[seq % window_] = true;
      done_cv_.notify_all();
    }
    --running_;
    done_cv_.notify_all();
  }

  const PreparedStudy::Impl& study_;
  const SweepOptions& options_;
  std::vector<std::uint64_t> pending_;
  std::uint64_t batch_size_;
  int threads_;
  std::size_t window_;
  std::vector<Batch> slots_;
  std::vector<bool> ready_;
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::uint64_t next_ = 0;
  std::uint64_t consumed_ = 0;
  int running_ = 0;
  bool stopping_ = false;
};

std::uint64_t batch_size_for(const SweepOptions& o) {
  return o.batch_size > 0 ? o.batch_size : kModelBatch;
}

}  // namespace

Status run_sweep(const PreparedStudy& study, const SweepOptions& o, SweepSummary& summary) {
  const PreparedStudy::Impl& s = study.impl();
  summary = SweepSummary{};
  summary.total = s.design->size();
  const std::uint64_t batch_size = batch_size_for(o);
  // Held until the store is closed (declared first, released last), so that
  // no other sweep deletes or writes the database meanwhile.
  std::unique_ptr<study::WriterLock> lock;
  std::unique_ptr<ResultsStore> store;
  if (o.store) {
    if (Status st = study::WriterLock::acquire(o.db_path, lock); !st.is_ok()) return st;
    if (Status st = open_store(s, o, store); !st.is_ok()) return st;
  }
  std::vector<std::uint64_t> pending;
  if (Status st = pending_batches(store.get(), summary.total, batch_size, pending, summary.skipped);
      !st.is_ok()) {
    return st;
  }
  std::optional<study::Analyzer> analyzer;
  if (!o.store) {
    const std::uint64_t values = summary.total * std::max<std::uint64_t>(1, s.outcomes.size());
    if (summary.total > limits().memory_values / std::max<std::uint64_t>(1, s.outcomes.size())) {
      return Status::invalid_input(
          "without a results database the analysis would hold " + std::to_string(values) +
          " outcome values in memory, more than " + std::to_string(limits().memory_values) +
          "; store the runs in a database (drop --no-store) or " + limit_hint("memory_values"));
    }
    analyzer.emplace(study::AnalyzerSetup{s.spec.method, &*s.design, s.design->size(), s.paths,
                                          s.outcomes, s.spec.seed, s.spec.bootstrap,
                                          s.spec.confidence});
  }
  const Clock::time_point start = Clock::now();
  Clock::time_point last_commit = start;
  std::uint64_t uncommitted = 0;
  std::uint64_t batches = 0;
  Status failure;
  Pipeline pipeline(s, o, std::move(pending), batch_size);
  pipeline.run([&](const Batch& b) {
    if (!failure.is_ok()) return false;
    summary.ran += b.count;
    for (std::size_t r = 0; r < b.count; ++r) summary.failed += b.ok[r] ? 0 : 1;
    if (store) {
      const Clock::time_point t0 = Clock::now();
      if (uncommitted == 0) failure = store->begin();
      if (failure.is_ok()) failure = store->write(b);
      uncommitted += b.count;
      const std::uint64_t every = o.commit_rows > 0 ? o.commit_rows : kCommitRows;
      if (failure.is_ok() &&
          (uncommitted >= every || seconds_since(last_commit) >= kCommitSeconds)) {
        failure = store->commit();
        uncommitted = 0;
        last_commit = Clock::now();
      }
      summary.store_seconds += seconds_since(t0);
    } else {
      analyzer->add_range(b.first, static_cast<std::size_t>(b.count), b.outcomes.data(),
                          b.ok.data());
    }
    ++batches;
    if (o.progress) {
      o.progress(SweepProgress{summary.skipped + summary.ran, summary.total, summary.failed,
                               seconds_since(start), summary.ran});
    }
    const bool stop = (o.stop != nullptr && o.stop->load()) ||
                      (o.stop_after_batches > 0 && batches >= o.stop_after_batches);
    return failure.is_ok() && !stop;
  });
  if (store && uncommitted > 0 && failure.is_ok()) failure = store->commit();
  summary.seconds = seconds_since(start);
  summary.interrupted = summary.skipped + summary.ran < summary.total;
  if (!failure.is_ok()) return failure;
  if (store && !summary.interrupted) failure = store->set_meta("status", "complete");
  if (analyzer) summary.analysis = analyzer->finish();
  return failure;
}

SweepEstimate estimate_sweep(const PreparedStudy& study, int threads, bool store) {
  const PreparedStudy::Impl& s = study.impl();
  SweepEstimate e;
  e.points = s.design->size();
  e.threads = thread_count(threads);
  Evaluator evaluator(s, store);
  Batch b;
  const std::uint64_t sample = std::min<std::uint64_t>(e.points, 256);
  const std::uint64_t stride = std::max<std::uint64_t>(1, e.points / sample);
  const Clock::time_point t0 = Clock::now();
  std::uint64_t done = 0;
  // Spread the sample over the design, in runs of a few consecutive points.
  for (std::uint64_t i = 0; i < e.points && done < sample && seconds_since(t0) < 1.0;) {
    const std::uint64_t n = std::min<std::uint64_t>({16, e.points - i, sample - done});
    evaluator.evaluate(i, n, b);
    done += n;
    i += std::max(n, stride * n);
  }
  e.seconds_per_run = seconds_since(t0) / static_cast<double>(std::max<std::uint64_t>(1, done));
  const double compute = e.seconds_per_run * static_cast<double>(e.points) / e.threads;
  // Storing a row costs about 1.5 microseconds on one thread, beside the runs.
  const double k = static_cast<double>(s.infos.size());
  const double m = static_cast<double>(s.outcomes.size());
  e.seconds = store ? std::max(compute, 1.5e-6 * static_cast<double>(e.points)) : compute;
  e.bytes = store
                ? static_cast<std::uint64_t>(static_cast<double>(e.points) * (90.0 + 6.0 * (k + m)))
                : 0;
  return e;
}

}  // namespace sandtable
