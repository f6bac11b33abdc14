// The daily loop allocates nothing: every buffer is sized when a simulation
// is reset. This binary replaces the global allocator with a counting one.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "model_test_util.hpp"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

// Every form of the global operators is replaced, so that what one form
// allocates another can free (std::stable_sort's buffer is allocated with the
// nothrow form and freed with the plain one).
namespace {
void* counted_malloc(std::size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace

void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace sandtable {
namespace {

void expect_no_allocation_in_daily_loop(const Scenario& s, const RunOptions& options) {
  Simulation sim(s, options);
  sim.reset(s);  // a reset reuses buffers; the loop must not add any
  const long before = g_allocations.load();
  sim.run_to_end();
  EXPECT_EQ(g_allocations.load() - before, 0) << s.name;
}

TEST(ModelAllocationTest, DailyLoopAllocatesNothing) {
  const Scenario base = testing::load_shipped("scenarios/mosul-2015/base.yaml");
  expect_no_allocation_in_daily_loop(base, RunOptions{false, false});
  expect_no_allocation_in_daily_loop(base, RunOptions{true, true});
  expect_no_allocation_in_daily_loop(testing::load_shipped("scenarios/validation/iwo-jima.yaml"),
                                     RunOptions{false, false});
  expect_no_allocation_in_daily_loop(testing::load_text(testing::kSmallCity),
                                     RunOptions{true, true});
}

TEST(ModelAllocationTest, ResetWithTheSameShapeAllocatesNothingNew) {
  const Scenario base = testing::load_shipped("scenarios/mosul-2015/base.yaml");
  Simulation sim(base, RunOptions{false, false});
  sim.run_to_end();
  sim.reset(base);
  sim.run_to_end();
  const long before = g_allocations.load();
  sim.reset(base);
  sim.run_to_end();
  EXPECT_EQ(g_allocations.load() - before, 0);
}

// A sweep's run: reset, run, results into a reused object, outcome values
// into a row. After the first run of the shape, none of it allocates.
TEST(ModelAllocationTest, ASweepRunAllocatesNothingAfterTheFirst) {
  const Scenario base = testing::load_shipped("scenarios/mosul-2015/base.yaml");
  Simulation sim(base, RunOptions{false, false});
  Results results;
  std::vector<double> row(outcome_names(base).size());
  for (int k = 0; k < 2; ++k) {
    sim.reset(base);
    sim.run_to_end();
    sim.results(results);
    ASSERT_EQ(outcome_values(results, row.data(), row.size()), row.size());
  }
  const long before = g_allocations.load();
  sim.reset(base);
  sim.run_to_end();
  sim.results(results);
  outcome_values(results, row.data(), row.size());
  EXPECT_EQ(g_allocations.load() - before, 0);
}

}  // namespace
}  // namespace sandtable
