// SHA-256 (FIPS 180-4), used for content hashes of resolved scenarios.
#pragma once

#include <string>
#include <string_view>

namespace sandtable::util {

// Lower-case hexadecimal SHA-256 digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace sandtable::util
