#pragma once
// The project's pseudonym register and reviewers' decisions, kept in the project file so that
// every export of the study uses the same pseudonym for the same person, place or school.

#include <string>
#include <vector>

#include "redaction/pseudonym_register.h"
#include "redaction/redactor.h"

namespace tessera {

class Database;

/// Reads and writes the register and review decisions. Callers own the transaction.
class RegisterStore {
 public:
  explicit RegisterStore(Database& db) : m_db(db) {}
  /// Every entry, by id.
  std::vector<RegisterEntry> Entries();
  /// Adds an entry (or merges aliases into the entry of the same kind and name); returns its id.
  /// @throws DataError for an unknown kind or an empty name.
  std::int64_t Add(const std::string& kind, const std::string& name, const std::vector<std::string>& aliases,
                   bool common_word = false);
  /// Imports a CSV with columns kind,name,aliases (aliases separated by '|'), and optionally
  /// common_word. Returns the number of rows. @throws DataError naming the file.
  std::size_t ImportCsv(const std::string& path);
  /// Gives every entry without a pseudonym the next free one and stores them; returns the entries.
  std::vector<RegisterEntry> EntriesWithPseudonyms();
  /// Stored review decisions (project-wide ones, and those of `document_id` when given).
  std::vector<ReviewDecision> Decisions(std::optional<std::int64_t> document_id = {});
  /// Stores one decision (document-wide when `start` is empty).
  void AddDecision(const ReviewDecision& decision, std::optional<std::int64_t> document_id, std::int64_t reviewer_id);

 private:
  Database& m_db;
};

}  // namespace tessera
