// The redactor: merging spans, consistent pseudonyms from the register, placeholders and
// register suggestions, review decisions, LeakCheck, and refusal when detection is incomplete.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "error.h"
#include "redaction/plugin_host.h"
#include "redaction/pseudonym_register.h"
#include "redaction/redactor.h"
#include "text/utf8.h"

namespace {

using tessera::DetectedSpan;
using tessera::RegisterEntry;
using tessera::ReviewDecision;
using tessera::SpanKind;

std::vector<RegisterEntry> Register() {
  std::vector<RegisterEntry> entries = {
      {12, "person", "Baraka Otieno", {"Bara"}, "", false},
      {3, "person", "Nguyễn Thị Lan", {}, "", false},
      {7, "place", "Kibera", {}, "", false},
      {8, "school", "Kibera Primary School", {}, "", false},
      {5, "person", "Hope Achieng", {}, "", false},
      {20, "place", "Ban Nong Khai", {}, "[Village B]", false},
  };
  tessera::AssignPseudonyms(entries);
  return entries;
}

// The code-point span of the first occurrence of `needle` in `text`.
DetectedSpan SpanOf(const std::string& text, const std::string& needle, SpanKind kind,
                    std::string source = "test") {
  const auto byte = text.find(needle);
  REQUIRE(byte != std::string::npos);
  DetectedSpan span;
  span.start = tessera::utf8::CodePointCount(std::string_view(text).substr(0, byte));
  span.end = span.start + tessera::utf8::CodePointCount(needle);
  span.kind = kind;
  span.source = std::move(source);
  return span;
}

}  // namespace

TEST_CASE("pseudonyms are assigned deterministically, per kind, never reusing a number",
          "[redaction]") {
  std::vector<RegisterEntry> entries = {
      {9, "person", "Zawadi", {}, "", false},
      {2, "person", "Amani", {}, "", false},
      {4, "place", "Kisumu", {}, "", false},
      {1, "place", "Mwanza", {}, "[Place B]", false},
      {6, "school", "St. Mary's", {}, "", false},
      {5, "person", "Rehema", {}, "[Person 7]", false},
      {8, "phone", "0712 345 678", {}, "", false},
      {3, "organisation", "Tumaini Home", {}, "", false},
  };
  auto shuffled = entries;
  std::reverse(shuffled.begin(), shuffled.end());
  CHECK(tessera::AssignPseudonyms(entries) == 6);
  tessera::AssignPseudonyms(shuffled);
  auto pseudonym = [](const std::vector<RegisterEntry>& list, std::int64_t id) {
    for (const auto& e : list) {
      if (e.id == id) return e.pseudonym;
    }
    return std::string();
  };
  CHECK(pseudonym(entries, 2) == "[Person 8]");  // after the [Person 7] already in use
  CHECK(pseudonym(entries, 9) == "[Person 9]");
  CHECK(pseudonym(entries, 4) == "[Place C]");
  CHECK(pseudonym(entries, 6) == "[School 1]");
  CHECK(pseudonym(entries, 3) == "[Organisation 1]");
  CHECK(pseudonym(entries, 8) == "[Phone number]");
  for (const auto& e : entries) CHECK(pseudonym(shuffled, e.id) == e.pseudonym);
  CHECK(tessera::AssignPseudonyms(entries) == 0);

  std::vector<RegisterEntry> many;
  for (int i = 1; i <= 28; ++i)
    many.push_back({i, "place", "Village " + std::to_string(i), {}, "", false});
  tessera::AssignPseudonyms(many);
  CHECK(many[25].pseudonym == "[Place Z]");
  CHECK(many[26].pseudonym == "[Place AA]");
  CHECK(many[27].pseudonym == "[Place AB]");

  std::vector<RegisterEntry> bad = {{1, "planet", "Mars", {}, "", false}};
  CHECK_THROWS_AS(tessera::AssignPseudonyms(bad), tessera::DataError);
}

TEST_CASE("every form of a registered name gets the entry's one pseudonym", "[redaction]") {
  const tessera::Redactor redactor(Register());
  const std::string text =
      "Baraka Otieno alisema. Baadaye BARAKA alirudi, na Otieno akalia. Bara! "
      "Chị Nguyen Thi Lan và Nguyễn Thị Lan ở Kibera.";
  const auto result = redactor.Apply(text, {});
  CHECK(result.text ==
        "[Person 3] alisema. Baadaye [Person 3] alirudi, na [Person 3] akalia. [Person 3]! "
        "Chị [Person 1] và [Person 1] ở [Place A].");
  REQUIRE(result.spans.size() == 7);
  CHECK(result.spans[0].entry_id == 12);
  CHECK(result.spans[0].original == "Baraka Otieno");
  CHECK(result.spans[1].original == "BARAKA");
  CHECK(result.spans[1].needs_review);  // baraka is also "blessing"
  CHECK_FALSE(result.spans[0].needs_review);
  CHECK(result.spans[5].start == 93);  // code points of the input, not bytes
  CHECK(result.spans[5].end == 107);
  CHECK(result.NeedsReview());
  CHECK(result.suggestions.empty());
}

