// The demo study in examples/ through the real tessera-cli: every transcript imports and `show`
// gives back its text (checked against an independent decode: ICU converters and NFC for .txt,
// the cue texts for .srt, key sentences for .docx), variables.csv applies to every document, and
// codings.csv applies fully (530 codings by 2 coders).

#include <catch2/catch.hpp>

#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/csv_reader.h"
#include "test_support.h"

using nlohmann::json;
using tessera::test::ExampleFile;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
namespace fs = std::filesystem;

namespace {

const char* kCodingsCount = "530";

json CliJson(const std::vector<std::string>& args) {
  const auto r = RunCli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// The demo project: every transcript, optionally with the variables and the codings.
struct DemoProject {
  explicit DemoProject(bool variables = false, bool codings = false) : project(dir / "demo.tessera") {
    Run({"init", project});
    std::vector<std::string> import = {"import", project, ExampleFile("transcripts")};
    if (variables) import.insert(import.end(), {"--variables", ExampleFile("variables.csv")});
    import_result = Run(import);
    if (codings) codings_result = Run({"import-codings", project, ExampleFile("codings.csv")});
  }
  static tessera::test::CliResult Run(const std::vector<std::string>& args) {
    auto r = RunCli(args);
    INFO("tessera-cli " << args[0] << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
  TempDir dir;
  std::string project;
  tessera::test::CliResult import_result, codings_result;
};

// Decodes with an ICU converter, stopping at the first unmappable byte; nullopt when it fails.
std::optional<icu::UnicodeString> IcuDecode(const std::string& bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(charset, &status), ucnv_close);
  REQUIRE(U_SUCCESS(status));
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
  if (U_FAILURE(status)) return std::nullopt;
  return text;
}

// NFC, LF line endings, no BOM: the stored form, computed with ICU directly.
std::string StoredForm(icu::UnicodeString text) {
  if (text.length() > 0 && text.charAt(0) == 0xFEFF) text.remove(0, 1);
  text.findAndReplace("\r\n", "\n");
  text.findAndReplace("\r", "\n");
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  const icu::UnicodeString normalized = nfc->normalize(text, status);
  REQUIRE(U_SUCCESS(status));
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

// The text of a .txt transcript as the examples README describes it: UTF-16 with a BOM, else
// UTF-8, else Windows-874 (Thai).
std::string DecodeTxt(const std::string& bytes, std::string& charset) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    charset = "UTF-16";
  } else if (IcuDecode(bytes, "UTF-8")) {
    charset = "UTF-8";
  } else {
    charset = "windows-874-2000";
  }
  const auto decoded = IcuDecode(bytes, charset.c_str());
  REQUIRE(decoded.has_value());
  return StoredForm(*decoded);
}

// The cue texts of a SubRip file joined with LF: blocks are separated by blank lines, and each
// block is a number, a timing line and the text.
std::string SrtText(const std::string& bytes) {
  const std::string text = StoredForm(icu::UnicodeString::fromUTF8(bytes));
  std::vector<std::string> cues;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    std::string block = text.substr(pos, end - pos);
    pos = end + 2;
    const auto first = block.find('\n');
    const auto second = first == std::string::npos ? first : block.find('\n', first + 1);
    if (second == std::string::npos) continue;
    std::string cue = block.substr(second + 1);
    while (!cue.empty() && cue.back() == '\n') cue.pop_back();
    cues.push_back(cue);
  }
  std::string joined;
  for (const auto& c : cues) joined += (joined.empty() ? "" : "\n") + c;
  return joined;
}

std::vector<fs::path> Transcripts() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(ExampleFile("transcripts"))) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("Every example transcript imports and `show` gives back its text", "[examples]") {
  DemoProject demo;
  const auto files = Transcripts();
  REQUIRE(files.size() == 21);
  CHECK_THAT(demo.import_result.out, Catch::Contains("Imported 21 transcripts"));
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    INFO(file.filename().string());
    const auto shown = RunCli({"show", demo.project, name});
    REQUIRE(shown.exit_code == 0);
    const std::string bytes = ReadFile(file.string());
    if (file.extension() == ".txt") {
      std::string charset;
      const std::string expected = DecodeTxt(bytes, charset);
      INFO("decoded independently as " << charset);
      CHECK(shown.out == expected);
    } else if (file.extension() == ".srt") {
      CHECK(shown.out == SrtText(bytes));
      CHECK(shown.out.find("-->") == std::string::npos);
      CHECK_THAT(shown.out, Catch::StartsWith("Interviewer: Thank you for joining us by video, sir. Can you hear me clearly?\n"
                                              "Official: Yes, clearly. Please go ahead.\n"
                                              "Interviewer: Could you describe your ministry's role\n"
                                              "in protecting children from online exploitation and abuse?\n"));
    } else if (file.extension() == ".docx") {
      for (const char* sentence :
           {"Key informant interview \u2013 prosecutor\n", "Country\tPhilippines\n", "Interview mode\tIn person\n",
            "\nInterviewer: Thank you for making time in your schedule. Could you describe your role?\n",
            "Prosecutor: There are two patterns.\nFirst, cases where children are exploited through livestreaming",
            "\nInterviewer: What would you recommend?\n",
            "\nInterviewer: Thank you, that's very helpful."}) {
        CHECK_THAT(shown.out, Catch::Contains(sentence));
      }
      CHECK_THAT(shown.out, Catch::StartsWith("Key informant interview"));
      CHECK_THAT(shown.out, !Catch::Contains("CONFIDENTIAL DRAFT"));
    } else {
      FAIL("unexpected file in examples/transcripts: " << file);
    }
  }
}

