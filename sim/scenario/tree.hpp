// A YAML document as read from a file, with the source location of every
// node and key. Overlays and overrides act on this tree before it is bound
// to the typed Scenario, so every value keeps the location it came from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sandtable/status.hpp"

namespace sandtable::detail {

struct Entry;

struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  std::string text;            // scalar text
  bool quoted = false;         // scalar was written in quotes (a string, never a number)
  std::vector<Node> items;     // sequence items
  std::vector<Entry> entries;  // map entries in document order
  SourceLocation where;

  [[nodiscard]] bool is_map() const { return kind == Kind::kMap; }
  [[nodiscard]] bool is_null() const { return kind == Kind::kNull; }
  [[nodiscard]] const Node* get(std::string_view key) const;
  Node* get(std::string_view key);
  [[nodiscard]] const Entry* entry(std::string_view key) const;
  bool erase(std::string_view key);
  // Short description for messages: "a mapping", "a list", "null", "'abc'".
  [[nodiscard]] std::string describe() const;
};

struct Entry {
  std::string key;
  SourceLocation key_where;
  Node value;
};

// Parses YAML text into a tree. Reports empty input, non-UTF-8 bytes, tabs in
// indentation, syntax errors, several documents and duplicate keys.
// Returns a null node when the text cannot be parsed.
Node read_yaml(std::string_view text, const std::string& file, Diagnostics& diags);

// Parses one flow-style YAML value (used by --set); `where` is the location of
// its first character and `path` the key path it is set at (for messages).
Node read_yaml_value(std::string_view text, const SourceLocation& where, const std::string& path,
                     Diagnostics& diags);

// Deep merge: maps merge key by key, everything else is replaced; an overlay
// entry whose value is null removes the inherited entry (an error, reported
// at the overlay's key, when there is no such entry). `path` is the key path
// of `base`, for messages.
void merge_into(Node& base, const Node& overlay, const std::string& path, Diagnostics& diags);

}  // namespace sandtable::detail
