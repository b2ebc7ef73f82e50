#pragma once
// Backups of a project: consistent copies through SQLite's online backup API, taken while the
// project is in use, kept in `<project>.backups/` under UTC timestamps (the newest ten by default),
// and a restore that checks a backup before it replaces anything.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// How many backups rotation keeps by default.
inline constexpr std::size_t kDefaultBackupsKept = 10;

/// The folder of a project's rotating backups: `<project>.backups`.
std::string BackupFolder(const std::string& project_path);

/// The rotating backups of a project, oldest first (only files named as BackupProject names them).
std::vector<std::string> ListBackups(const std::string& project_path);

/// What a backup did.
struct BackupReport {
  std::string path;                  ///< the backup written
  std::uint64_t bytes = 0;           ///< its size
  std::string sha256;                ///< its SHA-256 (also in the audit log)
  std::vector<std::string> removed;  ///< older backups rotated away
};

/// Choices for BackupProject.
struct BackupOptions {
  std::string out_path;                   ///< empty: `<project>.backups/<UTC timestamp>.tessera`, rotated
  std::size_t keep = kDefaultBackupsKept;  ///< rotation keeps this many (at least 1)
  bool automatic = false;                 ///< recorded in the audit log
};

/// Copies the open project to a backup file (never replacing one: @throws DataError when
/// `out_path` exists), records "project/backup" with its SHA-256 in the project's audit log, and
/// rotates the default folder. Call outside a transaction. @throws EnvironmentError for I/O.
BackupReport BackupProject(Project& project, const BackupOptions& options = {});

/// When automatic backups are made.
struct AutoBackupPolicy {
  std::chrono::seconds interval{3600};     ///< at most one per interval
  std::size_t keep = kDefaultBackupsKept;  ///< rotation keeps this many
};

/// Makes a rotating backup when the last automatic one (its time is in the meta table, key
/// `last_auto_backup_at`) is older than the interval; call after a write command, outside its
/// transaction. Does nothing for read-only or in-memory projects, or when $TESSERA_AUTO_BACKUP is
/// "0" or "off". Returns the backup made, if any. @throws EnvironmentError when the backup fails
/// (the command before it has committed: report it as a warning, the user's work is safe).
std::optional<BackupReport> MaybeAutoBackup(Project& project, const AutoBackupPolicy& policy = {});

/// What a restore did.
struct RestoreReport {
  std::string project_path;
  std::string previous_path;  ///< where the replaced project was kept; empty when there was none
};

/// Replaces the project at `project_path` with the backup at `backup_path`. The backup is copied
/// beside the project and verified with the integrity check first; a damaged backup is refused and
/// nothing changes. The replaced project is kept as `<project>.before-restore` (or
/// `.before-restore-2`, … when that is taken), its search index is removed (it is rebuilt), and the
/// restored project records "project/restore" in its audit log. The project may be missing.
/// `actor` is who restores, for the audit log (empty: DefaultUserName()). The calling process must
/// have closed its own connections to the project: they count as "in use" too.
/// @throws DataError for a damaged or foreign backup, EnvironmentError when another program has
/// the project open or for I/O.
RestoreReport RestoreProject(const std::string& backup_path, const std::string& project_path,
                             const std::string& actor = {});

}  // namespace tessera
