// Binding a YAML tree to a typed value through the declared schema.
#pragma once

#include <string>

#include "scenario/schema.hpp"
#include "scenario/tree.hpp"

namespace sandtable::detail {

// Binds the map `node` to the object at `out` described by `type`. Every
// problem is added to `diags` with the location of the offending node (the
// key for unknown keys, the value for wrong values, `owner` for missing
// keys); binding goes on after an error so that all problems are reported.
void bind_object(const schema::Type& type, const Node& node, void* out, const std::string& path,
                 const SourceLocation& owner, Diagnostics& diags);

// "a number of persons >= 0", "a fraction from 0 to 1", ...
std::string expected_text(const schema::Field& field);

// Parses a scalar for `field` into `out`; returns an error message on failure.
std::string parse_scalar_into(const schema::Field& field, const Node& node, void* out);

// Joins key paths: ("forces", "isf") -> "forces.isf"; ("", "forces") -> "forces".
std::string child_path(const std::string& parent, const std::string& key);

}  // namespace sandtable::detail
