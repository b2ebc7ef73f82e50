#include "matrix_view.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/grid.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include <algorithm>

#include "error.h"
#include "error_report.h"
#include "export/matrix_export.h"
#include "preferences.h"
#include "project/variable_store.h"
#include "variable_filter_bar.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

// The order of the count choice.
constexpr MatrixCount kCounts[] = {MatrixCount::Segments, MatrixCount::Documents,
                                   MatrixCount::Cases, MatrixCount::PercentCases};

// White to orange to red, as the XLSX and HTML exports shade a cell (0 = lowest, 1 = highest).
wxColour Heat(double t) {
  t = std::clamp(t, 0.0, 1.0);
  if (t < 0.5) {
    const double u = t / 0.5;  // white (255,255,255) -> orange (253,174,97)
    return wxColour(static_cast<unsigned char>(255 - 2 * u), static_cast<unsigned char>(255 - 81 * u),
                    static_cast<unsigned char>(255 - 158 * u));
  }
  const double u = (t - 0.5) / 0.5;  // orange -> red (215,48,39)
  return wxColour(static_cast<unsigned char>(253 - 38 * u), static_cast<unsigned char>(174 - 126 * u),
                  static_cast<unsigned char>(97 - 58 * u));
}

double Value(const ThemeMatrix& m, const MatrixCell& cell) {
  return m.request.count == MatrixCount::PercentCases ? cell.percent
                                                      : static_cast<double>(cell.count);
}

