// Fuzzes the --set and --vary arguments: each line of the input is one
// argument, a --vary when it starts with "--vary ", a --set otherwise. The
// --set arguments are applied to the Mosul base scenario; the --vary
// arguments are parsed and, when they all parse, prepared as a grid study
// of that scenario (which parses every parameter's values).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "sandtable/load.hpp"
#include "sandtable/study.hpp"

namespace {
constexpr std::string_view kVary = "--vary ";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (sandtable::fuzz::too_large(size)) return -1;
  static const std::string base = sandtable::fuzz::read_base();
  const std::string_view text = sandtable::fuzz::as_text(data, size);
  std::vector<std::string> sets;
  std::vector<std::string> varies;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.substr(0, kVary.size()) == kVary) {
      varies.emplace_back(line.substr(kVary.size()));
    } else if (!line.empty()) {
      sets.emplace_back(line);
    }
    start = end + 1;
  }

  const sandtable::LoadResult r =
      sandtable::load_scenario_text(base, "base.yaml", sets, sandtable::fuzz::work_dir());
  if (r.ok() != r.diagnostics.empty()) __builtin_trap();

  sandtable::StudySpec spec;
  spec.scenario = sandtable::fuzz::base_path();
  spec.overrides = sets;
  bool parsed = true;
  int number = 0;
  for (const std::string& v : varies) {
    sandtable::Diagnostics diags;
    std::optional<sandtable::StudyParameter> p = sandtable::parse_vary(v, ++number, diags);
    if (p.has_value() == !diags.empty()) __builtin_trap();
    if (p) {
      spec.parameters.push_back(std::move(*p));
    } else {
      parsed = false;
    }
  }
  if (parsed && r.ok() && !spec.parameters.empty()) {
    const sandtable::PrepareResult p = sandtable::prepare_study(spec);
    if (p.ok() != p.diagnostics.empty()) __builtin_trap();
  }
  return 0;
}
