// The search index end to end: every language of the study with real sentences, every query
// form, filters, range restriction, accent and tone folding with exact-first ranking, writers,
// and stale, missing and damaged indexes.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "error.h"
#include "search/index_input.h"
#include "search/search_index.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using tessera::DocumentInput;
using tessera::IndexStatus;
using tessera::SearchIndex;
using tessera::SearchRequest;

namespace {

// A fresh folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    m_path = fs::temp_directory_path() /
             ("tessera-search-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
              std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

// Turns are the lines of the text (the importer finds them; here every line is one turn).
DocumentInput Doc(std::int64_t id, std::string name, std::string language, std::string text,
                  tessera::VariableValues variables) {
  DocumentInput document;
  document.id = id;
  document.name = std::move(name);
  document.language = std::move(language);
  document.text = std::move(text);
  document.passages = tessera::ParagraphPassages(document.text);
  document.variables = std::move(variables);
  return document;
}

std::vector<DocumentInput> Corpus() {
  return {
      Doc(1, "EN-01", "en",
          "Interviewer: Can you tell me what happened when you went to the police?\n"
          "Respondent: The police officer asked my daughter to tell the story again. My mother stayed with her the whole time.\n"
          "Interviewer: Did the officers explain the court process?\n"
          "Respondent: No. Nobody explained anything about the court.",
          {{"gender", "girl"}, {"role", "survivor"}, {"country", "PH"}}),
      Doc(2, "TH-02", "th",
          "ผู้สัมภาษณ์: เกิดอะไรขึ้นบ้าง\n"
          "ผู้ให้สัมภาษณ์: ฉันไปสถานีตำรวจเมื่อวานนี้กับแม่ของฉัน ตำรวจถามคำถามหลายข้อ",
          {{"gender", "boy"}, {"role", "survivor"}, {"country", "TH"}}),
      Doc(3, "KH-03", "km",
          "ខ្ញុំបានទៅប៉ុស្តិ៍នគរបាលជាមួយម្តាយរបស់ខ្ញុំ។\n"
          "គ្រូបង្រៀនបានជួយខ្ញុំ។",
          {{"gender", "girl"}, {"role", "caregiver"}, {"country", "KH"}}),
      Doc(4, "VN-04", "vi",
          "Tôi đã đến đồn cảnh sát với mẹ tôi.\n"
          "Cảnh sát hỏi tôi rất nhiều câu hỏi.",
          {{"gender", "girl"}, {"role", "survivor"}, {"country", "VN"}}),
      Doc(5, "ID-05", "id",
          "Polisi sudah berbicara dengan keluarga korban kemarin.\n"
          "Kami menunggu di kantor polisi selama tiga jam.",
          {{"gender", "boy"}, {"role", "parent"}, {"country", "ID"}}),
      Doc(6, "MY-06", "ms", "Pegawai polis itu bercakap dengan ibu saya tentang kejadian itu.",
          {{"gender", "girl"}, {"role", "parent"}, {"country", "MY"}}),
      Doc(7, "TL-07", "pt",
          "A polícia falou com a minha mãe sobre o que aconteceu.\n"
          "Os polícias não voltaram.",
          {{"gender", "boy"}, {"role", "justice"}, {"country", "TL"}}),
      Doc(8, "TZ-08", "sw", "Polisi walikuja nyumbani kwetu na kuzungumza na mama yangu.",
          {{"gender", "girl"}, {"role", "survivor"}, {"country", "TZ"}}),
      Doc(9, "PH-09", "fil", "Pumunta kami sa istasyon ng pulis kasama ang nanay ko.",
          {{"gender", "boy"}, {"role", "survivor"}, {"country", "PH"}}),
      Doc(10, "TL-10", "pt", "A policia chegou tarde.", {{"gender", "girl"}, {"role", "parent"}, {"country", "TL"}}),
      Doc(11, "VN-11", "vi", "Canh chua rất ngon.", {{"gender", "boy"}, {"role", "parent"}, {"country", "VN"}}),
  };
}

const std::string kStamp = "6f1c2a90-project-guid:17";

SearchRequest Query(std::string query) {
  SearchRequest request;
  request.query = std::move(query);
  return request;
}

std::vector<std::int64_t> DocumentsOf(const tessera::SearchResults& results) {
  std::vector<std::int64_t> ids;
  for (const auto& hit : results.hits) ids.push_back(hit.document_id);
  return ids;
}

std::set<std::int64_t> DocumentSet(const tessera::SearchResults& results) {
  std::set<std::int64_t> ids;
  for (const auto& hit : results.hits) ids.insert(hit.document_id);
  return ids;
}

std::string TextOf(const std::vector<DocumentInput>& corpus, std::int64_t id, tessera::CodePointRange range) {
  for (const auto& document : corpus) {
    if (document.id == id) return std::string(tessera::utf8::SubstrCodePoints(document.text, range.start, range.end));
  }
  return "(no document)";
}

// The matched words of every hit, as the document texts spell them.
std::vector<std::string> MatchedWords(const std::vector<DocumentInput>& corpus, const tessera::SearchResults& results) {
  std::vector<std::string> words;
  for (const auto& hit : results.hits) {
    for (const auto& match : hit.matches) words.push_back(TextOf(corpus, hit.document_id, match));
  }
  return words;
}

void Garble(const fs::path& file) {
  const auto size = fs::file_size(file);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  std::mt19937 random(42);
  for (std::uintmax_t i = 0; i < std::max<std::uintmax_t>(size, 4096); ++i) out.put(static_cast<char>(random() & 0xFF));
}

}  // namespace

TEST_CASE("Every language of the study is found", "[search]") {
  TempDir dir;
  const auto corpus = Corpus();
  SearchIndex index = SearchIndex::Build(dir.path() / "project.index", corpus, kStamp);
  CHECK(index.PassageCount() == 19);
  CHECK(index.DocumentIds() == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

  SECTION("English, with stemming and exact forms first") {
    auto request = Query("police");
    request.query_language = "en";  // English stems only
    auto results = index.Search(request);
    CHECK(DocumentSet(results) == std::set<std::int64_t>{1});
    CHECK(results.hits.size() == 2);
    // Without a query language every stemmer of the index is used: Portuguese stems "police"
    // like "policia". Such look-alikes rank below the exact word.
    results = index.Search(Query("police"));
    REQUIRE(results.hits.size() == 5);
    CHECK(DocumentsOf(results)[0] == 1);
    CHECK(DocumentsOf(results)[1] == 1);
    CHECK(DocumentSet(results) == std::set<std::int64_t>{1, 7, 10});
    results = index.Search(Query("officers"));
    REQUIRE(results.hits.size() == 2);  // "officer" and "officers" share the stem
    CHECK(MatchedWords(corpus, results) == std::vector<std::string>{"officers", "officer"});
    request.query = "officers";
    request.use_stems = false;
    CHECK(MatchedWords(corpus, index.Search(request)) == std::vector<std::string>{"officers"});
    request.query = "court";  // its own stem: found as the plain word among English passages
    request.use_stems = true;
    CHECK(index.Search(request).hits.size() == 2);
    request.query = "courts";
    CHECK(index.Search(request).hits.size() == 2);
  }
  SECTION("Thai words, and a Thai run segmented into a phrase") {
    auto results = index.Search(Query("ตำรวจ"));
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].document_id == 2);
    CHECK(MatchedWords(corpus, results) == std::vector<std::string>{"ตำรวจ", "ตำรวจ"});
    results = index.Search(Query("สถานีตำรวจ"));
    REQUIRE(results.hits.size() == 1);
    CHECK(MatchedWords(corpus, results) == std::vector<std::string>{"สถานี", "ตำรวจ", "ตำรวจ"});
    CHECK(results.hits[0].snippet.marked.find("«สถานี»«ตำรวจ»") != std::string::npos);
    CHECK(index.Search(Query("ตำรว*")).hits.size() == 1);
    CHECK(index.Search(Query("สถานีตำรว*")).hits.size() == 1);
    CHECK(index.Search(Query("ตำรวจสถานี")).hits.empty());  // the phrase in the wrong order
  }
  SECTION("Khmer words; a compound is one word, found by a wildcard") {
    auto results = index.Search(Query("នគរបាល"));
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].document_id == 3);
    CHECK(index.Search(Query("ប៉ុស្តិ៍នគរបាល")).hits.size() == 1);
    CHECK(index.Search(Query("គ្រូ")).hits.empty());
    CHECK(MatchedWords(corpus, index.Search(Query("គ្រូ*"))) == std::vector<std::string>{"គ្រូបង្រៀន"});
  }
  SECTION("Vietnamese without tone marks finds the marked words") {
    auto results = index.Search(Query("canh sat"));
    CHECK(DocumentsOf(results) == std::vector<std::int64_t>{4, 4});
    auto words = MatchedWords(corpus, results);
    std::sort(words.begin(), words.end());
    CHECK(words == std::vector<std::string>{"Cảnh", "cảnh", "sát", "sát"});
    CHECK(index.Search(Query("\"canh sat\"")).hits.size() == 2);
    CHECK(index.Search(Query("\"đồn cảnh sát\"")).hits.size() == 1);
    CHECK(index.Search(Query("\"don canh sat\"")).hits.size() == 1);
  }
  SECTION("Indonesian and Malay share the Indonesian stemmer") {
    CHECK(DocumentSet(index.Search(Query("bicara"))) == std::set<std::int64_t>{5});
    CHECK(DocumentSet(index.Search(Query("cakap"))) == std::set<std::int64_t>{6});
    CHECK(DocumentSet(index.Search(Query("polisi"))) == std::set<std::int64_t>{5, 8});
    CHECK(DocumentSet(index.Search(Query("polis"))) == std::set<std::int64_t>{6});
  }
  SECTION("Portuguese: accents folded, exact form first, stems") {
    auto results = index.Search(Query("policia"));
    CHECK(DocumentsOf(results) == std::vector<std::int64_t>{10, 7, 7});  // exact, folded, stem
    auto words = MatchedWords(corpus, results);
    CHECK(words.front() == "policia");
    std::sort(words.begin(), words.end());
    CHECK(words == std::vector<std::string>{"policia", "polícia", "polícias"});
    results = index.Search(Query("polícia"));
    REQUIRE(results.hits.size() == 3);
    CHECK(results.hits[0].document_id == 7);
    CHECK(MatchedWords(corpus, results).front() == "polícia");
    results = index.Search(Query("polícias"));
    REQUIRE(results.hits.size() >= 2);
    CHECK(MatchedWords(corpus, results).front() == "polícias");
    CHECK(index.Search(Query("mae")).hits.size() == 1);
  }
  SECTION("Swahili and Filipino (no stemmer)") {
    CHECK(DocumentSet(index.Search(Query("nyumbani"))) == std::set<std::int64_t>{8});
    CHECK(DocumentSet(index.Search(Query("pulis"))) == std::set<std::int64_t>{9});
    CHECK(DocumentSet(index.Search(Query("\"ang nanay\""))) == std::set<std::int64_t>{9});
  }
  SECTION("Tone marks: exact first, or not folded at all when asked") {
    auto results = index.Search(Query("cảnh"));
    CHECK(DocumentsOf(results) == std::vector<std::int64_t>{4, 4, 11});
    auto request = Query("cảnh");
    request.fold_accents = false;
    request.use_stems = false;
    CHECK(DocumentsOf(index.Search(request)) == std::vector<std::int64_t>{4, 4});
    request.query = "canh";
    CHECK(DocumentsOf(index.Search(request)) == std::vector<std::int64_t>{11});
  }
}

