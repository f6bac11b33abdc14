// Internal: the lock a sweep holds on its results database for as long as it
// writes it, so that another sweep (--overwrite, --resume, or a new sweep
// to the same file) can neither delete nor write the database meanwhile.
//
// An exclusive advisory fcntl lock on a sidecar file, `DB.lock`, owned by an
// open file description (Linux OFD locks; classic process locks elsewhere).
// The kernel drops it when its holder exits, however it exits (kill -9, a
// crash), so it is never left stale: a leftover `DB.lock` is harmless. The
// file holds the holder's pid, for messages, and is removed on release.
#pragma once

#include <memory>
#include <string>

#include "sandtable/status.hpp"

namespace sandtable::study {

class WriterLock {
 public:
  ~WriterLock();  // removes the lock file, then releases the lock
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

  // Takes the lock of the database `db_path`. Fails with an I/O status,
  // "DB is being written by another sweep (pid N)", when another process (or
  // another WriterLock of this process) holds it, and when the lock file
  // cannot be created. Never waits.
  [[nodiscard]] static Status acquire(const std::string& db_path, std::unique_ptr<WriterLock>& out);

  // Whether a sweep holds the lock of `db_path` now; `pid` is its process id,
  // or 0 when unknown. Takes no lock, so it never gets in a sweep's way.
  [[nodiscard]] static bool held(const std::string& db_path, long& pid);

  static std::string lock_path(const std::string& db_path) { return db_path + ".lock"; }

 private:
  WriterLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace sandtable::study
