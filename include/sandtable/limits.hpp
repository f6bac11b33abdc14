// Resource limits on input: every file, tree, list and design that Sandtable
// reads or builds is bounded, so that no input can exhaust memory or time.
// Each limit has a name, a documented default (docs/limits.md) and can be
// raised for one command with `--limit NAME=VALUE` (the library:
// set_limit). A limit that is hit is reported as an error that names it and
// says how to raise it; nothing is truncated silently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sandtable {

struct Limits {
  // Bytes of one scenario, study, points or observed-series file.
  std::uint64_t file_bytes = 16ull << 20;
  // YAML nodes of one file after aliases are expanded.
  std::uint64_t yaml_nodes = 1'000'000;
  // Levels of YAML mappings and lists nested in one another in one file.
  std::uint64_t yaml_depth = 100;
  // Items of one YAML list or keys of one YAML mapping.
  std::uint64_t list_items = 100'000;
  // Force elements of one scenario.
  std::uint64_t elements = 10'000;
  // Element-days of one run (horizon days x force elements): bounds the
  // daily series a run records and the time it takes.
  std::uint64_t element_days = 5'000'000;
  // Points of one study design (sweep, analyze, threshold scans).
  std::uint64_t design_points = 100'000'000;
  // Outcome values a study without a results database holds in memory
  // (points x outcomes).
  std::uint64_t memory_values = 200'000'000;
};

// One limit's name, meaning and default, for documentation and messages.
struct LimitInfo {
  std::string name;
  std::string meaning;
  std::uint64_t default_value = 0;
  std::uint64_t Limits::*field = nullptr;
};
const std::vector<LimitInfo>& limit_infos();

// The limits in force (the defaults unless changed).
const Limits& limits();
void set_limits(const Limits& l);

// Sets one limit from "NAME=VALUE" (VALUE an integer, with an optional
// k/M/G suffix for 10^3/10^6/10^9, or KiB/MiB/GiB). Returns an empty string on
// success, otherwise what is wrong.
std::string set_limit(std::string_view assignment);

// "(limit yaml_nodes = 1000000; raise it with --limit yaml_nodes=N)".
std::string limit_hint(std::string_view name);

}  // namespace sandtable