TEST_CASE("Every query form", "[search]") {
  TempDir dir;
  const auto corpus = Corpus();
  SearchIndex index = SearchIndex::Build(dir.path() / "idx", corpus, kStamp);
  auto passages = [&](const std::string& query) {
    auto request = Query(query);
    request.query_language = "en";
    return index.Search(request).hits.size();
  };

  CHECK(passages("police mother") == 1);           // implicit AND within one passage
  CHECK(passages("police AND mother") == 1);
  CHECK(passages("police OR court") == 4);
  CHECK(passages("police NOT officer") == 1);
  CHECK(passages("police AND NOT officer") == 1);
  CHECK(passages("(police OR polisi) NOT kemarin") == 4);
  CHECK(passages("\"police officer\"") == 1);
  CHECK(passages("\"officer police\"") == 0);
  CHECK(passages("officer NEAR daughter") == 1);
  CHECK(passages("officer NEAR/2 daughter") == 1);  // "officer asked my daughter": two words between
  CHECK(passages("officer NEAR/1 daughter") == 0);
  CHECK(passages("daughter NEAR/2 officer") == 1);  // any order
  CHECK(passages("polic*") == 5);                  // police ×2, polícia, polícias, policia
  CHECK(passages("\"the polic*\"") == 2);
  CHECK(passages("polic* NEAR/3 officer") == 1);
  CHECK(passages("zzzz*") == 0);
  CHECK(passages("NOT police") == 17);

  SECTION("malformed queries are DataErrors, not Xapian errors") {
    for (const char* bad : {"", "\"police", "(police", "police)", "police AND", "OR police", "NOT", "*", "a NEAR/q b"}) {
      INFO(bad);
      CHECK_THROWS_AS(index.Search(Query(bad)), tessera::DataError);
      CHECK_THROWS_AS(index.Search(Query(bad)), tessera::DataError);
    }
  }
  SECTION("results carry passage ranges, word ranges, snippets and totals") {
    const auto results = index.Search(Query("daughter"));
    REQUIRE(results.hits.size() == 1);
    const auto& hit = results.hits[0];
    CHECK(hit.document_id == 1);
    CHECK(hit.document_name == "EN-01");
    CHECK(hit.language == "en");
    CHECK(TextOf(corpus, 1, hit.passage).starts_with("Respondent: The police officer"));
    REQUIRE(hit.matches.size() == 1);
    CHECK(TextOf(corpus, 1, hit.matches[0]) == "daughter");
    CHECK(hit.snippet.marked == "Respondent: The police officer asked my «daughter» to tell the story again. My mother stayed with her the whole…");
    CHECK(results.estimated_total == 1);
    CHECK(hit.weight > 0);
  }
  SECTION("paging and document order") {
    auto request = Query("polisi OR polis OR police OR pulis OR polícia OR policia");
    request.order = tessera::ResultOrder::DocumentOrder;
    CHECK(DocumentsOf(index.Search(request)) == std::vector<std::int64_t>{1, 1, 5, 5, 6, 7, 7, 8, 9, 10});
    request.offset = 2;
    request.limit = 3;
    request.check_at_least = 100;  // count exactly up to 100 instead of estimating
    const auto page = index.Search(request);
    CHECK(DocumentsOf(page) == std::vector<std::int64_t>{5, 5, 6});
    CHECK(page.estimated_total == 10);
    CHECK(page.total_lower_bound == 10);
    CHECK(page.total_upper_bound == 10);
  }
}

