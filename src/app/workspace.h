#pragma once
// The session behind the main window: the open project, the acting coder, the command stack
// (undo/redo), a cache of the codebook and the quick-code keys, and the change signal that keeps
// every view up to date. Lives as long as the main frame; a project may be open or not.

#include <wx/cmdproc.h>
#include <wx/colour.h>

#include <array>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "changes.h"
#include "project/code_tree.h"
#include "project/project.h"

namespace tessera::app {

class ProjectCommand;

/// Number of quick-code keys (1 to 9).
inline constexpr int kQuickCodeKeys = 9;

/// The open project and everything that goes with it.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  /// True while a project is open.
  bool HasProject() const { return m_project != nullptr; }
  /// The open project. @throws ProgrammingError when none is open.
  Project& GetProject();
  /// Makes `project` the open one: clears the command stack and announces Change::Project.
  void Open(Project project);
  /// Closes the project, if any.
  void Close();

  /// The acting coder (shown in the status bar; author of new codings and memos).
  std::string Coder() const;
  /// Switches the acting coder.
  void SetCoder(const std::string& name);
  /// Names of the coders the project knows, and the acting one.
  std::vector<std::string> KnownCoders();

  /// Every code in tree order (cached until the codebook changes).
  const std::vector<Code>& Codes();
  /// A code by id, or nullptr.
  const Code* FindCode(std::int64_t id);
  /// A code by GUID, or nullptr.
  const Code* FindCodeByGuid(const std::string& guid);
  /// Number of codings and of documents per code id, without descendants (cached).
  const std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>& CodeCounts();
  /// The colour a code is shown in (its own, or one from a fixed palette).
  wxColour CodeColour(const Code& code) const;

  /// The code on quick-code key `key` (1-9), if any and if it still exists.
  std::optional<std::int64_t> QuickCode(int key);
  /// Puts `code` on key `key` (nullopt clears it); remembered per project in the preferences.
  void SetQuickCode(int key, std::optional<std::int64_t> code);
  /// The key a code is on, or 0.
  int QuickKeyOf(std::int64_t code);

  /// Runs a command through the command stack. Returns true when it changed something.
  /// @throws whatever the command threw (the caller reports it under its own headline).
  bool Execute(std::unique_ptr<ProjectCommand> command);
  /// Undoes the last command. @throws what the command threw.
  bool Undo();
  /// Redoes the next command. @throws what the command threw.
  bool Redo();
  /// The command stack (for the Edit menu's labels).
  wxCommandProcessor& Commands() { return m_commands; }
  /// Called by a command that failed; Execute/Undo/Redo rethrow it.
  void SetPendingError(std::exception_ptr error) { m_pending_error = std::move(error); }

  /// Listeners for changes.
  [[nodiscard]] ChangeSignal::Connection Subscribe(ChangeSignal::Listener listener) {
    return m_signal.Connect(std::move(listener));
  }
  /// Announces changes (and drops the caches they make stale).
  void Notify(Changes changes);

 private:
  void LoadQuickCodes();
  void SaveQuickCodes();
  void RethrowPending();

  std::unique_ptr<Project> m_project;
  std::string m_coder;
  wxCommandProcessor m_commands;
  std::exception_ptr m_pending_error;
  ChangeSignal m_signal;
  std::optional<std::vector<Code>> m_codes;
  std::map<std::int64_t, std::size_t> m_code_index;
  std::map<std::string, std::size_t> m_guid_index;
  std::optional<std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>>> m_counts;
  std::array<std::string, kQuickCodeKeys> m_quick;  // code GUIDs
};

}  // namespace tessera::app
