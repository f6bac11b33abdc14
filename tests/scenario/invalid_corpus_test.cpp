// The corpus of invalid scenarios in tests/data/invalid/: every *.yaml file
// there is one case. Its expected diagnostics are written beside it, in its
// header comments or, for files that cannot hold comments (empty, binary), in
// a sidecar file NAME.yaml.expect, one line per diagnostic, in the order the
// loader reports them:
//
//   # expect: LINE:COL KEY.PATH | TEXT
//   # expect: bases/other.yaml:LINE:COL KEY.PATH | TEXT
//
// The location names the file the error is in (the case itself unless a file
// relative to tests/data/invalid/ is given), KEY.PATH is `-` for errors that
// concern no key, and TEXT must occur in "message; hint". The number of
// diagnostics must equal the number of expect lines. Adding a case is adding
// a file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "sandtable/load.hpp"
#include "scenario/scenario_test_support.hpp"

namespace sandtable {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinimumCorpusSize = 35;

fs::path corpus_dir() { return test::source_path("tests/data/invalid"); }

struct Expectation {
  std::string file;  // path as the loader names it
  int line = 0;
  int column = 0;
  std::string path;  // empty for `-`
  std::string text;  // must occur in "message; hint"
  std::string source_line;
};

// Every `# expect:` line of `text`; sets `error` for a malformed one.
std::vector<Expectation> parse_expectations(const std::string& text, const fs::path& case_file,
                                            std::string& error) {
  static const std::regex kLine(
      R"(^#\s*expect:\s*(?:(\S+):)?(\d+):(\d+)\s+(\S+)\s*\|\s*(.+?)\s*$)");
  std::vector<Expectation> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.find("expect:") == std::string::npos || line.rfind('#', 0) != 0) continue;
    std::smatch m;
    if (!std::regex_match(line, m, kLine)) {
      error = "malformed expectation: " + line;
      return {};
    }
    Expectation e;
    e.file =
        m[1].matched ? (corpus_dir() / m[1].str()).lexically_normal().string() : case_file.string();
    e.line = std::stoi(m[2].str());
    e.column = std::stoi(m[3].str());
    e.path = m[4].str() == "-" ? std::string() : m[4].str();
    e.text = m[5].str();
    e.source_line = line;
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> corpus_cases() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(corpus_dir(), ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<Expectation> expectations_for(const fs::path& case_file, std::string& error) {
  fs::path source = case_file;
  source += ".expect";
  if (!fs::exists(source)) source = case_file;
  return parse_expectations(test::read_file(source), case_file, error);
}

class ScenarioInvalidCorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioInvalidCorpusTest, ReportsExactlyTheExpectedErrors) {
  const fs::path file = corpus_dir() / GetParam();
  std::string error;
  const std::vector<Expectation> expected = expectations_for(file, error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";

  const LoadResult r = load_scenario(file.string());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.exit_code(), ExitCode::kInvalidInput);
  ASSERT_EQ(r.diagnostics.size(), expected.size()) << test::describe(r);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Expectation& e = expected[i];
    const Diagnostic& d = r.diagnostics[i];
    SCOPED_TRACE(e.source_line + "\n  got: " + d.to_string());
    EXPECT_EQ(d.where.file, e.file);
    EXPECT_EQ(d.where.line, e.line);
    EXPECT_EQ(d.where.column, e.column);
    EXPECT_EQ(d.path, e.path);
    const std::string said = d.hint.empty() ? d.message : d.message + "; " + d.hint;
    EXPECT_NE(said.find(e.text), std::string::npos) << "expected text: " << e.text;
    // The rendered form is what the user reads: file:line:col: error: path: message.
    const std::string prefix = e.file + ":" + std::to_string(e.line) + ":" +
                               std::to_string(e.column) +
                               ": error: " + (e.path.empty() ? "" : e.path + ": ");
    EXPECT_EQ(d.to_string().rfind(prefix, 0), 0u) << d.to_string();
  }
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ScenarioInvalidCorpusTest, ::testing::ValuesIn(corpus_cases()),
                         case_name);

TEST(ScenarioInvalidCorpusSizeTest, HasAtLeast35Cases) {
  EXPECT_GE(corpus_cases().size(), kMinimumCorpusSize)
      << "tests/data/invalid/ should hold at least " << kMinimumCorpusSize << " cases";
}

TEST(ScenarioInvalidCorpusSizeTest, ReadsExpectationsFromHeadersAndSidecars) {
  std::string error;
  const auto header = parse_expectations(
      "# a case\n# expect: 7:5 forces.isf.readines | unknown key\n"
      "# expect: bases/x.yaml:1:2 - | text with | bar\nname: x\n",
      "case.yaml", error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(header.size(), 2u);
  EXPECT_EQ(header[0].file, "case.yaml");
  EXPECT_EQ(header[0].line, 7);
  EXPECT_EQ(header[0].column, 5);
  EXPECT_EQ(header[0].path, "forces.isf.readines");
  EXPECT_EQ(header[0].text, "unknown key");
  EXPECT_EQ(header[1].file, (corpus_dir() / "bases/x.yaml").string());
  EXPECT_EQ(header[1].path, "");
  EXPECT_EQ(header[1].text, "text with | bar");

  parse_expectations("# expect: line 7 somewhere\n", "case.yaml", error);
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace sandtable
