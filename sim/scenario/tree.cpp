#include "scenario/tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>

#include "sandtable/limits.hpp"
#include "util/text.hpp"

namespace sandtable::detail {

const Entry* Node::entry(std::string_view key) const {
  for (const Entry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? &e->value : nullptr;
}

Node* Node::get(std::string_view key) {
  for (Entry& e : entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

bool Node::erase(std::string_view key) {
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    if (it->key == key) {
      entries.erase(it);
      return true;
    }
  }
  return false;
}

std::string Node::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "nothing (null)";
    case Kind::kMap:
      return "a mapping";
    case Kind::kSequence:
      return "a list";
    case Kind::kScalar:
      break;
  }
  std::string shown = text.size() > 40 ? text.substr(0, 37) + "..." : text;
  return quoted ? "the quoted string \"" + shown + "\"" : "'" + shown + "'";
}

namespace {

SourceLocation at(const std::string& file, int line, int column) {
  return SourceLocation{file, line, column};
}

// Position (1-based line, column) of byte `offset` in `text`.
SourceLocation position_of(std::string_view text, std::size_t offset, const std::string& file) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return at(file, line, column);
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t n = 0;
  if (c < 0x80) return c == 0 ? 0 : 1;
  if ((c & 0xE0) == 0xC0 && c >= 0xC2)
    n = 2;
  else if ((c & 0xF0) == 0xE0)
    n = 3;
  else if ((c & 0xF8) == 0xF0 && c <= 0xF4)
    n = 4;
  else
    return 0;
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  }
  return n;
}

// Checks that yaml-cpp would accept poorly or report unhelpfully.
bool precheck(std::string_view text, const std::string& file, Diagnostics& diags) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      diags.add(position_of(text, i, file), "",
                std::string("expected UTF-8 YAML text, found the byte ") + hex,
                "save the file as UTF-8 (a binary file is not a scenario)");
      return false;
    }
    i += n;
  }
  bool ok = true;
  std::size_t line_start = 0;
  int line = 1;
  while (line_start <= text.size()) {
    std::size_t end = text.find('\n', line_start);
    if (end == std::string_view::npos) end = text.size();
    for (std::size_t i = line_start; i < end; ++i) {
      if (text[i] == ' ') continue;
      if (text[i] == '\t') {
        diags.add(at(file, line, static_cast<int>(i - line_start) + 1), "",
                  "tab character in indentation; YAML indents with spaces",
                  "replace the tab with spaces");
        ok = false;
      }
      break;
    }
    line_start = end + 1;
    ++line;
  }
  return ok;
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

// The error of a file nested deeper than `levels`.
std::string too_deep(std::uint64_t levels) {
  return "mappings and lists are nested more than " + std::to_string(levels) + " levels deep here";
}

class Converter {
 public:
  Converter(const std::string& file, Diagnostics& diags, int line_offset, int column_offset)
      : file_(file), diags_(diags), line_offset_(line_offset), column_offset_(column_offset) {}

  SourceLocation where(const YAML::Mark& m) const {
    if (m.line < 0) return at(file_, 0, 0);
    const int col = m.line == 0 ? m.column + 1 + column_offset_ : m.column + 1;
    return at(file_, m.line + 1 + line_offset_, col);
  }

