// The name-list plugin and the matcher behind it: registered names found in any case, without
// their diacritics, in part (given or family name alone), in scripts without spaces, and
// ambiguous names that are also everyday words sent to review.

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "redaction/common_words.h"
#include "redaction/folded_text.h"
#include "redaction/name_matcher.h"
#include "redaction/plugin_host.h"
#include "redaction/pseudonym_register.h"
#include "text/utf8.h"

namespace {

using tessera::RegisterEntry;
using tessera::SpanKind;

std::vector<RegisterEntry> StudyRegister() {
  return {
      {1, "person", "Baraka Otieno", {"Bara"}, "", false},
      {2, "person", "Nguyễn Thị Lan", {}, "", false},
      {3, "person", "Esperança Machava", {}, "", false},
      {4, "place", "Kibera", {}, "", false},
      {5, "school", "Kibera Primary School", {"KPS"}, "", false},
      {6, "person", "สมชาย ใจดี", {}, "", false},
      {7, "person", "សុខ ចាន់ធី", {}, "", false},
      {8, "person", "Sunday Okello", {}, "", false},
      {9, "person", "Maria dos Santos", {}, "", false},
      {10, "organisation", "Tumaini Children's Home", {}, "", false},
      {11, "person", "Ligaya Reyes", {}, "", false},
  };
}

struct Found {
  SpanKind kind;
  std::string text;
  bool needs_review;
  double confidence;
};

class NameListFixture {
 public:
  explicit NameListFixture(const std::vector<RegisterEntry>& entries,
                           const std::string& extra = "") {
    tessera::PluginHostOptions options;
    options.use_environment = false;
    options.use_default_dirs = false;
    auto config = tessera::RegisterToJson(entries);
    if (!extra.empty()) config["common_words"] = {extra};
    options.configs["name-list"] = config.dump();
    m_host = std::make_unique<tessera::PluginHost>(options);
    m_host->Load(std::filesystem::path(TESSERA_PLUGIN_BUILD_DIR) / "name-list.so");
  }

  std::vector<Found> Detect(const std::string& text, const std::string& language = "") {
    const auto detection = m_host->Detect(text, language);
    REQUIRE(detection.Complete());
    std::vector<Found> found;
    for (const auto& span : detection.spans) {
      found.push_back({span.kind,
                       std::string(tessera::utf8::SubstrCodePoints(text, span.start, span.end)),
                       span.needs_review, span.confidence});
    }
    return found;
  }

 private:
  std::unique_ptr<tessera::PluginHost> m_host;
};

std::vector<std::string> Texts(const std::vector<Found>& found) {
  std::vector<std::string> texts;
  for (const auto& f : found) texts.push_back(f.text);
  return texts;
}

}  // namespace

TEST_CASE("folding ignores case, Latin diacritics and spacing, but keeps Thai and Khmer signs",
          "[redaction]") {
  CHECK(tessera::FoldForMatching("Nguyễn Thị Lan") == "nguyen thi lan");
  CHECK(tessera::FoldForMatching("ESPERANÇA") == "esperanca");
  CHECK(tessera::FoldForMatching("Đặng  Văn\tHùng") == "dang van hung");
  CHECK(tessera::FoldForMatching("O’Brien") == "o'brien");
  CHECK(tessera::FoldForMatching("สมชาย") == "สมชาย");
  CHECK(tessera::FoldForMatching("សុខ\u200Bចាន់ធី") == "សុខចាន់ធី");  // zero width space dropped
  const tessera::FoldedText folded("A\u0301ma  ni");            // decomposed accent, double space
  CHECK(folded.Folded() == U"ama ni");
  CHECK(folded.OriginalOffset(1) == 2);  // "m": the accent before it was dropped
  CHECK(folded.OriginalOffset(3) == 4);  // the first of the two spaces
  CHECK(folded.OriginalOffset(4) == 6);  // "n" after them
  CHECK(folded.OriginalOffset(6) == 8);  // the end
}

TEST_CASE("forms of a name: parts without particles or titles", "[redaction]") {
  using tessera::NameMatcher;
  CHECK(NameMatcher::FormsOf("Baraka Otieno", true) ==
        std::vector<std::string>{"Baraka Otieno", "Baraka", "Otieno"});
  CHECK(NameMatcher::FormsOf("Nguyễn Thị Lan", true) ==
        std::vector<std::string>{"Nguyễn Thị Lan", "Nguyễn", "Lan"});
  CHECK(NameMatcher::FormsOf("Maria dos Santos", true) ==
        std::vector<std::string>{"Maria dos Santos", "Maria", "Santos"});
  CHECK(NameMatcher::FormsOf("Siti binti Rahman", true) ==
        std::vector<std::string>{"Siti binti Rahman", "Siti", "Rahman"});
  CHECK(NameMatcher::FormsOf("ด.ญ. มะลิ ใจดี", true) ==
        std::vector<std::string>{"ด.ญ. มะลิ ใจดี", "มะลิ", "ใจดี"});
  CHECK(NameMatcher::FormsOf("Kibera Primary School", false) ==
        std::vector<std::string>{"Kibera Primary School"});
}

