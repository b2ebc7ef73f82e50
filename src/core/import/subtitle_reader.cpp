#include "import/subtitle_reader.h"

#include <algorithm>

#include <regex>
#include <sstream>
#include <vector>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {
namespace {

// 00:01:02,500 (srt) or 00:01:02.500 / 01:02.500 (vtt)
const std::regex kTiming(R"(^\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[,.]\d{1,3}).*$)");

// Hours have no digit limit in the pattern, so a field stops growing at kFieldCap: a cue time of
// more than a billion hours is nonsense anyway, and the product below must not overflow.
constexpr std::int64_t kFieldCap = 1'000'000'000;

std::int64_t ParseTime(const std::string& t) {
  std::vector<std::int64_t> parts;
  std::int64_t value = 0;
  std::int64_t millis = 0;
  std::size_t i = 0;
  for (; i < t.size() && t[i] != ',' && t[i] != '.'; ++i) {
    if (t[i] == ':') {
      parts.push_back(value);
      value = 0;
    } else {
      value = std::min(value * 10 + (t[i] - '0'), kFieldCap);
    }
  }
  parts.push_back(value);
  std::string frac = t.substr(i + 1);
  while (frac.size() < 3) frac += '0';
  millis = std::stoll(frac.substr(0, 3));
  std::int64_t seconds = 0;
  for (auto p : parts) seconds = seconds * 60 + p;
  return seconds * 1000 + millis;
}

std::string StripVttTags(const std::string& line) {
  std::string out;
  std::smatch voice;
  static const std::regex kVoice(R"(^<v(?:\.[^ >]*)?\s+([^>]+)>)");
  std::string rest = line;
  if (std::regex_search(rest, voice, kVoice)) {
    out = voice[1].str() + ": ";
    rest = voice.suffix();
  }
  bool in_tag = false;
  for (char c : rest) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) in_tag = false;
    else if (!in_tag) out += c;
  }
  // Character references that WebVTT allows.
  for (auto [from, to] : {std::pair<std::string, std::string>{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\u00A0"}}) {
    for (std::size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), to);
  }
  return out;
}

}  // namespace

RawTranscript ParseSubtitles(const std::string& utf8_text, bool vtt, const std::string& path) {
  std::vector<std::string> lines;
  {
    std::string line;
    std::istringstream in(utf8_text);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(line);
    }
  }
  std::size_t i = 0;
  if (vtt) {
    if (lines.empty() || lines[0].rfind("WEBVTT", lines[0].starts_with("\xEF\xBB\xBF") ? 3 : 0) == std::string::npos) {
      throw DataError("not a WebVTT file (no WEBVTT header)", path);
    }
    ++i;
  }
  RawTranscript raw;
  raw.format = vtt ? "vtt" : "srt";
  std::size_t cp = 0;
  for (; i < lines.size(); ++i) {
    std::smatch timing;
    if (!std::regex_match(lines[i], timing, kTiming)) {
      // NOTE, STYLE and REGION blocks of WebVTT are skipped whole.
      if (vtt && (lines[i].starts_with("NOTE") || lines[i] == "STYLE" || lines[i] == "REGION")) {
        while (i + 1 < lines.size() && !lines[i + 1].empty()) ++i;
      }
      continue;  // cue numbers, identifiers, blank lines
    }
    TimedCue cue;
    cue.start_ms = ParseTime(timing[1].str());
    cue.end_ms = ParseTime(timing[2].str());
    std::string text;
    while (i + 1 < lines.size() && !lines[i + 1].empty()) {
      ++i;
      const std::string line = vtt ? StripVttTags(lines[i]) : lines[i];
      text += (text.empty() ? "" : "\n") + line;
    }
    if (text.empty()) continue;
    // NFC per cue keeps the cue offsets valid in the stored (NFC) text: LF is a normalisation boundary.
    text = ToNfc(text);
    if (!raw.text.empty()) {
      raw.text += '\n';
      ++cp;
    }
    cue.start = cp;
    raw.text += text;
    cp += utf8::CodePointCount(text);
    cue.end = cp;
    raw.cues.push_back(cue);
  }
  if (raw.cues.empty()) throw DataError(std::string("no subtitle cues found (is this a ") + (vtt ? "WebVTT" : "SubRip") + " file?)", path);
  return raw;
}

}  // namespace tessera