  // `path` is the dotted key path of `y`, for messages.
  Node convert(const YAML::Node& y, const SourceLocation& owner, const std::string& path) {
    Node n;
    if (exhausted_) return n;
    n.where = where(y.Mark());
    // Aliases are expanded into copies: a few hundred bytes of nested aliases
    // would otherwise make billions of nodes.
    if (++nodes_ > limits().yaml_nodes) {
      return stop(std::move(n), owner, path,
                  "the document expands to more than " + std::to_string(limits().yaml_nodes) +
                      " YAML nodes (aliases count once per use)",
                  "yaml_nodes");
    }
    // Each level of nesting is a level of recursion here and in every walk of
    // the tree: bounded, so that no file can exhaust the stack.
    if ((y.IsMap() || y.IsSequence()) && depth_ >= limits().yaml_depth) {
      return stop(std::move(n), owner, path, too_deep(limits().yaml_depth), "yaml_depth");
    }
    const Nesting level(depth_);
    // Tags would change how a value is read ('!!str 1000' a number, '!!float
    // 100' an integer) or be ignored ('!custom'): the format has none.
    const std::string& tag = y.Tag();
    if (!tag.empty() && tag != "?" && tag != "!") {
      const std::string core = "tag:yaml.org,2002:";
      const std::string shown = tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
      diags_.add(located(n, owner), path,
                 "the YAML tag '" + shown + "' is not part of the scenario format",
                 "remove the tag and write the plain value (quote it for text)");
    }
    switch (y.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        n.kind = Node::Kind::kNull;
        n.where = owner.known() ? owner : n.where;
        break;
      case YAML::NodeType::Scalar:
        n.kind = Node::Kind::kScalar;
        n.text = y.Scalar();
        n.quoted = y.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        n.kind = Node::Kind::kSequence;
        if (!within_list_limit(y, n, owner, path, "items")) break;
        for (const YAML::Node& item : y) {
          n.items.push_back(convert(item, {}, join_path(path, std::to_string(n.items.size()))));
        }
        break;
      case YAML::NodeType::Map: {
        n.kind = Node::Kind::kMap;
        if (!within_list_limit(y, n, owner, path, "keys")) break;
        std::unordered_map<std::string, int> lines;  // key -> line of its first use
        for (auto it = y.begin(); it != y.end(); ++it) {
          const SourceLocation key_where = where(it->first.Mark());
          if (!it->first.IsScalar()) {
            diags_.add(key_where, path, "expected a plain key, found a complex key");
            continue;
          }
          const std::string key = it->first.Scalar();
          const std::string key_path = join_path(path, key);
          if (const auto [first, fresh] = lines.emplace(key, key_where.line); !fresh) {
            diags_.add(key_where, key_path,
                       "duplicate key '" + key + "' (first defined at line " +
                           std::to_string(first->second) + ")",
                       "remove one of the two");
            continue;
          }
          n.entries.push_back(Entry{key, key_where, convert(it->second, key_where, key_path)});
        }
        break;
      }
    }
    return n;
  }

  // Whether the node or depth limit stopped the conversion.
  [[nodiscard]] bool exhausted() const { return exhausted_; }

 private:
  // Counts one level of nesting for as long as it lives.
  class Nesting {
   public:
    explicit Nesting(std::uint64_t& depth) : depth_(depth) { ++depth_; }
    ~Nesting() { --depth_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;

   private:
    std::uint64_t& depth_;
  };

  // Where a message about `n` points: at `n` if it has a line, else at its key.
  static SourceLocation located(const Node& n, const SourceLocation& owner) {
    return n.where.known() && n.where.line > 0 ? n.where : owner;
  }

  // Reports the limit `limit` hit at `n` and ends the conversion.
  Node stop(Node n, const SourceLocation& owner, const std::string& path,
            const std::string& message, std::string_view limit) {
    diags_.add(located(n, owner), path, message, limit_hint(limit));
    exhausted_ = true;
    return n;
  }

  bool within_list_limit(const YAML::Node& y, const Node& n, const SourceLocation& owner,
                         const std::string& path, const char* what) {
    const std::uint64_t limit = limits().list_items;
    if (y.size() <= limit) return true;
    diags_.add(located(n, owner), path,
               std::string(n.kind == Node::Kind::kMap ? "the mapping" : "the list") + " holds " +
                   std::to_string(y.size()) + " " + what + ", more than " + std::to_string(limit),
               limit_hint("list_items"));
    return false;
  }

  const std::string& file_;
  Diagnostics& diags_;
  std::uint64_t nodes_ = 0;
  std::uint64_t depth_ = 0;  // mappings and lists that hold the node being converted
  bool exhausted_ = false;
  int line_offset_;
  int column_offset_;
};

std::string clean_message(const YAML::Exception& e) {
  // The YAML reader stops at its own nesting depth with the words "bad file".
  if (const auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&e)) {
    return too_deep(static_cast<std::uint64_t>(deep->depth() - 1)) +
           ", beyond what the YAML reader reads";
  }
  // yaml-cpp messages are terse lower-case phrases; keep them but say what it is.
  return "YAML syntax error: " + e.msg;
}

