#pragma once
// SubRip (.srt) and WebVTT (.vtt): the cue text is kept, one line per cue line; the timestamps
// go on the turns, never into the text. A WebVTT voice tag <v Name> becomes a "Name: " label.

#include <string>

#include "import/transcript.h"

namespace tessera {

/// Parses subtitle text (already UTF-8). `vtt` selects WebVTT rules. @throws DataError naming `path`.
RawTranscript ParseSubtitles(const std::string& utf8, bool vtt, const std::string& path);

}  // namespace tessera
