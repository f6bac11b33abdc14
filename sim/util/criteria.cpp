#include "sandtable/criteria.hpp"

#include <algorithm>
#include <cctype>

#include "util/text.hpp"

namespace sandtable {

namespace {

struct Token {
  enum Kind { kNumber, kName, kSymbol, kEnd } kind = kEnd;
  std::string text;
  double number = 0.0;
  std::size_t column = 0;  // 0-based
};

// Bounds on a criteria expression, so that hostile input cannot exhaust the
// stack or the memory: its length in characters, and how deeply
// parentheses, `not` and unary minus may nest.
constexpr std::size_t kMaxCriteriaLength = 10000;
constexpr int kMaxNesting = 100;

class Parser {
 public:
  Parser(std::string_view text, const std::vector<std::string>& names, const std::string& origin)
      : text_(text), names_(names), origin_(origin) {}

  bool parse(std::vector<Criteria::Op>& out, std::vector<int>& used, Diagnostic& error) {
    if (text_.size() > kMaxCriteriaLength) {
      error = Diagnostic{SourceLocation{origin_, 1, 1}, origin_,
                         "the expression is " + std::to_string(text_.size()) +
                             " characters long; criteria are limited to " +
                             std::to_string(kMaxCriteriaLength),
                         "name fewer conditions, or combine outcomes in a sweep's analysis"};
      return false;
    }
    if (!tokenize()) {
      error = error_;
      return false;
    }
    pos_ = 0;
    if (tokens_.size() == 1) {
      fail(0, "expected an expression, found nothing",
           "for example: success and isf_casualties < 3000");
    } else {
      parse_or();
      if (ok_ && peek().kind != Token::kEnd)
        fail(peek().column, "unexpected '" + peek().text + "'");
    }
    if (!ok_) {
      error = error_;
      return false;
    }
    out = std::move(program_);
    std::sort(used_.begin(), used_.end());
    used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
    used = std::move(used_);
    return true;
  }

 private:
  bool tokenize() {
    std::size_t i = 0;
    while (i < text_.size()) {
      const char ch = text_[i];
      if (std::isspace(static_cast<unsigned char>(ch))) {
        ++i;
        continue;
      }
      Token t;
      t.column = i;
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') {
        std::size_t j = i;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) ||
                                    text_[j] == '.' || text_[j] == '_' ||
                                    ((text_[j] == '-' || text_[j] == '+') && j > i &&
                                     (text_[j - 1] == 'e' || text_[j - 1] == 'E')))) {
          ++j;
        }
        std::string raw(text_.substr(i, j - i));
        raw.erase(std::remove(raw.begin(), raw.end(), '_'), raw.end());
        const auto v = util::parse_double(raw);
        if (!v)
          return fail(i, "expected a number, found '" + std::string(text_.substr(i, j - i)) + "'");
        t.kind = Token::kNumber;
        t.number = *v;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
        std::size_t j = i;
        while (j < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_')) {
          ++j;
        }
        t.kind = Token::kName;
        t.text = std::string(text_.substr(i, j - i));
        i = j;
      } else {
        static constexpr const char* kTwo[] = {"<=", ">=", "==", "!=", "&&", "||"};
        t.kind = Token::kSymbol;
        for (const char* two : kTwo) {
          if (text_.substr(i, 2) == two) t.text = two;
        }
        if (t.text.empty()) {
          if (std::string_view("<>+-*/()!").find(ch) == std::string_view::npos) {
            return fail(i, std::string("unexpected character '") + ch + "'");
          }
          t.text = std::string(1, ch);
        }
        i += t.text.size();
      }
      tokens_.push_back(std::move(t));
    }
    Token end;
    end.column = text_.size();
    tokens_.push_back(end);
    return true;
  }

  bool fail(std::size_t column, std::string message, std::string hint = {}) {
    if (ok_) {
      error_.where = SourceLocation{origin_, 1, static_cast<int>(column) + 1};
      error_.path = origin_;
      error_.message = std::move(message);
      error_.hint = std::move(hint);
    }
    ok_ = false;
    return false;
  }

  const Token& peek() const { return tokens_[pos_]; }
  bool accept_word(const char* word) {
    if (peek().kind == Token::kName && peek().text == word) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool accept_symbol(const char* symbol) {
    if (peek().kind == Token::kSymbol && peek().text == symbol) {
      ++pos_;
      return true;
    }
    return false;
  }
  void emit(Criteria::Op::Kind k) { program_.push_back({k, 0.0, -1}); }

  void parse_or() {
    parse_and();
    while (ok_ && (accept_word("or") || accept_symbol("||"))) {
      parse_and();
      emit(Criteria::Op::kOr);
    }
  }
  void parse_and() {
    parse_not();
    while (ok_ && (accept_word("and") || accept_symbol("&&"))) {
      parse_not();
      emit(Criteria::Op::kAnd);
    }
  }
  // Enters one level of nesting; false (and an error) past the bound.
  bool enter() {
    if (++nesting_ <= kMaxNesting) return true;
    fail(peek().column, "the expression nests more than " + std::to_string(kMaxNesting) +
                            " levels of parentheses, 'not' or unary '-'");
    return false;
  }
  void parse_not() {
    if (accept_word("not") || accept_symbol("!")) {
      if (enter()) {
        parse_not();
        emit(Criteria::Op::kNot);
      }
      --nesting_;
      return;
    }
    parse_comparison();
  }
  void parse_comparison() {
    parse_sum();
    static constexpr std::pair<const char*, Criteria::Op::Kind> kOps[] = {
        {"<=", Criteria::Op::kLe}, {">=", Criteria::Op::kGe}, {"<", Criteria::Op::kLt},
        {">", Criteria::Op::kGt},  {"==", Criteria::Op::kEq}, {"!=", Criteria::Op::kNe}};
    for (const auto& [sym, kind] : kOps) {
      if (ok_ && accept_symbol(sym)) {
        parse_sum();
        emit(kind);
        return;
      }
    }
  }
  void parse_sum() {
    parse_product();
    while (ok_) {
      if (accept_symbol("+")) {
        parse_product();
        emit(Criteria::Op::kAdd);
      } else if (accept_symbol("-")) {
        parse_product();
        emit(Criteria::Op::kSub);
      } else {
        break;
      }
    }
  }
  void parse_product() {
    parse_unary();
    while (ok_) {
      if (accept_symbol("*")) {
        parse_unary();
        emit(Criteria::Op::kMul);
      } else if (accept_symbol("/")) {
        parse_unary();
        emit(Criteria::Op::kDiv);
      } else {
        break;
      }
    }
  }
  void parse_unary() {
    if (accept_symbol("-")) {
      if (enter()) {
        parse_unary();
        emit(Criteria::Op::kNeg);
      }
      --nesting_;
      return;
    }
    parse_atom();
  }
  void parse_atom() {
    if (!ok_) return;
    const Token& t = peek();
    if (t.kind == Token::kNumber) {
      program_.push_back({Criteria::Op::kNumber, t.number, -1});
      ++pos_;
      return;
    }
    if (accept_symbol("(")) {
      if (enter()) {
        parse_or();
        if (ok_ && !accept_symbol(")")) fail(peek().column, "expected ')'");
      }
      --nesting_;
      return;
    }
    if (t.kind == Token::kName) {
      if (t.text == "true" || t.text == "false") {
        program_.push_back({Criteria::Op::kNumber, t.text == "true" ? 1.0 : 0.0, -1});
        ++pos_;
        return;
      }
      const auto it = std::find(names_.begin(), names_.end(), t.text);
      if (it == names_.end()) {
        fail(t.column, "unknown outcome '" + t.text + "'", util::suggestion(t.text, names_));
        return;
      }
      const int index = static_cast<int>(it - names_.begin());
      program_.push_back({Criteria::Op::kName, 0.0, index});
      used_.push_back(index);
      ++pos_;
      return;
    }
    if (t.kind == Token::kEnd) {
      fail(t.column, "expected a value at the end of the expression");
    } else {
      fail(t.column, "expected a value, found '" + t.text + "'");
    }
  }

  std::string_view text_;
  const std::vector<std::string>& names_;
  std::string origin_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int nesting_ = 0;
  bool ok_ = true;
  Diagnostic error_;
  std::vector<Criteria::Op> program_;
  std::vector<int> used_;
};

}  // namespace

