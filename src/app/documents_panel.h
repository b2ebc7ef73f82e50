#pragma once
// The transcripts on the left: one row per document with its language, case, number of codings
// and every variable as a column; click a column to sort, type in the filter box to narrow the list
// (words match any column; `gender=girl` matches one variable), and choose a case or a set.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "changes.h"
#include "project/document_store.h"

class wxChoice;
class wxSearchCtrl;

namespace tessera::app {

class Workspace;
class DocumentList;

/// One document as the list shows it.
struct DocumentRow {
  DocumentInfo info;
  wxString case_name;
  std::int64_t codings = 0;
  std::map<std::string, std::string> values;  ///< variable -> value
};

/// Lists, sorts and filters the project's documents.
class DocumentsPanel : public wxPanel {
 public:
  DocumentsPanel(wxWindow* parent, Workspace& workspace);
  ~DocumentsPanel() override;

  /// The focused document, if any.
  std::optional<std::int64_t> SelectedDocument() const;
  /// All selected documents.
  std::vector<std::int64_t> SelectedDocuments() const;
  /// Selects (and shows) a document.
  void SelectDocument(std::int64_t id);
  /// Sets the filter text.
  void SetFilter(const wxString& text);
  /// Documents shown after filtering, in display order.
  const std::vector<std::size_t>& Shown() const { return m_shown; }
  /// All rows.
  const std::vector<DocumentRow>& Rows() const { return m_rows; }
  /// Sorts by a column (0 name, 1 language, 2 case, 3 codings, then the variables).
  void SortBy(int column, bool ascending);
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// A document was activated (double-click or Enter).
  std::function<void(std::int64_t)> on_open;
  /// The context menu was asked for.
  std::function<void()> on_context_menu;

 private:
  friend class DocumentList;
  void Reload();
  void ApplyFilter();
  void RebuildColumns();
  void FillScopes();
  wxString CellText(std::size_t row, int column) const;
  void OnChanges(Changes changes);

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxSearchCtrl* m_filter = nullptr;
  wxChoice* m_scope = nullptr;
  DocumentList* m_list = nullptr;
  std::vector<DocumentRow> m_rows;
  std::vector<std::string> m_variables;
  std::vector<std::size_t> m_shown;
  // Scope choices: 0 all; then cases; then sets. Each keeps the member documents.
  std::vector<std::optional<std::vector<std::int64_t>>> m_scope_members;
  int m_sort_column = 0;
  bool m_sort_ascending = true;
};

}  // namespace tessera::app
