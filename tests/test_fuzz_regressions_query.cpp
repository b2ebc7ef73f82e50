// Fuzz regressions of the search query parser: see test_fuzz_regressions.cpp. In a file of its own
// so that a development build leaving out src/core/search can leave it out too.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../fuzz/fuzz_inputs.h"
#include "test_support.h"

using tessera::test::ReadFile;
namespace fs = std::filesystem;

TEST_CASE("Fuzz regressions: search query parser", "[fuzz][search]") {
  for (const auto& folder : {fs::path(TESSERA_TEST_DATA) / "fuzz-regressions" / "query_parser",
                             fs::path(TESSERA_SOURCE_DIR) / "fuzz" / "seeds" / "query_parser"}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      INFO(file.string());
      CHECK_NOTHROW(tessera::fuzz::Query(ReadFile(file.string())));
    }
  }
}
