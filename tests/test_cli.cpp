// tessera-cli's fixed forms, each through the real binary (TESSERA_CLI): init, import (files,
// folders, --language, --encoding, --case, --variables, --turn-pattern), documents --format json,
// variables import|set|list, show, code, codings --format json, import-codings and check.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.h"
#include "text/utf8.h"

using nlohmann::json;
using tessera::test::CliResult;
using tessera::test::DataFile;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;

namespace {

// Runs the CLI and requires success, showing stderr when it fails.
CliResult Ok(const std::vector<std::string>& args) {
  CliResult r = RunCli(args);
  INFO("tessera-cli " << args.front() << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// Runs the CLI and requires a clean failure: a non-zero exit (not a signal) and one stderr line.
CliResult Fails(const std::vector<std::string>& args) {
  CliResult r = RunCli(args);
  INFO("tessera-cli " << args.front() << "\nstdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.signal == 0);
  REQUIRE(r.exit_code != 0);
  REQUIRE(r.ErrLines().size() == 1);
  return r;
}

json Json(const std::vector<std::string>& args) { return json::parse(Ok(args).out); }

// A project with the Khmer, Thai (TIS-620) and Vietnamese fixtures imported.
struct CliProject {
  CliProject() : project(dir / "study ភ្នំពេញ.tessera") {
    Ok({"init", project});
    Ok({"import", project, DataFile("import/utf8_bom_khmer.txt"), DataFile("import/tis620_thai.txt"),
        DataFile("import/utf8_vietnamese_nfd_crlf.txt")});
  }
  std::int64_t AuditLength() const { return tessera::test::RawInt(project, "SELECT count(*) FROM audit_log"); }
  TempDir dir;
  std::string project;
};

const json* FindDocument(const json& documents, const std::string& name) {
  for (const auto& d : documents) {
    if (d.at("name") == name) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("cli init creates a project and refuses to overwrite an existing file", "[cli]") {
  TempDir dir;
  const std::string project = dir / "ការសិក្សា.tessera";
  const auto created = Ok({"init", project});
  CHECK_THAT(created.out, Catch::Contains("Created"));
  CHECK(tessera::test::RawInt(project, "PRAGMA application_id") == 0x54535241);
  const auto fingerprint = tessera::test::ProjectFingerprint(project);
  const auto again = Fails({"init", project});
  CHECK_THAT(again.err, Catch::Contains(project) && Catch::Contains("already exists"));
  CHECK(tessera::test::ProjectFingerprint(project) == fingerprint);
  Ok({"check", project});
}

TEST_CASE("cli import reads files and folders and says how many it imported", "[cli]") {
  TempDir dir;
  const std::string project = dir / "p.tessera";
  Ok({"init", project});
  const fs::path folder = dir.Path() / "in";
  fs::create_directories(folder);
  fs::copy_file(DataFile("import/interview.srt"), folder / "interview.srt");
  fs::copy_file(DataFile("import/interview.vtt"), folder / "interview_phone.vtt");
  const auto r = Ok({"import", project, folder.string(), DataFile("import/utf16le_thai_crlf.txt")});
  CHECK_THAT(r.out, Catch::Contains("Imported 3 transcripts"));
  const json docs = Json({"documents", project, "--format", "json"});
  CHECK(docs.size() == 3);
  CHECK(FindDocument(docs, "interview_phone") != nullptr);
  const json detail = Json({"import", project, DataFile("import/utf16be_emoji.txt"), "--format", "json"});
  REQUIRE(detail.size() == 1);
  CHECK(detail[0].at("imported") == true);
  CHECK(detail[0].at("name") == "utf16be_emoji");
}

TEST_CASE("cli import of a file already in the project is skipped with a message", "[cli]") {
  CliProject p;
  const auto audit = p.AuditLength();
  const auto r = Ok({"import", p.project, DataFile("import/utf8_bom_khmer.txt")});
  CHECK_THAT(r.out, Catch::Contains("Imported 0") && Catch::Contains("skipped 1"));
  CHECK_THAT(r.err, Catch::Contains("utf8_bom_khmer.txt") && Catch::Contains("already in the project"));
  CHECK(Json({"documents", p.project, "--format", "json"}).size() == 3);
  CHECK(p.AuditLength() == audit);
}

TEST_CASE("cli documents --format json gives name, language, characters, turns and variables", "[cli]") {
  CliProject p;
  const json docs = Json({"documents", p.project, "--format", "json"});
  REQUIRE(docs.is_array());
  REQUIRE(docs.size() == 3);
  const json* khmer = FindDocument(docs, "utf8_bom_khmer");
  REQUIRE(khmer != nullptr);
  const std::string expected = ReadFile(DataFile("import/utf8_bom_khmer.txt.expected"));
  CHECK(khmer->at("language") == "km");
  CHECK(khmer->at("characters") == tessera::utf8::CodePointCount(expected));
  CHECK(khmer->at("turns") == 4);
  CHECK(khmer->at("variables").is_object());
  CHECK(khmer->at("variables").empty());
  const json* thai = FindDocument(docs, "tis620_thai");
  REQUIRE(thai != nullptr);
  CHECK(thai->at("language") == "th");
  CHECK(thai->at("turns") == 4);
  const auto text = Ok({"documents", p.project});
  CHECK_THAT(text.out, Catch::Contains("utf8_bom_khmer\tkm"));
}

TEST_CASE("cli show prints the stored text exactly, by name or GUID", "[cli]") {
  CliProject p;
  for (const char* name : {"utf8_bom_khmer", "tis620_thai", "utf8_vietnamese_nfd_crlf"}) {
    INFO(name);
    CHECK(Ok({"show", p.project, name}).out == ReadFile(DataFile(std::string("import/") + name + ".txt.expected")));
  }
  const json docs = Json({"documents", p.project, "--format", "json"});
  const std::string guid = FindDocument(docs, "tis620_thai")->at("guid");
  CHECK(Ok({"show", p.project, guid}).out == ReadFile(DataFile("import/tis620_thai.txt.expected")));
  const auto missing = Fails({"show", p.project, "ไม่มี"});
  CHECK_THAT(missing.err, Catch::Contains("ไม่มี"));
}

TEST_CASE("cli import --language, --encoding and --case set what they say", "[cli]") {
  TempDir dir;
  const std::string project = dir / "opts.tessera";
  Ok({"init", project});
  Ok({"import", project, DataFile("import/cp1252_portuguese.txt"), "--language", "pt-MZ", "--encoding", "windows-1252",
      "--case", "MZ-G01"});
  const json docs = Json({"documents", project, "--format", "json"});
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].at("language") == "pt-MZ");
  CHECK(docs[0].at("encoding") == "windows-1252");
  CHECK(docs[0].at("case") == "MZ-G01");
  CHECK(Ok({"show", project, "cp1252_portuguese"}).out == ReadFile(DataFile("import/cp1252_portuguese.txt.expected")));
  const json cases = Json({"cases", project, "--format", "json"});
  REQUIRE(cases.size() == 1);
  CHECK(cases[0].at("documents") == 1);
  // A wrong --encoding is obeyed (the user knows best); an unknown one is an error.
  const auto unknown = Fails({"import", project, DataFile("import/tis620_thai.txt"), "--encoding", "klingon-8"});
  CHECK_THAT(unknown.err, Catch::Contains("tis620_thai.txt") && Catch::Contains("unknown encoding"));
}

TEST_CASE("cli import --variables applies a CSV after the documents are in", "[cli]") {
  TempDir dir;
  const std::string project = dir / "vars.tessera";
  Ok({"init", project});
  WriteFile(dir / "kh_survivor_g01_a.txt", ReadFile(DataFile("import/utf8_bom_khmer.txt")));
  WriteFile(dir / "th_survivor_b01.txt", ReadFile(DataFile("import/tis620_thai.txt")));
  const auto r = Ok({"import", project, dir / "kh_survivor_g01_a.txt", dir / "th_survivor_b01.txt", "--variables",
                     DataFile("variables/participants.csv")});
  CHECK_THAT(r.err, Catch::Contains("no_such_document"));
  const json docs = Json({"documents", project, "--format", "json"});
  const json* th = FindDocument(docs, "th_survivor_b01");
  REQUIRE(th != nullptr);
  CHECK(th->at("variables").at("gender") == "boy");
  CHECK(th->at("variables").at("age") == "15");
  CHECK(th->at("variables").at("consent") == "false");
  CHECK(th->at("variables").at("province") == "กรุงเทพฯ");
  CHECK(th->at("case") == "TH-B01");
}

TEST_CASE("cli import --turn-pattern finds speakers with the given pattern", "[cli]") {
  TempDir dir;
  const std::string project = dir / "turns.tessera";
  Ok({"init", project});
  WriteFile(dir / "qa.txt", "Q. Em khỏe không?\nA. Dạ, khỏe.\nQ. Còn công an?\nA. Họ giúp em.\n");
  Ok({"import", project, dir / "qa.txt", "--turn-pattern", R"(^([QA])\.\s)"});
  const json docs = Json({"documents", project, "--format", "json"});
  CHECK(docs[0].at("turns") == 4);
  Ok({"import", project, DataFile("import/utf8_bom_khmer.txt"), "--turn-pattern", R"(^(Nobody):\s)"});
  CHECK(FindDocument(Json({"documents", project, "--format", "json"}), "utf8_bom_khmer")->at("turns") == 0);
}

TEST_CASE("cli code applies a code to code points, creating missing codes, with --coder", "[cli]") {
  CliProject p;
  const std::string text = ReadFile(DataFile("import/utf8_bom_khmer.txt.expected"));
  const std::string police = "នគរបាល";
  const auto at = text.find(police);
  REQUIRE(at != std::string::npos);
  const auto start = tessera::utf8::CodePointCount(text.substr(0, at));
  const auto end = start + tessera::utf8::CodePointCount(police);
  const auto r = Ok({"code", p.project, "utf8_bom_khmer", std::to_string(start), std::to_string(end),
                     "Reporting/Reporting to police/ប៉ុស្តិ៍", "--coder", "amara"});
  CHECK_THAT(r.out, Catch::Contains("new code") && Catch::Contains("amara"));
  const auto again = Ok({"code", p.project, "utf8_bom_khmer", std::to_string(start), std::to_string(end),
                         "Reporting/Reporting to police/ប៉ុស្តិ៍", "--coder", "amara"});
  CHECK_THAT(again.out, Catch::Contains("Already coded"));
  const json codings = Json({"codings", p.project, "--format", "json"});
  REQUIRE(codings.size() == 1);
  CHECK(codings[0].at("document") == "utf8_bom_khmer");
  CHECK(codings[0].at("start") == start);
  CHECK(codings[0].at("end") == end);
  CHECK(codings[0].at("code") == "Reporting/Reporting to police/ប៉ុស្តិ៍");
  CHECK(codings[0].at("coder") == "amara");
  CHECK(codings[0].at("text") == police);
  // Without --coder the coder is $TESSERA_CODER ("tester" in these runs).
  Ok({"code", p.project, "tis620_thai", "0", "11", "Speakers/Interviewer"});
  const json by_tester = Json({"codings", p.project, "--format", "json", "--coder", "tester"});
  REQUIRE(by_tester.size() == 1);
  CHECK(by_tester[0].at("text") == "ผู้สัมภาษณ์");
  const json codebook = Json({"codebook", p.project, "list", "--format", "json"});
  CHECK_THAT(codebook.dump(), Catch::Contains("ប៉ុស្តិ៍"));
}

TEST_CASE("cli codings --format json filters by code, coder and document", "[cli]") {
  CliProject p;
  Ok({"code", p.project, "utf8_bom_khmer", "0", "12", "A/B", "--coder", "amara"});
  Ok({"code", p.project, "utf8_bom_khmer", "0", "12", "A/C", "--coder", "niran"});
  Ok({"code", p.project, "tis620_thai", "0", "11", "A/B", "--coder", "niran"});
  CHECK(Json({"codings", p.project, "--format", "json"}).size() == 3);
  CHECK(Json({"codings", p.project, "--format", "json", "--code", "A"}).size() == 3);
  CHECK(Json({"codings", p.project, "--format", "json", "--code", "A/B"}).size() == 2);
  CHECK(Json({"codings", p.project, "--format", "json", "--coder", "niran"}).size() == 2);
  CHECK(Json({"codings", p.project, "--format", "json", "--coder", "nobody"}).empty());
  CHECK(Json({"codings", p.project, "--format", "json", "--document", "tis620_thai"}).size() == 1);
  const auto text = Ok({"codings", p.project});
  CHECK_THAT(text.out, Catch::Contains("utf8_bom_khmer\t0-12\tA/B\tamara\tអ្នកសម្ភាសន៍"));
}

TEST_CASE("cli code refuses a range outside the document and leaves the project as it was", "[cli]") {
  CliProject p;
  const auto before = tessera::test::ProjectFingerprint(p.project);
  const auto r = Fails({"code", p.project, "utf8_bom_khmer", "5", "100000", "New/Code"});
  CHECK_THAT(r.err, Catch::Contains("outside"));
  Fails({"code", p.project, "utf8_bom_khmer", "5", "5", "New/Code"});
  Fails({"code", p.project, "no such document", "0", "1", "New/Code"});
  Fails({"code", p.project, "utf8_bom_khmer", "0", "1", "New//Code"});
  CHECK(tessera::test::ProjectFingerprint(p.project) == before);
  CHECK(Json({"codebook", p.project, "list", "--format", "json"}).empty());
}

TEST_CASE("cli variables set, list and import", "[cli]") {
  CliProject p;
  Ok({"variables", p.project, "set", "tis620_thai", "gender", "boy"});
  Ok({"variables", p.project, "set", "tis620_thai", "age", "15", "--type", "integer"});
  const auto bad = Fails({"variables", p.project, "set", "tis620_thai", "age", "สิบห้า"});
  CHECK_THAT(bad.err, Catch::Contains("age"));
  WriteFile(p.dir / "vars.csv",
            "document,case,country,interviewed\n"
            "utf8_bom_khmer,KH-G01,Cambodia,2024-03-05\n"
            "utf8_vietnamese_nfd_crlf,VN-G01,Việt Nam,2024-01-30\n");
  const auto imported = Ok({"variables", p.project, "import", p.dir / "vars.csv"});
  CHECK_THAT(imported.out, Catch::Contains("Set 4 values on 2 rows"));
  WriteFile(p.dir / "cases.csv", "case_id,region\nKH-G01,Đông Nam Á\n");
  Ok({"variables", p.project, "import", p.dir / "cases.csv"});
  Ok({"variables", p.project, "set", "VN-G01", "region", "Đông Nam Á", "--case"});
  const json vars = Json({"variables", p.project, "list", "--format", "json"});
  std::map<std::string, std::string> types;
  for (const auto& v : vars) types[v.at("name").get<std::string>()] = v.at("type").get<std::string>();
  CHECK(types == std::map<std::string, std::string>{{"gender", "category"}, {"age", "integer"}, {"country", "category"},
                                                    {"interviewed", "date"}, {"region", "category"}});
  const json docs = Json({"documents", p.project, "--format", "json"});
  CHECK(FindDocument(docs, "utf8_bom_khmer")->at("variables").at("region") == "Đông Nam Á");
  CHECK(FindDocument(docs, "utf8_vietnamese_nfd_crlf")->at("variables").at("country") == "Việt Nam");
  CHECK(FindDocument(docs, "tis620_thai")->at("variables").at("age") == "15");
  CHECK(FindDocument(docs, "utf8_bom_khmer")->at("case") == "KH-G01");
  Fails({"variables", p.project, "set", "NO-CASE", "region", "x", "--case"});
}

TEST_CASE("cli import-codings applies quote and start/end CSVs", "[cli]") {
  CliProject p;
  WriteFile(p.dir / "quotes.csv",
            "document,code,coder,quote\n"
            "utf8_bom_khmer,Reporting/Reporting to police,amara,ខ្ញុំប្រាប់ម៉ាក់ខ្ញុំ ហើយយើងទៅប៉ុស្តិ៍នគរបាល។\n"
            "tis620_thai,Reporting/Reporting to police,niran,\"เด็กๆ มักไม่กล้าบอกพ่อแม่\"\n"
            "utf8_vietnamese_nfd_crlf,Barriers/Fear,niran,em sợ bố mẹ biết\n");
  const auto r = Ok({"import-codings", p.project, p.dir / "quotes.csv"});
  CHECK_THAT(r.out, Catch::Contains("Added 3 codings"));
  WriteFile(p.dir / "ranges.csv", "document,code,coder,start,end\ntis620_thai,Speakers,amara,0,11\n");
  Ok({"import-codings", p.project, p.dir / "ranges.csv"});
  const json codings = Json({"codings", p.project, "--format", "json"});
  REQUIRE(codings.size() == 4);
  std::set<std::string> texts;
  for (const auto& c : codings) texts.insert(c.at("text").get<std::string>());
  CHECK(texts == std::set<std::string>{"ខ្ញុំប្រាប់ម៉ាក់ខ្ញុំ ហើយយើងទៅប៉ុស្តិ៍នគរបាល។", "เด็กๆ มักไม่กล้าบอกพ่อแม่",
                                       "em sợ bố mẹ biết", "ผู้สัมภาษณ์"});
  // Applying the same file again adds nothing.
  CHECK_THAT(Ok({"import-codings", p.project, p.dir / "quotes.csv"}).out, Catch::Contains("Added 0 codings"));
}

TEST_CASE("cli import-codings refuses a quote that is not in the document, naming the line", "[cli]") {
  CliProject p;
  WriteFile(p.dir / "bad.csv",
            "document,code,coder,quote\n"
            "utf8_bom_khmer,A,amara,ខ្ញុំប្រាប់ម៉ាក់ខ្ញុំ\n"
            "tis620_thai,A,amara,ไม่มีในเอกสาร\n");
  const auto before = tessera::test::ProjectFingerprint(p.project);
  const auto r = Fails({"import-codings", p.project, p.dir / "bad.csv"});
  CHECK_THAT(r.err, Catch::Contains("bad.csv") && Catch::Contains("line 3") && Catch::Contains("quote"));
  CHECK(tessera::test::ProjectFingerprint(p.project) == before);
  WriteFile(p.dir / "nocols.csv", "document,code\nx,y\n");
  CHECK_THAT(Fails({"import-codings", p.project, p.dir / "nocols.csv"}).err, Catch::Contains("coder"));
}

TEST_CASE("cli check exits 0 for a sound project and non-zero once an audit entry is edited", "[cli]") {
  CliProject p;
  Ok({"code", p.project, "utf8_bom_khmer", "0", "12", "A", "--coder", "amara"});
  const auto sound = Ok({"check", p.project});
  CHECK_THAT(sound.out, Catch::Contains("sound"));
  CHECK(Json({"check", p.project, "--format", "json"}).at("sound") == true);
  tessera::test::RawSql(p.project,
                        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                        "UPDATE audit_log SET actor = 'niran' WHERE action = 'coding/apply';");
  const auto tampered = RunCli({"check", p.project});
  CHECK(tampered.exit_code != 0);
  CHECK(tampered.signal == 0);
  CHECK_THAT(tampered.out, Catch::Contains("audit log") && Catch::Contains("altered"));
  CHECK_THAT(tampered.err, Catch::Contains("problem"));
  const auto as_json = RunCli({"check", p.project, "--format", "json"});
  CHECK(as_json.exit_code != 0);
  CHECK(json::parse(as_json.out).at("sound") == false);
}

TEST_CASE("cli check reports an entry deleted from the audit log", "[cli]") {
  CliProject p;
  tessera::test::RawSql(p.project, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;");
  const auto r = RunCli({"check", p.project});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.out, Catch::Contains("missing"));
}

TEST_CASE("cli actions each append exactly one audit entry", "[cli]") {
  CliProject p;
  CHECK(p.AuditLength() == 4);  // project/create and three imports
  Ok({"code", p.project, "utf8_bom_khmer", "0", "12", "A", "--coder", "amara"});
  CHECK(p.AuditLength() == 5);
  Ok({"variables", p.project, "set", "tis620_thai", "gender", "boy"});
  CHECK(p.AuditLength() == 6);
  WriteFile(p.dir / "q.csv", "document,code,coder,quote\ntis620_thai,B,niran,ผู้สัมภาษณ์\n");
  Ok({"import-codings", p.project, p.dir / "q.csv"});
  CHECK(p.AuditLength() == 7);
  // Reading changes nothing.
  const auto before = tessera::test::ProjectFingerprint(p.project);
  Ok({"documents", p.project, "--format", "json"});
  Ok({"codings", p.project, "--format", "json"});
  Ok({"show", p.project, "tis620_thai"});
  Ok({"check", p.project});
  CHECK(tessera::test::ProjectFingerprint(p.project) == before);
}

TEST_CASE("cli usage errors exit non-zero without touching anything", "[cli]") {
  TempDir dir;
  CHECK(RunCli({}).exit_code != 0);
  CHECK(RunCli({"no-such-command"}).exit_code != 0);
  CHECK(RunCli({"import", dir / "p.tessera"}).exit_code != 0);
  CHECK(RunCli({"code", dir / "p.tessera", "doc", "zero", "1", "A"}).exit_code != 0);
  CHECK_FALSE(fs::exists(dir / "p.tessera"));
  const auto version = Ok({"--version"});
  CHECK_THAT(version.out, Catch::Contains("0."));
}
