#pragma once
// The right-hand panel: the coded segments of the open transcript (code, coder, text, memo), and
// the transcript's memo. Selecting a segment selects its text in the transcript.

#include <wx/colour.h>
#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "changes.h"

class wxTextCtrl;
class wxButton;
class wxStaticText;

namespace tessera::app {

class Workspace;
class TranscriptView;
class SegmentList;

/// Coded segments and memo of the open transcript.
class SegmentsPanel : public wxPanel {
 public:
  SegmentsPanel(wxWindow* parent, Workspace& workspace, TranscriptView& view);
  ~SegmentsPanel() override;

  /// Re-reads the segments from the transcript view and the memo from the project.
  void Reload();
  /// Ids of the selected codings.
  std::vector<std::int64_t> SelectedCodings() const;
  /// Selects a coding's row.
  void SelectCoding(std::int64_t coding_id);
  /// Number of rows (for tests).
  int RowCount() const;
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// The context menu was asked for.
  std::function<void()> on_context_menu;
  /// "Edit memo" was pressed.
  std::function<void()> on_edit_memo;
  /// Delete was pressed in the list.
  std::function<void()> on_remove;

 private:
  void OnChanges(Changes changes);

  Workspace& m_workspace;
  TranscriptView& m_view;
  ChangeSignal::Connection m_connection;
  wxStaticText* m_heading = nullptr;
  friend class SegmentList;
  struct Row {
    std::int64_t coding = 0;
    wxString code, coder, text, memo;
    wxColour colour;
  };
  SegmentList* m_list = nullptr;
  std::vector<Row> m_rows;
  wxStaticText* m_memo_heading = nullptr;
  wxTextCtrl* m_memo = nullptr;
  wxButton* m_edit_memo = nullptr;
  bool m_selecting = false;
};

}  // namespace tessera::app
