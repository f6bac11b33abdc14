#include "study/design.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "study/rng.hpp"
#include "util/assert.hpp"

namespace sandtable::study {

namespace {

constexpr std::uint64_t kMaxPoints = std::uint64_t{1} << 62;

bool multiply(std::uint64_t& acc, std::uint64_t n) {
  if (n != 0 && acc > kMaxPoints / n) return false;
  acc *= n;
  return true;
}

std::vector<std::uint32_t> digital_shift(std::uint64_t seed, int dimensions) {
  Rng rng(seed, 0x50B0L);
  std::vector<std::uint32_t> shift(static_cast<std::size_t>(dimensions));
  for (std::uint32_t& s : shift) s = static_cast<std::uint32_t>(rng.next() >> 32);
  return shift;
}

}  // namespace

const char* distribution_needs_sampling() {
  return "; a distribution needs a sampled design: lhs, sobol, saltelli or morris (or oat, "
         "which takes its 5 % and 95 % quantiles)";
}

std::optional<Design> Design::make(DesignSpec spec, std::string& error) {
  const auto k = static_cast<std::uint64_t>(spec.domains.size());
  Design d(std::move(spec));
  DesignSpec& s = d.spec_;
  const DesignMethodInfo& method = design_method_info(s.method);
  const bool from_table = s.method == DesignMethod::kList && !s.rows.empty();
  if (k == 0 && !from_table) {
    error = "no parameter to vary";
    return std::nullopt;
  }
  if (method.enumerates && !from_table) {
    for (const Levels& l : s.domains) {
      if (l.distribution()) {
        error = std::string("the ") + to_string(s.method) + " design cannot take " +
                l.distribution()->text() + distribution_needs_sampling();
        return std::nullopt;
      }
      if (!l.discrete()) {
        error = std::string("the ") + to_string(s.method) +
                " design needs discrete values; an interval is for sampled designs "
                "(lhs, sobol, morris, saltelli) and oat";
        return std::nullopt;
      }
    }
  }
  if (method.sampled && s.samples == 0) {
    error = std::string("the ") + to_string(s.method) + " design needs design.samples (--samples)";
    return std::nullopt;
  }
  if (!d.layout(error)) return std::nullopt;
  if (d.size_ == 0) {
    error = "the design has no point";
    return std::nullopt;
  }
  return d;
}

// One row per method, in enumerator order: how it lays out its size and
// tables, and how it makes a point. Adding a method is adding a row here
// (and in design_methods() and the analyzer's measures).
const Design::Generator Design::kGenerators[] = {
    {DesignMethod::kGrid, &Design::layout_grid, &Design::grid_point},
    {DesignMethod::kList, &Design::layout_list, &Design::list_point},
    {DesignMethod::kOneAtATime, &Design::layout_oat, &Design::oat_point},
    {DesignMethod::kZip, &Design::layout_zip, &Design::zip_point},
    {DesignMethod::kLatinHypercube, &Design::layout_lhs, &Design::sampled_point},
    {DesignMethod::kSobol, &Design::layout_sobol, &Design::sampled_point},
    {DesignMethod::kMorris, &Design::layout_morris, &Design::morris_point},
    {DesignMethod::kSaltelli, &Design::layout_saltelli, &Design::saltelli_point},
};
const Design::Generator& Design::generator(DesignMethod method) {
  static_assert(std::size(kGenerators) == static_cast<std::size_t>(DesignMethod::kSaltelli) + 1,
                "a generator for every design method");
  const auto i = static_cast<std::size_t>(method);
  SANDTABLE_ASSERT(i < std::size(kGenerators) && kGenerators[i].method == method,
                   "the generators are in enumerator order");
  return kGenerators[i];
}

// The design's size and the tables its points are made from.
bool Design::layout(std::string& error) { return (this->*generator(spec_.method).layout)(error); }

void Design::point(std::uint64_t index, double* out) const {
  (this->*generator(spec_.method).point)(index, out);
}

bool Design::layout_grid(std::string& error) {
  const auto k = spec_.domains.size();
  size_ = 1;
  strides_.assign(k, 1);
  for (std::size_t i = k; i-- > 0;) {
    strides_[i] = size_;
    if (!multiply(size_, spec_.domains[i].size())) {
      error = "the grid has more than 2^62 points";
      return false;
    }
  }
  return true;
}

void Design::grid_point(std::uint64_t index, double* out) const {
  for (std::size_t i = 0; i < spec_.domains.size(); ++i) {
    const Levels& l = spec_.domains[i];
    out[i] = l.at((index / strides_[i]) % l.size());
  }
}

// A list from a table has rows x parameters values; otherwise it pairs
// values like zip.
bool Design::layout_list(std::string& error) {
  if (spec_.rows.empty()) return layout_zip(error);
  size_ = spec_.rows.size() / std::max<std::uint64_t>(1, spec_.domains.size());
  return true;
}

void Design::list_point(std::uint64_t index, double* out) const {
  if (spec_.rows.empty()) {
    zip_point(index, out);
    return;
  }
  const auto k = spec_.domains.size();
  std::copy_n(spec_.rows.begin() + static_cast<std::ptrdiff_t>(index * k), k, out);
}

bool Design::layout_zip(std::string& error) {
  size_ = spec_.domains[0].size();
  for (const Levels& l : spec_.domains) {
    if (l.size() != size_) {
      error =
          "zip pairs values side by side and needs the same number of values for every "
          "parameter, found " +
          std::to_string(size_) + " and " + std::to_string(l.size());
      return false;
    }
  }
  return true;
}

void Design::zip_point(std::uint64_t index, double* out) const {
  for (std::size_t i = 0; i < spec_.domains.size(); ++i) out[i] = spec_.domains[i].at(index);
}

bool Design::layout_oat(std::string& error) {
  size_ = 1;
  for (const Levels& l : spec_.domains) {
    offsets_.push_back(size_);
    size_ += l.discrete() ? l.size() : 2;
  }
  if (spec_.base.size() != spec_.domains.size()) {
    error = "internal: the one-at-a-time design needs the base values";
    return false;
  }
  return true;
}

void Design::oat_point(std::uint64_t index, double* out) const {
  std::copy(spec_.base.begin(), spec_.base.end(), out);
  const OatPosition p = oat_position(index);
  if (p.parameter < 0) return;
  const Levels& l = spec_.domains[static_cast<std::size_t>(p.parameter)];
  out[p.parameter] = l.discrete() ? l.at(p.level) : (p.level == 0 ? l.oat_low() : l.oat_high());
}

bool Design::layout_lhs(std::string& /*error*/) {
  size_ = spec_.samples;
  for (std::uint64_t i = 0; i < spec_.domains.size(); ++i) {
    keys_.push_back(mix(spec_.seed, 0x1A7E, i));
  }
  return true;
}

bool Design::layout_sobol(std::string& error) {
  const auto k = static_cast<int>(spec_.domains.size());
  if (k > kSobolMaxDimensions) {
    error =
        "the sobol design supports at most " + std::to_string(kSobolMaxDimensions) + " parameters";
    return false;
  }
  size_ = spec_.samples;
  sobol_.emplace(k, digital_shift(spec_.seed, k));
  return true;
}

// lhs and sobol: a point of the unit cube mapped onto each domain.
void Design::sampled_point(std::uint64_t index, double* out) const {
  unit_point(index, out);
  for (std::size_t i = 0; i < spec_.domains.size(); ++i) {
    out[i] = spec_.domains[i].from_unit(out[i]);
  }
}

bool Design::layout_morris(std::string& error) {
  if (spec_.levels < 2 || spec_.levels % 2 != 0) {
    error =
        "the morris design needs an even number of levels (design.levels, --levels), at "
        "least 2";
    return false;
  }
  size_ = spec_.samples;
  if (!multiply(size_, spec_.domains.size() + 1)) {
    error = "the morris design is too large";
    return false;
  }
  return true;
}

bool Design::layout_saltelli(std::string& error) {
  const auto k = spec_.domains.size();
  if (2 * k > static_cast<std::size_t>(kSobolMaxDimensions)) {
    error = "the saltelli design supports at most " + std::to_string(kSobolMaxDimensions / 2) +
            " parameters";
    return false;
  }
  size_ = spec_.samples;
  if (!multiply(size_, k + 2)) {
    error = "the saltelli design is too large";
    return false;
  }
  sobol_.emplace(static_cast<int>(2 * k), digital_shift(spec_.seed, static_cast<int>(2 * k)));
  return true;
}

void Design::unit_point(std::uint64_t index, double* u) const {
  const auto k = spec_.domains.size();
  if (spec_.method == DesignMethod::kSobol) {
    for (std::size_t i = 0; i < k; ++i) u[i] = sobol_->at(index, static_cast<int>(i));
    return;
  }
  // Latin hypercube: point `index` falls in stratum permute(index) of each
  // dimension, at a uniform random position inside it.
  const double n = static_cast<double>(spec_.samples);
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t stratum = permute(index, spec_.samples, keys_[i]);
    Rng jitter(mix(spec_.seed, index, i), 0x717E);
    u[i] = (static_cast<double>(stratum) + jitter.uniform()) / n;
  }
}

