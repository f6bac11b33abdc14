#include "study/levels.hpp"

#include <algorithm>
#include <cmath>

#include "util/text.hpp"

namespace sandtable::study {

namespace {

constexpr double kTolerance = 1e-9;  // relative slack when counting steps of a range

using util::split_top_level;
using util::trim;

// "name(args)" -> args, when `s` has that form.
std::optional<std::string_view> call_args(std::string_view s, std::string_view name) {
  if (s.size() < name.size() + 2 || s.substr(0, name.size()) != name) return std::nullopt;
  std::string_view rest = trim(s.substr(name.size()));
  if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') return std::nullopt;
  return trim(rest.substr(1, rest.size() - 2));
}

// The forms of the values grammar written as calls; every other call is a
// distribution (or a misspelt one).
const std::vector<std::string> kLevelForms = {"choice", "linspace", "range", "interval", "reverse"};

// Whether `text` is a call to a distribution rather than to a form of
// discrete values: choice() is a distribution when it gives weights.
bool is_distribution_call(std::string_view text) {
  if (!uncertainty::Distribution::looks_like(text)) return false;
  const std::string name(trim(text.substr(0, text.find('('))));
  if (name == "choice") {
    const std::string_view inner = text.substr(text.find('(') + 1);
    return inner.find(':') != std::string_view::npos;
  }
  return std::find(kLevelForms.begin(), kLevelForms.end(), name) == kLevelForms.end();
}

class Parser {
 public:
  explicit Parser(const ParameterInfo& info) : info_(info) {}

  std::optional<double> value(std::string_view text, std::string& error) const {
    text = trim(text);
    const std::string t(text);
    switch (info_.kind) {
      case ParameterKind::kNumber:
        if (auto v = util::parse_double(t)) return *v;
        break;
      case ParameterKind::kInteger:
        if (auto v = util::parse_integer(t)) return static_cast<double>(*v);
        break;
      case ParameterKind::kBoolean:
        if (t == "true") return 1.0;
        if (t == "false") return 0.0;
        break;
      case ParameterKind::kDate:
        if (auto d = Date::parse(t)) return d->days();
        break;
      case ParameterKind::kChoice: {
        const auto& c = info_.choices;
        const auto it = std::find(c.begin(), c.end(), t);
        if (it != c.end()) return static_cast<double>(it - c.begin());
        error = "expected one of " + util::join(c, ", ") + ", found '" + t + "'";
        if (auto m = util::closest_match(t, c)) error += "; did you mean '" + *m + "'?";
        return std::nullopt;
      }
      case ParameterKind::kText:
        break;
    }
    error = std::string("expected ") + kind_text(info_.kind) + ", found '" + t + "'";
    return std::nullopt;
  }

  // A step: a number; for dates a number of days, "7d" or "2w".
  std::optional<double> step(std::string_view text, std::string& error) const {
    std::string t(trim(text));
    double unit = 1.0;
    if (info_.kind == ParameterKind::kDate && !t.empty() && (t.back() == 'd' || t.back() == 'w')) {
      unit = t.back() == 'w' ? 7.0 : 1.0;
      t.pop_back();
    }
    const auto v = util::parse_double(t);
    const bool whole = info_.kind == ParameterKind::kInteger || info_.kind == ParameterKind::kDate;
    if (!v || *v == 0.0 || (whole && *v != std::floor(*v))) {
      error = std::string("expected a non-zero ") + (whole ? "whole " : "") + "step" +
              (info_.kind == ParameterKind::kDate ? " in days (7, 7d or 1w)" : "") + ", found '" +
              std::string(trim(text)) + "'";
      return std::nullopt;
    }
    return *v * unit;
  }

  // Checks a value against the parameter's declared range.
  [[nodiscard]] std::string check(double v) const {
    const bool low = info_.min && (info_.min_exclusive ? v <= *info_.min : v < *info_.min);
    const bool high = info_.max && v > *info_.max;
    if (!low && !high) return {};
    std::string range;
    if (info_.min) range += (info_.min_exclusive ? "> " : ">= ") + util::format_double(*info_.min);
    if (info_.min && info_.max) range += " and ";
    if (info_.max) range += "<= " + util::format_double(*info_.max);
    return "value " + util::format_double(v) + " is out of range (expected " + range + ")";
  }

