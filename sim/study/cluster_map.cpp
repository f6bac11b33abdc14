// cluster_map (sandtable/cluster.hpp): items shared among threads and, in an
// MPI job, among ranks. Ensembles (worlds) and fits (the cases of every
// evaluation) run on it; sweeps have their own path, which stores results as
// they come (sweep.cpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "sandtable/cluster.hpp"
#include "util/assert.hpp"
#include "util/parallel.hpp"

#ifdef SANDTABLE_HAVE_MPI
#include <mpi.h>
#endif

namespace sandtable {

namespace {

// A block never holds more items than this, so that a rank that asks for
// work gets it soon and the last blocks are small.
constexpr std::uint64_t kMostPerBlock = 256;

struct Span {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// Hands out the items in blocks, to the threads here and to other ranks.
// Blocks shrink as the items run out (guided self-scheduling).
class Dealer {
 public:
  Dealer(std::uint64_t n, std::uint64_t takers)
      : n_(n), takers_(std::max<std::uint64_t>(1, takers)) {}

  Span take() {
    const std::lock_guard lock(mu_);
    const std::uint64_t left = n_ - next_;
    const std::uint64_t count = std::clamp<std::uint64_t>(left / (4 * takers_), 1, kMostPerBlock);
    const Span s{next_, std::min(count, left)};
    next_ += s.count;
    return s;
  }

