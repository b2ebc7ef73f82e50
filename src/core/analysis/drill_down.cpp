#include "analysis/drill_down.h"

#include <algorithm>

#include "analysis/theme_matrix.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"

namespace tessera {

std::vector<CellSegment> SegmentsBehindCell(Project& project, const SegmentQuery& query) {
  CodeTree tree(project.Db());
  const auto id = tree.Resolve(query.code);
  CodingFilter filter;
  filter.codes = query.exact ? std::vector<std::int64_t>{id} : tree.Subtree(id);
  VariableStore variables(project.Db());
  const auto values = variables.AllDocumentValues();
  std::map<std::int64_t, std::string> case_names;
  for (const auto& c : variables.Cases()) case_names[c.id] = c.name;
  std::map<std::int64_t, std::optional<std::int64_t>> case_of;
  for (const auto& d : DocumentStore(project.Db()).List()) case_of[d.id] = d.case_id;
  std::vector<CellSegment> out;
  for (auto& c : CodingStore(project.Db()).List(filter)) {
    if (!query.coder.empty() && c.coder != query.coder) continue;
    const auto it = values.find(c.document_id);
    std::map<std::string, std::string> vars = it == values.end() ? std::map<std::string, std::string>{} : it->second;
    bool keep = true;
    for (const auto& [name, allowed] : query.where) {
      const auto v = vars.find(name);
      const std::string value = v == vars.end() ? kMissingValue : v->second;
      if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) keep = false;
    }
    if (!keep) continue;
    CellSegment s;
    s.coding_id = c.id;
    s.document_id = c.document_id;
    s.document = std::move(c.document);
    s.start = c.start;
    s.end = c.end;
    s.code = std::move(c.code);
    s.coder = std::move(c.coder);
    s.text = std::move(c.text);
    if (const auto& case_id = case_of[c.document_id]) s.case_name = case_names[*case_id];
    s.variables = std::move(vars);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tessera
