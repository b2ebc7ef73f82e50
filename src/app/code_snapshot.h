#pragma once
// What undoing a merge or a deletion of codes needs: the codes as they were (GUID, parent, place
// among siblings, details), the codings on them and the memos about them. Restore puts all of it
// back by GUID, whatever ids the rows get.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/memo_store.h"

namespace tessera {
class Project;
}

namespace tessera::app {

/// A saved part of the codebook.
struct CodeSnapshot {
  struct SavedCode {
    Code code;
    std::optional<std::string> parent_guid;
    std::int64_t rank = 0;  ///< place among its siblings
  };
  struct SavedCoding {
    Coding coding;
    std::string code_guid;
  };
  struct SavedMemo {
    Memo memo;
    std::string code_guid;
  };
  std::vector<SavedCode> codes;  ///< parents before children
  std::vector<SavedCoding> codings;
  std::vector<SavedMemo> memos;
};

/// Saves `codes` (each with its codings and memos; the caller lists every code that will change).
CodeSnapshot TakeCodeSnapshot(Project& project, const std::vector<std::int64_t>& codes);

/// Puts the saved state back: re-creates missing codes, moves existing ones back to their parent
/// and place, gives codings back their code (re-creating removed ones) and memos their target.
void RestoreCodeSnapshot(Project& project, const CodeSnapshot& snapshot);

}  // namespace tessera::app
