#include "import/csv_reader.h"

#include <csv.h>

#include <fstream>
#include <sstream>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {
namespace {

struct Collector {
  CsvRows rows;
  std::vector<std::string> row;
};

void OnField(void* data, std::size_t size, void* collector) {
  auto* c = static_cast<Collector*>(collector);
  c->row.emplace_back(data ? static_cast<const char*>(data) : "", size);
}

void OnRow(int, void* collector) {
  auto* c = static_cast<Collector*>(collector);
  c->rows.push_back(std::move(c->row));
  c->row.clear();
}

}  // namespace

CsvRows ParseCsv(const std::string& input, const std::string& path) {
  std::string_view text = input;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.empty()) throw DataError("the CSV file is empty", path);
  if (const auto bad = utf8::FirstInvalidByte(text); bad != std::string_view::npos) {
    throw DataError("the CSV file is not UTF-8 (invalid byte at " + std::to_string(bad) + ")", path);
  }
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL) != 0) {
    throw EnvironmentError("libcsv could not start", path);
  }
  Collector collector;
  const std::size_t done = csv_parse(&parser, text.data(), text.size(), OnField, OnRow, &collector);
  const bool ok = done == text.size() && csv_fini(&parser, OnField, OnRow, &collector) == 0;
  const std::string error = csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok) throw DataError("malformed CSV near byte " + std::to_string(done) + ": " + error, path);
  for (auto& row : collector.rows) {
    for (auto& cell : row) cell = NormalizeStoredText(cell);
  }
  // Spreadsheets leave trailing empty lines; they are not rows.
  while (!collector.rows.empty() && collector.rows.back().size() <= 1 &&
         (collector.rows.back().empty() || collector.rows.back()[0].empty())) {
    collector.rows.pop_back();
  }
  if (collector.rows.empty()) throw DataError("the CSV file has no rows", path);
  return collector.rows;
}

CsvRows ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("no such file", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseCsv(buffer.str(), path);
}

}  // namespace tessera
