#pragma once
// Theme matrices as JSON, CSV, XLSX (with a heat-map colour scale) and a self-contained HTML page.
// Every format carries the suppression note under the table.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "analysis/theme_matrix.h"

namespace tessera {

/// The cell as a reader sees it: a number, "<K", "(s)", or a percentage with one decimal.
std::string CellText(const ThemeMatrix& matrix, const MatrixCell& cell);

/// A column's number of cases as a reader sees it: a number, "<K" or "(s)".
std::string NText(const ThemeMatrix& matrix, const MatrixColumn& column);

/// {"count", "columns": [{"values", "n"}], "rows": [{"code", "cells", "total"}], "min_cell", "note", …}
nlohmann::json MatrixToJson(const ThemeMatrix& matrix);

/// A column's label, e.g. "girl · survivor".
std::string ColumnLabel(const MatrixColumn& column, const std::vector<std::string>& by);

/// Writes the matrix in `format` (csv, xlsx, html) to `path`, atomically. @throws DataError.
void WriteMatrix(const ThemeMatrix& matrix, const std::string& format, const std::string& path);

/// The CSV text of the matrix.
std::string MatrixToCsv(const ThemeMatrix& matrix);

/// The HTML page of the matrix.
std::string MatrixToHtml(const ThemeMatrix& matrix, const std::string& title);

}  // namespace tessera
