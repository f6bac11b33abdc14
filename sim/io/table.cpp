#include "io/table.hpp"

#include <algorithm>
#include <cstddef>

namespace sandtable::io {

namespace {

// The rows restricted to the columns `which`, rendered.
std::string render_block(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right, const std::string& indent,
                         const std::vector<std::size_t>& which,
                         const std::vector<std::size_t>& width) {
  std::string out;
  for (const auto& row : rows) {
    std::string line = indent;
    bool first = true;
    for (const std::size_t c : which) {
      if (!first) line += "  ";
      first = false;
      if (c >= row.size()) continue;
      const std::string pad(width[c] - row[c].size(), ' ');
      const bool r = c < right.size() && right[c];
      line += r ? pad + row[c] : row[c] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string render_columns(const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& right, const std::string& indent, int width,
                           std::size_t keys) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  const std::size_t n = widths.size();
  keys = std::min(keys, n);
  std::size_t total = indent.size();
  for (std::size_t c = 0; c < n; ++c) total += widths[c] + (c > 0 ? 2 : 0);
  std::vector<std::size_t> all(n);
  for (std::size_t c = 0; c < n; ++c) all[c] = c;
  if (width <= 0 || total <= static_cast<std::size_t>(width) || keys >= n) {
    return render_block(rows, right, indent, all, widths);
  }
  std::size_t key_width = indent.size();
  for (std::size_t c = 0; c < keys; ++c) key_width += widths[c] + (c > 0 ? 2 : 0);
  std::string out;
  std::size_t c = keys;
  while (c < n) {
    std::vector<std::size_t> block(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keys));
    std::size_t used = key_width;
    while (c < n) {
      const std::size_t more = widths[c] + (block.empty() ? 0 : 2);
      if (block.size() > keys && used + more > static_cast<std::size_t>(width)) break;
      block.push_back(c);
      used += more;
      ++c;
    }
    if (!out.empty()) out += "\n";
    out += render_block(rows, right, indent, block, widths);
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

}  // namespace sandtable::io
