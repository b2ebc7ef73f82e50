#include "export/matrix_export.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "error.h"
#include "export/atomic_file.h"

namespace tessera {
namespace {

bool IsPercent(const ThemeMatrix& m) { return m.request.count == MatrixCount::PercentCases; }

nlohmann::json CellJson(const ThemeMatrix& m, const MatrixCell& cell) {
  if (cell.suppression != Suppression::None) return CellText(m, cell);
  if (IsPercent(m)) return std::round(cell.percent * 10) / 10;
  return cell.count;
}

}  // namespace

std::string NText(const ThemeMatrix& m, const MatrixColumn& c) {
  switch (c.n_suppression) {
    case Suppression::Small: return "<" + std::to_string(m.request.min_cell);
    case Suppression::Complementary: return "(s)";
    case Suppression::None: break;
  }
  return std::to_string(c.n);
}

namespace {

double CellValue(const ThemeMatrix& m, const MatrixCell& cell) {
  return IsPercent(m) ? cell.percent : static_cast<double>(cell.count);
}

// White to deep red, for the heat map.
std::string HeatColour(double value, double max) {
  const double t = max > 0 ? std::clamp(value / max, 0.0, 1.0) : 0.0;
  const int r = static_cast<int>(255 - t * (255 - 0xC6));
  const int g = static_cast<int>(255 - t * (255 - 0x2F));
  const int b = static_cast<int>(255 - t * (255 - 0x2F));
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X", r, g, b);
  return buffer;
}

void CheckXlsx(lxw_error error, const std::string& path) {
  if (error != LXW_NO_ERROR) throw EnvironmentError(std::string("cannot write the workbook: ") + lxw_strerror(error), path);
}

void WriteXlsx(const ThemeMatrix& m, const std::string& path) {
  ReplaceFileAtomically(path, [&](const std::string& temp) {
    lxw_workbook* workbook = workbook_new(temp.c_str());
    if (!workbook) throw EnvironmentError("cannot create the workbook", path);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Matrix");
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    lxw_format* wrap = workbook_add_format(workbook);
    format_set_text_wrap(wrap);
    format_set_italic(wrap);
    lxw_format* number = workbook_add_format(workbook);
    if (IsPercent(m)) format_set_num_format(number, "0.0");
    lxw_format* hidden = workbook_add_format(workbook);
    format_set_align(hidden, LXW_ALIGN_RIGHT);
    format_set_font_color(hidden, 0x666666);

    worksheet_write_string(sheet, 0, 0, "Code", bold);
    lxw_col_t col = 1;
    for (const auto& c : m.columns) {
      worksheet_write_string(sheet, 0, col, (ColumnLabel(c, m.request.by) + " (n=" + NText(m, c) + ")").c_str(), bold);
      ++col;
    }
    worksheet_write_string(sheet, 0, col, ("Total (n=" + NText(m, m.total_column) + ")").c_str(), bold);
    lxw_row_t row = 1;
    for (const auto& r : m.rows) {
      worksheet_write_string(sheet, row, 0, r.code.c_str(), nullptr);
      col = 1;
      auto put = [&](const MatrixCell& cell) {
        if (cell.suppression != Suppression::None) {
          worksheet_write_string(sheet, row, col, CellText(m, cell).c_str(), hidden);
        } else {
          worksheet_write_number(sheet, row, col, CellValue(m, cell), number);
        }
        ++col;
      };
      for (const auto& cell : r.cells) put(cell);
      put(r.total);
      ++row;
    }
    if (!m.rows.empty() && !m.columns.empty()) {
      lxw_conditional_format scale = {};
      scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
      scale.min_color = 0xFFFFFF;
      scale.mid_color = 0xF4A582;
      scale.max_color = 0xC62F2F;
      CheckXlsx(worksheet_conditional_format_range(sheet, 1, 1, static_cast<lxw_row_t>(m.rows.size()),
                                                   static_cast<lxw_col_t>(m.columns.size()), &scale),
                path);
    }
    worksheet_set_column(sheet, 0, 0, 45, nullptr);
    worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(m.columns.size() + 1), 16, nullptr);
    worksheet_merge_range(sheet, row + 1, 0, row + 1, static_cast<lxw_col_t>(std::max<std::size_t>(m.columns.size() + 1, 3)),
                          m.Note().c_str(), wrap);
    worksheet_set_row(sheet, row + 1, 45, nullptr);
    CheckXlsx(workbook_close(workbook), path);
  });
}

}  // namespace

std::string CellText(const ThemeMatrix& m, const MatrixCell& cell) {
  switch (cell.suppression) {
    case Suppression::Small: return "<" + std::to_string(m.request.min_cell);
    case Suppression::Complementary: return "(s)";
    case Suppression::None: break;
  }
  if (IsPercent(m)) {
    // Rounded as in the JSON (ties away from zero) before printing: printf alone would round
    // 1.25 to 1.2 while the JSON says 1.3.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", std::round(cell.percent * 10) / 10);
    return buffer;
  }
  return std::to_string(cell.count);
}

