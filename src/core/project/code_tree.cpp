#include "project/code_tree.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <functional>

#include "error.h"
#include "project/database.h"
#include "project/identity.h"
#include "text/normalize.h"

namespace tessera {

std::vector<std::string> SplitCodePath(const std::string& path) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string name(TrimWhitespace(std::string_view(path).substr(start, slash == std::string::npos ? std::string::npos : slash - start)));
    if (name.empty()) throw DataError("the code path '" + path + "' has an empty name in it");
    names.push_back(ToNfc(name));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return names;
}

std::string NormalizeColor(const std::string& input) {
  std::string c;
  for (char ch : input) {
    if (!std::isspace(static_cast<unsigned char>(ch))) c += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  auto hex_ok = [](const std::string& s) { return std::all_of(s.begin(), s.end(), [](unsigned char x) { return std::isxdigit(x); }); };
  std::string out;
  if (c.starts_with("#")) c.erase(0, 1);
  if (c.starts_with("rgb")) {
    int r = 0, g = 0, b = 0;
    const auto open = c.find('(');
    if (open == std::string::npos || std::sscanf(c.c_str() + open + 1, "%d,%d,%d", &r, &g, &b) != 3) return {};
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", std::clamp(r, 0, 255), std::clamp(g, 0, 255), std::clamp(b, 0, 255));
    return buf;
  }
  if (!hex_ok(c)) return {};
  if (c.size() == 3) out = {c[0], c[0], c[1], c[1], c[2], c[2]};
  else if (c.size() == 6 || c.size() == 8) out = c.substr(0, 6);
  else return {};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char x) { return std::toupper(x); });
  return "#" + out;
}

void CodeTree::CheckName(const std::string& name) {
  if (TrimWhitespace(name).empty()) throw DataError("a code needs a name");
  if (name.find('/') != std::string::npos) throw DataError("a code name cannot contain '/': " + name);
}

std::vector<Code> CodeTree::All() {
  std::vector<Code> flat;
  auto stmt = m_db.Prepare(
      "SELECT id, guid, parent_id, name, color, description, inclusion, exclusion, example, codable, sensitive, "
      "position FROM codes ORDER BY position, name");
  while (stmt.Step()) {
    Code c;
    c.id = stmt.Int(0);
    c.guid = stmt.Text(1);
    c.parent_id = stmt.OptionalInt(2);
    c.name = stmt.Text(3);
    c.color = stmt.Text(4);
    c.description = stmt.Text(5);
    c.inclusion = stmt.Text(6);
    c.exclusion = stmt.Text(7);
    c.example = stmt.Text(8);
    c.codable = stmt.Int(9) != 0;
    c.sensitive = stmt.Int(10) != 0;
    c.position = stmt.Int(11);
    flat.push_back(std::move(c));
  }
  std::map<std::int64_t, std::vector<std::size_t>> children;  // parent id (0 = root) -> indices
  for (std::size_t i = 0; i < flat.size(); ++i) children[flat[i].parent_id.value_or(0)].push_back(i);
  std::vector<Code> ordered;
  ordered.reserve(flat.size());
  std::function<void(std::int64_t, const std::string&, int)> visit = [&](std::int64_t parent, const std::string& prefix, int depth) {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (std::size_t i : it->second) {
      Code c = flat[i];
      c.path = prefix.empty() ? c.name : prefix + "/" + c.name;
      c.depth = depth;
      const std::int64_t id = c.id;
      const std::string path = c.path;
      ordered.push_back(std::move(c));
      visit(id, path, depth + 1);
    }
  };
  visit(0, "", 0);
  return ordered;
}

Code CodeTree::Get(std::int64_t id) {
  for (auto& c : All()) {
    if (c.id == id) return c;
  }
  throw NotFoundError("no code with id " + std::to_string(id));
}

std::optional<std::int64_t> CodeTree::FindByPath(const std::string& path) {
  std::optional<std::int64_t> parent;
  auto stmt = m_db.Prepare("SELECT id FROM codes WHERE ifnull(parent_id, 0) = ? AND name = ?");
  for (const auto& name : SplitCodePath(path)) {
    stmt.Reset();
    stmt.BindAll(parent.value_or(0), name);
    if (!stmt.Step()) return std::nullopt;
    parent = stmt.Int(0);
  }
  return parent;
}

std::int64_t CodeTree::Resolve(const std::string& key) {
  if (IsGuid(key)) {
    auto stmt = m_db.Prepare("SELECT id FROM codes WHERE lower(guid) = ?");
    stmt.Bind(1, CanonicalGuid(key));
    if (stmt.Step()) return stmt.Int(0);
  }
  if (auto id = FindByPath(key)) return *id;
  throw NotFoundError("no code '" + key + "' in the codebook");
}

