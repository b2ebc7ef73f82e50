#include "analysis/cooccurrence.h"

#include <algorithm>
#include <map>
#include <set>

#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/project.h"

namespace tessera {

CooccurrenceMatrix BuildCooccurrence(Project& project, const std::vector<std::string>& code_paths, const std::string& coder,
                                     CooccurrenceMode mode) {
  CodeTree tree(project.Db());
  std::set<std::int64_t> chosen;
  const auto all = tree.All();
  if (code_paths.empty()) {
    for (const auto& c : all) chosen.insert(c.id);
  } else {
    for (const auto& p : code_paths) {
      for (auto id : tree.Subtree(tree.Resolve(p))) chosen.insert(id);
    }
  }
  CooccurrenceMatrix m;
  m.mode = mode;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& c : all) {
    if (!chosen.count(c.id)) continue;
    index[c.id] = m.codes.size();
    m.codes.push_back(c.path);
  }
  const std::size_t n = m.codes.size();
  m.counts.assign(n, std::vector<std::int64_t>(n, 0));
  CodingFilter filter;
  filter.with_text = false;
  filter.codes.assign(chosen.begin(), chosen.end());
  auto codings = CodingStore(project.Db()).List(filter);
  if (!coder.empty()) {
    codings.erase(std::remove_if(codings.begin(), codings.end(), [&](const Coding& c) { return c.coder != coder; }), codings.end());
  }
  std::map<std::int64_t, std::vector<const Coding*>> by_document;
  for (const auto& c : codings) by_document[c.document_id].push_back(&c);
  for (auto& [doc, list] : by_document) {
    if (mode == CooccurrenceMode::Document) {
      std::set<std::size_t> present;
      for (const auto* c : list) present.insert(index[c->code_id]);
      for (auto a : present) {
        for (auto b : present) ++m.counts[a][b];
      }
      continue;
    }
    // Sweep by start: each segment meets the ones that start before it ends.
    std::sort(list.begin(), list.end(), [](const Coding* a, const Coding* b) { return a->start < b->start; });
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::size_t a = index[list[i]->code_id];
      ++m.counts[a][a];
      for (std::size_t j = i + 1; j < list.size() && list[j]->start < list[i]->end; ++j) {
        const std::size_t b = index[list[j]->code_id];
        if (a == b) continue;
        ++m.counts[a][b];
        ++m.counts[b][a];
      }
    }
  }
  return m;
}

}  // namespace tessera
