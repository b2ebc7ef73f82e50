#include "disagreement_dialog.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "error.h"
#include "error_report.h"
#include "project/audit_log.h"
#include "project/document_store.h"
#include "settle_command.h"
#include "text/offset_map.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

constexpr std::size_t kContext = 240;  // code points of text shown before and after a disagreement
enum Column { kColDocument, kColCode, kColRange, kColSettled };

}  // namespace

DisagreementDialog::DisagreementDialog(wxWindow* parent, Workspace& workspace, std::string first_coder,
                                       std::string second_coder, std::string code,
                                       std::string consensus_coder)
    : wxDialog(parent, wxID_ANY, _("Disagreements"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_workspace(workspace),
      m_first(std::move(first_coder)),
      m_second(std::move(second_coder)),
      m_code(std::move(code)),
      m_into(std::move(consensus_coder)) {
  SetTitle(wxString::Format(_("Disagreements of %s and %s"), ToWx(m_first), ToWx(m_second)));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_table = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 170)),
                           wxLC_REPORT | wxLC_SINGLE_SEL);
  m_table->AppendColumn(_("Document"), wxLIST_FORMAT_LEFT, FromDIP(170));
  m_table->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(330));
  m_table->AppendColumn(_("Where"), wxLIST_FORMAT_LEFT, FromDIP(100));
  m_table->AppendColumn(_("Settled"), wxLIST_FORMAT_LEFT, FromDIP(180));
  sizer->Add(m_table, 0, wxEXPAND | wxALL, 8);
  m_heading = new wxStaticText(this, wxID_ANY, wxEmptyString);
  sizer->Add(m_heading, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);

  auto* sides = new wxBoxSizer(wxHORIZONTAL);
  const auto side = [&](const std::string& coder, wxTextCtrl*& pane) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, ToWx(coder));
    title->SetFont(title->GetFont().Bold());
    column->Add(title, 0, wxBOTTOM, 4);
    pane = new wxTextCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition, FromDIP(wxSize(420, 240)),
                          wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2 | wxTE_WORDWRAP);
    column->Add(pane, 1, wxEXPAND);
    sides->Add(column, 1, wxEXPAND | wxALL, 8);
  };
  side(m_first, m_left);
  side(m_second, m_right);
  sizer->Add(sides, 1, wxEXPAND);

  const wxString choices[] = {
      wxString::Format(_("Accept %s"), ToWx(m_first)), wxString::Format(_("Accept %s"), ToWx(m_second)),
      // TRANSLATORS: settle a disagreement by taking both coders' segments (their union).
      _("Both"),
      // TRANSLATORS: settle a disagreement by coding neither coder's segments.
      _("Neither"), _("Edit: the text selected above")};
  m_verdict = new wxRadioBox(this, wxID_ANY, _("Settle as"), wxDefaultPosition, wxDefaultSize,
                             WXSIZEOF(choices), choices, 1, wxRA_SPECIFY_ROWS);
  sizer->Add(m_verdict, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  auto* rationale = new wxBoxSizer(wxHORIZONTAL);
  rationale->Add(new wxStaticText(this, wxID_ANY, _("Rationale:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
  m_rationale = new wxTextCtrl(this, wxID_ANY);
  m_rationale->SetHint(_("Why, for the audit log and the team"));
  rationale->Add(m_rationale, 1);
  sizer->Add(rationale, 0, wxEXPAND | wxALL, 8);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->Add(new wxStaticText(this, wxID_ANY,
                                wxString::Format(_("Settled disagreements are coded as \"%s\"; Edit > Undo takes one back."),
                                                 ToWx(m_into))),
               0, wxALIGN_CENTER_VERTICAL);
  buttons->AddStretchSpacer();
  m_settle = new wxButton(this, wxID_ANY, _("&Settle"));
  buttons->Add(m_settle, 0, wxRIGHT, 6);
  buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(960, 720)));

  m_table->Bind(wxEVT_LIST_ITEM_SELECTED,
                [this](wxListEvent& event) { Select(static_cast<std::size_t>(event.GetIndex())); });
  m_settle->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Settle(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
  Reload();
}

void DisagreementDialog::Reload() {
  m_list = FindDisagreements(m_workspace.GetProject(), m_first, m_second, m_code);
  m_table->DeleteAllItems();
  for (std::size_t i = 0; i < m_list.size(); ++i) {
    const auto& d = m_list[i];
    const long row = m_table->InsertItem(static_cast<long>(i), ToWx(d.document));
    m_table->SetItem(row, kColCode, ToWx(d.code));
    m_table->SetItem(row, kColRange, wxString::Format("%zu-%zu", d.start, d.end));
  }
  ShowEarlierSettlements();
  m_heading->SetLabel(m_list.empty() ? _("The two coders agree everywhere here.")
                                     : wxString::Format(wxPLURAL("%zu disagreement", "%zu disagreements",
                                                                 static_cast<unsigned>(m_list.size())),
                                                        m_list.size()));
  if (!m_list.empty()) Select(0);
}

void DisagreementDialog::Select(std::size_t index) {
  if (index >= m_list.size()) return;
  m_selected = index;
  if (!(m_table->GetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED) & wxLIST_STATE_SELECTED)) {
    m_table->SetItemState(static_cast<long>(index), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_table->EnsureVisible(static_cast<long>(index));
  }
  const auto& d = m_list[index];
  m_heading->SetLabel(wxString::Format(_("%s, %s, %zu-%zu"), ToWx(d.document), ToWx(d.code), d.start, d.end));
  ShowSide(m_left, d.first);
  ShowSide(m_right, d.second);
  m_rationale->Clear();
}

void DisagreementDialog::ShowSide(wxTextCtrl* pane, const std::vector<Span>& segments) {
  const auto& d = m_list[*m_selected];
  const std::string text = DocumentStore(m_workspace.GetProject().Db()).Text(d.document_id);
  const OffsetMap map(text);
  m_context_start = d.start > kContext ? d.start - kContext : 0;
  const std::size_t end = std::min(map.CodePoints(), d.end + kContext);
  const auto from = map.ByteFromCodePoint(m_context_start);
  const wxString shown = ToWx(text.substr(from, map.ByteFromCodePoint(end) - from));
  pane->Clear();
  pane->SetDefaultStyle(wxTextAttr(wxColour(0x60, 0x60, 0x60)));
  pane->AppendText(shown);
  // The cluster in black, each of this coder's segments highlighted.
  pane->SetStyle(static_cast<long>(d.start - m_context_start), static_cast<long>(d.end - m_context_start),
                 wxTextAttr(*wxBLACK));
  const wxColour back = pane == m_left ? wxColour(0xFF, 0xD8, 0x8A) : wxColour(0xA8, 0xD4, 0xFF);
  for (const auto& s : segments) {
    wxTextAttr attr(*wxBLACK, back);
    attr.SetFontWeight(wxFONTWEIGHT_BOLD);
    pane->SetStyle(static_cast<long>(s.start - m_context_start), static_cast<long>(s.end - m_context_start), attr);
  }
  if (segments.empty()) pane->AppendText("\n\n" + _("(not coded here)"));
  pane->ShowPosition(static_cast<long>(d.start - m_context_start));
}

std::optional<std::pair<std::size_t, std::size_t>> DisagreementDialog::EditedSegment() const {
  for (wxTextCtrl* pane : {m_left, m_right}) {
    long from = 0, to = 0;
    pane->GetSelection(&from, &to);
    if (to > from) return std::make_pair(m_context_start + static_cast<std::size_t>(from),
                                         m_context_start + static_cast<std::size_t>(to));
  }
  return std::nullopt;
}

void DisagreementDialog::ShowEarlierSettlements() {
  // The audit log has every settlement, from this window (agreement/settle) or from
  // tessera-cli reconcile (reconcile/decision); the last word on a disagreement counts, and an
  // undo takes it back. Only settlements into this consensus coder apply.
  std::map<std::string, std::string> decision_by_id;
  for (const auto& entry : AuditLog(m_workspace.GetProject().Db()).Entries()) {
    if (entry.action != "agreement/settle" && entry.action != "reconcile/decision") continue;
    const auto detail = nlohmann::json::parse(entry.detail, nullptr, false);
    if (!detail.is_object() || !detail.contains("id") || !detail["id"].is_string()) continue;
    const std::string id = detail["id"];
    if (detail.value("undo", false)) {
      decision_by_id.erase(id);
    } else if (detail.value("into", std::string()) == m_into) {
      decision_by_id[id] = detail.value("decision", std::string());
    }
  }
  static const char* const kNames[] = {"first", "second", "both", "neither", "edit"};  // the radio box's order
  m_settled.clear();
  for (std::size_t i = 0; i < m_list.size(); ++i) {
    const auto found = decision_by_id.find(m_list[i].id);
    if (found == decision_by_id.end()) continue;
    m_settled.insert(m_list[i].id);
    const auto* name = std::find(std::begin(kNames), std::end(kNames), found->second);
    const wxString label = name != std::end(kNames) ? m_verdict->GetString(static_cast<unsigned>(name - std::begin(kNames)))
                                                    : ToWx(found->second);
    m_table->SetItem(static_cast<long>(i), kColSettled, label);
  }
}

bool DisagreementDialog::IsSettled(std::size_t index) const {
  return index < m_list.size() && m_settled.count(m_list[index].id) > 0;
}

void DisagreementDialog::Settle() {
  if (!m_selected) return;
  using V = ReconcileDecision::Verdict;
  constexpr V verdicts[] = {V::AcceptFirst, V::AcceptSecond, V::Both, V::Neither, V::Edit};
  ReconcileDecision decision;
  decision.verdict = verdicts[std::clamp(m_verdict->GetSelection(), 0, 4)];
  decision.rationale = FromWx(m_rationale->GetValue().Strip(wxString::both));
  if (decision.verdict == V::Edit) {
    const auto edited = EditedSegment();
    if (!edited) {
      m_heading->SetLabel(_("Select the text of the consensus segment in one of the two panes first."));
      return;
    }
    decision.edited = {*edited};
  }
  const std::size_t index = *m_selected;
  const bool ok = RunAction(this, _("The disagreement couldn't be settled."), [&] {
    m_workspace.Execute(std::make_unique<SettleDisagreementCommand>(m_workspace, m_first, m_second, m_into,
                                                                     m_list[index], decision));
  });
  if (!ok) return;
  m_settled.insert(m_list[index].id);
  m_table->SetItem(static_cast<long>(index), kColSettled, m_verdict->GetString(static_cast<unsigned>(m_verdict->GetSelection())));
  for (std::size_t next = index + 1; next < m_list.size(); ++next) {
    if (!IsSettled(next)) {
      Select(next);
      return;
    }
  }
}

}  // namespace tessera::app
