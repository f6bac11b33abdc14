// Helpers shared by the analysis tests: loading the shipped scenarios and
// comparing doubles bit for bit.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "sandtable/results.hpp"

namespace sandtable::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(SANDTABLE_SOURCE_DIR) + "/" + relative;
}

// Loads a shipped scenario (path relative to the source tree) or fails the test.
inline LoadedScenario load_case(const std::string& relative,
                                const std::vector<std::string>& sets = {}) {
  LoadResult r = load_scenario(source_path(relative), sets);
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  return r.ok() ? *r.loaded : LoadedScenario{};
}

inline std::uint64_t bits(double v) { return std::bit_cast<std::uint64_t>(v); }

inline double outcome(const Results& r, const std::string& name) {
  for (const auto& [n, v] : outcome_values(r)) {
    if (n == name) return v;
  }
  ADD_FAILURE() << "no outcome named " << name;
  return 0.0;
}

}  // namespace sandtable::testing
