// Fuzzes the scenario loader: the bytes are the text of a scenario file,
// read through the pipeline `check` and `run` use (YAML, extends resolved
// in a folder holding base.yaml, schema binding, checks, uncertainty).
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "sandtable/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (sandtable::fuzz::too_large(size)) return -1;
  const sandtable::LoadResult r = sandtable::load_scenario_text(
      sandtable::fuzz::as_text(data, size), "fuzz.yaml", {}, sandtable::fuzz::work_dir());
  // A result is either a scenario or at least one diagnostic, never both.
  if (r.ok() != r.diagnostics.empty()) __builtin_trap();
  if (r.ok()) (void)sandtable::scenario_hash(r.loaded->scenario);
  return 0;
}
