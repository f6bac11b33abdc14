// The `sandtable` program: a thin shell over the library's command line.
#include <sys/ioctl.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <sstream>

#include "sandtable/cli.hpp"
#include "sandtable/cluster.hpp"

namespace {

// The command's name: the first argument that is neither an option nor the
// value of a program option.
const char* command_name(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    if (a[0] != '-') return a;
    if ((std::strcmp(a, "--limit") == 0 || std::strcmp(a, "--log-level") == 0) && i + 1 < argc) {
      ++i;
    }
  }
  return "";
}

// The columns of the terminal standard output writes to; 0 when it is not
// a terminal (a pipe or a file gets whole tables, the same bytes every time).
int stdout_columns() {
  if (isatty(STDOUT_FILENO) == 0) return 0;
  winsize w{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != 0) return 0;
  return w.ws_col;
}

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must not kill the program: with SIGXFSZ
  // ignored the write fails with EFBIG and is reported like a full disk
  // (exit 3, the rows already committed kept, --resume finishes).
  std::signal(SIGXFSZ, SIG_IGN);
  // Under mpirun or srun: MPI for the whole life of the program.
  const sandtable::ClusterSession mpi(&argc, &argv);
  const sandtable::ClusterInfo& world = sandtable::cluster();
  // The commands whose runs are shared among ranks (sandtable/cluster.hpp).
  const char* command = command_name(argc, argv);
  bool shared = false;
  for (const char* name : {"sweep", "ensemble", "compare", "decide", "fit"}) {
    shared = shared || std::strcmp(command, name) == 0;
  }
  if (world.launched_without_mpi) {
    std::cerr << "sandtable: started as one of several MPI ranks, but this build has no MPI, so "
                 "every rank would run the whole command; rebuild with -DSANDTABLE_MPI=ON "
                 "(docs/cluster.md), or run one process\n";
    return 2;
  }
  if (world.rank == 0) {
    // No command (--version, --help): nothing runs, so nothing to say.
    if (world.size > 1 && !shared && command[0] != '\0') {
      std::cerr << "sandtable: only sweep, ensemble, compare, decide and fit share their runs "
                   "among MPI ranks; `"
                << command << "` runs on rank 0 alone\n";
    }
    return sandtable::run_cli(argc, argv, std::cout, std::cerr, stdout_columns());
  }
  // Another rank: it runs the command alongside rank 0, taking the runs
  // rank 0 gives it, and has nothing to do for other commands. It prints only why it failed, and
  // not for bad input or usage (exit 1 or 2), which rank 0, reading the same command and files,
  // reports once; a file it cannot read (exit 3) may be its own.
  if (!shared) return 0;
  std::ostringstream out;
  std::ostringstream err;
  const int code = sandtable::run_cli(argc, argv, out, err, stdout_columns());
  if (code != 0 && code != 1 && code != 2)
    std::cerr << "sandtable (MPI rank " << world.rank << "): " << err.str();
  return code;
}
