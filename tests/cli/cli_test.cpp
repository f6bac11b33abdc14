// The program's top level: commands, help, version and usage errors.
#include <gtest/gtest.h>

#include "cli/commands.hpp"
#include "cli_runner.hpp"

namespace sandtable {
namespace {

using testing::run_sandtable;

// The progress line never wraps on a terminal (a wrapped line defeats the
// carriage return and floods the screen): the bar narrows, goes, then the
// text is cut.
TEST(CliTest, ProgressLineFitsTheTerminal) {
  const std::string text = "500/1000 (50%), 12,000 runs/s, ETA 0 s";
  const std::string wide = cli::progress_line(text, 0.5, 200);
  EXPECT_EQ(wide, "[" + std::string(15, '#') + std::string(15, '.') + "] " + text);
  EXPECT_EQ(cli::progress_line(text, 0.5, 0), wide);  // no terminal width known
  for (const int columns : {60, 50, 41, 30, 10, 2}) {
    const std::string line = cli::progress_line(text, 0.5, columns);
    EXPECT_LE(line.size(), static_cast<std::size_t>(columns - 1)) << columns;
    EXPECT_FALSE(line.empty()) << columns;
  }
  EXPECT_EQ(cli::progress_line(text, 0.5, 41), text);  // no room for a bar of 10
  EXPECT_EQ(cli::progress_line(text, 1.0, 60).substr(0, 18), "[" + std::string(17, '#'));
}

TEST(CliTest, UnknownCommandIsAUsageErrorWithASuggestion) {
  const auto r = run_sandtable({"swep", "scenarios/mosul-2015/base.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command 'swep'; did you mean 'sweep'?"), std::string::npos)
      << r.err;
}

TEST(CliTest, UnknownCommandFarFromAnyListsTheCommands) {
  const auto r = run_sandtable({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("expected one of: check, show, schema, run"), std::string::npos) << r.err;
}

TEST(CliTest, NoCommandIsAUsageError) { EXPECT_EQ(run_sandtable({}).code, 2); }

TEST(CliTest, HelpAndVersionSucceed) {
  const auto help = run_sandtable({"--help"});
  EXPECT_EQ(help.code, 0);
  for (const char* command : {"check", "show", "schema", "run", "sweep", "export", "analyze",
                              "compare", "timing", "threshold", "discover"}) {
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  const auto version = run_sandtable({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_EQ(version.out.rfind("sandtable ", 0), 0u);
}

TEST(CliTest, UnknownOptionIsAUsageError) {
  const auto r = run_sandtable({"run", "scenarios/mosul-2015/base.yaml", "--frobnicate"});
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace sandtable
