#include "project/audit_log.h"

#include <nlohmann/json.hpp>

#include "project/database.h"
#include "project/identity.h"

namespace tessera {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

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
  m_db.Prepare("INSERT INTO audit_log(id, at, actor, action, detail, prev_hash, hash) VALUES(?,?,?,?,?,?,?)")
      .BindAll(id, at, actor, action, detail_text, prev, EntryHash(prev, id, at, actor, action, detail_text))
      .Run();
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
  return std::nullopt;
}

}  // namespace tessera
