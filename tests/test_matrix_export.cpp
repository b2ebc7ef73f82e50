// Theme matrix exports: the JSON as documented, the CSV (read back with Tessera's CSV reader), the
// HTML heat map (checked by xmllint) and the XLSX workbook (converted to CSV by LibreOffice) all
// show the same cells, with suppressed cells as "<K" or "(s)" and the note under the table.

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/theme_matrix.h"
#include "error.h"
#include "export/atomic_file.h"
#include "export/matrix_export.h"
#include "import/csv_reader.h"
#include "test_support.h"

using nlohmann::json;
using tessera::MatrixCell;
using tessera::MatrixCount;
using tessera::Suppression;
using tessera::ThemeMatrix;
using tessera::test::ReadFile;
using tessera::test::TempDir;

namespace {

// A matrix with non-ASCII labels and codes, three columns (one a small group), a total column and
// rows of every kind: empty, small counts, large counts. Percentages follow from the counts.
ThemeMatrix SampleMatrix(MatrixCount count, int min_cell) {
  ThemeMatrix m;
  m.request.by = {"giới tính", "vai trò"};
  m.request.count = count;
  m.request.min_cell = min_cell;
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"con gái", "người sống sót"}, {"con trai", "người sống sót"}, {"phụ nữ", tessera::kMissingValue}};
  const std::vector<std::int64_t> n = {80, 12, 3};
  for (std::size_t c = 0; c < columns.size(); ++c) {
    tessera::MatrixColumn column;
    column.values = {{"giới tính", columns[c].first}, {"vai trò", columns[c].second}};
    column.n = n[c];
    m.columns.push_back(column);
  }
  m.total_column.n = 95;
  // Counts per row (cells, then total). 1 of 80 is 1.25 %: a rounding tie.
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> rows = {
      {"Hình thức", {0, 0, 0, 0}},
      {"Hình thức/Dụ dỗ <trực tuyến>", {1, 7, 0, 8}},
      {"Hình thức/Đe dọa & ép buộc", {40, 9, 2, 51}},
      {"Hỗ trợ", {12, 6, 3, 21}},
      {"Khuyến nghị, \"ý kiến\"", {33, 12, 1, 46}}};
  for (const auto& [code, counts] : rows) {
    tessera::MatrixRow row;
    row.code = code;
    row.depth = static_cast<int>(std::count(code.begin(), code.end(), '/'));
    for (std::size_t c = 0; c < counts.size(); ++c) {
      MatrixCell cell;
      cell.count = counts[c];
      const std::int64_t of = c < n.size() ? n[c] : m.total_column.n;
      if (count == MatrixCount::PercentCases) cell.percent = 100.0 * static_cast<double>(cell.count) / static_cast<double>(of);
      if (c < n.size()) row.cells.push_back(cell);
      else row.total = cell;
    }
    m.rows.push_back(row);
  }
  if (min_cell >= 2) tessera::SuppressSmallCells(m, min_cell);
  return m;
}

// A JSON cell or n as the text a table shows: numbers as counts, or with one decimal for percentages.
std::string Text(const json& value, bool percent) {
  if (value.is_string()) return value.get<std::string>();
  if (percent) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value.get<double>());
    return buffer;
  }
  return std::to_string(value.get<std::int64_t>());
}

std::string Label(const json& column, const std::vector<std::string>& by) {
  std::string label;
  for (const auto& name : by) label += (label.empty() ? "" : " · ") + column.at("values").at(name).get<std::string>();
  return label;
}

// The table as text rows, made from the JSON alone: header, then code, cells, total per row.
std::vector<std::vector<std::string>> TableFromJson(const json& j) {
  const bool percent = j.at("count") == "percent-cases";
  const auto by = j.at("by").get<std::vector<std::string>>();
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header{"Code"};
  for (const auto& c : j.at("columns")) header.push_back(Label(c, by) + " (n=" + Text(c.at("n"), false) + ")");
  header.push_back("Total (n=" + Text(j.at("total_n"), false) + ")");
  table.push_back(header);
  for (const auto& r : j.at("rows")) {
    std::vector<std::string> line{r.at("code").get<std::string>()};
    for (const auto& cell : r.at("cells")) line.push_back(Text(cell, percent));
    line.push_back(Text(r.at("total"), percent));
    table.push_back(line);
  }
  return table;
}

