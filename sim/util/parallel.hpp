// Internal: work over [0, n) split into contiguous ranges, one per thread.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sandtable::util {

// The wait of a thread that polls for messages and found none: 20 us at
// first, doubling while nothing comes, up to 1 ms; `reset` after something
// came. A poller answers at once while messages flow and costs a core next
// to nothing while it waits (a fixed 100 us wait woke it 10,000 times a
// second, on the core that also runs a worker thread and the store).
class Backoff {
 public:
  void idle() {
    std::this_thread::sleep_for(wait_);
    wait_ = std::min(2 * wait_, kLongest);
  }
  void reset() { wait_ = kShortest; }

 private:
  static constexpr std::chrono::microseconds kShortest{20};
  static constexpr std::chrono::microseconds kLongest{1000};
  std::chrono::microseconds wait_ = kShortest;
};

// Threads to use for `requested` (0: every core), never more than `n` nor below 1.
inline std::uint64_t thread_count(int requested, std::uint64_t n) {
  const std::uint64_t hw = std::max(1U, std::thread::hardware_concurrency());
  const std::uint64_t want = requested > 0 ? static_cast<std::uint64_t>(requested) : hw;
  return std::max<std::uint64_t>(1, std::min(want, n));
}

// Calls work(from, to, first) for `threads` contiguous ranges covering
// [0, n), the first range (first = true) on the calling thread. Each range
// is the same whatever the timing, so results written by index are the same
// bytes at any thread count. An exception thrown in any range (a failed
// SANDTABLE_ASSERT) is rethrown here once every thread has joined, instead
// of terminating the program.
template <class Work>
void parallel_ranges(std::uint64_t n, std::uint64_t threads, Work&& work) {
  std::exception_ptr failure;
  std::mutex mutex;
  const auto guarded = [&](std::uint64_t from, std::uint64_t to, bool first) {
    try {
      work(from, to, first);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::uint64_t i = 1; i < threads; ++i) {
    pool.emplace_back(guarded, n * i / threads, n * (i + 1) / threads, false);
  }
  guarded(0, n / threads, true);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace sandtable::util
