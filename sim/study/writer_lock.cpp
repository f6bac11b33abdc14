#include "study/writer_lock.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sandtable::study {

namespace {

// Open-file-description locks conflict between two descriptions of the same
// process too, and are not dropped when the process closes another
// descriptor of the file. Where they are missing, classic process locks do
// the same across processes.
#ifdef F_OFD_SETLK
constexpr int kSetLock = F_OFD_SETLK;
constexpr int kGetLock = F_OFD_GETLK;
#else
constexpr int kSetLock = F_SETLK;
constexpr int kGetLock = F_GETLK;
#endif

constexpr int kAttempts = 8;

struct flock whole_file(short type) {
  struct flock l {};
  l.l_type = type;
  l.l_whence = SEEK_SET;
  l.l_start = 0;
  l.l_len = 0;  // to the end, however long
  l.l_pid = 0;  // required by OFD locks
  return l;
}

// The pid written in the lock file by its holder; 0 when there is none yet.
long read_pid(int fd) {
  char text[32] = {};
  const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
  if (n <= 0) return 0;
  long pid = 0;
  for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i)
    pid = pid * 10 + (text[i] - '0');
  return pid;
}

// The pid of the holder of a lock that `fd` could not take.
long holder_pid(int fd) {
  long pid = read_pid(fd);
  struct flock l = whole_file(F_WRLCK);
  if (pid == 0 && ::fcntl(fd, kGetLock, &l) == 0 && l.l_type != F_UNLCK && l.l_pid > 0) {
    pid = l.l_pid;  // classic locks name their holder
  }
  return pid;
}

std::string busy(const std::string& db_path, long pid) {
  return db_path + " is being written by another sweep" +
         (pid > 0 ? " (pid " + std::to_string(pid) + ")" : std::string()) +
         "; nothing was changed: wait for it to finish, or stop it first";
}

bool same_file(int fd, const std::string& path) {
  struct stat open_file {};
  struct stat named {};
  return ::fstat(fd, &open_file) == 0 && ::stat(path.c_str(), &named) == 0 &&
         open_file.st_dev == named.st_dev && open_file.st_ino == named.st_ino;
}

}  // namespace

Status WriterLock::acquire(const std::string& db_path, std::unique_ptr<WriterLock>& out) {
  const std::string path = lock_path(db_path);
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      return Status::io_error(path +
                              ": cannot create the sweep's lock file: " + std::strerror(errno));
    }
    struct flock l = whole_file(F_WRLCK);
    if (::fcntl(fd, kSetLock, &l) != 0) {
      const int e = errno;
      const long pid = e == EACCES || e == EAGAIN ? holder_pid(fd) : 0;
      ::close(fd);
      if (e == EACCES || e == EAGAIN) return Status::io_error(busy(db_path, pid));
      return Status::io_error(path + ": cannot lock: " + std::strerror(e));
    }
    // The previous holder removes the file as it lets go: if it did so after
    // we opened it, we hold a lock on a file no one else will open. Again.
    if (!same_file(fd, path)) {
      ::close(fd);
      continue;
    }
    const std::string pid = std::to_string(static_cast<long>(::getpid())) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
      const int e = errno;
      ::unlink(path.c_str());
      ::close(fd);
      return Status::io_error(path + ": cannot write the sweep's lock file: " + std::strerror(e));
    }
    out.reset(new WriterLock(fd, path));
    return Status::ok();
  }
  return Status::io_error(path + ": cannot lock: the lock file keeps being replaced");
}

bool WriterLock::held(const std::string& db_path, long& pid) {
  pid = 0;
  const int fd = ::open(lock_path(db_path).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock l = whole_file(F_WRLCK);
  const bool locked = ::fcntl(fd, kGetLock, &l) == 0 && l.l_type != F_UNLCK;
  if (locked) pid = read_pid(fd) > 0 ? read_pid(fd) : (l.l_pid > 0 ? l.l_pid : 0);
  ::close(fd);
  return locked;
}

WriterLock::~WriterLock() {
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace sandtable::study