std::string LastName(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

MatrixView::MatrixView(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Theme Matrix"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX),
      m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* controls = new wxBoxSizer(wxHORIZONTAL);
  const auto label = [&](const wxString& text) {
    controls->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 8);
  };
  // TRANSLATORS: the theme matrix has one column per group of participants, e.g. "gender".
  label(_("Columns by:"));
  m_first = new wxChoice(this, wxID_ANY);
  controls->Add(m_first, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
  // TRANSLATORS: between two variables of the theme matrix: "gender x role".
  label(wxString::FromUTF8("\xC3\x97"));
  m_second = new wxChoice(this, wxID_ANY);
  controls->Add(m_second, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
  label(_("Count:"));
  m_count = new wxChoice(this, wxID_ANY);
  m_count->Append(_("Segments"));
  m_count->Append(_("Documents"));
  m_count->Append(_("Cases"));
  m_count->Append(_("Percent of cases"));
  m_count->SetSelection(0);
  controls->Add(m_count, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
  label(_("Coder:"));
  m_coder = new wxChoice(this, wxID_ANY);
  controls->Add(m_coder, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
  // TRANSLATORS: small-cell suppression: counts below this are hidden.
  label(_("Minimum cell:"));
  m_min_cell = new wxSpinCtrl(this, wxID_ANY, wxEmptyString, wxDefaultPosition,
                              FromDIP(wxSize(120, -1)), wxSP_ARROW_KEYS, 0, 1000, 5);
  m_min_cell->SetToolTip(_("Counts from 1 to this minus 1 are hidden, and enough other cells that "
                           "no hidden count can be worked out (0: no suppression)"));
  controls->Add(m_min_cell, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 4);
  m_rollup = new wxCheckBox(this, wxID_ANY, _("Include sub-codes"));
  m_rollup->SetToolTip(_("A parent code counts wherever one of its sub-codes is coded"));
  controls->Add(m_rollup, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, 12);
  sizer->Add(controls, 0, wxEXPAND | wxTOP | wxBOTTOM, 6);
  // "Only where country = Cambodia …": the matrix of a subset, as `tessera-cli matrix --where`.
  m_filters = new VariableFilterBar(this, m_workspace);
  m_filters->Reload();
  m_filters->on_changed = [this] { Recompute(); };
  sizer->Add(m_filters, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 4);

  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                        wxSP_LIVE_UPDATE | wxSP_3D);
  auto* top = new wxPanel(splitter);
  auto* top_sizer = new wxBoxSizer(wxVERTICAL);
  m_grid = new wxGrid(top, wxID_ANY);
  m_grid->CreateGrid(0, 0);
  m_grid->EnableEditing(false);
  m_grid->SetRowLabelAlignment(wxALIGN_LEFT, wxALIGN_CENTRE);
  m_grid->SetColLabelSize(FromDIP(40));
  m_grid->SetDefaultCellAlignment(wxALIGN_RIGHT, wxALIGN_CENTRE);
  top_sizer->Add(m_grid, 1, wxEXPAND);
  m_note = new wxStaticText(top, wxID_ANY, wxEmptyString);
  top_sizer->Add(m_note, 0, wxEXPAND | wxALL, 6);
  top->SetSizer(top_sizer);

  auto* bottom = new wxPanel(splitter);
  auto* bottom_sizer = new wxBoxSizer(wxVERTICAL);
  m_cell_title = new wxStaticText(bottom, wxID_ANY, _("Click a cell to list its segments."));
  bottom_sizer->Add(m_cell_title, 0, wxALL, 4);
  m_list = new wxListCtrl(bottom, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxLC_REPORT | wxLC_SINGLE_SEL);
  m_list->AppendColumn(_("Document"), wxLIST_FORMAT_LEFT, FromDIP(150));
  m_list->AppendColumn(_("Where"), wxLIST_FORMAT_LEFT, FromDIP(90));
  m_list->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(200));
  m_list->AppendColumn(_("Coder"), wxLIST_FORMAT_LEFT, FromDIP(70));
  m_list->AppendColumn(_("Case"), wxLIST_FORMAT_LEFT, FromDIP(70));
  m_list->AppendColumn(_("Text"), wxLIST_FORMAT_LEFT, FromDIP(520));
  bottom_sizer->Add(m_list, 1, wxEXPAND);
  bottom->SetSizer(bottom_sizer);
  splitter->SplitHorizontally(top, bottom, FromDIP(400));
  splitter->SetMinimumPaneSize(FromDIP(80));
  sizer->Add(splitter, 1, wxEXPAND | wxLEFT | wxRIGHT, 6);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  const auto export_button = [&](const wxString& text, const char* format) {
    auto* b = new wxButton(this, wxID_ANY, text);
    b->Bind(wxEVT_BUTTON, [this, format](wxCommandEvent&) { Export(format); });
    buttons->Add(b, 0, wxRIGHT, 6);
  };
  export_button(_("Export XLSX..."), "xlsx");
  export_button(_("Export CSV..."), "csv");
  export_button(_("Export HTML..."), "html");
  buttons->AddStretchSpacer();
  buttons->Add(new wxButton(this, wxID_CLOSE, _("Close")), 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 8);
  SetSizer(sizer);
  SetSize(FromDIP(wxSize(1150, 780)));

  for (wxWindow* w : std::initializer_list<wxWindow*>{m_first, m_second, m_count, m_coder})
    w->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Recompute(); });
  m_min_cell->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { Recompute(); });
  m_rollup->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { Recompute(); });
  m_grid->Bind(wxEVT_GRID_SELECT_CELL, &MatrixView::OnCellClicked, this);
  m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    const auto index = static_cast<std::size_t>(event.GetIndex());
    if (on_jump && index < m_segments.size())
      on_jump(m_segments[index].document_id, m_segments[index].start, m_segments[index].end);
  });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });

  m_connection = m_workspace.Subscribe([this](Changes changes) {
    if (!m_workspace.HasProject()) {
      Destroy();
      return;
    }
    if (changes.Has(Change::Variables) || changes.Has(Change::Project)) FillChoices();
    if (changes.Has(Change::Codings) || changes.Has(Change::Codebook) ||
        changes.Has(Change::Variables) || changes.Has(Change::Documents))
      Recompute();
  });
  FillChoices();
  Recompute();
}

MatrixView::~MatrixView() = default;

void MatrixView::FillChoices() {
  const wxString first = m_first->GetStringSelection(), second = m_second->GetStringSelection();
  const wxString coder = m_coder->GetStringSelection();
  m_variables.clear();
  for (const auto& v : VariableStore(m_workspace.GetProject().Db()).Variables())
    m_variables.push_back(v.name);
  std::sort(m_variables.begin(), m_variables.end());
  m_first->Clear();
  m_second->Clear();
  m_second->Append(_("(none)"));
  for (const auto& v : m_variables) {
    m_first->Append(ToWx(v));
    m_second->Append(ToWx(v));
  }
  if (!m_first->SetStringSelection(first)) {
    const auto gender = std::find(m_variables.begin(), m_variables.end(), "gender");
    m_first->SetSelection(gender == m_variables.end() ? (m_variables.empty() ? wxNOT_FOUND : 0)
                                                      : static_cast<int>(gender - m_variables.begin()));
  }
  if (!m_second->SetStringSelection(second)) m_second->SetSelection(0);
  m_coders = m_workspace.KnownCoders();
  m_coder->Clear();
  m_coder->Append(_("(all coders)"));
  for (const auto& c : m_coders) m_coder->Append(ToWx(c));
  if (!m_coder->SetStringSelection(coder)) m_coder->SetSelection(0);
  if (m_filters) m_filters->Reload();
}

