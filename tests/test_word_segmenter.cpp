// Word segmentation, term folding, paragraph passages and snippets: the text side of search.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "error.h"
#include "search/index_input.h"
#include "search/snippet.h"
#include "search/term_folder.h"
#include "search/word_segmenter.h"
#include "text/utf8.h"

using tessera::CodePointRange;
using tessera::TermFolder;
using tessera::WordSegmenter;

namespace {

std::vector<std::string> Texts(const std::vector<tessera::Word>& words) {
  std::vector<std::string> out;
  for (const auto& word : words) out.push_back(word.text);
  return out;
}

std::vector<CodePointRange> Ranges(const std::vector<tessera::Word>& words) {
  std::vector<CodePointRange> out;
  for (const auto& word : words) out.push_back(word.range);
  return out;
}

// Every word's range must select exactly its text from the segmented string.
void CheckRanges(const std::string& text, const std::vector<tessera::Word>& words) {
  for (const auto& word : words) {
    CHECK(std::string(tessera::utf8::SubstrCodePoints(text, word.range.start, word.range.end)) == word.text);
  }
}

}  // namespace

TEST_CASE("Thai is split into dictionary words", "[search]") {
  WordSegmenter segmenter("th");
  const std::string text = "ฉันไปสถานีตำรวจเมื่อวานนี้กับแม่ของฉัน";  // I went to the police station yesterday with my mother
  const auto words = segmenter.Segment(text);
  CHECK(Texts(words) == std::vector<std::string>{"ฉัน", "ไป", "สถานี", "ตำรวจ", "เมื่อ", "วาน", "นี้", "กับ", "แม่", "ของ", "ฉัน"});
  CHECK(words[3].range == CodePointRange{10, 15});
  CheckRanges(text, words);
}

TEST_CASE("Khmer is split into dictionary words", "[search]") {
  WordSegmenter segmenter("km");
  const std::string text = "ខ្ញុំបានទៅប៉ុស្តិ៍នគរបាលជាមួយម្តាយ។ គ្រូ";  // I went to the police post with my mother. Teacher
  const auto words = segmenter.Segment(text);
  CHECK(Texts(words) == std::vector<std::string>{"ខ្ញុំ", "បាន", "ទៅ", "ប៉ុស្តិ៍", "នគរបាល", "ជាមួយ", "ម្តាយ", "គ្រូ"});
  CheckRanges(text, words);
}

TEST_CASE("Latin-script languages are split at spaces and punctuation", "[search]") {
  SECTION("Vietnamese keeps tone marks and offsets in code points") {
    WordSegmenter segmenter("vi");
    const std::string text = "Tôi đã đến đồn cảnh sát với mẹ tôi.";
    const auto words = segmenter.Segment(text);
    CHECK(Texts(words) == std::vector<std::string>{"Tôi", "đã", "đến", "đồn", "cảnh", "sát", "với", "mẹ", "tôi"});
    CHECK(words[4].range == CodePointRange{15, 19});
    CheckRanges(text, words);
  }
  SECTION("Indonesian, Malay, Portuguese, Swahili, Filipino") {
    struct Case {
      const char* language;
      std::string text;
      std::size_t count;
    };
    const std::vector<Case> cases = {
        {"id", "Polisi sudah berbicara dengan keluarga korban kemarin.", 7},
        {"ms", "Pegawai polis itu bertanya kepada ibu saya tentang kejadian itu.", 10},
        {"pt", "A polícia falou com a minha mãe sobre o que aconteceu.", 11},
        {"sw", "Polisi walikuja nyumbani kwetu na kuzungumza na mama yangu.", 9},
        {"fil", "Pumunta kami sa istasyon ng pulis kasama ang nanay ko.", 10},
    };
    for (const auto& c : cases) {
      WordSegmenter segmenter(c.language);
      const auto words = segmenter.Segment(c.text);
      INFO(c.language);
      CHECK(words.size() == c.count);
      CheckRanges(c.text, words);
    }
  }
  SECTION("English: contractions stay whole, numbers are words, offsets count an emoji as one") {
    WordSegmenter segmenter("en");
    const std::string text = "😀 She didn’t answer until she was 15.";
    const auto words = segmenter.Segment(text);
    CHECK(Texts(words) == std::vector<std::string>{"She", "didn’t", "answer", "until", "she", "was", "15"});
    CHECK(words.front().range == CodePointRange{2, 5});
    CheckRanges(text, words);
  }
}

TEST_CASE("Segmenting reports invalid UTF-8 and handles empty text", "[search]") {
  WordSegmenter segmenter;
  CHECK(segmenter.Segment("").empty());
  CHECK(segmenter.Segment("  ... !!").empty());
  CHECK_THROWS_AS(segmenter.Segment("abc\xFF"), tessera::DataError);
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  segmenter.ForEachWord("a ตำรวจ", [&](std::size_t b, std::size_t e) { spans.emplace_back(b, e); });
  CHECK(spans == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {2, 17}});  // bytes
}

TEST_CASE("Words are case-folded, and accents and tone marks removed", "[search]") {
  CHECK(TermFolder::Fold("Polícia") == "polícia");
  CHECK(TermFolder::Fold("STRASSE") == TermFolder::Fold("Straße"));
  CHECK(TermFolder::Fold("DIDN’T") == "didn't");
  CHECK(TermFolder::StripAccents("polícia") == "policia");
  CHECK(TermFolder::StripAccents("mãe") == "mae");
  CHECK(TermFolder::StripAccents(TermFolder::Fold("Cảnh Sát")) == "canh sat");
  CHECK(TermFolder::StripAccents("đồn") == "don");
  SECTION("Thai and Khmer vowels and tone marks are letters there, not accents") {
    CHECK(TermFolder::StripAccents("ไม่") == "ไม่");
    CHECK(TermFolder::StripAccents("ខ្ញុំ") == "ខ្ញុំ");
  }
}

