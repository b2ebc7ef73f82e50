#pragma once
// The file-system steps that backups, restores and sealed files share: temporary files beside a
// target (same folder, so the final rename is atomic), fsync of files and folders, a rename that
// never replaces an existing file, and asking whether another program has a project open.

#include <cstdint>
#include <string>
#include <utility>

namespace tessera {

/// A path beside `target` for a temporary file: `.<name>.<tag>-<random>` in the same folder.
std::string TemporaryPathBeside(const std::string& target, const std::string& tag);

/// Creates `path` empty with mode 0600, failing when it exists. @throws EnvironmentError.
void CreateExclusive(const std::string& path);

/// Flushes a file's content to disk. @throws EnvironmentError.
void SyncFile(const std::string& path);

/// Flushes the folder holding `path`, so that a rename into it survives a power cut (best effort).
void SyncParentFolder(const std::string& path);

/// Renames `from` to `to` atomically, refusing when `to` exists (renameat2 RENAME_NOREPLACE, or
/// link + unlink where the file system lacks it). @throws DataError when `to` exists,
/// EnvironmentError for other failures.
void RenameNoReplace(const std::string& from, const std::string& to);

/// Removes a file, ignoring errors (cleanup on a path that already failed).
void RemoveQuietly(const std::string& path);

/// Removes a project's WAL and shared-memory sidecars (`-wal`, `-shm`), ignoring errors.
void RemoveSidecarsQuietly(const std::string& project_path);

/// Removes a temporary file and its SQLite sidecars when it goes out of scope, unless Release()
/// says the work succeeded (the file was renamed into place).
class TemporaryFileGuard {
 public:
  explicit TemporaryFileGuard(std::string path) : m_path(std::move(path)) {}
  ~TemporaryFileGuard() {
    if (!m_path.empty()) {
      RemoveQuietly(m_path);
      RemoveSidecarsQuietly(m_path);
    }
  }
  TemporaryFileGuard(const TemporaryFileGuard&) = delete;
  TemporaryFileGuard& operator=(const TemporaryFileGuard&) = delete;
  /// Keeps the file.
  void Release() { m_path.clear(); }

 private:
  std::string m_path;
};

/// The last component of `path` ("study.tessera"), for messages and audit entries that must not
/// carry the folders.
std::string FileNameOf(const std::string& path);

/// The id of a process that has the project at `path` open through SQLite (it holds the lock on
/// `<path>-shm` that every WAL connection takes; read from /proc/locks, so the file is not
/// touched), -1 when the holder's id is not known, or 0 when none is seen. The calling process's
/// own connections count too. Only sees projects in WAL mode, as every opened Tessera project is.
std::int64_t ProcessUsingProject(const std::string& path);

/// Removes plaintext temporaries that a killed seal, restore or backup left beside the project
/// (`.<name>.seal-…`, `.<name>.restore-…`) and in its backup folder (`.…tmp-…`), once they have
/// not been written to for `min_age_seconds` (a live one is written to continuously). Returns how
/// many were removed; errors are ignored.
std::size_t RemoveAbandonedTemporaries(const std::string& project_path, long min_age_seconds = 15 * 60);

/// Lower-case hex SHA-256 of a file's content, read in blocks. @throws EnvironmentError.
std::string Sha256OfFile(const std::string& path);

/// The size of a file in bytes. @throws EnvironmentError.
std::uint64_t FileSize(const std::string& path);

}  // namespace tessera
