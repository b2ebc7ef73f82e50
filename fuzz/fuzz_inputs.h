#pragma once
// What each libFuzzer target feeds to libtessera, shared with tests/test_fuzz_regressions*.cpp so
// that a crash found by fuzzing is replayed by the ordinary test suite. Each function takes raw
// bytes, calls one parser the way the importer does, and lets only tessera::DataError (refused
// input, the expected outcome) escape — never a crash, a sanitizer report or another exception.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "error.h"
#include "import/csv_reader.h"
#include "import/importer.h"
#include "import/turn_detector.h"
#include "import/subtitle_reader.h"
#include "security/sealed_file.h"
#include "text/encoding.h"
#include "text/utf8.h"
#if __has_include("exchange/qdc_reader.h")
#include "exchange/qdc_reader.h"
#define TESSERA_FUZZ_HAVE_QDC 1
#endif
#if __has_include("exchange/qdpx_reader.h")
#include "exchange/qdpx_reader.h"
#define TESSERA_FUZZ_HAVE_QDPX 1
#endif
#if __has_include("search/query_parser.h")
#include "search/query_parser.h"
#define TESSERA_FUZZ_HAVE_QUERY 1
#endif

namespace tessera::fuzz {

/// A file in the temporary folder that holds the current input, for readers that take a path.
/// One per process and suffix; libFuzzer runs inputs one after another.
inline std::string InputFile(std::string_view bytes, const char* suffix) {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp && *tmp ? tmp : "/tmp");
  }();
  const std::string path = dir + "/tessera-fuzz-" + std::to_string(getpid()) + suffix;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  std::fclose(f);
  return path;
}

/// Encoding detection and decoding; the first byte chooses a declared encoding (or detection).
inline void DecodeText(std::string_view data) {
  static const char* kEncodings[] = {"", "", "", "", "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "TIS-620",
                                     "windows-874", "Shift_JIS", "GB18030", "no-such-encoding"};
  std::string encoding;
  if (!data.empty()) {
    encoding = kEncodings[static_cast<unsigned char>(data[0]) % (sizeof kEncodings / sizeof *kEncodings)];
    data.remove_prefix(1);
  }
  try {
    const auto decoded = tessera::DecodeText(data, encoding, "fuzz.txt");
    if (!utf8::IsValid(decoded.utf8)) std::abort();  // the promise of DecodeText
  } catch (const DataError&) {
  }
}

/// What the importer makes of a file: stored-form text with turns inside it, or a DataError.
inline void PrepareFile(const std::string& path) {
  static const TurnDetector turns;
  try {
    const auto prepared = PrepareDocument(path, {}, turns);
    const auto& text = prepared.document.text;
    if (!utf8::IsValid(text)) std::abort();
    const std::size_t length = utf8::CodePointCount(text);
    for (const auto& turn : prepared.document.turns) {
      if (turn.start > turn.end || turn.end > length) std::abort();
    }
  } catch (const DataError&) {
  }
  std::remove(path.c_str());
}

/// .docx and .odt, through the importer (the readers take a path).
inline void OfficeDocument(std::string_view data) {
  PrepareFile(InputFile(data, ".docx"));
  PrepareFile(InputFile(data, ".odt"));
}

/// A whole transcript file through the importer (decoding, stored form, speaker turns, language
/// guess); the first byte chooses .txt, .srt or .vtt.
inline void Transcript(std::string_view data) {
  static const char* kSuffixes[] = {".txt", ".srt", ".vtt"};
  const char* suffix = kSuffixes[data.empty() ? 0 : static_cast<unsigned char>(data[0]) % 3];
  if (!data.empty()) data.remove_prefix(1);
  PrepareFile(InputFile(data, suffix));
}

/// SubRip and WebVTT (both rules on every input); the reader is given UTF-8, as the importer does.
inline void Subtitles(std::string_view data) {
  if (!utf8::IsValid(data)) return;
  const std::string text(data);
  for (bool vtt : {false, true}) {
    try {
      const auto parsed = ParseSubtitles(text, vtt, vtt ? "fuzz.vtt" : "fuzz.srt");
      const std::size_t length = utf8::CodePointCount(parsed.text);
      for (const auto& cue : parsed.cues) {
        if (cue.start > cue.end || cue.end > length) std::abort();  // cues must lie inside the text
      }
    } catch (const DataError&) {
    }
  }
}

/// CSV (variables, codings).
inline void Csv(std::string_view data) {
  try {
    ParseCsv(std::string(data), "fuzz.csv");
  } catch (const DataError&) {
  }
}

/// The header of a sealed file (the part read before any authentication).
inline void SealedHeader(std::string_view data) {
  try {
    ParseSealedHeader(data, "fuzz.sealed");
  } catch (const DataError&) {
  }
}

#ifdef TESSERA_FUZZ_HAVE_QDC
/// REFI-QDA codebooks.
inline void Qdc(std::string_view data) {
  try {
    ParseQdc(data, "fuzz.qdc");
  } catch (const DataError&) {
  }
}
#endif

#ifdef TESSERA_FUZZ_HAVE_QDPX
/// REFI-QDA projects (.qdpx archives or bare .qde), never reading files outside the input.
inline void Qdpx(std::string_view data) {
  const std::string path = InputFile(data, ".qdpx");
  QdpxReadOptions options;
  options.read_external_files = false;
  try {
    ReadQdpx(path, options);
  } catch (const DataError&) {
  }
  std::remove(path.c_str());
}
#endif

#ifdef TESSERA_FUZZ_HAVE_QUERY
/// The search query language.
inline void Query(std::string_view data) {
  if (!utf8::IsValid(data)) return;  // the search box gives UTF-8
  static QueryParser parser;
  try {
    const auto node = parser.Parse(data);
    (void)node.ToString();
  } catch (const DataError&) {
  }
}
#endif

}  // namespace tessera::fuzz
