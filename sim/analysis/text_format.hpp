// Internal: number and table formatting shared by the analysis writers.
#pragma once

#include <string>
#include <vector>

#include "sandtable/parameters.hpp"
#include "util/text.hpp"

namespace sandtable::analysis {

// For people: whole numbers with thousands separators, others to four
// significant digits ("0.3512", "18.25"); NaN as "-".
std::string readable(double value);
// The same with an explicit sign ("+0.25", "-1,205"); zero as "0".
std::string signed_readable(double value);

// A parameter value in its kind: dates as YYYY-MM-DD, integers as integers,
// numbers to `digits` significant digits (shortest round trip if 0).
std::string parameter_text(double value, ParameterKind kind, int digits = 0);

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

}  // namespace sandtable::analysis
