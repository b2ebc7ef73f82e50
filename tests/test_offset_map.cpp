// OffsetMap (text/offset_map.h): the one helper that converts code-point offsets to and from UTF-8
// bytes and UTF-16 units. Checked against ICU's own UTF-16 on Thai, Khmer, Vietnamese (precomposed
// and decomposed), astral emoji and CRLF input.

#include <catch2/catch.hpp>

#include <unicode/unistr.h>

#include <string>

#include "error.h"
#include "text/normalize.h"
#include "text/offset_map.h"
#include "text/utf8.h"

using namespace tessera;

namespace {

// Checks every code point of `text` against an independent walk: UTF-8 lengths from the lead
// byte, UTF-16 offsets from ICU's UnicodeString (moveIndex32 counts code points).
void CheckAgainstIcu(const std::string& text) {
  const OffsetMap map(text);
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(text);
  REQUIRE(map.Bytes() == text.size());
  REQUIRE(map.Utf16Units() == static_cast<std::size_t>(utf16.length()));
  REQUIRE(map.CodePoints() == static_cast<std::size_t>(utf16.countChar32()));
  std::size_t byte = 0;
  for (std::size_t cp = 0; cp <= map.CodePoints(); ++cp) {
    const auto unit = static_cast<std::size_t>(utf16.moveIndex32(0, static_cast<int32_t>(cp)));
    INFO("code point " << cp);
    CHECK(map.ByteFromCodePoint(cp) == byte);
    CHECK(map.CodePointFromByte(byte) == cp);
    CHECK(map.Utf16FromCodePoint(cp) == unit);
    CHECK(map.CodePointFromUtf16(unit) == cp);
    if (byte < text.size()) byte += utf8::SequenceLength(static_cast<unsigned char>(text[byte]));
  }
}

}  // namespace

TEST_CASE("OffsetMap of empty and ASCII text is the identity", "[text]") {
  const OffsetMap empty("");
  CHECK(empty.CodePoints() == 0);
  CHECK(empty.Bytes() == 0);
  CHECK(empty.Utf16Units() == 0);
  CHECK(empty.ByteFromCodePoint(0) == 0);
  CHECK(empty.Utf16FromCodePoint(0) == 0);

  const OffsetMap ascii("I: hello");
  for (std::size_t i = 0; i <= 8; ++i) {
    CHECK(ascii.ByteFromCodePoint(i) == i);
    CHECK(ascii.Utf16FromCodePoint(i) == i);
    CHECK(ascii.CodePointFromByte(i) == i);
  }
}

TEST_CASE("OffsetMap on Thai: three bytes and one UTF-16 unit per code point", "[text]") {
  const std::string thai = "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C: \u0E15\u0E33\u0E23\u0E27\u0E08";
  const OffsetMap map(thai);
  CHECK(map.CodePoints() == 18);
  CHECK(map.ByteFromCodePoint(11) == 33);  // the colon after the label
  CHECK(thai.substr(33, 1) == ":");
  CHECK(map.Utf16FromCodePoint(11) == 11);
  CheckAgainstIcu(thai);
}

TEST_CASE("OffsetMap on Khmer counts subscripts and vowel signs as code points", "[text]") {
  // "អ្នកសម្ភាសន៍: នគរបាល" — coeng (U+17D2) and dependent signs are code points of their own.
  const std::string khmer = "\u17A2\u17D2\u1793\u1780\u179F\u1798\u17D2\u1797\u17B6\u179F\u1793\u17CD: "
                            "\u1793\u1782\u179A\u1794\u17B6\u179B";
  const OffsetMap map(khmer);
  CHECK(map.CodePoints() == 20);
  CHECK(utf8::SubstrCodePoints(khmer, 14, 20) == "\u1793\u1782\u179A\u1794\u17B6\u179B");
  CHECK(map.ByteFromCodePoint(14) == 12 * 3 + 2);
  CheckAgainstIcu(khmer);
}

TEST_CASE("OffsetMap on Vietnamese: decomposed input gives the precomposed offsets after NFC", "[text]") {
  const std::string nfc = "Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi: c\u1EA3nh s\u00E1t";
  const std::string nfd = "Ngu\u031Bo\u031B\u0300i tra\u0309 lo\u031B\u0300i: ca\u0309nh sa\u0301t";
  const std::string stored = NormalizeStoredText(nfd);
  REQUIRE(stored == nfc);
  const OffsetMap decomposed(nfd), composed(stored);
  CHECK(decomposed.CodePoints() == composed.CodePoints() + 8);
  CHECK(composed.CodePoints() == 23);
  // "cảnh sát" starts at code point 15 of the stored text: 2-byte and 3-byte letters before it.
  CHECK(utf8::SubstrCodePoints(stored, 15, 23) == "c\u1EA3nh s\u00E1t");
  CHECK(composed.ByteFromCodePoint(15) == std::string("Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi: ").size());
  CheckAgainstIcu(stored);
  CheckAgainstIcu(nfd);
}

TEST_CASE("OffsetMap on astral emoji: 4 bytes, 2 UTF-16 units, 1 code point", "[text]") {
  const std::string text = "R: \U0001F600 ok \U0001F44D\U0001F3FD!";
  const OffsetMap map(text);
  CHECK(map.CodePoints() == 11);
  CHECK(map.Utf16Units() == 14);
  CHECK(map.Bytes() == 20);
  CHECK(map.ByteFromCodePoint(3) == 3);
  CHECK(map.ByteFromCodePoint(4) == 7);
  CHECK(map.Utf16FromCodePoint(4) == 5);
  CHECK(map.Utf16FromCodePoint(8) == 9);
  CHECK(map.Utf16FromCodePoint(11) == 14);
  // The middle of a surrogate pair or of a UTF-8 sequence maps to the code point it belongs to.
  CHECK(map.CodePointFromUtf16(4) == 3);
  CHECK(map.CodePointFromByte(5) == 3);
  CHECK(map.CodePointFromUtf16(10) == 8);
  CHECK(map.CodePointFromUtf16(12) == 9);
  CheckAgainstIcu(text);
}

TEST_CASE("OffsetMap on CRLF input: offsets count the stored LF only", "[text]") {
  const std::string crlf = "I: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\r\nR: \U0001F600\r\n";
  const std::string stored = NormalizeStoredText(crlf);
  REQUIRE(stored == "I: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\nR: \U0001F600\n");
  const OffsetMap map(stored);
  CHECK(map.CodePoints() == 15);
  CHECK(utf8::SubstrCodePoints(stored, 10, 13) == "R: ");
  CHECK(map.ByteFromCodePoint(10) == 3 + 18 + 1);
  CHECK(map.Utf16FromCodePoint(15) == 16);
  CheckAgainstIcu(stored);
}

TEST_CASE("OffsetMap refuses code points past the end with DataError", "[text]") {
  const OffsetMap map("\u0E01\u0E02");
  CHECK(map.ByteFromCodePoint(2) == 6);
  CHECK_THROWS_AS(map.ByteFromCodePoint(3), DataError);
  CHECK_THROWS_AS(map.Utf16FromCodePoint(3), DataError);
  // Positions past the end clamp to the last code point boundary instead of throwing.
  CHECK(map.CodePointFromByte(100) == 2);
  CHECK(map.CodePointFromUtf16(100) == 2);
}
