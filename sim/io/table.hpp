// Internal: the table layer every command writes through. Plain columns for
// terminals, Markdown and CSV tables; JSON goes through nlohmann::ordered_json
// and numbers in words through analysis/text_format.hpp.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "util/text.hpp"

namespace sandtable::io {

// Columns separated by two spaces, each padded to its widest cell; columns
// flagged in `right` are right-aligned. Every row ends with a newline and
// no trailing spaces.
//
// With `width` > 0 and lines wider than it, the columns after the first
// `keys` are split into blocks that each fit (a block holds at least one
// column, so a single very wide column can still overflow), every block
// repeating the key columns and separated from the next by a blank line.
std::string render_columns(const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& right, const std::string& indent = "",
                           int width = 0, std::size_t keys = 1);

// A Markdown table (the first row is the header).
std::string render_markdown(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& right);

// One CSV field, quoted when needed (RFC 4180); a row of them (util/text.hpp).
using util::csv_field;
using util::csv_row;

}  // namespace sandtable::io