std::int64_t CodeTree::EnsurePath(const std::string& path, bool* created) {
  if (created) *created = false;
  std::optional<std::int64_t> parent;
  auto find = m_db.Prepare("SELECT id FROM codes WHERE ifnull(parent_id, 0) = ? AND name = ?");
  for (const auto& name : SplitCodePath(path)) {
    find.Reset();
    find.BindAll(parent.value_or(0), name);
    if (find.Step()) {
      parent = find.Int(0);
    } else {
      parent = Add(parent, name);
      if (created) *created = true;
    }
  }
  return *parent;
}

std::int64_t CodeTree::Add(std::optional<std::int64_t> parent, const std::string& name, const std::string& guid) {
  CheckName(name);
  auto exists = m_db.Prepare("SELECT 1 FROM codes WHERE ifnull(parent_id, 0) = ? AND name = ?");
  exists.BindAll(parent.value_or(0), name);
  if (exists.Step()) throw DataError("a code named '" + name + "' already exists there");
  auto next = m_db.Prepare("SELECT ifnull(max(position) + 1, 0) FROM codes WHERE ifnull(parent_id, 0) = ?");
  next.Bind(1, parent.value_or(0));
  next.Step();
  m_db.Prepare("INSERT INTO codes(guid, parent_id, name, position) VALUES(?,?,?,?)")
      .BindAll(guid.empty() ? NewGuid() : CanonicalGuid(guid), parent, name, next.Int(0))
      .Run();
  return m_db.LastInsertId();
}

void CodeTree::Rename(std::int64_t id, const std::string& name) {
  CheckName(name);
  const Code code = Get(id);
  auto exists = m_db.Prepare("SELECT 1 FROM codes WHERE ifnull(parent_id, 0) = ? AND name = ? AND id <> ?");
  exists.BindAll(code.parent_id.value_or(0), name, id);
  if (exists.Step()) throw DataError("a code named '" + name + "' already exists there");
  m_db.Prepare("UPDATE codes SET name = ? WHERE id = ?").BindAll(name, id).Run();
}

std::vector<std::int64_t> CodeTree::Subtree(std::int64_t id) {
  std::vector<std::int64_t> ids;
  auto stmt = m_db.Prepare(
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id) "
      "SELECT id FROM sub");
  stmt.Bind(1, id);
  while (stmt.Step()) ids.push_back(stmt.Int(0));
  return ids;
}

void CodeTree::Move(std::int64_t id, std::optional<std::int64_t> parent) {
  const Code code = Get(id);
  if (parent) {
    const auto sub = Subtree(id);
    if (std::find(sub.begin(), sub.end(), *parent) != sub.end()) {
      throw DataError("a code cannot move under itself or its own descendants");
    }
  }
  auto exists = m_db.Prepare("SELECT 1 FROM codes WHERE ifnull(parent_id, 0) = ? AND name = ? AND id <> ?");
  exists.BindAll(parent.value_or(0), code.name, id);
  if (exists.Step()) throw DataError("a code named '" + code.name + "' already exists there");
  auto next = m_db.Prepare("SELECT ifnull(max(position) + 1, 0) FROM codes WHERE ifnull(parent_id, 0) = ?");
  next.Bind(1, parent.value_or(0));
  next.Step();
  m_db.Prepare("UPDATE codes SET parent_id = ?, position = ? WHERE id = ?").BindAll(parent, next.Int(0), id).Run();
}

std::int64_t CodeTree::Merge(std::int64_t from, std::int64_t into) {
  if (from == into) throw DataError("a code cannot be merged into itself");
  const auto sub = Subtree(from);
  if (std::find(sub.begin(), sub.end(), into) != sub.end()) {
    throw DataError("a code cannot be merged into one of its own descendants");
  }
  // Codings that B already has on the same span by the same coder would duplicate: drop those.
  m_db.Prepare(
          "DELETE FROM codings WHERE code_id = ?1 AND EXISTS (SELECT 1 FROM codings o WHERE o.code_id = ?2 AND "
          "o.document_id = codings.document_id AND o.coder_id = codings.coder_id AND o.start = codings.start AND "
          "o.end = codings.end)")
      .BindAll(from, into)
      .Run();
  const int dropped = m_db.Changes();
  m_db.Prepare("UPDATE codings SET code_id = ? WHERE code_id = ?").BindAll(into, from).Run();
  const std::int64_t moved = m_db.Changes() + dropped;
  auto children = m_db.Prepare("SELECT id FROM codes WHERE parent_id = ?");
  children.Bind(1, from);
  std::vector<std::int64_t> child_ids;
  while (children.Step()) child_ids.push_back(children.Int(0));
  for (auto child : child_ids) Move(child, into);
  m_db.Prepare("UPDATE memos SET target_id = ? WHERE target_kind = 'code' AND target_id = ?").BindAll(into, from).Run();
  m_db.Prepare("DELETE FROM codes WHERE id = ?").Bind(1, from).Run();
  return moved;
}

