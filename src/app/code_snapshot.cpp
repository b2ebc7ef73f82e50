#include "code_snapshot.h"

#include <algorithm>
#include <map>
#include <set>

#include "error.h"
#include "project/project.h"
#include "project_queries.h"

namespace tessera::app {

CodeSnapshot TakeCodeSnapshot(Project& project, const std::vector<std::int64_t>& codes) {
  CodeTree tree(project.Db());
  const std::vector<Code> all = tree.All();
  std::map<std::int64_t, const Code*> by_id;
  for (const auto& c : all) by_id[c.id] = &c;
  const std::set<std::int64_t> wanted(codes.begin(), codes.end());

  CodeSnapshot snapshot;
  std::map<std::int64_t, std::int64_t> rank_counter;  // parent (0 = top) -> siblings seen
  for (const auto& c : all) {                         // tree order: parents come first
    const std::int64_t rank = rank_counter[c.parent_id.value_or(0)]++;
    if (!wanted.count(c.id)) continue;
    CodeSnapshot::SavedCode saved{c, std::nullopt, rank};
    if (c.parent_id) saved.parent_guid = by_id.at(*c.parent_id)->guid;
    snapshot.codes.push_back(std::move(saved));
  }

  CodingFilter filter;
  filter.codes = codes;
  filter.with_text = false;
  for (auto& coding : CodingStore(project.Db()).List(filter)) {
    const std::string guid = by_id.at(coding.code_id)->guid;
    snapshot.codings.push_back({std::move(coding), guid});
  }
  MemoStore memos(project.Db());
  for (auto id : codes) {
    for (auto& memo : memos.List("code", id))
      snapshot.memos.push_back({std::move(memo), by_id.at(id)->guid});
  }
  return snapshot;
}

void RestoreCodeSnapshot(Project& project, const CodeSnapshot& snapshot) {
  CodeTree tree(project.Db());
  auto id_of = [&](const std::string& guid) { return tree.Resolve(guid); };
  auto exists = [&](const std::string& guid) {
    try {
      tree.Resolve(guid);
      return true;
    } catch (const NotFoundError&) {
      return false;
    }
  };

  for (const auto& saved : snapshot.codes) {
    const std::optional<std::int64_t> parent =
        saved.parent_guid ? std::optional<std::int64_t>(id_of(*saved.parent_guid)) : std::nullopt;
    std::int64_t id = 0;
    if (exists(saved.code.guid)) {
      id = id_of(saved.code.guid);
      if (tree.Get(id).parent_id != parent) tree.Move(id, parent);
      if (tree.Get(id).name != saved.code.name) tree.Rename(id, saved.code.name);
    } else {
      id = tree.Add(parent, saved.code.name, saved.code.guid);
    }
    Code details = saved.code;
    details.id = id;
    tree.UpdateDetails(details);
  }
  // Places among siblings once every code is back, so that later siblings do not shift them.
  for (const auto& saved : snapshot.codes) tree.Reorder(id_of(saved.code.guid), saved.rank);

  CodingStore codings(project.Db());
  for (const auto& saved : snapshot.codings) {
    const auto& c = saved.coding;
    const std::int64_t code = id_of(saved.code_guid);
    if (auto id = CodingIdByGuid(project.Db(), c.guid)) {
      codings.ChangeCode(*id, code);  // a no-op when it kept its code
    } else {
      codings.Add(c.document_id, c.start, c.end, code, project.EnsureUser(c.coder), c.memo, c.guid,
                  c.created_at);
    }
  }

  MemoStore memos(project.Db());
  if (!snapshot.memos.empty()) {
    std::map<std::string, std::int64_t> memo_ids;
    for (const auto& m : memos.List()) memo_ids[m.guid] = m.id;
    for (const auto& saved : snapshot.memos) {
      if (auto it = memo_ids.find(saved.memo.guid); it != memo_ids.end()) memos.Remove(it->second);
      memos.Add(
          "code", id_of(saved.code_guid),
          project.EnsureUser(saved.memo.author.empty() ? project.CurrentUser() : saved.memo.author),
          saved.memo.title, saved.memo.text, saved.memo.guid);
    }
  }
}

}  // namespace tessera::app
