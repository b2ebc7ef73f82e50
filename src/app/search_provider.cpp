#include "search_provider.h"

#ifndef TESSERA_APP_HAVE_SEARCH

#include "error.h"

namespace tessera::app {
namespace {

// This build has no search engine (src/core/search was left out).
class NoSearch : public SearchProvider {
 public:
  bool Available() const override { return false; }
  SearchOutcome Search(Project&, const std::string&,
                       const std::vector<std::pair<std::string, std::string>>&, std::size_t,
                       ProgressSink&) override {
    throw DataError("search is not part of this build");
  }
  void Reset() override {}
};

}  // namespace

std::unique_ptr<SearchProvider> MakeSearchProvider() { return std::make_unique<NoSearch>(); }

}  // namespace tessera::app

#endif
