// Internal: the declared schema of study files, built with the same helpers
// as the scenario schema (sim/scenario/schema.hpp), so that study files get
// the same located diagnostics and a generated JSON Schema.
//
// `parameters` and `set` are mappings keyed by scenario paths ("calendar.d_day"),
// which are not identifiers; the reader handles those two keys itself and
// binds everything else through the declaration.
#pragma once

#include <string>

#include "sandtable/study.hpp"
#include "scenario/schema.hpp"

namespace sandtable::study {

struct DesignBlock {
  DesignMethod method = DesignMethod::kGrid;
  int seed = 1;
  int samples = 0;
  int levels = 4;
  std::string points;
};

struct AnalysisBlock {
  int bootstrap = 200;
  double confidence = 0.95;
};

struct StudyFile {
  std::string name;
  std::string description;
  std::string scenario;
  std::string set;         // placeholder: read by hand (see above)
  std::string parameters;  // placeholder: read by hand (see above)
  DesignBlock design;
  AnalysisBlock analysis;
};

// The root type: a whole study file.
const schema::Type& study_type();

}  // namespace sandtable::study
