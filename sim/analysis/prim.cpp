// PRIM: peeling, pasting and covering (Friedman and Fisher, 1999).
#include "sandtable/prim.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "analysis/text_format.hpp"

namespace sandtable {

bool PrimBox::contains(const double* row) const {
  return std::all_of(limits.begin(), limits.end(), [row](const PrimLimit& l) {
    const double x = row[l.column];
    return (!l.lo || x >= *l.lo) && (!l.hi || x <= *l.hi);
  });
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Table {
  const std::vector<double>& x;
  std::size_t cols;
  const std::vector<bool>& y;
  [[nodiscard]] double at(std::size_t row, std::size_t col) const { return x[row * cols + col]; }
};

// A box (inclusive bounds, infinite when open) and the active rows inside it.
struct Region {
  std::vector<double> lo;
  std::vector<double> hi;
  std::vector<std::size_t> rows;
  std::size_t hits = 0;
  [[nodiscard]] double density() const {
    return rows.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(rows.size());
  }
};

bool inside(const Table& t, const Region& r, std::size_t row, std::size_t skip = SIZE_MAX) {
  for (std::size_t d = 0; d < t.cols; ++d) {
    if (d == skip) continue;
    const double x = t.at(row, d);
    if (x < r.lo[d] || x > r.hi[d]) return false;
  }
  return true;
}

void refill(const Table& t, const std::vector<std::size_t>& active, Region& r) {
  r.rows.clear();
  r.hits = 0;
  for (const std::size_t row : active) {
    if (!inside(t, r, row)) continue;
    r.rows.push_back(row);
    r.hits += t.y[row] ? 1 : 0;
  }
}

struct Move {
  std::size_t dim = 0;
  bool low = true;
  double bound = 0.0;
  std::size_t points = 0;
  double density = -1.0;
};

// Keeps `m` if it beats `best`: higher density, then more points.
void consider(const Move& m, Move& best) {
  if (m.density > best.density || (m.density == best.density && m.points > best.points)) best = m;
}

// The best peel of `r` that keeps at least `min_points` points.
std::optional<Move> best_peel(const Table& t, const Region& r, double alpha,
                              std::size_t min_points) {
  const std::size_t n = r.rows.size();
  const auto k = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(n))));
  Move best;
  std::vector<double> values(n);
  for (std::size_t d = 0; d < t.cols; ++d) {
    for (std::size_t i = 0; i < n; ++i) values[i] = t.at(r.rows[i], d);
    std::sort(values.begin(), values.end());
    for (const bool low : {true, false}) {
      const double cut = low ? values[k - 1] : values[n - k];
      if (low ? cut >= values.back() : cut <= values.front()) continue;  // would peel every point
      Move m{d, low, 0.0, 0, 0.0};
      std::size_t hits = 0;
      m.bound = low ? kInf : -kInf;
      for (const std::size_t row : r.rows) {
        const double x = t.at(row, d);
        if (low ? x <= cut : x >= cut) continue;
        ++m.points;
        hits += t.y[row] ? 1 : 0;
        m.bound = low ? std::min(m.bound, x) : std::max(m.bound, x);
      }
      if (m.points < min_points) continue;
      m.density = static_cast<double>(hits) / static_cast<double>(m.points);
      consider(m, best);
    }
  }
  if (best.density < 0.0) return std::nullopt;
  return best;
}

double score(std::size_t hits, std::size_t points) {
  return points == 0
             ? 0.0
             : static_cast<double>(hits) * static_cast<double>(hits) / static_cast<double>(points);
}

// The best paste of `r` among the active rows, by coverage x density;
// nothing unless that does not fall and the density stays at least
// `min_density` (or does not fall, for a box below it). Pasting a side to
// its end removes a restriction that peeling made but that does not help.
std::optional<Move> best_paste(const Table& t, const Region& r,
                               const std::vector<std::size_t>& active, double alpha,
                               double min_density) {
  const auto k = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(r.rows.size()))));
  Move best;
  double best_score = 0.0;
  for (std::size_t d = 0; d < t.cols; ++d) {
    for (const bool low : {true, false}) {
      std::vector<std::pair<double, bool>> outside;  // (x, hit), rows just beyond this side
      for (const std::size_t row : active) {
        const double x = t.at(row, d);
        if ((low ? x < r.lo[d] : x > r.hi[d]) && inside(t, r, row, d))
          outside.emplace_back(x, t.y[row]);
      }
      if (outside.empty()) continue;
      std::sort(outside.begin(), outside.end(), [low](const auto& a, const auto& b) {
        return low ? a.first > b.first : a.first < b.first;
      });
      const double bound = outside[std::min(k, outside.size()) - 1].first;
      std::size_t added = 0;
      std::size_t hits = r.hits;
      for (const auto& [x, hit] : outside) {
        if (low ? x < bound : x > bound) break;
        ++added;
        hits += hit ? 1 : 0;
      }
      Move m{d, low, bound, r.rows.size() + added, 0.0};
      m.density = static_cast<double>(hits) / static_cast<double>(m.points);
      const bool dense_enough = m.density >= min_density || m.density >= r.density();
      if (!dense_enough || score(hits, m.points) < score(r.hits, r.rows.size())) continue;
      if (best.density < 0.0 || score(hits, m.points) > best_score) {
        best = m;
        best_score = score(hits, m.points);
      }
    }
  }
  if (best.density < 0.0) return std::nullopt;
  return best;
}

