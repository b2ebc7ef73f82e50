#pragma once
// Undoable memo actions: the memo on a document or a code, a document's content note, and set
// membership of documents.

#include <cstdint>
#include <optional>
#include <string>

#include "project_command.h"

namespace tessera::app {

/// "memo/edit": writes the memo on a document or a code (the first memo on it; an empty text
/// removes it).
class SetMemoCommand : public ProjectCommand {
 public:
  /// `target_kind` is "document" or "code".
  SetMemoCommand(Workspace& workspace, std::string target_kind, std::int64_t target_id,
                 std::string text);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Memos; }

 private:
  void Write(Project& project, const std::optional<std::string>& text);
  std::string m_kind;
  std::int64_t m_target;
  std::string m_new;
  bool m_saved = false;
  std::optional<std::string> m_old;  // nullopt: there was no memo
  std::string m_guid;
  std::string m_author;
};

/// The current memo text on a target (first memo), or empty.
std::string MemoText(Project& project, const std::string& target_kind, std::int64_t target_id);

/// "document/content-note": sets the note shown before a document opens.
class SetContentNoteCommand : public ProjectCommand {
 public:
  SetContentNoteCommand(Workspace& workspace, std::int64_t document, std::string note);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Documents; }

 private:
  std::int64_t m_document;
  std::string m_new, m_old;
  bool m_saved = false;
};

/// "document/add-to-set": puts documents in a named set (made when new).
class AddToSetCommand : public ProjectCommand {
 public:
  AddToSetCommand(Workspace& workspace, std::vector<std::int64_t> documents, std::string set_name);

 protected:
  std::optional<nlohmann::json> Apply(Project& project) override;
  nlohmann::json Revert(Project& project) override;
  Changes Affects() const override { return Change::Documents; }

 private:
  std::vector<std::int64_t> m_documents, m_added;
  std::string m_set;
  bool m_first = true;
};

}  // namespace tessera::app