TEST_CASE("Variable filters and range restriction", "[search]") {
  TempDir dir;
  const auto corpus = Corpus();
  SearchIndex index = SearchIndex::Build(dir.path() / "idx", corpus, kStamp);
  const std::string police_everywhere = "police OR polisi OR polis OR pulis OR polícia OR ตำรวจ OR នគរបាល OR \"cảnh sát\"";

  SECTION("filters") {
    auto request = Query(police_everywhere);
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    request.filters = {{"gender", "girl"}};
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{1, 3, 4, 6, 8, 10});
    request.filters = {{"Gender", "GIRL"}, {"role", "survivor"}};
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{1, 4, 8});
    request.filters = {{"gender", "girl"}, {"role", "survivor"}, {"role", "parent"}};  // same variable: OR
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{1, 4, 6, 8, 10});
    request.filters = {{"country", "KH"}};
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{3});
    request.filters = {{"country", "nowhere"}};
    CHECK(index.Search(request).hits.empty());
  }
  SECTION("a hit counts only where a matched word lies in an allowed range") {
    const auto& en = corpus[0];
    const std::string respondent = "Respondent: The police officer";
    const std::size_t turn_start = en.passages[1].start;
    // "My mother stayed with her the whole time." is coded; "police" earlier in the turn is not.
    const std::size_t mother = turn_start + tessera::utf8::CodePointCount(
                                                "Respondent: The police officer asked my daughter to tell the story again. ");
    auto request = Query("police");
    request.allowed_ranges = tessera::AllowedRanges{{1, {{mother, en.passages[1].end}}}};
    CHECK(index.Search(request).hits.empty());
    request.query = "mother";
    CHECK(index.Search(request).hits.size() == 1);
    request.query = "police mother";  // the passage matches, and "mother" lies in the range
    CHECK(index.Search(request).hits.size() == 1);
    // A range holding the whole first turn: its passage is accepted without reading it.
    request.query = "police";
    request.allowed_ranges = tessera::AllowedRanges{{1, {en.passages[0]}}, {2, {{0, 5}}}};
    const auto results = index.Search(request);
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].passage == en.passages[0]);
    // Other documents are out unless listed; an empty map allows nothing.
    request.query = "ตำรวจ";
    CHECK(index.Search(request).hits.empty());
    request.allowed_ranges = tessera::AllowedRanges{};
    CHECK(index.Search(request).hits.empty());
    CHECK(respondent.size() > 0);
  }
}

