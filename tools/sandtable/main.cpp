// The `sandtable` program: a thin shell over the library's command line.
#include <csignal>
#include <iostream>

#include "sandtable/cli.hpp"

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must not kill the program: with SIGXFSZ
  // ignored the write fails with EFBIG and is reported like a full disk
  // (exit 3, the rows already committed kept, --resume finishes).
  std::signal(SIGXFSZ, SIG_IGN);
  return sandtable::run_cli(argc, argv, std::cout, std::cerr);
}
