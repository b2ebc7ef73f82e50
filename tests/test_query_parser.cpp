// The query language: every form, segmentation of Thai and Khmer queries, and the messages for
// malformed queries.
#include <catch2/catch.hpp>

#include <string>

#include "error.h"
#include "search/query_parser.h"

using tessera::QueryParser;

namespace {

std::string Parsed(const std::string& query, const std::string& language = {}) {
  QueryParser parser(language);
  return parser.Parse(query).ToString();
}

std::string ErrorOf(const std::string& query) {
  QueryParser parser;
  try {
    parser.Parse(query);
  } catch (const tessera::DataError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("Words, phrases and boolean operators", "[search]") {
  CHECK(Parsed("police") == "police");
  CHECK(Parsed("Polícia") == "Polícia");  // folding happens when the query is built, not here
  CHECK(Parsed("police station") == "(AND police station)");
  CHECK(Parsed("police AND station") == "(AND police station)");
  CHECK(Parsed("police OR polícia OR polisi") == "(OR police polícia polisi)");
  CHECK(Parsed("police NOT court") == "(AND police (NOT court))");
  CHECK(Parsed("police AND NOT court") == "(AND police (NOT court))");
  CHECK(Parsed("NOT court") == "(NOT court)");
  CHECK(Parsed("\"police station\"") == "\"police station\"");
  CHECK(Parsed("“cảnh sát” mẹ") == "(AND \"cảnh sát\" mẹ)");
  CHECK(Parsed("\"police\"") == "police");
  SECTION("AND binds tighter than OR; parentheses group") {
    CHECK(Parsed("a b OR c") == "(OR (AND a b) c)");
    CHECK(Parsed("a (b OR c)") == "(AND a (OR b c))");
    CHECK(Parsed("(polisi OR pulis) NOT (court OR judge)") == "(AND (OR polisi pulis) (NOT (OR court judge)))");
    CHECK(Parsed("((police))") == "police");
  }
  SECTION("lower-case operators are words") {
    CHECK(Parsed("cats and dogs") == "(AND cats and dogs)");
  }
  SECTION("punctuation between words is ignored; hyphenated words are phrases") {
    CHECK(Parsed("police , station !") == "(AND police station)");
    CHECK(Parsed("e-mail") == "\"e mail\"");
  }
}

TEST_CASE("NEAR and NEAR/n", "[search]") {
  CHECK(Parsed("police NEAR mother") == "(NEAR/10 police mother)");
  CHECK(Parsed("police NEAR/3 mother") == "(NEAR/3 police mother)");
  CHECK(Parsed("police NEAR/3 mother NEAR/5 court") == "(NEAR/5 police mother court)");
  CHECK(Parsed("polic* NEAR/2 mãe") == "(NEAR/2 polic* mãe)");
  CHECK(Parsed("a NEAR b c") == "(AND (NEAR/10 a b) c)");
  CHECK(ErrorOf("\"police station\" NEAR mother").find("NEAR joins words") != std::string::npos);
  CHECK(ErrorOf("(a OR b) NEAR c").find("NEAR joins words") != std::string::npos);
  CHECK(ErrorOf("a NEAR/x b").find("NEAR/5") != std::string::npos);
  CHECK(ErrorOf("a NEAR/") .find("NEAR/5") != std::string::npos);
  CHECK(ErrorOf("a NEAR").find("needs a search term after it") != std::string::npos);
}

TEST_CASE("Wildcards", "[search]") {
  CHECK(Parsed("polic*") == "polic*");
  CHECK(Parsed("\"cảnh s*\"") == "\"cảnh s*\"");
  CHECK(Parsed("polic* OR polis*") == "(OR polic* polis*)");
  CHECK(ErrorOf("*").find("wildcard") != std::string::npos);
  CHECK(ErrorOf("police \"*\"").find("wildcard") != std::string::npos);
  SECTION("a Thai wildcard tries the unfinished tail as the prefix at each word boundary") {
    // ICU cannot know where the unfinished word สถานีตำรว… ends; each split is one alternative.
    const std::string parsed = Parsed("สถานีตำรว*", "th");
    CHECK(parsed.starts_with("(OR สถานีตำรว* "));
    CHECK(parsed.find("\"สถานี ตำรว*\"") != std::string::npos);
  }
}

TEST_CASE("Thai and Khmer queries are segmented like the index", "[search]") {
  CHECK(Parsed("สถานีตำรวจ") == "\"สถานี ตำรวจ\"");
  CHECK(Parsed("ตำรวจ") == "ตำรวจ");
  CHECK(Parsed("สถานีตำรวจ OR ศาล") == "(OR \"สถานี ตำรวจ\" ศาล)");
  CHECK(Parsed("ប៉ុស្តិ៍នគរបាល") == "\"ប៉ុស្តិ៍ នគរបាល\"");
  CHECK(Parsed("ตำรวจ NEAR/2 แม่") == "(NEAR/2 ตำรวจ แม่)");
  CHECK(Parsed("สถานีตำรวจ NEAR แม่") == "(NEAR/10 สถานี ตำรวจ แม่)");  // words of one run join the NEAR group
}

TEST_CASE("Malformed queries get a clear DataError", "[search]") {
  QueryParser parser;
  CHECK_THROWS_AS(parser.Parse(""), tessera::DataError);
  CHECK(ErrorOf("") == "The query is empty.");
  CHECK(ErrorOf("   ") == "The query is empty.");
  CHECK(ErrorOf("!!! ...") == "The query has no words to search for.");
  CHECK(ErrorOf("\"police station") == "The query has a quotation mark that is not closed (at character 1).");
  CHECK(ErrorOf("(police OR polisi") == "The query has a “(” at character 1 that is not closed.");
  CHECK(ErrorOf("police)") == "The query has a “)” without a matching “(” at character 7.");
  CHECK(ErrorOf("police ()") == "The query has empty parentheses at character 8.");
  CHECK(ErrorOf("\"\"") == "The query has an empty phrase at character 1.");
  CHECK(ErrorOf("police AND") == "“AND” at character 8 needs a search term after it.");
  CHECK(ErrorOf("police OR") == "“OR” at character 8 needs a search term after it.");
  CHECK(ErrorOf("AND police") == "“AND” at character 1 needs a search term before it.");
  CHECK(ErrorOf("OR police") == "“OR” at character 1 needs a search term before it.");
  CHECK(ErrorOf("police NOT") == "“NOT” at character 8 needs a search term after it.");
  CHECK(ErrorOf("police AND OR court") == "“AND” at character 8 is followed by “OR” at character 12; it needs a search term after it.");
  CHECK(ErrorOf("ตำรวจ (") == "The query has a “(” at character 7 that is not closed.");
  CHECK(ErrorOf("bad\xFFutf8") == "The query is not valid UTF-8 text.");
}
