// Runs the `sandtable` command line in-process, as a user would, capturing
// its exit code and both output streams.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "sandtable/cli.hpp"

namespace sandtable::testing {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

// `args` are the arguments after the program name.
inline CliRun run_sandtable(const std::vector<std::string>& args) {
  std::vector<std::string> storage = {"sandtable"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& a : storage) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  CliRun r;
  r.code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace sandtable::testing