TEST_CASE("name-list: full names and their parts in any case and without diacritics",
          "[redaction]") {
  NameListFixture names(StudyRegister());
  auto found = names.Detect("BARAKA OTIENO alikuja jana; baadaye Otieno's mother came.", "sw");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "BARAKA OTIENO");
  CHECK(found[0].kind == SpanKind::Person);
  CHECK_FALSE(found[0].needs_review);
  CHECK(found[0].confidence > found[1].confidence);
  CHECK(found[1].text == "Otieno");

  CHECK(Texts(names.Detect("Chị nói Nguyen Thi Lan đã đi.", "vi")) ==
        std::vector<std::string>{"Nguyen Thi Lan"});
  CHECK(Texts(names.Detect("NGUYỄN gọi điện.", "vi")) == std::vector<std::string>{"NGUYỄN"});
  CHECK(Texts(names.Detect("A Esperanca Machava disse que sim.", "pt")) ==
        std::vector<std::string>{"Esperanca Machava"});
  CHECK(Texts(names.Detect("Then Bara ran off.", "en")) == std::vector<std::string>{"Bara"});
  CHECK(Texts(names.Detect("A Maria e o Santos.", "pt")) ==
        std::vector<std::string>{"Maria", "Santos"});
  // Particles of a name are not names: "dos" stays.
  CHECK(names.Detect("Dos dias depois.", "pt").empty());
}

TEST_CASE("name-list: word boundaries in spaced scripts, substrings in Thai and Khmer",
          "[redaction]") {
  NameListFixture names(StudyRegister());
  // Inside another word: not a match.
  CHECK(names.Detect("Barakaville and Otienos are elsewhere.", "en").empty());
  CHECK(names.Detect("The Kiberan market.", "en").empty());
  // The longest registered form wins: the school, not the place inside it.
  auto found = names.Detect("She went to Kibera Primary School, in Kibera.", "en");
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "Kibera Primary School");
  CHECK(found[0].kind == SpanKind::School);
  CHECK(found[1].text == "Kibera");
  CHECK(found[1].kind == SpanKind::Place);
  // Thai is written without spaces: the name is found inside the run of letters.
  CHECK(Texts(names.Detect("สมชายบอกว่าเขาจะมา", "th")) == std::vector<std::string>{"สมชาย"});
  CHECK(Texts(names.Detect("พ่อของสมชาย ใจดีมาก", "th")) == std::vector<std::string>{"สมชาย ใจดี"});
  // Khmer: the family name on its own, found without spaces.
  CHECK(Texts(names.Detect("ខ្ញុំស្គាល់ចាន់ធីតាំងពីតូច", "km")) == std::vector<std::string>{"ចាន់ធី"});
}

TEST_CASE("name-list: a name that is also a common word goes to review", "[redaction]") {
  CHECK(tessera::IsCommonWord("baraka"));
  CHECK(tessera::IsCommonWord("ESPERANCA"));
  CHECK(tessera::IsCommonWord("Neema"));
  CHECK_FALSE(tessera::IsCommonWord("Otieno"));
  CHECK_FALSE(tessera::CommonWords("sw").empty());
  CHECK_FALSE(tessera::CommonWords("pt-MZ").empty());

  NameListFixture names(StudyRegister());
  // "Baraka" alone: the boy, or a blessing? Reported, flagged for review.
  auto found = names.Detect("Ni baraka kubwa kwetu.", "sw");
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == "baraka");
  CHECK(found[0].needs_review);
  CHECK(found[0].confidence < 0.6);
  found = names.Detect("Esperança chegou cedo.", "pt");
  REQUIRE(found.size() == 1);
  CHECK(found[0].needs_review);
  found = names.Detect("Every Sunday we met.", "en");
  REQUIRE(found.size() == 1);
  CHECK(found[0].needs_review);
  found = names.Detect("Ligaya ang pangalan niya, sabi ni Reyes.", "tl");
  REQUIRE(found.size() == 2);
  CHECK(found[0].needs_review);  // ligaya: joy
  CHECK_FALSE(found[1].needs_review);
  // The full name is not ambiguous.
  found = names.Detect("Baraka Otieno na Sunday Okello", "sw");
  REQUIRE(found.size() == 2);
  CHECK_FALSE(found[0].needs_review);
  CHECK_FALSE(found[1].needs_review);
}

TEST_CASE("name-list: common_word in the register and extra common words in the config",
          "[redaction]") {
  std::vector<RegisterEntry> entries = {{1, "person", "Precious Moyo", {}, "", false},
                                        {2, "person", "Nuru", {}, "", true},
                                        {3, "person", "Kuda Banda", {}, "", false}};
  NameListFixture names(entries, "Kuda");
  const auto found = names.Detect("Nuru said Kuda and Moyo came.", "en");
  REQUIRE(found.size() == 3);
  CHECK(found[0].needs_review);
  CHECK(found[1].needs_review);
  CHECK_FALSE(found[2].needs_review);
}

TEST_CASE("name-list: an empty register finds nothing; a bad one fails to load", "[redaction]") {
  NameListFixture names({});
  CHECK(names.Detect("Baraka Otieno", "sw").empty());

  tessera::PluginHostOptions options;
  options.use_environment = false;
  options.use_default_dirs = false;
  options.configs["name-list"] = R"({"entries": [{"kind": "planet", "name": "Mars"}]})";
  tessera::PluginHost host(options);
  const auto& plugin = host.Load(std::filesystem::path(TESSERA_PLUGIN_BUILD_DIR) / "name-list.so");
  CHECK(plugin.State() == tessera::PluginState::Failed);
  CHECK_THAT(plugin.Reason(), Catch::Contains("unknown kind"));
}
