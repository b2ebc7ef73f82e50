#include "project/project_merge.h"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "project/memo_store.h"
#include "project/project.h"

namespace tessera {

MergeReport MergeCopy(Project& project, const std::string& copy_path) {
  Project copy = Project::OpenReadOnly(copy_path);
  MergeReport report;
  report.copy = std::filesystem::path(copy_path).filename().string();
  if (copy.Guid() != project.Guid()) {
    throw DataError("this is not a copy of the same project (its project GUID differs); import it with import-qdpx or merge by hand",
                    copy_path);
  }
  Database& db = project.Db();
  Transaction tx(db);
  DocumentStore target_docs(db);
  CodeTree target_codes(db);
  CodingStore target_codings(db);

  // Documents: by GUID, checked by the SHA-256 of their text.
  std::map<std::int64_t, std::int64_t> doc_map;  // copy id -> project id
  std::map<std::string, std::int64_t> by_guid;
  for (const auto& d : target_docs.List()) by_guid[d.guid] = d.id;
  for (const auto& d : DocumentStore(copy.Db()).List()) {
    const auto it = by_guid.find(d.guid);
    if (it == by_guid.end()) {
      report.conflicts.push_back("document '" + d.name + "' (" + d.guid + ") is not in the project; its codings were not merged");
      continue;
    }
    if (target_docs.Info(it->second).sha256 != d.sha256) {
      report.conflicts.push_back("document '" + d.name + "' has a different text in the copy; its codings were not merged");
      continue;
    }
    doc_map[d.id] = it->second;
  }

  // Codes: by GUID; a code renamed or moved in the copy keeps the project's name and is reported.
  std::map<std::int64_t, std::int64_t> code_map;
  std::map<std::string, Code> target_by_guid;
  for (const auto& c : target_codes.All()) target_by_guid[c.guid] = c;
  for (const auto& c : CodeTree(copy.Db()).All()) {  // tree order: parents before children
    if (auto it = target_by_guid.find(c.guid); it != target_by_guid.end()) {
      code_map[c.id] = it->second.id;
      if (it->second.path != c.path) {
        report.conflicts.push_back("code " + c.guid + " is '" + it->second.path + "' here but '" + c.path +
                                   "' in the copy; the name here was kept");
      }
      continue;
    }
    if (auto existing = target_codes.FindByPath(c.path)) {
      code_map[c.id] = *existing;  // made independently under the same name: the same code
      continue;
    }
    std::optional<std::int64_t> parent;
    if (c.parent_id) {
      const auto p = code_map.find(*c.parent_id);
      if (p == code_map.end()) throw ProgrammingError("copy's code tree is not in tree order");
      parent = p->second;
    }
    const auto id = target_codes.Add(parent, c.name, c.guid);
    Code details = c;
    details.id = id;
    target_codes.UpdateDetails(details);
    code_map[c.id] = id;
    ++report.codes_added;
  }

  // Codings, by GUID, then by content; each coder keeps their name.
  std::map<std::string, std::int64_t> user_ids;
  auto user_id = [&](const std::string& name) {
    auto it = user_ids.find(name);
    if (it != user_ids.end()) return it->second;
    auto probe = db.Prepare("SELECT id FROM users WHERE name = ?");
    probe.Bind(1, name);
    if (!probe.Step()) ++report.users_added;
    return user_ids[name] = project.EnsureUser(name);
  };
  std::map<std::int64_t, std::int64_t> coding_map;
  CodingFilter all;
  all.with_text = false;
  auto known = db.Prepare("SELECT id FROM codings WHERE guid = ?");
  for (const auto& c : CodingStore(copy.Db()).List(all)) {
    const auto doc = doc_map.find(c.document_id);
    if (doc == doc_map.end()) continue;
    known.Reset();
    known.Bind(1, c.guid);
    if (known.Step()) {
      coding_map[c.id] = known.Int(0);
      ++report.codings_present;
      continue;
    }
    const auto [id, is_new] = target_codings.Add(doc->second, c.start, c.end, code_map.at(c.code_id), user_id(c.coder), c.memo,
                                                  c.guid, c.created_at);
    coding_map[c.id] = id;
    is_new ? ++report.codings_added : ++report.codings_present;
  }

  // Memos, by GUID, re-pointed at the project's documents, codes and codings.
  MemoStore memos(db);
  auto memo_known = db.Prepare("SELECT 1 FROM memos WHERE guid = ?");
  for (const auto& m : MemoStore(copy.Db()).List()) {
    memo_known.Reset();
    memo_known.Bind(1, m.guid);
    if (memo_known.Step()) continue;
    std::optional<std::int64_t> target;
    if (m.target_id) {
      const std::map<std::int64_t, std::int64_t>* map = m.target_kind == "document" ? &doc_map
                                                         : m.target_kind == "code"   ? &code_map
                                                         : m.target_kind == "coding" ? &coding_map
                                                                                     : nullptr;
      if (!map || !map->count(*m.target_id)) {
        report.conflicts.push_back("a memo on a " + m.target_kind + " that is not in the project was not merged");
        continue;
      }
      target = map->at(*m.target_id);
    }
    memos.Add(m.target_kind, target, user_id(m.author.empty() ? project.CurrentUser() : m.author), m.title, m.text, m.guid);
    ++report.memos_added;
  }

  project.Audit("project/merge", {{"copy", report.copy},
                                  {"codings_added", report.codings_added},
                                  {"memos_added", report.memos_added},
                                  {"codes_added", report.codes_added},
                                  {"conflicts", report.conflicts}});
  project.Touch();
  tx.Commit();
  return report;
}

}  // namespace tessera