 private:
  std::mutex mu_;
  std::uint64_t n_;
  std::uint64_t next_ = 0;
  std::uint64_t takers_;
};

// Runs blocks from `dealer` on `threads` threads until none are left,
// counting the items done in `done`. Rethrows the first exception a block
// threw once every thread has stopped.
void run_blocks(Dealer& dealer, std::uint64_t threads, const RangeRun& run, std::string* out,
                std::atomic<std::uint64_t>& done, std::atomic<bool>* finished = nullptr) {
  std::exception_ptr failure;
  std::mutex mu;
  const auto worker = [&] {
    try {
      for (Span s = dealer.take(); s.count > 0; s = dealer.take()) {
        run(s.first, s.count, out + s.first);
        done.fetch_add(s.count);
      }
    } catch (...) {
      const std::lock_guard lock(mu);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::uint64_t i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  if (finished != nullptr) finished->store(true);
  if (failure) std::rethrow_exception(failure);
}

std::uint64_t threads_here(int requested, std::uint64_t n) {
  if (requested > 0 || cluster().size == 1) return util::thread_count(requested, n);
  const auto cores = static_cast<int>(util::thread_count(0, 1U << 20U));
  return util::thread_count(std::max(1, cores / std::max(1, cluster().local_size)), n);
}

#ifdef SANDTABLE_HAVE_MPI

constexpr int kBlockTag = 21;
constexpr int kDoneTag = 22;

void put_u64(std::string& out, std::uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

std::uint64_t get_u64(const std::string& in, std::size_t& at) {
  std::uint64_t v = 0;
  SANDTABLE_ASSERT(in.size() - at >= sizeof v, "a message holds what its sender put in it");
  std::memcpy(&v, in.data() + at, sizeof v);
  at += sizeof v;
  return v;
}

// Items' bytes, each with its length (native byte order: the ranks of one
// job run one program).
std::string encode(const std::string* items, std::uint64_t count) {
  std::string out;
  put_u64(out, count);
  for (std::uint64_t i = 0; i < count; ++i) {
    put_u64(out, items[i].size());
    out += items[i];
  }
  return out;
}

void decode(const std::string& in, std::size_t at, std::string* items, std::uint64_t count) {
  SANDTABLE_ASSERT(get_u64(in, at) == count, "a block comes back whole");
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::uint64_t size = get_u64(in, at);
    SANDTABLE_ASSERT(in.size() - at >= size, "a message holds what its sender put in it");
    items[i].assign(in, at, size);
    at += size;
  }
}

void send(const std::string& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

std::string receive(int from, int tag, int* source) {
  MPI_Status status;
  MPI_Probe(from, tag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  if (source != nullptr) *source = status.MPI_SOURCE;
  return bytes;
}

void send_block(const Span& s, int to) {
  std::string bytes;
  put_u64(bytes, s.first);
  put_u64(bytes, s.count);
  send(bytes, to, kBlockTag);
}

// Rank 0's bytes on every rank, in pieces that fit MPI's int counts.
void broadcast(std::string& bytes) {
  std::uint64_t size = bytes.size();
  MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  bytes.resize(size);
  constexpr std::uint64_t kPiece = std::uint64_t{1} << 30U;
  for (std::uint64_t at = 0; at < size; at += kPiece) {
    MPI_Bcast(bytes.data() + at, static_cast<int>(std::min(kPiece, size - at)), MPI_BYTE, 0,
              MPI_COMM_WORLD);
  }
}

// Rank 0: its threads take blocks from the dealer while this thread, the
// only one that calls MPI, keeps every other rank two blocks ahead.
void lead(std::uint64_t n, std::uint64_t threads, const RangeRun& run,
          std::vector<std::string>& out, const std::function<void(std::uint64_t)>& progress) {
  const int ranks = cluster().size;
  Dealer dealer(n, threads + static_cast<std::uint64_t>(ranks - 1));
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> local_finished{false};
  std::exception_ptr local_failure;
  std::thread local([&] {
    try {
      run_blocks(dealer, threads, run, out.data(), done, &local_finished);
    } catch (...) {
      local_failure = std::current_exception();
      local_finished.store(true);
    }
  });
  std::vector<std::deque<Span>> flight(static_cast<std::size_t>(ranks));
  std::uint64_t in_flight = 0;
  const auto feed = [&](int r) {
    const Span s = dealer.take();
    if (s.count == 0) return;
    send_block(s, r);
    flight[static_cast<std::size_t>(r)].push_back(s);
    ++in_flight;
  };
  for (int r = 1; r < ranks; ++r) {
    feed(r);
    feed(r);
  }
  std::uint64_t reported = 0;
  util::Backoff backoff;
  while (in_flight > 0 || !local_finished.load()) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kDoneTag, MPI_COMM_WORLD, &flag, &status);
    if (flag != 0) {
      int from = 0;
      const std::string bytes = receive(status.MPI_SOURCE, kDoneTag, &from);
      auto& queue = flight[static_cast<std::size_t>(from)];
      SANDTABLE_ASSERT(!queue.empty(), "a rank returns only blocks it was sent");
      const Span s = queue.front();
      queue.pop_front();
      --in_flight;
      decode(bytes, 0, out.data() + s.first, s.count);
      done.fetch_add(s.count);
      feed(from);
    }
    if (progress && done.load() >= reported + 256) {
      reported = done.load();
      progress(reported);
    }
    if (flag == 0) {
      backoff.idle();
    } else {
      backoff.reset();
    }
  }
  local.join();
  for (int r = 1; r < ranks; ++r) send_block(Span{}, r);
  if (local_failure) std::rethrow_exception(local_failure);
}

// Another rank: runs the blocks rank 0 sends until it sends an empty one.
void follow(std::uint64_t threads, const RangeRun& run) {
  for (;;) {
    const std::string block = receive(0, kBlockTag, nullptr);
    std::size_t at = 0;
    const Span s{get_u64(block, at), get_u64(block, at)};
    if (s.count == 0) return;
    std::vector<std::string> items(s.count);
    const std::uint64_t t = std::min(threads, s.count);
    util::parallel_ranges(s.count, t, [&](std::uint64_t from, std::uint64_t to, bool) {
      if (to > from) run(s.first + from, to - from, items.data() + from);
    });
    send(encode(items.data(), s.count), 0, kDoneTag);
  }
}

#endif

}  // namespace

std::vector<std::string> cluster_map(std::uint64_t n, int threads, const RangeRun& run,
                                     const std::function<void(std::uint64_t done)>& progress) {
  std::vector<std::string> out(n);
  const std::uint64_t t = threads_here(threads, n);
#ifdef SANDTABLE_HAVE_MPI
  if (cluster().size > 1) {
    std::string all;
    if (cluster().rank == 0) {
      lead(n, t, run, out, progress);
      all = encode(out.data(), n);
    } else {
      follow(t, run);
    }
    broadcast(all);
    if (cluster().rank != 0) decode(all, 0, out.data(), n);
    if (progress && cluster().rank == 0) progress(n);
    return out;
  }
#endif
  Dealer dealer(n, t);
  std::atomic<std::uint64_t> done{0};
  if (!progress) {
    run_blocks(dealer, t, run, out.data(), done);
    return out;
  }
  // The progress is reported from this thread while the pool runs.
  std::atomic<bool> finished{false};
  std::exception_ptr failure;
  std::thread pool([&] {
    try {
      run_blocks(dealer, t, run, out.data(), done, &finished);
    } catch (...) {
      failure = std::current_exception();
      finished.store(true);
    }
  });
  std::uint64_t reported = 0;
  while (!finished.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (done.load() > reported) {
      reported = done.load();
      progress(reported);
    }
  }
  pool.join();
  if (failure) std::rethrow_exception(failure);
  progress(n);
  return out;
}

void cluster_share([[maybe_unused]] std::string& bytes) {
#ifdef SANDTABLE_HAVE_MPI
  if (cluster().size > 1) broadcast(bytes);
#endif
}

}  // namespace sandtable