Design::OatPosition Design::oat_position(std::uint64_t index) const {
  OatPosition p;
  if (index == 0) return p;
  const auto it = std::upper_bound(offsets_.begin(), offsets_.end(), index);
  p.parameter = static_cast<int>(it - offsets_.begin()) - 1;
  p.level = index - offsets_[static_cast<std::size_t>(p.parameter)];
  return p;
}

double Design::morris_delta() const {
  const double p = spec_.levels;
  return p / (2.0 * (p - 1.0));
}

// Trajectory t (Morris 1991): a random start on the grid {0, 1/(p-1), ..., 1}
// from which every parameter moves once, by +delta or -delta, in random order.
void Design::morris_moves(std::uint64_t t, int* order, double* delta) const {
  const auto k = static_cast<int>(spec_.domains.size());
  Rng rng(spec_.seed, 0x3000000000ULL + t);
  for (int i = 0; i < k; ++i) order[i] = i;
  for (int i = k - 1; i > 0; --i) {  // Fisher-Yates
    const auto j = static_cast<int>(rng.below(static_cast<std::uint64_t>(i) + 1));
    std::swap(order[i], order[j]);
  }
  const double d = morris_delta();
  for (int i = 0; i < k; ++i) delta[i] = (rng.next() >> 63) != 0 ? d : -d;
}

