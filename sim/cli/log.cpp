#include "cli/log.hpp"

#include <spdlog/sinks/ostream_sink.h>

#include <iostream>
#include <memory>

#include "util/text.hpp"

namespace sandtable::cli {

namespace {

std::shared_ptr<spdlog::logger>& current() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

std::shared_ptr<spdlog::logger> make(std::ostream& err) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(err, /*force_flush=*/true);
  auto logger = std::make_shared<spdlog::logger>("sandtable", std::move(sink));
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  return logger;
}

}  // namespace

LogScope::LogScope(std::ostream& err) { current() = make(err); }

LogScope::~LogScope() { current().reset(); }

spdlog::logger& log() {
  // Outside a run (library use, tests of one command's parts): stderr.
  if (!current()) current() = make(std::cerr);
  return *current();
}

const std::vector<std::string>& log_level_names() {
  static const std::vector<std::string> names = {"off", "error", "warn", "info", "debug"};
  return names;
}

std::string set_log_level(const std::string& name) {
  static const spdlog::level::level_enum levels[] = {spdlog::level::off, spdlog::level::err,
                                                     spdlog::level::warn, spdlog::level::info,
                                                     spdlog::level::debug};
  const auto& names = log_level_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      log().set_level(levels[i]);
      return {};
    }
  }
  return "expected one of " + util::join(names, ", ") + ", found '" + name + "'";
}

}  // namespace sandtable::cli
