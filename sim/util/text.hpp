// Small text helpers shared across the library: locale-free number
// formatting, strict number parsing and "did you mean" suggestions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sandtable::util {

// Shortest text that reads back as the same double (std::to_chars): locale-
// free and identical on every machine. "-0" is written as "0"; non-finite
// values as "nan", "inf" and "-inf".
std::string format_double(double value);

// Fixed-point with `decimals` digits, locale-free (for tables meant for people).
std::string format_fixed(double value, int decimals);

// Groups thousands: 20000 -> "20,000" (rounded to an integer).
std::string format_count(double value);

// Strict parses: the whole text must be the number; no locale, no spaces.
std::optional<double> parse_double(std::string_view text);
std::optional<long long> parse_integer(std::string_view text);

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "did you mean 'x'?" or "expected one of: a, b, c" (empty if no candidates).
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// `s` without leading and trailing spaces and tabs.
std::string_view trim(std::string_view s);
// The parts of `s` between the `sep` characters outside parentheses, each
// trimmed ("a, f(b, c)" -> "a", "f(b, c)"); one empty part for empty text.
std::vector<std::string_view> split_top_level(std::string_view s, char sep);

// One CSV field, quoted when it holds a comma, quote or line break (RFC
// 4180), and a row of them ending in a newline: the one CSV writer of every
// command's output.
std::string csv_field(const std::string& text);
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace sandtable::util
