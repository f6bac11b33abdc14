// Running on several processes: MPI (docs/cluster.md).
//
// Under `mpirun -n N sandtable ...` (or `srun`) every rank runs the same
// command. The commands that run many scenarios (sweep, and the ensembles of
// ensemble, compare --ensemble and decide) share their design points among
// the ranks: rank 0 hands out blocks of points as ranks ask for them, runs
// blocks of its own on its threads, and alone writes the results database.
// The fit command shares the runs of its cases at every evaluation of the
// optimiser. Every other command runs on rank 0 only. The other ranks print
// nothing unless they fail.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sandtable {

struct ClusterInfo {
  int rank = 0;        // this process, 0 .. size - 1
  int size = 1;        // processes in the job (1 without MPI)
  int local_size = 1;  // processes of the job on this machine
  bool mpi = false;    // MPI was initialised (launched by mpirun or srun)
  // Launched as one of several ranks by an MPI launcher, but the build has
  // no MPI: every rank would run the whole command on its own.
  bool launched_without_mpi = false;
};

// Starts MPI when the program was launched by an MPI launcher and the build
// has MPI (-DSANDTABLE_MPI=ON); otherwise does nothing. The program's main()
// holds one for its whole life; MPI is finalised when it goes.
class ClusterSession {
 public:
  ClusterSession(int* argc, char*** argv);
  ~ClusterSession();
  ClusterSession(const ClusterSession&) = delete;
  ClusterSession& operator=(const ClusterSession&) = delete;
};

[[nodiscard]] const ClusterInfo& cluster();
// Whether this process is a rank other than 0 of a job of two or more.
[[nodiscard]] inline bool cluster_worker() { return cluster().rank > 0; }
// Whether the build can run on MPI.
[[nodiscard]] bool cluster_supported();

// Runs the items [first, first + count) of a job, writing each item's result
// as bytes to out[0 .. count - 1]. Called on several threads at once, and on
// every rank, for ranges that do not overlap; an item's bytes must depend on
// the item alone, not on the range it came in.
using RangeRun = std::function<void(std::uint64_t first, std::uint64_t count, std::string* out)>;

// The results of items 0 .. n - 1, in item order, on every rank. In an MPI
// job every rank must make the same call at the same point of the same
// command: rank 0 hands out blocks of items as the ranks ask for them
// (smaller towards the end, so that they finish together), runs blocks of
// its own, and sends every rank the whole result. Alone, the items run here.
// `threads` per rank, 0 for the default (the machine's cores, divided among
// the ranks on the machine). `progress(done)`, if given, is called now and
// then on rank 0 with the items done so far, never from two threads at once.
// The bytes are the same for any number of ranks and threads.
[[nodiscard]] std::vector<std::string> cluster_map(
    std::uint64_t n, int threads, const RangeRun& run,
    const std::function<void(std::uint64_t done)>& progress = {});

// Rank 0's bytes, on every rank of an MPI job (every rank calls it at the
// same point). Alone, does nothing.
void cluster_share(std::string& bytes);

}  // namespace sandtable
