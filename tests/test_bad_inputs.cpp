// Bad input through the real tessera-cli: every refusal is one line on stderr naming the file and
// the reason, a non-zero exit (1, a DataError — never an uncaught exception, abort or signal), and
// the project exactly as before (SHA-256 of a dump of every table, which includes the audit log).
// Hostile files (truncated and bomb docx) are made at test time with libzip.

#include <catch2/catch.hpp>

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.h"

using tessera::test::CliResult;
using tessera::test::DataFile;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;

namespace {

// A project with one Khmer transcript and one coding, whose content must survive every refusal.
struct Victim {
  Victim() : project(dir / "victim.tessera") {
    Run({"init", project});
    Run({"import", project, DataFile("import/utf8_bom_khmer.txt")});
    Run({"code", project, "utf8_bom_khmer", "0", "12", "Speakers/អ្នកសម្ភាសន៍", "--coder", "amara"});
    fingerprint = tessera::test::ProjectFingerprint(project);
    audit_length = tessera::test::RawInt(project, "SELECT count(*) FROM audit_log");
  }
  static void Run(const std::vector<std::string>& args) {
    const auto r = RunCli(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  TempDir dir;
  std::string project;
  std::string fingerprint;
  std::int64_t audit_length = 0;
};

// Runs a command that must be refused and checks the refusal and that nothing changed.
void ExpectRefused(const Victim& v, const std::vector<std::string>& args, const std::string& names,
                   const std::string& reason) {
  const CliResult r = RunCli(args);
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  const auto lines = r.ErrLines();
  REQUIRE(lines.size() == 1);
  CHECK_THAT(lines[0], Catch::StartsWith("tessera-cli: "));
  CHECK_THAT(lines[0], Catch::Contains(names));
  CHECK_THAT(lines[0], Catch::Contains(reason, Catch::CaseSensitive::No));
  CHECK_THAT(r.err, !Catch::Contains("terminate") && !Catch::Contains("internal error"));
  CHECK(tessera::test::ProjectFingerprint(v.project) == v.fingerprint);
  CHECK(tessera::test::RawInt(v.project, "SELECT count(*) FROM audit_log") == v.audit_length);
  const auto check = RunCli({"check", v.project});
  CHECK(check.exit_code == 0);
}

void ExpectImportRefused(const Victim& v, const std::string& file, const std::string& reason) {
  ExpectRefused(v, {"import", v.project, file}, fs::path(file).filename().string(), reason);
}

// A libzip source of `size` NUL bytes made on the fly, so that a bomb needs no memory to build.
struct Zeros {
  zip_uint64_t size = 0;
  zip_uint64_t offset = 0;
  zip_error_t error{};
};

zip_int64_t ZerosCallback(void* userdata, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* z = static_cast<Zeros*>(userdata);
  switch (command) {
    case ZIP_SOURCE_OPEN: z->offset = 0; return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t n = std::min(length, z->size - z->offset);
      std::memset(data, 0, static_cast<std::size_t>(n));
      z->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = z->size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&z->error, data, length);
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&z->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

// A .docx whose word/document.xml is `size` zero bytes, deflated (about 1000:1).
void WriteZipBomb(const std::string& path, zip_uint64_t size) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  static const std::string types =
      R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
  zip_source_t* types_source = zip_source_buffer(archive, types.data(), types.size(), 0);
  REQUIRE(zip_file_add(archive, "[Content_Types].xml", types_source, 0) >= 0);
  Zeros zeros;
  zeros.size = size;
  zip_error_init(&zeros.error);
  zip_source_t* source = zip_source_function(archive, ZerosCallback, &zeros);
  REQUIRE(source != nullptr);
  const zip_int64_t index = zip_file_add(archive, "word/document.xml", source, 0);
  REQUIRE(index >= 0);
  REQUIRE(zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1) == 0);
  REQUIRE(zip_close(archive) == 0);
  zip_error_fini(&zeros.error);
}

std::string SmallDocx(const TempDir& dir) {
  const std::string path = dir / "source.docx";
  std::string body;
  for (int i = 0; i < 40; ++i) {
    body += tessera::test::DocxParagraph("Interviewer: Câu hỏi số " + std::to_string(i) + " về cảnh sát và tòa án?");
    body += tessera::test::DocxParagraph("Respondent: Em không biết phải báo cho ai, nên em im lặng rất lâu.");
  }
  tessera::test::WriteDocx(path, tessera::test::DocxDocumentXml(body));
  return path;
}

}  // namespace

TEST_CASE("Importing a missing file is refused", "[bad-input]") {
  Victim v;
  ExpectImportRefused(v, v.dir / "không_có.txt", "no such file");
}

TEST_CASE("Importing a binary file named .txt is refused", "[bad-input]") {
  Victim v;
  std::string png = "\x89PNG\r\n\x1A\n";
  // The IHDR chunk: length 13, the name, width 256, height 1, depth 8, RGBA, three zero bytes.
  static constexpr char kHeader[] = "\0\0\0\x0D" "IHDR" "\0\0\x01\0" "\0\0\0\x01" "\x08\x06\0\0\0";
  png.append(kHeader, sizeof kHeader - 1);
  for (int i = 0; i < 2000; ++i) png += static_cast<char>((i * 37) & 0xFF);
  const std::string path = v.dir / "photo.txt";
  WriteFile(path, png);
  ExpectImportRefused(v, path, "binary");
}

TEST_CASE("Importing invalid UTF-8 with no encoding given is refused", "[bad-input]") {
  Victim v;
  std::string text = ReadFile(DataFile("import/utf8_vietnamese_nfd_crlf.txt.expected"));
  text.insert(40, "\xC3\x28");  // a lead byte followed by ASCII
  const std::string path = v.dir / "vn_broken.txt";
  WriteFile(path, text);
  ExpectImportRefused(v, path, "invalid UTF-8");
}

TEST_CASE("Importing an empty file is refused", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "empty.txt";
  WriteFile(path, "");
  ExpectImportRefused(v, path, "empty");
  const std::string blank = v.dir / "blank.txt";
  WriteFile(blank, "\xEF\xBB\xBF \n\t\r\n\u3000\n");
  ExpectImportRefused(v, blank, "no text");
}

TEST_CASE("Importing a truncated .docx is refused", "[bad-input]") {
  Victim v;
  const std::string bytes = ReadFile(SmallDocx(v.dir));
  for (double fraction : {0.9, 0.5, 0.1}) {
    INFO("kept " << fraction);
    const std::string path = v.dir / "truncated.docx";
    WriteFile(path, bytes.substr(0, static_cast<std::size_t>(static_cast<double>(bytes.size()) * fraction)));
    ExpectImportRefused(v, path, "");
  }
  const std::string path = v.dir / "cut.docx";
  WriteFile(path, bytes.substr(0, bytes.size() / 2));
  ExpectImportRefused(v, path, "not a ZIP archive");
}

TEST_CASE("Importing a .docx without word/document.xml is refused", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "no_body.docx";
  tessera::test::WriteZip(path, {{"[Content_Types].xml", "<Types/>"}, {"word/styles.xml", "<w:styles/>"}});
  ExpectImportRefused(v, path, "word/document.xml");
}

TEST_CASE("Importing a .docx whose document.xml is not well-formed is refused", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "bad_xml.docx";
  tessera::test::WriteDocx(path, tessera::test::DocxDocumentXml("<w:p><w:r><w:t>Người phỏng vấn: unclosed</w:r></w:p>"));
  ExpectImportRefused(v, path, "not well-formed XML");
}

TEST_CASE("Importing a .docx that is a zip bomb is refused (expansion ratio)", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "bomb_small.docx";
  WriteZipBomb(path, 20ull << 20);  // 20 MiB of zeros in about 20 KiB
  REQUIRE(fs::file_size(path) < (200u << 10));
  ExpectImportRefused(v, path, "zip bomb");
}

TEST_CASE("Importing a .docx whose document.xml is hundreds of MB of zeros is refused", "[bad-input][slow]") {
  Victim v;
  const std::string path = v.dir / "bomb.docx";
  WriteZipBomb(path, 400ull << 20);  // 400 MiB
  REQUIRE(fs::file_size(path) < (2u << 20));
  ExpectImportRefused(v, path, "too large");
}

TEST_CASE("Importing a .docx with an entry that climbs out of the archive is refused", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "climb.docx";
  tessera::test::WriteZip(path, {{"../../evil.xml", "<x/>"},
                                 {"word/document.xml", tessera::test::DocxDocumentXml(tessera::test::DocxParagraph("R: hi"))}});
  ExpectImportRefused(v, path, "unsafe entry name");
}

TEST_CASE("Importing a file of an unsupported type is refused", "[bad-input]") {
  Victim v;
  const std::string path = v.dir / "scan.pdf";
  WriteFile(path, "%PDF-1.7\n");
  ExpectImportRefused(v, path, "unsupported file type");
}

TEST_CASE("Importing subtitles without cues is refused", "[bad-input]") {
  Victim v;
  const std::string srt = v.dir / "nothing.srt";
  WriteFile(srt, "1\nno timing line here\n\n");
  ExpectImportRefused(v, srt, "no subtitle cues");
  const std::string vtt = v.dir / "headless.vtt";
  WriteFile(vtt, "00:00.000 --> 00:01.000\n<v Mẹ>Con ơi\n");
  ExpectImportRefused(v, vtt, "WEBVTT");
}

TEST_CASE("Importing a folder with one bad file imports none of them", "[bad-input]") {
  Victim v;
  const fs::path folder = v.dir.Path() / "batch";
  fs::create_directories(folder);
  fs::copy_file(DataFile("import/tis620_thai.txt"), folder / "a_thai.txt");
  fs::copy_file(DataFile("import/interview.srt"), folder / "b_interview.srt");
  WriteFile((folder / "c_empty.txt").string(), "");
  fs::copy_file(DataFile("import/interview.vtt"), folder / "d_interview.vtt");
  ExpectRefused(v, {"import", v.project, folder.string()}, "c_empty.txt", "empty");
}

TEST_CASE("Importing with a bad variables CSV imports nothing", "[bad-input]") {
  Victim v;
  ExpectRefused(v,
                {"import", v.project, DataFile("import/tis620_thai.txt"), "--variables",
                 DataFile("variables/duplicate_column.csv")},
                "duplicate_column.csv", "appears twice");
  ExpectRefused(v,
                {"import", v.project, DataFile("import/tis620_thai.txt"), "--variables", v.dir / "missing.csv"},
                "missing.csv", "no such file");
}

TEST_CASE("Importing with an unknown encoding or a broken turn pattern is refused", "[bad-input]") {
  Victim v;
  ExpectRefused(v, {"import", v.project, DataFile("import/tis620_thai.txt"), "--encoding", "x-unknown-ไทย"},
                "tis620_thai.txt", "unknown encoding");
  ExpectRefused(v, {"import", v.project, DataFile("import/tis620_thai.txt"), "--turn-pattern", "([A-Z]+"},
                "([A-Z]+", "not a valid regular expression");
}

TEST_CASE("A file that is not a Tessera project is refused and left as it was", "[bad-input]") {
  TempDir dir;
  const std::string text = dir / "notes.tessera";
  WriteFile(text, "R: ខ្ញុំមិនមែនជាគម្រោងទេ\n");
  const std::string foreign = dir / "other.sqlite";
  tessera::test::RawSql(foreign, "CREATE TABLE documents(text); INSERT INTO documents VALUES('x');");
  const std::string empty = dir / "empty.tessera";
  WriteFile(empty, "");
  for (const std::string& path : {text, foreign, empty}) {
    const std::string before = ReadFile(path);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"import", path, DataFile("import/tis620_thai.txt")},
          std::vector<std::string>{"documents", path, "--format", "json"}, std::vector<std::string>{"show", path, "x"},
          std::vector<std::string>{"code", path, "x", "0", "1", "A"}, std::vector<std::string>{"check", path},
          std::vector<std::string>{"variables", path, "import", DataFile("variables/participants.csv")}}) {
      INFO(path << " " << args[0]);
      const auto r = RunCli(args);
      CHECK(r.exit_code == 1);
      CHECK(r.signal == 0);
      REQUIRE(r.ErrLines().size() == 1);
      CHECK_THAT(r.err, Catch::Contains(fs::path(path).filename().string()) && Catch::Contains("not a Tessera project"));
      CHECK(ReadFile(path) == before);
    }
    CHECK_FALSE(fs::exists(path + "-wal"));
    CHECK_FALSE(fs::exists(path + "-journal"));
  }
  const auto missing = RunCli({"documents", dir / "missing.tessera"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("missing.tessera") && Catch::Contains("no such project"));
  CHECK_FALSE(fs::exists(dir / "missing.tessera"));
}

