#pragma once
// Undoable coding actions: apply a code, remove codings, change a coding's code, set its memo.
// Commands refer to codings and codes by GUID, because ids change when an undone removal is redone.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "project/coding_store.h"
#include "project_command.h"

namespace tessera::app {

/// A half-open range of code points.
struct CodePointSpan {
  std::size_t start = 0, end = 0;
};

/// A range of one document.
struct CodingTarget {
  std::int64_t document = 0;
  CodePointSpan span;
};

/// "coding/apply-code": applies one code to one or more ranges (auto-coding applies many at once,
/// undone together) by the acting coder.
class ApplyCodeCommand : public ProjectCommand {
 public:
  ApplyCodeCommand(Workspace& workspace, std::vector<CodingTarget> targets, std::int64_t code,
                   std::string action_id = "coding/apply-code");
  /// Ids of the codings this command created (after Do or redo).
  const std::vector<std::int64_t>& CreatedIds() const { return m_created_ids; }

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codings; }

 private:
  std::vector<CodingTarget> m_targets;
  std::string m_code_guid;
  std::string m_coder;
  struct Made {
    std::size_t target;  // index into m_targets
    std::string guid, at;
  };
  std::vector<std::string> CreatedGuids() const;
  std::vector<Made> m_created;  // codings made by this command (spans already coded make none)
  std::vector<std::int64_t> m_created_ids;
  bool m_first = true;
};

/// "coding/remove": removes codings (undo puts them back with their GUID, coder, time and memo).
class RemoveCodingsCommand : public ProjectCommand {
 public:
  RemoveCodingsCommand(Workspace& workspace, const std::vector<std::int64_t>& coding_ids);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codings; }

 private:
  struct Saved {
    Coding coding;
    std::string code_guid;
  };
  std::vector<std::int64_t> m_ids;
  std::vector<Saved> m_saved;
  bool m_first = true;
};

/// "coding/change-code": gives a coding another code.
class ChangeCodingCodeCommand : public ProjectCommand {
 public:
  ChangeCodingCodeCommand(Workspace& workspace, std::int64_t coding_id, std::int64_t new_code);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codings; }

 private:
  std::int64_t m_coding_id;
  std::string m_coding_guid, m_old_code_guid, m_new_code_guid;
};

/// "coding/memo": sets the memo of a coding.
class SetCodingMemoCommand : public ProjectCommand {
 public:
  SetCodingMemoCommand(Workspace& workspace, std::int64_t coding_id, std::string memo);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codings | Change::Memos; }

 private:
  std::int64_t m_coding_id;
  std::string m_coding_guid, m_old_memo, m_new_memo;
};

}  // namespace tessera::app
