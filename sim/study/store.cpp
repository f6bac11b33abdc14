#include "study/store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "study/writer_lock.hpp"

namespace sandtable::study {

namespace {

constexpr const char* kFormat = "sandtable-results-1";
constexpr int kBusyMilliseconds = 10000;  // wait for readers (analyze during a sweep)

std::string quote(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string choice_column(const StoredParameter& p) { return p.path + ":name"; }

void configure_sqlite_once() {
  // Memory statistics take a global lock on every allocation; we do not use them.
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)done;
}

// Binds a number losslessly and cheaply: whole numbers as integers (SQLite
// stores whole REAL values as integers anyway), NaN as NULL.
void bind_number(sqlite3_stmt* st, int col, double v) {
  if (std::isnan(v)) {
    sqlite3_bind_null(st, col);
  } else if (v > -9.0e15 && v < 9.0e15 && v == static_cast<double>(static_cast<sqlite3_int64>(v))) {
    sqlite3_bind_int64(st, col, static_cast<sqlite3_int64>(v));
  } else {
    sqlite3_bind_double(st, col, v);
  }
}

std::uint64_t swap_bytes(std::uint64_t x) {
  std::uint64_t y = 0;
  for (int i = 0; i < 8; ++i) y |= ((x >> (8 * i)) & 0xFF) << (56 - 8 * i);
  return y;
}

// Reads m little-endian doubles from a BLOB column (NaN where it is short).
void read_packed(sqlite3_stmt* st, int col, std::size_t m, std::vector<double>& out) {
  const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(st, col));
  const auto bytes = static_cast<std::size_t>(sqlite3_column_bytes(st, col));
  for (std::size_t j = 0; j < m; ++j) {
    if (blob == nullptr || bytes < (j + 1) * 8) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < 8; ++i) w |= static_cast<std::uint64_t>(blob[8 * j + i]) << (8 * i);
    out.push_back(std::bit_cast<double>(w));
  }
}

}  // namespace

// Packed outcomes are stored little-endian whatever the host.
const double* ResultsStore::little_endian(const double* values, std::size_t n) {
  if constexpr (std::endian::native == std::endian::little) {
    return values;
  } else {
    swapped_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      swapped_[i] = std::bit_cast<double>(swap_bytes(std::bit_cast<std::uint64_t>(values[i])));
    }
    return swapped_.data();
  }
}

std::string StoreHeader::get(const std::string& key) const {
  for (const auto& [k, v] : meta) {
    if (k == key) return v;
  }
  return {};
}

ResultsStore::~ResultsStore() {
  sqlite3_finalize(insert_);
  sqlite3_finalize(count_);
  sqlite3_finalize(select_);
  if (db_ != nullptr) sqlite3_close(db_);
}

namespace {

// What to do after a failed write: the disk is full or a file-size limit
// (ulimit -f) was reached; the committed rows are kept.
std::string write_failure_hint(sqlite3* db) {
  if (db == nullptr) return {};
  const int rc = sqlite3_errcode(db);
  if (rc != SQLITE_FULL && rc != SQLITE_IOERR) return {};
  return " (the disk is full or a file-size limit, ulimit -f, was reached; the runs committed "
         "so far are kept: make room and rerun with --resume)";
}

}  // namespace

namespace {

// SQLite's word for a file that is not a database, or one whose pages do not
// hold together.
bool is_damage(int rc) {
  rc &= 0xFF;  // the primary code of an extended one
  return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

Status damaged(const std::string& path, const std::string& why) {
  return Status::io_error(path + " is damaged: " + one_line(why) + "; it was not changed");
}

}  // namespace

Status ResultsStore::error(const std::string& what) const {
  if (db_ != nullptr && is_damage(sqlite3_errcode(db_))) {
    return Status::io_error(path_ + " is damaged: " + what + ": " + sqlite3_errmsg(db_));
  }
  return Status::io_error(path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "cannot open") +
                          write_failure_hint(db_));
}

