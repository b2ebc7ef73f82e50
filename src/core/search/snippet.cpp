#include "search/snippet.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "text/utf8.h"

namespace tessera {

namespace {

// White space, without an ICU call for ASCII (the snippet loop asks for every character).
bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

// The start of the word containing `cp`, when that word starts no more than `slack` code points
// earlier; otherwise the end of that word (or `cp` itself between words).
std::size_t SnapStart(const std::vector<CodePointRange>& words, std::size_t cp, std::size_t slack) {
  const auto word = std::lower_bound(words.begin(), words.end(), cp, [](const CodePointRange& w, std::size_t at) { return w.end <= at; });
  if (word == words.end() || word->start >= cp) return cp;  // cp falls between words
  return cp - word->start <= slack ? word->start : word->end;
}

// The end of the word containing `cp` (when it ends within `slack`), else that word's start.
std::size_t SnapEnd(const std::vector<CodePointRange>& words, std::size_t cp, std::size_t slack) {
  const auto word = std::lower_bound(words.begin(), words.end(), cp, [](const CodePointRange& w, std::size_t at) { return w.end <= at; });
  if (word == words.end() || word->start >= cp) return cp;
  return word->end - cp <= slack ? word->end : word->start;
}

}  // namespace

Snippet BuildSnippet(std::string_view text, const std::vector<CodePointRange>& words,
                     const std::vector<CodePointRange>& matches, const SnippetOptions& options) {
  const std::size_t length = utf8::CodePointCount(text);

  // The matches shown: the first and those that follow it within max_span.
  std::vector<CodePointRange> shown;
  for (const CodePointRange& match : matches) {
    if (match.start >= length) break;
    if (!shown.empty() && match.end > shown.front().start + options.max_span) break;
    shown.push_back({match.start, std::min(match.end, length)});
  }

  std::size_t begin = 0;
  std::size_t end = std::min(length, 2 * options.context);
  if (!shown.empty()) {
    const std::size_t slack = options.context / 4;
    begin = shown.front().start > options.context ? shown.front().start - options.context : 0;
    end = std::min(length, shown.back().end + options.context);
    if (begin > 0) begin = std::min(SnapStart(words, begin, slack), shown.front().start);
    if (end < length) end = std::max(SnapEnd(words, end, slack), shown.back().end);
  } else if (end < length) {
    end = SnapEnd(words, end, options.context / 4);
  }

  // Walk to `begin` once; from there copy runs of bytes, turning white space into single spaces.
  std::size_t byte = 0;
  std::size_t cp = 0;
  while (cp < begin) {
    byte += utf8::SequenceLength(static_cast<unsigned char>(text[byte]));
    ++cp;
  }
  auto is_space_at = [&](std::size_t at) {
    std::size_t next = at;
    return IsSpace(utf8::Next(text, next));
  };
  while (cp < end && is_space_at(byte)) {  // no snippet starts with white space
    byte += utf8::SequenceLength(static_cast<unsigned char>(text[byte]));
    ++cp;
  }
  begin = cp;

  Snippet snippet;
  std::size_t plain_cps = 0;
  auto add = [&](std::string_view piece, std::size_t piece_cps, bool to_plain) {
    snippet.marked += piece;
    if (to_plain) {
      snippet.plain += piece;
      plain_cps += piece_cps;
    }
  };
  if (begin > 0) add(options.ellipsis, utf8::CodePointCount(options.ellipsis), true);
  std::size_t next_match = 0;
  while (next_match < shown.size() && shown[next_match].end <= begin) ++next_match;
  std::size_t pending_space = 0;  // white space seen but not yet written (dropped at the end)
  std::size_t last_end = begin;   // code point after the last character written
  while (cp < end) {
    const std::size_t at = byte;
    const char32_t c = utf8::Next(text, byte);
    const std::size_t here = cp++;
    if (IsSpace(c)) {
      ++pending_space;
      continue;
    }
    if (pending_space > 0) {
      add(" ", 1, true);
      pending_space = 0;
    }
    if (next_match < shown.size() && here == shown[next_match].start) {
      add(options.open, 0, false);
      snippet.highlights.push_back({plain_cps, plain_cps});
    }
    add(text.substr(at, byte - at), 1, true);
    last_end = cp;
    if (next_match < shown.size() && cp == shown[next_match].end) {
      add(options.close, 0, false);
      snippet.highlights.back().end = plain_cps;
      ++next_match;
    }
  }
  snippet.source = {begin, last_end};
  if (last_end < length) add(options.ellipsis, utf8::CodePointCount(options.ellipsis), true);
  return snippet;
}

}  // namespace tessera