TEST_CASE("Example transcripts have speaker turns; the subtitle turns carry their times", "[examples]") {
  DemoProject demo;
  const json docs = CliJson({"documents", demo.project, "--format", "json"});
  REQUIRE(docs.size() == 21);
  for (const auto& d : docs) {
    INFO(d.at("name"));
    CHECK(d.at("turns").get<int>() >= 6);
  }
  CHECK(tessera::test::RawInt(demo.project, "SELECT count(*) FROM turns t JOIN documents d ON d.id = t.document_id "
                                            "WHERE d.name = 'id_official_m01' AND t.time_start_ms IS NULL") == 0);
  CHECK(tessera::test::RawInt(demo.project, "SELECT min(t.time_start_ms) FROM turns t JOIN documents d ON d.id = t.document_id "
                                            "WHERE d.name = 'id_official_m01'") == 1000);
  CHECK(tessera::test::RawInt(demo.project, "SELECT count(*) FROM turns WHERE time_start_ms IS NOT NULL") ==
        tessera::test::RawInt(demo.project, "SELECT count(*) FROM turns t JOIN documents d ON d.id = t.document_id "
                                            "WHERE d.name = 'id_official_m01'"));
}

TEST_CASE("Example documents are guessed to be in the language variables.csv gives", "[examples]") {
  DemoProject demo(true);
  const json docs = CliJson({"documents", demo.project, "--format", "json"});
  REQUIRE(docs.size() == 21);
  for (const auto& d : docs) {
    INFO(d.at("name"));
    CHECK(d.at("language") == d.at("variables").at("language"));
  }
}

