// SHA-256 (FIPS 180-4), for content hashes of resolved scenarios. The class
// can resume from a saved state (a "midstate"), so that hashing many texts
// that share a long prefix costs only their tails (sweeps). Uses the CPU's
// SHA instructions when present; both paths give the same digest.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sandtable::util {

class Sha256 {
 public:
  Sha256();
  // Absorbs whole 64-byte blocks (data.size() must be a multiple of 64).
  void blocks(const unsigned char* data, std::size_t count);
  // Absorbs the last, partial piece and writes the 64-character hex digest.
  // `total_bytes` is the length of the whole message.
  void finish(std::string_view tail, std::uint64_t total_bytes, char* hex64) const;

 private:
  std::array<std::uint32_t, 8> h_;
};

// Lower-case hexadecimal SHA-256 digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace sandtable::util
