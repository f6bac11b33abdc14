// `sandtable compare`, `timing`, `threshold` and `discover` (not yet implemented).
#include "cli/commands.hpp"

namespace sandtable::cli {

void add_analysis_commands(CLI::App& /*app*/, Context& /*ctx*/) {}

}  // namespace sandtable::cli
