// Internal: experimental designs over the varied parameters. A design is a
// pure function from a point index to the parameters' values, so that any
// point can be made on any thread, in any order, without storing the design.
//
//   grid      every combination of the parameters' levels (last varies fastest)
//   list      the rows of a table (a CSV file) or the parameters' values side by side
//   oat       one at a time around the base case: the base, then each level of
//             each parameter with the others at their base values (tornado)
//   zip       the parameters' values side by side (all the same length)
//   lhs       Latin hypercube: `samples` points, each parameter stratified
//   sobol     `samples` points of a digitally shifted Sobol sequence
//   morris    `samples` trajectories of k+1 points on a `levels`-level grid
//   saltelli  `samples` base points, each giving k+2 runs (A, AB_1..AB_k, B)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sandtable/study.hpp"
#include "study/levels.hpp"
#include "study/sobol.hpp"

namespace sandtable::study {

struct DesignSpec {
  DesignMethod method = DesignMethod::kGrid;
  std::uint64_t seed = 1;
  std::uint64_t samples = 0;
  int levels = 4;               // morris
  std::vector<Levels> domains;  // one per parameter
  std::vector<double> base;     // oat: the base case's values
  std::vector<double> rows;     // list from a table: rows x parameters
};

// The reason given when a design that enumerates values (grid, zip, list)
// meets a distribution: "; a distribution needs a sampled design: ...".
const char* distribution_needs_sampling();

class Design {
 public:
  // Checks the spec against the method's needs; on failure returns nothing
  // and sets `error`.
  static std::optional<Design> make(DesignSpec spec, std::string& error);

  [[nodiscard]] DesignMethod method() const { return spec_.method; }
  [[nodiscard]] int parameters() const { return static_cast<int>(spec_.domains.size()); }
  [[nodiscard]] std::uint64_t size() const { return size_; }
  [[nodiscard]] const DesignSpec& spec() const { return spec_; }

  // The parameters' values at point `index` (0 <= index < size()).
  void point(std::uint64_t index, double* out) const;

  // One-at-a-time: the parameter varied at `index` (-1 for the base point)
  // and its level.
  struct OatPosition {
    int parameter = -1;
    std::uint64_t level = 0;
  };
  [[nodiscard]] OatPosition oat_position(std::uint64_t index) const;

  // Morris: trajectory t as the order in which parameters move and the
  // signed step of each move, in fractions of the parameter's range.
  void morris_moves(std::uint64_t t, int* order, double* delta) const;
  [[nodiscard]] double morris_delta() const;

 private:
  explicit Design(DesignSpec spec) : spec_(std::move(spec)) {}

  // What each method does (design.cpp, kGenerators): lays out its size and
  // tables, checking what it needs, and makes the point at an index.
  struct Generator {
    DesignMethod method;
    bool (Design::*layout)(std::string& error);
    void (Design::*point)(std::uint64_t index, double* out) const;
  };
  static const Generator kGenerators[];
  static const Generator& generator(DesignMethod method);
  bool layout(std::string& error);
  bool layout_grid(std::string& error);
  bool layout_list(std::string& error);
  bool layout_zip(std::string& error);
  bool layout_oat(std::string& error);
  bool layout_lhs(std::string& error);
  bool layout_sobol(std::string& error);
  bool layout_morris(std::string& error);
  bool layout_saltelli(std::string& error);
  void grid_point(std::uint64_t index, double* out) const;
  void list_point(std::uint64_t index, double* out) const;
  void zip_point(std::uint64_t index, double* out) const;
  void oat_point(std::uint64_t index, double* out) const;
  void sampled_point(std::uint64_t index, double* out) const;  // lhs, sobol
  void unit_point(std::uint64_t index, double* u) const;       // lhs, sobol
  void morris_point(std::uint64_t index, double* out) const;
  void saltelli_point(std::uint64_t index, double* out) const;

  DesignSpec spec_;
  std::uint64_t size_ = 0;
  std::vector<std::uint64_t> strides_;  // grid
  std::vector<std::uint64_t> offsets_;  // oat: first index of each parameter
  std::vector<std::uint64_t> keys_;     // lhs: permutation keys
  std::optional<SobolSequence> sobol_;  // sobol, saltelli
};

}  // namespace sandtable::study
