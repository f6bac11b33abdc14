// Typed access to one assumption of a loaded scenario by its dotted path
// ("forces.isf.readiness", "calendar.d_day"), through the declared schema.
// Sweeps and comparisons use it to change values without re-reading files:
// resolve once, then set as often as needed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandtable/scenario.hpp"
#include "sandtable/status.hpp"

namespace sandtable {

enum class ParameterKind { kNumber, kInteger, kBoolean, kDate, kChoice, kText };

// What a value of kind `k` is, for messages: "a number", "a whole number",
// "a date written YYYY-MM-DD"...
// Inline: the uncertainty area (below the scenario area) words its messages
// with it too.
constexpr const char* kind_text(ParameterKind k) {
  switch (k) {
    case ParameterKind::kNumber:
      return "a number";
    case ParameterKind::kInteger:
      return "a whole number";
    case ParameterKind::kBoolean:
      return "true or false";
    case ParameterKind::kDate:
      return "a date written YYYY-MM-DD";
    case ParameterKind::kChoice:
      return "one of the choices";
    case ParameterKind::kText:
      return "a text";
  }
  return "a value";
}

struct ParameterInfo {
  std::string path;
  ParameterKind kind = ParameterKind::kNumber;
  std::optional<double> min;  // numbers and integers
  std::optional<double> max;
  bool min_exclusive = false;
  std::vector<std::string> choices;  // kChoice, in order; the numeric value is the index
  std::string unit;
  std::string doc;
};

// A scalar assumption inside one Scenario object. Numeric form: numbers as
// they are, integers and booleans as numbers, dates as days since 1970-01-01,
// choices as their index. The Scenario must outlive the reference and must
// not be restructured (elements added or removed) while it is used.
class ParameterRef {
 public:
  // Resolves `path` in `scenario`. On failure returns nothing and fills
  // `error` (unknown key with "did you mean", not a scalar, index out of range).
  static std::optional<ParameterRef> resolve(Scenario& scenario, const std::string& path,
                                             Diagnostic& error);

  [[nodiscard]] const ParameterInfo& info() const { return info_; }

  // Sets the value; returns an error message (empty on success) when the
  // value is out of range, not integral for an integer, not 0/1 for a
  // boolean, or not a valid choice index.
  [[nodiscard]] std::string set(double value) const;
  // Sets from text written as in a scenario file ("0.5", "2015-04-01", "square").
  [[nodiscard]] std::string set_text(std::string_view text) const;
  [[nodiscard]] double get() const;
  [[nodiscard]] std::string get_text() const;  // as it would appear in a scenario file

 private:
  ParameterInfo info_;
  void* storage_ = nullptr;
  const void* field_ = nullptr;  // schema::Field
};

// The minimal units in which two resolved scenarios differ, in schema order:
// a scalar path where both have the value; the whole list where list lengths
// differ; the whole block where an optional block is present in one only;
// the whole map entry where an entry exists in one only.
std::vector<std::string> diff_paths(const Scenario& a, const Scenario& b);

// Copies the unit at `path` (as returned by diff_paths) from `src` into `dst`
// (adding or removing a map entry or optional block as needed). Returns false
// if the path does not resolve in either scenario.
bool copy_path(Scenario& dst, const Scenario& src, const std::string& path);

// The value at `path` as text ("(absent)" when it does not exist); lists and
// blocks are summarised in flow style.
std::string value_text(const Scenario& scenario, const std::string& path);

}  // namespace sandtable