Status ResultsStore::read_error(const std::string& what) const {
  if (db_ != nullptr && is_damage(sqlite3_errcode(db_))) {
    return damaged(path_, what + ": " + sqlite3_errmsg(db_));
  }
  return error(what);
}

// PRAGMA quick_check reads every page and checks that the b-trees and the
// records in them hold together (it does not compare indexes with tables,
// which a results database does not have). A truncated file, overwritten
// pages, or a file that only starts like SQLite fail here.
Status ResultsStore::check_integrity() {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db_, "PRAGMA quick_check(1)", -1, &st, nullptr);
  std::string result;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      result = text ? text : "";
    }
  }
  const std::string message = sqlite3_errmsg(db_);
  const int code = sqlite3_errcode(db_);
  sqlite3_finalize(st);
  if (rc == SQLITE_ROW) return result == "ok" ? Status::ok() : damaged(path_, result);
  if (is_damage(code)) return damaged(path_, message);
  return Status::io_error(path_ + ": cannot check the database: " + message);
}

Status ResultsStore::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Status::io_error(path_ + ": " + text + write_failure_hint(db_));
  }
  return Status::ok();
}

// The tables, in a transaction left open for insert_header().
std::string ResultsStore::schema_sql(const StoreHeader& header) {
  std::string ddl =
      "PRAGMA page_size=65536; PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL;"
      "PRAGMA cache_size=-32768; PRAGMA user_version=1; BEGIN;"
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE parameters(position INTEGER PRIMARY KEY, path TEXT NOT NULL, kind TEXT NOT "
      "NULL, choices TEXT);"
      "CREATE TABLE outcomes(position INTEGER PRIMARY KEY, name TEXT NOT NULL);"
      "CREATE TABLE runs(idx INTEGER PRIMARY KEY, status TEXT NOT NULL, error TEXT, "
      "scenario_hash TEXT";
  for (const StoredParameter& p : header.parameters) ddl += ", " + quote(p.path) + " REAL";
  for (const StoredParameter& p : header.parameters) {
    if (p.kind == "choice") ddl += ", " + quote(choice_column(p)) + " TEXT";
  }
  if (header.packed) {
    ddl += ", outcomes BLOB";
  } else {
    for (const std::string& o : header.outcomes) ddl += ", " + quote(o) + " REAL";
  }
  ddl += ");";
  // The same rows for pandas, R and sqlite3 users: the index named as in
  // the CSV export, dates as ISO text, integers and booleans as integers,
  // choices by name.
  ddl += "CREATE VIEW results AS SELECT idx AS \"index\", status, error, scenario_hash";
  for (const StoredParameter& p : header.parameters) {
    const std::string column = quote(p.path);
    if (p.kind == "date") {
      ddl += ", date(" + column + " * 86400, 'unixepoch') AS " + column;
    } else if (p.kind == "integer" || p.kind == "boolean") {
      ddl += ", CAST(" + column + " AS INTEGER) AS " + column;
    } else if (p.kind == "choice") {
      ddl += ", " + quote(choice_column(p)) + " AS " + column;
    } else {
      ddl += ", " + column;
    }
  }
  if (header.packed) {
    ddl += ", outcomes";
  } else {
    for (const std::string& o : header.outcomes) ddl += ", " + quote(o);
  }
  return ddl + " FROM runs;";
}

void ResultsStore::insert_header(const std::vector<std::pair<std::string, std::string>>& meta) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "INSERT INTO meta VALUES(?, ?)", -1, &st, nullptr);
  for (const auto& [k, v] : meta) {
    sqlite3_bind_text(st, 1, k.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, v.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db_, "INSERT INTO parameters VALUES(?, ?, ?, ?)", -1, &st, nullptr);
  for (std::size_t i = 0; i < header_.parameters.size(); ++i) {
    const StoredParameter& p = header_.parameters[i];
    std::string choices;
    for (const std::string& c : p.choices) choices += (choices.empty() ? "" : ",") + c;
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_text(st, 2, p.path.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, p.kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, choices.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db_, "INSERT INTO outcomes VALUES(?, ?)", -1, &st, nullptr);
  for (std::size_t i = 0; i < header_.outcomes.size(); ++i) {
    sqlite3_bind_int64(st, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_text(st, 2, header_.outcomes[i].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
}

Status ResultsStore::create(const std::string& path, const StoreHeader& header, bool overwrite,
                            std::unique_ptr<ResultsStore>& out) {
  namespace fs = std::filesystem;
  configure_sqlite_once();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (!overwrite) {
      return Status::invalid_input(path +
                                   " exists; pass --resume to continue it or --overwrite "
                                   "to replace it");
    }
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  }
  std::unique_ptr<ResultsStore> s(new ResultsStore());
  s->path_ = path;
  s->header_ = header;
  if (sqlite3_open_v2(path.c_str(), &s->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    return s->error("cannot create the database");
  }
  sqlite3_busy_timeout(s->db_, kBusyMilliseconds);
  // A database whose header could not be written holds nothing: remove it,
  // so that the next attempt starts afresh instead of finding a file that is
  // not a results database.
  const auto abandon = [&](const Status& st) {
    s.reset();
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
    return Status::io_error(st.message() + "; nothing was stored");
  };
  if (Status st = s->exec(schema_sql(header)); !st.is_ok()) return abandon(st);
  std::vector<std::pair<std::string, std::string>> meta = header.meta;
  meta.insert(meta.begin(), {"layout", header.packed ? "packed" : "columns"});
  meta.insert(meta.begin(), {"format", kFormat});
  s->insert_header(meta);
  if (Status c = s->exec("COMMIT;"); !c.is_ok()) return abandon(c);
  if (Status p = s->prepare_statements(); !p.is_ok()) return p;
  s->header_.meta = meta;
  out = std::move(s);
  return Status::ok();
}

Status ResultsStore::open(const std::string& path, bool writable,
                          std::unique_ptr<ResultsStore>& out) {
  configure_sqlite_once();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::io_error(path + ": no such results database");
  }
  // SQLite takes an empty file for an empty database; here it is a results
  // database cut short (or never written), not something to write into.
  if (std::filesystem::file_size(path, ec) == 0 && !ec) {
    return damaged(path, "the file is empty");
  }
  std::unique_ptr<ResultsStore> s(new ResultsStore());
  s->path_ = path;
  const int flags = (writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &s->db_, flags, nullptr) != SQLITE_OK) {
    return s->read_error("cannot open the database");
  }
  sqlite3_busy_timeout(s->db_, kBusyMilliseconds);
  // Checked before anything is written, so a damaged database is left as it
  // is. Not while a sweep writes it: the check holds a read lock for as long
  // as it reads the whole file, which could outlast the writer's patience.
  long writer = 0;
  if (writable || !WriterLock::held(path, writer)) {
    if (Status st = s->check_integrity(); !st.is_ok()) return st;
  }
  if (writable) {
    if (Status st = s->exec("PRAGMA journal_mode=TRUNCATE; PRAGMA synchronous=NORMAL; "
                            "PRAGMA cache_size=-32768;");
        !st.is_ok()) {
      return st;
    }
  }
  if (Status st = s->load_header(); !st.is_ok()) return st;
  if (Status st = s->prepare_statements(); !st.is_ok()) return st;
  out = std::move(s);
  return Status::ok();
}

Status ResultsStore::load_header() {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT key, value FROM meta", -1, &st, nullptr) != SQLITE_OK) {
    if (is_damage(sqlite3_errcode(db_))) return read_error("cannot read the header");
    return Status::io_error(path_ + ": an SQLite database, but not a sandtable results database");
  }
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    header_.meta.emplace_back(key ? key : "", value ? value : "");
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return read_error("cannot read the header");
  if (header_.get("format") != kFormat) {
    return Status::io_error(path_ +
                            ": an SQLite database, but not a sandtable results database (format '" +
                            header_.get("format") + "')");
  }
  sqlite3_prepare_v2(db_, "SELECT path, kind, choices FROM parameters ORDER BY position", -1, &st,
                     nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    StoredParameter p;
    p.path = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    p.kind = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    const auto* c = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    std::string choices = c ? c : "";
    for (std::size_t start = 0; !choices.empty() && start <= choices.size();) {
      const std::size_t comma = std::min(choices.find(',', start), choices.size());
      p.choices.push_back(choices.substr(start, comma - start));
      start = comma + 1;
    }
    header_.parameters.push_back(std::move(p));
  }
  sqlite3_finalize(st);
  header_.packed = header_.get("layout") == "packed";
  sqlite3_prepare_v2(db_, "SELECT name FROM outcomes ORDER BY position", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    header_.outcomes.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  return Status::ok();
}

Status ResultsStore::prepare_statements() {
  std::string columns = "idx, status, error, scenario_hash";
  std::string marks = "?, ?, ?, ?";
  for (const StoredParameter& p : header_.parameters) {
    columns += ", " + quote(p.path);
    marks += ", ?";
  }
  for (const StoredParameter& p : header_.parameters) {
    if (p.kind != "choice") continue;
    columns += ", " + quote(choice_column(p));
    marks += ", ?";
  }
  if (header_.packed) {
    columns += ", outcomes";
    marks += ", ?";
  } else {
    for (const std::string& o : header_.outcomes) {
      columns += ", " + quote(o);
      marks += ", ?";
    }
  }
  is_choice_.clear();
  for (const StoredParameter& p : header_.parameters)
    is_choice_.push_back(p.kind == "choice" ? 1 : 0);
  const std::string insert = "INSERT OR REPLACE INTO runs(" + columns + ") VALUES(" + marks + ")";
  const std::string select = "SELECT " + columns + " FROM runs WHERE idx >= ? ORDER BY idx LIMIT ?";
  const auto prep = [&](const std::string& sql, sqlite3_stmt** st) {
    return sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, st, nullptr) ==
           SQLITE_OK;
  };
  if (!prep(select, &select_) ||
      !prep("SELECT count(*) FROM runs WHERE idx >= ? AND idx < ?", &count_)) {
    return read_error("cannot read the runs table");
  }
  // A read-only connection cannot prepare the insert; that is fine.
  if (!prep(insert, &insert_)) insert_ = nullptr;
  return Status::ok();
}

Status ResultsStore::set_meta(const std::string& key, const std::string& value) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO meta VALUES(?, ?)", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, value.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? Status::ok() : error("cannot write meta");
}

