#pragma once
// Undoable codebook actions: add, rename, move, edit details, merge and delete codes. Codes are
// referred to by GUID so that undo and redo survive re-created rows.

#include <cstdint>
#include <optional>
#include <string>

#include "code_snapshot.h"
#include "project/code_tree.h"
#include "project_command.h"

namespace tessera::app {

/// "codebook/add-code": adds a code under a parent (or at the top).
class AddCodeCommand : public ProjectCommand {
 public:
  AddCodeCommand(Workspace& workspace, std::optional<std::int64_t> parent, std::string name,
                 std::string color = {});
  /// The new code's GUID.
  const std::string& Guid() const { return m_guid; }

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook; }

 private:
  std::optional<std::string> m_parent_guid;
  std::string m_name, m_color, m_guid;
};

/// "codebook/rename": renames a code.
class RenameCodeCommand : public ProjectCommand {
 public:
  RenameCodeCommand(Workspace& workspace, std::int64_t code, std::string name);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook | Change::Codings; }

 private:
  std::string m_guid, m_old_name, m_new_name;
};

/// "codebook/move": moves a code under another parent (or to the top), optionally to a place
/// among its new siblings.
class MoveCodeCommand : public ProjectCommand {
 public:
  MoveCodeCommand(Workspace& workspace, std::int64_t code, std::optional<std::int64_t> new_parent,
                  std::optional<std::int64_t> rank = std::nullopt);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook | Change::Codings; }

 private:
  std::string m_guid;
  std::optional<std::string> m_new_parent;
  std::optional<std::int64_t> m_rank;
  bool m_saved = false;
  std::optional<std::string> m_old_parent;
  std::int64_t m_old_rank = 0;
};

/// "codebook/edit": changes a code's name, colour, definition, criteria and flags.
class UpdateCodeCommand : public ProjectCommand {
 public:
  UpdateCodeCommand(Workspace& workspace, const Code& updated);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook | Change::Codings; }

 private:
  Code m_old, m_new;
};

/// "codebook/merge": merges one code into another (codings, children and memos move over).
class MergeCodeCommand : public ProjectCommand {
 public:
  MergeCodeCommand(Workspace& workspace, std::int64_t from, std::int64_t into);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook | Change::Codings | Change::Memos; }

 private:
  std::string m_from, m_into;
  std::optional<CodeSnapshot> m_before;
};

/// "codebook/delete": deletes a code and its descendants, refusing, recoding or dropping codings.
class DeleteCodeCommand : public ProjectCommand {
 public:
  DeleteCodeCommand(Workspace& workspace, std::int64_t code, DeletePolicy policy,
                    std::optional<std::int64_t> recode_to = std::nullopt);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Codebook | Change::Codings | Change::Memos; }

 private:
  std::string m_guid;
  DeletePolicy m_policy;
  std::optional<std::string> m_recode_to;
  std::optional<CodeSnapshot> m_before;
};

}  // namespace tessera::app
