#include "project/variable_store.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "error.h"
#include "import/csv_reader.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "text/normalize.h"

namespace tessera {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool IsInteger(const std::string& v) { return std::regex_match(v, std::regex(R"([+-]?\d{1,18})")); }
bool IsFloat(const std::string& v) { return std::regex_match(v, std::regex(R"([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)")); }
bool IsDate(const std::string& v) { return std::regex_match(v, std::regex(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))")); }
bool IsBoolean(const std::string& v) {
  static const std::set<std::string> words = {"true", "false", "yes", "no"};
  return words.count(Lower(v)) > 0;
}

// The narrowest type that every value fits; free text when values are long or nearly all distinct.
VariableType InferType(const std::vector<std::string>& values) {
  std::vector<std::string> present;
  for (const auto& v : values) {
    if (!v.empty()) present.push_back(v);
  }
  if (present.empty()) return VariableType::Category;
  auto all = [&](auto pred) { return std::all_of(present.begin(), present.end(), pred); };
  if (all(IsInteger)) return VariableType::Integer;
  if (all(IsFloat)) return VariableType::Float;
  if (all(IsDate)) return VariableType::Date;
  if (all(IsBoolean)) return VariableType::Boolean;
  const bool long_text = std::any_of(present.begin(), present.end(), [](const std::string& v) { return v.size() > 80; });
  return long_text ? VariableType::Text : VariableType::Category;
}

}  // namespace

std::string ToString(VariableType type) {
  switch (type) {
    case VariableType::Text: return "text";
    case VariableType::Category: return "category";
    case VariableType::Integer: return "integer";
    case VariableType::Float: return "float";
    case VariableType::Date: return "date";
    case VariableType::Boolean: return "boolean";
  }
  return "text";
}

VariableType ParseVariableType(const std::string& name) {
  const std::string n = Lower(name);
  if (n == "text") return VariableType::Text;
  if (n == "category" || n == "categorical") return VariableType::Category;
  if (n == "integer" || n == "int") return VariableType::Integer;
  if (n == "float" || n == "number" || n == "decimal") return VariableType::Float;
  if (n == "date") return VariableType::Date;
  if (n == "boolean" || n == "bool") return VariableType::Boolean;
  throw DataError("unknown variable type '" + name + "' (text, category, integer, float, date, boolean)");
}

std::string CanonicalValue(VariableType type, const std::string& raw) {
  const std::string value(TrimWhitespace(raw));
  if (value.empty()) return value;
  switch (type) {
    case VariableType::Integer:
      if (!IsInteger(value)) throw DataError("'" + value + "' is not a whole number");
      return std::to_string(std::stoll(value));
    case VariableType::Float:
      if (!IsFloat(value)) throw DataError("'" + value + "' is not a number");
      return value;
    case VariableType::Date:
      if (!IsDate(value)) throw DataError("'" + value + "' is not a date (YYYY-MM-DD)");
      return value;
    case VariableType::Boolean: {
      const std::string v = Lower(value);
      if (v == "true" || v == "yes") return "true";
      if (v == "false" || v == "no") return "false";
      throw DataError("'" + value + "' is not true or false");
    }
    case VariableType::Text:
    case VariableType::Category: return value;
  }
  return value;
}

std::int64_t VariableStore::EnsureCase(const std::string& name, const std::string& guid) {
  if (auto id = FindCase(name)) return *id;
  m_db.Prepare("INSERT INTO cases(guid, name) VALUES(?, ?)").BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), name).Run();
  return m_db.LastInsertId();
}

std::optional<std::int64_t> VariableStore::FindCase(const std::string& name) {
  auto stmt = m_db.Prepare("SELECT id FROM cases WHERE name = ?");
  stmt.Bind(1, name);
  if (stmt.Step()) return stmt.Int(0);
  return std::nullopt;
}

std::vector<Case> VariableStore::Cases() {
  std::vector<Case> cases;
  auto stmt = m_db.Prepare(
      "SELECT c.id, c.guid, c.name, c.description, (SELECT count(*) FROM documents d WHERE d.case_id = c.id) "
      "FROM cases c ORDER BY c.name");
  while (stmt.Step()) cases.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Int(4)});
  return cases;
}

std::vector<Variable> VariableStore::Variables() {
  std::vector<Variable> vars;
  auto stmt = m_db.Prepare("SELECT id, guid, name, type, description FROM variables ORDER BY id");
  while (stmt.Step()) vars.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), ParseVariableType(stmt.Text(3)), stmt.Text(4)});
  return vars;
}

std::optional<Variable> VariableStore::FindVariable(const std::string& name) {
  for (auto& v : Variables()) {
    if (v.name == name) return v;
  }
  return std::nullopt;
}

std::int64_t VariableStore::EnsureVariable(const std::string& name, VariableType type, const std::string& guid) {
  if (auto v = FindVariable(name)) return v->id;
  if (TrimWhitespace(name).empty()) throw DataError("a variable needs a name");
  m_db.Prepare("INSERT INTO variables(guid, name, type) VALUES(?,?,?)")
      .BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), name, ToString(type))
      .Run();
  return m_db.LastInsertId();
}

