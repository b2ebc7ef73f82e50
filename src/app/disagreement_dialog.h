#pragma once
// The disagreements of two coders on a code (analysis/reconciliation.h, as `tessera-cli
// disagreements`), each shown side by side: the same stretch of text with each coder's segments
// highlighted. Each is settled — accept one side, both, neither, or an edited segment — with a
// rationale, into the consensus coder, through the undoable "agreement/settle" command.

#include <wx/dialog.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/reconciliation.h"
#include "changes.h"

class wxButton;
class wxListCtrl;
class wxRadioBox;
class wxStaticText;
class wxTextCtrl;

namespace tessera::app {

class Workspace;

/// The side-by-side disagreement window.
class DisagreementDialog : public wxDialog {
 public:
  /// `code` is a code path (with its sub-codes), or empty for every code.
  DisagreementDialog(wxWindow* parent, Workspace& workspace, std::string first_coder,
                     std::string second_coder, std::string code, std::string consensus_coder);

  /// The disagreements listed.
  const std::vector<Disagreement>& Disagreements() const { return m_list; }
  /// Shows disagreement `index` side by side, as selecting it in the list does.
  void Select(std::size_t index);
  /// The disagreement shown, if any.
  std::optional<std::size_t> Selected() const { return m_selected; }
  /// The choice of verdict (0 first coder, 1 second, 2 both, 3 neither, 4 edited selection).
  wxRadioBox* Verdict() const { return m_verdict; }
  /// The rationale box.
  wxTextCtrl* Rationale() const { return m_rationale; }
  /// The side panes (their selection is the edited segment for "edit").
  wxTextCtrl* Side(int which) const { return which == 0 ? m_left : m_right; }
  /// The button that settles the shown disagreement.
  wxButton* SettleButton() const { return m_settle; }
  /// Whether disagreement `index` is settled into the consensus coder (here or earlier).
  bool IsSettled(std::size_t index) const;
  /// The list of disagreements (document, code, where, how it was settled).
  wxListCtrl* Table() const { return m_table; }

 private:
  void Reload();
  void ShowEarlierSettlements();
  void ShowSide(wxTextCtrl* pane, const std::vector<Span>& segments);
  void Settle();
  std::optional<std::pair<std::size_t, std::size_t>> EditedSegment() const;

  Workspace& m_workspace;
  std::string m_first, m_second, m_code, m_into;
  std::vector<Disagreement> m_list;
  std::set<std::string> m_settled;  // ids
  std::optional<std::size_t> m_selected;
  std::size_t m_context_start = 0;  // code point of the panes' first character
  wxListCtrl* m_table = nullptr;
  wxStaticText* m_heading = nullptr;
  wxTextCtrl* m_left = nullptr;
  wxTextCtrl* m_right = nullptr;
  wxRadioBox* m_verdict = nullptr;
  wxTextCtrl* m_rationale = nullptr;
  wxButton* m_settle = nullptr;
};

}  // namespace tessera::app
