#include "project/audit_log.h"

#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "project/database.h"
#include "project/identity.h"

namespace tessera {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
// The chain alone cannot show that its newest entries were removed: what is left still links up.
// So every Append also records the head hash and the number of entries in the meta table, in the
// same transaction, and Verify compares them with the chain.
constexpr const char* kHeadKey = "audit_head";
constexpr const char* kCountKey = "audit_count";

std::optional<std::string> MetaValue(Database& db, const char* key) {
  auto stmt = db.Prepare("SELECT value FROM meta WHERE key = ?");
  stmt.Bind(1, key);
  if (!stmt.Step()) return std::nullopt;
  return stmt.Text(0);
}

void SetMetaValue(Database& db, const char* key, const std::string& value) {
  db.Prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .BindAll(key, value)
      .Run();
}

std::string EntryHash(const std::string& prev, std::int64_t id, const std::string& at, const std::string& actor,
                      const std::string& action, const std::string& detail) {
  // Fields are joined with a separator that cannot occur in them unescaped (detail is JSON).
  return Sha256Hex(prev + '\x1f' + std::to_string(id) + '\x1f' + at + '\x1f' + actor + '\x1f' + action + '\x1f' +
                   detail);
}

}  // namespace

void AuditLog::Append(const std::string& actor, const std::string& action, const nlohmann::json& detail) {
  std::string prev = kGenesis;
  std::int64_t id = 1;
  {
    auto last = m_db.Prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (last.Step()) {
      id = last.Int(0) + 1;
      prev = last.Text(1);
    }
  }
  const std::string at = UtcNow();
  const std::string detail_text = detail.dump();
  const std::string hash = EntryHash(prev, id, at, actor, action, detail_text);
  m_db.Prepare("INSERT INTO audit_log(id, at, actor, action, detail, prev_hash, hash) VALUES(?,?,?,?,?,?,?)")
      .BindAll(id, at, actor, action, detail_text, prev, hash)
      .Run();
  SetMetaValue(m_db, kHeadKey, hash);
  SetMetaValue(m_db, kCountKey, std::to_string(id));
}

std::vector<AuditEntry> AuditLog::Entries() {
  std::vector<AuditEntry> entries;
  auto stmt = m_db.Prepare("SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY id");
  while (stmt.Step()) {
    entries.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4), stmt.Text(5), stmt.Text(6)});
  }
  return entries;
}

std::optional<std::string> AuditLog::Verify() {
  std::string prev = kGenesis;
  std::int64_t expected_id = 1;
  for (const auto& e : Entries()) {
    if (e.id != expected_id) return "audit entry " + std::to_string(expected_id) + " is missing";
    if (e.prev_hash != prev) return "audit entry " + std::to_string(e.id) + " does not follow the one before it";
    if (e.hash != EntryHash(prev, e.id, e.at, e.actor, e.action, e.detail)) {
      return "audit entry " + std::to_string(e.id) + " was altered";
    }
    prev = e.hash;
    ++expected_id;
  }
  // A project written before the head was recorded has neither key; its next Append records them.
  const auto head = MetaValue(m_db, kHeadKey);
  const auto count = MetaValue(m_db, kCountKey);
  const std::int64_t present = expected_id - 1;
  if (count && *count != std::to_string(present)) {
    std::int64_t recorded = -1;
    try {
      recorded = std::stoll(*count);
    } catch (const std::exception&) {
    }
    if (recorded > present) {
      return "audit entry " + std::to_string(present + 1) + " is missing: the chain ends at entry " +
             std::to_string(present) + " but " + std::to_string(recorded) + " entries were recorded";
    }
    if (recorded >= 0) return "audit entry " + std::to_string(recorded + 1) + " was not added by Tessera";
    return "the recorded length of the audit log is damaged";
  }
  if (head && *head != prev) {
    return present == 0 ? std::string("every audit entry is missing")
                        : "audit entry " + std::to_string(present) + " is not the recorded head of the chain";
  }
  return std::nullopt;
}

}  // namespace tessera