void Design::morris_point(std::uint64_t index, double* out) const {
  const auto k = spec_.domains.size();
  const std::uint64_t t = index / (k + 1);
  const std::uint64_t step = index % (k + 1);
  std::vector<int> order(k);
  std::vector<double> delta(k);
  morris_moves(t, order.data(), delta.data());
  // Start levels: uniform on the grid levels from which a move of p/2 levels
  // up stays on the grid, shifted up by p/2 for parameters that move down.
  const int p = spec_.levels;
  const int jump = p / 2;
  Rng rng(spec_.seed, 0x4000000000ULL + t);
  std::vector<int> level(k);
  for (std::size_t i = 0; i < k; ++i) {
    level[i] =
        static_cast<int>(rng.below(static_cast<std::uint64_t>(jump))) + (delta[i] < 0 ? jump : 0);
  }
  for (std::uint64_t s = 0; s < step; ++s) {
    const auto i = static_cast<std::size_t>(order[s]);
    level[i] += delta[i] < 0 ? -jump : jump;
  }
  for (std::size_t i = 0; i < k; ++i) {
    out[i] = spec_.domains[i].from_unit(static_cast<double>(level[i]) / (p - 1.0));
  }
}

// Rows of base sample j: A, AB_1 .. AB_k (A with column i from B), B.
void Design::saltelli_point(std::uint64_t index, double* out) const {
  const auto k = spec_.domains.size();
  const std::uint64_t j = index / (k + 2);
  const std::uint64_t row = index % (k + 2);
  for (std::size_t i = 0; i < k; ++i) {
    const bool from_b = row == k + 1 || row == i + 1;
    const double u = sobol_->at(j, static_cast<int>(from_b ? k + i : i));
    out[i] = spec_.domains[i].from_unit(u);
  }
}

}  // namespace sandtable::study
