#pragma once
// What the search panel needs from a full-text index, and nothing more: run a query with variable
// filters, get passages with their matched words and a keyword-in-context line. The Xapian index
// of src/core/search is one implementation (xapian_search_provider.cpp, built when that area is);
// without it the panel says that search is not available in this build.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "coding_commands.h"

namespace tessera {
class Project;
class ProgressSink;
}  // namespace tessera

namespace tessera::app {

/// One passage found.
struct SearchHitRow {
  std::int64_t document = 0;
  std::string document_name;
  CodePointSpan passage;               ///< the passage (speaker turn or paragraph)
  std::vector<CodePointSpan> matches;  ///< the matched words
  std::string before, hit, after;      ///< keyword in context: hit is the matched stretch
};

/// The outcome of one search.
struct SearchOutcome {
  std::vector<SearchHitRow> hits;
  std::size_t estimated_total = 0;
};

/// A full-text search over a project.
class SearchProvider {
 public:
  virtual ~SearchProvider() = default;
  /// False when this build has no search engine.
  virtual bool Available() const = 0;
  /// Runs `query` (words, "phrases", AND/OR/NOT, NEAR, prefix*) with variable filters. Builds or
  /// refreshes the index first when it is missing or stale, reporting to `progress`.
  /// @throws DataError with a message for the user for a malformed query; Cancelled.
  virtual SearchOutcome Search(Project& project, const std::string& query,
                               const std::vector<std::pair<std::string, std::string>>& filters,
                               std::size_t limit, ProgressSink& progress) = 0;
  /// Forgets any open index (the project was closed or replaced).
  virtual void Reset() = 0;
};

/// The search engine of this build (or one that is not Available()).
std::unique_ptr<SearchProvider> MakeSearchProvider();

}  // namespace tessera::app
