#include "agreement_view.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cstdio>

#include "analysis/project_agreement.h"
#include "disagreement_dialog.h"
#include "error_report.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

constexpr AgreementRequest::Unit kUnits[] = {AgreementRequest::Unit::Document,
                                             AgreementRequest::Unit::Character,
                                             AgreementRequest::Unit::Segment};

// As `tessera-cli agreement` prints a measure: three decimals, a dash where it does not apply.
wxString Fixed(const std::optional<double>& value) {
  if (!value) return wxString::FromUTF8("\xE2\x80\x93");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", *value);
  return buffer;
}

}  // namespace

AgreementView::AgreementView(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Inter-coder Agreement"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  auto* coders = new wxBoxSizer(wxVERTICAL);
  coders->Add(new wxStaticText(this, wxID_ANY, _("Coders:")), 0, wxBOTTOM, 4);
  m_coders = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(180, 110)));
  coders->Add(m_coders, 1, wxEXPAND);
  top->Add(coders, 0, wxEXPAND | wxALL, 8);
  auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(8, 6)));
  grid->Add(new wxStaticText(this, wxID_ANY, _("Code:")), 0, wxALIGN_CENTER_VERTICAL);
  m_code = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(360, -1)));
  grid->Add(m_code, 0, wxEXPAND);
  // TRANSLATORS: the unit of analysis of inter-coder agreement: document, character or segment.
  grid->Add(new wxStaticText(this, wxID_ANY, _("Unit:")), 0, wxALIGN_CENTER_VERTICAL);
  m_unit = new wxChoice(this, wxID_ANY);
  m_unit->Append(_("Document"));
  m_unit->Append(_("Character"));
  m_unit->Append(_("Segment"));
  m_unit->SetSelection(0);
  m_unit->SetToolTip(_("Character: every code point is a unit; read unitized alpha. Segment: "
                       "coded stretches match when they overlap by 90%."));
  grid->Add(m_unit, 0);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Consensus coder:")), 0, wxALIGN_CENTER_VERTICAL);
  m_consensus = new wxTextCtrl(this, wxID_ANY, "consensus");
  m_consensus->SetToolTip(_("Settled disagreements are coded as this coder"));
  grid->Add(m_consensus, 0, wxEXPAND);
  top->Add(grid, 1, wxALL, 8);
  sizer->Add(top, 0, wxEXPAND);

  m_table = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES | wxLC_VRULES);
  m_table->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(300));
  // TRANSLATORS: percent agreement, shown as a share from 0 to 1.
  m_table->AppendColumn(_("Agreement"), wxLIST_FORMAT_RIGHT, FromDIP(90));
  m_table->AppendColumn(wxString::FromUTF8("Cohen \xCE\xBA"), wxLIST_FORMAT_RIGHT, FromDIP(80));
  m_table->AppendColumn(wxString::FromUTF8("Scott \xCF\x80"), wxLIST_FORMAT_RIGHT, FromDIP(80));
  m_table->AppendColumn(wxString::FromUTF8("Fleiss \xCE\xBA"), wxLIST_FORMAT_RIGHT, FromDIP(80));
  m_table->AppendColumn(wxString::FromUTF8("Krippendorff \xCE\xB1"), wxLIST_FORMAT_RIGHT, FromDIP(110));
  m_table->AppendColumn(wxString::FromUTF8("u\xCE\xB1"), wxLIST_FORMAT_RIGHT, FromDIP(80));
  // TRANSLATORS: the number of units of analysis compared (documents, code points or segments).
  m_table->AppendColumn(_("Units"), wxLIST_FORMAT_RIGHT, FromDIP(90));
  sizer->Add(m_table, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
  m_status = new wxStaticText(this, wxID_ANY, wxEmptyString);
  sizer->Add(m_status, 0, wxEXPAND | wxALL, 8);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* disagreements = new wxButton(this, wxID_ANY, _("Disagreements..."));
  disagreements->SetToolTip(_("Settle the disagreements of the selected code (two coders)"));
  buttons->Add(disagreements, 0);
  buttons->AddStretchSpacer();
  buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(1000, 620)));

  m_coders->Bind(wxEVT_CHECKLISTBOX, [this](wxCommandEvent&) { Recompute(); });
  m_code->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Recompute(); });
  m_unit->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Recompute(); });
  m_table->Bind(wxEVT_LIST_ITEM_ACTIVATED,
                [this](wxListEvent& event) { OpenDisagreements(event.GetIndex()); });
  disagreements->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long row = m_table->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    OpenDisagreements(row < 0 ? m_table->GetItemCount() - 1 : row);
  });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
  m_connection = m_workspace.Subscribe([this](Changes changes) {
    if (!m_workspace.HasProject()) {
      Destroy();
      return;
    }
    if (changes.Has(Change::Project) || changes.Has(Change::Codebook)) FillChoices();
    if (changes.Has(Change::Codings) || changes.Has(Change::Codebook) ||
        changes.Has(Change::Project))
      Recompute();
  });
  FillChoices();
  Recompute();
}

