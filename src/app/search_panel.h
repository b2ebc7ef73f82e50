#pragma once
// Search: a query over every transcript (through a SearchProvider), with variable filters; hits in
// keyword-in-context form; activating a hit opens it; hits can be coded at once (the matched words
// or the whole passages), as one undoable action.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "changes.h"
#include "coding_commands.h"
#include "kwic_list.h"
#include "search_provider.h"

class wxButton;
class wxChoice;
class wxSearchCtrl;
class wxStaticText;

namespace tessera::app {

class Workspace;
class VariableFilterBar;

/// The search panel.
class SearchPanel : public wxPanel {
 public:
  SearchPanel(wxWindow* parent, Workspace& workspace, std::unique_ptr<SearchProvider> provider);
  ~SearchPanel() override;

  /// Puts the keyboard in the query box.
  void FocusQuery();
  /// Sets the query and runs it.
  void RunQuery(const wxString& query);
  /// The hits listed.
  const std::vector<KwicRow>& Rows() const { return m_list->Rows(); }
  /// The ranges the auto-coder would code for `rows` (matched words or whole passages).
  std::vector<CodingTarget> TargetsOf(const std::vector<std::size_t>& rows,
                                      bool whole_passages) const;
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// A hit was activated.
  std::function<void(std::int64_t document, std::size_t start, std::size_t end)> on_jump;
  /// "Code hits" was pressed: apply `code` to `targets`.
  std::function<void(std::int64_t code, std::vector<CodingTarget> targets)> on_autocode;

 private:
  void Run();
  void FillCodes();
  void AutoCode(bool all);
  void OnChanges(Changes changes);

  Workspace& m_workspace;
  std::unique_ptr<SearchProvider> m_provider;
  ChangeSignal::Connection m_connection;
  wxSearchCtrl* m_query = nullptr;
  VariableFilterBar* m_filters = nullptr;
  wxStaticText* m_summary = nullptr;
  KwicList* m_list = nullptr;
  wxStaticText* m_code_label = nullptr;
  wxChoice* m_code = nullptr;
  wxChoice* m_unit = nullptr;
  wxButton* m_code_selected = nullptr;
  wxButton* m_code_all = nullptr;
  std::vector<std::int64_t> m_code_ids;
  std::vector<SearchHitRow> m_hits;
};

}  // namespace tessera::app
