// run_sweep: batches of design points on every core, results stored (or
// analysed) in design-point order as they finish.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sandtable/cluster.hpp"
#include "sandtable/limits.hpp"
#include "sandtable/version.hpp"
#include "study/analyzer.hpp"
#include "study/cluster_link.hpp"
#include "study/evaluator.hpp"
#include "study/store.hpp"
#include "study/writer_lock.hpp"
#include "util/assert.hpp"
#include "util/parallel.hpp"
#include "util/sha256.hpp"

namespace sandtable {

using study::Batch;
using study::Evaluator;
using study::ResultsStore;
using study::cluster::Span;
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

// Worker threads by default: every core, shared among the ranks of an MPI
// job that run on the same machine.
int worker_count(const SweepOptions& o) {
  if (o.threads > 0) return o.threads;
  return std::max(1, thread_count(0) / std::max(1, cluster().local_size));
}

std::string shard_text(const SweepOptions& o) {
  return std::to_string(o.shard) + "/" + std::to_string(o.shards);
}

study::StoreHeader store_header(const PreparedStudy::Impl& s, const SweepOptions& o) {
  study::StoreHeader h;
  h.packed = o.packed;
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
  if (o.shards > 0) h.meta.emplace_back("shard", shard_text(o));
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
    return ResultsStore::create(o.db_path, store_header(s, o), o.overwrite, store);
  }
  if (Status st = ResultsStore::open(o.db_path, true, store); !st.is_ok()) return st;
  if (store->header().get("definition") != s.definition) {
    return Status::invalid_input(
        o.db_path +
        " was made by another study (different base scenario, parameters or "
        "design); resume it with the same command, or write to another file");
  }
  const std::string shard = store->header().get("shard");
  const std::string wanted = o.shards > 0 ? shard_text(o) : "";
  if (shard != wanted) {
    return Status::invalid_input(
        o.db_path + " holds " + (shard.empty() ? "the whole design" : "shard " + shard) + ", not " +
        (wanted.empty() ? "the whole design" : "shard " + wanted) +
        "; resume it with the --shard it was made with, or write to another file");
  }
  return store->set_meta("status", "running");
}

// The batches of points [begin, end) still to run: all, or on resume those
// not completely stored.
Status pending_batches(ResultsStore* store, std::uint64_t begin, std::uint64_t end,
                       std::uint64_t size, std::vector<Span>& pending, std::uint64_t& skipped) {
  for (std::uint64_t first = begin; first < end; first += size) {
    const std::uint64_t n = std::min(size, end - first);
    std::uint64_t stored = 0;
    if (store != nullptr) {
      if (Status st = store->count(first, first + n, stored); !st.is_ok()) return st;
    }
    if (stored == n) {
      skipped += n;
    } else {
      pending.push_back({first, n});
    }
  }
  return Status::ok();
}

// Workers fill a ring of batch slots in claim order; the calling thread takes
// them out in the same order, so results are consumed by design index
// whatever the number of threads (and of ranks). In an MPI job one more
// thread hands blocks of batches to the other ranks as they ask for them
// (two blocks in flight per rank) and puts their results in the ring.
class Pipeline {
 public:
  Pipeline(const PreparedStudy::Impl& s, const SweepOptions& o, std::vector<Span> pending)
      : study_(s),
        options_(o),
        pending_(std::move(pending)),
        threads_(worker_count(o)),
        remotes_(cluster().size - 1),
        block_(remote_block()),
        // Room for every rank's blocks in flight, and for the local threads
        // to run as far ahead while a block is out (results leave the ring
        // in design order).
        window_(static_cast<std::size_t>(2 * threads_ + 2) +
                static_cast<std::size_t>(remotes_ + threads_) * 3 * block_),
        slots_(window_),
        ready_(window_, false) {}

