#pragma once
// Codings: a code applied by a coder to [start, end) code points of a document.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Database;

/// One coding with the names a listing needs.
struct Coding {
  std::int64_t id = 0;
  std::string guid;
  std::int64_t document_id = 0;
  std::string document;  ///< document name
  std::size_t start = 0, end = 0;
  std::int64_t code_id = 0;
  std::string code;  ///< code path
  std::int64_t coder_id = 0;
  std::string coder;
  std::string created_at, memo;
  std::string text;  ///< the coded text (filled when asked for)
};

/// Which codings to list; empty vectors mean "all".
struct CodingFilter {
  std::vector<std::int64_t> documents, codes, coders;
  bool with_text = true;
};

/// Reads and writes codings. Callers own the transaction.
class CodingStore {
 public:
  explicit CodingStore(Database& db) : m_db(db) {}
  /// Applies a code; returns the coding's id and whether it is new (an identical coding is reused).
  /// @throws DataError when the range is empty, reversed or outside the document, or the code is not codable.
  std::pair<std::int64_t, bool> Add(std::int64_t document_id, std::size_t start, std::size_t end, std::int64_t code_id,
                                    std::int64_t coder_id, const std::string& memo = {}, const std::string& guid = {},
                                    const std::string& created_at = {});
  /// Codings matching `filter`, by document name, start, end, code path and coder.
  std::vector<Coding> List(const CodingFilter& filter = {});
  /// Removes a coding. @throws NotFoundError.
  void Remove(std::int64_t id);
  /// Changes the code of a coding.
  void ChangeCode(std::int64_t id, std::int64_t code_id);
  /// Sets a coding's memo.
  void SetMemo(std::int64_t id, const std::string& memo);
  /// One coding. @throws NotFoundError.
  Coding Get(std::int64_t id);

 private:
  Database& m_db;
};

}  // namespace tessera
