// Diagnostics and status values: how the library reports bad input and
// environment failures. No exception crosses a public header; every entry
// point returns one of these.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sandtable {

// Process exit codes of the `sandtable` program (fixed and documented).
enum class ExitCode : int {
  kOk = 0,
  kInvalidInput = 1,   // the input data is invalid (scenario, study, criteria)
  kUsage = 2,          // the command line is malformed
  kIo = 3,             // a file or database could not be read or written
  kInternal = 70,      // a bug: a broken invariant
  kInterrupted = 130,  // stopped by SIGINT or SIGTERM (128 + SIGINT); --resume finishes it
};

// Where a value came from: a file position (1-based line and column), or a
// command-line override ("<--set 2>", line 1, column in the argument).
struct SourceLocation {
  std::string file;  // empty when the location is unknown
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown

  [[nodiscard]] bool known() const { return !file.empty(); }
  [[nodiscard]] std::string to_string() const;  // "file:line:col" or "file"
  bool operator==(const SourceLocation&) const = default;
};

// One problem found in the input. Rendered as
//   file:line:col: error: key.path: message; hint
struct Diagnostic {
  SourceLocation where;
  std::string path;     // dotted key path, e.g. "forces.isf.readiness"
  std::string message;  // what was expected and what was found
  std::string hint;     // e.g. "did you mean 'readiness'?"; may be empty

  [[nodiscard]] std::string to_string() const;
};

// An ordered collection of diagnostics; empty means "valid".
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void add(SourceLocation where, std::string path, std::string message, std::string hint = {}) {
    items_.push_back({std::move(where), std::move(path), std::move(message), std::move(hint)});
  }
  void append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] std::size_t size() const { return items_.size(); }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  [[nodiscard]] const Diagnostic& operator[](std::size_t i) const { return items_[i]; }
  [[nodiscard]] std::string to_string() const;  // one line per diagnostic

 private:
  std::vector<Diagnostic> items_;
};

// Result of an operation that touches the environment (files, databases).
class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kInvalidInput, kIo, kInternal };

  Status() = default;
  static Status ok() { return {}; }
  static Status invalid_input(std::string msg) { return {Code::kInvalidInput, std::move(msg)}; }
  static Status io_error(std::string msg) { return {Code::kIo, std::move(msg)}; }
  static Status internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

  [[nodiscard]] bool is_ok() const { return code_ == Code::kOk; }
  [[nodiscard]] Code code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] ExitCode exit_code() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace sandtable