TEST_CASE("Example variables.csv applies to every document and makes 20 cases", "[examples]") {
  DemoProject demo(true);
  CHECK_THAT(demo.import_result.err, !Catch::Contains("skipped"));
  const json docs = CliJson({"documents", demo.project, "--format", "json"});
  REQUIRE(docs.size() == 21);
  std::map<std::string, json> by_name;
  for (const auto& d : docs) by_name[d.at("name").get<std::string>()] = d;
  for (const auto& [name, d] : by_name) {
    INFO(name);
    CHECK(d.at("case").is_string());
    const auto& vars = d.at("variables");
    for (const char* variable : {"gender", "role", "country", "language", "interview_mode"}) CHECK(vars.contains(variable));
    if (d.at("case") != "MZ-CG01") CHECK(vars.contains("age_band"));
  }
  CHECK_FALSE(by_name.at("mz_caregiver_w01").at("variables").contains("age_band"));
  CHECK(by_name.at("kh_survivor_g01_a").at("case") == "KH-G01");
  CHECK(by_name.at("kh_survivor_g01_b").at("case") == "KH-G01");
  CHECK(by_name.at("kh_survivor_g01_a").at("variables").at("language") == "km");
  CHECK(by_name.at("kh_survivor_g01_b").at("variables").at("language") == "en");
  CHECK(by_name.at("th_social_worker_w01").at("variables").at("country") == "Thailand");
  CHECK(by_name.at("vn_caregiver_m01").at("variables").at("interview_mode") == "phone");
  const json cases = CliJson({"cases", demo.project, "--format", "json"});
  CHECK(cases.size() == 20);
  const json variables = CliJson({"variables", demo.project, "list", "--format", "json"});
  std::set<std::string> names;
  for (const auto& v : variables) names.insert(v.at("name").get<std::string>());
  CHECK(names == std::set<std::string>{"gender", "age_band", "role", "country", "language", "interview_mode"});
}

TEST_CASE("Example codings.csv applies fully: 530 codings by 2 coders, each on its quote", "[examples]") {
  DemoProject demo(true, true);
  CHECK_THAT(demo.codings_result.out, Catch::Contains(std::string("Added ") + kCodingsCount + " codings"));
  const json codings = CliJson({"codings", demo.project, "--format", "json"});
  REQUIRE(codings.size() == 530);
  std::map<std::string, int> per_coder;
  std::multiset<std::tuple<std::string, std::string, std::string, std::string>> applied;
  for (const auto& c : codings) {
    ++per_coder[c.at("coder").get<std::string>()];
    applied.insert({c.at("document").get<std::string>(), c.at("code").get<std::string>(), c.at("coder").get<std::string>(),
                    c.at("text").get<std::string>()});
    CHECK(c.at("end").get<int>() > c.at("start").get<int>());
  }
  CHECK(per_coder == std::map<std::string, int>{{"amara", 264}, {"niran", 266}});
  const auto rows = tessera::ReadCsvFile(ExampleFile("codings.csv"));
  REQUIRE(rows.size() == 531);
  std::multiset<std::tuple<std::string, std::string, std::string, std::string>> wanted;
  for (std::size_t r = 1; r < rows.size(); ++r) wanted.insert({rows[r][0], rows[r][1], rows[r][2], rows[r][3]});
  CHECK(applied == wanted);
  // The codebook holds exactly the codes used and their ancestors, each with its coding count.
  std::set<std::string> paths;
  std::map<std::string, std::int64_t> uses;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    ++uses[rows[r][1]];
    for (std::size_t slash = 0; (slash = rows[r][1].find('/', slash)) != std::string::npos; ++slash) {
      paths.insert(rows[r][1].substr(0, slash));
    }
    paths.insert(rows[r][1]);
  }
  const json codebook = CliJson({"codebook", demo.project, "list", "--format", "json"});
  std::set<std::string> listed;
  for (const auto& c : codebook) {
    listed.insert(c.at("path").get<std::string>());
    const std::string path = c.at("path");
    CHECK(c.at("codings").get<std::int64_t>() == (uses.count(path) ? uses[path] : 0));
  }
  CHECK(listed == paths);
  CHECK(uses.size() <= 26);
  const auto check = RunCli({"check", demo.project});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("Importing the examples folder a second time skips every transcript", "[examples]") {
  DemoProject demo;
  const auto again = RunCli({"import", demo.project, ExampleFile("transcripts")});
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("Imported 0 transcripts, skipped 21"));
  CHECK(CliJson({"documents", demo.project, "--format", "json"}).size() == 21);
}
