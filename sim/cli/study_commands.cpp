// `sandtable sweep`, `export` and `analyze` (not yet implemented).
#include "cli/commands.hpp"

namespace sandtable::cli {

void add_study_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace sandtable::cli