TEST_CASE("Writers add, replace, remove and re-tag documents", "[search]") {
  TempDir dir;
  auto corpus = Corpus();
  SearchIndex index = SearchIndex::Build(dir.path() / "idx", corpus, "guid:1");
  CHECK(index.IsCurrent("guid:1"));
  CHECK_FALSE(index.IsCurrent("guid:2"));

  SECTION("put and commit") {
    auto writer = index.BeginWrite();
    writer.Put(Doc(12, "KE-12", "sw", "Mwalimu alimpeleka kituo cha polisi.", {{"gender", "girl"}}));
    writer.Commit("guid:2");
    CHECK(index.IsCurrent("guid:2"));
    CHECK(DocumentSet(index.Search(Query("polisi"))) == std::set<std::int64_t>{5, 8, 12});
  }
  SECTION("rollback, explicit or by the destructor") {
    {
      auto writer = index.BeginWrite();
      writer.Put(Doc(12, "KE-12", "sw", "Mwalimu alimpeleka kituo cha polisi.", {}));
      writer.Remove(1);
      writer.Rollback();
    }
    {
      auto writer = index.BeginWrite();
      writer.Remove(1);
    }
    auto request = Query("polisi OR police");
    request.query_language = "en";
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{1, 5, 8});
    CHECK(index.Stamp() == "guid:1");
  }
  SECTION("replace and remove") {
    auto writer = index.BeginWrite();
    writer.Put(Doc(1, "EN-01", "en", "Interviewer: Who helped you?\nRespondent: A social worker.", {{"gender", "girl"}}));
    writer.Remove(2);
    writer.Commit("guid:3");
    CHECK(index.Search(Query("officer")).hits.empty());
    CHECK(index.Search(Query("social worker")).hits.size() == 1);
    CHECK(index.Search(Query("ตำรวจ")).hits.empty());
    CHECK(index.DocumentIds() == std::vector<std::int64_t>{1, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  }
  SECTION("variables change without re-indexing the text") {
    auto request = Query("polisi");
    request.filters = {{"gender", "girl"}};
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{8});
    auto writer = index.BeginWrite();
    writer.SetVariables(8, {{"gender", "boy"}, {"role", "survivor"}});
    writer.SetVariables(5, {{"gender", "girl"}});
    writer.Commit("guid:4");
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{5});
    request.filters = {{"gender", "boy"}};
    CHECK(DocumentSet(index.Search(request)) == std::set<std::int64_t>{8});
    request.filters = {{"role", "parent"}};  // 5 lost its role
    CHECK(index.Search(request).hits.empty());
  }
  SECTION("one writer at a time; a read-only index has none") {
    auto writer = index.BeginWrite();
    CHECK_THROWS_AS(index.BeginWrite(), tessera::ProgrammingError);
    writer.Commit("guid:5");
    CHECK_THROWS_AS(writer.Commit("guid:6"), tessera::ProgrammingError);
    SearchIndex reader(dir.path() / "idx", SearchIndex::Mode::ReadOnly);
    CHECK_THROWS_AS(reader.BeginWrite(), tessera::ProgrammingError);
    CHECK(reader.IsCurrent("guid:5"));
  }
  SECTION("a reader sees the writer's commits") {
    SearchIndex reader(dir.path() / "idx", SearchIndex::Mode::ReadOnly);
    CHECK(reader.Search(Query("polisi")).hits.size() == 3);
    auto writer = index.BeginWrite();
    writer.Remove(5);
    writer.Commit("guid:7");
    CHECK(reader.Search(Query("polisi")).hits.size() == 1);
  }
  SECTION("a second writing process is refused with an EnvironmentError") {
    CHECK_THROWS_AS(SearchIndex(dir.path() / "idx"), tessera::EnvironmentError);
  }
  SECTION("invalid documents are refused") {
    auto writer = index.BeginWrite();
    DocumentInput bad = Doc(13, "X", "en", "short", {});
    bad.passages = {{0, 99}};
    CHECK_THROWS_AS(writer.Put(bad), tessera::DataError);
    bad.passages.clear();
    bad.text = "bad \xC3";
    CHECK_THROWS_AS(writer.Put(bad), tessera::DataError);
  }
}