// Compares a table read back from a file with the one from the JSON, and finds the note after it.
void CheckTable(tessera::CsvRows rows, const json& j) {
  const auto expected = TableFromJson(j);
  REQUIRE(rows.size() >= expected.size() + 1);
  // The header's first cell is free ("code" in CSV, "Code" in the workbook).
  CHECK((rows[0][0] == "code" || rows[0][0] == "Code"));
  rows[0][0] = "Code";
  for (std::size_t r = 0; r < expected.size(); ++r) {
    INFO("row " << r);
    std::vector<std::string> got = rows[r];
    while (got.size() > expected[r].size() && got.back().empty()) got.pop_back();  // spreadsheet padding
    CHECK(got == expected[r]);
  }
  bool note = false;
  for (std::size_t r = expected.size(); r < rows.size(); ++r) {
    for (const auto& cell : rows[r]) note = note || cell == j.at("note").get<std::string>();
  }
  CHECK(note);
}

// Runs a shell command; returns its exit status, with its stdout and stderr in `output`.
int Shell(const std::string& command, std::string& output, const TempDir& dir) {
  const std::string log = dir / "shell.log";
  const int status = std::system((command + " >'" + log + "' 2>&1").c_str());
  output = std::filesystem::exists(log) ? ReadFile(log) : "";
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Each kind of matrix the formats must carry: plain counts, suppressed counts, percentages.
std::vector<ThemeMatrix> Samples() {
  return {SampleMatrix(MatrixCount::Segments, 0), SampleMatrix(MatrixCount::Segments, 5),
          SampleMatrix(MatrixCount::Cases, 10), SampleMatrix(MatrixCount::PercentCases, 0),
          SampleMatrix(MatrixCount::PercentCases, 5)};
}

}  // namespace

TEST_CASE("Matrix JSON: the documented keys; numbers when shown, strings when hidden", "[matrix]") {
  const ThemeMatrix m = SampleMatrix(MatrixCount::Segments, 5);
  const json j = tessera::MatrixToJson(m);
  CHECK(j.at("count") == "segments");
  CHECK(j.at("min_cell") == 5);
  CHECK(j.at("by") == json::array({"giới tính", "vai trò"}));
  REQUIRE(j.at("columns").size() == 3);
  CHECK(j.at("columns")[0] == json({{"values", {{"giới tính", "con gái"}, {"vai trò", "người sống sót"}}}, {"n", 80}}));
  CHECK(j.at("columns")[2].at("values").at("vai trò") == "(missing)");
  CHECK(j.at("columns")[2].at("n") == "<5");  // a group of 3
  CHECK(j.at("columns")[1].at("n") == "(s)");  // else 95 - 80 would give the 3 away
  CHECK(j.at("total_n") == 95);
  REQUIRE(j.at("rows").size() == 5);
  CHECK(j.at("rows")[0] == json({{"code", "Hình thức"}, {"depth", 0}, {"cells", {0, 0, 0}}, {"total", 0}}));
  // 1 7 0 | 8: the 1 is <5, and the 7 goes with it.
  CHECK(j.at("rows")[1].at("cells") == json::array({"<5", "(s)", 0}));
  CHECK(j.at("rows")[1].at("total") == 8);
  // 40 9 2 | 51: the 2 is small; the 9 goes too.
  CHECK(j.at("rows")[2].at("cells") == json::array({40, "(s)", "<5"}));
  // 12 6 3 | 21: the 3 is small (and in a small group); the 6 goes too.
  CHECK(j.at("rows")[3].at("cells") == json::array({12, "(s)", "<5"}));
  CHECK(j.at("suppressed_cells") == m.suppressed_cells);
  CHECK(j.at("note") == m.Note());
  CHECK(j.at("rollup") == false);
  CHECK(j.at("coder").is_null());

  const json p = tessera::MatrixToJson(SampleMatrix(MatrixCount::PercentCases, 0));
  CHECK(p.at("rows")[2].at("cells") == json::array({50.0, 75.0, 66.7}));
  CHECK(p.at("rows")[2].at("total") == 53.7);  // 51 of 95
}

