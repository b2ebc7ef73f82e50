#include "retrieval_panel.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <map>
#include <memory>
#include <set>

#include "preferences.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "text/offset_map.h"
#include "variable_filter_bar.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

RetrievalPanel::RetrievalPanel(wxWindow* parent, Workspace& workspace)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  m_code_label = new wxStaticText(this, wxID_ANY, wxString());
  m_code = new wxChoice(this, wxID_ANY);
  m_subcodes = new wxCheckBox(this, wxID_ANY, wxString());
  m_subcodes->SetValue(true);
  m_coder = new wxChoice(this, wxID_ANY);
  m_summary = new wxStaticText(this, wxID_ANY, wxString());
  row->Add(m_code_label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  row->Add(m_code, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  row->Add(m_subcodes, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  row->Add(m_coder, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  row->Add(m_summary, 0, wxALIGN_CENTER_VERTICAL);
  m_filters = new VariableFilterBar(this, workspace);
  m_list = new KwicList(this);
  sizer->Add(row, 0, wxEXPAND | wxALL, 4);
  sizer->Add(m_filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);
  sizer->Add(m_list, 1, wxEXPAND);
  SetSizer(sizer);
  Relabel();

  m_code->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Run(); });
  m_subcodes->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { Run(); });
  m_coder->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Run(); });
  m_filters->on_changed = [this] { Run(); };
  m_list->on_activate = [this](const KwicRow& activated) {
    if (on_jump) on_jump(activated.document, activated.start, activated.end);
  };
  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
  FillChoices();
}

RetrievalPanel::~RetrievalPanel() = default;

void RetrievalPanel::Relabel() {
  m_code_label->SetLabel(_("Code:"));
  m_subcodes->SetLabel(_("with sub-codes"));
  m_list->SetTitles(_("Code and coder"));
  m_filters->Relabel();
  FillChoices();
  Layout();
}

void RetrievalPanel::OnChanges(Changes changes) {
  if (changes.Has(Change::Project)) {
    m_list->SetRows({});
    m_filters->Clear();
  }
  if (changes.Has(Change::Codebook) || changes.Has(Change::Coder) ||
      changes.Has(Change::Variables) || changes.Has(Change::Documents)) {
    FillChoices();
  }
  if (changes.Has(Change::Codings) || changes.Has(Change::Codebook)) Run();
}

void RetrievalPanel::FillChoices() {
  const std::int64_t previous =
      m_code->GetSelection() != wxNOT_FOUND &&
              static_cast<std::size_t>(m_code->GetSelection()) < m_code_ids.size()
          ? m_code_ids[static_cast<std::size_t>(m_code->GetSelection())]
          : -1;
  const wxString previous_coder =
      m_coder->GetSelection() > 0 ? m_coder->GetStringSelection() : wxString();
  m_code->Clear();
  m_code_ids.clear();
  m_coder->Clear();
  m_coder->Append(_("All coders"));
  m_coder->SetSelection(0);
  if (m_workspace.HasProject()) {
    for (const auto& c : m_workspace.Codes()) {
      m_code->Append(wxString(' ', static_cast<std::size_t>(c.depth) * 3) + ToWx(c.name));
      m_code_ids.push_back(c.id);
      if (c.id == previous) m_code->SetSelection(static_cast<int>(m_code_ids.size()) - 1);
    }
    for (const auto& name : m_workspace.KnownCoders()) m_coder->Append(ToWx(name));
    if (!previous_coder.empty()) m_coder->SetStringSelection(previous_coder);
  }
  m_filters->Reload();
}

void RetrievalPanel::ShowCode(std::int64_t code) {
  for (std::size_t i = 0; i < m_code_ids.size(); ++i) {
    if (m_code_ids[i] == code) m_code->SetSelection(static_cast<int>(i));
  }
  Run();
}

void RetrievalPanel::Run() {
  const int selected = m_code->GetSelection();
  if (!m_workspace.HasProject() || selected == wxNOT_FOUND ||
      static_cast<std::size_t>(selected) >= m_code_ids.size()) {
    m_list->SetRows({});
    m_summary->SetLabel(wxString());
    return;
  }
  Project& project = m_workspace.GetProject();
  const std::int64_t code = m_code_ids[static_cast<std::size_t>(selected)];
  CodingFilter filter;
  filter.with_text = false;
  filter.codes = m_subcodes->GetValue() ? CodeTree(project.Db()).Subtree(code)
                                        : std::vector<std::int64_t>{code};
  auto codings = CodingStore(project.Db()).List(filter);

  const wxString coder = m_coder->GetSelection() > 0 ? m_coder->GetStringSelection() : wxString();
  const auto& filters = m_filters->Filters();
  std::map<std::int64_t, std::map<std::string, std::string>> values;
  if (!filters.empty()) values = VariableStore(project.Db()).AllDocumentValues();
  std::map<std::int64_t, bool> sensitive;
  for (const auto& c : m_workspace.Codes())
    sensitive[c.id] = c.sensitive || (c.parent_id && sensitive[*c.parent_id]);
  const bool mask = Preferences::Load().mask_sensitive;

  DocumentStore documents(project.Db());
  std::vector<KwicRow> rows;
  std::set<std::int64_t> in_documents;
  std::int64_t current = -1;
  std::string text;
  std::unique_ptr<OffsetMap> offsets;
  for (const auto& c : codings) {
    if (!coder.empty() && ToWx(c.coder) != coder) continue;
    if (!filters.empty() && !PassesFilters(values[c.document_id], filters)) continue;
    if (c.document_id != current) {
      text = documents.Text(c.document_id);
      offsets = std::make_unique<OffsetMap>(text);
      current = c.document_id;
    }
    KwicRow row;
    row.document = c.document_id;
    row.document_name = ToWx(c.document);
    row.start = c.start;
    row.end = c.end;
    const Code* code_info = m_workspace.FindCode(c.code_id);
    row.label = (code_info ? ToWx(code_info->name) : ToWx(c.code)) +
                wxString::FromUTF8(" \xC2\xB7 ") + ToWx(c.coder);
    row.masked = mask && sensitive[c.code_id];
    FillContext(row, text, *offsets);
    rows.push_back(std::move(row));
    in_documents.insert(c.document_id);
  }
  m_summary->SetLabel(
      wxString::Format(wxPLURAL("%zu segment", "%zu segments", rows.size()), rows.size()) + ", " +
      wxString::Format(wxPLURAL("%zu transcript", "%zu transcripts", in_documents.size()),
                       in_documents.size()));
  m_list->SetRows(std::move(rows));
  Layout();
}

}  // namespace tessera::app
