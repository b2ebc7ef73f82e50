#include "merge_dialog.h"

#include <wx/button.h>
#include <wx/filepicker.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <set>

#include "error_report.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

MergeDialog::MergeDialog(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Merge Coder's Copy"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      _("Brings in the codings, memos and new codes of a copy of this project that a coder worked "
        "on. Nothing is overwritten: what cannot be merged is listed as a conflict to settle."));
  intro->Wrap(FromDIP(760));
  sizer->Add(intro, 0, wxALL, 8);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(new wxStaticText(this, wxID_ANY, _("Coder's copy:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
  m_picker = new wxFilePickerCtrl(this, wxID_ANY, wxEmptyString, _("Choose a coder's copy"),
                                  _("Tessera projects (*.tessera)|*.tessera|All files|*"),
                                  wxDefaultPosition, wxDefaultSize,
                                  wxFLP_OPEN | wxFLP_FILE_MUST_EXIST | wxFLP_USE_TEXTCTRL);
  row->Add(m_picker, 1, wxEXPAND | wxRIGHT, 6);
  m_merge = new wxButton(this, wxID_ANY, _("&Merge"));
  row->Add(m_merge, 0);
  sizer->Add(row, 0, wxEXPAND | wxALL, 8);
  m_summary = new wxStaticText(this, wxID_ANY, wxEmptyString);
  sizer->Add(m_summary, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
  m_list->AppendColumn(_("What"), wxLIST_FORMAT_LEFT, FromDIP(110));
  m_list->AppendColumn(_("Document"), wxLIST_FORMAT_LEFT, FromDIP(160));
  m_list->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(240));
  m_list->AppendColumn(_("Coder"), wxLIST_FORMAT_LEFT, FromDIP(80));
  m_list->AppendColumn(_("Detail"), wxLIST_FORMAT_LEFT, FromDIP(420));
  sizer->Add(m_list, 1, wxEXPAND | wxALL, 8);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->AddStretchSpacer();
  buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(1040, 600)));

  m_merge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Merge(); });
  m_merge->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(!m_picker->GetPath().empty()); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
}

void MergeDialog::Merge() {
  const wxString path = m_picker->GetPath();
  if (path.empty() || !m_workspace.HasProject()) return;
  const bool ok = RunAction(this, wxString::Format(_("The copy \"%s\" couldn't be merged."), path), [&] {
    Project& project = m_workspace.GetProject();
    CodingStore codings(project.Db());
    CodingFilter all;
    all.with_text = false;
    std::set<std::string> before;
    for (const auto& c : codings.List(all)) before.insert(c.guid);
    m_report = MergeCopy(project, FromWx(path));
    // What came in: the codings whose GUIDs were not here before (the copy's own GUIDs).
    m_incoming.clear();
    for (auto& c : codings.List()) {
      if (!before.count(c.guid)) m_incoming.push_back(std::move(c));
    }
  });
  if (!ok) return;
  m_workspace.Notify(Changes(Change::Codings) | Change::Codebook | Change::Memos);
  ShowReport();
}

void MergeDialog::ShowReport() {
  const MergeReport& r = *m_report;
  m_summary->SetLabel(wxString::Format(
      // TRANSLATORS: counts after "name:" so that no plural forms are needed.
      _("Came in: codings: %lld, memos: %lld, codes: %lld, coders: %lld. Already here: codings: "
        "%lld. Conflicts: %zu."),
      static_cast<long long>(r.codings_added), static_cast<long long>(r.memos_added),
      static_cast<long long>(r.codes_added), static_cast<long long>(r.users_added),
      static_cast<long long>(r.codings_present), r.conflicts.size()));
  m_list->Freeze();
  m_list->DeleteAllItems();
  long row = 0;
  for (const auto& conflict : r.conflicts) {
    // TRANSLATORS: a line of the merge report: something that could not be merged.
    m_list->InsertItem(row, _("Conflict"));
    m_list->SetItem(row, 4, ToWx(conflict));
    m_list->SetItemTextColour(row, wxColour(0xB0, 0x20, 0x20));
    ++row;
  }
  for (const auto& c : m_incoming) {
    // TRANSLATORS: a line of the merge report: a coding brought in from the copy.
    m_list->InsertItem(row, _("New coding"));
    m_list->SetItem(row, 1, ToWx(c.document));
    m_list->SetItem(row, 2, ToWx(c.code));
    m_list->SetItem(row, 3, ToWx(c.coder));
    m_list->SetItem(row, 4, wxString::Format("%zu-%zu  ", c.start, c.end) + OneLine(ToWx(c.text), 200));
    ++row;
  }
  m_list->Thaw();
  Layout();
}

MergeDialog* ShowMergeDialog(wxWindow* parent, Workspace& workspace) {
  auto* dialog = new MergeDialog(parent, workspace);
  dialog->Show();
  return dialog;
}

}  // namespace tessera::app