TEST_CASE("overlapping spans merge and the higher-priority kind names them", "[redaction]") {
  const tessera::Redactor redactor(Register());
  const std::string text =
      "Mail baraka.otieno@gmail.com or call 0712345678 at Kibera Primary School.";
  std::vector<DetectedSpan> spans = {
      SpanOf(text, "baraka.otieno@gmail.com", SpanKind::Email, "pii-patterns"),
      SpanOf(text, "0712345678", SpanKind::Phone, "pii-patterns"),
      SpanOf(text, "0712345678", SpanKind::IdNumber, "pii-patterns"),
      SpanOf(text, "Kibera Primary School", SpanKind::School, "name-list"),
      SpanOf(text, "Kibera", SpanKind::Place, "name-list"),
  };
  const auto result = redactor.Apply(text, spans);
  CHECK(result.text == "Mail [Email] or call [Phone number] at [School 1].");
  REQUIRE(result.spans.size() == 3);
  CHECK(result.spans[0].kind == SpanKind::Email);
  CHECK(result.spans[1].kind == SpanKind::Phone);
  CHECK(result.spans[1].sources == std::vector<std::string>{"pii-patterns"});
  CHECK(result.spans[2].entry_id == 8);

  const auto merged = tessera::MergeSpans({{0, 5, SpanKind::Person, 0.5, true, "a"},
                                           {3, 9, SpanKind::Place, 0.9, false, "b"},
                                           {9, 12, SpanKind::Age, 1.0, false, "c"},
                                           {20, 20, SpanKind::Phone, 1.0, false, "d"}});
  REQUIRE(merged.size() == 2);  // touching spans stay apart; empty ones drop
  CHECK(merged[0].end == 9);
  CHECK(merged[0].kind == SpanKind::Person);
  CHECK_FALSE(merged[0].needs_review);
  CHECK(merged[0].confidence == Approx(0.9));
  CHECK(merged[0].sources == std::vector<std::string>{"a", "b"});
}

TEST_CASE("unregistered names get a placeholder and become register suggestions", "[redaction]") {
  tessera::RedactorOptions options;
  options.match_register = false;
  const tessera::Redactor redactor(Register(), {}, options);
  const std::string text = "Mwalimu Juma alimpigia Juma tena kutoka Kisumu; @juma_k, miaka 14.";
  const auto result = redactor.Apply(
      text, {SpanOf(text, "Juma", SpanKind::Person), SpanOf(text, "Juma tena", SpanKind::Person),
             SpanOf(text, "Kisumu", SpanKind::Place), SpanOf(text, "@juma_k", SpanKind::Handle),
             SpanOf(text, "14", SpanKind::Age)});
  CHECK(result.text ==
        "Mwalimu [Person] alimpigia [Person] kutoka [Place]; [Handle], miaka [Age].");
  REQUIRE(result.suggestions.size() == 3);
  CHECK(result.suggestions[0].name == "Juma");
  CHECK(result.suggestions[1].name == "Juma tena");
  CHECK(result.suggestions[2].kind == SpanKind::Place);
}