void VariableStore::SetValue(std::int64_t variable_id, const char* owner_column, std::int64_t owner_id, const std::string& raw) {
  auto type = m_db.Prepare("SELECT type, name FROM variables WHERE id = ?");
  type.Bind(1, variable_id);
  if (!type.Step()) throw NotFoundError("no variable with id " + std::to_string(variable_id));
  std::string value;
  try {
    value = CanonicalValue(ParseVariableType(type.Text(0)), raw);
  } catch (const DataError& e) {
    throw DataError(type.Text(1) + ": " + e.reason());
  }
  const std::string column(owner_column);
  m_db.Prepare("DELETE FROM variable_values WHERE variable_id = ? AND " + column + " = ?").BindAll(variable_id, owner_id).Run();
  if (!value.empty()) {
    m_db.Prepare("INSERT INTO variable_values(variable_id, " + column + ", value) VALUES(?,?,?)")
        .BindAll(variable_id, owner_id, value)
        .Run();
  }
}

void VariableStore::SetDocumentValue(std::int64_t variable_id, std::int64_t document_id, const std::string& raw) {
  SetValue(variable_id, "document_id", document_id, raw);
}

void VariableStore::SetCaseValue(std::int64_t variable_id, std::int64_t case_id, const std::string& raw) {
  SetValue(variable_id, "case_id", case_id, raw);
}

std::map<std::int64_t, std::map<std::string, std::string>> VariableStore::AllDocumentValues() {
  std::map<std::int64_t, std::map<std::string, std::string>> values;
  // Case values first, then the document's own values overwrite them.
  auto by_case = m_db.Prepare(
      "SELECT d.id, v.name, vv.value FROM documents d JOIN variable_values vv ON vv.case_id = d.case_id "
      "JOIN variables v ON v.id = vv.variable_id");
  while (by_case.Step()) values[by_case.Int(0)][by_case.Text(1)] = by_case.Text(2);
  auto own = m_db.Prepare(
      "SELECT vv.document_id, v.name, vv.value FROM variable_values vv JOIN variables v ON v.id = vv.variable_id "
      "WHERE vv.document_id IS NOT NULL");
  while (own.Step()) values[own.Int(0)][own.Text(1)] = own.Text(2);
  return values;
}

std::map<std::string, std::string> VariableStore::DocumentValues(std::int64_t document_id) {
  std::map<std::string, std::string> values;
  auto by_case = m_db.Prepare(
      "SELECT v.name, vv.value FROM documents d JOIN variable_values vv ON vv.case_id = d.case_id "
      "JOIN variables v ON v.id = vv.variable_id WHERE d.id = ?");
  by_case.Bind(1, document_id);
  while (by_case.Step()) values[by_case.Text(0)] = by_case.Text(1);
  auto own = m_db.Prepare(
      "SELECT v.name, vv.value FROM variable_values vv JOIN variables v ON v.id = vv.variable_id WHERE vv.document_id = ?");
  own.Bind(1, document_id);
  while (own.Step()) values[own.Text(0)] = own.Text(1);
  return values;
}

std::map<std::string, std::string> VariableStore::CaseValues(std::int64_t case_id) {
  std::map<std::string, std::string> values;
  auto stmt = m_db.Prepare(
      "SELECT v.name, vv.value FROM variable_values vv JOIN variables v ON v.id = vv.variable_id WHERE vv.case_id = ?");
  stmt.Bind(1, case_id);
  while (stmt.Step()) values[stmt.Text(0)] = stmt.Text(1);
  return values;
}

VariableImportReport VariableStore::ImportCsv(const std::string& path) {
  const CsvRows rows = ReadCsvFile(path);
  const auto& header = rows.front();
  if (header.size() < 2) throw DataError("the CSV needs a first column naming documents or cases and at least one variable", path);
  std::set<std::string> seen;
  for (const auto& h : header) {
    if (!seen.insert(h).second) throw DataError("the column '" + h + "' appears twice", path);
  }
  int case_column = -1;
  for (std::size_t c = 1; c < header.size(); ++c) {
    if (Lower(header[c]) == "case") case_column = static_cast<int>(c);
  }
  VariableImportReport report;
  DocumentStore documents(m_db);
  // Types are decided from the whole column before any value is written.
  std::map<std::size_t, std::int64_t> variable_ids;
  for (std::size_t c = 1; c < header.size(); ++c) {
    if (static_cast<int>(c) == case_column) continue;
    if (TrimWhitespace(header[c]).empty()) throw DataError("column " + std::to_string(c + 1) + " has no name", path);
    std::vector<std::string> column;
    for (std::size_t r = 1; r < rows.size(); ++r) column.push_back(c < rows[r].size() ? rows[r][c] : "");
    variable_ids[c] = EnsureVariable(header[c], InferType(column));
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const std::string line = "line " + std::to_string(r + 1);
    if (row.size() > header.size()) throw DataError(line + " has more cells than the header", path);
    const std::string key(TrimWhitespace(row[0]));
    if (key.empty()) throw DataError(line + " names no document or case", path);
    std::optional<std::int64_t> document = documents.Find(key);
    std::optional<std::int64_t> case_id;
    if (document && case_column >= 0 && static_cast<std::size_t>(case_column) < row.size() && !row[case_column].empty()) {
      case_id = EnsureCase(std::string(TrimWhitespace(row[case_column])));
      documents.SetCase(*document, case_id);
    }
    if (!document) {
      case_id = FindCase(key);
      if (!case_id) {
        report.warnings.push_back(line + ": no document or case named '" + key + "'; row skipped");
        continue;
      }
    }
    ++report.rows;
    for (const auto& [column, variable_id] : variable_ids) {
      const std::string value = column < row.size() ? row[column] : "";
      try {
        if (document) SetDocumentValue(variable_id, *document, value);
        else SetCaseValue(variable_id, *case_id, value);
      } catch (const DataError& e) {
        throw DataError(line + ", column '" + header[column] + "': " + e.reason(), path);
      }
      if (!value.empty()) ++report.values;
    }
  }
  return report;
}

}  // namespace tessera
