#include "scenario/scenario_test_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sandtable {

void PrintTo(const SourceLocation& where, std::ostream* os) {
  *os << (where.known()
              ? where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column)
              : std::string("<unknown location>"));
}

}  // namespace sandtable

namespace sandtable::test {

namespace fs = std::filesystem;

fs::path source_path(std::string_view relative) {
  return (fs::path(SANDTABLE_SOURCE_DIR) / relative).lexically_normal();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string describe(const LoadResult& r) {
  if (r.diagnostics.empty()) return "(no diagnostics)\n";
  return r.diagnostics.to_string();
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "sandtable-scenario-test-XXXXXX").string();
  const char* made = ::mkdtemp(pattern.data());
  if (made == nullptr) {
    ADD_FAILURE() << "cannot create a temporary directory from " << pattern;
    return;
  }
  path_ = made;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, std::string_view text) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  EXPECT_TRUE(out.good()) << "cannot write " << p;
  return p;
}

std::string minimal_scenario_text() {
  return read_file(source_path("tests/data/scenarios/minimal.yaml"));
}

std::string mosul_base_text() { return read_file(source_path("scenarios/mosul-2015/base.yaml")); }

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not found";
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "'" << from << "' occurs more than once";
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace sandtable::test
