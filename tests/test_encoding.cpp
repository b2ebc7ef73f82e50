// Decoding text files (text/encoding.h): UTF-8 with or without BOM, UTF-16 LE/BE with BOM, legacy
// 8-bit code pages found by uchardet (Thai TIS-620/Windows-874, Windows-1252), an explicit
// encoding that overrides detection, and the refusals (binary, corrupt UTF-8, empty, unknown name).

#include <catch2/catch.hpp>

#include <unicode/ucnv.h>

#include <set>
#include <string>
#include <vector>

#include "error.h"
#include "test_support.h"
#include "text/encoding.h"
#include "text/utf8.h"

using namespace tessera;

namespace {

// `utf8` re-encoded into `charset` by ICU (the test's own encoder, independent of DecodeText).
std::string Encode(const std::string& utf8, const char* charset) {
  std::vector<char> out(utf8.size() * 4 + 16);
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  return std::string(out.data(), static_cast<std::size_t>(n));
}

const std::string kThaiParagraph =
    "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C: "
    "\u0E02\u0E2D\u0E1A\u0E04\u0E38\u0E13\u0E17\u0E35\u0E48\u0E21\u0E32\u0E04\u0E38\u0E22\u0E01\u0E31\u0E19"
    "\u0E27\u0E31\u0E19\u0E19\u0E35\u0E49\u0E19\u0E30\u0E04\u0E23\u0E31\u0E1A "
    "\u0E16\u0E49\u0E32\u0E21\u0E35\u0E04\u0E33\u0E16\u0E32\u0E21\u0E44\u0E2B\u0E19\u0E17\u0E35\u0E48"
    "\u0E44\u0E21\u0E48\u0E2D\u0E22\u0E32\u0E01\u0E15\u0E2D\u0E1A \u0E1A\u0E2D\u0E01\u0E44\u0E14\u0E49"
    "\u0E40\u0E25\u0E22\n\n"
    "\u0E19\u0E31\u0E01\u0E2A\u0E31\u0E07\u0E04\u0E21\u0E2A\u0E07\u0E40\u0E04\u0E23\u0E32\u0E30\u0E2B\u0E4C: "
    "\u0E40\u0E14\u0E47\u0E01\u0E46 \u0E2A\u0E48\u0E27\u0E19\u0E43\u0E2B\u0E0D\u0E48\u0E44\u0E21\u0E48"
    "\u0E01\u0E25\u0E49\u0E32\u0E1A\u0E2D\u0E01\u0E1E\u0E48\u0E2D\u0E41\u0E21\u0E48 "
    "\u0E40\u0E1E\u0E23\u0E32\u0E30\u0E01\u0E25\u0E31\u0E27\u0E42\u0E14\u0E19\u0E14\u0E38 "
    "\u0E41\u0E25\u0E30\u0E44\u0E21\u0E48\u0E23\u0E39\u0E49\u0E27\u0E48\u0E32\u0E08\u0E30\u0E44\u0E1B"
    "\u0E41\u0E08\u0E49\u0E07\u0E15\u0E33\u0E23\u0E27\u0E08\u0E17\u0E35\u0E48\u0E44\u0E2B\u0E19\n";

const std::string kPortuguese =
    "E: Ol\u00E1. Obrigada por teres vindo. Lembra-te que podes parar quando quiseres e que n\u00E3o h\u00E1 "
    "respostas certas ou erradas.\n\nR: Est\u00E1 bem. Uso o telem\u00F3vel \u00E0 noite, falo com as minhas "
    "amigas da escola. A pol\u00EDcia n\u00E3o sabia o que fazer, e a assistente social explicou tudo \u00E0 "
    "minha m\u00E3e. Fiquei com vergonha, mas agora j\u00E1 consigo falar sobre isso. O tribunal \u00E9 "
    "longe, e a viagem \u00E9 cara para a fam\u00EDlia. \u00C9 dif\u00EDcil, mas continuo a estudar.\n";

}  // namespace

TEST_CASE("DecodeText reads UTF-8 without a BOM as UTF-8", "[text]") {
  const auto decoded = DecodeText(kThaiParagraph, "", "thai.txt");
  CHECK(decoded.utf8 == kThaiParagraph);
  CHECK(decoded.encoding == "UTF-8");
}

TEST_CASE("DecodeText drops a UTF-8 BOM", "[text]") {
  const auto decoded = DecodeText("\xEF\xBB\xBF" + kPortuguese, "", "bom.txt");
  CHECK(decoded.utf8 == kPortuguese);
  CHECK(decoded.encoding == "UTF-8");
}