TEST_CASE("Changes after a build live in the delta and hide the built passages", "[search]") {
  TempDir dir;
  const auto corpus = Corpus();
  SearchIndex index = SearchIndex::Build(dir.path() / "idx", corpus, "g:1");
  CHECK(index.Stats().base_passages == 19);
  CHECK(index.Stats().delta_passages == 0);
  {
    auto writer = index.BeginWrite();
    writer.Put(Doc(4, "VN-04", "vi", "Cảnh sát đến nhà tôi.", {{"gender", "girl"}}));  // was 2 passages
    writer.Commit("g:2");
  }
  CHECK(index.PassageCount() == 18);
  CHECK(index.Stats().delta_passages == 1);
  CHECK(index.Stats().replaced_documents == 1);
  CHECK(index.Search(Query("canh sat")).hits.size() == 1);
  CHECK(index.Search(Query("đồn")).hits.empty());
  {
    auto writer = index.BeginWrite();  // edit the same document again: replaced within the delta
    writer.Put(Doc(4, "VN-04", "vi", "Mẹ tôi gọi cảnh sát.\nCảnh sát đến.", {{"gender", "girl"}}));
    writer.SetVariables(4, {{"gender", "boy"}});  // a delta document: terms swapped in place
    writer.Commit("g:3");
  }
  CHECK(index.PassageCount() == 19);
  CHECK(index.Stats().delta_passages == 2);
  {
    // Setting every document's variables to what they already are changes nothing (a caller may
    // do that after any change); a real change to a built document moves it to the delta.
    auto writer = index.BeginWrite();
    for (const auto& document : corpus) {
      if (document.id != 4) writer.SetVariables(document.id, document.variables);
    }
    writer.SetVariables(4, {{"gender", "boy"}});
    writer.Commit("g:3b");
  }
  CHECK(index.Stats().delta_passages == 2);
  CHECK(index.Stats().replaced_documents == 1);
  auto request = Query("canh sat");
  request.filters = {{"gender", "boy"}};
  CHECK(index.Search(request).hits.size() == 2);
  SearchIndex reader(dir.path() / "idx", SearchIndex::Mode::ReadOnly);
  CHECK(reader.Search(request).hits.size() == 2);
  CHECK(reader.PassageCount() == 19);
  CHECK(reader.DocumentIds().size() == 11);
  {
    auto writer = index.BeginWrite();
    writer.Remove(4);
    writer.Remove(999);  // unknown: nothing happens
    writer.Commit("g:4");
  }
  CHECK(index.PassageCount() == 17);
  CHECK(index.Search(Query("canh sat")).hits.empty());
  CHECK(reader.Search(Query("canh sat")).hits.empty());
  index.Rebuild(corpus, "g:5");
  CHECK(index.Stats().delta_passages == 0);
  CHECK(index.Stats().replaced_documents == 0);
  CHECK(index.Search(Query("canh sat")).hits.size() == 2);
}

