// Fuzz regressions of the search query parser: see test_fuzz_regressions.cpp. In a file of its own
// so that a development build leaving out src/core/search can leave it out too.

#include <catch2/catch.hpp>

#include "../fuzz/fuzz_inputs.h"
#include "fuzz_replay.h"

TEST_CASE("Fuzz regressions: search query parser", "[fuzz][search]") {
  tessera::test::ReplayFuzzInputs("query_parser", tessera::fuzz::Query);
}