TEST_CASE("DecodeText reads UTF-16 LE and BE with a BOM, astral characters included", "[text]") {
  const std::string text = "Ph\u1ECFng v\u1EA5n vi\u00EAn: c\u1EA3nh s\u00E1t \U0001F46E\nPh\u1EE5 huynh: v\u00E2ng\n";
  const auto le = DecodeText(Encode("\uFEFF" + text, "UTF-16LE"), "", "le.txt");
  CHECK(le.utf8 == text);
  CHECK(le.encoding == "UTF-16LE");
  const auto be = DecodeText(Encode("\uFEFF" + text, "UTF-16BE"), "", "be.txt");
  CHECK(be.utf8 == text);
  CHECK(be.encoding == "UTF-16BE");
}

TEST_CASE("DecodeText detects Thai TIS-620 / Windows-874 without a BOM", "[text]") {
  const std::string legacy = Encode(kThaiParagraph, "windows-874-2000");
  REQUIRE_FALSE(utf8::IsValid(legacy));
  const auto decoded = DecodeText(legacy, "", "thai-874.txt");
  CHECK(decoded.utf8 == kThaiParagraph);
  CHECK(std::set<std::string>{"TIS-620", "WINDOWS-874", "ISO-8859-11"}.count(decoded.encoding) == 1);
}

TEST_CASE("DecodeText detects Windows-1252 Portuguese without a BOM", "[text]") {
  const std::string legacy = Encode(kPortuguese, "windows-1252");
  REQUIRE_FALSE(utf8::IsValid(legacy));
  const auto decoded = DecodeText(legacy, "", "pt-1252.txt");
  CHECK(decoded.utf8 == kPortuguese);
  CHECK(std::set<std::string>{"WINDOWS-1252", "ISO-8859-1", "ISO-8859-15"}.count(decoded.encoding) == 1);
}

TEST_CASE("DecodeText with an explicit encoding overrides detection", "[text]") {
  // Bytes that are valid UTF-8 ("Ã©") are read as Windows-1252 when the user says so.
  const auto forced = DecodeText("caf\xC3\xA9", "windows-1252", "forced.txt");
  CHECK(forced.utf8 == "caf\u00C3\u00A9");
  CHECK(forced.encoding == "windows-1252");
  // Thai in ISO-8859-11 named explicitly, also under an ICU alias.
  const std::string legacy = Encode(kThaiParagraph, "ISO-8859-11");
  CHECK(DecodeText(legacy, "ISO-8859-11", "th.txt").utf8 == kThaiParagraph);
  CHECK(DecodeText(legacy, "TIS-620", "th.txt").utf8 == kThaiParagraph);
}

TEST_CASE("DecodeText refuses an empty file with DataError naming it", "[text]") {
  try {
    DecodeText("", "", "empty.txt");
    FAIL("no exception");
  } catch (const DataError& e) {
    CHECK(e.path() == "empty.txt");
    CHECK_THAT(e.reason(), Catch::Contains("empty"));
  }
}

TEST_CASE("DecodeText refuses binary data", "[text]") {
  std::string binary = "\x89PNG\r\n\x1A\n";
  binary += std::string("\0\0\0\rIHDR\0\0\0\x10", 12);
  CHECK_THROWS_AS(DecodeText(binary, "", "picture.txt"), DataError);
  CHECK_THROWS_WITH(DecodeText(binary, "", "picture.txt"), Catch::Contains("binary"));
  std::string controls(200, '\x01');
  CHECK_THROWS_AS(DecodeText("R: " + controls, "", "controls.txt"), DataError);
}

TEST_CASE("DecodeText refuses UTF-8 with a broken byte instead of guessing a code page", "[text]") {
  const std::string damaged = kThaiParagraph.substr(0, 30) + "\xFF" + kThaiParagraph.substr(30);
  try {
    DecodeText(damaged, "", "damaged.txt");
    FAIL("no exception");
  } catch (const DataError& e) {
    CHECK(e.path() == "damaged.txt");
    CHECK_THAT(e.reason(), Catch::Contains("invalid UTF-8") && Catch::Contains("byte 30") && Catch::Contains("--encoding"));
  }
}

TEST_CASE("DecodeText refuses an unknown encoding name and bytes the named encoding cannot map", "[text]") {
  CHECK_THROWS_WITH(DecodeText("abc", "no-such-charset-\u0E01", "x.txt"), Catch::Contains("unknown encoding"));
  CHECK_THROWS_AS(DecodeText("abc", "no-such-charset", "x.txt"), DataError);
  CHECK_THROWS_AS(DecodeText("caf\xE9", "UTF-8", "x.txt"), DataError);
  CHECK_THROWS_AS(DecodeText("caf\xE9", "US-ASCII", "x.txt"), DataError);
  CHECK_THROWS_AS(ConvertToUtf8(std::string("\xFF\xFE\x41", 3), "UTF-16LE", "odd.txt"), DataError);
}
