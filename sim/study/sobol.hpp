// Internal: the Sobol low-discrepancy sequence (Joe and Kuo direction
// numbers), evaluated by index so that any point of a design can be made
// without the ones before it.
#pragma once

#include <cstdint>
#include <vector>

namespace sandtable::study {

inline constexpr int kSobolMaxDimensions = 256;
inline constexpr int kSobolBits = 32;

struct SobolDirection {
  std::uint32_t polynomial;
  std::uint32_t m[12];
};

extern const SobolDirection kSobolDirections[kSobolMaxDimensions - 1];

class SobolSequence {
 public:
  // Precondition: 1 <= dimensions <= kSobolMaxDimensions. `shift` holds one
  // 32-bit digital shift per dimension (random XOR scrambling); empty means
  // the plain sequence, whose first point is the origin.
  explicit SobolSequence(int dimensions, std::vector<std::uint32_t> shift = {});

  [[nodiscard]] int dimensions() const { return dimensions_; }

  // Coordinate d of point `index` (0-based), in [0, 1).
  [[nodiscard]] double at(std::uint64_t index, int d) const;

 private:
  int dimensions_;
  std::vector<std::uint32_t> v_;  // dimensions x kSobolBits direction numbers
  std::vector<std::uint32_t> shift_;
};

}  // namespace sandtable::study