std::optional<Criteria> Criteria::parse(std::string_view text,
                                        const std::vector<std::string>& names, Diagnostic& error,
                                        const std::string& origin) {
  Criteria c;
  Parser parser(text, names, origin);
  if (!parser.parse(c.program_, c.used_, error)) return std::nullopt;
  int depth = 0;
  int max_depth = 0;
  for (const Op& op : c.program_) {
    const bool unary = op.kind == Op::kNeg || op.kind == Op::kNot;
    depth += (op.kind == Op::kNumber || op.kind == Op::kName) ? 1 : (unary ? 0 : -1);
    max_depth = std::max(max_depth, depth);
  }
  if (max_depth > 64) {
    error = Diagnostic{SourceLocation{origin, 1, 1}, origin,
                       "the expression is nested too deeply (more than 64 pending values)", ""};
    return std::nullopt;
  }
  c.text_ = std::string(text);
  return c;
}

double Criteria::evaluate(const std::vector<double>& values) const {
  double stack[64];
  int top = 0;
  for (const Op& op : program_) {
    if (op.kind == Op::kNumber) {
      stack[top++] = op.number;
      continue;
    }
    if (op.kind == Op::kName) {
      const auto i = static_cast<std::size_t>(op.name);
      stack[top++] = i < values.size() ? values[i] : 0.0;
      continue;
    }
    if (op.kind == Op::kNeg) {
      stack[top - 1] = -stack[top - 1];
      continue;
    }
    if (op.kind == Op::kNot) {
      stack[top - 1] = stack[top - 1] == 0.0 ? 1.0 : 0.0;
      continue;
    }
    const double b = stack[--top];
    const double a = stack[top - 1];
    double r = 0.0;
    switch (op.kind) {
      case Op::kAdd:
        r = a + b;
        break;
      case Op::kSub:
        r = a - b;
        break;
      case Op::kMul:
        r = a * b;
        break;
      case Op::kDiv:
        r = b != 0.0 ? a / b : 0.0;
        break;
      case Op::kLt:
        r = a < b;
        break;
      case Op::kLe:
        r = a <= b;
        break;
      case Op::kGt:
        r = a > b;
        break;
      case Op::kGe:
        r = a >= b;
        break;
      case Op::kEq:
        r = a == b;
        break;
      case Op::kNe:
        r = a != b;
        break;
      case Op::kAnd:
        r = (a != 0.0 && b != 0.0) ? 1.0 : 0.0;
        break;
      case Op::kOr:
        r = (a != 0.0 || b != 0.0) ? 1.0 : 0.0;
        break;
      default:
        break;
    }
    stack[top - 1] = r;
  }
  return top > 0 ? stack[0] : 0.0;
}

bool Criteria::holds(const std::vector<std::pair<std::string, double>>& values) const {
  std::vector<double> v;
  v.reserve(values.size());
  for (const auto& [name, value] : values) v.push_back(value);
  return holds(v);
}

}  // namespace sandtable
