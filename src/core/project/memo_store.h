#pragma once
// Memos on the project, documents, codes, codings and cases; and sets of documents.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Database;

/// One memo.
struct Memo {
  std::int64_t id = 0;
  std::string guid, target_kind;
  std::optional<std::int64_t> target_id;
  std::string author, title, text, created_at, modified_at;
};

/// A named set of documents.
struct DocumentSet {
  std::int64_t id = 0;
  std::string guid, name, description;
  std::vector<std::int64_t> documents;
};

/// Reads and writes memos and sets. Callers own the transaction.
class MemoStore {
 public:
  explicit MemoStore(Database& db) : m_db(db) {}
  /// Adds a memo; `target_kind` is project, document, code, coding or case.
  std::int64_t Add(const std::string& target_kind, std::optional<std::int64_t> target_id, std::int64_t author_id,
                   const std::string& title, const std::string& text, const std::string& guid = {});
  /// Replaces a memo's text.
  void Update(std::int64_t id, const std::string& title, const std::string& text);
  /// Removes a memo.
  void Remove(std::int64_t id);
  /// Memos, optionally only those on one target.
  std::vector<Memo> List(const std::string& target_kind = {}, std::optional<std::int64_t> target_id = {});

  /// The set named `name`, created when new.
  std::int64_t EnsureSet(const std::string& name, const std::string& guid = {});
  /// Adds a document to a set (nothing when it is already in it).
  void AddToSet(std::int64_t set_id, std::int64_t document_id);
  /// Removes a document from a set.
  void RemoveFromSet(std::int64_t set_id, std::int64_t document_id);
  /// All sets with their members.
  std::vector<DocumentSet> Sets();

 private:
  Database& m_db;
};

}  // namespace tessera
