#pragma once
// The theme matrix view (Analysis > Theme Matrix…): codes against participant groups, counted and
// suppressed by the core (analysis/theme_matrix.h), shown as a heat-mapped grid. A click on a cell
// lists the segments behind it (analysis/drill_down.h, as `tessera-cli segments`); the matrix is
// exported through export/matrix_export.h. A modeless window: it reads the project, never writes.

#include <wx/dialog.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/drill_down.h"
#include "analysis/theme_matrix.h"
#include "changes.h"

class wxCheckBox;
class wxChoice;
class wxGrid;
class wxGridEvent;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;

namespace tessera::app {

class VariableFilterBar;

class Workspace;

/// The theme matrix window.
class MatrixView : public wxDialog {
 public:
  MatrixView(wxWindow* parent, Workspace& workspace);
  ~MatrixView() override;

  /// Sets the column variables (one or two), the count, the minimum cell size and roll-up, and
  /// recomputes, as the controls would. False (and a status message) when a variable is unknown.
  bool Choose(const std::vector<std::string>& by, MatrixCount count, int min_cell, bool rollup);
  /// Recomputes from the controls.
  void Recompute();
  /// The matrix shown (empty rows before the first computation or after an error).
  const ThemeMatrix& Matrix() const { return m_matrix; }
  /// The "only where" filters of the matrix.
  VariableFilterBar* Filters() const { return m_filters; }
  /// The grid (rows = codes, columns = groups then Total).
  wxGrid* Grid() const { return m_grid; }
  /// Selects a cell as a click would and lists its segments; `column` -1 is the Total column.
  void ClickCell(std::size_t row, int column);
  /// The segments listed for the clicked cell.
  const std::vector<CellSegment>& CellSegments() const { return m_segments; }
  /// Writes the matrix as "xlsx", "csv" or "html" to `path` (what the export buttons do after
  /// asking for a file). @throws DataError.
  void ExportTo(const std::string& format, const std::string& path) const;

  /// Called on a double-click on a listed segment (the main window opens it in the transcript).
  std::function<void(std::int64_t document, std::size_t start, std::size_t end)> on_jump;

 private:
  void FillChoices();
  void FillGrid();
  void OnCellClicked(wxGridEvent& event);
  void Export(const std::string& format);
  wxString CellLabel(const MatrixCell& cell) const;

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxChoice* m_first = nullptr;
  wxChoice* m_second = nullptr;
  wxChoice* m_count = nullptr;
  wxChoice* m_coder = nullptr;
  wxSpinCtrl* m_min_cell = nullptr;
  wxCheckBox* m_rollup = nullptr;
  VariableFilterBar* m_filters = nullptr;
  wxGrid* m_grid = nullptr;
  wxStaticText* m_note = nullptr;
  wxStaticText* m_cell_title = nullptr;
  wxListCtrl* m_list = nullptr;
  std::vector<std::string> m_variables;
  std::vector<std::string> m_coders;
  ThemeMatrix m_matrix;
  std::vector<CellSegment> m_segments;
};

/// Opens the theme matrix window over the open project (modeless); returns it.
MatrixView* ShowMatrixView(wxWindow* parent, Workspace& workspace);

}  // namespace tessera::app