std::string ColumnLabel(const MatrixColumn& column, const std::vector<std::string>& by) {
  std::string label;
  for (const auto& name : by) {
    const auto it = column.values.find(name);
    label += (label.empty() ? "" : " · ") + (it == column.values.end() ? std::string(kMissingValue) : it->second);
  }
  return label;
}

nlohmann::json MatrixToJson(const ThemeMatrix& m) {
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : m.columns) {
    columns.push_back({{"values", c.values},
                       {"n", c.n_suppression == Suppression::None ? nlohmann::json(c.n) : nlohmann::json(NText(m, c))}});
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : m.rows) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : r.cells) cells.push_back(CellJson(m, cell));
    rows.push_back({{"code", r.code}, {"depth", r.depth}, {"cells", cells}, {"total", CellJson(m, r.total)}});
  }
  return {{"count", ToString(m.request.count)},
          {"by", m.request.by},
          {"rollup", m.request.rollup},
          {"coder", m.request.coder.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.request.coder)},
          {"min_cell", m.request.min_cell},
          {"columns", columns},
          {"total_n", m.total_column.n_suppression == Suppression::None ? nlohmann::json(m.total_column.n)
                                                                         : nlohmann::json(NText(m, m.total_column))},
          {"rows", rows},
          {"suppressed_cells", m.suppressed_cells},
          {"note", m.Note()}};
}

std::string MatrixToCsv(const ThemeMatrix& m) {
  std::vector<std::string> header{"code"};
  for (const auto& c : m.columns) header.push_back(ColumnLabel(c, m.request.by) + " (n=" + NText(m, c) + ")");
  header.push_back("Total (n=" + NText(m, m.total_column) + ")");
  std::string csv = CsvLine(header);
  for (const auto& r : m.rows) {
    std::vector<std::string> line{r.code};
    for (const auto& cell : r.cells) line.push_back(CellText(m, cell));
    line.push_back(CellText(m, r.total));
    csv += CsvLine(line);
  }
  csv += CsvLine({});
  csv += CsvLine({m.Note()});
  return csv;
}

std::string MatrixToHtml(const ThemeMatrix& m, const std::string& title) {
  double max = 0;
  for (const auto& r : m.rows) {
    for (const auto& cell : r.cells) {
      if (cell.suppression == Suppression::None) max = std::max(max, CellValue(m, cell));
    }
  }
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
      "</title>\n<style>body{font-family:'Noto Sans',sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
      "th,td{border:1px solid #ccc;padding:4px 8px}td.n{text-align:right}td.s{color:#666;background:#eee;text-align:"
      "right}th{background:#f6f6f6}td.code{white-space:nowrap}p.note{font-style:italic;max-width:60em}</style></head>"
      "<body>\n<h1>" + HtmlEscape(title) + "</h1>\n<p>Counting " + HtmlEscape(ToString(m.request.count)) +
      (m.request.rollup ? ", parents rolled up" : "") + ".</p>\n<table>\n<tr><th>Code</th>";
  for (const auto& c : m.columns) {
    html += "<th>" + HtmlEscape(ColumnLabel(c, m.request.by)) + "<br><small>n=" + HtmlEscape(NText(m, c)) + "</small></th>";
  }
  html += "<th>Total<br><small>n=" + HtmlEscape(NText(m, m.total_column)) + "</small></th></tr>\n";
  for (const auto& r : m.rows) {
    html += "<tr><td class=\"code\" style=\"padding-left:" + std::to_string(8 + 16 * r.depth) + "px\">" + HtmlEscape(r.code) + "</td>";
    auto put = [&](const MatrixCell& cell) {
      if (cell.suppression != Suppression::None) {
        html += "<td class=\"s\">" + HtmlEscape(CellText(m, cell)) + "</td>";
      } else {
        html += "<td class=\"n\" style=\"background:" + HeatColour(CellValue(m, cell), max) + "\">" + CellText(m, cell) + "</td>";
      }
    };
    for (const auto& cell : r.cells) put(cell);
    put(r.total);
    html += "</tr>\n";
  }
  html += "</table>\n<p class=\"note\">" + HtmlEscape(m.Note()) + "</p>\n</body></html>\n";
  return html;
}

void WriteMatrix(const ThemeMatrix& m, const std::string& format, const std::string& path) {
  if (format == "csv") return WriteFileAtomically(path, MatrixToCsv(m));
  if (format == "html") return WriteFileAtomically(path, MatrixToHtml(m, "Theme matrix"));
  if (format == "xlsx") return WriteXlsx(m, path);
  if (format == "json") return WriteFileAtomically(path, MatrixToJson(m).dump(2) + "\n");
  throw DataError("unknown format '" + format + "' (json, csv, xlsx, html)");
}

}  // namespace tessera
