// search_bench: Tessera's search index against SQLite FTS5 and a plain substring scan, built and
// queried in one run on the same synthetic transcripts and the same query mix.
//
//   search_bench --docs N --words W --out DIR [--queries Q] [--threads T] [--seed S]
//
// The corpus: N transcripts of about W words, alternating Interviewer/Respondent turns, in
// English, Thai, Vietnamese, Indonesian, Portuguese and Swahili; words drawn from a Zipf
// distribution (s = 1) over a vocabulary of real words at the top ranks and language-like
// synthetic words (Vietnamese syllables with tones, Thai compounds of dictionary words) below;
// gender, role and country variables. Each engine runs in its own forked child, so its peak
// memory (ru_maxrss) is its own; the parent's resident size at the fork (the corpus) is reported
// beside it. Results go to stdout and DIR/search_bench.json; the indexes stay in DIR.

#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "error.h"
#include "search/index_input.h"
#include "search/search_index.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU time of the whole process (all threads), for phases that use worker threads.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread: every engine answers a query on one thread.
double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Wall and CPU time of one phase. On a shared machine wall time includes waiting for a core;
// CPU time does not, so both are reported.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu;
  explicit Timer(bool process) : cpu(process ? ProcessCpuSeconds() : ThreadCpuSeconds()), m_process(process) {}
  double WallSeconds() const { return Seconds(wall); }
  double CpuSeconds() const { return (m_process ? ProcessCpuSeconds() : ThreadCpuSeconds()) - cpu; }

 private:
  bool m_process;
};

// --- vocabularies ------------------------------------------------------------------------------

struct Language {
  std::string code;
  bool spaces = true;  // Thai is written without spaces between words
  std::vector<std::string> words;  // by Zipf rank
};

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) out.push_back(word);
  return out;
}

const char* kEnglish =
    "the and to i a was she he my me it that in of they we you did not her his with for on at what "
    "police officer mother father girl boy school teacher court judge family home phone online message "
    "friend money help afraid told asked said went came station report village house night day child "
    "picture video chat account social worker lawyer prosecutor hospital doctor statement evidence "
    "case trial witness abuse safe shelter community parents brother sister aunt uncle neighbour "
    "internet camera photo send sent threatened paid scared secret stranger trust support interview";
const char* kPortuguese =
    "a o e de que não eu ela ele minha meu mãe pai polícia escola professor tribunal juiz família casa "
    "telefone mensagem amigo dinheiro ajuda medo disse perguntou foi veio esquadra relatório aldeia noite "
    "dia criança fotografia vídeo conversa conta assistente advogado procurador hospital médico depoimento "
    "prova processo julgamento testemunha abuso seguro abrigo comunidade pais irmão irmã tia tio vizinho "
    "internet câmara enviou ameaçou pagou assustada segredo estranho confiança apoio entrevista também";
const char* kIndonesian =
    "dan yang di saya dia tidak itu ke dengan ini ada polisi ibu ayah sekolah guru pengadilan hakim "
    "keluarga rumah telepon pesan teman uang bantuan takut berbicara bertanya pergi datang kantor laporan "
    "desa malam hari anak foto video obrolan akun pekerja sosial pengacara jaksa rumah sakit dokter "
    "keterangan bukti kasus sidang saksi kekerasan aman tempat masyarakat orang tua kakak adik bibi paman "
    "tetangga internet kamera mengirim mengancam membayar rahasia asing percaya dukungan wawancara";
const char* kSwahili =
    "na ya wa kwa mimi yeye si ni katika polisi mama baba shule mwalimu mahakama hakimu familia nyumbani "
    "simu ujumbe rafiki pesa msaada hofu alisema aliuliza alienda alikuja kituo ripoti kijiji usiku siku "
    "mtoto picha video mazungumzo akaunti mfanyakazi wakili mwendesha hospitali daktari ushahidi kesi "
    "shahidi unyanyasaji salama makazi jamii wazazi kaka dada shangazi mjomba jirani intaneti kamera "
    "alituma alitishia alilipa siri mgeni imani msaada mahojiano";
const char* kVietnamese =
    "tôi em và là có không của cảnh sát mẹ bố trường học giáo viên tòa án thẩm phán gia đình nhà điện "
    "thoại tin nhắn bạn tiền giúp sợ nói hỏi đi đến đồn báo cáo làng đêm ngày con ảnh video trò chuyện "
    "tài khoản công tác xã hội luật sư kiểm sát bệnh viện bác sĩ lời khai bằng chứng vụ xét xử nhân "
    "chứng lạm dụng an toàn nơi cộng đồng cha anh chị cô chú hàng xóm mạng máy gửi đe dọa trả bí mật lạ "
    "tin tưởng hỗ trợ phỏng vấn";
