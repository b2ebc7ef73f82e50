#include "project/memo_store.h"

#include "error.h"
#include "project/database.h"
#include "project/identity.h"

namespace tessera {

std::int64_t MemoStore::Add(const std::string& target_kind, std::optional<std::int64_t> target_id, std::int64_t author_id,
                            const std::string& title, const std::string& text, const std::string& guid) {
  const std::string now = UtcNow();
  m_db.Prepare(
          "INSERT INTO memos(guid, target_kind, target_id, author_id, title, text, created_at, modified_at) "
          "VALUES(?,?,?,?,?,?,?,?)")
      .BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), target_kind, target_id, author_id, title, text, now, now)
      .Run();
  return m_db.LastInsertId();
}

void MemoStore::Update(std::int64_t id, const std::string& title, const std::string& text) {
  m_db.Prepare("UPDATE memos SET title = ?, text = ?, modified_at = ? WHERE id = ?").BindAll(title, text, UtcNow(), id).Run();
  if (m_db.Changes() == 0) throw NotFoundError("no memo with id " + std::to_string(id));
}

void MemoStore::Remove(std::int64_t id) {
  m_db.Prepare("DELETE FROM memos WHERE id = ?").Bind(1, id).Run();
  if (m_db.Changes() == 0) throw NotFoundError("no memo with id " + std::to_string(id));
}

std::vector<Memo> MemoStore::List(const std::string& target_kind, std::optional<std::int64_t> target_id) {
  std::string sql =
      "SELECT m.id, m.guid, m.target_kind, m.target_id, ifnull(u.name, ''), m.title, m.text, m.created_at, m.modified_at "
      "FROM memos m LEFT JOIN users u ON u.id = m.author_id WHERE (?1 = '' OR m.target_kind = ?1) "
      "AND (?2 IS NULL OR m.target_id = ?2) ORDER BY m.id";
  auto stmt = m_db.Prepare(sql);
  stmt.Bind(1, target_kind);
  stmt.Bind(2, target_id);
  std::vector<Memo> memos;
  while (stmt.Step()) {
    memos.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.OptionalInt(3), stmt.Text(4), stmt.Text(5),
                     stmt.Text(6), stmt.Text(7), stmt.Text(8)});
  }
  return memos;
}

std::int64_t MemoStore::EnsureSet(const std::string& name, const std::string& guid) {
  auto find = m_db.Prepare("SELECT id FROM sets WHERE name = ?");
  find.Bind(1, name);
  if (find.Step()) return find.Int(0);
  m_db.Prepare("INSERT INTO sets(guid, name) VALUES(?, ?)").BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), name).Run();
  return m_db.LastInsertId();
}

void MemoStore::AddToSet(std::int64_t set_id, std::int64_t document_id) {
  m_db.Prepare("INSERT OR IGNORE INTO set_members(set_id, document_id) VALUES(?, ?)").BindAll(set_id, document_id).Run();
}

void MemoStore::RemoveFromSet(std::int64_t set_id, std::int64_t document_id) {
  m_db.Prepare("DELETE FROM set_members WHERE set_id = ? AND document_id = ?").BindAll(set_id, document_id).Run();
}

std::vector<DocumentSet> MemoStore::Sets() {
  std::vector<DocumentSet> sets;
  auto stmt = m_db.Prepare("SELECT id, guid, name, description FROM sets ORDER BY name");
  while (stmt.Step()) sets.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), {}});
  auto members = m_db.Prepare("SELECT document_id FROM set_members WHERE set_id = ? ORDER BY document_id");
  for (auto& s : sets) {
    members.Reset();
    members.Bind(1, s.id);
    while (members.Step()) s.documents.push_back(members.Int(0));
  }
  return sets;
}

}  // namespace tessera
