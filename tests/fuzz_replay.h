#pragma once
// Replays every kept fuzz finding (tests/data/fuzz-regressions/<target>/) and every seed
// (fuzz/seeds/<target>/) through the fuzz target's function: each must be accepted or refused with
// a DataError, never crash. Shared by the test_fuzz_regressions*.cpp files, which are split only so
// that a development build leaving out an area leaves out its replays too.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "test_support.h"

namespace tessera::test {

inline void ReplayFuzzInputs(const std::string& target, void (*feed)(std::string_view)) {
  namespace fs = std::filesystem;
  for (const auto& folder : {fs::path(TESSERA_TEST_DATA) / "fuzz-regressions" / target,
                             fs::path(TESSERA_SOURCE_DIR) / "fuzz" / "seeds" / target}) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file()) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      INFO(file.string());
      CHECK_NOTHROW(feed(ReadFile(file.string())));
    }
  }
}

}  // namespace tessera::test