  template <class Consume>
  void run(Consume&& consume) {
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(threads_) + 1);
    for (int t = 0; t < threads_; ++t) workers.emplace_back([this] { work(); });
    if (remotes_ > 0) workers.emplace_back([this] { talk(); });
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
  // Batches per block sent to another rank: about a thousand points, at
  // least two batches per local thread, and small enough that every rank
  // gets several blocks of a small design.
  [[nodiscard]] std::size_t remote_block() const {
    if (remotes_ == 0) return 0;
    const std::uint64_t size = options_.batch_size > 0 ? options_.batch_size : kModelBatch;
    const auto wanted = static_cast<std::size_t>(std::max<std::uint64_t>(
        2 * static_cast<std::uint64_t>(threads_), (1024 + size - 1) / size));
    const std::size_t share = pending_.size() / (4 * static_cast<std::size_t>(remotes_ + 1));
    return std::clamp<std::size_t>(std::min<std::size_t>(wanted, 64), 1,
                                   std::max<std::size_t>(1, share));
  }

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
      evaluator.evaluate(pending_[seq].first, pending_[seq].count, slots_[seq % window_]);
      lock.lock();
      ready_[seq % window_] = true;
      done_cv_.notify_all();
    }
    --running_;
    done_cv_.notify_all();
  }

  // Up to `most` batches for another rank; none when the ring is full, the
  // design is handed out or the sweep stops.
  // Blocks shrink towards the end of the design (guided self-scheduling),
  // so that the ranks finish together.
  std::vector<std::uint64_t> claim(std::size_t most) {
    std::vector<std::uint64_t> seqs;
    std::lock_guard lock(mu_);
    const std::size_t left = pending_.size() - std::min<std::size_t>(next_, pending_.size());
    const std::size_t max = std::clamp<std::size_t>(
        left / (4 * static_cast<std::size_t>(remotes_ + threads_)), 1, most);
    while (!stopping_ && seqs.size() < max && next_ < pending_.size() &&
           next_ < consumed_ + window_) {
      seqs.push_back(next_++);
    }
    return seqs;
  }

  // Rank 0's messenger: the only thread that calls MPI during the sweep.
  void talk() {
    {
      std::lock_guard lock(mu_);
      ++running_;
    }
    std::vector<std::deque<std::vector<std::uint64_t>>> flight(
        static_cast<std::size_t>(remotes_ + 1));
    std::size_t in_flight = 0;
    std::vector<Batch> results;
    std::vector<Span> spans;
    util::Backoff backoff;
    while (true) {
      bool busy = false;
      for (int r = 1; r <= remotes_; ++r) {
        auto& queue = flight[static_cast<std::size_t>(r)];
        while (queue.size() < 2) {
          std::vector<std::uint64_t> seqs = claim(block_);
          if (seqs.empty()) break;
          spans.clear();
          for (std::uint64_t q : seqs) spans.push_back(pending_[q]);
          study::cluster::send_work(r, spans);
          queue.push_back(std::move(seqs));
          ++in_flight;
          busy = true;
        }
      }
      int from = 0;
      if (in_flight > 0 && study::cluster::poll_results(from, results)) {
        auto& queue = flight[static_cast<std::size_t>(from)];
        SANDTABLE_ASSERT(!queue.empty() && queue.front().size() == results.size(),
                         "a rank returns the block it was sent");
        const std::vector<std::uint64_t> seqs = std::move(queue.front());
        queue.pop_front();
        --in_flight;
        std::lock_guard lock(mu_);
        for (std::size_t i = 0; i < seqs.size(); ++i) {
          slots_[seqs[i] % window_] = std::move(results[i]);
          ready_[seqs[i] % window_] = true;
        }
        done_cv_.notify_all();
        backoff.reset();
        continue;
      }
      if (in_flight == 0) {
        std::lock_guard lock(mu_);
        if (stopping_ || next_ >= pending_.size()) break;
      }
      if (busy) {
        backoff.reset();
      } else {
        backoff.idle();
      }
    }
    for (int r = 1; r <= remotes_; ++r) study::cluster::send_work(r, {});
    std::lock_guard lock(mu_);
    --running_;
    done_cv_.notify_all();
  }

  const PreparedStudy::Impl& study_;
  const SweepOptions& options_;
  std::vector<Span> pending_;
  int threads_;
  int remotes_;
  std::size_t block_;
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

// A rank other than 0: runs the blocks rank 0 sends, on its threads, until
// rank 0 says the sweep is over.
void serve_blocks(const PreparedStudy::Impl& s, const SweepOptions& o) {
  std::mutex mu;
  std::condition_variable work_cv;
  std::condition_variable done_cv;
  std::vector<Span> spans;
  std::vector<Batch> out;
  std::size_t next = 0;
  std::size_t done = 0;
  bool quit = false;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(worker_count(o)));
  for (int t = 0; t < worker_count(o); ++t) {
    threads.emplace_back([&] {
      Evaluator evaluator(s, o.store && o.hashes);
      std::unique_lock lock(mu);
      while (true) {
        work_cv.wait(lock, [&] { return quit || next < spans.size(); });
        if (quit) break;
        const std::size_t i = next++;
        lock.unlock();
        evaluator.evaluate(spans[i].first, spans[i].count, out[i]);
        lock.lock();
        if (++done == spans.size()) done_cv.notify_all();
      }
    });
  }
  const auto start = [&](const std::vector<Span>& block) {
    std::lock_guard lock(mu);
    spans = block;
    out.resize(spans.size());
    next = done = 0;
    work_cv.notify_all();
  };
  // The next block usually waits here already (rank 0 keeps two in flight):
  // it goes to the threads before this block's results are sent, so they do
  // not stand idle while rank 0 takes the results in.
  std::vector<Span> block;
  study::cluster::receive_work(block);
  if (!block.empty()) start(block);
  while (!block.empty()) {
    std::vector<Batch> finished;
    {
      std::unique_lock lock(mu);
      done_cv.wait(lock, [&] { return done == spans.size(); });
      finished.swap(out);
    }
    std::vector<Span> following;
    const bool waiting = study::cluster::work_waiting();
    if (waiting) {
      study::cluster::receive_work(following);
      if (!following.empty()) start(following);
    }
    study::cluster::send_results(finished);
    if (!waiting) {
      study::cluster::receive_work(following);
      if (!following.empty()) start(following);
    }
    block = std::move(following);
  }
  {
    std::lock_guard lock(mu);
    quit = true;
  }
  work_cv.notify_all();
  for (std::thread& t : threads) t.join();
}