std::int64_t CodeTree::Delete(std::int64_t id, DeletePolicy policy, std::optional<std::int64_t> recode_to) {
  auto sub = Subtree(id);
  std::string list;
  for (auto s : sub) list += (list.empty() ? "" : ",") + std::to_string(s);
  auto count = m_db.Prepare("SELECT count(*) FROM codings WHERE code_id IN (" + list + ")");
  count.Step();
  const std::int64_t coded = count.Int(0);
  if (coded > 0) {
    switch (policy) {
      case DeletePolicy::Refuse:
        throw DataError("the code is applied " + std::to_string(coded) +
                        " times; recode those codings to another code or drop them first");
      case DeletePolicy::Recode: {
        if (!recode_to) throw ProgrammingError("Recode needs a target code");
        if (std::find(sub.begin(), sub.end(), *recode_to) != sub.end()) {
          throw DataError("cannot recode to a code that is being deleted");
        }
        m_db.Execute("DELETE FROM codings WHERE code_id IN (" + list + ") AND EXISTS (SELECT 1 FROM codings o WHERE o.code_id = " +
                     std::to_string(*recode_to) + " AND o.document_id = codings.document_id AND o.coder_id = codings.coder_id " +
                     "AND o.start = codings.start AND o.end = codings.end)");
        m_db.Execute("UPDATE codings SET code_id = " + std::to_string(*recode_to) + " WHERE code_id IN (" + list + ")");
        break;
      }
      case DeletePolicy::Drop:
        m_db.Execute("DELETE FROM codings WHERE code_id IN (" + list + ")");
        break;
    }
  }
  m_db.Execute("DELETE FROM memos WHERE target_kind = 'code' AND target_id IN (" + list + ")");
  // Children before parents, so that the parent reference never dangles.
  std::reverse(sub.begin(), sub.end());
  for (auto s : sub) m_db.Prepare("DELETE FROM codes WHERE id = ?").Bind(1, s).Run();
  return coded;
}

void CodeTree::Reorder(std::int64_t id, std::int64_t position) {
  const Code code = Get(id);
  auto siblings = m_db.Prepare("SELECT id FROM codes WHERE ifnull(parent_id, 0) = ? AND id <> ? ORDER BY position, name");
  siblings.BindAll(code.parent_id.value_or(0), id);
  std::vector<std::int64_t> order;
  while (siblings.Step()) order.push_back(siblings.Int(0));
  position = std::clamp<std::int64_t>(position, 0, static_cast<std::int64_t>(order.size()));
  order.insert(order.begin() + position, id);
  auto update = m_db.Prepare("UPDATE codes SET position = ? WHERE id = ?");
  for (std::size_t i = 0; i < order.size(); ++i) {
    update.Reset();
    update.BindAll(static_cast<std::int64_t>(i), order[i]).Run();
  }
}

void CodeTree::UpdateDetails(const Code& code) {
  std::string color = code.color.empty() ? std::string() : NormalizeColor(code.color);
  if (!code.color.empty() && color.empty()) throw DataError("'" + code.color + "' is not a colour (use #RRGGBB)");
  m_db.Prepare(
          "UPDATE codes SET color = ?, description = ?, inclusion = ?, exclusion = ?, example = ?, codable = ?, "
          "sensitive = ? WHERE id = ?")
      .BindAll(color, code.description, code.inclusion, code.exclusion, code.example, code.codable ? 1 : 0,
               code.sensitive ? 1 : 0, code.id)
      .Run();
}

std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::int64_t>>> CodeTree::Counts() {
  std::vector<std::pair<std::int64_t, std::pair<std::int64_t, std::int64_t>>> counts;
  auto stmt = m_db.Prepare("SELECT code_id, count(*), count(DISTINCT document_id) FROM codings GROUP BY code_id");
  while (stmt.Step()) counts.push_back({stmt.Int(0), {stmt.Int(1), stmt.Int(2)}});
  return counts;
}

}  // namespace tessera
