#pragma once
// What a reader makes of a file before it becomes a document.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

/// A timed stretch of the text (a subtitle cue), in code points of the raw text.
struct TimedCue {
  std::size_t start = 0, end = 0;
  std::int64_t start_ms = 0, end_ms = 0;
};

/// Text read from a file: UTF-8, not yet in stored form (CRLF may remain).
struct RawTranscript {
  std::string text;
  std::string encoding;  ///< the source encoding, e.g. "UTF-16LE"; "UTF-8" for docx/odt
  std::string format;    ///< txt, docx, odt, srt, vtt
  std::vector<TimedCue> cues;  ///< subtitle cues (text already has LF only)
};

}  // namespace tessera
