// Internal: the results database (SQLite). One row per run, keyed by its
// design-point index; the study, its seed and the sandtable version in
// `meta`. docs/sweeps.md documents the schema. Writes happen from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sandtable/status.hpp"
#include "study/evaluator.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace sandtable::study {

struct StoredParameter {
  std::string path;
  std::string kind;  // number, integer, boolean, date, choice
  std::vector<std::string> choices;
};

struct StoreHeader {
  std::vector<std::pair<std::string, std::string>> meta;  // written once, at creation
  std::vector<StoredParameter> parameters;
  std::vector<std::string> outcomes;
  // Outcomes in one BLOB column `outcomes` (little-endian IEEE 754 doubles,
  // in the order of the `outcomes` table) instead of a column each.
  bool packed = false;

  [[nodiscard]] std::string get(const std::string& key) const;
};

class ResultsStore {
 public:
  ~ResultsStore();
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  // Creates a new database; fails if `path` exists unless `overwrite`.
  [[nodiscard]] static Status create(const std::string& path, const StoreHeader& header,
                                     bool overwrite, std::unique_ptr<ResultsStore>& out);
  // Opens an existing database made by `sandtable sweep`. A file that is
  // empty, not SQLite, or whose pages do not hold together (PRAGMA
  // quick_check) fails as "PATH is damaged: ...; it was not changed", before
  // anything is written; an SQLite database without our `meta` table as
  // "not a sandtable results database". The whole-file check is skipped for
  // a read-only open while a sweep holds the database's WriterLock.
  [[nodiscard]] static Status open(const std::string& path, bool writable,
                                   std::unique_ptr<ResultsStore>& out);

  [[nodiscard]] const StoreHeader& header() const { return header_; }
  [[nodiscard]] Status set_meta(const std::string& key, const std::string& value);

  [[nodiscard]] Status begin();
  [[nodiscard]] Status commit();
  // Stores every row of the batch (replacing rows with the same index).
  [[nodiscard]] Status write(const Batch& batch);
  // Rows stored with first <= index < last.
  [[nodiscard]] Status count(std::uint64_t first, std::uint64_t last, std::uint64_t& n);
  // Rows stored, and how many of them failed.
  [[nodiscard]] Status totals(std::uint64_t& rows, std::uint64_t& failed);

  // Reads up to `max_rows` rows with index >= next, in index order, into
  // `out` (with out.index set); advances `next` past them. out.count == 0 at the end.
  [[nodiscard]] Status read(std::uint64_t& next, std::size_t max_rows, Batch& out,
                            std::vector<std::uint64_t>& index);

 private:
  ResultsStore() = default;
  [[nodiscard]] Status exec(const std::string& sql);
  [[nodiscard]] Status error(const std::string& what) const;
  // As error(), for a read: a damaged database is reported as one, unchanged.
  [[nodiscard]] Status read_error(const std::string& what) const;
  [[nodiscard]] Status check_integrity();
  [[nodiscard]] Status prepare_statements();
  [[nodiscard]] Status load_header();
  static std::string schema_sql(const StoreHeader& header);
  void insert_header(const std::vector<std::pair<std::string, std::string>>& meta);
  const double* little_endian(const double* values, std::size_t n);

  sqlite3* db_ = nullptr;
  std::string path_;
  StoreHeader header_;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* count_ = nullptr;
  sqlite3_stmt* select_ = nullptr;
  std::vector<unsigned char> is_choice_;  // per parameter
  std::vector<double> swapped_;           // packed rows on big-endian hosts
};

}  // namespace sandtable::study
