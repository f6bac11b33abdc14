// Reading input files whole, with a reason a person can act on when that
// fails, and "did you mean" for a misspelt file name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sandtable::util {

// The bytes of the file at `path`; on failure nothing, and `error` says why
// ("no such file", "permission denied", "is a directory, not a <kind>").
std::optional<std::string> read_text_file(const std::string& path, std::string_view kind,
                                          std::string& error);

// "did you mean 'x'?" for the file in the directory of `path` whose name is
// closest to that of `path`; empty if none is close.
std::string similar_file_hint(const std::string& path);

}  // namespace sandtable::util
