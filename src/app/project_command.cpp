#include "project_command.h"

#include "project/database.h"
#include "project/project.h"
#include "workspace.h"

namespace tessera::app {

ProjectCommand::ProjectCommand(Workspace& workspace, std::string action_id, const wxString& label)
    : wxCommand(true, label), m_workspace(workspace), m_action_id(std::move(action_id)) {}

bool ProjectCommand::Do() {
  try {
    Project& project = m_workspace.GetProject();
    Transaction tx(project.Db());
    auto detail = Apply(project);
    if (!detail) return false;  // the transaction rolls back; there was nothing to write
    project.Audit(m_action_id, *detail);
    project.Touch();
    tx.Commit();
  } catch (...) {
    m_workspace.SetPendingError(std::current_exception());
    return false;
  }
  m_workspace.Notify(Affects());
  return true;
}

bool ProjectCommand::Undo() {
  try {
    Project& project = m_workspace.GetProject();
    Transaction tx(project.Db());
    nlohmann::json detail = Revert(project);
    detail["undo"] = true;
    project.Audit(m_action_id, detail);
    project.Touch();
    tx.Commit();
  } catch (...) {
    m_workspace.SetPendingError(std::current_exception());
    return false;
  }
  m_workspace.Notify(Affects());
  return true;
}

}  // namespace tessera::app
