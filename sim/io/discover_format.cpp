// The writer of `sandtable discover`.
#include <string>
#include <vector>

#include "analysis/text_format.hpp"
#include "sandtable/discover.hpp"
#include "util/text.hpp"

namespace sandtable {

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
