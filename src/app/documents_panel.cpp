#include "documents_panel.h"

#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>

#include <algorithm>
#include <set>

#include "project/memo_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "project_queries.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

// A virtual list over the panel's rows: nothing is copied into the control.
class DocumentList : public wxListCtrl {
 public:
  DocumentList(wxWindow* parent, DocumentsPanel& panel)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_VIRTUAL | wxBORDER_NONE),
        m_panel(panel) {}
  wxString OnGetItemText(long item, long column) const override {
    if (item < 0 || static_cast<std::size_t>(item) >= m_panel.m_shown.size()) return {};
    return m_panel.CellText(m_panel.m_shown[static_cast<std::size_t>(item)],
                            static_cast<int>(column));
  }

 private:
  DocumentsPanel& m_panel;
};

namespace {
constexpr int kFixedColumns = 4;  // name, language, case, codings
}

DocumentsPanel::DocumentsPanel(wxWindow* parent, Workspace& workspace)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_scope = new wxChoice(this, wxID_ANY);
  m_filter = new wxSearchCtrl(this, wxID_ANY);
  m_filter->ShowCancelButton(true);
  m_list = new DocumentList(this, *this);
  sizer->Add(m_scope, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 4);
  sizer->Add(m_filter, 0, wxEXPAND | wxALL, 4);
  sizer->Add(m_list, 1, wxEXPAND);
  SetSizer(sizer);
  Relabel();

  m_filter->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { ApplyFilter(); });
  m_filter->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_filter->Clear(); });
  m_scope->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ApplyFilter(); });
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    const long item = event.GetIndex();
    if (item >= 0 && static_cast<std::size_t>(item) < m_shown.size() && on_open)
      on_open(m_rows[m_shown[item]].info.id);
  });
  m_list->Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) {
    const int column = event.GetColumn();
    if (column < 0) return;
    SortBy(column, column == m_sort_column ? !m_sort_ascending : true);
  });
  m_list->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK, [this](wxListEvent&) {
    if (on_context_menu) on_context_menu();
  });
  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
  Reload();
}

DocumentsPanel::~DocumentsPanel() = default;

void DocumentsPanel::Relabel() {
  m_filter->SetDescriptiveText(_("Filter, e.g. girl or country=Cambodia"));
  m_filter->SetToolTip(_("Words match any column; variable=value matches one variable."));
  FillScopes();
  RebuildColumns();
}

void DocumentsPanel::OnChanges(Changes changes) {
  if (changes.Has(Change::Documents) || changes.Has(Change::Variables) ||
      changes.Has(Change::Codings))
    Reload();
}

void DocumentsPanel::Reload() {
  const auto selected = SelectedDocument();
  m_rows.clear();
  m_variables.clear();
  if (m_workspace.HasProject()) {
    Database& db = m_workspace.GetProject().Db();
    VariableStore variables(db);
    std::map<std::int64_t, std::string> case_names;
    for (const auto& c : variables.Cases()) case_names[c.id] = c.name;
    for (const auto& v : variables.Variables()) m_variables.push_back(v.name);
    const auto values = variables.AllDocumentValues();
    const auto counts = CodingCountsByDocument(db);
    for (auto& info : DocumentStore(db).List()) {
      DocumentRow row;
      if (info.case_id) row.case_name = ToWx(case_names[*info.case_id]);
      if (auto it = values.find(info.id); it != values.end()) row.values = it->second;
      if (auto it = counts.find(info.id); it != counts.end()) row.codings = it->second;
      row.info = std::move(info);
      m_rows.push_back(std::move(row));
    }
  }
  FillScopes();
  RebuildColumns();
  ApplyFilter();
  if (selected) SelectDocument(*selected);
}

void DocumentsPanel::FillScopes() {
  const int previous = m_scope->GetSelection();
  m_scope->Clear();
  m_scope_members.clear();
  m_scope->Append(_("All transcripts"));
  m_scope_members.emplace_back(std::nullopt);
  if (m_workspace.HasProject()) {
    Database& db = m_workspace.GetProject().Db();
    for (const auto& c : VariableStore(db).Cases()) {
      std::vector<std::int64_t> members;
      for (const auto& row : m_rows) {
        if (row.info.case_id == c.id) members.push_back(row.info.id);
      }
      m_scope->Append(wxString::Format(_("Case: %s (%zu)"), ToWx(c.name), members.size()));
      m_scope_members.emplace_back(std::move(members));
    }
    for (const auto& s : MemoStore(db).Sets()) {
      m_scope->Append(wxString::Format(_("Set: %s (%zu)"), ToWx(s.name), s.documents.size()));
      m_scope_members.emplace_back(s.documents);
    }
  }
  m_scope->SetSelection(previous >= 0 && previous < static_cast<int>(m_scope->GetCount()) ? previous
                                                                                          : 0);
}

