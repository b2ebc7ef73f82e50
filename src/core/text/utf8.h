#pragma once
// Small UTF-8 primitives. Offsets in Tessera are code points; these helpers are the only place
// that walks UTF-8 bytes by hand.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::utf8 {

/// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValid(std::string_view text);

/// Byte offset of the first malformed sequence, or npos when `text` is valid.
std::size_t FirstInvalidByte(std::string_view text);

/// Number of code points in valid UTF-8 text.
std::size_t CodePointCount(std::string_view text);

/// Length in bytes of the sequence that starts with `lead` (1 for a stray continuation byte).
inline std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

/// Decodes the code point at byte `pos` of valid UTF-8 and advances `pos` past it.
char32_t Next(std::string_view text, std::size_t& pos);

/// Appends the UTF-8 form of `cp`.
void Append(std::string& out, char32_t cp);

/// The substring of valid UTF-8 `text` from code point `start` (inclusive) to `end` (exclusive).
std::string_view SubstrCodePoints(std::string_view text, std::size_t start, std::size_t end);

}  // namespace tessera::utf8