TEST_CASE("A reader follows a rebuild; a build never replaces an index being written", "[search]") {
  TempDir dir;
  const fs::path folder = dir.path() / "idx";
  const auto corpus = Corpus();
  tessera::IndexOptions one_thread;
  one_thread.threads = 1;
  { SearchIndex::Build(folder, corpus, "g:1", one_thread); }  // one shard
  SearchIndex reader(folder, SearchIndex::Mode::ReadOnly);
  CHECK(reader.Search(Query("ตำรวจ")).hits.size() == 1);
  {
    tessera::IndexOptions three_threads;
    three_threads.threads = 3;
    auto bigger = corpus;
    bigger.push_back(Doc(20, "TH-20", "th", "ตำรวจมาที่บ้าน", {}));
    SearchIndex rebuilt = SearchIndex::Build(folder, bigger, "g:2", three_threads);  // three shards
    CHECK(rebuilt.Search(Query("ตำรวจ")).hits.size() == 2);
    // While `rebuilt` holds the write lock, another build must not swap the folder.
    CHECK_THROWS_AS(SearchIndex::Build(folder, corpus, "g:3"), tessera::EnvironmentError);
  }
  const auto results = reader.Search(Query("ตำรวจ"));
  CHECK(results.hits.size() == 2);
  CHECK(reader.IsCurrent("g:2"));
  for (const auto& hit : results.hits) CHECK(hit.snippet.marked.find("«ตำรวจ»") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "idx.building"));
}

