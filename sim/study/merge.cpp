// merge_results: the shards of one study (sweep --shard K/N) joined into one
// results database, after checking that they are all there, once each, of
// the same study and complete.
#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>

#include "sandtable/study.hpp"
#include "study/store.hpp"
#include "study/writer_lock.hpp"
#include "util/text.hpp"

namespace sandtable {

using study::Batch;
using study::ResultsStore;

namespace {

constexpr std::size_t kChunk = 4096;
constexpr std::uint64_t kCommitRows = 1 << 16;
constexpr long long kMaxShards = 1000000;

struct Part {
  std::string path;
  std::unique_ptr<ResultsStore> store;
  std::uint64_t shard = 0;
  std::uint64_t shards = 0;
};

std::string count_text(std::uint64_t n) { return util::format_count(static_cast<double>(n)); }

std::string same_file_key(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// What is wrong with the parts as a whole; empty when they make one study.
Status check_parts(std::vector<Part>& parts, std::vector<std::string>& problems) {
  const Part& first = parts.front();
  const std::string definition = first.store->header().get("definition");
  const auto design = util::parse_integer(first.store->header().get("design_size"));
  const auto points = static_cast<std::uint64_t>(design.value_or(0));
  std::map<std::uint64_t, const Part*> by_shard;
  for (const Part& p : parts) {
    if (p.store->header().get("definition") != definition) {
      problems.push_back(p.path + " was made by another study than " + first.path +
                         " (different base scenario, parameters or design)");
      continue;
    }
    if (p.shards != first.shards) {
      problems.push_back(p.path + " is shard " + std::to_string(p.shard) + "/" +
                         std::to_string(p.shards) + " but " + first.path + " is one of " +
                         std::to_string(first.shards) + " shards");
      continue;
    }
    const auto [it, fresh] = by_shard.emplace(p.shard, &p);
    if (!fresh) {
      problems.push_back(it->second->path + " and " + p.path + " are both shard " +
                         std::to_string(p.shard) + "/" + std::to_string(p.shards) +
                         " (the same shard twice)");
      continue;
    }
    const auto [lo, hi] = shard_range(points, p.shard, p.shards);
    std::uint64_t inside = 0;
    std::uint64_t all = 0;
    if (Status st = p.store->count(lo, hi, inside); !st.is_ok()) return st;
    if (Status st = p.store->count(0, std::numeric_limits<std::int64_t>::max(), all); !st.is_ok()) {
      return st;
    }
    const std::string name = std::to_string(p.shard) + "/" + std::to_string(p.shards);
    if (inside < hi - lo) {
      problems.push_back(p.path + " holds " + count_text(inside) + " of the " +
                         count_text(hi - lo) + " runs of shard " + name + " (points " +
                         std::to_string(lo) + " to " + std::to_string(hi - 1) +
                         "); finish it with `sandtable sweep ... --shard " + name + " -o " +
                         p.path + " --resume`");
    }
    if (all > inside) {
      problems.push_back(p.path + " holds " + count_text(all - inside) +
                         (all - inside == 1 ? " run" : " runs") + " outside shard " + name +
                         "'s points");
    }
  }
  if (problems.empty() || by_shard.size() < first.shards) {
    std::vector<std::string> missing;
    for (std::uint64_t k = 1; k <= first.shards; ++k) {
      if (by_shard.count(k) == 0) missing.push_back(std::to_string(k));
    }
    if (!missing.empty()) {
      problems.push_back("shard" + std::string(missing.size() > 1 ? "s " : " ") +
                         util::join(missing, ", ") + " of " + std::to_string(first.shards) +
                         (missing.size() > 1 ? " are" : " is") + " missing");
    }
  }
  return Status::ok();
}

study::StoreHeader merged_header(const study::StoreHeader& part) {
  study::StoreHeader h;
  h.packed = part.packed;
  h.parameters = part.parameters;
  h.outcomes = part.outcomes;
  for (const auto& [key, value] : part.meta) {
    if (key == "format" || key == "layout" || key == "shard" || key == "status") continue;
    h.meta.emplace_back(key, value);
  }
  h.meta.emplace_back("status", "complete");
  return h;
}

Status copy_rows(Part& part, ResultsStore& out, std::uint64_t& rows) {
  std::uint64_t next = 0;
  std::uint64_t uncommitted = 0;
  Batch b;
  std::vector<std::uint64_t> index;
  while (true) {
    if (Status st = part.store->read(next, kChunk, b, index); !st.is_ok()) return st;
    if (b.count == 0) break;
    if (index.back() - index.front() + 1 != index.size()) {
      return Status::io_error(part.path + ": its rows changed while they were merged");
    }
    b.first = index.front();
    if (uncommitted == 0) {
      if (Status st = out.begin(); !st.is_ok()) return st;
    }
    if (Status st = out.write(b); !st.is_ok()) return st;
    uncommitted += b.count;
    rows += b.count;
    if (uncommitted >= kCommitRows) {
      if (Status st = out.commit(); !st.is_ok()) return st;
      uncommitted = 0;
    }
  }
  return uncommitted > 0 ? out.commit() : Status::ok();
}

void remove_database(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

}  // namespace

bool parse_shard(std::string_view text, std::uint64_t& shard, std::uint64_t& shards) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const auto k = util::parse_integer(text.substr(0, slash));
  const auto n = util::parse_integer(text.substr(slash + 1));
  if (!k || !n || *k < 1 || *n < *k || *n > kMaxShards) return false;
  shard = static_cast<std::uint64_t>(*k);
  shards = static_cast<std::uint64_t>(*n);
  return true;
}

Status merge_results(const std::vector<std::string>& paths, const std::string& out_path,
                     bool overwrite, MergeSummary& summary) {
  summary = MergeSummary{};
  if (paths.empty()) return Status::invalid_input("no databases to merge");
  std::map<std::string, std::string> seen;
  const std::string out_key = same_file_key(out_path);
  for (const std::string& path : paths) {
    const std::string key = same_file_key(path);
    if (key == out_key) {
      return Status::invalid_input(out_path + " is one of the parts; write the merged database " +
                                   "to another file");
    }
    if (const auto [it, fresh] = seen.emplace(key, path); !fresh) {
      return Status::invalid_input(path + " is given twice" +
                                   (it->second == path ? "" : " (also as " + it->second + ")"));
    }
  }
  std::vector<Part> parts;
  for (const std::string& path : paths) {
    Part p;
    p.path = path;
    if (Status st = ResultsStore::open(path, false, p.store); !st.is_ok()) return st;
    const std::string shard = p.store->header().get("shard");
    if (shard.empty()) {
      return Status::invalid_input(
          path +
          " holds a whole study, not a shard of one (sweep --shard K/N); merge joins "
          "the shards of one study");
    }
    if (!parse_shard(shard, p.shard, p.shards)) {
      return Status::io_error(path + ": its shard '" + shard + "' does not read as K/N");
    }
    parts.push_back(std::move(p));
  }
  std::vector<std::string> problems;
  if (Status st = check_parts(parts, problems); !st.is_ok()) return st;
  if (!problems.empty()) {
    return Status::invalid_input(
        "the shards do not make one complete study; nothing was "
        "written:\n  " +
        util::join(problems, "\n  "));
  }
  std::error_code ec;
  if (std::filesystem::exists(out_path, ec) && !overwrite) {
    return Status::invalid_input(out_path + " exists; pass --overwrite to replace it");
  }
  std::unique_ptr<study::WriterLock> lock;
  if (Status st = study::WriterLock::acquire(out_path, lock); !st.is_ok()) return st;
  std::sort(parts.begin(), parts.end(),
            [](const Part& a, const Part& b) { return a.shard < b.shard; });
  const std::string partial = out_path + ".merging";
  std::unique_ptr<ResultsStore> out;
  if (Status st =
          ResultsStore::create(partial, merged_header(parts.front().store->header()), true, out);
      !st.is_ok()) {
    return st;
  }
  for (Part& p : parts) {
    if (Status st = copy_rows(p, *out, summary.rows); !st.is_ok()) {
      out.reset();
      remove_database(partial);
      return st;
    }
  }
  out.reset();
  if (overwrite) remove_database(out_path);
  std::filesystem::rename(partial, out_path, ec);
  if (ec) {
    remove_database(partial);
    return Status::io_error("cannot rename " + partial + " to " + out_path + ": " + ec.message());
  }
  summary.parts = parts.size();
  return Status::ok();
}

}  // namespace sandtable
