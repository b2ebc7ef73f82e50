// Speaker turns (import/turn_detector.h): `Name:` at a line start, `[Name]`, short codes such as
// R:, I:, P03:, in any script; configurable ICU patterns. Each turn is checked by its speaker
// and the exact text its code-point range covers.

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "error.h"
#include "import/turn_detector.h"
#include "text/utf8.h"

using namespace tessera;

namespace {

// "speaker | text of the turn" for every turn found.
std::vector<std::string> TurnsOf(const std::string& text, const TurnDetector& detector = {}) {
  std::vector<std::string> out;
  const auto turns = detector.Detect(text);
  for (std::size_t i = 0; i < turns.size(); ++i) {
    CHECK(turns[i].seq == static_cast<std::int64_t>(i));
    CHECK(turns[i].start <= turns[i].end);
    CHECK(turns[i].end <= utf8::CodePointCount(text));
    out.push_back(turns[i].speaker + " | " + std::string(utf8::SubstrCodePoints(text, turns[i].start, turns[i].end)));
  }
  return out;
}

using Turns = std::vector<std::string>;

}  // namespace

TEST_CASE("TurnDetector finds `Name:` turns that run to the next label, without trailing blank lines", "[import]") {
  const std::string text =
      "[Transcriber's note: recorded at the school.]\n\n"
      "Interviewer: Thank you for coming.\n\n"
      "Respondent: It's alright.\nI want to help.\n\n\n"
      "Interviewer: Can you tell me more?\n"
      "Respondent: Yes.\n\n";
  CHECK(TurnsOf(text) == Turns{"Interviewer | Interviewer: Thank you for coming.",
                               "Respondent | Respondent: It's alright.\nI want to help.",
                               "Interviewer | Interviewer: Can you tell me more?", "Respondent | Respondent: Yes."});
}

TEST_CASE("TurnDetector finds Thai, Khmer and Vietnamese labels with code-point offsets", "[import]") {
  const std::string thai =
      "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\n\n"
      "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25: \u0E15\u0E33\u0E23\u0E27\u0E08\n\n"
      "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C: \u0E02\u0E2D\u0E1A\u0E04\u0E38\u0E13\n\n"
      "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25: \u0E04\u0E23\u0E31\u0E1A\n";
  const auto thai_turns = TurnDetector().Detect(thai);
  REQUIRE(thai_turns.size() == 4);
  CHECK(thai_turns[0].speaker == "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C");
  CHECK(thai_turns[1].speaker == "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25");
  CHECK(thai_turns[0].start == 0);
  CHECK(thai_turns[0].end == 19);
  CHECK(thai_turns[1].start == 21);

  const std::string khmer =
      "\u17A2\u17D2\u1793\u1780\u179F\u1798\u17D2\u1797\u17B6\u179F\u1793\u17CD: \u178F\u17BE\u1798\u17B6\u1793\u17A2\u17D2\u179C\u17B8?\n"
      "\u17A2\u17D2\u1793\u1780\u1795\u17D2\u178F\u179B\u17CB\u1796\u17D0\u178F\u17CC\u1798\u17B6\u1793: \u1793\u1782\u179A\u1794\u17B6\u179B\n"
      "\u17A2\u17D2\u1793\u1780\u179F\u1798\u17D2\u1797\u17B6\u179F\u1793\u17CD: \u17A2\u179A\u1782\u17BB\u178E\n"
      "\u17A2\u17D2\u1793\u1780\u1795\u17D2\u178F\u179B\u17CB\u1796\u17D0\u178F\u17CC\u1798\u17B6\u1793: \u1785\u17B6\u179F\n";
  const auto khmer_turns = TurnsOf(khmer);
  REQUIRE(khmer_turns.size() == 4);
  CHECK(khmer_turns[1] == "\u17A2\u17D2\u1793\u1780\u1795\u17D2\u178F\u179B\u17CB\u1796\u17D0\u178F\u17CC\u1798\u17B6\u1793 | "
                         "\u17A2\u17D2\u1793\u1780\u1795\u17D2\u178F\u179B\u17CB\u1796\u17D0\u178F\u17CC\u1798\u17B6\u1793: "
                         "\u1793\u1782\u179A\u1794\u17B6\u179B");

  const std::string vietnamese =
      "Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n: Em c\u00F3 kh\u1ECFe kh\u00F4ng?\n\n"
      "Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi: D\u1EA1, em kh\u1ECFe.\n\n"
      "Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n: C\u1EA3m \u01A1n em.\n\n"
      "Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi: D\u1EA1.\n";
  const auto vn = TurnsOf(vietnamese);
  REQUIRE(vn.size() == 4);
  CHECK_THAT(vn[0], Catch::StartsWith("Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n | "));
  CHECK(vn[3] == "Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi | Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi: D\u1EA1.");
}

TEST_CASE("TurnDetector takes short codes R:, I:, P03: even when they occur once", "[import]") {
  const std::string text = "I: How old are you?\nP03: Fifteen.\nIV2: And your brother?\nR: Ten.\n";
  CHECK(TurnsOf(text) == Turns{"I | I: How old are you?", "P03 | P03: Fifteen.", "IV2 | IV2: And your brother?", "R | R: Ten."});
}

