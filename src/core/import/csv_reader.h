#pragma once
// CSV files (RFC 4180, as spreadsheets write them) through libcsv: UTF-8 with or without BOM.

#include <string>
#include <vector>

namespace tessera {

/// A CSV table: rows of cells, the header as row 0.
using CsvRows = std::vector<std::vector<std::string>>;

/// Reads a whole CSV file. Cells are NFC, line endings inside cells become LF.
/// @throws DataError naming the file when it is missing, empty, not UTF-8 or malformed.
CsvRows ReadCsvFile(const std::string& path);

/// Parses CSV text (for tests and stdin). @throws DataError naming `path`.
CsvRows ParseCsv(const std::string& text, const std::string& path);

}  // namespace tessera
