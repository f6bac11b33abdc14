// Internal: work over [0, n) split into contiguous ranges, one per thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sandtable::util {

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
