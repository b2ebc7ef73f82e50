#pragma once
// The agreement view (Analysis > Agreement…): choose coders, a code (with its sub-codes) and the
// unit; one row per code with every measure the core computes (analysis/project_agreement.h and
// agreement.h, as `tessera-cli agreement`). Double-clicking a row (two coders chosen) opens the
// disagreements of that code side by side to settle them into the consensus coder.

#include <wx/dialog.h>

#include <string>
#include <vector>

#include "analysis/agreement.h"
#include "changes.h"

class wxCheckListBox;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxTextCtrl;

namespace tessera::app {

class Workspace;
class DisagreementDialog;

/// The agreement window.
class AgreementView : public wxDialog {
 public:
  AgreementView(wxWindow* parent, Workspace& workspace);

  /// Checks these coders, picks the code ("" = all codes) and the unit, and recomputes, as the
  /// controls would. False when a coder or code is not offered.
  bool Choose(const std::vector<std::string>& coders, const std::string& code,
              AgreementRequest::Unit unit);
  /// Recomputes from the controls.
  void Recompute();
  /// The report shown (no codes before a computation or after an error).
  const AgreementReport& Report() const { return m_report; }
  /// The table: one row per code, then the overall row.
  wxListCtrl* Table() const { return m_table; }
  /// The name of the consensus coder settled disagreements go to.
  std::string ConsensusCoder() const;
  /// Opens the disagreements of the table row `row` (the overall row: of every code in scope), as
  /// a double-click does; nullptr when not exactly two coders are chosen.
  DisagreementDialog* OpenDisagreements(long row);

 private:
  void FillChoices();
  std::vector<std::string> CheckedCoders() const;

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxCheckListBox* m_coders = nullptr;
  wxChoice* m_code = nullptr;
  wxChoice* m_unit = nullptr;
  wxTextCtrl* m_consensus = nullptr;
  wxListCtrl* m_table = nullptr;
  wxStaticText* m_status = nullptr;
  std::vector<std::string> m_code_paths;  // offered in m_code after "(all codes)"
  AgreementReport m_report;
};

/// Opens the agreement window over the open project (modeless); returns it.
AgreementView* ShowAgreementView(wxWindow* parent, Workspace& workspace);

}  // namespace tessera::app