 private:
  const ParameterInfo& info_;
};

}  // namespace

std::optional<double> Levels::parse_value(std::string_view text, const ParameterInfo& info,
                                          std::string& error) {
  const Parser p(info);
  const auto v = p.value(text, error);
  if (!v) return std::nullopt;
  if (std::string e = p.check(*v); !e.empty()) {
    error = e;
    return std::nullopt;
  }
  return v;
}

Levels Levels::list(std::vector<double> values, const ParameterInfo& info) {
  Levels l;
  l.kind_ = info.kind;
  l.choices_ = info.choices;
  l.shape_ = Shape::kList;
  l.count_ = values.size();
  l.values_ = std::move(values);
  l.finish_bounds();
  return l;
}

std::optional<Levels> Levels::parse(std::string_view text, const ParameterInfo& info,
                                    std::string& error) {
  text = trim(text);
  if (info.kind == ParameterKind::kText) {
    error = "is a text; only numbers, whole numbers, booleans, dates and choices can be varied";
    return std::nullopt;
  }
  if (text.empty()) {
    error = "expected values (a,b,c or from:to:step or linspace(lo, hi, n) ...), found nothing";
    return std::nullopt;
  }
  const Parser p(info);
  Levels l;
  l.kind_ = info.kind;
  l.choices_ = info.choices;
  const bool ordered = info.kind != ParameterKind::kChoice && info.kind != ParameterKind::kBoolean;
  const auto need_ordered = [&](const char* form) {
    error = std::string(form) +
            " needs ordered values (numbers, whole numbers or dates); list the "
            "values instead: a,b,c";
    return std::nullopt;
  };

  if (is_distribution_call(text)) return read_distribution(text, info, error);
  if (auto inner = call_args(text, "reverse")) {
    auto r = parse(*inner, info, error);
    if (!r) return std::nullopt;
    if (!r->discrete()) {
      error = "reverse() needs discrete values, found an interval";
      return std::nullopt;
    }
    r->reversed_ = !r->reversed_;
    return r;
  }
  std::vector<std::string_view> args;
  std::string form;
  if (auto a = call_args(text, "choice")) {
    text = *a;
  } else if (auto a2 = call_args(text, "linspace")) {
    form = "linspace";
    args = split_top_level(*a2, ',');
  } else if (auto a3 = call_args(text, "range")) {
    form = "range";
    args = split_top_level(*a3, ',');
  } else if (auto a4 = call_args(text, "interval")) {
    form = "interval";
    args = split_top_level(*a4, ',');
  } else if (text.find("..") != std::string_view::npos) {
    form = "interval";
    const std::size_t dots = text.find("..");
    args = {trim(text.substr(0, dots)), trim(text.substr(dots + 2))};
  } else if (text.find(':') != std::string_view::npos && text.find(',') == std::string_view::npos) {
    form = "from:to:step";
    args = split_top_level(text, ':');
  }

  if (form.empty()) {  // a list
    std::vector<double> values;
    for (std::string_view item : split_top_level(text, ',')) {
      const auto v = p.value(item, error);
      if (!v) return std::nullopt;
      if (std::string e = p.check(*v); !e.empty()) {
        error = e;
        return std::nullopt;
      }
      values.push_back(*v);
    }
    return list(std::move(values), info);
  }
  if (!ordered) return need_ordered(form.c_str());

  bool ok = false;
  if (form == "interval") {
    ok = l.read_interval(args, info, error);
  } else if (form == "linspace") {
    ok = l.read_linspace(args, info, error);
  } else {
    ok = l.read_range(args, form == "range", text, info, error);
  }
  if (!ok) return std::nullopt;
  if (l.shape_ == Shape::kInterval) return l;
  l.finish_bounds();
  for (double v : {l.low_, l.high_}) {
    if (std::string e = p.check(v); !e.empty()) {
      error = e;
      return std::nullopt;
    }
  }
  return l;
}

std::optional<Levels> Levels::read_distribution(std::string_view text, const ParameterInfo& info,
                                                std::string& error) {
  const std::string name(trim(text.substr(0, text.find('('))));
  std::vector<std::string> names = uncertainty::distribution_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    names.insert(names.end(), kLevelForms.begin() + 1, kLevelForms.end());
    error = "unknown form '" + name + "(...)'; " + util::suggestion(name, names);
    return std::nullopt;
  }
  auto d = uncertainty::Distribution::parse(text, info, error);
  if (!d) return std::nullopt;
  Levels l;
  l.shape_ = Shape::kDistribution;
  l.kind_ = info.kind;
  l.choices_ = info.choices;
  l.low_ = d->low();
  l.high_ = d->high();
  l.distribution_ = std::move(*d);
  return l;
}

bool Levels::read_interval(const std::vector<std::string_view>& args, const ParameterInfo& info,
                           std::string& error) {
  const Parser p(info);
  if (args.size() != 2) {
    error = "expected interval(lo, hi) or lo..hi";
    return false;
  }
  const auto lo = p.value(args[0], error);
  if (!lo) return false;
  const auto hi = p.value(args[1], error);
  if (!hi) return false;
  if (!(*lo < *hi)) {
    error = "expected an interval with lo < hi";
    return false;
  }
  for (double v : {*lo, *hi}) {
    if (std::string e = p.check(v); !e.empty()) {
      error = e;
      return false;
    }
  }
  shape_ = Shape::kInterval;
  low_ = *lo;
  high_ = *hi;
  return true;
}

