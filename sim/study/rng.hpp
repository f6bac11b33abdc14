// Internal: the study area's random numbers. Our own generator and our own
// transforms over it, because <random> distributions differ between standard
// libraries: the same seed gives the same designs and bootstrap samples on
// every platform.
#pragma once

#include <cstdint>

namespace sandtable::study {

// SplitMix64 (Steele, Lea and Flood 2014): a tiny, well-mixed 64-bit generator.
// Used to seed streams and as a hash of (seed, stream, index) tuples.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A stateless mix of several words, for random access by index.
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b, std::uint64_t c = 0) {
  std::uint64_t s = a * 0xD1B54A32D192ED03ULL + b;
  std::uint64_t x = splitmix64(s);
  s ^= c + 0x8CB92BA72F3D8DD7ULL;
  return x ^ splitmix64(s);
}

// xoshiro256** (Blackman and Vigna 2018), seeded through SplitMix64.
class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) {
    std::uint64_t s = seed ^ (stream * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
    for (std::uint64_t& w : s_) w = splitmix64(s);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n), n > 0, without bias (rejection of the
  // incomplete last block of 2^64 mod n values).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    std::uint64_t x = next();
    while (x < threshold) x = next();
    return x % n;
  }

  // Poisson(1) by inversion (for the Poisson bootstrap).
  int poisson1() {
    constexpr double kExpMinus1 = 0.36787944117144233;
    double u = uniform();
    int k = 0;
    double p = kExpMinus1;
    double cdf = p;
    while (u >= cdf && k < 20) {
      ++k;
      p /= k;
      cdf += p;
    }
    return k;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// A random permutation of [0, n) evaluated one index at a time, without
// storing it: a keyed bijection on the next power of two, applied until the
// result falls inside [0, n) (cycle walking). After A. Kensler, "Correlated
// Multi-Jittered Sampling", Pixar technical memo 13-01 (2013), widened to 64 bits.
inline std::uint64_t permute(std::uint64_t i, std::uint64_t n, std::uint64_t key) {
  if (n <= 1) return 0;
  std::uint64_t w = n - 1;
  w |= w >> 1;
  w |= w >> 2;
  w |= w >> 4;
  w |= w >> 8;
  w |= w >> 16;
  w |= w >> 32;
  const std::uint64_t k1 = key | 1;
  const std::uint64_t k2 = (key >> 17) | 1;
  do {
    // Every step is a bijection on [0, w]: xor with a shifted copy, odd
    // multiplication and addition modulo a power of two.
    i ^= key & w;
    i = (i * k1) & w;
    i ^= (i & w) >> 7;
    i = (i * k2) & w;
    i ^= (i & w) >> 13;
    i = (i + (key >> 32)) & w;
    i ^= (i & w) >> 5;
    i = (i * 0x9E3779B97F4A7C15ULL) & w;
    i ^= (i & w) >> 11;
  } while (i >= n);
  return i;
}

}  // namespace sandtable::study
