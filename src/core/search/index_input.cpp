#include "search/index_input.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "error.h"
#include "text/offset_map.h"
#include "text/utf8.h"

namespace tessera {

namespace {

bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)); }

// Cuts an over-long line (valid UTF-8, starting at code point `first`) at sentence boundaries.
// ICU works in UTF-16; offsets come back through the one OffsetMap helper.
void SplitLongLine(std::string_view line, std::size_t first, std::size_t max_length, std::vector<CodePointRange>& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU has no sentence break iterator: ") + u_errorName(status));
  const icu::UnicodeString line_text = icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
  const OffsetMap offsets(line);
  std::u32string cps;
  for (std::size_t pos = 0; pos < line.size();) cps.push_back(utf8::Next(line, pos));
  std::vector<CodePointRange> pieces;
  sentences->setText(line_text);
  std::size_t piece_start = 0;
  const std::size_t length = offsets.CodePoints();
  for (int32_t boundary = sentences->next(); boundary != icu::BreakIterator::DONE; boundary = sentences->next()) {
    const std::size_t cp = offsets.CodePointFromUtf16(static_cast<std::size_t>(boundary));
    if (cp - piece_start >= max_length / 2 || cp == length) {
      // A single sentence longer than max_length is cut hard: passages must stay small enough to
      // rank and to show.
      while (cp - piece_start > max_length) {
        pieces.push_back({piece_start, piece_start + max_length});
        piece_start += max_length;
      }
      pieces.push_back({piece_start, cp});
      piece_start = cp;
    }
  }
  if (piece_start < length) pieces.push_back({piece_start, length});
  for (CodePointRange piece : pieces) {
    while (piece.start < piece.end && IsSpace(cps[piece.start])) ++piece.start;
    while (piece.end > piece.start && IsSpace(cps[piece.end - 1])) --piece.end;
    if (piece.start < piece.end) out.push_back({first + piece.start, first + piece.end});
  }
}

}  // namespace

std::vector<CodePointRange> ParagraphPassages(std::string_view text, std::size_t max_length) {
  if (max_length < 2) throw ProgrammingError("ParagraphPassages: max_length too small");
  std::vector<CodePointRange> passages;
  // The current line, trimmed: its first and last non-space code points and their bytes.
  bool in_line = false;
  CodePointRange line;
  std::size_t byte_begin = 0;
  std::size_t byte_end = 0;
  auto finish_line = [&] {
    if (!in_line) return;
    in_line = false;
    if (line.end - line.start <= max_length) {
      passages.push_back(line);
    } else {
      SplitLongLine(text.substr(byte_begin, byte_end - byte_begin), line.start, max_length, passages);
    }
  };
  std::size_t cp = 0;
  for (std::size_t pos = 0; pos < text.size(); ++cp) {
    const std::size_t byte = pos;
    const char32_t c = utf8::Next(text, pos);
    if (c == U'\n' || c == U'\u2029') {
      finish_line();
    } else if (!IsSpace(c)) {
      if (!in_line) {
        in_line = true;
        line.start = cp;
        byte_begin = byte;
      }
      line.end = cp + 1;
      byte_end = pos;
    }
  }
  finish_line();
  return passages;
}

std::vector<PassageSpan> ResolvePassages(const DocumentInput& document) {
  const std::string_view text = document.text;
  if (const auto bad = utf8::FirstInvalidByte(text); bad != std::string_view::npos) {
    throw DataError("the text of document “" + document.name + "” is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  }
  std::vector<CodePointRange> ranges = document.passages.empty() ? ParagraphPassages(text) : document.passages;
  std::sort(ranges.begin(), ranges.end(),
            [](const CodePointRange& a, const CodePointRange& b) { return a.start != b.start ? a.start < b.start : a.end < b.end; });
  // Every boundary, in order, mapped to bytes by one forward walk over the text.
  std::vector<std::size_t> boundaries;
  boundaries.reserve(2 * ranges.size());
  for (const CodePointRange& range : ranges) {
    if (range.start > range.end) {
      throw DataError("a passage of document “" + document.name + "” ends before it starts (" + std::to_string(range.start) +
                      "–" + std::to_string(range.end) + ")");
    }
    boundaries.push_back(range.start);
    boundaries.push_back(range.end);
  }
  std::sort(boundaries.begin(), boundaries.end());
  boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());
  std::vector<std::size_t> bytes(boundaries.size());
  std::size_t cp = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < boundaries.size(); ++i) {
    while (cp < boundaries[i] && pos < text.size()) {
      pos += utf8::SequenceLength(static_cast<unsigned char>(text[pos]));
      ++cp;
    }
    if (cp < boundaries[i]) {
      throw DataError("a passage of document “" + document.name + "” (ending at " + std::to_string(boundaries[i]) +
                      ") lies outside its text of " + std::to_string(cp) + " characters");
    }
    bytes[i] = pos;
  }
  auto byte_of = [&](std::size_t code_point) {
    return bytes[static_cast<std::size_t>(std::lower_bound(boundaries.begin(), boundaries.end(), code_point) - boundaries.begin())];
  };
  std::vector<PassageSpan> spans;
  spans.reserve(ranges.size());
  for (const CodePointRange& range : ranges) {
    PassageSpan span{range, byte_of(range.start), byte_of(range.end)};
    // Trim white space at both ends, walking code points from each end.
    while (span.byte_begin < span.byte_end) {
      std::size_t next = span.byte_begin;
      if (!IsSpace(utf8::Next(text, next))) break;
      span.byte_begin = next;
      ++span.range.start;
    }
    while (span.byte_end > span.byte_begin) {
      std::size_t start = span.byte_end - 1;
      while (start > span.byte_begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      std::size_t probe = start;
      if (!IsSpace(utf8::Next(text, probe))) break;
      span.byte_end = start;
      --span.range.end;
    }
    if (span.range.start < span.range.end) spans.push_back(span);
  }
  return spans;
}

std::vector<CodePointRange> EffectivePassages(const DocumentInput& document) {
  std::vector<CodePointRange> out;
  for (const PassageSpan& span : ResolvePassages(document)) out.push_back(span.range);
  return out;
}

}  // namespace tessera