TEST_CASE("An index of nothing", "[search]") {
  TempDir dir;
  SearchIndex index = SearchIndex::Build(dir.path() / "idx", {}, "empty:1");
  CHECK(index.IsCurrent("empty:1"));
  CHECK(index.PassageCount() == 0);
  CHECK(index.Search(Query("police")).hits.empty());
  auto writer = index.BeginWrite();
  writer.Put(Doc(1, "KE-01", "sw", "Polisi walikuja.", {}));
  writer.Commit("empty:2");
  CHECK(index.Search(Query("polisi")).hits.size() == 1);
}

TEST_CASE("Missing, stale and damaged indexes are noticed", "[search]") {
  TempDir dir;
  const fs::path folder = dir.path() / "project.index";
  const auto corpus = Corpus();

  CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Missing);
  CHECK_THROWS_AS(SearchIndex(folder, SearchIndex::Mode::ReadOnly), tessera::NotFoundError);
  {
    SearchIndex empty(folder);  // ReadWrite creates an empty index, which is not current
    CHECK_FALSE(empty.IsCurrent(kStamp));
    CHECK(empty.StoredFormatVersion() == 0);
    CHECK(empty.PassageCount() == 0);
  }
  CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Stale);
  { SearchIndex::Build(folder, corpus, kStamp); }
  CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Current);
  CHECK(SearchIndex::Probe(folder, "other-guid:1") == IndexStatus::Stale);
  { SearchIndex(folder).Verify(); }

  SECTION("garbage in every file") {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().filename() != "flintlock") files.push_back(entry.path());
    }
    REQUIRE(files.size() >= 6);
    for (const auto& file : files) Garble(file);
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    CHECK_THROWS_AS(SearchIndex(folder), tessera::IndexCorruptError);
    CHECK_THROWS_AS(SearchIndex(folder, SearchIndex::Mode::ReadOnly), tessera::IndexCorruptError);
    // The caller rebuilds over the damage.
    SearchIndex rebuilt = SearchIndex::Build(folder, corpus, kStamp);
    CHECK(rebuilt.Search(Query("ตำรวจ")).hits.size() == 1);
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Current);
  }
  SECTION("garbage in one table is found when it is read") {
    Garble(folder / "base" / "0" / "postlist.glass");
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    bool typed = false;
    try {
      SearchIndex index(folder, SearchIndex::Mode::ReadOnly);
      index.Search(Query("police"));
    } catch (const tessera::IndexCorruptError&) {
      typed = true;
    }
    CHECK(typed);
  }
  SECTION("garbage in the position table is caught by a phrase search or Verify") {
    Garble(folder / "base" / "0" / "position.glass");
    bool typed = false;
    try {
      SearchIndex index(folder, SearchIndex::Mode::ReadOnly);
      index.Search(Query("\"police officer\""));
      index.Verify();
    } catch (const tessera::IndexCorruptError&) {
      typed = true;
    }
    CHECK(typed);
  }
  SECTION("a file where the folder should be") {
    fs::remove_all(folder);
    std::ofstream(folder) << "not an index";
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    CHECK_THROWS_AS(SearchIndex(folder), tessera::IndexCorruptError);
    CHECK(SearchIndex::Build(folder, corpus, kStamp).PassageCount() == 19);
  }
  SECTION("damaged or missing passage records") {
    Garble(folder / "base" / "0.records");
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    CHECK_THROWS_AS(SearchIndex(folder), tessera::IndexCorruptError);
    fs::remove(folder / "base" / "0.records");
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    CHECK_THROWS_AS(SearchIndex(folder, SearchIndex::Mode::ReadOnly), tessera::IndexCorruptError);
  }
  SECTION("half an index (a database missing) is damage") {
    fs::remove_all(folder / "delta");
    CHECK(SearchIndex::Probe(folder, kStamp) == IndexStatus::Corrupt);
    CHECK_THROWS_AS(SearchIndex(folder), tessera::IndexCorruptError);
  }
  SECTION("Rebuild replaces the index in place") {
    SearchIndex index(folder);
    index.Rebuild({corpus[1]}, "guid:new");
    CHECK(index.IsCurrent("guid:new"));
    CHECK(index.PassageCount() == 2);
    CHECK(index.Search(Query("police")).hits.empty());
  }
}

