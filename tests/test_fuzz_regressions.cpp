// Every input that once crashed, hung or exhausted memory in a fuzz target is kept in
// tests/data/fuzz-regressions/<target>/ and fed again to the same function (fuzz/fuzz_inputs.h):
// it must be accepted or refused with a DataError, never crash. The seed inputs of fuzz/seeds
// are replayed too. scripts/fuzz.sh adds new findings here.

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

std::vector<fs::path> FilesOf(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

void Replay(const std::string& target, void (*feed)(std::string_view)) {
  const fs::path regressions = fs::path(TESSERA_TEST_DATA) / "fuzz-regressions" / target;
  const fs::path seeds = fs::path(TESSERA_SOURCE_DIR) / "fuzz" / "seeds" / target;
  for (const auto& folder : {regressions, seeds}) {
    for (const auto& file : FilesOf(folder)) {
      INFO(file.string());
      CHECK_NOTHROW(feed(ReadFile(file.string())));
    }
  }
}

}  // namespace

TEST_CASE("Fuzz regressions: text decoding and encoding detection", "[fuzz][import]") {
  Replay("decode_text", tessera::fuzz::DecodeText);
}

TEST_CASE("Fuzz regressions: transcripts through the importer", "[fuzz][import]") {
  Replay("transcript", tessera::fuzz::Transcript);
}

TEST_CASE("Fuzz regressions: docx and odt", "[fuzz][import]") { Replay("office", tessera::fuzz::OfficeDocument); }

TEST_CASE("Fuzz regressions: srt and vtt", "[fuzz][import]") { Replay("subtitles", tessera::fuzz::Subtitles); }

TEST_CASE("Fuzz regressions: CSV", "[fuzz][import]") { Replay("csv", tessera::fuzz::Csv); }

TEST_CASE("Fuzz regressions: sealed file header", "[fuzz][security]") {
  Replay("sealed_header", tessera::fuzz::SealedHeader);
}
