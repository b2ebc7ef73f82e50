#include "settle_command.h"

#include <wx/intl.h>

#include "project/code_tree.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"
#include "project_queries.h"
#include "workspace.h"

namespace tessera::app {

SettleDisagreementCommand::SettleDisagreementCommand(Workspace& workspace, std::string first_coder,
                                                     std::string second_coder, std::string into,
                                                     Disagreement disagreement,
                                                     ReconcileDecision decision)
    : ProjectCommand(workspace, "agreement/settle", _("Settle disagreement")),
      m_first(std::move(first_coder)),
      m_second(std::move(second_coder)),
      m_into(std::move(into)),
      m_disagreement(std::move(disagreement)),
      m_decision(std::move(decision)) {
  m_decision.id = m_disagreement.id;
}

std::optional<nlohmann::json> SettleDisagreementCommand::Apply(Project& project) {
  Database& db = project.Db();
  CodingStore codings(db);
  CodeTree tree(db);
  if (m_code_guid.empty()) m_code_guid = tree.Get(m_disagreement.code_id).guid;
  const std::int64_t code = tree.Resolve(m_code_guid);
  const std::int64_t into = project.EnsureUser(m_into);
  const auto& d = m_disagreement;
  if (m_first_time) {
    CodingFilter filter;
    filter.documents = {d.document_id};
    filter.codes = {code};
    filter.coders = {into};
    for (const auto& c : codings.List(filter)) {
      if (c.start < d.end && c.end > d.start) m_replaced.push_back(c);
    }
    for (const auto& [start, end] : ConsensusSegments(d, m_decision))
      m_made.push_back({start, end, NewGuid(), UtcNow()});
    m_first_time = false;
  }
  nlohmann::json replaced = nlohmann::json::array(), written = nlohmann::json::array();
  for (const auto& c : m_replaced) {
    if (auto id = CodingIdByGuid(db, c.guid)) codings.Remove(*id);
    replaced.push_back(c.guid);
  }
  nlohmann::json segments = nlohmann::json::array();
  for (const auto& m : m_made) {
    codings.Add(d.document_id, m.start, m.end, code, into, {}, m.guid, m.at);
    written.push_back(m.guid);
    segments.push_back({m.start, m.end});
  }
  // Written even when nothing changed ("neither" over no consensus coding): the decision and its
  // rationale belong in the log.
  return nlohmann::json{{"id", d.id},
                        {"document", d.document},
                        {"code", d.code},
                        {"coders", {m_first, m_second}},
                        {"into", m_into},
                        {"decision", VerdictName(m_decision.verdict)},
                        {"segments", segments},
                        {"rationale", m_decision.rationale},
                        {"codings", written},
                        {"replaced", replaced}};
}

nlohmann::json SettleDisagreementCommand::Revert(Project& project) {
  Database& db = project.Db();
  CodingStore codings(db);
  nlohmann::json removed = nlohmann::json::array();
  for (const auto& m : m_made) {
    if (auto id = CodingIdByGuid(db, m.guid)) codings.Remove(*id);
    removed.push_back(m.guid);
  }
  const std::int64_t code = CodeTree(db).Resolve(m_code_guid);
  for (const auto& c : m_replaced) {
    codings.Add(c.document_id, c.start, c.end, code, project.EnsureUser(c.coder), c.memo, c.guid,
                c.created_at);
  }
  return {{"id", m_disagreement.id}, {"codings", removed}};
}

}  // namespace tessera::app
