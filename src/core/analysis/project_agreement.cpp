#include "analysis/project_agreement.h"

#include <map>
#include <set>

#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"

namespace tessera {

AgreementRequest BuildAgreementRequest(Project& project, const ProjectAgreementQuery& query) {
  AgreementRequest request;
  request.coders = query.coders;
  if (request.coders.size() < 2) throw DataError("--coders needs at least two coders");
  request.unit = query.unit;
  request.overlap = query.overlap;
  CodeTree tree(project.Db());
  std::vector<std::int64_t> code_ids;
  for (const auto& path : query.codes) {
    for (auto id : tree.Subtree(tree.Resolve(path))) code_ids.push_back(id);
  }
  std::map<std::int64_t, std::string> paths;
  for (const auto& c : tree.All()) paths[c.id] = c.path;
  for (auto id : code_ids) request.codes.push_back(paths[id]);
  DocumentStore documents(project.Db());
  std::set<std::int64_t> chosen_docs;
  for (const auto& d : query.documents) chosen_docs.insert(documents.Resolve(d));
  const std::set<std::string> coders(request.coders.begin(), request.coders.end());
  std::set<std::string> known;
  CodingFilter filter;
  filter.with_text = false;
  filter.codes = code_ids;
  std::set<std::int64_t> coded_docs;
  for (const auto& c : CodingStore(project.Db()).List(filter)) {
    known.insert(c.coder);
    if (!coders.count(c.coder)) continue;
    if (!chosen_docs.empty() && !chosen_docs.count(c.document_id)) continue;
    request.spans.push_back({c.coder, c.document_id, c.start, c.end, c.code});
    coded_docs.insert(c.document_id);
  }
  for (const auto& c : request.coders) {
    if (!known.count(c)) throw DataError("no codings by a coder named '" + c + "'", project.Path());
  }
  for (const auto& d : documents.List()) {
    if (chosen_docs.empty() ? coded_docs.count(d.id) > 0 : chosen_docs.count(d.id) > 0) request.document_lengths[d.id] = d.characters;
  }
  return request;
}

}  // namespace tessera
