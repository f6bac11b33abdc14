#include "scenario/uncertainty_block.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>

#include "sandtable/parameters.hpp"
#include "uncertainty/distribution.hpp"
#include "util/text.hpp"

namespace sandtable {

const UncertainAssumption* Uncertainty::find(const std::string& path) const {
  for (const UncertainAssumption& a : assumptions) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

namespace detail {

namespace {

constexpr const char* kBlock = "uncertainty";
constexpr const char* kCorrelations = "correlations";

std::string child(const std::string& path) { return std::string(kBlock) + "." + path; }

void read_assumption(const Entry& e, const Scenario& scenario, Uncertainty& out,
                     Diagnostics& diags) {
  const std::string path = child(e.key);
  if (e.key.find('.') == std::string::npos) {
    diags.add(e.key_where, path,
              "expected the key path of a scalar assumption (such as adversary.fighters) or '" +
                  std::string(kCorrelations) + "', found '" + e.key + "'",
              util::suggestion(e.key, {kCorrelations}));
    return;
  }
  if (e.value.kind != Node::Kind::kScalar || e.value.text.empty()) {
    diags.add(e.value.is_null() ? e.key_where : e.value.where, path,
              "expected a distribution such as uniform(lo, hi) or pert(lo, mode, hi), found " +
                  e.value.describe());
    return;
  }
  if (!uncertainty::Distribution::looks_like(e.value.text)) {
    diags.add(e.value.where, path,
              "expected a distribution such as uniform(lo, hi) or pert(lo, mode, hi), found '" +
                  e.value.text + "'",
              "distributions: " + util::join(uncertainty::distribution_names(), ", ") +
                  " (docs/uncertainty.md)");
    return;
  }
  Scenario copy = scenario;  // resolve needs a mutable scenario; nothing is set
  Diagnostic error;
  const auto ref = ParameterRef::resolve(copy, e.key, error);
  if (!ref) {
    diags.add(e.key_where, path, error.message, error.hint);
    return;
  }
  if (ref->info().kind == ParameterKind::kText) {
    diags.add(e.key_where, path, "'" + e.key + "' is a text, which cannot be uncertain");
    return;
  }
  std::string message;
  if (!uncertainty::Distribution::parse(e.value.text, ref->info(), message)) {
    diags.add(e.value.where, path, message);
    return;
  }
  UncertainAssumption a;
  a.path = e.key;
  a.distribution = e.value.text;
  a.where = e.key_where;
  a.value_where = e.value.where;
  out.assumptions.push_back(std::move(a));
}

std::vector<std::string> assumption_paths(const Uncertainty& u) {
  std::vector<std::string> paths;
  for (const UncertainAssumption& a : u.assumptions) paths.push_back(a.path);
  return paths;
}

void read_correlation(const Node& item, const std::string& path,
                      const std::vector<std::string>& declared, Uncertainty& out,
                      Diagnostics& diags) {
  if (!item.is_map()) {
    diags.add(item.where, path,
              "expected a mapping {between: [key.path, key.path], rank: number}, found " +
                  item.describe());
    return;
  }
  const std::vector<std::string> keys = {"between", "rank"};
  bool ok = true;
  for (const Entry& e : item.entries) {
    if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) {
      diags.add(e.key_where, path + "." + e.key, "unknown key '" + e.key + "'",
                util::suggestion(e.key, keys));
      ok = false;
    }
  }
  const Entry* between = item.entry("between");
  const Entry* rank = item.entry("rank");
  if (between == nullptr || rank == nullptr) {
    diags.add(
        item.where, path,
        std::string("missing required key '") + (between == nullptr ? "between" : "rank") + "'");
    return;
  }
  RankCorrelation c;
  c.where = item.where;
  const Node& pair = between->value;
  if (pair.kind != Node::Kind::kSequence || pair.items.size() != 2 ||
      pair.items[0].kind != Node::Kind::kScalar || pair.items[1].kind != Node::Kind::kScalar) {
    diags.add(pair.is_null() ? between->key_where : pair.where, path + ".between",
              "expected a list of two key paths of this block, found " + pair.describe());
    ok = false;
  } else {
    for (int i = 0; i < 2; ++i) {
      const Node& p = pair.items[static_cast<std::size_t>(i)];
      if (std::find(declared.begin(), declared.end(), p.text) == declared.end()) {
        diags.add(p.where, path + ".between",
                  "'" + p.text + "' is not an uncertain assumption of this block",
                  util::suggestion(p.text, declared));
        ok = false;
      } else if (out.find(p.text) == nullptr) {
        ok = false;  // its distribution is in error, reported above
      }
    }
    c.first = pair.items[0].text;
    c.second = pair.items[1].text;
    if (ok && c.first == c.second) {
      diags.add(pair.where, path + ".between",
                "a correlation needs two different assumptions, found '" + c.first + "' twice");
      ok = false;
    }
  }
  const Node& r = rank->value;
  const auto value =
      r.kind == Node::Kind::kScalar && !r.quoted ? util::parse_double(r.text) : std::nullopt;
  if (!value || !(*value >= -1.0 && *value <= 1.0)) {
    diags.add(r.is_null() ? rank->key_where : r.where, path + ".rank",
              "expected a rank correlation from -1 to 1, found " + r.describe());
    ok = false;
  } else {
    c.rank = *value;
  }
  if (!ok) return;
  for (const RankCorrelation& other : out.correlations) {
    if ((other.first == c.first && other.second == c.second) ||
        (other.first == c.second && other.second == c.first)) {
      diags.add(pair.where, path + ".between",
                "the correlation of '" + c.first + "' and '" + c.second + "' is given twice",
                "the first is at " + other.where.to_string());
      return;
    }
  }
  out.correlations.push_back(std::move(c));
}

// Whether some joint distribution has these rank correlations: the matrix
// must be positive definite (Iman-Conover needs its Cholesky factor).
void check_consistent(const Uncertainty& u, const SourceLocation& where, Diagnostics& diags) {
  if (u.correlations.empty()) return;
  const std::vector<std::string> paths = assumption_paths(u);
  const auto index = [&](const std::string& p) {
    return static_cast<Eigen::Index>(std::find(paths.begin(), paths.end(), p) - paths.begin());
  };
  const auto k = static_cast<Eigen::Index>(paths.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(k, k);
  for (const RankCorrelation& c : u.correlations) {
    m(index(c.first), index(c.second)) = c.rank;
    m(index(c.second), index(c.first)) = c.rank;
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success || llt.matrixLLT().diagonal().minCoeff() < 1e-6) {
    diags.add(where, std::string(kBlock) + "." + kCorrelations,
              "these correlations cannot hold together (their matrix is not positive definite)",
              "weaken the strongest ones, or check their signs");
  }
}

}  // namespace

std::optional<Node> take_uncertainty(Node& root) {
  const Entry* e = root.entry(kBlock);
  if (e == nullptr) return std::nullopt;
  Node block = e->value;
  if (block.is_null()) block.where = e->key_where;
  root.erase(kBlock);
  return block;
}

Uncertainty read_uncertainty(const Node& block, const Scenario& scenario, Diagnostics& diags) {
  Uncertainty out;
  if (block.is_null()) return out;  // `uncertainty:` with nothing, or removed by an overlay
  if (!block.is_map()) {
    diags.add(block.where, kBlock,
              "expected a mapping of key paths to distributions, found " + block.describe());
    return out;
  }
  for (const Entry& e : block.entries) {
    if (e.key != kCorrelations) read_assumption(e, scenario, out, diags);
  }
  const Entry* corr = block.entry(kCorrelations);
  if (corr == nullptr) return out;
  const std::string path = std::string(kBlock) + "." + kCorrelations;
  if (corr->value.kind != Node::Kind::kSequence) {
    diags.add(corr->value.is_null() ? corr->key_where : corr->value.where, path,
              "expected a list of {between: [key.path, key.path], rank: number}, found " +
                  corr->value.describe());
    return out;
  }
  std::vector<std::string> declared;
  for (const Entry& e : block.entries) {
    if (e.key != kCorrelations) declared.push_back(e.key);
  }
  for (std::size_t i = 0; i < corr->value.items.size(); ++i) {
    read_correlation(corr->value.items[i], path + "." + std::to_string(i), declared, out, diags);
  }
  check_consistent(out, corr->value.where, diags);
  return out;
}

}  // namespace detail

}  // namespace sandtable
