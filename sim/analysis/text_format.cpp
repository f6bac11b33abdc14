#include "analysis/text_format.hpp"

#include <algorithm>
#include <cmath>

#include "sandtable/date.hpp"
#include "util/text.hpp"

namespace sandtable::analysis {

namespace {

std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string significant(double value, int digits) {
  if (value == 0.0) return "0";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(value))));
  const int decimals = std::clamp(digits - 1 - magnitude, 0, 12);
  return trim_zeros(util::format_fixed(value, decimals));
}

}  // namespace

std::string readable(double value) {
  if (std::isnan(value)) return "-";
  if (!std::isfinite(value)) return util::format_double(value);
  if (std::abs(value) >= 1000.0 || (value == std::floor(value) && std::abs(value) < 1e15)) {
    return util::format_count(value);
  }
  return significant(value, 4);
}

std::string signed_readable(double value) {
  std::string text = readable(value);
  if (text == "0" || text == "-" || text.front() == '-') return text;
  return "+" + text;
}

std::string parameter_text(double value, ParameterKind kind, int digits) {
  if (!std::isfinite(value)) return util::format_double(value);
  switch (kind) {
    case ParameterKind::kDate:
      return Date::from_days(static_cast<int>(std::lround(value))).to_string();
    case ParameterKind::kInteger:
    case ParameterKind::kBoolean:
    case ParameterKind::kChoice:
      return std::to_string(std::llround(value));
    default:
      break;
  }
  return digits > 0 ? significant(value, digits) : util::format_double(value);
}

}  // namespace sandtable::analysis
