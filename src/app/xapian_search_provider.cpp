// The search panel's engine: the project's Xapian index (src/core/search), built beside the project
// file when it is missing, stale or damaged, and searched with variable filters. Compiled only when
// src/core/search is part of the build (see CMakeLists.txt).

#include <memory>
#include <optional>

#include "error.h"
#include "progress.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "search/search_index.h"
#include "search_provider.h"
#include "text/offset_map.h"

namespace tessera::app {
namespace {

// The index is current when it was built for this project at this content generation.
std::string StampOf(Project& project) {
  return project.Guid() + ":" + project.Meta("generation", "0");
}

std::vector<DocumentInput> IndexInputs(Project& project) {
  DocumentStore documents(project.Db());
  const auto values = VariableStore(project.Db()).AllDocumentValues();
  std::vector<DocumentInput> inputs;
  for (const auto& info : documents.List()) {
    DocumentInput input;
    input.id = info.id;
    input.name = info.name;
    input.language = info.language;
    input.text = documents.Text(info.id);
    for (const auto& turn : documents.Turns(info.id))
      input.passages.push_back({turn.start, turn.end});
    if (auto it = values.find(info.id); it != values.end()) {
      for (const auto& [k, v] : it->second) input.variables.emplace(k, v);
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

class XapianSearch : public SearchProvider {
 public:
  bool Available() const override { return true; }

  SearchOutcome Search(Project& project, const std::string& query,
                       const std::vector<std::pair<std::string, std::string>>& filters,
                       std::size_t limit, ProgressSink& progress) override {
    const std::filesystem::path folder = project.IndexPath();
    const std::string stamp = StampOf(project);
    if (m_index && m_path != project.Path()) m_index.reset();
    if (!m_index || !m_index->IsCurrent(stamp)) {
      m_index.reset();
      if (SearchIndex::Probe(folder, stamp) == IndexStatus::Current) {
        m_index = std::make_unique<SearchIndex>(folder, SearchIndex::Mode::ReadOnly);
      } else {
        IndexOptions options;
        options.progress = [&progress](std::size_t done, std::size_t total) {
          progress.Report(done, total, "");
          if (progress.CancelRequested()) throw Cancelled();
        };
        m_index = std::make_unique<SearchIndex>(
            SearchIndex::Build(folder, IndexInputs(project), stamp, options));
      }
      m_path = project.Path();
    }
    SearchRequest request;
    request.query = query;
    for (const auto& [name, value] : filters) request.filters.push_back({name, value});
    request.limit = limit;
    const SearchResults results = m_index->Search(request);

    SearchOutcome outcome;
    outcome.estimated_total = results.estimated_total;
    for (const auto& hit : results.hits) {
      SearchHitRow row;
      row.document = hit.document_id;
      row.document_name = hit.document_name;
      row.passage = {hit.passage.start, hit.passage.end};
      for (const auto& m : hit.matches) row.matches.push_back({m.start, m.end});
      // Keyword in context: the snippet's text cut around its first and last highlighted words.
      const std::string& plain = hit.snippet.plain;
      const OffsetMap offsets(plain);
      if (hit.snippet.highlights.empty()) {
        row.after = plain;
      } else {
        const auto a = offsets.ByteFromCodePoint(
            std::min(hit.snippet.highlights.front().start, offsets.CodePoints()));
        const auto b = offsets.ByteFromCodePoint(
            std::min(hit.snippet.highlights.back().end, offsets.CodePoints()));
        row.before = plain.substr(0, a);
        row.hit = plain.substr(a, b - a);
        row.after = plain.substr(b);
      }
      outcome.hits.push_back(std::move(row));
    }
    return outcome;
  }

  void Reset() override {
    m_index.reset();
    m_path.clear();
  }

 private:
  std::unique_ptr<SearchIndex> m_index;
  std::string m_path;
};

}  // namespace

std::unique_ptr<SearchProvider> MakeSearchProvider() { return std::make_unique<XapianSearch>(); }

}  // namespace tessera::app