TEST_CASE("Percentages are rounded alike in every format, ties away from zero", "[matrix]") {
  const ThemeMatrix m = SampleMatrix(MatrixCount::PercentCases, 0);
  // 1 of 80 cases = 1.25 %, exactly representable: one decimal gives 1.3 everywhere.
  REQUIRE(m.rows[1].cells[0].percent == 1.25);
  CHECK(tessera::MatrixToJson(m).at("rows")[1].at("cells")[0] == 1.3);
  CHECK(tessera::CellText(m, m.rows[1].cells[0]) == "1.3");
  CHECK_THAT(tessera::MatrixToCsv(m), Catch::Contains("\"1.3\""));
  CHECK_THAT(tessera::MatrixToHtml(m, "t"), Catch::Contains(">1.3</td>"));
  // 0.15 is not exactly representable (0.1499…); rounded like the others, not like printf.
  tessera::MatrixCell cell;
  cell.percent = 100.0 * 3 / 2000;
  CHECK(tessera::CellText(m, cell) == "0.2");
  CHECK(tessera::MatrixToJson(m).at("rows")[0].at("cells")[0] == 0.0);
}

TEST_CASE("Matrix CSV parses and matches the JSON cell by cell", "[matrix]") {
  for (const auto& m : Samples()) {
    INFO(tessera::ToString(m.request.count) << ", min cell " << m.request.min_cell);
    const std::string csv = tessera::MatrixToCsv(m);
    CheckTable(tessera::ParseCsv(csv, "matrix.csv"), tessera::MatrixToJson(m));
    TempDir dir;
    tessera::WriteMatrix(m, "csv", dir / "m.csv");
    CHECK(ReadFile(dir / "m.csv") == csv);
  }
}

TEST_CASE("Matrix HTML is well-formed for xmllint and shows every cell", "[matrix]") {
  for (const auto& m : Samples()) {
    INFO(tessera::ToString(m.request.count) << ", min cell " << m.request.min_cell);
    TempDir dir;
    tessera::WriteMatrix(m, "html", dir / "m.html");
    const std::string html = ReadFile(dir / "m.html");
    std::string output;
    CHECK(Shell("xmllint --html --noout '" + (dir / "m.html") + "'", output, dir) == 0);
    CHECK(output.empty());
    // Every cell, label and code as text, in table order, escaped.
    std::size_t at = 0;
    for (const auto& row : TableFromJson(tessera::MatrixToJson(m))) {
      for (std::string text : row) {
        text = tessera::HtmlEscape(text);
        // Column headers put n on its own line: "label<br><small>n=N</small>".
        if (const auto n = text.find(" (n="); n != std::string::npos) {
          text = text.substr(0, n) + "<br><small>n=" + text.substr(n + 4, text.size() - n - 5) + "</small>";
        }
        const auto found = html.find(">" + text + "<", at);
        INFO(text);
        REQUIRE(found != std::string::npos);
        at = found;
      }
    }
    CHECK(html.find(tessera::HtmlEscape(m.Note()), at) != std::string::npos);
  }
}

TEST_CASE("Matrix XLSX, converted by LibreOffice, matches the JSON cell by cell", "[matrix][slow]") {
  TempDir dir;
  // A private LibreOffice profile, so that the test neither uses nor disturbs the user's.
  const std::string profile = "-env:UserInstallation=file://" + (dir / "lo-profile");
  const auto samples = Samples();
  std::string files;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const std::string path = dir / ("m" + std::to_string(i) + ".xlsx");
    tessera::WriteMatrix(samples[i], "xlsx", path);
    files += " '" + path + "'";
  }
  std::filesystem::create_directories(dir / "csv");
  std::string output;
  // CSV filter options: comma, double quote, UTF-8 (76), start at line 1; formatted text as shown.
  const int status = Shell("soffice '" + profile + "' --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir '" +
                               (dir / "csv") + "'" + files,
                           output, dir);
  INFO(output);
  REQUIRE(status == 0);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    INFO("sample " << i << ": " << tessera::ToString(samples[i].request.count) << ", min cell " << samples[i].request.min_cell);
    const std::string csv = dir / ("csv/m" + std::to_string(i) + ".csv");
    REQUIRE(std::filesystem::exists(csv));
    CheckTable(tessera::ParseCsv(ReadFile(csv), csv), tessera::MatrixToJson(samples[i]));
  }
}

TEST_CASE("Matrix export refuses an unknown format and keeps the old file", "[matrix]") {
  TempDir dir;
  tessera::test::WriteFile(dir / "m.pdf", "old");
  CHECK_THROWS_AS(tessera::WriteMatrix(SampleMatrix(MatrixCount::Segments, 0), "pdf", dir / "m.pdf"), tessera::DataError);
  CHECK(ReadFile(dir / "m.pdf") == "old");
  CHECK_THROWS_AS(tessera::WriteMatrix(SampleMatrix(MatrixCount::Segments, 0), "xlsx", dir / "no such folder/m.xlsx"),
                  tessera::DataError);
}
