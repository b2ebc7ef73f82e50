// UTF-8 primitives (text/utf8.h) and the stored form of text (text/normalize.h): UTF-8, NFC, LF
// line endings, no BOM.

#include <catch2/catch.hpp>

#include <string>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

using namespace tessera;

namespace {

// Vietnamese "Người phỏng vấn" (interviewer), precomposed (NFC) and decomposed (NFD).
const std::string kVietnameseNfc = "Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n";
const std::string kVietnameseNfd = "Ngu\u031Bo\u031B\u0300i pho\u0309ng va\u0302\u0301n";
// Thai "police" and Khmer "police" (a subscript consonant and a dependent vowel).
const std::string kThai = "\u0E15\u0E33\u0E23\u0E27\u0E08";
const std::string kKhmer = "\u1793\u1782\u179A\u1794\u17B6\u179B";
const std::string kEmoji = "\U0001F600";

}  // namespace

TEST_CASE("utf8::IsValid accepts Thai, Khmer, Vietnamese and astral emoji", "[text]") {
  CHECK(utf8::IsValid(""));
  CHECK(utf8::IsValid("plain ASCII"));
  CHECK(utf8::IsValid(kThai));
  CHECK(utf8::IsValid(kKhmer));
  CHECK(utf8::IsValid(kVietnameseNfc));
  CHECK(utf8::IsValid(kVietnameseNfd));
  CHECK(utf8::IsValid(kEmoji + " \U0010FFFF"));
}

TEST_CASE("utf8::FirstInvalidByte finds overlongs, surrogates, truncation and stray bytes", "[text]") {
  const std::string prefix = "ok " + kThai;  // 3 + 15 bytes
  struct Case {
    const char* what;
    std::string bad;
  };
  const Case cases[] = {
      {"overlong '/'", "\xC0\xAF"},
      {"overlong three-byte NUL", "\xE0\x80\x80"},
      {"UTF-16 surrogate", "\xED\xA0\x80"},
      {"past U+10FFFF", "\xF4\x90\x80\x80"},
      {"truncated sequence at the end", "\xE0\xB8"},
      {"stray continuation byte", "\x80"},
      {"lead byte 0xFF", "\xFF"},
      {"lead followed by ASCII", "\xE0" "A" "B"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    const std::string text = prefix + c.bad + " tail";
    CHECK(utf8::FirstInvalidByte(text) == prefix.size());
    CHECK_FALSE(utf8::IsValid(text));
  }
  CHECK(utf8::FirstInvalidByte(prefix) == std::string::npos);
}

TEST_CASE("utf8::CodePointCount counts code points, not bytes or graphemes", "[text]") {
  CHECK(utf8::CodePointCount("") == 0);
  CHECK(utf8::CodePointCount("abc") == 3);
  CHECK(utf8::CodePointCount(kThai) == 5);
  CHECK(utf8::CodePointCount(kKhmer) == 6);
  CHECK(utf8::CodePointCount(kVietnameseNfc) == 15);
  CHECK(utf8::CodePointCount(kVietnameseNfd) == 21);
  CHECK(utf8::CodePointCount(kEmoji) == 1);
  // A family emoji is one grapheme but five code points (three people and two joiners).
  CHECK(utf8::CodePointCount("\U0001F468\u200D\U0001F469\u200D\U0001F467") == 5);
}

TEST_CASE("utf8::Append and utf8::Next round-trip every encoding length", "[text]") {
  for (char32_t cp : {U'\0', U'A', U'\u007F', U'\u0080', U'\u00E9', U'\u07FF', U'\u0800', U'\u0E15', U'\u1793',
                      U'\uFFFD', U'\U00010000', U'\U0001F600', U'\U0010FFFF'}) {
    std::string encoded;
    utf8::Append(encoded, cp);
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(utf8::IsValid(encoded));
    CHECK(encoded.size() == utf8::SequenceLength(static_cast<unsigned char>(encoded[0])));
    std::size_t pos = 0;
    CHECK(utf8::Next(encoded, pos) == cp);
    CHECK(pos == encoded.size());
  }
}

TEST_CASE("utf8::SubstrCodePoints slices by code points, end exclusive", "[text]") {
  const std::string text = kThai + " " + kEmoji + " " + kKhmer;  // 5 + 1 + 1 + 1 + 6 = 14 code points
  CHECK(utf8::SubstrCodePoints(text, 0, 5) == kThai);
  CHECK(utf8::SubstrCodePoints(text, 6, 7) == kEmoji);
  CHECK(utf8::SubstrCodePoints(text, 8, 14) == kKhmer);
  CHECK(utf8::SubstrCodePoints(text, 0, 14) == text);
  CHECK(utf8::SubstrCodePoints(text, 3, 3).empty());
  CHECK(utf8::SubstrCodePoints(text, 14, 14).empty());
}

TEST_CASE("NormalizeStoredText removes the BOM and turns CRLF and CR into LF", "[text]") {
  CHECK(NormalizeStoredText("\xEF\xBB\xBF" + kThai) == kThai);
  CHECK(NormalizeStoredText("R: " + kThai + "\r\nI: " + kKhmer + "\r\n") == "R: " + kThai + "\nI: " + kKhmer + "\n");
  CHECK(NormalizeStoredText("one\rtwo\r\rthree") == "one\ntwo\n\nthree");
  CHECK(NormalizeStoredText("mixed\r\n\n\r") == "mixed\n\n\n");
  CHECK(NormalizeStoredText("") == "");
}

TEST_CASE("NormalizeStoredText composes decomposed Vietnamese into NFC", "[text]") {
  CHECK(NormalizeStoredText(kVietnameseNfd) == kVietnameseNfc);
  CHECK(NormalizeStoredText(kVietnameseNfc) == kVietnameseNfc);
  CHECK(ToNfc(kVietnameseNfd) == kVietnameseNfc);
  // Combining marks after a CRLF compose across the normalised line ending too.
  CHECK(NormalizeStoredText("I:\r\n" + kVietnameseNfd) == "I:\n" + kVietnameseNfc);
}

TEST_CASE("NormalizeStoredText leaves Thai and Khmer (already NFC) byte for byte", "[text]") {
  const std::string khmer_sentence = "\u1781\u17D2\u1789\u17BB\u17C6\u1791\u17C5\u1794\u17D2\u179A\u17B6\u1794\u17CB";
  CHECK(NormalizeStoredText(kThai) == kThai);
  CHECK(NormalizeStoredText(khmer_sentence) == khmer_sentence);
  CHECK(ToNfc(khmer_sentence) == khmer_sentence);
}

TEST_CASE("NormalizeStoredText refuses invalid UTF-8 with DataError", "[text]") {
  CHECK_THROWS_AS(NormalizeStoredText("caf\xE9"), DataError);
  CHECK_THROWS_AS(NormalizeStoredText(kThai + "\xED\xA0\x80"), DataError);
  CHECK_THROWS_WITH(NormalizeStoredText("abc\xFF"), Catch::Contains("byte 3"));
}

TEST_CASE("TrimWhitespace trims Unicode white space, not letters or marks", "[text]") {
  CHECK(TrimWhitespace("  \t" + kThai + "\n ") == kThai);
  CHECK(TrimWhitespace("\u00A0\u3000" + kKhmer + "\u2003") == kKhmer);
  CHECK(TrimWhitespace(" \u0301x") == "\u0301x");  // a combining mark is not space
  CHECK(TrimWhitespace("   ").empty());
  CHECK(TrimWhitespace("").empty());
}
