#include "memo_commands.h"

#include <wx/intl.h>

#include <algorithm>

#include "project/document_store.h"
#include "project/identity.h"
#include "project/memo_store.h"
#include "project/project.h"
#include "workspace.h"

namespace tessera::app {
namespace {

std::optional<Memo> FirstMemo(Project& project, const std::string& kind, std::int64_t target) {
  auto memos = MemoStore(project.Db()).List(kind, target);
  if (memos.empty()) return std::nullopt;
  return memos.front();
}

}  // namespace

std::string MemoText(Project& project, const std::string& target_kind, std::int64_t target_id) {
  auto memo = FirstMemo(project, target_kind, target_id);
  return memo ? memo->text : std::string();
}

SetMemoCommand::SetMemoCommand(Workspace& workspace, std::string target_kind,
                               std::int64_t target_id, std::string text)
    : ProjectCommand(workspace, "memo/edit", _("Edit memo")),
      m_kind(std::move(target_kind)),
      m_target(target_id),
      m_new(std::move(text)),
      m_author(workspace.Coder()) {}

void SetMemoCommand::Write(Project& project, const std::optional<std::string>& text) {
  MemoStore memos(project.Db());
  auto current = FirstMemo(project, m_kind, m_target);
  if (!text || text->empty()) {
    if (current) memos.Remove(current->id);
    return;
  }
  if (current) {
    memos.Update(current->id, current->title, *text);
  } else {
    memos.Add(m_kind, m_target, project.EnsureUser(m_author), {}, *text, m_guid);
  }
}

std::optional<nlohmann::json> SetMemoCommand::Apply(Project& project) {
  if (!m_saved) {
    auto current = FirstMemo(project, m_kind, m_target);
    if (current) {
      m_old = current->text;
      m_guid = current->guid;
    } else {
      m_guid = NewGuid();
    }
    m_saved = true;
    if (m_old.value_or(std::string()) == m_new) return std::nullopt;
  }
  Write(project, m_new);
  return nlohmann::json{{"on", m_kind}, {"target", m_target}};
}

nlohmann::json SetMemoCommand::Revert(Project& project) {
  Write(project, m_old);
  return {{"on", m_kind}, {"target", m_target}};
}

SetContentNoteCommand::SetContentNoteCommand(Workspace& workspace, std::int64_t document,
                                             std::string note)
    : ProjectCommand(workspace, "document/content-note", _("Edit content note")),
      m_document(document),
      m_new(std::move(note)) {}

std::optional<nlohmann::json> SetContentNoteCommand::Apply(Project& project) {
  DocumentStore documents(project.Db());
  if (!m_saved) {
    m_old = documents.Info(m_document).content_note;
    m_saved = true;
    if (m_old == m_new) return std::nullopt;
  }
  documents.SetContentNote(m_document, m_new);
  return nlohmann::json{{"document", m_document}, {"note", !m_new.empty()}};
}

nlohmann::json SetContentNoteCommand::Revert(Project& project) {
  DocumentStore(project.Db()).SetContentNote(m_document, m_old);
  return {{"document", m_document}, {"note", !m_old.empty()}};
}

AddToSetCommand::AddToSetCommand(Workspace& workspace, std::vector<std::int64_t> documents,
                                 std::string set_name)
    : ProjectCommand(workspace, "document/add-to-set", _("Add to set")),
      m_documents(std::move(documents)),
      m_set(std::move(set_name)) {}

std::optional<nlohmann::json> AddToSetCommand::Apply(Project& project) {
  MemoStore store(project.Db());
  const auto set = store.EnsureSet(m_set);
  if (m_first) {
    std::vector<std::int64_t> members;
    for (const auto& s : store.Sets()) {
      if (s.id == set) members = s.documents;
    }
    for (auto d : m_documents) {
      if (std::find(members.begin(), members.end(), d) == members.end()) m_added.push_back(d);
    }
    m_first = false;
    if (m_added.empty()) return std::nullopt;
  }
  for (auto d : m_added) store.AddToSet(set, d);
  return nlohmann::json{{"set", m_set}, {"documents", m_added}};
}

nlohmann::json AddToSetCommand::Revert(Project& project) {
  MemoStore store(project.Db());
  const auto set = store.EnsureSet(m_set);
  for (auto d : m_added) store.RemoveFromSet(set, d);
  return {{"set", m_set}, {"documents", m_added}};
}

}  // namespace tessera::app
