// `sandtable discover`: PRIM on a results table.
#include "sandtable/discover.hpp"

#include <algorithm>
#include <cmath>

#include "sandtable/criteria.hpp"

namespace sandtable {

std::vector<ParameterKind> parameter_kinds(const std::vector<std::string>& paths,
                                           const Scenario* base) {
  std::vector<ParameterKind> kinds;
  Scenario given = base != nullptr ? *base : Scenario{};
  Scenario fallback;
  for (const std::string& path : paths) {
    Diagnostic ignored;
    auto ref = ParameterRef::resolve(given, path, ignored);
    if (!ref) ref = ParameterRef::resolve(fallback, path, ignored);
    kinds.push_back(ref ? ref->info().kind : ParameterKind::kNumber);
  }
  return kinds;
}

std::optional<Discovery> discover(const ResultsTable& table,
                                  const std::vector<ParameterKind>& kinds,
                                  const DiscoverOptions& options, Diagnostics& errors) {
  Diagnostic error;
  const auto criteria = Criteria::parse(options.criteria, table.outcomes, error, "--criteria");
  if (!criteria) {
    errors.add(error);
    return std::nullopt;
  }
  const std::size_t np = table.parameters.size();
  const std::size_t no = table.outcomes.size();
  if (np == 0 || table.rows() == 0) {
    errors.add({}, "",
               "the results table has no " + std::string(np == 0 ? "swept parameters" : "runs"),
               "run the sweep first (sandtable sweep)");
    return std::nullopt;
  }
  Discovery d;
  d.criteria = options.criteria;
  d.fail = options.fail;
  d.parameters = table.parameters;
  d.kinds = kinds;
  d.kinds.resize(np, ParameterKind::kNumber);
  std::vector<double> inputs;
  std::vector<bool> outcome;
  std::vector<double> values(no);
  for (std::size_t r = 0; r < table.rows(); ++r) {
    const double* x = &table.parameter_values[r * np];
    bool usable = table.ok[r] != 0;
    for (std::size_t c = 0; c < no && usable; ++c) {
      values[c] = table.outcome_values[r * no + c];
      usable = !std::isnan(values[c]) || std::find(criteria->used().begin(), criteria->used().end(),
                                                   static_cast<int>(c)) == criteria->used().end();
    }
    for (std::size_t c = 0; c < np && usable; ++c) usable = std::isfinite(x[c]);
    if (!usable) {
      ++d.rows_skipped;
      continue;
    }
    inputs.insert(inputs.end(), x, x + np);
    outcome.push_back(criteria->holds(values) != options.fail);
  }
  d.rows_used = outcome.size();
  d.prim = prim(inputs, np, outcome, options.prim);
  return d;
}

}  // namespace sandtable
