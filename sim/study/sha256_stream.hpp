// Internal: SHA-256 that can resume from a saved state (a "midstate"), so
// that hashing many texts sharing a long prefix costs only their tails. Uses
// the CPU's SHA instructions when present; both paths give the same digest
// as util::sha256_hex.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace sandtable::study {

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

}  // namespace sandtable::study