TEST_CASE("Parallel builds match single-threaded builds; progress and cancel", "[search]") {
  TempDir dir;
  std::vector<DocumentInput> corpus;
  const auto base = Corpus();
  for (int copy = 0; copy < 8; ++copy) {
    for (auto document : base) {
      document.id += 100 * copy;
      corpus.push_back(document);
    }
  }
  tessera::IndexOptions single;
  single.threads = 1;
  single.compact = false;
  tessera::IndexOptions parallel;
  parallel.threads = 3;
  parallel.commit_every = 10;  // many batches
  std::size_t calls = 0;
  std::size_t last = 0;
  parallel.progress = [&](std::size_t done, std::size_t total) {
    ++calls;
    CHECK(done > last);  // increasing, maybe by more than one
    CHECK(total == 88);
    last = done;
  };
  SearchIndex one = SearchIndex::Build(dir.path() / "one", corpus, "s", single);
  SearchIndex many = SearchIndex::Build(dir.path() / "many", corpus, "s", parallel);
  CHECK(calls >= 1);
  CHECK(last == corpus.size());
  CHECK(one.PassageCount() == many.PassageCount());
  for (const char* query : {"police", "ตำรวจ", "canh sat", "polic*", "\"สถานี ตำรวจ\"", "នគរបាល"}) {
    auto request = Query(query);
    request.limit = 1000;
    INFO(query);
    CHECK(one.Search(request).hits.size() == many.Search(request).hits.size());
  }

  SECTION("a cancelled build leaves the old index in place") {
    tessera::IndexOptions cancelling;
    cancelling.threads = 2;
    cancelling.progress = [](std::size_t done, std::size_t) {
      if (done >= 5) throw tessera::Cancelled();
    };
    CHECK_THROWS_AS(SearchIndex::Build(dir.path() / "one", base, "t", cancelling), tessera::Cancelled);
    CHECK(SearchIndex::Probe(dir.path() / "one", "s") == IndexStatus::Current);
    CHECK_FALSE(fs::exists(dir.path() / "one.building"));
    CHECK_FALSE(fs::exists(dir.path() / "one.shards"));
  }
}
