// Reading a distribution from text against a key's schema: names, arguments
// in the key's form, ranges, and the errors that say what was expected.
#include <algorithm>
#include <cmath>

#include "sandtable/date.hpp"
#include "uncertainty/distribution.hpp"
#include "util/text.hpp"

namespace sandtable::uncertainty {

namespace {

struct Form {
  DistributionKind kind;
  const char* name;
  const char* args;
  int count;  // -1: one or more
};

constexpr Form kForms[] = {
    {DistributionKind::kUniform, "uniform", "lo, hi", 2},
    {DistributionKind::kTriangular, "triangular", "lo, mode, hi", 3},
    {DistributionKind::kPert, "pert", "lo, mode, hi", 3},
    {DistributionKind::kNormal, "normal", "mean, sd", 2},
    {DistributionKind::kLognormal, "lognormal", "median, factor", 2},
    {DistributionKind::kChoice, "choice", "value: weight, ...", -1},
};

const Form& form_of(DistributionKind kind) {
  for (const Form& f : kForms) {
    if (f.kind == kind) return f;
  }
  return kForms[0];
}

using util::trim;

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// The arguments: split on commas outside parentheses; none for blank text.
std::vector<std::string_view> split_args(std::string_view s) {
  if (trim(s).empty()) return {};
  return util::split_top_level(s, ',');
}

// Reads the arguments of one distribution for one key, writing errors as
// "pert: expected ..., found ...".
class ArgReader {
 public:
  ArgReader(const ParameterInfo& info, const char* name, std::string& error)
      : info_(info), name_(name), error_(error) {}

  // A value in the key's own form, inside the key's declared range.
  std::optional<double> location(std::string_view text, const char* what) const {
    const std::string t(trim(text));
    std::optional<double> v;
    if (info_.kind == ParameterKind::kNumber) {
      v = util::parse_double(t);
    } else if (info_.kind == ParameterKind::kInteger) {
      if (auto i = util::parse_integer(t)) v = static_cast<double>(*i);
    } else if (info_.kind == ParameterKind::kDate) {
      if (auto d = Date::parse(t)) v = d->days();
    }
    if (!v)
      return fail(std::string("expected ") + what + " as " + kind_text(info_.kind) + ", found '" +
                  t + "'");
    const bool low = info_.min && (info_.min_exclusive ? *v <= *info_.min : *v < *info_.min);
    const bool high = info_.max && *v > *info_.max;
    if (low || high) {
      return fail(std::string("argument ") + what + " = " + t +
                  " is outside the key's range (expected " + range_text() + ")");
    }
    return v;
  }

  // A plain number (a spread or a factor), whatever the key's kind.
  std::optional<double> number(std::string_view text, const char* what) const {
    const std::string t(trim(text));
    const auto v = util::parse_double(t);
    if (!v) return fail(std::string("expected ") + what + " as a number, found '" + t + "'");
    return v;
  }

  std::nullopt_t fail(const std::string& message) const {
    error_ = std::string(name_) + ": " + message;
    return std::nullopt;
  }

  [[nodiscard]] std::string range_text() const {
    std::string range;
    if (info_.min) range += (info_.min_exclusive ? "> " : ">= ") + util::format_double(*info_.min);
    if (info_.min && info_.max) range += " and ";
    if (info_.max) range += "<= " + util::format_double(*info_.max);
    return range;
  }

 private:
  const ParameterInfo& info_;
  const char* name_;
  std::string& error_;
};

}  // namespace

const char* to_string(DistributionKind kind) { return form_of(kind).name; }

std::vector<std::string> distribution_names() {
  std::vector<std::string> names;
  for (const Form& f : kForms) names.emplace_back(f.name);
  return names;
}

bool Distribution::looks_like(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i == 0) return false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i < text.size() && text[i] == '(' && text.back() == ')';
}

std::optional<Distribution> Distribution::parse(std::string_view text, const ParameterInfo& info,
                                                std::string& error) {
  text = trim(text);
  if (!looks_like(text)) {
    error = "expected a distribution such as pert(lo, mode, hi), found '" + std::string(text) + "'";
    return std::nullopt;
  }
  const std::size_t open = text.find('(');
  const std::string name(trim(text.substr(0, open)));
  const Form* form = nullptr;
  for (const Form& f : kForms) {
    if (name == f.name) form = &f;
  }
  if (!form) {
    error = "unknown distribution '" + name + "'; " + util::suggestion(name, distribution_names());
    return std::nullopt;
  }
  if (info.kind == ParameterKind::kText) {
    error = std::string(form->name) +
            ": the key is a text; a distribution needs numbers, whole numbers, dates, true/false "
            "or choices";
    return std::nullopt;
  }
  const bool ordered = info.kind == ParameterKind::kNumber ||
                       info.kind == ParameterKind::kInteger || info.kind == ParameterKind::kDate;
  if (!ordered && form->kind != DistributionKind::kChoice) {
    error = std::string(form->name) +
            ": expected a key with ordered values (numbers, whole numbers or dates), found " +
            kind_text(info.kind) + "; use choice(a: w, b: w, ...)";
    return std::nullopt;
  }
  const std::vector<std::string_view> args =
      split_args(text.substr(open + 1, text.size() - open - 2));
  const auto count = static_cast<int>(args.size());
  if ((form->count >= 0 && count != form->count) || (form->count < 0 && count == 0)) {
    error = std::string(form->name) + ": expected " +
            (form->count < 0 ? std::string("at least 1 argument")
                             : std::to_string(form->count) + " arguments") +
            " (" + form->args + "), found " + std::to_string(count);
    return std::nullopt;
  }
  Distribution d;
  d.kind_ = form->kind;
  d.value_kind_ = info.kind;
  const bool ok = d.kind_ == DistributionKind::kChoice ? d.read_choice(args, info, error)
                                                       : d.read_continuous(args, info, error);
  if (!ok) return std::nullopt;
  return d;
}

