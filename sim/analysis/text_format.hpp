// Internal: numbers in words for people, shared by the analysis messages and
// the writers of io/.
#pragma once

#include <string>
#include <vector>

#include "sandtable/parameters.hpp"

namespace sandtable::analysis {

// For people: whole numbers with thousands separators, others to four
// significant digits ("0.3512", "18.25"); NaN as "-".
std::string readable(double value);
// The same with an explicit sign ("+0.25", "-1,205"); zero as "0".
std::string signed_readable(double value);

// A parameter value in its kind: dates as YYYY-MM-DD, integers as integers,
// numbers to `digits` significant digits (shortest round trip if 0).
std::string parameter_text(double value, ParameterKind kind, int digits = 0);

}  // namespace sandtable::analysis
