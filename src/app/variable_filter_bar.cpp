#include "variable_filter_bar.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <set>

#include "project/project.h"
#include "project/variable_store.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

bool PassesFilters(const std::map<std::string, std::string>& values,
                   const VariableFilters& filters) {
  std::map<std::string, bool> satisfied;  // variable -> any of its values matched
  for (const auto& [variable, value] : filters) {
    bool& ok = satisfied[variable];
    auto it = values.find(variable);
    if (it != values.end() && ToWx(it->second).Lower() == ToWx(value).Lower()) ok = true;
  }
  return std::all_of(satisfied.begin(), satisfied.end(), [](const auto& s) { return s.second; });
}

VariableFilterBar::VariableFilterBar(wxWindow* parent, Workspace& workspace)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  m_where = new wxStaticText(this, wxID_ANY, wxString());
  m_variable = new wxChoice(this, wxID_ANY);
  m_value = new wxChoice(this, wxID_ANY);
  m_add = new wxButton(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
  m_clear =
      new wxButton(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
  m_active = new wxStaticText(this, wxID_ANY, wxString());
  sizer->Add(m_where, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  sizer->Add(m_variable, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  sizer->Add(m_value, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  sizer->Add(m_add, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  sizer->Add(m_clear, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  sizer->Add(m_active, 1, wxALIGN_CENTER_VERTICAL);
  SetSizer(sizer);
  Relabel();
  m_variable->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FillValues(); });
  m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const int v = m_variable->GetSelection(), w = m_value->GetSelection();
    if (v == wxNOT_FOUND || w == wxNOT_FOUND) return;
    AddFilter(FromWx(m_variable->GetString(static_cast<unsigned>(v))),
              FromWx(m_value->GetString(static_cast<unsigned>(w))));
  });
  m_clear->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Clear(); });
}

void VariableFilterBar::Relabel() {
  m_where->SetLabel(_("Only where"));
  m_add->SetLabel(_("Add"));
  m_clear->SetLabel(_("Clear"));
  ShowFilters();
}

void VariableFilterBar::Reload() {
  m_values.clear();
  if (m_workspace.HasProject()) {
    std::map<std::string, std::set<std::string>> distinct;
    for (const auto& [doc, values] :
         VariableStore(m_workspace.GetProject().Db()).AllDocumentValues()) {
      for (const auto& [k, v] : values) distinct[k].insert(v);
    }
    for (auto& [k, vs] : distinct) m_values[k] = std::vector<std::string>(vs.begin(), vs.end());
  }
  const wxString previous = m_variable->GetStringSelection();
  m_variable->Clear();
  for (const auto& [k, vs] : m_values) m_variable->Append(ToWx(k));
  if (!previous.empty() && m_variable->SetStringSelection(previous)) {
  } else if (m_variable->GetCount() > 0) {
    m_variable->SetSelection(0);
  }
  FillValues();
  Layout();
}

void VariableFilterBar::FillValues() {
  m_value->Clear();
  const int v = m_variable->GetSelection();
  if (v == wxNOT_FOUND) return;
  auto it = m_values.find(FromWx(m_variable->GetString(static_cast<unsigned>(v))));
  if (it == m_values.end()) return;
  for (const auto& value : it->second) m_value->Append(ToWx(value));
  if (m_value->GetCount() > 0) m_value->SetSelection(0);
  Layout();
}

void VariableFilterBar::AddFilter(const std::string& variable, const std::string& value) {
  const auto filter = std::make_pair(variable, value);
  if (std::find(m_filters.begin(), m_filters.end(), filter) == m_filters.end())
    m_filters.push_back(filter);
  ShowFilters();
  if (on_changed) on_changed();
}

void VariableFilterBar::Clear() {
  if (m_filters.empty()) return;
  m_filters.clear();
  ShowFilters();
  if (on_changed) on_changed();
}

void VariableFilterBar::ShowFilters() {
  wxString text;
  for (const auto& [k, v] : m_filters) {
    if (!text.empty()) text << "; ";
    text << ToWx(k) << " = " << ToWx(v);
  }
  m_active->SetLabel(text.empty() ? _("(all transcripts)") : text);
  m_clear->Enable(!m_filters.empty());
  Layout();
}

}  // namespace tessera::app
