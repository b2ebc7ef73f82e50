// Every input that once crashed, hung or exhausted memory in a fuzz target is kept in
// tests/data/fuzz-regressions/<target>/ and fed again to the same function (fuzz/fuzz_inputs.h):
// it must be accepted or refused with a DataError, never crash. The seed inputs of fuzz/seeds
// are replayed too. scripts/fuzz.sh adds new findings here.

#include <catch2/catch.hpp>

#include "../fuzz/fuzz_inputs.h"
#include "fuzz_replay.h"

using tessera::test::ReplayFuzzInputs;

TEST_CASE("Fuzz regressions: text decoding and encoding detection", "[fuzz][import]") {
  ReplayFuzzInputs("decode_text", tessera::fuzz::DecodeText);
}

TEST_CASE("Fuzz regressions: transcripts through the importer", "[fuzz][import]") {
  ReplayFuzzInputs("transcript", tessera::fuzz::Transcript);
}

TEST_CASE("Fuzz regressions: docx and odt", "[fuzz][import]") { ReplayFuzzInputs("office", tessera::fuzz::OfficeDocument); }

TEST_CASE("Fuzz regressions: srt and vtt", "[fuzz][import]") { ReplayFuzzInputs("subtitles", tessera::fuzz::Subtitles); }

TEST_CASE("Fuzz regressions: CSV", "[fuzz][import]") { ReplayFuzzInputs("csv", tessera::fuzz::Csv); }

TEST_CASE("Fuzz regressions: sealed file header", "[fuzz][security]") {
  ReplayFuzzInputs("sealed_header", tessera::fuzz::SealedHeader);
}
