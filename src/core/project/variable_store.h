#pragma once
// Cases (participants) and typed variables on cases and documents. A document's effective value
// of a variable is its own value, or else its case's.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Database;

/// The types a variable can have.
enum class VariableType { Text, Category, Integer, Float, Date, Boolean };

/// "text", "category", … and back. @throws DataError for an unknown name.
std::string ToString(VariableType type);
VariableType ParseVariableType(const std::string& name);

/// A variable definition.
struct Variable {
  std::int64_t id = 0;
  std::string guid, name;
  VariableType type = VariableType::Category;
  std::string description;
};

/// A case (participant).
struct Case {
  std::int64_t id = 0;
  std::string guid, name, description;
  std::int64_t documents = 0;
};

/// What ImportCsv did.
struct VariableImportReport {
  std::size_t rows = 0, values = 0;
  std::vector<std::string> warnings;  ///< rows that matched nothing, and the like
};

/// Reads and writes cases and variables. Callers own the transaction.
class VariableStore {
 public:
  explicit VariableStore(Database& db) : m_db(db) {}

  /// The case named `name`, created when new.
  std::int64_t EnsureCase(const std::string& name, const std::string& guid = {});
  /// The case named `name`, if any.
  std::optional<std::int64_t> FindCase(const std::string& name);
  /// All cases with their document counts.
  std::vector<Case> Cases();

  /// All variables.
  std::vector<Variable> Variables();
  /// The variable named `name`, created with `type` when new.
  std::int64_t EnsureVariable(const std::string& name, VariableType type, const std::string& guid = {});
  /// The variable named `name`, if any.
  std::optional<Variable> FindVariable(const std::string& name);

  /// Sets a document's value (an empty value removes it). @throws DataError when it does not fit the type.
  void SetDocumentValue(std::int64_t variable_id, std::int64_t document_id, const std::string& value);
  /// Sets a case's value (an empty value removes it). @throws DataError when it does not fit the type.
  void SetCaseValue(std::int64_t variable_id, std::int64_t case_id, const std::string& value);
  /// Effective values of one document: variable name -> value.
  std::map<std::string, std::string> DocumentValues(std::int64_t document_id);
  /// Effective values of every document: document id -> (variable name -> value).
  std::map<std::int64_t, std::map<std::string, std::string>> AllDocumentValues();
  /// A case's own values.
  std::map<std::string, std::string> CaseValues(std::int64_t case_id);

  /// Imports a CSV whose first column names a document (file name without extension) or a case;
  /// a column named `case` attaches documents to cases; types are inferred for new variables.
  /// @throws DataError naming the file for a malformed CSV or a value that does not fit its type.
  VariableImportReport ImportCsv(const std::string& path);

 private:
  // One value of a document or a case; `owner_column` is "document_id" or "case_id".
  void SetValue(std::int64_t variable_id, const char* owner_column, std::int64_t owner_id, const std::string& raw);
  Database& m_db;
};

/// Checks `value` against `type` and returns its canonical form. @throws DataError.
std::string CanonicalValue(VariableType type, const std::string& value);

}  // namespace tessera