TEST_CASE("review decisions: reject keeps, accept confirms, add redacts what no plugin found",
          "[redaction]") {
  const std::string text =
      "Hope Achieng said: there is hope. Later Hope cried; Mama Bibi knew Baraka.";
  {
    // "hope" in lower case is most likely the word: held, left in the text, for the reviewer.
    const auto result = tessera::Redactor(Register()).Apply(text, {});
    CHECK(result.text ==
          "[Person 2] said: there is hope. Later [Person 2] cried; Mama Bibi knew [Person 3].");
    REQUIRE(result.held.size() == 1);
    CHECK(result.held[0].original == "hope");
    CHECK(result.held[0].start == 28);
    CHECK(result.held[0].replacement == "[Person 2]");  // what an Accept would give
    CHECK(result.NeedsReview());
  }
  {
    // Accepting the held word redacts it; a capitalised or caseless everyday word is never held.
    const auto accepted =
        tessera::Redactor(Register(), {{"hope", SpanKind::Person, ReviewDecision::Verdict::Accept, 28}})
            .Apply(text, {});
    CHECK(accepted.text ==
          "[Person 2] said: there is [Person 2]. Later [Person 2] cried; Mama Bibi knew [Person 3].");
    CHECK(accepted.held.empty());
    CHECK(tessera::Redactor(Register()).Apply("Ni BARAKA kubwa", {}).text == "Ni [Person 3] kubwa");
  }
  std::vector<ReviewDecision> decisions = {
      // "hope" at code point 28 is the word; only that occurrence is kept.
      {"hope", SpanKind::Person, ReviewDecision::Verdict::Reject, 28},
      {"Bibi", SpanKind::Person, ReviewDecision::Verdict::Add, std::nullopt},
      {"Baraka", std::nullopt, ReviewDecision::Verdict::Accept, std::nullopt},
  };
  const auto result = tessera::Redactor(Register(), decisions).Apply(text, {});
  CHECK(result.text ==
        "[Person 2] said: there is hope. Later [Person 2] cried; Mama [Person] knew [Person 3].");
  REQUIRE(result.kept.size() == 1);
  CHECK(result.kept[0].original == "hope");
  CHECK(result.kept[0].start == 28);
  const auto baraka = std::find_if(result.spans.begin(), result.spans.end(),
                                   [](const auto& span) { return span.original == "Baraka"; });
  REQUIRE(baraka != result.spans.end());
  CHECK_FALSE(baraka->needs_review);  // accepted
  CHECK(result.NeedsReview());        // the second "Hope" still waits for a reviewer

  // A project-wide reject keeps every occurrence.
  const auto kept_all =
      tessera::Redactor(Register(),
                        {{"HOPE", std::nullopt, ReviewDecision::Verdict::Reject, std::nullopt}})
          .Apply("hope, Hope", {});
  CHECK(kept_all.text == "hope, Hope");
}

TEST_CASE("register entries without a pseudonym fall back to the kind placeholder", "[redaction]") {
  const tessera::Redactor redactor({{1, "person", "Thandiwe Dlamini", {}, "", false}});
  CHECK(redactor.Apply("Dlamini said", {}).text == "[Person] said");
}

TEST_CASE("spans outside the text are a programming error", "[redaction]") {
  const tessera::Redactor redactor({});
  CHECK_THROWS_AS(redactor.Apply("short", {{2, 9, SpanKind::Person, 1.0, false, "x"}}),
                  tessera::ProgrammingError);
  CHECK_THROWS_AS(redactor.Apply("short", {{4, 2, SpanKind::Person, 1.0, false, "x"}}),
                  tessera::ProgrammingError);
}

TEST_CASE("LeakCheck finds register originals left in an output", "[redaction]") {
  const auto entries = Register();
  const std::string output =
      "[Person 3] said that otieno's sister and NGUYEN came from [Place A]. "
      "[Village B] is far. Ban Nong Khai is near.";
  const auto leaks = tessera::LeakCheck(output, entries);
  REQUIRE(leaks.size() == 3);
  CHECK(leaks[0].text == "otieno");
  CHECK(leaks[0].entry_id == 12);
  CHECK(leaks[0].start == 21);
  CHECK(leaks[1].text == "NGUYEN");
  CHECK(leaks[1].entry_id == 3);
  CHECK(leaks[2].text == "Ban Nong Khai");
  CHECK_FALSE(leaks[2].ambiguous);

  const auto hope = tessera::LeakCheck("there is hope", entries);
  REQUIRE(hope.size() == 1);
  CHECK(hope[0].ambiguous);

  // A redacted text has no leaks.
  const tessera::Redactor redactor(entries);
  const auto result =
      redactor.Apply("Baraka Otieno na Nguyễn Thị Lan, Kibera Primary School, Ban Nong Khai.", {});
  CHECK(tessera::LeakCheck(result.text, entries).empty());
}

TEST_CASE("the register round-trips through JSON", "[redaction]") {
  const auto entries = Register();
  const auto json = tessera::RegisterToJson(entries);
  const auto back = tessera::RegisterFromJson(nlohmann::json::parse(json.dump()));
  REQUIRE(back.size() == entries.size());
  CHECK(back[0].name == "Baraka Otieno");
  CHECK(back[0].aliases == std::vector<std::string>{"Bara"});
  CHECK(back[5].pseudonym == "[Village B]");
  CHECK(tessera::RegisterFromJson(nlohmann::json::parse(R"([{"name": "Amani"}])"))[0].kind ==
        "person");
  CHECK_THROWS_AS(tessera::RegisterFromJson(
                      nlohmann::json::parse(R"({"entries": [{"kind": "x", "name": "y"}]})")),
                  tessera::DataError);
  CHECK_THROWS_AS(
      tessera::RegisterFromJson(nlohmann::json::parse(R"({"entries": [{"kind": "person"}]})")),
      tessera::DataError);
}

