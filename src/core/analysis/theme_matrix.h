#pragma once
// Theme matrices: codes (rows, in tree order) against participant groups (columns: every
// combination of the values of one or more variables present in the study, "(missing)" where a
// value is absent), counting segments, documents, cases or the percentage of cases. With a
// minimum cell size, small counts are suppressed so that no child can be identified, and enough
// further cells are suppressed that no hidden value can be worked out from the rest.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// What a cell counts.
enum class MatrixCount { Segments, Documents, Cases, PercentCases };

/// "segments", "documents", "cases", "percent-cases" and back. @throws DataError.
std::string ToString(MatrixCount count);
MatrixCount ParseMatrixCount(const std::string& name);

/// The label of a missing value.
inline constexpr const char* kMissingValue = "(missing)";

/// What the user asked for.
struct MatrixRequest {
  std::vector<std::string> by;      ///< variables whose value combinations make the columns
  MatrixCount count = MatrixCount::Segments;
  std::vector<std::string> codes;   ///< code paths (with their descendants); empty = all codes
  bool rollup = false;              ///< a parent counts wherever a descendant is coded
  std::string coder;                ///< only this coder's codings; empty = all
  int min_cell = 0;                 ///< 0 or 1 = no suppression
  std::map<std::string, std::vector<std::string>> where;  ///< only documents with these values
};

/// Why a cell is not shown.
enum class Suppression { None, Small, Complementary };

/// One cell: a count (and a percentage for percent-cases).
struct MatrixCell {
  std::int64_t count = 0;
  double percent = 0;
  Suppression suppression = Suppression::None;
};

/// One column: the variable values it stands for and its number of cases.
struct MatrixColumn {
  std::map<std::string, std::string> values;
  std::int64_t n = 0;             ///< cases in the column (documents with no case count as their own case)
  std::int64_t documents = 0;
  Suppression n_suppression = Suppression::None;
};

/// One row: a code and its cells, one per column, plus the row total.
struct MatrixRow {
  std::int64_t code_id = 0;
  std::string code;  ///< path
  int depth = 0;
  std::vector<MatrixCell> cells;
  MatrixCell total;
};

/// A computed matrix.
struct ThemeMatrix {
  MatrixRequest request;
  std::vector<MatrixColumn> columns;
  MatrixColumn total_column;
  std::vector<MatrixRow> rows;
  std::int64_t suppressed_cells = 0;
  /// The text a report must print under the table when cells were suppressed.
  std::string Note() const;
};

/// Builds the matrix. @throws DataError for an unknown variable or code.
ThemeMatrix BuildThemeMatrix(Project& project, const MatrixRequest& request);

/// Applies primary and complementary suppression for minimum cell size `k` (done by BuildThemeMatrix).
void SuppressSmallCells(ThemeMatrix& matrix, int k);

/// Cells whose hidden value could be worked out from visible cells and the row total (for tests
/// and as a last check before export): row index and column index (-1 for the total).
std::vector<std::pair<std::size_t, int>> RecoverableCells(const ThemeMatrix& matrix);

}  // namespace tessera
