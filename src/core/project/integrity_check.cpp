#include "project/integrity_check.h"

#include <map>
#include <set>

#include "project/audit_log.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"
#include "project/schema.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {

std::vector<std::string> CheckProject(Project& project) {
  std::vector<std::string> problems;
  Database& db = project.Db();
  if (SchemaVersion(db) != kSchemaVersion) problems.push_back("schema version " + std::to_string(SchemaVersion(db)) + " is not current");
  {
    auto stmt = db.Prepare("PRAGMA integrity_check");
    while (stmt.Step()) {
      if (stmt.Text(0) != "ok") problems.push_back("SQLite: " + stmt.Text(0));
    }
  }
  {
    auto stmt = db.Prepare("PRAGMA foreign_key_check");
    while (stmt.Step()) problems.push_back("a row of " + stmt.Text(0) + " refers to a missing row of " + stmt.Text(2));
  }
  std::map<std::int64_t, std::size_t> lengths;
  {
    auto stmt = db.Prepare("SELECT id, name, text, characters, sha256 FROM documents");
    while (stmt.Step()) {
      const std::string name = stmt.Text(1);
      const std::string text = stmt.Text(2);
      lengths[stmt.Int(0)] = static_cast<std::size_t>(stmt.Int(3));
      if (!utf8::IsValid(text)) {
        problems.push_back("document '" + name + "': text is not valid UTF-8");
        continue;
      }
      if (utf8::CodePointCount(text) != static_cast<std::size_t>(stmt.Int(3))) {
        problems.push_back("document '" + name + "': stored length does not match its text");
      }
      if (Sha256Hex(text) != stmt.Text(4)) problems.push_back("document '" + name + "': text does not match its SHA-256");
      if (text.find('\r') != std::string::npos || ToNfc(text) != text) {
        problems.push_back("document '" + name + "': text is not in stored form (NFC, LF)");
      }
    }
  }
  auto check_ranges = [&](const char* table, const char* what) {
    auto stmt = db.Prepare(std::string("SELECT id, document_id, start, end FROM ") + table);
    while (stmt.Step()) {
      const auto it = lengths.find(stmt.Int(1));
      const auto start = stmt.Int(2), end = stmt.Int(3);
      if (it == lengths.end() || start < 0 || end < start || static_cast<std::size_t>(end) > it->second) {
        problems.push_back(std::string(what) + " " + std::to_string(stmt.Int(0)) + " lies outside its document");
      }
    }
  };
  check_ranges("turns", "turn");
  check_ranges("codings", "coding");
  {
    std::map<std::int64_t, std::optional<std::int64_t>> parent;
    auto stmt = db.Prepare("SELECT id, parent_id FROM codes");
    while (stmt.Step()) parent[stmt.Int(0)] = stmt.OptionalInt(1);
    for (const auto& [id, p] : parent) {
      std::set<std::int64_t> seen{id};
      for (auto at = p; at; at = parent[*at]) {
        if (!seen.insert(*at).second) {
          problems.push_back("code " + std::to_string(id) + " is its own ancestor");
          break;
        }
      }
    }
  }
  if (auto broken = AuditLog(db).Verify()) problems.push_back("audit log: " + *broken);
  return problems;
}

}  // namespace tessera