const char* kThai =
    "ฉัน ไป สถานี ตำรวจ เมื่อวาน กับ แม่ ของ พ่อ โรงเรียน ครู ศาล ผู้พิพากษา ครอบครัว บ้าน โทรศัพท์ "
    "ข้อความ เพื่อน เงิน ช่วย กลัว พูด ถาม มา รายงาน หมู่บ้าน กลางคืน วัน เด็ก ผู้หญิง ผู้ชาย ออนไลน์ "
    "รูปภาพ ส่ง บอก ไม่ ได้ ที่ และ เขา เธอ เรา มี เป็น จะ แล้ว อยู่ คน ทำ ให้ รู้ คิด เห็น ทุก อีก มาก "
    "น้อย ใหม่ เก่า ดี ปลอดภัย อันตราย ทนายความ อัยการ โรงพยาบาล หมอ พยาบาล ห้อง ประตู รถ ถนน เมือง "
    "ประเทศ ภาษา เรื่อง ความจริง ความลับ คำถาม คำตอบ เวลา ปี เดือน สัปดาห์ ชั่วโมง อายุ ชื่อ งาน "
    "อาหาร น้ำ หลักฐาน คดี พยาน ความรุนแรง ชุมชน พี่ น้องสาว ป้า ลุง เพื่อนบ้าน กล้อง ขู่ จ่าย แปลกหน้า "
    "ไว้ใจ สนับสนุน สัมภาษณ์";

// Latin-script synthetic words from syllables; Portuguese ones sometimes carry an accent.
std::string SyntheticLatin(std::mt19937& random, const std::string& code) {
  static const std::vector<std::string> onsets = {"b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "w", "ng", "ch", "j"};
  static const std::vector<std::string> vowels = {"a", "e", "i", "o", "u"};
  static const std::vector<std::string> accented = {"á", "é", "í", "ó", "ú", "ã", "õ"};
  std::string word;
  const int syllables = 2 + static_cast<int>(random() % 3);
  for (int i = 0; i < syllables; ++i) {
    word += onsets[random() % onsets.size()];
    if (code == "pt" && random() % 6 == 0) {
      word += accented[random() % accented.size()];
    } else {
      word += vowels[random() % vowels.size()];
    }
  }
  if (code == "en" && random() % 3 == 0) word += "s";
  return word;
}

// A Vietnamese syllable: onset, vowel, coda and one of six tones (a combining mark, then NFC).
std::string SyntheticVietnamese(std::mt19937& random) {
  static const std::vector<std::string> onsets = {"b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng",
                                                  "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"};
  static const std::vector<std::string> vowels = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
  static const std::vector<std::string> codas = {"", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
  static const std::vector<std::string> tones = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
  return tessera::ToNfc(onsets[random() % onsets.size()] + vowels[random() % vowels.size()] +
                        tones[random() % tones.size()] + codas[random() % codas.size()]);
}

Language MakeLanguage(const std::string& code, std::size_t size, std::mt19937& random) {
  Language language;
  language.code = code;
  language.spaces = code != "th";
  const char* seeds = code == "en" ? kEnglish : code == "pt" ? kPortuguese : code == "id" ? kIndonesian
                    : code == "sw" ? kSwahili : code == "vi" ? kVietnamese : kThai;
  language.words = Split(seeds);
  std::vector<std::string> base = language.words;
  std::map<std::string, bool> seen;
  for (const auto& word : language.words) seen[word] = true;
  // Thai below the real words: compounds of two dictionary words, which ICU splits again, so the
  // Thai vocabulary stays the dictionary's and the frequencies of its words stay Zipf-like.
  for (std::size_t guard = 0; language.words.size() < size && guard < size * 20; ++guard) {
    std::string word = code == "th"   ? base[random() % base.size()] + base[random() % base.size()]
                       : code == "vi" ? SyntheticVietnamese(random)
                                      : SyntheticLatin(random, code);
    if (!seen[word]) {
      seen[word] = true;
      language.words.push_back(std::move(word));
    }
  }
  return language;
}

// Zipf(s = 1) over ranks 0..n-1.
class Zipf {
 public:
  explicit Zipf(std::size_t n) : m_cdf(n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) m_cdf[i] = (sum += 1.0 / static_cast<double>(i + 1));
    for (double& value : m_cdf) value /= sum;
  }
  std::size_t operator()(std::mt19937& random) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(random);
    return std::min<std::size_t>(static_cast<std::size_t>(std::lower_bound(m_cdf.begin(), m_cdf.end(), u) - m_cdf.begin()),
                                 m_cdf.size() - 1);
  }

 private:
  std::vector<double> m_cdf;
};

