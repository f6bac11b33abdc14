// MPI for sweeps: the session, this process's place in the job, and the
// messages of cluster_link.hpp. Compiled with or without MPI
// (SANDTABLE_HAVE_MPI); without it the world is one process.
#include "sandtable/cluster.hpp"

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "study/cluster_link.hpp"
#include "util/assert.hpp"
#include "util/parallel.hpp"

#ifdef SANDTABLE_HAVE_MPI
#include <mpi.h>
#endif

namespace sandtable {

namespace {

ClusterInfo g_cluster;

// Whether an MPI launcher started this process (Open MPI's mpirun, or a
// PMI/PMIx launcher such as Slurm's srun). A program started by hand does
// not initialise MPI, so that it never waits on a launcher that is not there.
[[maybe_unused]] bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace

const ClusterInfo& cluster() { return g_cluster; }

#ifdef SANDTABLE_HAVE_MPI

bool cluster_supported() { return true; }

ClusterSession::ClusterSession(int* argc, char*** argv) {
  if (!launched_by_mpi()) return;
  int provided = 0;
  // One thread at a time calls MPI: the main thread before and after a
  // sweep, the thread that talks to the workers during it.
  MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided);
  if (provided < MPI_THREAD_SERIALIZED) {
    MPI_Finalize();
    return;
  }
  g_cluster.mpi = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_cluster.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_cluster.size);
  MPI_Comm local = MPI_COMM_NULL;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
  MPI_Comm_size(local, &g_cluster.local_size);
  MPI_Comm_free(&local);
}

ClusterSession::~ClusterSession() {
  if (g_cluster.mpi) MPI_Finalize();
  g_cluster = ClusterInfo{};
}

#else

bool cluster_supported() { return false; }

ClusterSession::ClusterSession(int*, char***) {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && std::strtol(v, nullptr, 10) > 1) g_cluster.launched_without_mpi = true;
  }
}

ClusterSession::~ClusterSession() = default;

#endif

namespace study::cluster {

namespace {

template <class T>
void put(std::vector<char>& out, const T& v) {
  const auto* p = reinterpret_cast<const char*>(&v);
  out.insert(out.end(), p, p + sizeof(T));
}

template <class T>
void put_array(std::vector<char>& out, const std::vector<T>& v) {
  put<std::uint64_t>(out, v.size());
  const auto* p = reinterpret_cast<const char*>(v.data());
  out.insert(out.end(), p, p + v.size() * sizeof(T));
}

class Reader {
 public:
  explicit Reader(const std::vector<char>& in) : in_(in) {}
  template <class T>
  bool get(T& v) {
    if (in_.size() - at_ < sizeof(T)) return false;
    std::memcpy(&v, in_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  template <class T>
  bool get_array(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!get(n) || n > (in_.size() - at_) / sizeof(T)) return false;
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), in_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return true;
  }
  [[nodiscard]] bool done() const { return at_ == in_.size(); }

