// Fuzzes the criteria parser (--criteria, analysis.criteria) against the
// outcome names of the Mosul base scenario; an expression that parses is
// evaluated on a few vectors of values.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "sandtable/criteria.hpp"
#include "sandtable/load.hpp"
#include "sandtable/results.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (sandtable::fuzz::too_large(size)) return -1;
  static const std::vector<std::string> names = [] {
    const sandtable::LoadResult r = sandtable::load_scenario(sandtable::fuzz::base_path());
    if (!r.ok()) __builtin_trap();
    return sandtable::outcome_names(r.loaded->scenario);
  }();
  sandtable::Diagnostic error;
  const std::optional<sandtable::Criteria> c =
      sandtable::Criteria::parse(sandtable::fuzz::as_text(data, size), names, error);
  if (!c) return 0;
  for (const double v : {0.0, 1.0, -2.5, std::numeric_limits<double>::infinity(),
                         std::numeric_limits<double>::quiet_NaN()}) {
    (void)c->evaluate(std::vector<double>(names.size(), v));
  }
  return 0;
}
