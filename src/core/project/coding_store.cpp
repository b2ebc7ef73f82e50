#include "project/coding_store.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "error.h"
#include "project/code_tree.h"
#include "project/database.h"
#include "project/identity.h"
#include "text/offset_map.h"

namespace tessera {
namespace {

std::string IdList(const std::vector<std::int64_t>& ids) {
  std::string list;
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  return list;
}

}  // namespace

std::pair<std::int64_t, bool> CodingStore::Add(std::int64_t document_id, std::size_t start, std::size_t end,
                                               std::int64_t code_id, std::int64_t coder_id, const std::string& memo,
                                               const std::string& guid, const std::string& created_at) {
  auto doc = m_db.Prepare("SELECT characters, name FROM documents WHERE id = ?");
  doc.Bind(1, document_id);
  if (!doc.Step()) throw NotFoundError("no document with id " + std::to_string(document_id));
  const auto characters = static_cast<std::size_t>(doc.Int(0));
  if (start >= end) throw DataError("a coding needs start < end (got " + std::to_string(start) + ".." + std::to_string(end) + ")");
  if (end > characters) {
    throw DataError("the range " + std::to_string(start) + ".." + std::to_string(end) + " lies outside '" + doc.Text(1) +
                    "', which has " + std::to_string(characters) + " characters");
  }
  auto code = m_db.Prepare("SELECT codable, name FROM codes WHERE id = ?");
  code.Bind(1, code_id);
  if (!code.Step()) throw NotFoundError("no code with id " + std::to_string(code_id));
  if (code.Int(0) == 0) throw DataError("the code '" + code.Text(1) + "' is a category and cannot be applied to text");
  auto existing = m_db.Prepare(
      "SELECT id FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND end = ?");
  existing.BindAll(document_id, code_id, coder_id, start, end);
  if (existing.Step()) return {existing.Int(0), false};
  m_db.Prepare("INSERT INTO codings(guid, document_id, code_id, coder_id, start, end, created_at, memo) VALUES(?,?,?,?,?,?,?,?)")
      .BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), document_id, code_id, coder_id, start, end,
               created_at.empty() ? UtcNow() : created_at, memo)
      .Run();
  return {m_db.LastInsertId(), true};
}

std::vector<Coding> CodingStore::List(const CodingFilter& filter) {
  std::string sql =
      "SELECT c.id, c.guid, c.document_id, d.name, c.start, c.end, c.code_id, c.coder_id, u.name, c.created_at, c.memo "
      "FROM codings c JOIN documents d ON d.id = c.document_id JOIN users u ON u.id = c.coder_id WHERE 1";
  if (!filter.documents.empty()) sql += " AND c.document_id IN (" + IdList(filter.documents) + ")";
  if (!filter.codes.empty()) sql += " AND c.code_id IN (" + IdList(filter.codes) + ")";
  if (!filter.coders.empty()) sql += " AND c.coder_id IN (" + IdList(filter.coders) + ")";
  sql += " ORDER BY d.name, c.start, c.end, c.code_id, u.name";
  std::map<std::int64_t, std::string> paths;
  for (const auto& code : CodeTree(m_db).All()) paths[code.id] = code.path;
  std::vector<Coding> codings;
  auto stmt = m_db.Prepare(sql);
  while (stmt.Step()) {
    Coding c;
    c.id = stmt.Int(0);
    c.guid = stmt.Text(1);
    c.document_id = stmt.Int(2);
    c.document = stmt.Text(3);
    c.start = static_cast<std::size_t>(stmt.Int(4));
    c.end = static_cast<std::size_t>(stmt.Int(5));
    c.code_id = stmt.Int(6);
    c.code = paths[c.code_id];
    c.coder_id = stmt.Int(7);
    c.coder = stmt.Text(8);
    c.created_at = stmt.Text(9);
    c.memo = stmt.Text(10);
    codings.push_back(std::move(c));
  }
  if (filter.with_text) {
    // One offset table per document, not per coding: documents carry many codings.
    std::int64_t current = -1;
    std::string text;
    std::optional<OffsetMap> offsets;
    auto get = m_db.Prepare("SELECT text FROM documents WHERE id = ?");
    std::sort(codings.begin(), codings.end(), [](const Coding& a, const Coding& b) {
      return std::tie(a.document, a.start, a.end, a.code, a.coder) < std::tie(b.document, b.start, b.end, b.code, b.coder);
    });
    for (auto& c : codings) {
      if (c.document_id != current) {
        get.Reset();
        get.Bind(1, c.document_id);
        get.Step();
        text = get.Text(0);
        offsets.emplace(text);
        current = c.document_id;
      }
      const auto b = offsets->ByteFromCodePoint(c.start);
      c.text = text.substr(b, offsets->ByteFromCodePoint(c.end) - b);
    }
  }
  return codings;
}

Coding CodingStore::Get(std::int64_t id) {
  auto stmt = m_db.Prepare("SELECT document_id FROM codings WHERE id = ?");
  stmt.Bind(1, id);
  if (!stmt.Step()) throw NotFoundError("no coding with id " + std::to_string(id));
  CodingFilter filter;
  filter.documents = {stmt.Int(0)};
  for (auto& c : List(filter)) {
    if (c.id == id) return c;
  }
  throw NotFoundError("no coding with id " + std::to_string(id));
}

void CodingStore::Remove(std::int64_t id) {
  m_db.Prepare("DELETE FROM codings WHERE id = ?").Bind(1, id).Run();
  if (m_db.Changes() == 0) throw NotFoundError("no coding with id " + std::to_string(id));
  m_db.Prepare("DELETE FROM memos WHERE target_kind = 'coding' AND target_id = ?").Bind(1, id).Run();
}

void CodingStore::ChangeCode(std::int64_t id, std::int64_t code_id) {
  m_db.Prepare("UPDATE codings SET code_id = ? WHERE id = ?").BindAll(code_id, id).Run();
  if (m_db.Changes() == 0) throw NotFoundError("no coding with id " + std::to_string(id));
}

void CodingStore::SetMemo(std::int64_t id, const std::string& memo) {
  m_db.Prepare("UPDATE codings SET memo = ? WHERE id = ?").BindAll(memo, id).Run();
}

}  // namespace tessera
