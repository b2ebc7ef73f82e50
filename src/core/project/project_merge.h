#pragma once
// Bringing coders' copies back: codings, memos and new codes of a copy of the project are added
// to it. Documents are matched by GUID and checked by SHA-256; codes by GUID (then by path);
// coders keep their names. Conflicts are reported, never silently resolved, and merging the same
// copy twice adds nothing (codings and memos carry GUIDs).

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// What one merge brought in and what it could not.
struct MergeReport {
  std::string copy;
  std::int64_t codings_added = 0, codings_present = 0, memos_added = 0, codes_added = 0, users_added = 0;
  std::vector<std::string> conflicts;  ///< each one line, for the user to settle
};

/// Merges `copy_path` into `project` in one transaction (the copy is only read).
/// @throws DataError when the copy is not a Tessera project or belongs to another study.
MergeReport MergeCopy(Project& project, const std::string& copy_path);

}  // namespace tessera
