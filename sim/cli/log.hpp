// Internal: the program's log. Warnings, progress lines and debug detail go
// through spdlog to the command's error stream, filtered by --log-level
// (off, error, warn, info, debug; default info). Results and diagnostics of
// bad input are not log messages: they go to the output and error streams
// as before, whatever the level.
#pragma once

#include <spdlog/spdlog.h>

#include <ostream>
#include <string>
#include <vector>

namespace sandtable::cli {

// Installs, for the lifetime of the scope (one run of the program), a logger
// that writes each message as it is (no prefix added) to `err`.
class LogScope {
 public:
  explicit LogScope(std::ostream& err);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;
};

// The logger of the current run.
spdlog::logger& log();

// The level names --log-level takes, and setting one ("" if fine, else why not).
const std::vector<std::string>& log_level_names();
std::string set_log_level(const std::string& name);

}  // namespace sandtable::cli
