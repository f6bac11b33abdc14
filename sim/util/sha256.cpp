#include "util/sha256.hpp"

#include <cpuid.h>
#include <immintrin.h>

#include <cstring>

namespace sandtable::util {

namespace {

constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress_portable(std::uint32_t* h, const unsigned char* data, std::size_t count) {
  for (std::size_t b = 0; b < count; ++b, data += 64) {
    std::uint32_t w[64];
    for (std::size_t i = 0; i < 16; ++i) {
      w[i] = static_cast<std::uint32_t>(data[4 * i]) << 24 |
             static_cast<std::uint32_t>(data[4 * i + 1]) << 16 |
             static_cast<std::uint32_t>(data[4 * i + 2]) << 8 | data[4 * i + 3];
    }
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 =
          k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[i] + w[i];
      const std::uint32_t t2 =
          (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
      k = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = bb;
      bb = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
  }
}

// The SHA extensions path (Intel's published instruction sequence).
__attribute__((target("sha,sse4.1"))) void compress_sha_ni(std::uint32_t* h,
                                                           const unsigned char* data,
                                                           std::size_t count) {
  const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h));
  __m128i state1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + 4));
  tmp = _mm_shuffle_epi32(tmp, 0xB1);                // CDAB
  state1 = _mm_shuffle_epi32(state1, 0x1B);          // EFGH
  __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);  // ABEF
  state1 = _mm_blend_epi16(state1, tmp, 0xF0);       // CDGH
  const auto* k = reinterpret_cast<const __m128i*>(kRound);
  for (std::size_t b = 0; b < count; ++b, data += 64) {
    const __m128i abef = state0;
    const __m128i cdgh = state1;
    __m128i msg[4];
    for (std::size_t i = 0; i < 4; ++i) {
      msg[i] =
          _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * i)), mask);
    }
    for (int r = 0; r < 16; ++r) {
      const __m128i cur = msg[r % 4];
      __m128i w = _mm_add_epi32(cur, _mm_loadu_si128(k + r));
      state1 = _mm_sha256rnds2_epu32(state1, state0, w);
      if (r >= 3 && r <= 14) {  // schedule the next group: W[4(r+1) .. 4(r+1)+3]
        __m128i& next = msg[(r + 1) % 4];
        next = _mm_add_epi32(next, _mm_alignr_epi8(cur, msg[(r + 3) % 4], 4));
        next = _mm_sha256msg2_epu32(next, cur);
      }
      w = _mm_shuffle_epi32(w, 0x0E);
      state0 = _mm_sha256rnds2_epu32(state0, state1, w);
      if (r >= 1 && r <= 12) msg[(r + 3) % 4] = _mm_sha256msg1_epu32(msg[(r + 3) % 4], cur);
    }
    state0 = _mm_add_epi32(state0, abef);
    state1 = _mm_add_epi32(state1, cdgh);
  }
  tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
  state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
  state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
  state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h), state0);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(h + 4), state1);
}

bool has_sha_ni() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0) return false;
  const bool sha = (b & (1U << 29)) != 0;
  __get_cpuid(1, &a, &b, &c, &d);
  const bool sse41 = (c & (1U << 19)) != 0;
  return sha && sse41;
}

using CompressFn = void (*)(std::uint32_t*, const unsigned char*, std::size_t);

bool has_sha_ni_cached() {
  static const bool yes = has_sha_ni();
  return yes;
}

CompressFn compressor() {
  static const CompressFn fn = has_sha_ni_cached() ? compress_sha_ni : compress_portable;
  return fn;
}

void write_hex(const std::array<std::uint32_t, 8>& h, char* hex64) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j)
      hex64[8 * i + j] = kHex[(h[static_cast<std::size_t>(i)] >> (28 - 4 * j)) & 0xF];
  }
}

}  // namespace

Sha256::Sha256()
    : h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

void Sha256::blocks(const unsigned char* data, std::size_t count) {
  if (count > 0) compressor()(h_.data(), data, count);
}

void Sha256::finish(std::string_view tail, std::uint64_t total_bytes, char* hex64) const {
  std::array<std::uint32_t, 8> h = h_;
  const std::size_t whole = tail.size() / 64 * 64;
  if (whole > 0) {
    compressor()(h.data(), reinterpret_cast<const unsigned char*>(tail.data()), whole / 64);
  }
  unsigned char last[128] = {};
  const std::size_t rest = tail.size() - whole;
  std::memcpy(last, tail.data() + whole, rest);
  last[rest] = 0x80;
  const std::size_t padded = rest + 9 <= 64 ? 64 : 128;
  const std::uint64_t bits = total_bytes * 8;
  for (int i = 0; i < 8; ++i) last[padded - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  compressor()(h.data(), last, padded / 64);
  write_hex(h, hex64);
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  const std::size_t whole = data.size() / 64;
  h.blocks(reinterpret_cast<const unsigned char*>(data.data()), whole);
  char hex[64];
  h.finish(data.substr(whole * 64), data.size(), hex);
  return std::string(hex, 64);
}

}  // namespace sandtable::util