void AgreementView::FillChoices() {
  const auto checked = CheckedCoders();
  const wxString code = m_code->GetStringSelection();
  m_coders->Clear();
  const auto names = m_workspace.KnownCoders();
  for (const auto& name : names) m_coders->Append(ToWx(name));
  // The first time, the two coders who coded most alike by default: amara and niran in the
  // example study; otherwise whoever was checked before.
  for (unsigned i = 0; i < m_coders->GetCount(); ++i) {
    const std::string name = names[i];
    if (checked.empty() ? (name != m_workspace.Coder() && name != "lead" && name != ConsensusCoder())
                        : std::find(checked.begin(), checked.end(), name) != checked.end())
      m_coders->Check(i);
  }
  m_code_paths.clear();
  m_code->Clear();
  m_code->Append(_("(all codes)"));
  for (const auto& c : m_workspace.Codes()) {
    m_code_paths.push_back(c.path);
    m_code->Append(ToWx(c.path));
  }
  if (!m_code->SetStringSelection(code)) m_code->SetSelection(0);
}

std::vector<std::string> AgreementView::CheckedCoders() const {
  std::vector<std::string> names;
  for (unsigned i = 0; i < m_coders->GetCount(); ++i)
    if (m_coders->IsChecked(i)) names.push_back(FromWx(m_coders->GetString(i)));
  return names;
}

std::string AgreementView::ConsensusCoder() const { return FromWx(m_consensus->GetValue().Strip(wxString::both)); }

bool AgreementView::Choose(const std::vector<std::string>& coders, const std::string& code,
                           AgreementRequest::Unit unit) {
  for (unsigned i = 0; i < m_coders->GetCount(); ++i) m_coders->Check(i, false);
  for (const auto& name : coders) {
    const int at = m_coders->FindString(ToWx(name), true);
    if (at == wxNOT_FOUND) return false;
    m_coders->Check(static_cast<unsigned>(at));
  }
  if (code.empty()) {
    m_code->SetSelection(0);
  } else if (!m_code->SetStringSelection(ToWx(code))) {
    return false;
  }
  m_unit->SetSelection(static_cast<int>(std::find(std::begin(kUnits), std::end(kUnits), unit) - std::begin(kUnits)));
  Recompute();
  return true;
}

void AgreementView::Recompute() {
  m_report = AgreementReport{};
  m_table->DeleteAllItems();
  ProjectAgreementQuery query;
  query.coders = CheckedCoders();
  if (query.coders.size() < 2) {
    m_status->SetLabel(_("Check at least two coders."));
    return;
  }
  if (m_code->GetSelection() > 0) query.codes = {m_code_paths[static_cast<std::size_t>(m_code->GetSelection() - 1)]};
  query.unit = kUnits[std::max(0, m_unit->GetSelection())];
  std::size_t documents = 0;
  const bool ok = RunAction(this, _("Agreement couldn't be computed."), [&] {
    const AgreementRequest request = BuildAgreementRequest(m_workspace.GetProject(), query);
    documents = request.document_lengths.size();
    m_report = ComputeAgreement(request);
  });
  if (!ok) {
    m_status->SetLabel(_("Agreement couldn't be computed."));
    return;
  }
  auto add = [this](const CodeAgreement& c) {
    const long row = m_table->InsertItem(m_table->GetItemCount(), c.code.empty() ? _("Overall") : ToWx(c.code));
    m_table->SetItem(row, 1, Fixed(c.percent));
    m_table->SetItem(row, 2, Fixed(c.cohen_kappa));
    m_table->SetItem(row, 3, Fixed(c.scott_pi));
    m_table->SetItem(row, 4, Fixed(c.fleiss_kappa));
    m_table->SetItem(row, 5, Fixed(c.krippendorff_alpha));
    m_table->SetItem(row, 6, Fixed(c.u_alpha));
    m_table->SetItem(row, 7, wxString::Format("%zu", c.units));
  };
  for (const auto& c : m_report.codes) add(c);
  add(m_report.overall);
  wxFont bold = m_table->GetFont();
  bold.MakeBold();
  m_table->SetItemFont(m_table->GetItemCount() - 1, bold);
  const wxString hint = query.coders.size() == 2
                            ? _("Double-click a code to settle its disagreements.")
                            : _("Check exactly two coders to settle disagreements.");
  m_status->SetLabel(wxString::Format(wxPLURAL("%zu document compared. ", "%zu documents compared. ",
                                               static_cast<unsigned>(documents)),
                                      documents) + hint);
}

DisagreementDialog* AgreementView::OpenDisagreements(long row) {
  const auto coders = CheckedCoders();
  if (coders.size() != 2 || row < 0 || row >= m_table->GetItemCount()) return nullptr;
  std::string code;
  if (static_cast<std::size_t>(row) < m_report.codes.size()) {
    code = m_report.codes[static_cast<std::size_t>(row)].code;
  } else if (m_code->GetSelection() > 0) {
    code = m_code_paths[static_cast<std::size_t>(m_code->GetSelection() - 1)];
  }
  const std::string into = ConsensusCoder();
  if (into.empty() || into == coders[0] || into == coders[1]) {
    m_status->SetLabel(_("Name a consensus coder other than the two coders compared."));
    return nullptr;
  }
  DisagreementDialog* dialog = nullptr;
  RunAction(this, _("The disagreements couldn't be listed."), [&] {
    dialog = new DisagreementDialog(this, m_workspace, coders[0], coders[1], code, into);
    dialog->Show();
  });
  return dialog;
}

AgreementView* ShowAgreementView(wxWindow* parent, Workspace& workspace) {
  auto* view = new AgreementView(parent, workspace);
  view->Show();
  return view;
}

}  // namespace tessera::app
