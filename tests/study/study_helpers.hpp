// Helpers shared by the study tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sandtable/study.hpp"

namespace sandtable::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(SANDTABLE_SOURCE_DIR) + "/" + relative;
}

inline std::string iwo_jima() { return source_path("scenarios/validation/iwo-jima.yaml"); }
inline std::string mosul() { return source_path("scenarios/mosul-2015/base.yaml"); }

// A fresh temporary folder for one test.
inline std::string temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sandtable-study-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline StudySpec spec_for(const std::string& scenario,
                          const std::vector<std::pair<std::string, std::string>>& vary,
                          DesignMethod method = DesignMethod::kGrid) {
  StudySpec s;
  s.scenario = scenario;
  s.method = method;
  int n = 0;
  for (const auto& [path, values] : vary) {
    ++n;
    s.parameters.push_back({path, values, {"<test>", n, 1}, {"<test>", n, 1}});
  }
  return s;
}

inline std::unique_ptr<PreparedStudy> prepare_or_fail(const StudySpec& spec) {
  PrepareResult r = prepare_study(spec);
  EXPECT_TRUE(r.ok()) << r.diagnostics.to_string();
  return std::move(r.study);
}

}  // namespace sandtable::testing
