#include "security/snapshot.h"

#include <sqlite3.h>

#include <memory>

#include "error.h"
#include "project/database.h"
#include "security/file_safety.h"

namespace tessera {
namespace {

// sqlite3_backup_finish on scope exit; the handle belongs to the destination connection.
struct BackupFinisher {
  void operator()(sqlite3_backup* backup) const { sqlite3_backup_finish(backup); }
};

}  // namespace

void SnapshotDatabase(Database& source, const std::string& dest_path, const SnapshotOptions& options) {
  if (source.InTransaction()) throw ProgrammingError("a snapshot was asked for inside a transaction");
  CreateExclusive(dest_path);
  try {
    {
      Database dest(dest_path, Database::Mode::ReadWrite);
      {
        std::unique_ptr<sqlite3_backup, BackupFinisher> backup(
            sqlite3_backup_init(dest.Handle(), "main", source.Handle(), "main"));
        if (!backup) dest.Fail(sqlite3_errcode(dest.Handle()), "cannot start the copy");
        // One step of -1 pages copies everything under one read transaction of the source: the copy
        // is the project as of one moment. A writer of another program only delays the start.
        int rc = SQLITE_OK;
        for (int attempt = 0; attempt < 200; ++attempt) {
          rc = sqlite3_backup_step(backup.get(), -1);
          if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
          sqlite3_sleep(50);
        }
        if (rc != SQLITE_DONE) {
          const int finish = sqlite3_backup_finish(backup.release());
          if ((rc & 0xFF) == SQLITE_CORRUPT || (rc & 0xFF) == SQLITE_NOTADB) source.Fail(rc, "cannot copy the project");
          dest.Fail(finish != SQLITE_OK ? finish : rc, "cannot copy the project");
        }
        if (const int finish = sqlite3_backup_finish(backup.release()); finish != SQLITE_OK) {
          dest.Fail(finish, "cannot finish the copy");
        }
      }
      // The pages came from a WAL database and say so; the copy is made one plain file.
      {
        auto mode = dest.Prepare("PRAGMA journal_mode=DELETE");
        mode.Step();
      }
      if (options.compact) {
        // VACUUM builds the new file in a temporary database; kept in memory, so that no plaintext
        // lands in the system's temporary folder.
        dest.Execute("PRAGMA temp_store=MEMORY");
        dest.Execute("VACUUM");
      }
    }
    RemoveSidecarsQuietly(dest_path);
    SyncFile(dest_path);
  } catch (...) {
    RemoveQuietly(dest_path);
    RemoveSidecarsQuietly(dest_path);
    throw;
  }
}

}  // namespace tessera
