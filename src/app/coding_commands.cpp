#include "coding_commands.h"

#include <wx/intl.h>

#include "error.h"
#include "project/code_tree.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"
#include "project_queries.h"
#include "workspace.h"

namespace tessera::app {
namespace {

// Read from the database, not the workspace's cache: inside a transaction the cache may be stale.
std::int64_t CodeIdOf(Database& db, const std::string& guid) { return CodeTree(db).Resolve(guid); }

std::int64_t CodingIdOf(Database& db, const std::string& guid) {
  if (auto id = CodingIdByGuid(db, guid)) return *id;
  throw NotFoundError("the coding no longer exists");
}

std::string CodeGuidOf(Workspace& workspace, std::int64_t code) {
  if (const Code* c = workspace.FindCode(code)) return c->guid;
  throw NotFoundError("no code with id " + std::to_string(code));
}

}  // namespace

ApplyCodeCommand::ApplyCodeCommand(Workspace& workspace, std::vector<CodingTarget> targets,
                                   std::int64_t code, std::string action_id)
    : ProjectCommand(workspace, std::move(action_id), _("Apply code")),
      m_targets(std::move(targets)),
      m_code_guid(CodeGuidOf(workspace, code)),
      m_coder(workspace.Coder()) {}

std::optional<nlohmann::json> ApplyCodeCommand::Apply(Project& project) {
  CodingStore codings(project.Db());
  const std::int64_t code = CodeIdOf(project.Db(), m_code_guid);
  const std::int64_t coder = project.EnsureUser(m_coder);
  m_created_ids.clear();
  if (m_first) {
    for (std::size_t i = 0; i < m_targets.size(); ++i) {
      const auto& t = m_targets[i];
      const std::string guid = NewGuid();
      const std::string now = UtcNow();
      const auto [id, is_new] =
          codings.Add(t.document, t.span.start, t.span.end, code, coder, {}, guid, now);
      if (!is_new) continue;  // already coded so by this coder: nothing to undo later
      m_created.push_back({i, guid, now});
      m_created_ids.push_back(id);
    }
    if (m_created.empty()) return std::nullopt;
    m_first = false;
  } else {
    // Redo: the same codings again, with their GUIDs and times, so that references stay valid.
    for (const auto& made : m_created) {
      const auto& t = m_targets[made.target];
      m_created_ids.push_back(
          codings.Add(t.document, t.span.start, t.span.end, code, coder, {}, made.guid, made.at)
              .first);
    }
  }
  nlohmann::json spans = nlohmann::json::array();
  for (const auto& made : m_created) {
    const auto& t = m_targets[made.target];
    spans.push_back({{"document", t.document},
                     {"start", t.span.start},
                     {"end", t.span.end},
                     {"coding", made.guid}});
  }
  return nlohmann::json{{"code", m_code_guid}, {"coder", m_coder}, {"codings", spans}};
}

nlohmann::json ApplyCodeCommand::Revert(Project& project) {
  CodingStore codings(project.Db());
  for (const auto& made : m_created) {
    if (auto id = CodingIdByGuid(project.Db(), made.guid)) codings.Remove(*id);
  }
  return {{"code", m_code_guid}, {"codings", CreatedGuids()}};
}

std::vector<std::string> ApplyCodeCommand::CreatedGuids() const {
  std::vector<std::string> guids;
  for (const auto& made : m_created) guids.push_back(made.guid);
  return guids;
}

RemoveCodingsCommand::RemoveCodingsCommand(Workspace& workspace,
                                           const std::vector<std::int64_t>& coding_ids)
    : ProjectCommand(
          workspace, "coding/remove",
          wxPLURAL("Remove coding", "Remove codings", static_cast<unsigned>(coding_ids.size()))),
      m_ids(coding_ids) {}

std::optional<nlohmann::json> RemoveCodingsCommand::Apply(Project& project) {
  CodingStore codings(project.Db());
  if (m_first) {
    for (auto id : m_ids) {
      Saved saved{codings.Get(id), {}};
      saved.code_guid = CodeGuidOf(m_workspace, saved.coding.code_id);
      m_saved.push_back(std::move(saved));
    }
    m_first = false;
  }
  nlohmann::json removed = nlohmann::json::array();
  for (const auto& s : m_saved) {
    codings.Remove(CodingIdOf(project.Db(), s.coding.guid));
    removed.push_back({{"guid", s.coding.guid},
                       {"document", s.coding.document},
                       {"start", s.coding.start},
                       {"end", s.coding.end},
                       {"code", s.coding.code},
                       {"coder", s.coding.coder}});
  }
  if (removed.empty()) return std::nullopt;
  return nlohmann::json{{"codings", removed}};
}

nlohmann::json RemoveCodingsCommand::Revert(Project& project) {
  CodingStore codings(project.Db());
  nlohmann::json restored = nlohmann::json::array();
  for (const auto& s : m_saved) {
    const auto& c = s.coding;
    codings.Add(c.document_id, c.start, c.end, CodeIdOf(project.Db(), s.code_guid),
                project.EnsureUser(c.coder), c.memo, c.guid, c.created_at);
    restored.push_back(c.guid);
  }
  return {{"codings", restored}};
}

ChangeCodingCodeCommand::ChangeCodingCodeCommand(Workspace& workspace, std::int64_t coding_id,
                                                 std::int64_t new_code)
    : ProjectCommand(workspace, "coding/change-code", _("Change code")),
      m_coding_id(coding_id),
      m_new_code_guid(CodeGuidOf(workspace, new_code)) {}

std::optional<nlohmann::json> ChangeCodingCodeCommand::Apply(Project& project) {
  CodingStore codings(project.Db());
  if (m_coding_guid.empty()) {
    const Coding c = codings.Get(m_coding_id);
    m_coding_guid = c.guid;
    m_old_code_guid = CodeGuidOf(m_workspace, c.code_id);
    if (m_old_code_guid == m_new_code_guid) return std::nullopt;
  }
  codings.ChangeCode(CodingIdOf(project.Db(), m_coding_guid),
                     CodeIdOf(project.Db(), m_new_code_guid));
  return nlohmann::json{
      {"coding", m_coding_guid}, {"from", m_old_code_guid}, {"to", m_new_code_guid}};
}

nlohmann::json ChangeCodingCodeCommand::Revert(Project& project) {
  CodingStore(project.Db())
      .ChangeCode(CodingIdOf(project.Db(), m_coding_guid), CodeIdOf(project.Db(), m_old_code_guid));
  return {{"coding", m_coding_guid}, {"from", m_new_code_guid}, {"to", m_old_code_guid}};
}

SetCodingMemoCommand::SetCodingMemoCommand(Workspace& workspace, std::int64_t coding_id,
                                           std::string memo)
    : ProjectCommand(workspace, "coding/memo", _("Edit coding memo")),
      m_coding_id(coding_id),
      m_new_memo(std::move(memo)) {}

std::optional<nlohmann::json> SetCodingMemoCommand::Apply(Project& project) {
  CodingStore codings(project.Db());
  if (m_coding_guid.empty()) {
    const Coding c = codings.Get(m_coding_id);
    m_coding_guid = c.guid;
    m_old_memo = c.memo;
    if (m_old_memo == m_new_memo) return std::nullopt;
  }
  codings.SetMemo(CodingIdOf(project.Db(), m_coding_guid), m_new_memo);
  return nlohmann::json{{"coding", m_coding_guid}};
}

nlohmann::json SetCodingMemoCommand::Revert(Project& project) {
  CodingStore(project.Db()).SetMemo(CodingIdOf(project.Db(), m_coding_guid), m_old_memo);
  return {{"coding", m_coding_guid}};
}

}  // namespace tessera::app
