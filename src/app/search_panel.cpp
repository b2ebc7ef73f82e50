#include "search_panel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>

#include "error_report.h"
#include "progress_dialog_sink.h"
#include "variable_filter_bar.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

SearchPanel::SearchPanel(wxWindow* parent, Workspace& workspace,
                         std::unique_ptr<SearchProvider> provider)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace), m_provider(std::move(provider)) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  m_query = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxTE_PROCESS_ENTER);
  m_query->SetMinSize(FromDIP(wxSize(260, -1)));
  m_summary = new wxStaticText(this, wxID_ANY, wxString());
  row->Add(m_query, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  row->Add(m_summary, 0, wxALIGN_CENTER_VERTICAL);
  m_filters = new VariableFilterBar(this, workspace);
  m_list = new KwicList(this);
  auto* code_row = new wxBoxSizer(wxHORIZONTAL);
  m_code_label = new wxStaticText(this, wxID_ANY, wxString());
  m_code = new wxChoice(this, wxID_ANY);
  m_unit = new wxChoice(this, wxID_ANY);
  m_code_selected = new wxButton(this, wxID_ANY, wxString());
  m_code_all = new wxButton(this, wxID_ANY, wxString());
  code_row->Add(m_code_label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  code_row->Add(m_code, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  code_row->Add(m_unit, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  code_row->Add(m_code_selected, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  code_row->Add(m_code_all, 0, wxALIGN_CENTER_VERTICAL);
  sizer->Add(row, 0, wxEXPAND | wxALL, 4);
  sizer->Add(m_filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
  sizer->Add(m_list, 1, wxEXPAND);
  sizer->Add(code_row, 0, wxEXPAND | wxALL, 4);
  SetSizer(sizer);
  Relabel();

  m_query->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { Run(); });
  m_query->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) { Run(); });
  m_filters->on_changed = [this] {
    if (!m_query->GetValue().empty()) Run();
  };
  m_list->on_activate = [this](const KwicRow& activated) {
    if (on_jump) on_jump(activated.document, activated.start, activated.end);
  };
  m_code_selected->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AutoCode(false); });
  m_code_all->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AutoCode(true); });
  m_code_selected->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) {
    event.Enable(m_code->GetSelection() != wxNOT_FOUND && m_list->GetSelectedItemCount() > 0);
  });
  m_code_all->Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) {
    event.Enable(m_code->GetSelection() != wxNOT_FOUND && !m_hits.empty());
  });
  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
  FillCodes();
}

SearchPanel::~SearchPanel() = default;

void SearchPanel::Relabel() {
  m_query->SetDescriptiveText(_("Search words, \"phrases\", AND, OR, NOT, NEAR, prefix*"));
  m_code_label->SetLabel(_("Code hits with:"));
  const int unit = m_unit->GetSelection();
  m_unit->Clear();
  m_unit->Append(_("the matched words"));
  m_unit->Append(_("the whole passages"));
  m_unit->SetSelection(unit == wxNOT_FOUND ? 1 : unit);
  m_code_selected->SetLabel(_("Code Selected Hits"));
  m_code_all->SetLabel(_("Code All Hits"));
  // TRANSLATORS: column of search hits: where the passage lies in its transcript (characters).
  m_list->SetTitles(_("Position"));
  m_filters->Relabel();
  if (!m_provider->Available()) {
    m_summary->SetLabel(_("Search is not available in this build."));
    m_query->Disable();
  }
  Layout();
}

void SearchPanel::OnChanges(Changes changes) {
  if (changes.Has(Change::Project)) {
    m_provider->Reset();
    m_hits.clear();
    m_list->SetRows({});
  }
  if (changes.Has(Change::Codebook)) FillCodes();
  if (changes.Has(Change::Variables) || changes.Has(Change::Documents)) m_filters->Reload();
}

void SearchPanel::FillCodes() {
  const wxString previous = m_code->GetStringSelection();
  m_code->Clear();
  m_code_ids.clear();
  if (!m_workspace.HasProject()) return;
  for (const auto& c : m_workspace.Codes()) {
    if (!c.codable) continue;
    m_code->Append(ToWx(c.path));
    m_code_ids.push_back(c.id);
  }
  if (previous.empty() || !m_code->SetStringSelection(previous)) {
    if (m_code->GetCount() > 0) m_code->SetSelection(0);
  }
  m_filters->Reload();
}

void SearchPanel::FocusQuery() {
  m_query->SetFocus();
  m_query->SelectAll();
}

void SearchPanel::RunQuery(const wxString& query) {
  m_query->ChangeValue(query);
  Run();
}

void SearchPanel::Run() {
  if (!m_workspace.HasProject() || !m_provider->Available()) return;
  const std::string query = FromWx(m_query->GetValue().Trim().Trim(false));
  if (query.empty()) return;
  const bool ok = RunAction(this, _("The search couldn't be run."), [&] {
    ProgressDialogSink progress(this, _("Preparing Search"), _("Indexing the transcripts..."));
    SearchOutcome outcome =
        m_provider->Search(m_workspace.GetProject(), query, m_filters->Filters(), 500, progress);
    m_hits = std::move(outcome.hits);
    std::vector<KwicRow> rows;
    for (const auto& hit : m_hits) {
      KwicRow row;
      row.document = hit.document;
      row.document_name = ToWx(hit.document_name);
      row.start = hit.matches.empty() ? hit.passage.start : hit.matches.front().start;
      row.end = hit.matches.empty() ? hit.passage.end : hit.matches.back().end;
      row.label = wxString::Format("%zu-%zu", hit.passage.start, hit.passage.end);
      row.before = ToWx(hit.before);
      row.hit = ToWx(hit.hit);
      row.after = ToWx(hit.after);
      rows.push_back(std::move(row));
    }
    m_list->SetRows(std::move(rows));
    m_summary->SetLabel(wxString::Format(
        wxPLURAL("%zu passage found", "%zu passages found", outcome.estimated_total),
        outcome.estimated_total));
  });
  if (!ok) {
    m_hits.clear();
    m_list->SetRows({});
    m_summary->SetLabel(wxString());
  }
  Layout();
}

std::vector<CodingTarget> SearchPanel::TargetsOf(const std::vector<std::size_t>& rows,
                                                 bool whole_passages) const {
  std::vector<CodingTarget> targets;
  for (auto r : rows) {
    if (r >= m_hits.size()) continue;
    const auto& hit = m_hits[r];
    if (whole_passages || hit.matches.empty()) {
      targets.push_back({hit.document, hit.passage});
    } else {
      for (const auto& m : hit.matches) targets.push_back({hit.document, m});
    }
  }
  return targets;
}

void SearchPanel::AutoCode(bool all) {
  const int code = m_code->GetSelection();
  if (code == wxNOT_FOUND || !on_autocode) return;
  std::vector<std::size_t> rows;
  if (all) {
    for (std::size_t i = 0; i < m_hits.size(); ++i) rows.push_back(i);
  } else {
    rows = m_list->SelectedRows();
  }
  auto targets = TargetsOf(rows, m_unit->GetSelection() == 1);
  if (!targets.empty()) on_autocode(m_code_ids[static_cast<std::size_t>(code)], std::move(targets));
}

}  // namespace tessera::app