bool MatrixView::Choose(const std::vector<std::string>& by, MatrixCount count, int min_cell,
                        bool rollup) {
  if (by.empty() || by.size() > 2) return false;
  if (!m_first->SetStringSelection(ToWx(by[0]))) return false;
  if (by.size() == 2) {
    if (!m_second->SetStringSelection(ToWx(by[1]))) return false;
  } else {
    m_second->SetSelection(0);
  }
  m_count->SetSelection(static_cast<int>(std::find(std::begin(kCounts), std::end(kCounts), count) -
                                         std::begin(kCounts)));
  m_min_cell->SetValue(min_cell);
  m_rollup->SetValue(rollup);
  Recompute();
  return true;
}

void MatrixView::Recompute() {
  MatrixRequest request;
  if (m_first->GetSelection() != wxNOT_FOUND) request.by.push_back(FromWx(m_first->GetStringSelection()));
  if (m_second->GetSelection() > 0) {
    const std::string second = FromWx(m_second->GetStringSelection());
    if (request.by.empty() || second != request.by.front()) request.by.push_back(second);
  }
  request.count = kCounts[std::max(0, m_count->GetSelection())];
  request.min_cell = m_min_cell->GetValue();
  request.rollup = m_rollup->GetValue();
  if (m_coder->GetSelection() > 0) request.coder = m_coders[static_cast<std::size_t>(m_coder->GetSelection() - 1)];
  for (const auto& [variable, value] : m_filters->Filters()) request.where[variable].push_back(value);
  m_matrix = ThemeMatrix{};
  m_segments.clear();
  m_list->DeleteAllItems();
  m_cell_title->SetLabel(_("Click a cell to list its segments."));
  if (!request.by.empty()) {
    RunAction(this, _("The theme matrix couldn't be computed."),
              [&] { m_matrix = BuildThemeMatrix(m_workspace.GetProject(), request); });
  }
  FillGrid();
}

wxString MatrixView::CellLabel(const MatrixCell& cell) const { return ToWx(CellText(m_matrix, cell)); }

void MatrixView::FillGrid() {
  m_grid->BeginBatch();
  if (m_grid->GetNumberRows() > 0) m_grid->DeleteRows(0, m_grid->GetNumberRows());
  if (m_grid->GetNumberCols() > 0) m_grid->DeleteCols(0, m_grid->GetNumberCols());
  const auto& m = m_matrix;
  const int columns = static_cast<int>(m.columns.size()) + 1;
  if (!m.rows.empty()) {
    m_grid->AppendCols(columns);
    m_grid->AppendRows(static_cast<int>(m.rows.size()));
  }
  for (int c = 0; c + 1 < columns && !m.rows.empty(); ++c) {
    const auto& column = m.columns[static_cast<std::size_t>(c)];
    m_grid->SetColLabelValue(c, ToWx(ColumnLabel(column, m.request.by)) + "\n" +
                                    wxString::Format(_("n=%s"), ToWx(NText(m, column))));
  }
  if (!m.rows.empty()) {
    m_grid->SetColLabelValue(columns - 1, _("Total") + "\n" +
                                              wxString::Format(_("n=%s"), ToWx(NText(m, m.total_column))));
  }
  double max = 0;
  for (const auto& row : m.rows) {
    for (const auto& cell : row.cells)
      if (cell.suppression == Suppression::None) max = std::max(max, Value(m, cell));
  }
  const wxColour hidden_back(0xE4, 0xE4, 0xE4), hidden_text(0x70, 0x70, 0x70);
  const wxColour total_back(0xF4, 0xF4, 0xF0);
  wxFont italic = m_grid->GetDefaultCellFont();
  italic.MakeItalic();
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const auto& row = m.rows[r];
    const int gr = static_cast<int>(r);
    m_grid->SetRowLabelValue(gr, wxString(' ', static_cast<std::size_t>(row.depth) * 4) + ToWx(LastName(row.code)));
    for (int c = 0; c < columns; ++c) {
      const MatrixCell& cell = c + 1 < columns ? row.cells[static_cast<std::size_t>(c)] : row.total;
      m_grid->SetCellValue(gr, c, CellLabel(cell));
      if (cell.suppression != Suppression::None) {
        // Suppressed: grey, italic, so that a reader never takes "<5" or "(s)" for a number.
        m_grid->SetCellBackgroundColour(gr, c, hidden_back);
        m_grid->SetCellTextColour(gr, c, hidden_text);
        m_grid->SetCellFont(gr, c, italic);
      } else if (c + 1 == columns) {
        m_grid->SetCellBackgroundColour(gr, c, total_back);
      } else {
        const double t = max > 0 ? Value(m, cell) / max : 0;
        m_grid->SetCellBackgroundColour(gr, c, Heat(t));
        if (t > 0.75) m_grid->SetCellTextColour(gr, c, *wxWHITE);
      }
    }
  }
  m_grid->SetRowLabelSize(wxGRID_AUTOSIZE);
  m_grid->AutoSizeColumns(false);
  for (int c = 0; c < m_grid->GetNumberCols(); ++c)
    m_grid->SetColSize(c, std::max(m_grid->GetColSize(c), FromDIP(72)));
  m_grid->EndBatch();
  m_grid->ForceRefresh();
  m_note->SetLabel(m.rows.empty() ? wxString() : ToWx(m.Note()));
  m_note->Wrap(std::max(200, GetClientSize().GetWidth() - FromDIP(30)));
  m_note->GetParent()->Layout();
  Layout();
}