std::uint64_t batch_size_for(const SweepOptions& o) {
  return o.batch_size > 0 ? o.batch_size : kModelBatch;
}

}  // namespace

std::pair<std::uint64_t, std::uint64_t> shard_range(std::uint64_t points, std::uint64_t shard,
                                                    std::uint64_t shards) {
  if (shards == 0) return {0, points};
  const auto at = [&](std::uint64_t k) {
    // points * k / shards without overflow (shards <= 1,000,000).
    return points / shards * k + points % shards * k / shards;
  };
  return {at(shard - 1), at(shard)};
}

Status run_sweep(const PreparedStudy& study, const SweepOptions& o, SweepSummary& summary) {
  const PreparedStudy::Impl& s = study.impl();
  summary = SweepSummary{};
  if (o.shards > 0 && (o.shard < 1 || o.shard > o.shards)) {
    return Status::invalid_input("shard " + shard_text(o) +
                                 " does not exist: K/N needs 1 <= K <= N");
  }
  const auto [begin, end] = shard_range(s.design->size(), o.shard, o.shards);
  summary.total = end - begin;
  const std::uint64_t batch_size = batch_size_for(o);
  // In an MPI job every rank comes here with the study it prepared; rank 0
  // checks they agree, opens the store and tells the others whether to go on.
  const bool distributed = cluster().size > 1;
  if (distributed) {
    const Status same =
        study::cluster::same_study(util::sha256_hex(s.definition + "\n" + shard_text(o)));
    if (cluster_worker()) {
      if (Status go = study::cluster::share_verdict(Status::ok()); !go.is_ok()) return go;
      summary.worker = true;
      serve_blocks(s, o);
      return Status::ok();
    }
    if (!same.is_ok()) return study::cluster::share_verdict(same);
  }
  const auto refuse = [&](const Status& st) {
    return distributed ? study::cluster::share_verdict(st) : st;
  };
  // Held until the store is closed (declared first, released last), so that
  // no other sweep deletes or writes the database meanwhile.
  std::unique_ptr<study::WriterLock> lock;
  std::unique_ptr<ResultsStore> store;
  if (o.store) {
    if (Status st = study::WriterLock::acquire(o.db_path, lock); !st.is_ok()) return refuse(st);
    if (Status st = open_store(s, o, store); !st.is_ok()) return refuse(st);
  }
  std::vector<Span> pending;
  if (Status st = pending_batches(store.get(), begin, end, batch_size, pending, summary.skipped);
      !st.is_ok()) {
    return refuse(st);
  }
  std::optional<study::Analyzer> analyzer;
  if (!o.store) {
    const std::uint64_t values = summary.total * std::max<std::uint64_t>(1, s.outcomes.size());
    if (summary.total > limits().memory_values / std::max<std::uint64_t>(1, s.outcomes.size())) {
      return refuse(Status::invalid_input(
          "without a results database the analysis would hold " + std::to_string(values) +
          " outcome values in memory, more than " + std::to_string(limits().memory_values) +
          "; store the runs in a database (drop --no-store) or " + limit_hint("memory_values")));
    }
    analyzer.emplace(study::AnalyzerSetup{s.spec.method, &*s.design, s.design->size(), s.paths,
                                          s.outcomes, s.spec.seed, s.spec.bootstrap,
                                          s.spec.confidence});
  }
  if (distributed) {
    if (Status go = study::cluster::share_verdict(Status::ok()); !go.is_ok()) return go;
  }
  const Clock::time_point start = Clock::now();
  Clock::time_point last_commit = start;
  std::uint64_t uncommitted = 0;
  std::uint64_t batches = 0;
  Status failure;
  Pipeline pipeline(s, o, std::move(pending));
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
