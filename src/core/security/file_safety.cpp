#include "security/file_safety.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "error.h"
#include "project/identity.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

std::string ErrnoText() { return std::strerror(errno); }

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int Get() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

std::string TemporaryPathBeside(const std::string& target, const std::string& tag) {
  const fs::path path(target);
  return (path.parent_path() / ("." + path.filename().string() + "." + tag + "-" + NewGuid().substr(0, 8))).string();
}

void CreateExclusive(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw EnvironmentError("cannot create the file: " + ErrnoText(), path);
  ::close(fd);
}

void SyncFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.Get() < 0) throw EnvironmentError("cannot open the file to flush it: " + ErrnoText(), path);
  if (::fsync(fd.Get()) != 0) throw EnvironmentError("cannot flush the file to disk: " + ErrnoText(), path);
}

void SyncParentFolder(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.Get() >= 0) ::fsync(fd.Get());
}

void RenameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
  if (errno == EEXIST) throw DataError("a file of that name already exists; it was left as it was", to);
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    throw EnvironmentError("cannot rename " + from + " into place: " + ErrnoText(), to);
  }
  // The file system has no RENAME_NOREPLACE: a hard link refuses an existing name just as well.
  if (::link(from.c_str(), to.c_str()) == 0) {
    ::unlink(from.c_str());
    return;
  }
  if (errno == EEXIST) throw DataError("a file of that name already exists; it was left as it was", to);
  if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != ENOSYS) {
    throw EnvironmentError("cannot rename " + from + " into place: " + ErrnoText(), to);
  }
  // Neither (FAT, exFAT): check, then rename. Only a program racing us for the name could slip in.
  std::error_code ec;
  if (fs::exists(to, ec)) throw DataError("a file of that name already exists; it was left as it was", to);
  fs::rename(from, to, ec);
  if (ec) throw EnvironmentError("cannot rename " + from + " into place: " + ec.message(), to);
}

std::string FileNameOf(const std::string& path) { return std::filesystem::path(path).filename().string(); }

void RemoveQuietly(const std::string& path) {
  std::error_code ignored;
  fs::remove(path, ignored);
}

void RemoveSidecarsQuietly(const std::string& project_path) {
  RemoveQuietly(project_path + "-wal");
  RemoveQuietly(project_path + "-shm");
  RemoveQuietly(project_path + "-journal");
}

std::int64_t ProcessUsingProject(const std::string& path) {
  // Every SQLite connection in WAL mode holds a shared lock on byte 128 of the -shm file (the
  // "dead man switch", UNIX_SHM_DMS in os_unix.c) for as long as it is open. The kernel's lock
  // table shows it without our opening the file: closing a descriptor of a file drops every POSIX
  // lock this process holds on it, which would break a connection of our own.
  struct stat shm {};
  if (::stat((path + "-shm").c_str(), &shm) != 0) return 0;
  std::ifstream locks("/proc/locks");
  if (!locks) return 0;
  const std::string inode = std::to_string(shm.st_ino);
  const std::string device = fmt::format("{:02x}:{:02x}:{}", major(shm.st_dev), minor(shm.st_dev), inode);
  constexpr std::uint64_t kDeadManByte = 128;
  std::string line;
  while (std::getline(locks, line)) {
    // "1: POSIX  ADVISORY  READ  1234 fd:01:5678 128 128"; waiting requests are marked "->".
    std::istringstream fields(line);
    std::string number, kind, advisory, mode, pid, dev, start, end;
    fields >> number >> kind;
    if (kind == "->") continue;
    fields >> advisory >> mode >> pid >> dev >> start >> end;
    // Some file systems (btrfs subvolumes, overlayfs) show another device number here than
    // stat() does; an exact lock on the dead-man byte of an inode of that number is SQLite's.
    const bool same_inode = dev.size() > inode.size() && dev.compare(dev.size() - inode.size(), inode.size(), inode) == 0 &&
                            dev[dev.size() - inode.size() - 1] == ':';
    if (dev != device && !(same_inode && start == "128" && end == "128")) continue;
    try {
      const std::uint64_t from = std::stoull(start);
      const bool to_end = end == "EOF";
      if (from <= kDeadManByte && (to_end || std::stoull(end) >= kDeadManByte)) {
        const std::int64_t holder = std::stoll(pid);
        return holder > 0 ? holder : -1;
      }
    } catch (const std::exception&) {
    }
  }
  return 0;
}

std::size_t RemoveAbandonedTemporaries(const std::string& project_path, long min_age_seconds) {
  const fs::path project(project_path);
  const std::string name = project.filename().string();
  const auto now = fs::file_time_type::clock::now();
  std::size_t removed = 0;
  auto sweep = [&](const fs::path& folder, auto&& matches) {
    std::error_code ec;
    for (fs::directory_iterator it(folder.empty() ? fs::path(".") : folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string file = it->path().filename().string();
      if (!matches(file) || !it->is_regular_file(ec)) continue;
      const auto written = fs::last_write_time(it->path(), ec);
      if (ec || now - written < std::chrono::seconds(min_age_seconds)) continue;
      if (fs::remove(it->path(), ec)) ++removed;
    }
  };
  auto random_suffix = [](const std::string& file, std::size_t at) {
    return file.size() == at + 8 && file.find_first_not_of("0123456789abcdef", at) == std::string::npos;
  };
  sweep(project.parent_path(), [&](const std::string& file) {
    for (const char* tag : {".seal-", ".restore-"}) {
      const std::string prefix = "." + name + tag;
      if (file.rfind(prefix, 0) == 0 && random_suffix(file, prefix.size())) return true;
    }
    return false;
  });
  sweep(fs::path(project_path + ".backups"), [&](const std::string& file) {
    const auto at = file.rfind(".tmp-");
    return file.rfind('.', 0) == 0 && at != std::string::npos && random_suffix(file, at + 5);
  });
  return removed;
}

std::string Sha256OfFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.Get() < 0) throw EnvironmentError("cannot read the file: " + ErrnoText(), path);
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::vector<unsigned char> buffer(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd.Get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw EnvironmentError("cannot read the file: " + ErrnoText(), path);
    }
    if (n == 0) break;
    crypto_hash_sha256_update(&state, buffer.data(), static_cast<unsigned long long>(n));
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : digest) {
    hex += digits[b >> 4];
    hex += digits[b & 0xF];
  }
  return hex;
}

std::uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw EnvironmentError("cannot read the file's size: " + ec.message(), path);
  return size;
}

}  // namespace tessera
