#include "project_queries.h"

#include "error.h"
#include "project/database.h"
#include "project/identity.h"

namespace tessera::app {

std::vector<std::string> UserNames(Database& db) {
  std::vector<std::string> names;
  auto stmt = db.Prepare("SELECT name FROM users ORDER BY name");
  while (stmt.Step()) names.push_back(stmt.Text(0));
  return names;
}

std::optional<std::int64_t> CodingIdByGuid(Database& db, const std::string& guid) {
  auto stmt = db.Prepare("SELECT id FROM codings WHERE guid = ?");
  stmt.Bind(1, CanonicalGuid(guid));
  if (stmt.Step()) return stmt.Int(0);
  return std::nullopt;
}

std::map<std::int64_t, std::int64_t> CodingCountsByDocument(Database& db) {
  std::map<std::int64_t, std::int64_t> counts;
  auto stmt = db.Prepare("SELECT document_id, count(*) FROM codings GROUP BY document_id");
  while (stmt.Step()) counts[stmt.Int(0)] = stmt.Int(1);
  return counts;
}

std::string CodingGuid(Database& db, std::int64_t coding_id) {
  auto stmt = db.Prepare("SELECT guid FROM codings WHERE id = ?");
  stmt.Bind(1, coding_id);
  if (!stmt.Step()) throw NotFoundError("no coding with id " + std::to_string(coding_id));
  return stmt.Text(0);
}

}  // namespace tessera::app