TEST_CASE("A project written by a newer schema version is refused and its bytes are unchanged", "[bad-input]") {
  Victim v;
  const std::string copy = v.dir / "from the future.tessera";
  fs::copy_file(v.project, copy);
  tessera::test::RawSql(copy, "PRAGMA user_version=99");
  REQUIRE(tessera::test::RawInt(copy, "PRAGMA user_version") == 99);
  const std::string codings = v.dir / "codings.csv";
  WriteFile(codings, "document,code,coder,quote\nutf8_bom_khmer,A,amara,អ្នក\n");
  const std::string before = ReadFile(copy);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"import", copy, DataFile("import/tis620_thai.txt")},
        std::vector<std::string>{"documents", copy, "--format", "json"},
        std::vector<std::string>{"show", copy, "utf8_bom_khmer"},
        std::vector<std::string>{"code", copy, "utf8_bom_khmer", "0", "1", "A"},
        std::vector<std::string>{"codings", copy, "--format", "json"}, std::vector<std::string>{"check", copy},
        std::vector<std::string>{"variables", copy, "set", "utf8_bom_khmer", "gender", "girl"},
        std::vector<std::string>{"import-codings", copy, codings}}) {
    INFO(args[0]);
    const auto r = RunCli(args);
    CHECK(r.exit_code == 1);
    CHECK(r.signal == 0);
    REQUIRE(r.ErrLines().size() == 1);
    CHECK_THAT(r.err, Catch::Contains("from the future.tessera") && Catch::Contains("newer") && Catch::Contains("99"));
    CHECK(ReadFile(copy) == before);
  }
  CHECK(tessera::test::RawInt(copy, "PRAGMA user_version") == 99);
  CHECK(tessera::test::ProjectFingerprint(v.project) == v.fingerprint);
}

