#include "util/files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "sandtable/limits.hpp"
#include "util/text.hpp"

namespace sandtable::util {

namespace fs = std::filesystem;

std::optional<std::string> read_text_file(const std::string& path, std::string_view kind,
                                          std::string& error) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::is_directory(st)) {
    error = "is a directory, not a " + std::string(kind);
    return std::nullopt;
  }
  // A FIFO, socket or device could block or never end (/dev/zero): only a
  // regular file is read.
  if (fs::exists(st) && !fs::is_regular_file(st)) {
    const char* what = fs::is_fifo(st)                                      ? "a FIFO"
                       : fs::is_socket(st)                                  ? "a socket"
                       : fs::is_block_file(st) || fs::is_character_file(st) ? "a device"
                                                                            : "not a regular file";
    error = std::string("is ") + what + ", not a regular " + std::string(kind) +
            "; only regular files are read";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fs::exists(path, ec) ? "permission denied" : "no such file";
    return std::nullopt;
  }
  const std::uint64_t limit = limits().file_bytes;
  const auto too_large = [&](std::uint64_t size) {
    error = "the file holds " + std::to_string(size) + " bytes or more, above the " +
            std::to_string(limit) + "-byte limit (" + limit_hint("file_bytes") + ")";
  };
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > limit) {
    too_large(size);
    return std::nullopt;
  }
  // Read in chunks up to the limit: the size can change while reading.
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (text.size() + got > limit) {
      too_large(text.size() + got);
      return std::nullopt;
    }
    text.append(buffer, got);
  }
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return text;
}

std::string similar_file_hint(const std::string& path) {
  std::error_code exists_ec;
  if (fs::exists(path, exists_ec)) return {};  // the file is there: no other name to suggest
  const fs::path p(path);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  if (auto m = closest_match(p.filename().string(), names)) return "did you mean '" + *m + "'?";
  return {};
}

}  // namespace sandtable::util
