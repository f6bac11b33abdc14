#include "study/sobol.hpp"

namespace sandtable::study {

SobolSequence::SobolSequence(int dimensions, std::vector<std::uint32_t> shift)
    : dimensions_(dimensions),
      v_(static_cast<std::size_t>(dimensions) * kSobolBits),
      shift_(std::move(shift)) {
  for (int d = 0; d < dimensions; ++d) {
    std::uint32_t* v = &v_[static_cast<std::size_t>(d) * kSobolBits];
    if (d == 0) {
      for (int i = 0; i < kSobolBits; ++i) v[i] = 1U << (kSobolBits - 1 - i);
      continue;
    }
    const SobolDirection& dir = kSobolDirections[d - 1];
    int s = 0;
    while ((dir.polynomial >> (s + 1)) != 0) ++s;  // degree of the polynomial
    const std::uint32_t a = (dir.polynomial >> 1) & ((1U << (s - 1)) - 1);  // inner coefficients
    for (int i = 0; i < s && i < kSobolBits; ++i) v[i] = dir.m[i] << (kSobolBits - 1 - i);
    for (int i = s; i < kSobolBits; ++i) {
      v[i] = v[i - s] ^ (v[i - s] >> s);
      for (int k = 1; k < s; ++k) {
        if (((a >> (s - 1 - k)) & 1U) != 0) v[i] ^= v[i - k];
      }
    }
  }
}

double SobolSequence::at(std::uint64_t index, int d) const {
  const std::uint32_t* v = &v_[static_cast<std::size_t>(d) * kSobolBits];
  std::uint64_t gray = index ^ (index >> 1);
  std::uint32_t x = 0;
  for (int bit = 0; gray != 0 && bit < kSobolBits; ++bit, gray >>= 1) {
    if ((gray & 1U) != 0) x ^= v[bit];
  }
  if (!shift_.empty()) x ^= shift_[static_cast<std::size_t>(d)];
  return static_cast<double>(x) * 0x1.0p-32;
}

}  // namespace sandtable::study
