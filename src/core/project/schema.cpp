#include "project/schema.h"

#include <string>

#include "error.h"
#include "project/database.h"

namespace tessera {
namespace {

// Version 1: the study itself. Documents are immutable; offsets are code points, end exclusive.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE);
CREATE TABLE cases(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '');
CREATE TABLE documents(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  language TEXT NOT NULL DEFAULT '', source_name TEXT NOT NULL DEFAULT '',
  source_encoding TEXT NOT NULL DEFAULT '', source_sha256 TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL, text TEXT NOT NULL, characters INTEGER NOT NULL CHECK(characters >= 0),
  imported_at TEXT NOT NULL, imported_by INTEGER REFERENCES users(id),
  content_note TEXT NOT NULL DEFAULT '',
  case_id INTEGER REFERENCES cases(id) ON DELETE SET NULL);
CREATE INDEX documents_source_sha ON documents(source_sha256);
CREATE INDEX documents_sha ON documents(sha256);
CREATE INDEX documents_case ON documents(case_id);
CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text, characters, sha256 ON documents
BEGIN SELECT RAISE(ABORT, 'document text is immutable'); END;
CREATE TABLE turns(
  id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, speaker TEXT NOT NULL DEFAULT '', start INTEGER NOT NULL, end INTEGER NOT NULL,
  time_start_ms INTEGER, time_end_ms INTEGER, CHECK(start >= 0 AND end >= start), UNIQUE(document_id, seq));
CREATE TABLE variables(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK(type IN ('text','category','integer','float','date','boolean')),
  description TEXT NOT NULL DEFAULT '');
CREATE TABLE variable_values(
  id INTEGER PRIMARY KEY, variable_id INTEGER NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
  case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
  document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  value TEXT NOT NULL,
  CHECK((case_id IS NULL) <> (document_id IS NULL)));
CREATE UNIQUE INDEX variable_values_case ON variable_values(variable_id, case_id) WHERE case_id IS NOT NULL;
CREATE UNIQUE INDEX variable_values_document ON variable_values(variable_id, document_id) WHERE document_id IS NOT NULL;
CREATE TABLE codes(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, parent_id INTEGER REFERENCES codes(id),
  name TEXT NOT NULL CHECK(length(name) > 0 AND instr(name, '/') = 0),
  color TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  inclusion TEXT NOT NULL DEFAULT '', exclusion TEXT NOT NULL DEFAULT '', example TEXT NOT NULL DEFAULT '',
  codable INTEGER NOT NULL DEFAULT 1, sensitive INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX codes_sibling_name ON codes(ifnull(parent_id, 0), name);
CREATE TABLE codings(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  code_id INTEGER NOT NULL REFERENCES codes(id),
  coder_id INTEGER NOT NULL REFERENCES users(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, created_at TEXT NOT NULL,
  memo TEXT NOT NULL DEFAULT '',
  CHECK(start >= 0 AND end > start), UNIQUE(document_id, code_id, coder_id, start, end));
CREATE INDEX codings_code ON codings(code_id, document_id, coder_id);
CREATE INDEX codings_document ON codings(document_id, start);
CREATE TABLE memos(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE,
  target_kind TEXT NOT NULL CHECK(target_kind IN ('project','document','code','coding','case')),
  target_id INTEGER, author_id INTEGER REFERENCES users(id), title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL);
CREATE INDEX memos_target ON memos(target_kind, target_id);
CREATE TABLE sets(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '');
CREATE TABLE set_members(
  set_id INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY(set_id, document_id));
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 2: redaction. The pseudonym register and reviewers' decisions live in the project so
// that every export of the same study uses the same pseudonyms.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE register_entries(
  id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
  aliases TEXT NOT NULL DEFAULT '[]', pseudonym TEXT NOT NULL DEFAULT '',
  common_word INTEGER NOT NULL DEFAULT 0, UNIQUE(kind, name));
CREATE TABLE redaction_decisions(
  id INTEGER PRIMARY KEY, document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  start INTEGER, end INTEGER, original TEXT NOT NULL, kind TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK(verdict IN ('accept','reject','add')),
  reviewer_id INTEGER REFERENCES users(id), decided_at TEXT NOT NULL);
)sql";

struct Migration {
  int version;
  const char* sql;
};
constexpr Migration kMigrations[] = {{1, kVersion1}, {2, kVersion2}};

}  // namespace

int SchemaVersion(Database& db) {
  auto stmt = db.Prepare("PRAGMA user_version");
  stmt.Step();
  return static_cast<int>(stmt.Int(0));
}

void CreateSchema(Database& db) {
  Transaction tx(db);
  for (const auto& m : kMigrations) db.Execute(m.sql);
  db.Execute("PRAGMA application_id=" + std::to_string(kApplicationId));
  db.Execute("PRAGMA user_version=" + std::to_string(kSchemaVersion));
  tx.Commit();
}

void MigrateSchema(Database& db) {
  const int version = SchemaVersion(db);
  if (version > kSchemaVersion) {
    throw DataError("the project was written by a newer Tessera (schema " + std::to_string(version) +
                        ", this build reads up to " + std::to_string(kSchemaVersion) + "); it was left unchanged",
                    db.Path());
  }
  if (version == kSchemaVersion) return;
  Transaction tx(db);
  for (const auto& m : kMigrations) {
    if (m.version > version) db.Execute(m.sql);
  }
  db.Execute("PRAGMA user_version=" + std::to_string(kSchemaVersion));
  tx.Commit();
}

}  // namespace tessera