 private:
  const std::vector<char>& in_;
  std::size_t at_ = 0;
};

}  // namespace

// Native byte order: the ranks of one job run the same program, built for
// one architecture.
void encode_batches(const std::vector<Batch>& batches, std::vector<char>& out) {
  out.clear();
  put<std::uint64_t>(out, batches.size());
  for (const Batch& b : batches) {
    put(out, b.first);
    put(out, b.count);
    put_array(out, b.params);
    put_array(out, b.outcomes);
    put_array(out, b.ok);
    put_array(out, b.hashes);
    put_array(out, b.hashed);
    put<std::uint64_t>(out, b.errors.size());
    for (const std::string& e : b.errors) {
      put<std::uint64_t>(out, e.size());
      out.insert(out.end(), e.begin(), e.end());
    }
  }
}

bool decode_batches(const std::vector<char>& in, std::vector<Batch>& batches) {
  Reader r(in);
  std::uint64_t n = 0;
  if (!r.get(n) || n > in.size()) return false;
  batches.resize(n);
  for (Batch& b : batches) {
    std::uint64_t errors = 0;
    if (!r.get(b.first) || !r.get(b.count) || !r.get_array(b.params) || !r.get_array(b.outcomes) ||
        !r.get_array(b.ok) || !r.get_array(b.hashes) || !r.get_array(b.hashed) || !r.get(errors) ||
        errors > in.size()) {
      return false;
    }
    b.errors.resize(errors);
    for (std::string& e : b.errors) {
      std::vector<char> text;
      if (!r.get_array(text)) return false;
      e.assign(text.begin(), text.end());
    }
    if (b.ok.size() != b.count || b.errors.size() != b.count) return false;
  }
  return r.done();
}

#ifdef SANDTABLE_HAVE_MPI

namespace {

constexpr int kWorkTag = 11;
constexpr int kResultTag = 12;

void send_bytes(const std::vector<char>& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

std::vector<char> receive_bytes(int from, int tag, int* source) {
  MPI_Status status;
  MPI_Probe(from, tag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::vector<char> bytes(static_cast<std::size_t>(size));
  MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  if (source != nullptr) *source = status.MPI_SOURCE;
  return bytes;
}

}  // namespace

Status same_study(const std::string& digest) {
  const int size = sandtable::cluster().size;
  const int rank = sandtable::cluster().rank;
  std::string mine(64, ' ');
  mine.replace(0, std::min<std::size_t>(64, digest.size()), digest.substr(0, 64));
  std::vector<char> all(rank == 0 ? static_cast<std::size_t>(size) * 64 : 0);
  MPI_Gather(mine.data(), 64, MPI_CHAR, all.data(), 64, MPI_CHAR, 0, MPI_COMM_WORLD);
  if (rank != 0) return Status::ok();
  for (int r = 1; r < size; ++r) {
    if (std::string_view(&all[static_cast<std::size_t>(r) * 64], 64) != mine) {
      return Status::invalid_input(
          "rank " + std::to_string(r) +
          " prepared another study than rank 0 (its scenario, study or points files differ, "
          "or it was given other options); every rank must read the same files");
    }
  }
  return Status::ok();
}

Status share_verdict(const Status& verdict) {
  std::vector<char> bytes;
  int size = 0;
  if (sandtable::cluster().rank == 0) {
    const std::string& text = verdict.message();
    put<int>(bytes, static_cast<int>(verdict.exit_code()));
    bytes.insert(bytes.end(), text.begin(), text.end());
    size = static_cast<int>(bytes.size());
  }
  MPI_Bcast(&size, 1, MPI_INT, 0, MPI_COMM_WORLD);
  bytes.resize(static_cast<std::size_t>(size));
  MPI_Bcast(bytes.data(), size, MPI_BYTE, 0, MPI_COMM_WORLD);
  if (sandtable::cluster().rank == 0) return verdict;
  int code = 0;
  std::memcpy(&code, bytes.data(), sizeof code);
  if (code == 0) return Status::ok();
  return Status::io_error("rank 0 did not start the sweep: " +
                          std::string(bytes.begin() + sizeof code, bytes.end()));
}

void send_work(int to, const std::vector<Span>& spans) {
  std::vector<char> bytes;
  for (const Span& s : spans) {
    put(bytes, s.first);
    put(bytes, s.count);
  }
  send_bytes(bytes, to, kWorkTag);
}

bool poll_results(int& from, std::vector<Batch>& batches) {
  int flag = 0;
  MPI_Status status;
  MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &flag, &status);
  if (flag == 0) return false;
  const std::vector<char> bytes = receive_bytes(status.MPI_SOURCE, kResultTag, &from);
  const bool decoded = decode_batches(bytes, batches);
  SANDTABLE_ASSERT(decoded, "a worker's results decode");
  return true;
}

void receive_work(std::vector<Span>& spans) {
  const std::vector<char> bytes = receive_bytes(0, kWorkTag, nullptr);
  spans.resize(bytes.size() / (2 * sizeof(std::uint64_t)));
  // An empty message (no more work) has no bytes to copy, and a null data().
  if (!spans.empty())
    std::memcpy(spans.data(), bytes.data(), spans.size() * 2 * sizeof(std::uint64_t));
}

bool work_waiting() {
  int flag = 0;
  MPI_Iprobe(0, kWorkTag, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
  return flag != 0;
}

void send_results(const std::vector<Batch>& batches) {
  std::vector<char> bytes;
  encode_batches(batches, bytes);
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kResultTag, MPI_COMM_WORLD,
            &request);
  util::Backoff backoff;
  for (int sent = 0;;) {
    MPI_Test(&request, &sent, MPI_STATUS_IGNORE);
    if (sent != 0) return;
    backoff.idle();
  }
}

#else

Status same_study(const std::string&) { return Status::ok(); }
Status share_verdict(const Status& verdict) { return verdict; }
// A build without MPI has one rank, which never sends or receives.
void send_work(int, const std::vector<Span>&) { SANDTABLE_ASSERT(false, "a world of one rank"); }
bool poll_results(int&, std::vector<Batch>&) {
  SANDTABLE_ASSERT(false, "a world of one rank");
  return false;
}
bool work_waiting() {
  SANDTABLE_ASSERT(false, "a world of one rank");
  return false;
}
void receive_work(std::vector<Span>&) { SANDTABLE_ASSERT(false, "a world of one rank"); }
void send_results(const std::vector<Batch>&) { SANDTABLE_ASSERT(false, "a world of one rank"); }

#endif

}  // namespace study::cluster

}  // namespace sandtable