Status ResultsStore::begin() { return exec("BEGIN"); }
Status ResultsStore::commit() { return exec("COMMIT"); }

Status ResultsStore::write(const Batch& b) {
  if (insert_ == nullptr) return error("the database is read-only");
  const std::size_t k = header_.parameters.size();
  const std::size_t m = header_.outcomes.size();
  for (std::size_t r = 0; r < b.count; ++r) {
    int col = 1;
    const std::uint64_t idx = b.first + r;
    sqlite3_bind_int64(insert_, col++, static_cast<sqlite3_int64>(idx));
    sqlite3_bind_text(insert_, col++, b.ok[r] ? "ok" : "failed", -1, SQLITE_STATIC);
    if (b.errors[r].empty()) {
      sqlite3_bind_null(insert_, col++);
    } else {
      sqlite3_bind_text(insert_, col++, b.errors[r].c_str(), -1, SQLITE_STATIC);
    }
    if (!b.hashes.empty() && b.hashed[r]) {
      sqlite3_bind_text(insert_, col++, &b.hashes[r * 64], 64, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(insert_, col++);
    }
    const double* p = &b.params[r * k];
    for (std::size_t i = 0; i < k; ++i) bind_number(insert_, col++, p[i]);
    for (std::size_t i = 0; i < k; ++i) {
      if (!is_choice_[i]) continue;
      const StoredParameter& sp = header_.parameters[i];
      const auto c = static_cast<std::size_t>(p[i]);
      sqlite3_bind_text(insert_, col++, c < sp.choices.size() ? sp.choices[c].c_str() : "", -1,
                        SQLITE_STATIC);
    }
    const double* o = &b.outcomes[r * m];
    if (header_.packed) {
      sqlite3_bind_blob(insert_, col++, little_endian(o, m), static_cast<int>(m * sizeof(double)),
                        SQLITE_STATIC);
    } else {
      for (std::size_t j = 0; j < m; ++j) bind_number(insert_, col++, o[j]);
    }
    const int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (rc != SQLITE_DONE) return error("cannot store run " + std::to_string(b.first + r));
  }
  return Status::ok();
}

Status ResultsStore::count(std::uint64_t first, std::uint64_t last, std::uint64_t& n) {
  sqlite3_bind_int64(count_, 1, static_cast<sqlite3_int64>(first));
  sqlite3_bind_int64(count_, 2, static_cast<sqlite3_int64>(last));
  const int rc = sqlite3_step(count_);
  n = rc == SQLITE_ROW ? static_cast<std::uint64_t>(sqlite3_column_int64(count_, 0)) : 0;
  sqlite3_reset(count_);
  return rc == SQLITE_ROW ? Status::ok() : read_error("cannot count the stored runs");
}

Status ResultsStore::totals(std::uint64_t& rows, std::uint64_t& failed) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT count(*), coalesce(sum(status != 'ok'), 0) FROM runs", -1, &st,
                     nullptr);
  const int rc = sqlite3_step(st);
  rows = static_cast<std::uint64_t>(sqlite3_column_int64(st, 0));
  failed = static_cast<std::uint64_t>(sqlite3_column_int64(st, 1));
  Status failure = rc == SQLITE_ROW ? Status::ok() : read_error("cannot count the stored runs");
  sqlite3_finalize(st);
  return failure;
}

