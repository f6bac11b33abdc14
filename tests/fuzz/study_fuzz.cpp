// Fuzzes the study loader: the bytes are the text of a study file whose
// paths resolve in a folder holding base.yaml; a study that loads is also
// prepared (base scenario, parameters' values, design) as `sweep` does.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.hpp"
#include "sandtable/study.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (sandtable::fuzz::too_large(size)) return -1;
  const sandtable::StudyLoadResult r = sandtable::load_study_text(
      sandtable::fuzz::as_text(data, size), "study.yaml", sandtable::fuzz::work_dir());
  if (r.ok() != r.diagnostics.empty()) __builtin_trap();
  if (r.ok()) {
    const sandtable::PrepareResult p = sandtable::prepare_study(*r.spec);
    if (p.ok() != p.diagnostics.empty()) __builtin_trap();
  }
  return 0;
}
