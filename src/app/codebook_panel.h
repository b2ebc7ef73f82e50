#pragma once
// The codebook on the left: the code tree with colours, counts and quick-code keys, a search box
// that filters it (Enter applies the code found), drag and drop to move codes, and a drop target
// for text dragged from the transcript (which codes the selection).

#include <wx/panel.h>
#include <wx/treectrl.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>

#include "changes.h"

class wxSearchCtrl;
class wxImageList;

namespace tessera::app {

class Workspace;

/// Shows and edits the code tree.
class CodebookPanel : public wxPanel {
 public:
  CodebookPanel(wxWindow* parent, Workspace& workspace);
  ~CodebookPanel() override;

  /// The selected code, if any.
  std::optional<std::int64_t> SelectedCode() const;
  /// Selects a code (expanding its ancestors).
  void SelectCode(std::int64_t code);
  /// Puts the keyboard in the search box.
  void FocusSearch();
  /// Re-reads labels that depend on the language.
  void Relabel();

  /// The tree (for tests).
  wxTreeCtrl* Tree() const { return m_tree; }
  /// The search box (for tests).
  wxSearchCtrl* SearchBox() const { return m_search; }
  /// The tree item of a code (invalid when filtered out).
  wxTreeItemId ItemOf(std::int64_t code) const;

  /// A code was double-clicked, chosen with Enter in the search box, or had text dropped on it.
  std::function<void(std::int64_t code)> on_apply;
  /// A code was dragged onto another (nullopt: to the top); `before` when dropped with Shift to
  /// sit before the target among its siblings.
  std::function<void(std::int64_t code, std::optional<std::int64_t> target, bool before)> on_move;
  /// The context menu was asked for.
  std::function<void()> on_context_menu;
  /// Escape in the search box: back to the transcript.
  std::function<void()> on_leave_search;

 private:
  class TextDrop;
  void Rebuild();
  void OnChanges(Changes changes);
  void OnBeginDrag(wxTreeEvent& event);
  void OnEndDrag(wxTreeEvent& event);
  void OnSearchEnter();
  std::optional<std::int64_t> CodeOf(const wxTreeItemId& item) const;

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxSearchCtrl* m_search = nullptr;
  wxTreeCtrl* m_tree = nullptr;
  std::map<std::int64_t, wxTreeItemId> m_items;
  wxTreeItemId m_dragged;
  bool m_rebuilding = false;
};

}  // namespace tessera::app