TEST_CASE("Coding with a bad document, range or code path is refused", "[bad-input]") {
  Victim v;
  ExpectRefused(v, {"code", v.project, "không có", "0", "1", "A"}, "không có", "no document");
  ExpectRefused(v, {"code", v.project, "utf8_bom_khmer", "3", "99999", "A/B"}, "utf8_bom_khmer", "outside");
  ExpectRefused(v, {"code", v.project, "utf8_bom_khmer", "9", "3", "A/B"}, "9..3", "start < end");
  ExpectRefused(v, {"code", v.project, "utf8_bom_khmer", "0", "3", "A//B"}, "A//B", "empty name");
}

TEST_CASE("Variables that do not fit their type are refused", "[bad-input]") {
  Victim v;
  Victim::Run({"variables", v.project, "set", "utf8_bom_khmer", "age", "16", "--type", "integer"});
  v.fingerprint = tessera::test::ProjectFingerprint(v.project);
  v.audit_length = tessera::test::RawInt(v.project, "SELECT count(*) FROM audit_log");
  ExpectRefused(v, {"variables", v.project, "set", "utf8_bom_khmer", "age", "mười sáu"}, "age", "whole number");
  WriteFile(v.dir / "ages.csv", "document,age\nutf8_bom_khmer,sixteen\n");
  ExpectRefused(v, {"variables", v.project, "import", v.dir / "ages.csv"}, "ages.csv", "line 2");
  ExpectRefused(v, {"variables", v.project, "set", "utf8_bom_khmer", "x", "1", "--type", "colour"}, "colour",
                "unknown variable type");
}
