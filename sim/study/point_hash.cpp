#include "study/point_hash.hpp"

#include <algorithm>

#include "sandtable/load.hpp"

namespace sandtable::study {

bool ScenarioHasher::prepare(const Scenario& base, const std::vector<std::string>& paths) {
  const std::string text = scenario_canonical_text(base);
  struct Span {
    std::size_t begin;
    std::size_t end;
    int parameter;
  };
  std::vector<Span> spans;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string key = "\n" + paths[i] + "=";
    const std::size_t at = text.find(key);
    if (at == std::string::npos || text.find(key, at + 1) != std::string::npos) return false;
    const std::size_t begin = at + key.size();
    spans.push_back({begin, text.find('\n', begin), static_cast<int>(i)});
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  const std::size_t first = spans.empty() ? text.size() : spans.front().begin;
  const std::size_t whole = first / 64 * 64;
  prefix_state_ = util::Sha256();
  prefix_state_.blocks(reinterpret_cast<const unsigned char*>(text.data()), whole / 64);
  prefix_bytes_ = whole;
  prefix_tail_ = text.substr(whole, first - whole);
  between_.clear();
  order_.clear();
  std::vector<std::string> base_values(paths.size());
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const std::size_t next = k + 1 < spans.size() ? spans[k + 1].begin : text.size();
    between_.push_back(text.substr(spans[k].end, next - spans[k].end));
    order_.push_back(spans[k].parameter);
    base_values[static_cast<std::size_t>(spans[k].parameter)] =
        text.substr(spans[k].begin, spans[k].end - spans[k].begin);
  }
  // Self-check against the one definition of the hash.
  std::string scratch;
  char hex[64];
  hash(base_values, scratch, hex);
  return std::string_view(hex, 64) == scenario_hash(base);
}

void ScenarioHasher::tail(const std::vector<std::string>& values, std::string& out) const {
  out.assign(prefix_tail_);
  for (std::size_t k = 0; k < order_.size(); ++k) {
    out += values[static_cast<std::size_t>(order_[k])];
    out += between_[k];
  }
}

void ScenarioHasher::hash(const std::vector<std::string>& values, std::string& scratch,
                          char* hex64) const {
  tail(values, scratch);
  prefix_state_.finish(scratch, prefix_bytes_ + scratch.size(), hex64);
}

void ScenarioHasher::digest(const std::string_view* tails, std::size_t n, char* hex) const {
  for (std::size_t i = 0; i < n; ++i) {
    prefix_state_.finish(tails[i], prefix_bytes_ + tails[i].size(), hex + 64 * i);
  }
}

}  // namespace sandtable::study