bool Distribution::read_continuous(const std::vector<std::string_view>& args,
                                   const ParameterInfo& info, std::string& error) {
  const ArgReader r(info, to_string(kind_), error);
  const auto location = [&](std::size_t i, const char* what) {
    const auto v = r.location(args[i], what);
    if (v) args_.push_back(*v);
    return v.has_value();
  };
  switch (kind_) {
    case DistributionKind::kUniform:
    case DistributionKind::kTriangular:
    case DistributionKind::kPert: {
      const bool three = args.size() == 3;
      if (!location(0, "lo")) return false;
      if (three && !location(1, "mode")) return false;
      if (!location(three ? 2 : 1, "hi")) return false;
      const double lo = args_.front();
      const double hi = args_.back();
      if (!(lo < hi)) {
        r.fail("expected lo < hi, found lo " + std::string(args[0]) + " and hi " +
               std::string(args.back()));
        return false;
      }
      if (three && (args_[1] < lo || args_[1] > hi)) {
        r.fail("expected the mode inside [lo, hi] = [" + std::string(args[0]) + ", " +
               std::string(args[2]) + "], found " + std::string(args[1]));
        return false;
      }
      break;
    }
    case DistributionKind::kNormal: {
      if (!location(0, "the mean")) return false;
      const auto sd = r.number(args[1], "sd");
      if (!sd) return false;
      if (!(*sd > 0.0)) {
        r.fail("expected sd > 0, found " + std::string(args[1]));
        return false;
      }
      args_.push_back(*sd);
      break;
    }
    case DistributionKind::kLognormal: {
      if (!location(0, "the median")) return false;
      if (!(args_[0] > 0.0)) {
        r.fail("expected a median > 0, found " + std::string(args[0]));
        return false;
      }
      const auto factor = r.number(args[1], "the factor");
      if (!factor) return false;
      if (!(*factor > 1.0)) {
        r.fail("expected a factor > 1 (the 84th percentile over the median), found " +
               std::string(args[1]));
        return false;
      }
      args_.push_back(*factor);
      break;
    }
    case DistributionKind::kChoice:
      return false;
  }
  if (!set_support(info)) {
    r.fail("the key's range (" + r.range_text() + ") holds no probability of this distribution");
    return false;
  }
  return true;
}

bool Distribution::read_choice(const std::vector<std::string_view>& args, const ParameterInfo& info,
                               std::string& error) {
  const ArgReader r(info, "choice", error);
  if (info.kind == ParameterKind::kChoice) names_ = info.choices;
  if (info.kind == ParameterKind::kBoolean) names_ = {"false", "true"};
  double total = 0.0;
  for (std::string_view arg : args) {
    const std::size_t colon = arg.find(':');
    if (colon == std::string_view::npos) {
      r.fail("expected 'value: weight', found '" + std::string(arg) + "'");
      return false;
    }
    const std::string label(trim(arg.substr(0, colon)));
    const std::string_view weight_text = trim(arg.substr(colon + 1));
    double value = 0.0;
    if (names_.empty()) {
      const auto v = r.location(label, "a value");
      if (!v) return false;
      value = *v;
    } else {
      const auto it = std::find(names_.begin(), names_.end(), label);
      if (it == names_.end()) {
        r.fail("expected one of " + util::join(names_, ", ") + ", found '" + label + "'" +
               (util::closest_match(label, names_)
                    ? "; did you mean '" + *util::closest_match(label, names_) + "'?"
                    : ""));
        return false;
      }
      value = static_cast<double>(it - names_.begin());
    }
    if (std::find(args_.begin(), args_.end(), value) != args_.end()) {
      r.fail("'" + label + "' is listed twice");
      return false;
    }
    const auto w = util::parse_double(weight_text);
    if (!w || *w < 0.0) {
      r.fail("expected a weight >= 0 for '" + label + "', found '" + std::string(weight_text) +
             "'");
      return false;
    }
    args_.push_back(value);
    raw_weights_.push_back(*w);
    total += *w;
  }
  if (!(total > 0.0)) {
    r.fail("expected at least one weight above 0, found all 0");
    return false;
  }
  // The support in increasing order of value (for a choice key, of index),
  // so the quantile is non-decreasing in u.
  std::vector<std::size_t> order(args_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return args_[a] < args_[b]; });
  double cumulative = 0.0;
  for (std::size_t i : order) {
    if (raw_weights_[i] == 0.0) continue;
    const double p = raw_weights_[i] / total;
    cumulative += p;
    points_.push_back(args_[i]);
    probabilities_.push_back(p);
    cumulative_.push_back(cumulative);
  }
  cumulative_.back() = 1.0;
  if (names_.empty()) {
    weights_ = probabilities_;
  } else {
    weights_.assign(names_.size(), 0.0);
    for (std::size_t i = 0; i < points_.size(); ++i)
      weights_[static_cast<std::size_t>(points_[i])] = probabilities_[i];
  }
  low_ = points_.front();
  high_ = points_.back();
  return true;
}

}  // namespace sandtable::uncertainty
