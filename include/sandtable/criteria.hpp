// Criteria: boolean expressions over outcome names, such as
//   success and isf_casualties < 3000 and iran_backed_share < 0.4
// Grammar (precedence low to high): or; and; not; comparisons
// (< <= > >= == !=); + -; * /; unary -; numbers, names, true, false and
// parentheses. Values are numbers; a value is true when it is not 0.
// x / 0 is 0 (documented in docs/analysis.md: guard with `b > 0 and a / b ...`).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sandtable/status.hpp"

namespace sandtable {

class Criteria {
 public:
  // Parses `text` against the allowed `names` (the outcome names, in the
  // order the values will be given). On error returns nothing and fills
  // `error` (column of the offending token, "did you mean" for a misspelt
  // name). `origin` names the source in the error ("--criteria",
  // "analysis.criteria").
  static std::optional<Criteria> parse(std::string_view text, const std::vector<std::string>& names,
                                       Diagnostic& error, const std::string& origin = "--criteria");

  // Evaluates with values[i] the value of names[i].
  [[nodiscard]] double evaluate(const std::vector<double>& values) const;
  [[nodiscard]] bool holds(const std::vector<double>& values) const {
    return evaluate(values) != 0.0;
  }
  // Same, from (name, value) pairs in the order given to parse().
  [[nodiscard]] bool holds(const std::vector<std::pair<std::string, double>>& values) const;

  [[nodiscard]] const std::string& text() const { return text_; }
  // Indices (into names) of the names the expression uses.
  [[nodiscard]] const std::vector<int>& used() const { return used_; }

  struct Op {
    enum Kind {
      kNumber,
      kName,
      kNeg,
      kNot,
      kAdd,
      kSub,
      kMul,
      kDiv,
      kLt,
      kLe,
      kGt,
      kGe,
      kEq,
      kNe,
      kAnd,
      kOr
    };
    Kind kind;
    double number = 0.0;
    int name = -1;
  };

 private:
  std::string text_;
  std::vector<Op> program_;  // postfix
  std::vector<int> used_;
};

}  // namespace sandtable
