// Running on several processes: MPI (docs/cluster.md).
//
// Under `mpirun -n N sandtable ...` (or `srun`) every rank runs the same
// command. The commands that run many scenarios (sweep, and the ensembles of
// ensemble, compare --ensemble and decide) share their design points among
// the ranks: rank 0 hands out blocks of points as ranks ask for them, runs
// blocks of its own on its threads, and alone writes the results database.
// Every other command runs on rank 0 only. The other ranks print nothing
// unless they fail.
#pragma once

#include <string>

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

}  // namespace sandtable