TEST_CASE("the redactor runs the bundled plugins end to end", "[redaction]") {
  auto entries = Register();
  tessera::PluginHostOptions options;
  options.use_environment = false;
  options.use_default_dirs = false;
  options.plugin_dirs = {TESSERA_PLUGIN_BUILD_DIR};
  options.configs["name-list"] = tessera::RegisterToJson(entries).dump();
  tessera::PluginHost host(options);
  host.Discover();
  tessera::RedactorOptions redactor_options;
  redactor_options.match_register = false;  // the name-list plugin alone must do it
  const tessera::Redactor redactor(entries, {}, redactor_options);
  const std::string text =
      "Baraka Otieno (miaka 14) wa Kibera Primary School alipigiwa simu kwa +254 712 345 678 "
      "na mtu wa @kijana_nairobi; OB No. 12/04/2023.";
  const auto result = redactor.Redact(host, text, "sw");
  CHECK(result.text ==
        "[Person 3] (miaka [Age]) wa [School 1] alipigiwa simu kwa [Phone number] "
        "na mtu wa [Handle]; OB No. [Case number].");
  CHECK(tessera::LeakCheck(result.text, entries).empty());
}

TEST_CASE("neighbouring parts of one name become one span with the entry's pseudonym",
          "[redaction]") {
  std::vector<RegisterEntry> entries = {{1, "person", "Nurul Ain binti Hassan", {}, "", false},
                                        {2, "person", "Ain Zulkifli", {}, "", false}};
  tessera::AssignPseudonyms(entries);
  const tessera::Redactor redactor(entries);
  const auto result = redactor.Apply("Nurul Ain datang. Hassan pula pergi.", {});
  CHECK(result.text == "[Person 1] datang. [Person 1] pula pergi.");
  REQUIRE(result.spans.size() == 2);
  CHECK(result.spans[0].original == "Nurul Ain");
  CHECK(result.spans[0].entry_id == 1);
  // Two names of different people side by side stay two spans.
  const auto two = redactor.Apply("Hassan Zulkifli", {});
  CHECK(two.text == "[Person 1] [Person 2]");
}

TEST_CASE("the development set is consistent and its contact details are all found",
          "[redaction]") {
  std::ifstream in(std::string(TESSERA_TEST_DATA) + "/redaction/devset.jsonl");
  REQUIRE(in);
  tessera::PluginHostOptions options;
  options.use_environment = false;
  options.use_default_dirs = false;
  options.limits.isolation = tessera::PluginIsolation::InProcess;
  tessera::PluginHost host(options);
  host.Load(std::filesystem::path(TESSERA_PLUGIN_BUILD_DIR) / "pii-patterns.so");
  host.Load(std::filesystem::path(TESSERA_PLUGIN_BUILD_DIR) / "name-list.so");
  std::size_t snippets = 0, contacts = 0;
  std::string line;
  while (std::getline(in, line)) {
    const auto item = nlohmann::json::parse(line);
    ++snippets;
    const std::string text = item.at("text");
    INFO(item.at("id").get<std::string>());
    auto entries = tessera::RegisterFromJson(item.at("register"));
    tessera::AssignPseudonyms(entries);
    REQUIRE(host.Configure("name-list", tessera::RegisterToJson(entries).dump()));
    const auto result = tessera::Redactor(entries, {}, {false})
                            .Redact(host, text, item.at("language").get<std::string>());
    for (const auto& gold : item.at("gold")) {
      const std::size_t start = gold.at("start"), end = gold.at("end");
      CHECK(tessera::utf8::SubstrCodePoints(text, start, end) ==
            gold.at("text").get<std::string>());
      const std::string kind = gold.at("kind");
      if (kind != "email" && kind != "url" && kind != "handle" && kind != "phone") continue;
      ++contacts;
      const bool covered =
          std::any_of(result.spans.begin(), result.spans.end(),
                      [&](const auto& span) { return span.start <= start && span.end >= end; });
      INFO(gold.at("text").get<std::string>());
      CHECK(covered);
    }
  }
  CHECK(snippets >= 60);
  CHECK(contacts >= 30);
}
