// Shared set-up of the libFuzzer targets (tests/fuzz, docs/development.md):
// a private folder holding a copy of the Mosul base scenario, so that
// `extends: base.yaml` and `scenario: base.yaml` in fuzzed text resolve to a
// real file, and the input cap of the documented file limit.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "sandtable/limits.hpp"

namespace sandtable::fuzz {

// The folder fuzzed files are resolved in; made once per process and
// removed at exit. The name is never destroyed: the exit handler that removes
// the folder runs after the destructors of statics constructed before it.
inline const std::string& work_dir() {
  static const std::string& dir = *new std::string([] {
    namespace fs = std::filesystem;
    const fs::path d = fs::temp_directory_path() / ("sandtable-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    std::error_code ec;
    fs::copy_file(fs::path(SANDTABLE_SOURCE_DIR) / "scenarios/mosul-2015/base.yaml",
                  d / "base.yaml", fs::copy_options::overwrite_existing, ec);
    if (ec) std::abort();  // the harness itself is broken: no base scenario
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(work_dir(), ignored);
    });
    return d.string();
  }());
  return dir;
}

inline std::string base_path() { return work_dir() + "/base.yaml"; }

inline std::string read_base() {
  std::ifstream in(base_path(), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Inputs above the documented file limit are refused by the readers before
// they are parsed (docs/limits.md, file_bytes): the harness skips them too.
inline bool too_large(std::size_t size) { return size > limits().file_bytes; }

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sandtable::fuzz
