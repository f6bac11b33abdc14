#include "sandtable/status.hpp"

#include <string>

#include "util/assert.hpp"

namespace sandtable {

std::string SourceLocation::to_string() const {
  if (file.empty()) return "<unknown>";
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string Diagnostic::to_string() const {
  std::string out = where.to_string() + ": error: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  if (!hint.empty()) out += "; " + hint;
  return out;
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const Diagnostic& d : items_) out += d.to_string() + "\n";
  return out;
}

ExitCode Status::exit_code() const {
  switch (code_) {
    case Code::kOk:
      return ExitCode::kOk;
    case Code::kInvalidInput:
      return ExitCode::kInvalidInput;
    case Code::kIo:
      return ExitCode::kIo;
    case Code::kInternal:
      return ExitCode::kInternal;
  }
  return ExitCode::kInternal;
}

}  // namespace sandtable

namespace sandtable::util {

void assertion_failed(const char* condition, const char* what, const char* file, int line) {
  throw InternalError(std::string(file) + ":" + std::to_string(line) + ": " + what + " (" +
                      condition + " is false); please report this with the command and its files");
}

}  // namespace sandtable::util
