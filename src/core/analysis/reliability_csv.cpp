#include "analysis/reliability_csv.h"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <vector>

#include "error.h"

namespace tessera {
namespace {

using Row = std::vector<std::string>;

/// Owns one libcsv parser from csv_init to csv_free. Not copyable.
class CsvParser {
 public:
  explicit CsvParser(unsigned char options) {
    if (csv_init(&m_parser, options) != 0) throw EnvironmentError("out of memory starting libcsv");
  }
  ~CsvParser() { csv_free(&m_parser); }
  CsvParser(const CsvParser&) = delete;
  CsvParser& operator=(const CsvParser&) = delete;
  csv_parser* get() { return &m_parser; }

 private:
  csv_parser m_parser;
};

/// Collects fields into rows as libcsv reports them.
struct Collector {
  std::vector<Row> rows;
  Row current;
};

void OnField(void* text, std::size_t length, void* data) {
  auto* collector = static_cast<Collector*>(data);
  collector->current.emplace_back(text ? static_cast<const char*>(text) : "", text ? length : 0);
}

void OnRowEnd(int /*terminator*/, void* data) {
  auto* collector = static_cast<Collector*>(data);
  collector->rows.push_back(std::move(collector->current));
  collector->current.clear();
}

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::optional<double> ParseNumber(const std::string& text) {
  double value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;  // from_chars refuses a leading '+'
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string ReadWholeFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw DataError("no such file", path);
  if (std::filesystem::is_directory(path, ec)) throw DataError("a folder, not a CSV file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("the file cannot be opened", path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw DataError("the file cannot be read", path);
  return bytes;
}

std::vector<Row> ParseCsv(const std::string& path, std::string bytes) {
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  CsvParser parser(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  Collector collector;
  const std::size_t parsed =
      csv_parse(parser.get(), bytes.data(), bytes.size(), OnField, OnRowEnd, &collector);
  if (parsed != bytes.size()) {
    throw DataError("malformed CSV near byte " + std::to_string(parsed) + " (" +
                        csv_strerror(csv_error(parser.get())) + ")",
                    path);
  }
  if (csv_fini(parser.get(), OnField, OnRowEnd, &collector) != 0) {
    throw DataError(std::string("malformed CSV at the end of the file (") +
                        csv_strerror(csv_error(parser.get())) + ")",
                    path);
  }
  // Spreadsheets pad files with rows of empty cells; they carry nothing.
  std::vector<Row> rows;
  for (Row& row : collector.rows) {
    for (std::string& cell : row) cell = Trim(cell);
    bool blank = true;
    for (const std::string& cell : row) blank = blank && cell.empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

ReliabilityData ReadReliabilityCsv(const std::string& path) {
  const std::vector<Row> rows = ParseCsv(path, ReadWholeFile(path));
  if (rows.empty()) throw DataError("the file is empty", path);
  const Row& header = rows.front();
  if (header.size() < 2) throw DataError("the header names no units", path);

  ReliabilityData data;
  data.units.assign(header.begin() + 1, header.end());
  std::set<std::string> seen;
  bool numeric = true;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::string where = "row " + std::to_string(r + 1);
    if (row.size() != header.size()) {
      throw DataError(where + " has " + std::to_string(row.size()) + " cells; the header has " +
                          std::to_string(header.size()),
                      path);
    }
    if (row.front().empty()) throw DataError(where + " has no coder name", path);
    if (!seen.insert(row.front()).second) {
      throw DataError(where + ": coder \u201c" + row.front() + "\u201d appears twice", path);
    }
    data.coders.push_back(row.front());
    for (std::size_t c = 1; c < row.size() && numeric; ++c) {
      numeric = row[c].empty() || ParseNumber(row[c]).has_value();
    }
  }
  if (data.coders.size() < 2) {
    throw DataError("fewer than 2 coders (one row per coder after the header)", path);
  }

  std::map<std::string, double> category_numbers;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<std::optional<double>> values;
    values.reserve(header.size() - 1);
    for (std::size_t c = 1; c < rows[r].size(); ++c) {
      const std::string& cell = rows[r][c];
      if (cell.empty()) {
        values.emplace_back();
      } else if (numeric) {
        values.push_back(ParseNumber(cell));
      } else {
        auto [it, added] =
            category_numbers.emplace(cell, static_cast<double>(category_numbers.size() + 1));
        if (added) data.categories.push_back(cell);
        values.push_back(it->second);
      }
    }
    data.values.push_back(std::move(values));
  }
  return data;
}

}  // namespace tessera
