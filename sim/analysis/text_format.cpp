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

std::string render_columns(const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& right, const std::string& indent) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    if (width.size() < row.size()) width.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      const bool r = c < right.size() && right[c];
      if (c > 0) line += "  ";
      line += r ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string render_markdown(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& right) {
  const auto escape = [](const std::string& s) {
    std::string e;
    for (const char ch : s) {
      if (ch == '|') e += '\\';
      e += ch;
    }
    return e;
  };
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += "|";
    for (const std::string& cell : rows[r]) out += " " + escape(cell) + " |";
    out += "\n";
    if (r == 0) {
      out += "|";
      for (std::size_t c = 0; c < rows[0].size(); ++c) {
        out += c < right.size() && right[c] ? " ---: |" : " --- |";
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace sandtable::analysis