// --- corpus ------------------------------------------------------------------------------------

struct Corpus {
  std::vector<Language> languages;
  std::vector<tessera::DocumentInput> documents;
  std::vector<std::vector<std::string>> bigrams;  // per language: adjacent word pairs seen ("a b")
  std::size_t words = 0;
  std::size_t bytes = 0;
};

const std::vector<std::string> kGenders = {"girl", "boy"};
const std::vector<std::string> kRoles = {"survivor", "caregiver", "justice", "social-worker", "official"};
const std::vector<std::string> kCountries = {"KH", "TH", "VN", "ID", "PH", "TZ", "KE", "MZ"};

Corpus MakeCorpus(std::size_t documents, std::size_t words_per_document, unsigned seed) {
  std::mt19937 random(seed);
  Corpus corpus;
  for (const char* code : {"en", "th", "vi", "id", "pt", "sw"}) {
    corpus.languages.push_back(MakeLanguage(code, std::string(code) == "th" ? 5000 : 20000, random));
  }
  corpus.bigrams.resize(corpus.languages.size());
  std::vector<Zipf> zipfs;
  for (const auto& language : corpus.languages) zipfs.emplace_back(language.words.size());

  for (std::size_t d = 0; d < documents; ++d) {
    const std::size_t l = d % corpus.languages.size();
    const Language& language = corpus.languages[l];
    tessera::DocumentInput document;
    document.id = static_cast<std::int64_t>(d + 1);
    document.name = language.code + "-" + std::to_string(d + 1);
    document.language = language.code;
    document.variables = {{"gender", kGenders[random() % kGenders.size()]},
                          {"role", kRoles[random() % kRoles.size()]},
                          {"country", kCountries[random() % kCountries.size()]}};
    std::string& text = document.text;
    std::size_t written = 0;
    bool interviewer = true;
    while (written < words_per_document) {
      text += interviewer ? "Interviewer: " : "Respondent: ";
      const std::size_t turn = std::min(words_per_document - written, std::size_t{10} + random() % (interviewer ? 30 : 110));
      std::size_t in_sentence = 0;
      std::string previous;
      for (std::size_t w = 0; w < turn; ++w) {
        std::string word = language.words[zipfs[l](random)];
        if (in_sentence > 0 && !previous.empty() && random() % 50 == 0) corpus.bigrams[l].push_back(previous + " " + word);
        previous = word;
        if (in_sentence == 0 && language.spaces && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
        if (in_sentence > 0 && language.spaces) text += ' ';
        text += word;
        ++in_sentence;
        if (in_sentence >= 8 + random() % 12 || w + 1 == turn) {
          text += language.spaces ? "." : "";
          if (w + 1 < turn) text += ' ';
          in_sentence = 0;
          previous.clear();
        }
      }
      text += '\n';
      written += turn;
      interviewer = !interviewer;
    }
    document.passages = tessera::ParagraphPassages(document.text);
    corpus.words += written;
    corpus.bytes += document.text.size();
    corpus.documents.push_back(std::move(document));
  }
  return corpus;
}

// --- queries -----------------------------------------------------------------------------------

enum class ScanOp { All, Any, Prefix };

struct BenchQuery {
  std::string kind;
  std::string language;
  std::string tessera;                          // Tessera's query language
  std::string fts;                              // FTS5 MATCH expression
  ScanOp scan_op = ScanOp::All;                 // how the scan combines its needles
  std::vector<std::string> needles;             // substrings the scan looks for
  std::optional<tessera::VariableFilter> filter;
};

std::string StripVietnamese(const std::string& word) {
  // Only for making accent-free queries; a table covers the generator's vowels.
  std::string out;
  std::size_t pos = 0;
  static const std::map<std::string, std::string> base = {
      {"à", "a"}, {"á", "a"}, {"ả", "a"}, {"ã", "a"}, {"ạ", "a"}, {"ă", "a"}, {"ằ", "a"}, {"ắ", "a"}, {"ẳ", "a"},
      {"ẵ", "a"}, {"ặ", "a"}, {"â", "a"}, {"ầ", "a"}, {"ấ", "a"}, {"ẩ", "a"}, {"ẫ", "a"}, {"ậ", "a"}, {"è", "e"},
      {"é", "e"}, {"ẻ", "e"}, {"ẽ", "e"}, {"ẹ", "e"}, {"ê", "e"}, {"ề", "e"}, {"ế", "e"}, {"ể", "e"}, {"ễ", "e"},
      {"ệ", "e"}, {"ì", "i"}, {"í", "i"}, {"ỉ", "i"}, {"ĩ", "i"}, {"ị", "i"}, {"ò", "o"}, {"ó", "o"}, {"ỏ", "o"},
      {"õ", "o"}, {"ọ", "o"}, {"ô", "o"}, {"ồ", "o"}, {"ố", "o"}, {"ổ", "o"}, {"ỗ", "o"}, {"ộ", "o"}, {"ơ", "o"},
      {"ờ", "o"}, {"ớ", "o"}, {"ở", "o"}, {"ỡ", "o"}, {"ợ", "o"}, {"ù", "u"}, {"ú", "u"}, {"ủ", "u"}, {"ũ", "u"},
      {"ụ", "u"}, {"ư", "u"}, {"ừ", "u"}, {"ứ", "u"}, {"ử", "u"}, {"ữ", "u"}, {"ự", "u"}, {"ỳ", "y"}, {"ý", "y"},
      {"ỷ", "y"}, {"ỹ", "y"}, {"ỵ", "y"}, {"đ", "d"}};
  while (pos < word.size()) {
    const std::size_t start = pos;
    tessera::utf8::Next(word, pos);
    const std::string ch = word.substr(start, pos - start);
    const auto it = base.find(ch);
    out += it == base.end() ? ch : it->second;
  }
  return out;
}

std::vector<BenchQuery> MakeQueries(const Corpus& corpus, std::size_t count, unsigned seed) {
  std::mt19937 random(seed + 7);
  std::vector<BenchQuery> queries;
  const std::vector<std::string> kinds = {"word-frequent", "word-mid", "word-rare", "and", "or", "phrase",
                                          "prefix", "near", "filter", "accent-free"};
  auto pick = [&](const Language& language, std::size_t low, std::size_t high) {
    high = std::min(high, language.words.size());
    return language.words[low + random() % (high - low)];
  };
  auto quoted = [](const std::string& word) { return "\"" + word + "\""; };
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& kind = kinds[i % kinds.size()];
    std::size_t l = random() % corpus.languages.size();
    if (kind == "accent-free") l = 2;                                    // Vietnamese
    if (kind == "prefix" && corpus.languages[l].code == "th") l = 0;     // a prefix of a spaced word
    const Language& language = corpus.languages[l];
    BenchQuery query;
    query.kind = kind;
    query.language = language.code;
    if (kind == "word-frequent" || kind == "word-mid" || kind == "word-rare" || kind == "filter") {
      const std::string word = kind == "word-frequent" ? pick(language, 3, 40)
                               : kind == "word-rare"   ? pick(language, 3000, 20000)
                                                       : pick(language, 100, 2000);
      query.tessera = word;
      query.fts = quoted(word);
      query.needles = {word};
      if (kind == "filter") query.filter = tessera::VariableFilter{"gender", "girl"};
    } else if (kind == "and" || kind == "or" || kind == "near") {
      const std::string a = pick(language, 50, 1000);
      const std::string b = pick(language, 50, 1000);
      if (kind == "near") {
        query.tessera = a + " NEAR/5 " + b;
        query.fts = "NEAR(" + quoted(a) + " " + quoted(b) + ", 5)";
      } else {
        query.tessera = a + (kind == "and" ? " AND " : " OR ") + b;
        query.fts = quoted(a) + (kind == "and" ? " AND " : " OR ") + quoted(b);
      }
      query.needles = {a, b};
      query.scan_op = kind == "or" ? ScanOp::Any : ScanOp::All;
    } else if (kind == "phrase") {
      const auto& bigrams = corpus.bigrams[l];
      const std::string phrase = bigrams.empty() ? pick(language, 0, 10) : bigrams[random() % bigrams.size()];
      query.tessera = quoted(phrase);
      query.fts = quoted(phrase);
      std::string needle = phrase;
      if (!language.spaces) needle.erase(std::remove(needle.begin(), needle.end(), ' '), needle.end());
      query.needles = {needle};
    } else if (kind == "prefix") {
      std::string word;
      for (int guard = 0; guard < 100 && tessera::utf8::CodePointCount(word) < 6; ++guard) word = pick(language, 100, 3000);
      const std::string prefix(tessera::utf8::SubstrCodePoints(word, 0, 4));
      query.tessera = prefix + "*";
      query.fts = quoted(prefix) + "*";
      query.needles = {prefix};
      query.scan_op = ScanOp::Prefix;
    } else {  // accent-free Vietnamese: Tessera folds tones; FTS5 removes diacritics too
      const std::string word = pick(language, 20, 2000);
      const std::string bare = StripVietnamese(word);
      query.tessera = bare;
      query.fts = quoted(bare);
      query.needles = {word};  // the scan has no folding: it looks for the marked form
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

// --- measurements ------------------------------------------------------------------------------

struct EngineResult {
  double build_seconds = 0;
  double build_cpu_seconds = 0;
  std::vector<double> cpu_latencies_ms;
  std::uint64_t index_bytes = 0;
  std::vector<double> latencies_ms;
  std::map<std::string, std::size_t> hits_by_kind;  // total results (first page) per query kind
};

std::uint64_t SizeOf(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return fs::file_size(path, error);
  std::uint64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t index = std::min(values.size() - 1, static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())) - 1));
  return values[index];
}

