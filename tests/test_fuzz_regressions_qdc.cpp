// Fuzz regressions of the REFI-QDA readers (qdc, qdpx): see test_fuzz_regressions.cpp. In a file
// of its own so that a development build leaving out src/core/exchange can leave it out too.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../fuzz/fuzz_inputs.h"
#include "test_support.h"

using tessera::test::ReadFile;
namespace fs = std::filesystem;

namespace {

void ReplayExchange(const std::string& target, void (*feed)(std::string_view)) {
  for (const auto& folder : {fs::path(TESSERA_TEST_DATA) / "fuzz-regressions" / target,
                             fs::path(TESSERA_SOURCE_DIR) / "fuzz" / "seeds" / target}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      INFO(file.string());
      CHECK_NOTHROW(feed(ReadFile(file.string())));
    }
  }
}

}  // namespace

TEST_CASE("Fuzz regressions: REFI-QDA codebooks (.qdc)", "[fuzz][qdc]") { ReplayExchange("qdc", tessera::fuzz::Qdc); }

TEST_CASE("Fuzz regressions: REFI-QDA projects (.qdpx, .qde)", "[fuzz][qdpx]") {
  ReplayExchange("qdpx", tessera::fuzz::Qdpx);
}
