#pragma once
// Documents (immutable text) and their speaker turns.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Database;

/// A speaker turn: [start, end) in code points of its document.
struct Turn {
  std::int64_t seq = 0;
  std::string speaker;
  std::size_t start = 0, end = 0;
  std::optional<std::int64_t> time_start_ms, time_end_ms;
};

/// A document's metadata (no text).
struct DocumentInfo {
  std::int64_t id = 0;
  std::string guid, name, language, source_name, source_encoding, source_sha256, sha256;
  std::size_t characters = 0;
  std::string imported_at, content_note;
  std::optional<std::int64_t> case_id;
  std::int64_t turn_count = 0;
};

/// Everything needed to add a document.
struct NewDocument {
  std::string guid;  ///< empty: a new one is made
  std::string name, language, source_name, source_encoding, source_sha256;
  std::string text;  ///< stored form: UTF-8, NFC, LF, no BOM
  std::vector<Turn> turns;
  std::string content_note;
};

/// Reads and writes documents of one project.
class DocumentStore {
 public:
  explicit DocumentStore(Database& db) : m_db(db) {}
  /// Adds a document; returns its id. The name is made unique with " (2)", " (3)" … when taken.
  /// @throws DataError when the text is not in stored form or a turn lies outside it.
  std::int64_t Add(const NewDocument& doc, std::optional<std::int64_t> imported_by);
  /// All documents, in name order.
  std::vector<DocumentInfo> List();
  /// One document's metadata. @throws NotFoundError.
  DocumentInfo Info(std::int64_t id);
  /// The stored text of a document. @throws NotFoundError.
  std::string Text(std::int64_t id);
  /// Finds a document by name, by GUID, or by id written as a number.
  std::optional<std::int64_t> Find(const std::string& name_or_guid);
  /// Like Find, but @throws NotFoundError naming what was asked for.
  std::int64_t Resolve(const std::string& name_or_guid);
  /// A document whose source file or stored text has this SHA-256.
  std::optional<std::int64_t> FindBySha(const std::string& sha256);
  /// The turns of a document, in order.
  std::vector<Turn> Turns(std::int64_t id);
  /// Sets the content note shown before the document opens.
  void SetContentNote(std::int64_t id, const std::string& note);
  /// Sets the language tag.
  void SetLanguage(std::int64_t id, const std::string& language);
  /// Attaches the document to a case (nullopt detaches).
  void SetCase(std::int64_t id, std::optional<std::int64_t> case_id);
  /// A name not yet used by another document, based on `wanted`.
  std::string UniqueName(const std::string& wanted);

 private:
  Database& m_db;
};

}  // namespace tessera
