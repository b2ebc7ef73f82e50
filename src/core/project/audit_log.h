#pragma once
// The append-only, hash-chained record of what happened to a project: imports, merges,
// reconciliations, redaction decisions and exports. Each entry's hash covers the previous hash,
// so an edit anywhere breaks the chain from that entry on.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tessera {

class Database;

/// One audit entry.
struct AuditEntry {
  std::int64_t id = 0;
  std::string at, actor, action, detail, prev_hash, hash;
};

/// Appends to and verifies the audit chain of one project.
class AuditLog {
 public:
  explicit AuditLog(Database& db) : m_db(db) {}
  /// Appends an entry; call inside the transaction of the action it records.
  void Append(const std::string& actor, const std::string& action, const nlohmann::json& detail);
  /// All entries, oldest first.
  std::vector<AuditEntry> Entries();
  /// The first problem in the chain, or nullopt when every hash matches.
  std::optional<std::string> Verify();

 private:
  Database& m_db;
};

}  // namespace tessera
