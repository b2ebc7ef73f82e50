#include "code_commands.h"

#include <wx/intl.h>

#include "error.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"
#include "workspace.h"

namespace tessera::app {
namespace {

std::string GuidOf(Workspace& workspace, std::int64_t code) {
  if (const Code* c = workspace.FindCode(code)) return c->guid;
  throw NotFoundError("no code with id " + std::to_string(code));
}

std::optional<std::string> OptionalGuidOf(Workspace& workspace, std::optional<std::int64_t> code) {
  if (!code) return std::nullopt;
  return GuidOf(workspace, *code);
}

// Always from the database: inside a transaction the workspace's cache may be stale.
std::int64_t IdOf(Project& project, const std::string& guid) {
  return CodeTree(project.Db()).Resolve(guid);
}

std::optional<std::int64_t> OptionalIdOf(Project& project, const std::optional<std::string>& guid) {
  if (!guid) return std::nullopt;
  return IdOf(project, *guid);
}

// The code's place among its siblings (0-based) and its parent's GUID.
std::pair<std::optional<std::string>, std::int64_t> PlaceOf(Project& project, std::int64_t id) {
  const auto all = CodeTree(project.Db()).All();
  std::optional<std::int64_t> parent;
  for (const auto& c : all) {
    if (c.id == id) parent = c.parent_id;
  }
  std::int64_t rank = 0;
  std::optional<std::string> parent_guid;
  for (const auto& c : all) {
    if (parent && c.id == *parent) parent_guid = c.guid;
    if (c.parent_id != parent) continue;
    if (c.id == id) break;
    ++rank;
  }
  return {parent_guid, rank};
}

}  // namespace

AddCodeCommand::AddCodeCommand(Workspace& workspace, std::optional<std::int64_t> parent,
                               std::string name, std::string color)
    : ProjectCommand(workspace, "codebook/add-code", _("Add code")),
      m_parent_guid(OptionalGuidOf(workspace, parent)),
      m_name(std::move(name)),
      m_color(std::move(color)),
      m_guid(NewGuid()) {}

std::optional<nlohmann::json> AddCodeCommand::Apply(Project& project) {
  CodeTree tree(project.Db());
  const auto id = tree.Add(OptionalIdOf(project, m_parent_guid), m_name, m_guid);
  if (!m_color.empty()) {
    Code code = tree.Get(id);
    code.color = m_color;
    tree.UpdateDetails(code);
  }
  return nlohmann::json{{"code", m_guid}, {"name", m_name}};
}

nlohmann::json AddCodeCommand::Revert(Project& project) {
  CodeTree(project.Db()).Delete(IdOf(project, m_guid), DeletePolicy::Refuse);
  return {{"code", m_guid}, {"name", m_name}};
}

RenameCodeCommand::RenameCodeCommand(Workspace& workspace, std::int64_t code, std::string name)
    : ProjectCommand(workspace, "codebook/rename", _("Rename code")),
      m_guid(GuidOf(workspace, code)),
      m_new_name(std::move(name)) {
  m_old_name = workspace.FindCode(code)->name;
}

std::optional<nlohmann::json> RenameCodeCommand::Apply(Project& project) {
  if (m_old_name == m_new_name) return std::nullopt;
  CodeTree(project.Db()).Rename(IdOf(project, m_guid), m_new_name);
  return nlohmann::json{{"code", m_guid}, {"from", m_old_name}, {"to", m_new_name}};
}

nlohmann::json RenameCodeCommand::Revert(Project& project) {
  CodeTree(project.Db()).Rename(IdOf(project, m_guid), m_old_name);
  return {{"code", m_guid}, {"from", m_new_name}, {"to", m_old_name}};
}

MoveCodeCommand::MoveCodeCommand(Workspace& workspace, std::int64_t code,
                                 std::optional<std::int64_t> new_parent,
                                 std::optional<std::int64_t> rank)
    : ProjectCommand(workspace, "codebook/move", _("Move code")),
      m_guid(GuidOf(workspace, code)),
      m_new_parent(OptionalGuidOf(workspace, new_parent)),
      m_rank(rank) {}

std::optional<nlohmann::json> MoveCodeCommand::Apply(Project& project) {
  CodeTree tree(project.Db());
  const auto id = IdOf(project, m_guid);
  if (!m_saved) {
    std::tie(m_old_parent, m_old_rank) = PlaceOf(project, id);
    m_saved = true;
    if (m_old_parent == m_new_parent && (!m_rank || *m_rank == m_old_rank)) return std::nullopt;
  }
  const auto parent = OptionalIdOf(project, m_new_parent);
  if (tree.Get(id).parent_id != parent) tree.Move(id, parent);
  if (m_rank) tree.Reorder(id, *m_rank);
  return nlohmann::json{
      {"code", m_guid},
      {"parent", m_new_parent ? nlohmann::json(*m_new_parent) : nlohmann::json(nullptr)}};
}

nlohmann::json MoveCodeCommand::Revert(Project& project) {
  CodeTree tree(project.Db());
  const auto id = IdOf(project, m_guid);
  const auto parent = OptionalIdOf(project, m_old_parent);
  if (tree.Get(id).parent_id != parent) tree.Move(id, parent);
  tree.Reorder(id, m_old_rank);
  return {{"code", m_guid},
          {"parent", m_old_parent ? nlohmann::json(*m_old_parent) : nlohmann::json(nullptr)}};
}

UpdateCodeCommand::UpdateCodeCommand(Workspace& workspace, const Code& updated)
    : ProjectCommand(workspace, "codebook/edit", _("Edit code")), m_new(updated) {
  const Code* old = workspace.FindCode(updated.id);
  if (!old) throw NotFoundError("no code with id " + std::to_string(updated.id));
  m_old = *old;
  m_new.guid = m_old.guid;
}

std::optional<nlohmann::json> UpdateCodeCommand::Apply(Project& project) {
  CodeTree tree(project.Db());
  Code code = m_new;
  code.id = IdOf(project, m_new.guid);
  if (tree.Get(code.id).name != code.name) tree.Rename(code.id, code.name);
  tree.UpdateDetails(code);
  return nlohmann::json{{"code", m_new.guid},
                        {"name", m_new.name},
                        {"sensitive", m_new.sensitive},
                        {"codable", m_new.codable}};
}

nlohmann::json UpdateCodeCommand::Revert(Project& project) {
  CodeTree tree(project.Db());
  Code code = m_old;
  code.id = IdOf(project, m_old.guid);
  if (tree.Get(code.id).name != code.name) tree.Rename(code.id, code.name);
  tree.UpdateDetails(code);
  return {{"code", m_old.guid}, {"name", m_old.name}};
}

MergeCodeCommand::MergeCodeCommand(Workspace& workspace, std::int64_t from, std::int64_t into)
    : ProjectCommand(workspace, "codebook/merge", _("Merge codes")),
      m_from(GuidOf(workspace, from)),
      m_into(GuidOf(workspace, into)) {}

std::optional<nlohmann::json> MergeCodeCommand::Apply(Project& project) {
  CodeTree tree(project.Db());
  const auto from = IdOf(project, m_from);
  const auto into = IdOf(project, m_into);
  // The merged code and its direct children change; deeper descendants move along untouched.
  std::vector<std::int64_t> changed{from};
  for (const auto& c : tree.All()) {
    if (c.parent_id == from) changed.push_back(c.id);
  }
  m_before = TakeCodeSnapshot(project, changed);
  const auto moved = tree.Merge(from, into);
  return nlohmann::json{{"from", m_from}, {"into", m_into}, {"codings", moved}};
}

nlohmann::json MergeCodeCommand::Revert(Project& project) {
  if (!m_before) throw ProgrammingError("nothing to undo");
  RestoreCodeSnapshot(project, *m_before);
  return {{"from", m_from}, {"into", m_into}};
}

DeleteCodeCommand::DeleteCodeCommand(Workspace& workspace, std::int64_t code, DeletePolicy policy,
                                     std::optional<std::int64_t> recode_to)
    : ProjectCommand(workspace, "codebook/delete", _("Delete code")),
      m_guid(GuidOf(workspace, code)),
      m_policy(policy),
      m_recode_to(OptionalGuidOf(workspace, recode_to)) {}

std::optional<nlohmann::json> DeleteCodeCommand::Apply(Project& project) {
  CodeTree tree(project.Db());
  const auto id = IdOf(project, m_guid);
  m_before = TakeCodeSnapshot(project, tree.Subtree(id));
  const auto affected = tree.Delete(id, m_policy, OptionalIdOf(project, m_recode_to));
  const char* policy = m_policy == DeletePolicy::Refuse   ? "refuse"
                       : m_policy == DeletePolicy::Recode ? "recode"
                                                          : "drop";
  nlohmann::json detail{{"code", m_guid},
                        {"path", m_before->codes.front().code.path},
                        {"policy", policy},
                        {"codings", affected}};
  if (m_recode_to) detail["recode_to"] = *m_recode_to;
  return detail;
}

nlohmann::json DeleteCodeCommand::Revert(Project& project) {
  if (!m_before) throw ProgrammingError("nothing to undo");
  RestoreCodeSnapshot(project, *m_before);
  return {{"code", m_guid}};
}

}  // namespace tessera::app