TEST_CASE("Stemmers exist where Xapian has them", "[search]") {
  CHECK(TermFolder::StemKeyFor("en") == "en");
  CHECK(TermFolder::StemKeyFor("pt-BR") == "pt");
  CHECK(TermFolder::StemKeyFor("id") == "id");
  CHECK(TermFolder::StemKeyFor("ms") == "id");
  for (const char* none : {"th", "km", "vi", "sw", "fil", "tl", "", "none"}) {
    INFO(none);
    CHECK(TermFolder::StemKeyFor(none).empty());
  }
  const auto languages = TermFolder::StemmerLanguages();
  CHECK(std::find(languages.begin(), languages.end(), "indonesian") != languages.end());
  CHECK(TermFolder("en").Stem("officers") == TermFolder("en").Stem("officer"));
  CHECK(TermFolder("pt").Stem("polícias") == TermFolder("pt").Stem("polícia"));
  CHECK(TermFolder("id").Stem("berbicara") == "bicara");
  CHECK(TermFolder("ms").Stem("bercakap") == "cakap");
  CHECK_FALSE(TermFolder("th").HasStemmer());
  CHECK(TermFolder("vi").Stem("cảnh").empty());
}

TEST_CASE("Paragraph passages are the non-blank lines", "[search]") {
  const std::string text = "  Người phỏng vấn hỏi.\n\n  Em trả lời.  \nCuối cùng";
  const auto passages = tessera::ParagraphPassages(text);
  REQUIRE(passages.size() == 3);
  CHECK(std::string(tessera::utf8::SubstrCodePoints(text, passages[0].start, passages[0].end)) == "Người phỏng vấn hỏi.");
  CHECK(std::string(tessera::utf8::SubstrCodePoints(text, passages[1].start, passages[1].end)) == "Em trả lời.");
  CHECK(std::string(tessera::utf8::SubstrCodePoints(text, passages[2].start, passages[2].end)) == "Cuối cùng");

  SECTION("an over-long line is cut at sentence ends") {
    std::string line;
    for (int i = 0; i < 40; ++i) line += "The officer wrote down what the girl said. ";
    const auto pieces = tessera::ParagraphPassages(line, 200);
    REQUIRE(pieces.size() > 5);
    for (const auto& piece : pieces) {
      CHECK(piece.end - piece.start <= 200);
      CHECK(std::string(tessera::utf8::SubstrCodePoints(line, piece.end - 1, piece.end)) == ".");
    }
  }
  SECTION("caller passages outside the text are refused") {
    tessera::DocumentInput document;
    document.name = "KH-03";
    document.text = "ខ្ញុំ";
    document.passages = {{0, 9}};
    CHECK_THROWS_AS(tessera::EffectivePassages(document), tessera::DataError);
  }
}

TEST_CASE("Snippets show the matched words in context", "[search]") {
  WordSegmenter segmenter("en");
  std::string text;
  for (int i = 0; i < 12; ++i) text += "word" + std::to_string(i) + " ";
  text += "police ";
  for (int i = 12; i < 30; ++i) text += "word" + std::to_string(i) + " ";
  const auto words = segmenter.Segment(text);
  const auto police = std::find_if(words.begin(), words.end(), [](const auto& w) { return w.text == "police"; });
  tessera::SnippetOptions options;
  options.context = 20;
  const auto snippet = tessera::BuildSnippet(text, Ranges(words), {police->range}, options);
  CHECK(snippet.marked == "…word9 word10 word11 «police» word12 word13 word14…");
  CHECK(snippet.plain == "…word9 word10 word11 police word12 word13 word14…");
  REQUIRE(snippet.highlights.size() == 1);
  CHECK(std::string(tessera::utf8::SubstrCodePoints(snippet.plain, snippet.highlights[0].start, snippet.highlights[0].end)) == "police");

  SECTION("Thai is cut at word boundaries, never inside a word") {
    WordSegmenter thai("th");
    std::string thai_text;
    for (int i = 0; i < 10; ++i) thai_text += "ฉันไปสถานีตำรวจเมื่อวานนี้กับแม่ของฉัน";
    const auto thai_words = thai.Segment(thai_text);
    const auto snippet_th = tessera::BuildSnippet(thai_text, Ranges(thai_words), {thai_words[47].range}, options);
    CHECK(snippet_th.marked.find("«" + thai_words[47].text + "»") != std::string::npos);
    const std::string inner = snippet_th.plain.substr(3, snippet_th.plain.size() - 6);  // without the "…"s
    const auto inner_words = thai.Segment(inner);
    CHECK(Texts(thai.Segment(inner)).front() == Texts(inner_words).front());
    bool starts_on_word = false;
    for (const auto& w : thai_words) starts_on_word |= inner.starts_with(w.text);
    CHECK(starts_on_word);
  }
  SECTION("line breaks become spaces") {
    const std::string turn = "I said:\n\n  the police came";
    const auto w = segmenter.Segment(turn);
    CHECK(tessera::BuildSnippet(turn, Ranges(w), {w[3].range}).marked == "I said: the «police» came");
  }
}
