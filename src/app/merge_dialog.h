#pragma once
// Project > Merge Coder's Copy…: pick a coder's copy of the project (.tessera), merge it through
// the core (project/project_merge.h, as `tessera-cli merge`), and show what came in — the counts,
// every incoming coding — and what conflicted. The merge is one transaction, recorded in the audit
// log by the core; it is not on the undo stack (merging the same copy again adds nothing).

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "project/coding_store.h"
#include "project/project_merge.h"

class wxButton;
class wxFilePickerCtrl;
class wxListCtrl;
class wxStaticText;

namespace tessera::app {

class Workspace;

/// The merge window.
class MergeDialog : public wxDialog {
 public:
  MergeDialog(wxWindow* parent, Workspace& workspace);

  /// The file picker (the copy to merge).
  wxFilePickerCtrl* Picker() const { return m_picker; }
  /// The button that merges the picked copy.
  wxButton* MergeButton() const { return m_merge; }
  /// The last merge's report, if one ran.
  const std::optional<MergeReport>& Report() const { return m_report; }
  /// The codings the last merge brought in.
  const std::vector<Coding>& Incoming() const { return m_incoming; }
  /// The report list: a summary line, each conflict, then each incoming coding.
  wxListCtrl* ReportList() const { return m_list; }

 private:
  void Merge();
  void ShowReport();

  Workspace& m_workspace;
  wxFilePickerCtrl* m_picker = nullptr;
  wxButton* m_merge = nullptr;
  wxStaticText* m_summary = nullptr;
  wxListCtrl* m_list = nullptr;
  std::optional<MergeReport> m_report;
  std::vector<Coding> m_incoming;
};

/// Opens the merge window (modeless); returns it.
MergeDialog* ShowMergeDialog(wxWindow* parent, Workspace& workspace);

}  // namespace tessera::app
