// Internal: what a prepared study holds, shared by the sweep's threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sandtable/study.hpp"
#include "study/design.hpp"
#include "study/point_hash.hpp"

namespace sandtable {

struct PreparedStudy::Impl {
  StudySpec spec;
  LoadedScenario base;
  std::vector<ParameterInfo> infos;  // one per varied parameter
  std::vector<std::string> paths;
  std::optional<study::Design> design;
  std::vector<std::string> outcomes;
  bool full_check = true;  // re-run check_scenario at every point
  bool fast_hash = false;  // `hasher` is usable
  study::ScenarioHasher hasher;
  std::string definition;   // canonical JSON of what determines the runs
  std::string design_json;  // what the analysis needs to rebuild the design
};

namespace study {

// Whether changing `path` alone can make check_scenario() fail. Cross-field
// rules (sim/scenario/check.cpp) read the calendar, the forces, the
// affiliations, equipment-aid dates and the analysis criteria; values under
// model., adversary., environment. and lines_of_effort. are checked by their
// declared range alone, which ParameterRef::set() enforces.
bool needs_cross_check(const std::string& path);

// Rebuilds a design from PreparedStudy::Impl::design_json (for analysis of a
// stored sweep, without the scenario files).
std::optional<Design> design_from_json(const std::string& json, std::vector<std::string>& paths,
                                       std::string& error);

// Reads a CSV file of design points: a header of parameter paths, then one
// row per point. Values are parsed for each parameter's kind.
bool read_points_csv(const std::string& path, const std::vector<ParameterInfo>& infos,
                     const std::vector<std::string>& header, std::vector<double>& rows,
                     std::string& error);

// The header of a CSV file (its first line, split on commas).
bool read_csv_header(const std::string& path, std::vector<std::string>& header, std::string& error);

}  // namespace study
}  // namespace sandtable
