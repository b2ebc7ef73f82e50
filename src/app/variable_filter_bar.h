#pragma once
// "Only where <variable> is <value>": a row of controls that collects variable filters, shared by
// retrieval and search. Several values of one variable are alternatives; different variables must
// all hold.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

class wxChoice;
class wxButton;
class wxStaticText;

namespace tessera::app {

class Workspace;

/// Filters as (variable, value) pairs.
using VariableFilters = std::vector<std::pair<std::string, std::string>>;

/// True when a document's variable values pass `filters`.
bool PassesFilters(const std::map<std::string, std::string>& values,
                   const VariableFilters& filters);

/// Collects variable filters.
class VariableFilterBar : public wxPanel {
 public:
  VariableFilterBar(wxWindow* parent, Workspace& workspace);
  /// Re-reads variables and their values from the project.
  void Reload();
  /// The filters chosen.
  const VariableFilters& Filters() const { return m_filters; }
  /// Adds a filter (as the Add button does).
  void AddFilter(const std::string& variable, const std::string& value);
  /// Removes all filters.
  void Clear();
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// The filters changed.
  std::function<void()> on_changed;

 private:
  void FillValues();
  void ShowFilters();

  Workspace& m_workspace;
  wxStaticText* m_where = nullptr;
  wxChoice* m_variable = nullptr;
  wxChoice* m_value = nullptr;
  wxButton* m_add = nullptr;
  wxButton* m_clear = nullptr;
  wxStaticText* m_active = nullptr;
  std::map<std::string, std::vector<std::string>> m_values;  // variable -> distinct values
  VariableFilters m_filters;
};

}  // namespace tessera::app
