// Helpers shared by the scenario-language tests: paths into the source tree,
// a scratch directory for files written by a test, and short loaders.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/load.hpp"

namespace sandtable {

// Readable failure messages for locations ("file:line:col").
void PrintTo(const SourceLocation& where, std::ostream* os);

}  // namespace sandtable

namespace sandtable::test {

// `relative` resolved against the source tree (tests/data/..., scenarios/...).
std::filesystem::path source_path(std::string_view relative);

// The whole file as bytes; fails the current test if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Every diagnostic of `r`, one per line, for failure messages.
std::string describe(const LoadResult& r);

// A fresh directory under the system temporary directory, removed with the
// object. Files written into it are what the loader sees.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  // Writes `text` to `name` (subdirectories are created) and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

// A small complete scenario (tests/data/scenarios/minimal.yaml) as text.
std::string minimal_scenario_text();

// The text of scenarios/mosul-2015/base.yaml.
std::string mosul_base_text();

// Replaces the one occurrence of `from` in `text` by `to`; fails the test if
// `from` does not occur exactly once.
std::string replace_once(std::string text, std::string_view from, std::string_view to);

}  // namespace sandtable::test