TEST_CASE("TurnDetector ignores a sentence ending in a colon that occurs only once", "[import]") {
  const std::string text =
      "Interviewer: What happened next?\n"
      "Respondent: He told me not to tell anyone.\n"
      "He said three things:\n"
      "That he loved me, that nobody else would understand me, and that it was our secret.\n"
      "Interviewer: I see.\n"
      "Respondent: Yes.\n";
  const auto turns = TurnsOf(text);
  REQUIRE(turns.size() == 4);
  CHECK(turns[1] ==
        "Respondent | Respondent: He told me not to tell anyone.\nHe said three things:\n"
        "That he loved me, that nobody else would understand me, and that it was our secret.");
}

TEST_CASE("TurnDetector finds [Name] labels on their own line", "[import]") {
  const std::string text =
      "[Interviewer]\nThank you, Lolo, for welcoming me.\n\n"
      "[Caregiver]\nIt's alright, iha.\n\n"
      "[Interviewer]\nCan you tell me about your family?\n\n"
      "[Caregiver]\nMy daughter works in Hong Kong.\n";
  CHECK(TurnsOf(text) == Turns{"Interviewer | [Interviewer]\nThank you, Lolo, for welcoming me.",
                               "Caregiver | [Caregiver]\nIt's alright, iha.",
                               "Interviewer | [Interviewer]\nCan you tell me about your family?",
                               "Caregiver | [Caregiver]\nMy daughter works in Hong Kong."});
}

TEST_CASE("TurnDetector accepts a full-width colon and indentation before the label", "[import]") {
  const std::string text = "  \u0E04\u0E23\u0E39\uFF1A \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\n"
                           "\t\u0E19\u0E31\u0E01\u0E40\u0E23\u0E35\u0E22\u0E19: \u0E04\u0E23\u0E31\u0E1A\n"
                           "  \u0E04\u0E23\u0E39\uFF1A \u0E14\u0E35\n"
                           "\u0E19\u0E31\u0E01\u0E40\u0E23\u0E35\u0E22\u0E19: \u0E04\u0E48\u0E30\n";
  const auto turns = TurnsOf(text);
  REQUIRE(turns.size() == 4);
  CHECK_THAT(turns[0], Catch::StartsWith("\u0E04\u0E23\u0E39 | "));
  CHECK_THAT(turns[1], Catch::StartsWith("\u0E19\u0E31\u0E01\u0E40\u0E23\u0E35\u0E22\u0E19 | "));
}

TEST_CASE("TurnDetector does not take times, URLs or long clauses for labels", "[import]") {
  const std::string text =
      "10:30 we met at the station.\n"
      "http://example.com was the site.\n"
      "And then the officer told me this: nothing.\n"
      "And then the officer told me this: again nothing.\n"
      "Note:the colon needs a space after it.\n"
      "Note:the colon needs a space after it.\n";
  CHECK(TurnDetector().Detect(text).empty());
}

TEST_CASE("TurnDetector with custom patterns replaces the defaults", "[import]") {
  const TurnDetector detector({R"(^>>\s*([^:>]+?)\s*>\s)"});
  const std::string text = ">> M\u1EB9 > Con \u0111i h\u1ECDc.\n>> Con > D\u1EA1.\n>> M\u1EB9 > Ngoan.\n>> Con > V\u00E2ng.\nR: not a turn now\n";
  const auto turns = TurnsOf(text, detector);
  REQUIRE(turns.size() == 4);
  CHECK(turns[0] == "M\u1EB9 | >> M\u1EB9 > Con \u0111i h\u1ECDc.");
  CHECK(turns[3] == "Con | >> Con > V\u00E2ng.\nR: not a turn now");
  CHECK(detector.Patterns().size() == 1);
}

TEST_CASE("TurnDetector refuses a pattern ICU cannot compile with DataError", "[import]") {
  CHECK_THROWS_AS(TurnDetector({"^([A-Z]+:"}), DataError);
  CHECK_THROWS_WITH(TurnDetector({"(\u0E01"}), Catch::Contains("not a valid regular expression"));
}

TEST_CASE("TurnDetector finds nothing in text without labels, or in empty text", "[import]") {
  CHECK(TurnDetector().Detect("").empty());
  CHECK(TurnDetector().Detect("Just a paragraph of notes.\nAnother line.\n").empty());
}

TEST_CASE("Paragraphs splits text without turns at blank lines, in code points", "[import]") {
  const std::string text = "\u0E01\u0E02\n\u0E04\n\n  \n\U0001F600 end\n";
  const auto paragraphs = Paragraphs(text);
  REQUIRE(paragraphs.size() == 2);
  CHECK(paragraphs[0].first == 0);
  CHECK(paragraphs[0].second == 4);
  CHECK(utf8::SubstrCodePoints(text, paragraphs[1].first, paragraphs[1].second) == "\U0001F600 end");
}