void apply(const Table& t, const std::vector<std::size_t>& active, const Move& m, Region& r) {
  (m.low ? r.lo : r.hi)[m.dim] = m.bound;
  refill(t, active, r);
}

// A box's restrictions are the bounds that exclude at least one active
// row that every other bound admits.
PrimBox to_box(const Table& t, const Region& r, const std::vector<std::size_t>& active,
               std::size_t total_hits) {
  PrimBox box;
  for (std::size_t d = 0; d < t.cols; ++d) {
    PrimLimit limit{d, std::nullopt, std::nullopt};
    for (const std::size_t row : active) {
      const double x = t.at(row, d);
      if ((x < r.lo[d] || x > r.hi[d]) && inside(t, r, row, d))
        (x < r.lo[d] ? limit.lo : limit.hi) = 0.0;
    }
    if (limit.lo) limit.lo = r.lo[d];
    if (limit.hi) limit.hi = r.hi[d];
    if (limit.lo || limit.hi) box.limits.push_back(limit);
  }
  box.points = r.rows.size();
  box.hits = r.hits;
  box.density = r.density();
  box.coverage =
      total_hits > 0 ? static_cast<double>(r.hits) / static_cast<double>(total_hits) : 0.0;
  return box;
}

// Peels, chooses a box on the trajectory, pastes it.
Region find_box(const Table& t, const std::vector<std::size_t>& active, std::size_t total_hits,
                const PrimOptions& o, std::size_t min_points, std::vector<PrimBox>* trajectory) {
  Region r{std::vector<double>(t.cols, -kInf), std::vector<double>(t.cols, kInf), {}, 0};
  refill(t, active, r);
  std::vector<Region> steps{r};
  while (r.density() < 1.0) {
    const auto peel = best_peel(t, r, o.peel_alpha, min_points);
    if (!peel) break;
    apply(t, active, *peel, r);
    steps.push_back(r);
  }
  // Among the boxes dense enough, the one with the most hits per point
  // squared (coverage x density); the densest if none is dense enough.
  const auto score = [](const Region& x) { return static_cast<double>(x.hits) * x.density(); };
  std::size_t chosen = 0;
  bool dense = false;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (trajectory != nullptr) trajectory->push_back(to_box(t, steps[i], active, total_hits));
    const bool ok = steps[i].density() >= o.min_density;
    const bool better = ok ? (!dense || score(steps[i]) > score(steps[chosen]))
                           : (!dense && steps[i].density() > steps[chosen].density());
    if (better) chosen = i;
    dense = dense || ok;
  }
  r = steps[chosen];
  while (o.paste) {
    const auto paste = best_paste(t, r, active, o.paste_alpha, o.min_density);
    if (!paste) break;
    apply(t, active, *paste, r);
  }
  return r;
}

}  // namespace

PrimResult prim(const std::vector<double>& inputs, std::size_t columns,
                const std::vector<bool>& outcome, const PrimOptions& options) {
  PrimResult result;
  const Table t{inputs, columns, outcome};
  result.points = outcome.size();
  result.hits = static_cast<std::size_t>(std::count(outcome.begin(), outcome.end(), true));
  if (result.hits == 0 || columns == 0) return result;
  const auto min_points = std::max<std::size_t>(
      1, static_cast<std::size_t>(
             std::ceil(options.min_support * static_cast<double>(result.points))));
  std::vector<std::size_t> active(result.points);
  for (std::size_t i = 0; i < active.size(); ++i) active[i] = i;
  for (int b = 0; b < std::max(1, options.max_boxes); ++b) {
    const Region r = find_box(t, active, result.hits, options, min_points,
                              b == 0 ? &result.trajectory : nullptr);
    PrimBox box = to_box(t, r, active, result.hits);
    if (b > 0 && (box.limits.empty() || box.density < options.min_density || box.hits == 0)) break;
    result.boxes.push_back(box);
    std::erase_if(active, [&](std::size_t row) { return inside(t, r, row); });
    const bool hits_left =
        std::any_of(active.begin(), active.end(), [&](std::size_t row) { return t.y[row]; });
    if (box.limits.empty() || !hits_left || active.size() < min_points) break;
  }
  return result;
}

std::string describe_box(const PrimBox& box, const std::vector<std::string>& names,
                         const std::vector<ParameterKind>& kinds) {
  if (box.limits.empty()) return "anywhere (no input restricted)";
  std::vector<std::string> parts;
  for (const PrimLimit& l : box.limits) {
    const ParameterKind kind = l.column < kinds.size() ? kinds[l.column] : ParameterKind::kNumber;
    const auto text = [kind](double v) {
      return kind == ParameterKind::kNumber ? analysis::readable(v)
                                            : analysis::parameter_text(v, kind);
    };
    const std::string& name = names[l.column];
    if (l.lo && l.hi) {
      parts.push_back(text(*l.lo) + " <= " + name + " <= " + text(*l.hi));
    } else if (l.lo) {
      parts.push_back(name + " >= " + text(*l.lo));
    } else {
      parts.push_back(name + " <= " + text(*l.hi));
    }
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : " and ") + parts[i];
  return out;
}

}  // namespace sandtable