bool Levels::read_linspace(const std::vector<std::string_view>& args, const ParameterInfo& info,
                           std::string& error) {
  const Parser p(info);
  if (args.size() != 3) {
    error = "expected linspace(lo, hi, n)";
    return false;
  }
  const auto lo = p.value(args[0], error);
  if (!lo) return false;
  const auto hi = p.value(args[1], error);
  if (!hi) return false;
  const auto n = util::parse_integer(std::string(args[2]));
  if (!n || *n < 1) {
    error = "expected a count of at least 1 as the third argument of linspace, found '" +
            std::string(args[2]) + "'";
    return false;
  }
  shape_ = Shape::kLinspace;
  count_ = static_cast<std::uint64_t>(*n);
  start_ = *lo;
  end_ = *n == 1 ? *lo : *hi;
  step_ = *n > 1 ? (*hi - *lo) / static_cast<double>(*n - 1) : 0.0;
  if (info.kind != ParameterKind::kNumber && *n > 1 && step_ != std::floor(step_)) {
    error = "linspace gives values that are not whole for this parameter; use from:to:step";
    return false;
  }
  return true;
}

// range(start, stop[, step]) excludes stop (python); from:to[:step] includes to.
bool Levels::read_range(const std::vector<std::string_view>& args, bool python,
                        std::string_view text, const ParameterInfo& info, std::string& error) {
  const Parser p(info);
  if (args.size() < 2 || args.size() > 3) {
    error = python ? "expected range(start, stop) or range(start, stop, step)"
                   : "expected from:to or from:to:step";
    return false;
  }
  const auto from = p.value(args[0], error);
  if (!from) return false;
  const auto to = p.value(args[1], error);
  if (!to) return false;
  double step = 1.0;
  if (args.size() == 3) {
    const auto s = p.step(args[2], error);
    if (!s) return false;
    step = *s;
  }
  const double span = (*to - *from) / step;
  const double count = python ? std::ceil(span - kTolerance) : std::floor(span + kTolerance) + 1.0;
  if (!(count >= 1.0)) {
    error = "the range " + std::string(text) + " holds no value (check the sign of the step)";
    return false;
  }
  if (count > 9.0e15) {
    error = "the range " + std::string(text) + " is too long";
    return false;
  }
  shape_ = Shape::kArithmetic;
  start_ = *from;
  step_ = step;
  count_ = static_cast<std::uint64_t>(count);
  return true;
}

void Levels::finish_bounds() {
  if (shape_ == Shape::kInterval || count_ == 0) return;
  if (shape_ == Shape::kList) {
    low_ = *std::min_element(values_.begin(), values_.end());
    high_ = *std::max_element(values_.begin(), values_.end());
    return;
  }
  const bool saved = reversed_;
  reversed_ = false;
  low_ = std::min(at(0), at(count_ - 1));
  high_ = std::max(at(0), at(count_ - 1));
  reversed_ = saved;
}

double Levels::at(std::uint64_t i) const {
  const std::uint64_t k = reversed_ ? count_ - 1 - i : i;
  switch (shape_) {
    case Shape::kList:
      return values_[k];
    case Shape::kArithmetic:
      return start_ + static_cast<double>(k) * step_;
    case Shape::kLinspace:
      // As numpy.linspace: i * step + start, the last value exactly `hi`.
      return k + 1 == count_ ? end_ : static_cast<double>(k) * step_ + start_;
    case Shape::kInterval:
      return low_;
    case Shape::kDistribution:
      return distribution_->quantile(0.5);
  }
  return 0.0;
}

double Levels::from_unit(double u) const {
  if (shape_ == Shape::kDistribution) return distribution_->quantile(u);
  if (shape_ != Shape::kInterval) {
    const double n = static_cast<double>(count_);
    const auto i = static_cast<std::uint64_t>(std::min(n - 1.0, std::floor(u * n)));
    return at(i);
  }
  if (kind_ == ParameterKind::kNumber) return std::min(high_, low_ + u * (high_ - low_));
  // Whole numbers and dates: high - low + 1 cells of equal width.
  return std::min(high_, low_ + std::floor(u * (high_ - low_ + 1.0)));
}

double Levels::oat_low() const {
  return shape_ == Shape::kDistribution ? distribution_->quantile(0.05) : low_;
}

double Levels::oat_high() const {
  return shape_ == Shape::kDistribution ? distribution_->quantile(0.95) : high_;
}

std::string Levels::describe() const {
  if (shape_ == Shape::kDistribution) return distribution_->text();
  const std::string range = value_text(low_) + " to " + value_text(high_);
  if (!discrete()) return "interval " + range;
  if (size() == 1) return "1 value, " + value_text(at(0));
  return std::to_string(size()) + " values, " + range;
}

std::string Levels::value_text(double v) const {
  switch (kind_) {
    case ParameterKind::kNumber:
      return util::format_double(v);
    case ParameterKind::kInteger:
      return std::to_string(static_cast<long long>(v));
    case ParameterKind::kBoolean:
      return v != 0.0 ? "true" : "false";
    case ParameterKind::kDate:
      return Date::from_days(static_cast<int>(v)).to_string();
    case ParameterKind::kChoice: {
      const auto i = static_cast<std::size_t>(v);
      return v >= 0 && i < choices_.size() ? choices_[i] : util::format_double(v);
    }
    case ParameterKind::kText:
      break;
  }
  return util::format_double(v);
}

}  // namespace sandtable::study