constexpr std::size_t kPageSize = 20;

EngineResult RunTessera(const Corpus& corpus, const std::vector<BenchQuery>& queries, const fs::path& out, unsigned threads,
                        bool reuse, bool exact_only) {
  EngineResult result;
  tessera::IndexOptions options;
  options.threads = threads;
  const Timer build(true);
  // --reuse opens the index a previous run with the same arguments built (for profiling queries).
  tessera::SearchIndex index = reuse && fs::exists(out / "tessera.index")
                                   ? tessera::SearchIndex(out / "tessera.index", tessera::SearchIndex::Mode::ReadOnly)
                                   : tessera::SearchIndex::Build(out / "tessera.index", corpus.documents, "bench:1", options);
  result.build_seconds = build.WallSeconds();
  result.build_cpu_seconds = build.CpuSeconds();
  result.index_bytes = SizeOf(out / "tessera.index");
  auto run = [&](const BenchQuery& query) {
    tessera::SearchRequest request;
    request.query = query.tessera;
    request.limit = kPageSize;
    // --exact-only: no stems, no accent folding (to see what the conflations cost).
    request.use_stems = request.fold_accents = !exact_only;
    if (query.filter) request.filters = {*query.filter};
    return index.Search(request).hits.size();
  };
  for (const auto& query : queries) run(query);  // warm the caches as for every engine
  for (const auto& query : queries) {
    const Timer timer(false);
    result.hits_by_kind[query.kind] += run(query);
    result.latencies_ms.push_back(timer.WallSeconds() * 1000);
    result.cpu_latencies_ms.push_back(timer.CpuSeconds() * 1000);
  }
  return result;
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

EngineResult RunFts5(const Corpus& corpus, const std::vector<BenchQuery>& queries, const fs::path& out) {
  EngineResult result;
  const fs::path file = out / "fts5.sqlite";
  fs::remove(file);
  sqlite3* db = nullptr;
  Check(sqlite3_open(file.c_str(), &db), db, "open");
  auto exec = [&](const char* sql) { Check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); };
  const Timer start(true);
  exec("CREATE VIRTUAL TABLE passages USING fts5(text, document UNINDEXED, start UNINDEXED, end UNINDEXED, "
       "gender UNINDEXED, role UNINDEXED, country UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')");
  exec("BEGIN");
  sqlite3_stmt* insert = nullptr;
  Check(sqlite3_prepare_v2(db, "INSERT INTO passages VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &insert, nullptr), db, "prepare");
  for (const auto& document : corpus.documents) {
    std::vector<std::size_t> byte_of;  // code point -> byte
    for (std::size_t pos = 0; pos < document.text.size(); tessera::utf8::Next(document.text, pos)) byte_of.push_back(pos);
    byte_of.push_back(document.text.size());
    for (const auto& passage : document.passages) {
      const std::size_t begin = byte_of[passage.start];
      sqlite3_bind_text(insert, 1, document.text.data() + begin, static_cast<int>(byte_of[passage.end] - begin), SQLITE_STATIC);
      sqlite3_bind_int64(insert, 2, document.id);
      sqlite3_bind_int64(insert, 3, static_cast<sqlite3_int64>(passage.start));
      sqlite3_bind_int64(insert, 4, static_cast<sqlite3_int64>(passage.end));
      int column = 5;
      for (const char* name : {"gender", "role", "country"}) {
        const std::string& value = document.variables.find(name)->second;
        sqlite3_bind_text(insert, column++, value.c_str(), -1, SQLITE_TRANSIENT);
      }
      Check(sqlite3_step(insert), db, "insert");
      sqlite3_reset(insert);
    }
  }
  sqlite3_finalize(insert);
  exec("COMMIT");
  result.build_seconds = start.WallSeconds();
  result.build_cpu_seconds = start.CpuSeconds();
  result.index_bytes = SizeOf(file);

  sqlite3_stmt* plain = nullptr;
  sqlite3_stmt* filtered = nullptr;
  const std::string select =
      "SELECT document, start, end, snippet(passages, 0, '«', '»', '…', 16) FROM passages WHERE passages MATCH ?1";
  Check(sqlite3_prepare_v2(db, (select + " ORDER BY rank LIMIT 20").c_str(), -1, &plain, nullptr), db, "prepare");
  Check(sqlite3_prepare_v2(db, (select + " AND gender = ?2 ORDER BY rank LIMIT 20").c_str(), -1, &filtered, nullptr), db, "prepare");
  auto run = [&](const BenchQuery& query) {
    sqlite3_stmt* statement = query.filter ? filtered : plain;
    sqlite3_bind_text(statement, 1, query.fts.c_str(), -1, SQLITE_TRANSIENT);
    if (query.filter) sqlite3_bind_text(statement, 2, query.filter->value.c_str(), -1, SQLITE_TRANSIENT);
    std::size_t rows = 0;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      const unsigned char* snippet = sqlite3_column_text(statement, 3);
      rows += snippet != nullptr;
    }
    if (rc != SQLITE_DONE) std::cerr << "fts5 query failed: " << query.fts << ": " << sqlite3_errmsg(db) << "\n";
    sqlite3_reset(statement);
    return rows;
  };
  for (const auto& query : queries) run(query);
  for (const auto& query : queries) {
    const Timer timer(false);
    result.hits_by_kind[query.kind] += run(query);
    result.latencies_ms.push_back(timer.WallSeconds() * 1000);
    result.cpu_latencies_ms.push_back(timer.CpuSeconds() * 1000);
  }
  sqlite3_finalize(plain);
  sqlite3_finalize(filtered);
  sqlite3_close(db);
  return result;
}

EngineResult RunScan(const Corpus& corpus, const std::vector<BenchQuery>& queries) {
  // The baseline: no index, every passage searched with memmem; first page plus a full count.
  struct Passage {
    std::string_view text;
    const tessera::DocumentInput* document;
  };
  EngineResult result;
  const Timer start(true);
  std::vector<Passage> passages;
  for (const auto& document : corpus.documents) {
    std::vector<std::size_t> byte_of;
    for (std::size_t pos = 0; pos < document.text.size(); tessera::utf8::Next(document.text, pos)) byte_of.push_back(pos);
    byte_of.push_back(document.text.size());
    for (const auto& passage : document.passages) {
      passages.push_back({std::string_view(document.text).substr(byte_of[passage.start], byte_of[passage.end] - byte_of[passage.start]),
                          &document});
    }
  }
  result.build_seconds = start.WallSeconds();
  result.build_cpu_seconds = start.CpuSeconds();
  result.index_bytes = corpus.bytes;
  auto contains = [](std::string_view text, const std::string& needle) {
    return memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
  };
  auto run = [&](const BenchQuery& query) {
    std::size_t page = 0;  // the scan must read everything anyway, to count
    for (const Passage& passage : passages) {
      if (query.filter && passage.document->variables.find(query.filter->name)->second != query.filter->value) continue;
      bool match = query.scan_op != ScanOp::Any;
      for (const std::string& needle : query.needles) {
        const bool found = contains(passage.text, needle);
        if (query.scan_op == ScanOp::Any) match = match || found;
        else match = match && found;
      }
      if (match) page += page < kPageSize;
    }
    return page;
  };
  for (const auto& query : queries) run(query);
  for (const auto& query : queries) {
    const Timer timer(false);
    result.hits_by_kind[query.kind] += run(query);
    result.latencies_ms.push_back(timer.WallSeconds() * 1000);
    result.cpu_latencies_ms.push_back(timer.CpuSeconds() * 1000);
  }
  return result;
}

// Runs `engine` in a forked child; returns its result and its peak resident size in KiB.
template <typename Engine>
std::pair<EngineResult, long> InChild(Engine&& engine) {
  int channel[2];
  if (pipe(channel) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    close(channel[0]);
    std::ostringstream out;
    try {
      const EngineResult result = engine();
      out << result.build_seconds << ' ' << result.build_cpu_seconds << ' ' << result.index_bytes << ' '
          << result.latencies_ms.size();
      for (double latency : result.latencies_ms) out << ' ' << latency;
      for (double latency : result.cpu_latencies_ms) out << ' ' << latency;
      out << ' ' << result.hits_by_kind.size();
      for (const auto& [kind, hits] : result.hits_by_kind) out << ' ' << kind << ' ' << hits;
    } catch (const std::exception& error) {
      std::cerr << "engine failed: " << error.what() << "\n";
      _exit(1);
    }
    const std::string text = out.str();
    if (write(channel[1], text.data(), text.size()) != static_cast<ssize_t>(text.size())) _exit(2);
    close(channel[1]);
    _exit(0);
  }
  close(channel[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(channel[0], buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
  close(channel[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("engine child failed");
  std::istringstream in(text);
  EngineResult result;
  std::size_t count = 0;
  in >> result.build_seconds >> result.build_cpu_seconds >> result.index_bytes >> count;
  result.latencies_ms.resize(count);
  result.cpu_latencies_ms.resize(count);
  for (double& latency : result.latencies_ms) in >> latency;
  for (double& latency : result.cpu_latencies_ms) in >> latency;
  in >> count;
  for (std::size_t i = 0; i < count; ++i) {
    std::string kind;
    std::size_t hits = 0;
    in >> kind >> hits;
    result.hits_by_kind[kind] = hits;
  }
  return {result, usage.ru_maxrss};
}

long CurrentRssKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

void Usage() {
  std::cerr << "usage: search_bench --docs N --words W --out DIR [--queries Q] [--threads T] [--seed S]\n"
               "                    [--engines tessera,fts5,scan] [--reuse] [--exact-only]\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t documents = 200;
  std::size_t words = 5000;
  std::size_t query_count = 300;
  unsigned threads = 0;
  unsigned seed = 1;
  fs::path out;
  std::string engines = "tessera,fts5,scan";
  bool reuse = false, exact_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--docs") documents = std::stoul(value());
    else if (arg == "--words") words = std::stoul(value());
    else if (arg == "--out") out = value();
    else if (arg == "--queries") query_count = std::stoul(value());
    else if (arg == "--threads") threads = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--seed") seed = static_cast<unsigned>(std::stoul(value()));
    else if (arg == "--engines") engines = value();
    else if (arg == "--reuse") reuse = true;
    else if (arg == "--exact-only") exact_only = true;
    else {
      Usage();
      return 2;
    }
  }
  if (out.empty() || documents == 0 || words == 0) {
    Usage();
    return 2;
  }
  try {
    fs::create_directories(out);
    const auto generate = Clock::now();
    const Corpus corpus = MakeCorpus(documents, words, seed);
    const std::vector<BenchQuery> queries = MakeQueries(corpus, query_count, seed);
    std::size_t passages = 0;
    for (const auto& document : corpus.documents) passages += document.passages.size();
    const long baseline = CurrentRssKib();
    std::printf("corpus: %zu documents, %zu words, %zu passages, %.1f MB text, generated in %.1f s; %zu queries; "
                "resident at fork %.0f MB\n",
                corpus.documents.size(), corpus.words, passages, static_cast<double>(corpus.bytes) / 1e6, Seconds(generate),
                queries.size(), static_cast<double>(baseline) / 1024);
    std::fflush(stdout);

    struct Row {
      std::string name;
      EngineResult result;
      long peak_kib;
    };
    std::vector<Row> rows;
    const auto wanted = [&](const char* name) { return ("," + engines + ",").find(std::string(",") + name + ",") != std::string::npos; };
    if (wanted("tessera")) {
      auto [result, peak] = InChild([&] { return RunTessera(corpus, queries, out, threads, reuse, exact_only); });
      rows.push_back({"tessera (xapian+icu)", result, peak});
    }
    if (wanted("fts5")) {
      auto [result, peak] = InChild([&] { return RunFts5(corpus, queries, out); });
      rows.push_back({"sqlite fts5", result, peak});
    }
    if (wanted("scan")) {
      auto [result, peak] = InChild([&] { return RunScan(corpus, queries); });
      rows.push_back({"substring scan", result, peak});
    }
    if (rows.empty()) {
      Usage();
      return 2;
    }

    std::printf("\n%-22s %9s %9s %9s %9s %9s %9s %9s %9s\n", "engine", "build s", "build", "index MB", "p50 ms",
                "p95 ms", "p50 ms", "p95 ms", "peak RSS");
    std::printf("%-22s %9s %9s %9s %9s %9s %9s %9s %9s\n", "", "(wall)", "(cpu s)", "", "(wall)", "(wall)", "(cpu)", "(cpu)", "(MB)");
    for (const Row& row : rows) {
      std::printf("%-22s %9.2f %9.2f %9.1f %9.3f %9.3f %9.3f %9.3f %9.0f\n", row.name.c_str(), row.result.build_seconds,
                  row.result.build_cpu_seconds, static_cast<double>(row.result.index_bytes) / 1e6,
                  Percentile(row.result.latencies_ms, 0.5), Percentile(row.result.latencies_ms, 0.95),
                  Percentile(row.result.cpu_latencies_ms, 0.5), Percentile(row.result.cpu_latencies_ms, 0.95),
                  static_cast<double>(row.peak_kib) / 1024);
    }
    auto ratio = [&](double a, double b) { return b > 0 ? a / b : 0.0; };
    if (rows.size() < 3) return 0;  // the comparisons need all three engines
    const auto& t = rows[0].result;
    const auto& f = rows[1].result;
    const auto& c = rows[2].result;
    std::printf("\nbuild time tessera/fts5: wall %.2f, cpu %.2f (target <= 3)\n", ratio(t.build_seconds, f.build_seconds),
                ratio(t.build_cpu_seconds, f.build_cpu_seconds));
    std::printf("query p50 tessera/fts5:  wall %.2f, cpu %.2f (target <= 0.2)\n",
                ratio(Percentile(t.latencies_ms, 0.5), Percentile(f.latencies_ms, 0.5)),
                ratio(Percentile(t.cpu_latencies_ms, 0.5), Percentile(f.cpu_latencies_ms, 0.5)));
    std::printf("query p50 scan/tessera:  wall %.0f, cpu %.0f (target >= 100)\n",
                ratio(Percentile(c.latencies_ms, 0.5), Percentile(t.latencies_ms, 0.5)),
                ratio(Percentile(c.cpu_latencies_ms, 0.5), Percentile(t.cpu_latencies_ms, 0.5)));
    // Per query kind: p50 CPU ms of each engine, and the hits on the first pages.
    std::map<std::string, std::vector<std::size_t>> by_kind;
    for (std::size_t i = 0; i < queries.size(); ++i) by_kind[queries[i].kind].push_back(i);
    std::printf("\np50 cpu ms per query kind:\n%-14s", "kind");
    for (const Row& row : rows) std::printf(" %22s", row.name.c_str());
    std::printf("\n");
    for (const auto& [kind, indexes] : by_kind) {
      std::printf("%-14s", kind.c_str());
      for (const Row& row : rows) {
        std::vector<double> values;
        for (std::size_t i : indexes) values.push_back(row.result.cpu_latencies_ms[i]);
        std::printf(" %22.3f", Percentile(values, 0.5));
      }
      std::printf("\n");
    }
    std::printf("\nhits on the first pages (<= %zu per query), per query kind:\n%-14s", kPageSize, "kind");
    for (const Row& row : rows) std::printf(" %22s", row.name.c_str());
    std::printf("\n");
    for (const auto& [kind, hits] : rows[0].result.hits_by_kind) {
      std::printf("%-14s", kind.c_str());
      for (Row& row : rows) std::printf(" %22zu", row.result.hits_by_kind[kind]);
      std::printf("\n");
    }

    std::ofstream json(out / "search_bench.json");
    json << "{\n  \"documents\": " << corpus.documents.size() << ", \"words\": " << corpus.words
         << ", \"passages\": " << passages << ", \"queries\": " << queries.size() << ", \"baseline_rss_kib\": " << baseline
         << ",\n  \"engines\": [\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& row = rows[i];
      json << "    {\"name\": \"" << row.name << "\", \"build_seconds\": " << row.result.build_seconds
           << ", \"build_cpu_seconds\": " << row.result.build_cpu_seconds
           << ", \"p50_cpu_ms\": " << Percentile(row.result.cpu_latencies_ms, 0.5)
           << ", \"p95_cpu_ms\": " << Percentile(row.result.cpu_latencies_ms, 0.95)
           << ", \"index_bytes\": " << row.result.index_bytes << ", \"p50_ms\": " << Percentile(row.result.latencies_ms, 0.5)
           << ", \"p95_ms\": " << Percentile(row.result.latencies_ms, 0.95) << ", \"peak_rss_kib\": " << row.peak_kib << "}"
           << (i + 1 < rows.size() ? ",\n" : "\n");
    }
    json << "  ]\n}\n";
  } catch (const tessera::Error& error) {
    std::cerr << "search_bench: " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "search_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
