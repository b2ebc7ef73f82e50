#include "project/document_store.h"

#include <algorithm>
#include <cctype>

#include "error.h"
#include "project/database.h"
#include "project/identity.h"
#include "text/utf8.h"

namespace tessera {
namespace {

constexpr const char* kInfoColumns =
    "d.id, d.guid, d.name, d.language, d.source_name, d.source_encoding, d.source_sha256, d.sha256, d.characters, "
    "d.imported_at, d.content_note, d.case_id, (SELECT count(*) FROM turns t WHERE t.document_id = d.id)";

DocumentInfo ReadInfo(const Statement& s) {
  DocumentInfo info;
  info.id = s.Int(0);
  info.guid = s.Text(1);
  info.name = s.Text(2);
  info.language = s.Text(3);
  info.source_name = s.Text(4);
  info.source_encoding = s.Text(5);
  info.source_sha256 = s.Text(6);
  info.sha256 = s.Text(7);
  info.characters = static_cast<std::size_t>(s.Int(8));
  info.imported_at = s.Text(9);
  info.content_note = s.Text(10);
  info.case_id = s.OptionalInt(11);
  info.turn_count = s.Int(12);
  return info;
}

}  // namespace

std::string DocumentStore::UniqueName(const std::string& wanted) {
  const std::string base = wanted.empty() ? "document" : wanted;
  std::string name = base;
  auto taken = m_db.Prepare("SELECT 1 FROM documents WHERE name = ?");
  for (int n = 2;; ++n) {
    taken.Reset();
    taken.Bind(1, name);
    if (!taken.Step()) return name;
    name = base + " (" + std::to_string(n) + ")";
  }
}

std::int64_t DocumentStore::Add(const NewDocument& doc, std::optional<std::int64_t> imported_by) {
  if (!utf8::IsValid(doc.text)) throw ProgrammingError("document text is not valid UTF-8");
  if (doc.text.find('\r') != std::string::npos || doc.text.starts_with("\xEF\xBB\xBF")) {
    throw ProgrammingError("document text is not in stored form");
  }
  const std::size_t characters = utf8::CodePointCount(doc.text);
  for (const auto& turn : doc.turns) {
    if (turn.start > turn.end || turn.end > characters) throw ProgrammingError("a turn lies outside its document");
  }
  const std::string guid = doc.guid.empty() ? NewGuid() : CanonicalGuid(doc.guid);
  m_db.Prepare(
          "INSERT INTO documents(guid, name, language, source_name, source_encoding, source_sha256, sha256, text, "
          "characters, imported_at, imported_by, content_note) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)")
      .BindAll(guid, UniqueName(doc.name), doc.language, doc.source_name, doc.source_encoding, doc.source_sha256,
               Sha256Hex(doc.text), doc.text, characters, UtcNow(), imported_by, doc.content_note)
      .Run();
  const std::int64_t id = m_db.LastInsertId();
  auto insert = m_db.Prepare(
      "INSERT INTO turns(document_id, seq, speaker, start, end, time_start_ms, time_end_ms) VALUES(?,?,?,?,?,?,?)");
  std::int64_t seq = 0;
  for (const auto& turn : doc.turns) {
    insert.Reset();
    insert.BindAll(id, seq++, turn.speaker, turn.start, turn.end, turn.time_start_ms, turn.time_end_ms).Run();
  }
  return id;
}

std::vector<DocumentInfo> DocumentStore::List() {
  std::vector<DocumentInfo> docs;
  auto stmt = m_db.Prepare(std::string("SELECT ") + kInfoColumns + " FROM documents d ORDER BY d.name");
  while (stmt.Step()) docs.push_back(ReadInfo(stmt));
  return docs;
}

DocumentInfo DocumentStore::Info(std::int64_t id) {
  auto stmt = m_db.Prepare(std::string("SELECT ") + kInfoColumns + " FROM documents d WHERE d.id = ?");
  stmt.Bind(1, id);
  if (!stmt.Step()) throw NotFoundError("no document with id " + std::to_string(id));
  return ReadInfo(stmt);
}

std::string DocumentStore::Text(std::int64_t id) {
  auto stmt = m_db.Prepare("SELECT text FROM documents WHERE id = ?");
  stmt.Bind(1, id);
  if (!stmt.Step()) throw NotFoundError("no document with id " + std::to_string(id));
  return stmt.Text(0);
}

std::optional<std::int64_t> DocumentStore::Find(const std::string& key) {
  auto by_name = m_db.Prepare("SELECT id FROM documents WHERE name = ?");
  by_name.Bind(1, key);
  if (by_name.Step()) return by_name.Int(0);
  if (IsGuid(key)) {
    auto by_guid = m_db.Prepare("SELECT id FROM documents WHERE guid = ?");
    by_guid.Bind(1, CanonicalGuid(key));
    if (by_guid.Step()) return by_guid.Int(0);
  }
  if (!key.empty() && key.size() < 18 && std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isdigit(c); })) {
    auto by_id = m_db.Prepare("SELECT id FROM documents WHERE id = ?");
    by_id.Bind(1, static_cast<std::int64_t>(std::stoll(key)));
    if (by_id.Step()) return by_id.Int(0);
  }
  return std::nullopt;
}

std::int64_t DocumentStore::Resolve(const std::string& key) {
  if (auto id = Find(key)) return *id;
  throw NotFoundError("no document named '" + key + "' in the project");
}

std::optional<std::int64_t> DocumentStore::FindBySha(const std::string& sha256) {
  auto stmt = m_db.Prepare("SELECT id FROM documents WHERE source_sha256 = ?1 OR sha256 = ?1 LIMIT 1");
  stmt.Bind(1, sha256);
  if (stmt.Step()) return stmt.Int(0);
  return std::nullopt;
}

std::vector<Turn> DocumentStore::Turns(std::int64_t id) {
  std::vector<Turn> turns;
  auto stmt = m_db.Prepare(
      "SELECT seq, speaker, start, end, time_start_ms, time_end_ms FROM turns WHERE document_id = ? ORDER BY seq");
  stmt.Bind(1, id);
  while (stmt.Step()) {
    turns.push_back({stmt.Int(0), stmt.Text(1), static_cast<std::size_t>(stmt.Int(2)),
                     static_cast<std::size_t>(stmt.Int(3)), stmt.OptionalInt(4), stmt.OptionalInt(5)});
  }
  return turns;
}

void DocumentStore::SetContentNote(std::int64_t id, const std::string& note) {
  m_db.Prepare("UPDATE documents SET content_note = ? WHERE id = ?").BindAll(note, id).Run();
}

void DocumentStore::SetLanguage(std::int64_t id, const std::string& language) {
  m_db.Prepare("UPDATE documents SET language = ? WHERE id = ?").BindAll(language, id).Run();
}

void DocumentStore::SetCase(std::int64_t id, std::optional<std::int64_t> case_id) {
  m_db.Prepare("UPDATE documents SET case_id = ? WHERE id = ?").BindAll(case_id, id).Run();
}

}  // namespace tessera
