// The `sandtable` program: a thin shell over the library's command line.
#include <iostream>

#include "sandtable/cli.hpp"

int main(int argc, char** argv) { return sandtable::run_cli(argc, argv, std::cout, std::cerr); }
