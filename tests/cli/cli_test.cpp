// The program's top level: commands, help, version and usage errors.
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace sandtable {
namespace {

using testing::run_sandtable;

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
