// The `sandtable` command line as a library function, so that tests drive it
// exactly as a user would.
#pragma once

#include <ostream>

namespace sandtable {

// Runs the program with `argv` (argv[0] is the program name), writing normal
// output to `out` and diagnostics to `err`. Returns the process exit code
// (see ExitCode in sandtable/status.hpp). `out_columns` is the width wide
// tables fit by default (the program passes its terminal's; 0: no limit);
// `--width` overrides it.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            int out_columns = 0);

}  // namespace sandtable
