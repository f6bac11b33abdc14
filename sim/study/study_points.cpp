// Design points read from a CSV file (the `list` design).
#include <sstream>

#include "study/levels.hpp"
#include "study/prepared.hpp"
#include "util/files.hpp"

namespace sandtable::study {

namespace {

// Splits one CSV line; fields may be "quoted" (with "" for a quote).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  out.push_back(field);
  for (std::string& f : out) {
    while (!f.empty() && f.front() == ' ') f.erase(0, 1);
    while (!f.empty() && f.back() == ' ') f.pop_back();
  }
  return out;
}

// The file's text, read within the file-size limit.
std::optional<std::istringstream> open_csv(const std::string& path, std::string& error) {
  std::string why;
  auto text = util::read_text_file(path, "points file", why);
  if (!text) {
    error = "cannot read '" + path + "': " + why;
    return std::nullopt;
  }
  return std::istringstream(std::move(*text));
}

}  // namespace

bool read_csv_header(const std::string& path, std::vector<std::string>& header,
                     std::string& error) {
  auto in = open_csv(path, error);
  if (!in) return false;
  std::string line;
  if (!std::getline(*in, line)) {
    error = "'" + path + "' is empty; expected a header of parameter paths";
    return false;
  }
  header = split_csv(line);
  return true;
}

bool read_points_csv(const std::string& path, const std::vector<ParameterInfo>& infos,
                     const std::vector<std::string>& header, std::vector<double>& rows,
                     std::string& error) {
  auto in = open_csv(path, error);
  if (!in) return false;
  std::string line;
  std::getline(*in, line);  // the header
  int number = 1;
  while (std::getline(*in, line)) {
    ++number;
    if (line.empty() || line == "\r") continue;
    const std::vector<std::string> fields = split_csv(line);
    if (fields.size() != header.size()) {
      error = path + ":" + std::to_string(number) + ": expected " + std::to_string(header.size()) +
              " values, found " + std::to_string(fields.size());
      return false;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string e;
      const auto v = Levels::parse_value(fields[i], infos[i], e);
      if (!v) {
        error = path + ":" + std::to_string(number) + ": " + header[i] + ": " + e;
        return false;
      }
      rows.push_back(*v);
    }
  }
  if (rows.empty()) {
    error = "'" + path + "' has no point";
    return false;
  }
  return true;
}

}  // namespace sandtable::study
