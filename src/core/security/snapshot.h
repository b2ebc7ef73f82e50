#pragma once
// A consistent copy of a live project through SQLite's online backup API: readers and writers of
// other programs go on meanwhile, and the copy is the project as of one moment.

#include <string>

namespace tessera {

class Database;

/// How the copy is written.
struct SnapshotOptions {
  /// Rebuild the copy without free pages (VACUUM, in memory), so that text deleted from the
  /// project does not travel with it. For copies that leave the machine.
  bool compact = false;
};

/// Copies the database of `source` into the new file `dest_path` (created with mode 0600; it must
/// not exist), in rollback-journal mode so that the copy is one self-contained file, flushed to
/// disk. The copy is removed when anything fails.
/// @throws ProgrammingError when `source` is inside a transaction (the copy would hold uncommitted
/// changes), DataError when the source is damaged, EnvironmentError for I/O, disk full or a lock
/// that outlasts the busy timeout.
void SnapshotDatabase(Database& source, const std::string& dest_path, const SnapshotOptions& options = {});

}  // namespace tessera
