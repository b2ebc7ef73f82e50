#pragma once
// The workspace window: transcripts and codebook on the left, the transcript with its stripes in
// the middle, coded segments and the memo on the right, retrieval and search below. The frame only
// wires views to commands: every user action is a command from actions.h, caught and reported
// per action.

#include <wx/aui/framemanager.h>
#include <wx/frame.h>
#include <wx/timer.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "break_reminder.h"
#include "changes.h"
#include "preferences.h"
#include "project/document_store.h"

class wxFileHistory;
class wxInfoBar;
class wxNotebook;

namespace tessera::app {

class Workspace;
class DocumentsPanel;
class CodebookPanel;
class TranscriptView;
class SegmentsPanel;
class RetrievalPanel;
class SearchPanel;
class ProjectCommand;

/// The main window.
class MainFrame : public wxFrame {
 public:
  MainFrame();
  ~MainFrame() override;

  /// Opens a project file. Reports errors to the user; returns false when it failed.
  bool OpenProject(const wxString& path);
  /// Opens a transcript, showing its content note first when it has one. Returns false when the
  /// reader chose "Not now" or it failed.
  bool OpenDocument(std::int64_t document);
  /// Applies a code to the transcript's selection. Returns true when a coding was made.
  bool ApplyCodeToSelection(std::int64_t code);
  /// Applies the code on quick key `key` (1-9) to the selection.
  bool ApplyQuickCode(int key);
  /// Switches the interface language live ("" = system) and rebuilds menus and labels.
  void SwitchLanguage(const wxString& code);
  /// Runs an action by its stable id, as its menu item would. False when no such action.
  bool RunAction(const std::string& action_id);

  Workspace& GetWorkspace() { return *m_workspace; }
  DocumentsPanel* Documents() const { return m_documents; }
  CodebookPanel* Codebook() const { return m_codebook; }
  TranscriptView* Transcript() const { return m_transcript; }
  SegmentsPanel* Segments() const { return m_segments; }
  RetrievalPanel* Retrieval() const { return m_retrieval; }
  SearchPanel* Search() const { return m_search; }
  wxInfoBar* BreakBar() const { return m_break_bar; }
  BreakReminder& Reminder() { return m_reminder; }

  /// Asks whether to open a transcript with a content note (a dialog unless replaced, e.g. by
  /// tests).
  std::function<bool(const DocumentInfo& info)> content_note_prompt;

 private:
  void BuildLayout();
  void BuildMenuBar();
  void RelabelAll();
  void UpdateTitle();
  void UpdateStatus();
  void UpdateUndoLabels();
  void OnChanges(Changes changes);
  void OnMenu(wxCommandEvent& event);
  void OnUpdateUI(wxUpdateUIEvent& event);
  void OnClose(wxCloseEvent& event);
  bool Execute(std::unique_ptr<ProjectCommand> command, const wxString& headline);

  // Actions.
  void NewProject();
  void ChooseAndOpenProject();
  void CloseProject();
  void ImportTranscripts();
  void ImportVariables();
  void EditDocumentMemo();
  void EditContentNote();
  void AddDocumentsToSet();
  void RemoveCodings(const std::vector<std::int64_t>& codings);
  void ChangeCodingCode(std::int64_t coding);
  void EditCodingMemo(std::int64_t coding);
  void AddCode(bool as_child);
  void RenameCode();
  void EditCode();
  void MergeCode();
  void DeleteCode();
  void AssignQuickKey();
  void EditCodeMemo();
  void MoveCode(std::int64_t code, std::optional<std::int64_t> target, bool before);
  void ShowPassageAtCaret();
  void SwitchCoder(const std::string& name);
  void OtherCoder();
  void EditPreferences();
  void ShowGuide();
  void ShowAbout();
  // Analysis views (analysis_actions.cpp): theme matrix, agreement, merge of coders' copies.
  void ShowThemeMatrix();
  void ShowAgreement();
  void ShowMergeDialog();
  std::optional<std::int64_t> TargetCoding() const;

  // Context menus.
  void ShowTranscriptMenu();
  void ShowCodebookMenu();
  void ShowDocumentsMenu();
  void ShowSegmentsMenu();

  void OnBreakTimer();
  void OfferBreak(int minutes);

  std::unique_ptr<Workspace> m_workspace;
  ChangeSignal::Connection m_connection;
  wxAuiManager m_aui;
  wxString m_default_perspective;
  DocumentsPanel* m_documents = nullptr;
  CodebookPanel* m_codebook = nullptr;
  TranscriptView* m_transcript = nullptr;
  SegmentsPanel* m_segments = nullptr;
  wxNotebook* m_bottom = nullptr;
  RetrievalPanel* m_retrieval = nullptr;
  SearchPanel* m_search = nullptr;
  wxInfoBar* m_break_bar = nullptr;
  std::unique_ptr<wxFileHistory> m_history;
  Preferences m_preferences;
  BreakReminder m_reminder;
  wxTimer m_break_timer;
  bool m_active = true;
};

}  // namespace tessera::app
