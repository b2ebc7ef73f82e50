#pragma once
// The base of every undoable user action: a wxCommand that does and undoes its change through the
// core, each time in its own Transaction, with an audit entry, and then announces what changed.

#include <wx/cmdproc.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "changes.h"

namespace tessera {
class Project;
}

namespace tessera::app {

class Workspace;

/// An undoable action on the open project, identified by a stable id such as "coding/apply-code".
class ProjectCommand : public wxCommand {
 public:
  ProjectCommand(Workspace& workspace, std::string action_id, const wxString& label);

  /// Applies the change in a transaction; false (and nothing written) when there was nothing to do
  /// or it failed (the error is handed to the workspace, which rethrows it to the caller).
  bool Do() override;
  /// Reverts the change in a transaction.
  bool Undo() override;
  /// The stable id of the action.
  const std::string& ActionId() const { return m_action_id; }

 protected:
  /// Performs the change (first time and on redo); returns the audit detail, or nullopt when
  /// nothing needed changing. Throws to roll back.
  virtual std::optional<nlohmann::json> Apply(Project& project) = 0;
  /// Reverts the change; returns the audit detail. Throws to roll back.
  virtual nlohmann::json Revert(Project& project) = 0;
  /// What views must refresh afterwards.
  virtual Changes Affects() const = 0;

  Workspace& m_workspace;

 private:
  std::string m_action_id;
};

}  // namespace tessera::app
