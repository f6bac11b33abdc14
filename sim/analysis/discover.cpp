// `sandtable discover`: PRIM on a results table.
#include "sandtable/discover.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/text_format.hpp"
#include "sandtable/criteria.hpp"
#include "util/text.hpp"

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

std::string format_discovery(const Discovery& d) {
  const std::string verb = d.fail ? "fail" : "hold";
  std::string out = "Scenario discovery: where the criteria " + verb + "\n";
  out += "Criteria: " + d.criteria + "\n";
  out += "Swept: " + util::join(d.parameters, ", ") + "\n";
  out += std::to_string(d.rows_used) + " runs";
  if (d.rows_skipped > 0)
    out += " (" + std::to_string(d.rows_skipped) + " failed or incomplete runs left out)";
  out += "; the criteria " + verb + " in " + std::to_string(d.prim.hits) + " (" +
         analysis::readable(d.rows_used > 0 ? static_cast<double>(d.prim.hits) /
                                                  static_cast<double>(d.rows_used)
                                            : 0.0) +
         ").\n\n";
  if (d.prim.boxes.empty()) return out + "No box: the criteria never " + verb + ".\n";
  for (std::size_t i = 0; i < d.prim.boxes.size(); ++i) {
    const PrimBox& b = d.prim.boxes[i];
    out += (i == 0 ? "The criteria " + verb + " whenever " : "  or whenever ") +
           describe_box(b, d.parameters, d.kinds) + "\n";
    out += "    (coverage " + util::format_fixed(b.coverage, 2) + ", density " +
           util::format_fixed(b.density, 2) + ", " + std::to_string(b.points) + " points" +
           (i > 0 ? " not in the boxes above" : "") + ")\n";
  }
  out += "\nCoverage: the share of all the runs where the criteria " + verb +
         " that fall in the box; density: the share of the box's runs where they " + verb + ".\n";
  return out;
}

}  // namespace sandtable
