// Fuzz regressions of the REFI-QDA readers (qdc, qdpx): see test_fuzz_regressions.cpp. In a file
// of its own so that a development build leaving out src/core/exchange can leave it out too.

#include <catch2/catch.hpp>

#include "../fuzz/fuzz_inputs.h"
#include "fuzz_replay.h"

using tessera::test::ReplayFuzzInputs;

TEST_CASE("Fuzz regressions: REFI-QDA codebooks (.qdc)", "[fuzz][qdc]") { ReplayFuzzInputs("qdc", tessera::fuzz::Qdc); }

TEST_CASE("Fuzz regressions: REFI-QDA projects (.qdpx, .qde)", "[fuzz][qdpx]") {
  ReplayFuzzInputs("qdpx", tessera::fuzz::Qdpx);
}