void DocumentsPanel::RebuildColumns() {
  m_list->ClearAll();
  m_list->AppendColumn(_("Transcript"), wxLIST_FORMAT_LEFT, FromDIP(150));
  m_list->AppendColumn(_("Language"), wxLIST_FORMAT_LEFT, FromDIP(45));
  m_list->AppendColumn(_("Case"), wxLIST_FORMAT_LEFT, FromDIP(65));
  m_list->AppendColumn(_("Codings"), wxLIST_FORMAT_RIGHT, FromDIP(60));
  for (const auto& v : m_variables) m_list->AppendColumn(ToWx(v), wxLIST_FORMAT_LEFT, FromDIP(80));
  m_list->SetItemCount(static_cast<long>(m_shown.size()));
}

wxString DocumentsPanel::CellText(std::size_t row, int column) const {
  const DocumentRow& r = m_rows[row];
  switch (column) {
    case 0:
      return ToWx(r.info.name) +
             (r.info.content_note.empty() ? wxString() : wxString::FromUTF8(" \xE2\x97\x87"));
    case 1:
      return ToWx(r.info.language);
    case 2:
      return r.case_name;
    case 3:
      return wxString::Format("%lld", static_cast<long long>(r.codings));
    default: {
      const std::size_t v = static_cast<std::size_t>(column - kFixedColumns);
      if (v >= m_variables.size()) return {};
      auto it = r.values.find(m_variables[v]);
      return it == r.values.end() ? wxString() : ToWx(it->second);
    }
  }
}

void DocumentsPanel::SetFilter(const wxString& text) {
  m_filter->ChangeValue(text);
  ApplyFilter();
}

void DocumentsPanel::ApplyFilter() {
  const auto selected = SelectedDocument();
  m_shown.clear();
  const int scope = m_scope->GetSelection();
  std::set<std::int64_t> members;
  const bool scoped = scope > 0 && static_cast<std::size_t>(scope) < m_scope_members.size() &&
                      m_scope_members[scope];
  if (scoped) members.insert(m_scope_members[scope]->begin(), m_scope_members[scope]->end());

  std::vector<wxString> words;
  for (const auto& word : wxSplit(m_filter->GetValue().Lower(), ' ', '\0')) {
    if (!word.empty()) words.push_back(word);
  }
  const int columns = kFixedColumns + static_cast<int>(m_variables.size());
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    if (scoped && !members.count(m_rows[i].info.id)) continue;
    bool keep = true;
    for (const auto& word : words) {
      bool found = false;
      if (const int eq = word.Find('='); eq > 0) {
        const std::string name = FromWx(word.Left(eq));
        const wxString value = word.Mid(eq + 1);
        for (const auto& [k, v] : m_rows[i].values) {
          if (ToWx(k).Lower() == ToWx(name) && ToWx(v).Lower() == value) found = true;
        }
      } else {
        for (int c = 0; c < columns && !found; ++c) found = CellText(i, c).Lower().Contains(word);
      }
      if (!found) {
        keep = false;
        break;
      }
    }
    if (keep) m_shown.push_back(i);
  }
  SortBy(m_sort_column, m_sort_ascending);
  if (selected) SelectDocument(*selected);
}

void DocumentsPanel::SortBy(int column, bool ascending) {
  m_sort_column = column;
  m_sort_ascending = ascending;
  std::stable_sort(m_shown.begin(), m_shown.end(), [&](std::size_t a, std::size_t b) {
    int cmp = 0;
    if (column == 3) {
      cmp = m_rows[a].codings < m_rows[b].codings   ? -1
            : m_rows[a].codings > m_rows[b].codings ? 1
                                                    : 0;
    } else {
      cmp = CellText(a, column).CmpNoCase(CellText(b, column));
    }
    return ascending ? cmp < 0 : cmp > 0;
  });
  m_list->SetItemCount(static_cast<long>(m_shown.size()));
  m_list->Refresh();
}

std::optional<std::int64_t> DocumentsPanel::SelectedDocument() const {
  long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_FOCUSED);
  if (item < 0 || !(m_list->GetItemState(item, wxLIST_STATE_SELECTED) & wxLIST_STATE_SELECTED)) {
    item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  }
  if (item < 0 || static_cast<std::size_t>(item) >= m_shown.size()) return std::nullopt;
  return m_rows[m_shown[static_cast<std::size_t>(item)]].info.id;
}

std::vector<std::int64_t> DocumentsPanel::SelectedDocuments() const {
  std::vector<std::int64_t> ids;
  for (long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
       item = m_list->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    if (static_cast<std::size_t>(item) < m_shown.size())
      ids.push_back(m_rows[m_shown[static_cast<std::size_t>(item)]].info.id);
  }
  return ids;
}

void DocumentsPanel::SelectDocument(std::int64_t id) {
  for (std::size_t i = 0; i < m_shown.size(); ++i) {
    if (m_rows[m_shown[i]].info.id != id) continue;
    for (long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
         item = m_list->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
      m_list->SetItemState(item, 0, wxLIST_STATE_SELECTED);
    }
    const long item = static_cast<long>(i);
    m_list->SetItemState(item, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->EnsureVisible(item);
    return;
  }
}

}  // namespace tessera::app
