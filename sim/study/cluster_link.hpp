// Internal: the messages of a sweep shared among MPI ranks (docs/cluster.md).
//
// Rank 0 sends a worker rank a block of spans of design points; the worker
// runs them and sends back one Batch per span, in the order given. Messages
// between two ranks arrive in the order sent, so rank 0 matches results to
// blocks by keeping, per rank, the blocks it has in flight in a queue. An
// empty block tells a worker that the sweep is over. Without MPI in the
// build, every function here is unreachable (the world has one rank).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sandtable/status.hpp"
#include "study/evaluator.hpp"

namespace sandtable::study::cluster {

struct Span {
  std::uint64_t first = 0;
  std::uint64_t count = 0;
};

// Every rank, at the start of a sweep: the digest of the study each rank
// prepared goes to rank 0, which returns an error naming the first rank that
// prepared another study (their files differ). Other ranks return ok.
[[nodiscard]] Status same_study(const std::string& digest);
// Every rank: rank 0's `verdict` (whether the sweep goes ahead) reaches
// every rank and is returned there.
[[nodiscard]] Status share_verdict(const Status& verdict);

// Rank 0: sends `spans` to rank `to` (empty: stop).
void send_work(int to, const std::vector<Span>& spans);
// Rank 0: the results of one block from any rank, if one has arrived:
// `from` is the rank, `batches` one per span of the block. Never waits.
bool poll_results(int& from, std::vector<Batch>& batches);

// Worker: whether rank 0's next block has arrived. Never waits.
bool work_waiting();
// Worker: the next block (empty at the end). Waits.
void receive_work(std::vector<Span>& spans);
// Worker: the results of the block just run. Waits until rank 0 has taken
// them, sleeping between checks (util::Backoff) rather than spinning, so
// the threads running the next block keep the core.
void send_results(const std::vector<Batch>& batches);

// Wire form of batches (exposed for tests).
void encode_batches(const std::vector<Batch>& batches, std::vector<char>& out);
bool decode_batches(const std::vector<char>& in, std::vector<Batch>& batches);

}  // namespace sandtable::study::cluster