void MatrixView::OnCellClicked(wxGridEvent& event) {
  event.Skip();
  const int column = event.GetCol();
  const auto last = static_cast<int>(m_matrix.columns.size());
  if (event.GetRow() < 0 || column < 0) return;
  ClickCell(static_cast<std::size_t>(event.GetRow()), column == last ? -1 : column);
}

void MatrixView::ClickCell(std::size_t row, int column) {
  if (row >= m_matrix.rows.size()) return;
  if (column >= static_cast<int>(m_matrix.columns.size())) return;
  const auto& r = m_matrix.rows[row];
  // The same question `tessera-cli segments --code PATH [--exact] --where …` asks: a matrix
  // without roll-up counts the code itself only.
  SegmentQuery query;
  query.code = r.code;
  query.exact = !m_matrix.request.rollup;
  query.coder = m_matrix.request.coder;
  query.where = m_matrix.request.where;
  wxString where = _("Total");
  if (column >= 0) {
    const auto& values = m_matrix.columns[static_cast<std::size_t>(column)].values;
    for (const auto& [name, value] : values) query.where[name] = {value};
    where = ToWx(ColumnLabel(m_matrix.columns[static_cast<std::size_t>(column)], m_matrix.request.by));
  }
  m_segments.clear();
  RunAction(this, _("The segments of this cell couldn't be listed."),
            [&] { m_segments = SegmentsBehindCell(m_workspace.GetProject(), query); });
  const bool mask = Preferences::Load().mask_sensitive;
  m_list->Freeze();
  m_list->DeleteAllItems();
  for (std::size_t i = 0; i < m_segments.size(); ++i) {
    const auto& s = m_segments[i];
    const long item = m_list->InsertItem(static_cast<long>(i), ToWx(s.document));
    m_list->SetItem(item, 1, wxString::Format("%zu-%zu", s.start, s.end));
    m_list->SetItem(item, 2, ToWx(s.code));
    m_list->SetItem(item, 3, ToWx(s.coder));
    m_list->SetItem(item, 4, s.case_name ? ToWx(*s.case_name) : wxString());
    bool sensitive = false;
    for (const auto& code : m_workspace.Codes())
      if (code.path == s.code) sensitive = code.sensitive;
    m_list->SetItem(item, 5, sensitive && mask ? _("(hidden passage)") : OneLine(ToWx(s.text), 300));
  }
  m_list->Thaw();
  m_cell_title->SetLabel(wxString::Format(
      wxPLURAL("%s, %s: %zu segment (double-click to open it)",
               "%s, %s: %zu segments (double-click to open one)",
               static_cast<unsigned>(m_segments.size())),
      ToWx(r.code), where, m_segments.size()));
}

void MatrixView::ExportTo(const std::string& format, const std::string& path) const {
  WriteMatrix(m_matrix, format, path);
}

void MatrixView::Export(const std::string& format) {
  if (m_matrix.rows.empty()) return;
  wxString wildcard = format == "xlsx"  ? _("Excel workbooks (*.xlsx)|*.xlsx")
                      : format == "csv" ? _("CSV files (*.csv)|*.csv")
                                        : _("Web pages (*.html)|*.html");
  wxFileDialog dialog(this, _("Export Theme Matrix"), wxEmptyString, "matrix." + format, wildcard,
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  RunAction(this, _("The theme matrix couldn't be exported."),
            [&] { ExportTo(format, FromWx(dialog.GetPath())); });
}

MatrixView* ShowMatrixView(wxWindow* parent, Workspace& workspace) {
  auto* view = new MatrixView(parent, workspace);
  view->Show();
  return view;
}

}  // namespace tessera::app