Status ResultsStore::read(std::uint64_t& next, std::size_t max_rows, Batch& out,
                          std::vector<std::uint64_t>& index) {
  const std::size_t k = header_.parameters.size();
  const std::size_t m = header_.outcomes.size();
  std::size_t choices = 0;
  for (const StoredParameter& p : header_.parameters) choices += p.kind == "choice" ? 1 : 0;
  index.clear();
  out.params.clear();
  out.outcomes.clear();
  out.ok.clear();
  out.errors.clear();
  out.hashes.clear();
  out.hashed.clear();
  sqlite3_bind_int64(select_, 1, static_cast<sqlite3_int64>(next));
  sqlite3_bind_int64(select_, 2, static_cast<sqlite3_int64>(max_rows));
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(select_)) == SQLITE_ROW) {
    index.push_back(static_cast<std::uint64_t>(sqlite3_column_int64(select_, 0)));
    const auto* status = reinterpret_cast<const char*>(sqlite3_column_text(select_, 1));
    out.ok.push_back(status != nullptr && std::string_view(status) == "ok" ? 1 : 0);
    const auto* err = reinterpret_cast<const char*>(sqlite3_column_text(select_, 2));
    out.errors.emplace_back(err ? err : "");
    const auto* hash = reinterpret_cast<const char*>(sqlite3_column_text(select_, 3));
    out.hashed.push_back(hash != nullptr && sqlite3_column_bytes(select_, 3) == 64 ? 1 : 0);
    for (int i = 0; i < 64; ++i) out.hashes.push_back(out.hashed.back() ? hash[i] : ' ');
    int col = 4;
    for (std::size_t i = 0; i < k; ++i) out.params.push_back(sqlite3_column_double(select_, col++));
    col += static_cast<int>(choices);
    if (header_.packed) {
      read_packed(select_, col, m, out.outcomes);
      continue;
    }
    for (std::size_t j = 0; j < m; ++j, ++col) {
      out.outcomes.push_back(sqlite3_column_type(select_, col) == SQLITE_NULL
                                 ? std::numeric_limits<double>::quiet_NaN()
                                 : sqlite3_column_double(select_, col));
    }
  }
  sqlite3_reset(select_);
  if (rc != SQLITE_DONE) return read_error("cannot read the runs");
  out.count = index.size();
  out.first = index.empty() ? next : index.front();
  if (!index.empty()) next = index.back() + 1;
  return Status::ok();
}

}  // namespace sandtable::study