// What the text holds besides comments and blank lines, and the line
// (1-based) where a second YAML document starts (0 if none): a '---' or
// '...' marker at the start of a line after some content. Documents are
// counted from the text, not with yaml-cpp's LoadAll, which loops without
// end on some malformed input (a lone ',', jbeder/yaml-cpp#1040).
struct Outline {
  bool content = false;
  int second_document = 0;
};

Outline outline(std::string_view text) {
  Outline o;
  bool ended = false;  // a '...' marker closed the first document
  std::size_t start = 0;
  int line = 1;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const bool marker = (l.substr(0, 3) == "---" || l.substr(0, 3) == "...") &&
                        (l.size() == 3 || l[3] == ' ' || l[3] == '\t');
    const std::size_t first = l.find_first_not_of(" \t");
    const bool comment = first == std::string_view::npos || l[first] == '#';
    if (marker) {
      if (o.content && l[0] == '-' && o.second_document == 0) o.second_document = line;
      if (l[0] == '.') ended = true;
      // Content after the marker on its own line ("--- a: 1") counts.
      const std::size_t rest = l.find_first_not_of(" \t", 3);
      if (rest != std::string_view::npos && l[rest] != '#') {
        if (ended && o.second_document == 0) o.second_document = line;
        o.content = true;
      }
    } else if (!comment) {
      if (ended && o.second_document == 0) o.second_document = line;
      o.content = true;
    }
    start = end + 1;
    ++line;
  }
  return o;
}

}  // namespace

Node read_yaml(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (!precheck(text, file, diags)) return {};
  const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
  const Outline shape = outline(text);
  if (blank || !shape.content) {
    diags.add(at(file, 1, 1), "",
              std::string(blank ? "the file is empty" : "the file holds only comments") +
                  "; expected a mapping with keys such as 'calendar' and 'forces'");
    return {};
  }
  if (shape.second_document > 0) {
    diags.add(at(file, shape.second_document, 1), "",
              "expected one YAML document, found a second one here",
              "remove the '---' separator or split the file");
    return {};
  }
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Converter c(file, diags, 0, 0);
    diags.add(c.where(e.mark), "", clean_message(e));
    return {};
  }
  Converter c(file, diags, 0, 0);
  Node root = c.convert(doc, {}, "");
  if (c.exhausted()) return {};  // the tree is incomplete: report the limit alone
  if (root.where.line == 0) root.where = at(file, 1, 1);  // a null document has no mark
  if (!root.is_map()) {
    diags.add(root.where, "",
              "expected a mapping of keys at the top of the file, found " + root.describe());
    return {};
  }
  return root;
}

Node read_yaml_value(std::string_view text, const SourceLocation& where, const std::string& path,
                     Diagnostics& diags) {
  Converter c(where.file, diags, where.line - 1, where.column - 1);
  if (text.empty()) {
    Node n;
    n.where = where;
    return n;
  }
  try {
    YAML::Node y = YAML::Load(std::string(text));
    return c.convert(y, where, path);
  } catch (const YAML::Exception& e) {
    diags.add(c.where(e.mark), "", clean_message(e));
    Node n;
    n.where = where;
    return n;
  }
}

void merge_into(Node& base, const Node& overlay, const std::string& path, Diagnostics& diags) {
  if (!base.is_map() || !overlay.is_map()) {
    base = overlay;
    return;
  }
  for (const Entry& e : overlay.entries) {
    Node* existing = base.get(e.key);
    if (existing == nullptr && e.value.is_null()) {
      // Removing what is not there is most likely a misspelt key.
      std::vector<std::string> keys;
      for (const Entry& be : base.entries) keys.push_back(be.key);
      const auto near = util::closest_match(e.key, keys);
      diags.add(e.key_where, join_path(path, e.key),
                "null removes an inherited entry, but the extended file has no '" + e.key + "'",
                near ? "did you mean '" + *near + "'?" : "");
    } else if (existing == nullptr) {
      base.entries.push_back(e);
    } else if (e.value.is_null()) {
      base.erase(e.key);
    } else if (existing->is_map() && e.value.is_map()) {
      merge_into(*existing, e.value, join_path(path, e.key), diags);
    } else {
      *existing = e.value;
      for (Entry& be : base.entries) {
        if (be.key == e.key) be.key_where = e.key_where;
      }
    }
  }
}

}  // namespace sandtable::detail
