// REFI-QDA projects (.qdpx / .qde): the six real samples, position counting of NVivo, ATLAS.ti and
// code-point writers, lenient reading of odd files, strict writing that validates against
// Project-mrt2019.xsd, round trips, and hostile archives. Fixtures are built at test time.

#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "error.h"
#include "exchange/qdpx_reader.h"
#include "exchange/qdpx_writer.h"
#include "exchange/refi_values.h"
#include "exchange/source_text_mapper.h"
#include "import/zip_archive.h"
#include "project/identity.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using namespace tessera;

namespace {

const std::string kRefiDir = TESSERA_SOURCE_DIR "/../shared/refi-qda/";
const std::string kSamples = kRefiDir + "samples/";
const std::string kProjectXsd = kRefiDir + "schema/Project-mrt2019.xsd";

struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("tessera-qdpx-" + NewGuid())) {
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

using Entries = std::vector<std::pair<std::string, std::string>>;

// Writes a ZIP whose entries may have any name, hostile ones included.
void MakeZip(const std::string& path, const Entries& entries) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void Spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

bool AnyWarningContains(const ImportReport& report, const std::string& needle) {
  for (const auto& w : report.warnings) {
    if (w.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::size_t CountWarningsContaining(const ImportReport& report, const std::string& needle) {
  std::size_t n = 0;
  for (const auto& w : report.warnings) n += w.find(needle) != std::string::npos;
  return n;
}

std::size_t CountCodes(const std::vector<QdaCode>& codes) {
  std::size_t n = codes.size();
  for (const auto& c : codes) n += CountCodes(c.children);
  return n;
}

std::string Excerpt(const QdaTextSource& source, const QdaSelection& selection) {
  return std::string(utf8::SubstrCodePoints(source.text, selection.start, selection.end));
}

const QdaSelection& SelectionNamed(const QdaTextSource& source, const std::string& name) {
  for (const auto& s : source.selections) {
    if (s.name == name) return s;
  }
  FAIL("no selection named " << name);
  throw;
}

int Xmllint(const std::string& schema, const std::string& file) {
  const std::string command =
      "xmllint --noout --schema '" + schema + "' '" + file + "' 2>/dev/null";
  return std::system(command.c_str());
}

// Extracts project.qde from an exported .qdpx and validates it.
int ValidateQdpx(const std::string& qdpx, const TempDir& dir) {
  const ZipArchive archive(qdpx);
  const std::string qde = dir / ("validate-" + NewGuid() + ".qde");
  Spit(qde, archive.Read("project.qde"));
  return Xmllint(kProjectXsd, qde);
}

std::string Project(const std::string& origin, const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Synthetic\" origin=\"" +
         origin + "\">\n" + body + "\n</Project>\n";
}

const std::string kUserGuid = "1b0b1791-be46-4557-9957-7333544cfaf2";
const std::string kCodeGuid = "34653336-3766-3235-6466-363134396437";
const std::string kSourceGuid = "d097e6fd-7671-4d95-a8b6-7795fa4a72e1";

std::string CodeBookXml() {
  return "<Users><User guid=\"" + kUserGuid +
         "\" name=\"Ngozi\"/></Users>"
         "<CodeBook><Codes><Code guid=\"" +
         kCodeGuid + "\" name=\"Vertrauen\" isCodable=\"true\"/></Codes></CodeBook>";
}

std::string Selection(const std::string& name, int start, int end) {
  return "<PlainTextSelection guid=\"" + NewGuid() + "\" name=\"" + name + "\" startPosition=\"" +
         std::to_string(start) + "\" endPosition=\"" + std::to_string(end) + "\"><Coding guid=\"" +
         NewGuid() + "\" creatingUser=\"" + kUserGuid + "\"><CodeRef targetGUID=\"" + kCodeGuid +
         "\"/></Coding></PlainTextSelection>";
}

// --- the NVivo-style and ATLAS.ti-style fixtures ----------------------------------------------

// BOM + CRLF + astral emoji (with a skin-tone modifier) + a decomposed é, as NVivo for Windows
// writes.
const std::string kNvivoText =
    "\xEF\xBB\xBF"
    "Interviewer: Wie geht's? 😀\r\nR: Gut 👍🏽, danke.\r\nCafe\xCC\x81 am Fluss 🌊 – "
    "Ende.\r\n";

std::string NvivoQde(const std::string& origin, bool quote_names) {
  auto name = [&](const std::string& quote) { return quote_names ? quote : std::string(); };
  // Positions in UTF-16 code units of the text without its BOM, CRLF counting two.
  return Project(origin,
                 CodeBookXml() + "<Sources><TextSource guid=\"" + kSourceGuid +
                     "\" name=\"Interview 7\" "
                     "plainTextPath=\"internal://" +
                     kSourceGuid + ".TXT\">" + Selection(name("Interviewer"), 0, 11) +
                     Selection(name("Gut 👍🏽, danke."), 32, 48) +
                     Selection(name("Café am Fluss"), 50, 64) + Selection(name("Ende."), 70, 75) +
                     Selection(name("😀&#13;&#10;R: Gut"), 25, 35) + "</TextSource></Sources>");
}

const std::string kAtlasText = "Oh, that was great.\r\nSee you tomorrow? Eleven thirty.\r\nMm.";

std::string AtlasQde(const std::string& origin) {
  // ATLAS.ti counts the CRLF line break as one character.
  return Project(origin, CodeBookXml() + "<Sources><TextSource guid=\"" + kSourceGuid +
                             "\" name=\"Dialog\" "
                             "plainTextPath=\"internal://" +
                             kSourceGuid + ".txt\">" + Selection("Oh, that was great.", 0, 19) +
                             Selection("See you tomorrow? Eleven thirty.", 20, 52) +
                             Selection("great.&#10;See you", 13, 27) + "</TextSource></Sources>");
}

}  // namespace

// --- position mapping ---------------------------------------------------------------------------

TEST_CASE("SourceTextMapper yields the stored text and maps each writer's counting", "[refi]") {
  for (const std::string& raw :
       {std::string(""), std::string("\n"), kNvivoText, kAtlasText, std::string("a\rb\r\nc\n"),
        std::string("e\xCC\x81\xCC\xA3 x\r")}) {
    for (auto counting : {PositionCounting::kCodePoints, PositionCounting::kUtf16Units,
                          PositionCounting::kCodePointsCrlfAsOne}) {
      const SourceTextMapper mapper(raw, counting);
      CHECK(mapper.Text() == NormalizeStoredText(raw));
      CHECK(mapper.StoredLength() == utf8::CodePointCount(mapper.Text()));
      CHECK(mapper.Map(mapper.RawLength()) == mapper.StoredLength());
      CHECK_FALSE(mapper.Map(mapper.RawLength() + 1).has_value());
    }
  }
  const SourceTextMapper utf16(kNvivoText, PositionCounting::kUtf16Units);
  CHECK(utf16.RawLength() == 77);
  CHECK(utf16.Map(32) == 30u);
  CHECK(utf16.Map(48) == 44u);
  CHECK(utf16.Map(26) == 25u);  // inside the surrogate pair of 😀: the start of the character
  const SourceTextMapper crlf_one(kAtlasText, PositionCounting::kCodePointsCrlfAsOne);
  CHECK(crlf_one.RawLength() == 56);
  CHECK(crlf_one.Map(20) == 20u);
  const SourceTextMapper code_points(kAtlasText, PositionCounting::kCodePoints);
  CHECK(code_points.RawLength() == 58);
  CHECK(code_points.Map(20) == 20u);  // between CR and LF: after the line break
  CHECK(code_points.Map(21) == 20u);
  CHECK(code_points.Map(19) == 19u);
  CHECK(CountingForOrigin("NVivo 12 (Windows)") == PositionCounting::kUtf16Units);
  CHECK(CountingForOrigin("ATLAS.ti for Windows 23.2.3.27778") ==
        PositionCounting::kCodePointsCrlfAsOne);
  CHECK(CountingForOrigin("MAXQDA 24 (Release 24.7.0)") == PositionCounting::kCodePoints);
  CHECK_THROWS_AS(SourceTextMapper("\xFF", PositionCounting::kCodePoints), DataError);
}

// --- the real samples ---------------------------------------------------------------------------

TEST_CASE("the ATLAS.ti blank and codes samples import", "[refi]") {
  const QdpxImport blank = ReadQdpx(kSamples + "atlasti-win-23.2.3_blank-project.qdpx");
  CHECK(blank.project.name == "blank-atlas-project");
  CHECK(blank.project.origin == "ATLAS.ti for Windows 23.2.3.27778");
  CHECK(blank.project.creation_time == "2023-08-16T15:14:29Z");
  REQUIRE(blank.project.users.size() == 2);
  CHECK(blank.project.users[0].name == "Enric Llagostera");
  CHECK(blank.project.users[1].guid == "C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B");
  CHECK(blank.project.creating_user_guid == blank.project.users[0].guid);
  CHECK(blank.project.codes.empty());
  CHECK(blank.project.sources.empty());

  const QdpxImport codes = ReadQdpx(kSamples + "atlasti-win-23.2.3_codes-project.qdpx");
  CHECK(CountCodes(codes.project.codes) == 3);
  REQUIRE(codes.project.codes.size() == 1);
  CHECK(codes.project.codes[0].name == "Commits");
  CHECK(codes.project.codes[0].children.size() == 2);
  CHECK(codes.project.codes[0].children[1].name == "2022-02-11T10:39:25Z cdbfd92");
  CHECK(codes.project.codes[0].color.empty());
}

TEST_CASE("the NVivo for Mac sample imports its 262 codes and empty sources", "[refi]") {
  const QdpxImport in = ReadQdpx(kSamples + "nvivo-mac-15.0.0_project.qdpx");
  CHECK(in.project.origin == "NVivo for Mac 15.0.0");
  CHECK(CountCodes(in.project.codes) == 262);
  REQUIRE(in.project.users.size() == 2);
  CHECK(in.project.users[0].name == "chrisp");
  REQUIRE(in.project.sources.size() == 2);
  for (const auto& source : in.project.sources) {
    CHECK(source.text == "\n");
    CHECK(source.selections.empty());
    CHECK(source.creating_user == in.project.users[0].guid);
  }
  CHECK(in.project.sources[0].guid == kSourceGuid);
  CHECK(AnyWarningContains(in.report, "rich-text version"));  // the .docx files
}

TEST_CASE("the MAXQDA sample imports 307 codes and reports its 10 missing source files", "[refi]") {
  const QdpxImport in = ReadQdpx(kSamples + "maxqda-24.7.0_project.qde");
  CHECK(in.project.origin == "MAXQDA 24 (Release 24.7.0)");
  CHECK(CountCodes(in.project.codes) == 307);
  CHECK(in.project.codes[0].color == "#EF8256");
  CHECK_THAT(in.project.codes[0].description, Catch::StartsWith("This category encompasses"));
  CHECK(in.project.users.size() == 1);
  // Sources whose text is missing are not imported: Tessera's documents cannot be empty shells.
  CHECK(in.project.sources.empty());
  CHECK(CountWarningsContaining(in.report, "was not imported") == 10);
  CHECK(AnyWarningContains(in.report, "C5E4C960-5296-4FDE-8C63-DEABA4E17F92.txt"));
  CHECK(AnyWarningContains(in.report, "ICLS 2024 3-10"));
  // The sets survive, without members that were not imported and without extra warnings for them.
  REQUIRE(in.project.sets.size() == 2);
  CHECK(in.project.sets[0].name == "ICLS 2024");
  CHECK(in.project.sets[0].member_sources.empty());
  CHECK_FALSE(AnyWarningContains(in.report, "refers to"));

  SECTION("files found in a search folder are imported after all") {
    TempDir dir;
    Spit(dir / "c5e4c960-5296-4fde-8c63-deaba4e17f92.txt", "Learning sciences, ");
    Spit(dir / "7391D47A-323D-4291-8202-ED599C250828.txt", "\xEF\xBB\xBFpaper two\r\n");
    QdpxReadOptions options;
    options.search_folders.push_back(dir.path.string());
    const QdpxImport found = ReadQdpx(kSamples + "maxqda-24.7.0_project.qde", options);
    REQUIRE(found.project.sources.size() == 2);
    CHECK(found.project.sources[0].name == "ICLS 2024 3-10");
    CHECK(found.project.sources[1].text == "paper two\n");
    CHECK(found.project.sets[0].member_sources ==
          std::vector<std::string>{"C5E4C960-5296-4FDE-8C63-DEABA4E17F92",
                                   "7391D47A-323D-4291-8202-ED599C250828"});
    CHECK(CountWarningsContaining(found.report, "was not imported") == 8);
  }
}

TEST_CASE("the 205 codings of the qc demo project land on the lines they name", "[refi]") {
  const QdpxImport in = ReadQdpx(kSamples + "qc-1.3.2_demo-project.qdpx");
  CHECK(in.project.origin == "qc 1.3.2");
  CHECK(CountCodes(in.project.codes) == 262);
  REQUIRE(in.project.users.size() == 1);
  CHECK(in.project.users[0].name == "cp");
  REQUIRE(in.project.sources.size() == 2);
  const QdaTextSource& board = in.project.sources[0];
  CHECK(board.name == "board_2017");  // qc writes no name: taken from the file name
  CHECK(in.project.sources[1].name == "admin-1");
  CHECK(in.project.sources[1].selections.empty());
  CHECK(AnyWarningContains(in.report, "internal://"));  // plain file names were accepted

  // 158 coded selections carry 205 codings (some lines have two codes).
  REQUIRE(board.selections.size() == 158);
  std::size_t codings = 0;
  for (const auto& s : board.selections) codings += s.codings.size();
  CHECK(codings == 205);

  // qc names each selection after the (0-based) line it codes, line break included.
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < board.text.size();) {
    const std::size_t end = board.text.find('\n', start);
    lines.push_back(
        board.text.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start));
    start = end == std::string::npos ? board.text.size() : end + 1;
  }
  for (const auto& s : board.selections) {
    INFO(s.name);
    const std::size_t line = std::stoul(s.name.substr(5));
    REQUIRE(line < lines.size());
    CHECK(Excerpt(board, s) == lines[line]);
  }
  // And some of them by hand.
  CHECK(Excerpt(board, SelectionNamed(board, "line:6")) ==
        "This district goal is engage every student in joyful, purposeful learning that \n");
  CHECK(Excerpt(board, SelectionNamed(board, "line:8")) ==
        "maximizes each student's opportunity to excel academically. Action step five \n");
  CHECK(Excerpt(board, SelectionNamed(board, "line:23")) ==
        "that all students feel empowered by complex problem solving in computer \n");
  CHECK(Excerpt(board, SelectionNamed(board, "line:840")) ==
        "similar equity issues [inaudible 00:54:11] access to that curriculum, which we \n");
  const QdaSelection& two = SelectionNamed(board, "line:60");
  CHECK(two.start == 3670);
  CHECK(two.end == 3750);
  REQUIRE(two.codings.size() == 2);
  CHECK(two.codings[0].guid == "65656433-3533-3465-6661-623134343465");
  CHECK(two.codings[0].code_guid == "62326634-3863-3732-6130-663232343339");
  CHECK(two.codings[0].creating_user == in.project.users[0].guid);
}

// --- position counting of other writers ---------------------------------------------------------

TEST_CASE("an NVivo-style file (BOM, CRLF, emoji, UTF-16 positions) maps exactly", "[refi]") {
  TempDir dir;
  const std::string path = dir / "nvivo.qdpx";
  // NVivo for Windows writes Sources/ with a capital S; the XML names the file in another case.
  MakeZip(path, {{"project.qde", NvivoQde("NVivo 12 (Windows)", true)},
                 {"Sources/" + kSourceGuid + ".txt", kNvivoText}});
  const QdpxImport in = ReadQdpx(path);
  REQUIRE(in.project.sources.size() == 1);
  const QdaTextSource& source = in.project.sources[0];
  CHECK(source.text ==
        "Interviewer: Wie geht's? 😀\nR: Gut 👍🏽, danke.\nCaf\xC3\xA9 am Fluss 🌊 – "
        "Ende.\n");
  REQUIRE(source.selections.size() == 5);
  CHECK(Excerpt(source, source.selections[0]) == "Interviewer");
  CHECK(Excerpt(source, source.selections[1]) == "Gut 👍🏽, danke.");
  CHECK(source.selections[1].start == 30);
  CHECK(source.selections[1].end == 44);
  CHECK(Excerpt(source, source.selections[2]) == "Caf\xC3\xA9 am Fluss");  // NFC
  CHECK(source.selections[2].end == 58);
  CHECK(Excerpt(source, source.selections[3]) == "Ende.");
  CHECK(Excerpt(source, source.selections[4]) == "😀\nR: Gut");
  CHECK_FALSE(AnyWarningContains(in.report, "do not match"));
  CHECK(AnyWarningContains(in.report,
                           "read as UTF-16 code units, as NVivo 12 (Windows) writes them"));

  SECTION("read as code points the same file drifts, and the quoted names show it") {
    MakeZip(path, {{"project.qde", NvivoQde("SomeTool 1.0", true)},
                   {"sources/" + kSourceGuid + ".txt", kNvivoText}});
    const QdpxImport wrong = ReadQdpx(path);
    CHECK(Excerpt(wrong.project.sources[0], wrong.project.sources[0].selections[1]) !=
          "Gut 👍🏽, danke.");
    CHECK(AnyWarningContains(wrong.report, "do not match the text at their positions"));
  }
}

TEST_CASE("an ATLAS.ti-style file (CRLF counted as one) maps exactly", "[refi]") {
  TempDir dir;
  const std::string path = dir / "atlas.qdpx";
  MakeZip(path, {{"project.qde", AtlasQde("ATLAS.ti 9.1.7")},
                 {"sources/" + kSourceGuid + ".txt", kAtlasText}});
  const QdpxImport in = ReadQdpx(path);
  const QdaTextSource& source = in.project.sources.at(0);
  CHECK(source.text == "Oh, that was great.\nSee you tomorrow? Eleven thirty.\nMm.");
  REQUIRE(source.selections.size() == 3);
  CHECK(Excerpt(source, source.selections[0]) == "Oh, that was great.");
  CHECK(Excerpt(source, source.selections[1]) == "See you tomorrow? Eleven thirty.");
  CHECK(Excerpt(source, source.selections[2]) == "great.\nSee you");
  CHECK_FALSE(AnyWarningContains(in.report, "do not match"));

  MakeZip(path,
          {{"project.qde", AtlasQde("qc 1.3.2")}, {"sources/" + kSourceGuid + ".txt", kAtlasText}});
  const QdpxImport wrong = ReadQdpx(path);
  CHECK(AnyWarningContains(wrong.report, "2 of 3 selection(s)"));
}

// --- lenient reading ----------------------------------------------------------------------------

TEST_CASE("odd projects are read leniently and every loss is reported", "[refi]") {
  TempDir dir;
  const std::string text = "Die Polizei kam nicht. ពួកគេមិនបានមកទេ។";
  const std::string note_guid = "aaaaaaaa-0000-4000-8000-000000000001";
  const std::string variable_guid = "aaaaaaaa-0000-4000-8000-000000000002";
  const std::string case_guid = "aaaaaaaa-0000-4000-8000-000000000003";
  const std::string qde =
      Project("Quirky 0.1",
              "<Users><User guid=\"{" + kUserGuid + "}\" id=\"NG\"/></Users>" +
                  "<CodeBook><Codes><Code guid=\"" + kCodeGuid +
                  "\" name=\"Vertrauen\" color=\"rgb(255,0,0)\">"
                  "<NoteRef targetGUID=\"" +
                  note_guid +
                  "\"/></Code></Codes></CodeBook>"
                  "<Variables><Variable guid=\"" +
                  variable_guid +
                  "\" name=\"Alter\" typeOfVariable=\"Integer\"/>"
                  "<Variable guid=\"aaaaaaaa-0000-4000-8000-000000000009\" name=\"Seltsam\" "
                  "typeOfVariable=\"Colour\"/></Variables>"
                  "<Cases><Case guid=\"" +
                  case_guid +
                  "\"><Description>Teilnehmerin 3</Description>"
                  "<CodeRef targetGUID=\"" +
                  kCodeGuid +
                  "\"/>"
                  "<VariableValue><VariableRef targetGUID=\"" +
                  variable_guid +
                  "\"/><IntegerValue> 15 </IntegerValue></VariableValue>"
                  "<VariableValue><VariableRef targetGUID=\"" +
                  variable_guid +
                  "\"/><IntegerValue>fünfzehn</IntegerValue></VariableValue>"
                  "<SourceRef targetGUID=\"" +
                  GuidKey(kSourceGuid) +
                  "\"/><SourceRef targetGUID=\"bbbbbbbb-0000-4000-8000-000000000000\"/>"
                  "</Case></Cases>"
                  "<Sources>"
                  "<TextSource guid=\"" +
                  kSourceGuid +
                  "\" creatingUser=\"cccccccc-0000-4000-8000-000000000000\" "
                  "creationDateTime=\"2024-01-02T03:04:05+01:00\"><Description>Inline</Description>"
                  "<PlainTextContent>" +
                  text +
                  "</PlainTextContent>"
                  "<PlainTextSelection name=\"no guid\" startPosition=\"4\" endPosition=\"11\">"
                  "<Coding guid=\"dddddddd-0000-4000-8000-000000000001\"><CodeRef targetGUID=\"{" +
                  kCodeGuid +
                  "}\"/></Coding>"
                  "<Coding guid=\"dddddddd-0000-4000-8000-000000000002\"><CodeRef "
                  "targetGUID=\"eeeeeeee-0000-4000-8000-000000000000\"/></Coding>"
                  "<Coding guid=\"dddddddd-0000-4000-8000-000000000003\"/>"
                  "</PlainTextSelection>"
                  "<PlainTextSelection guid=\"dddddddd-0000-4000-8000-000000000010\" "
                  "startPosition=\"30\" endPosition=\"9999\"/>"
                  "<PlainTextSelection guid=\"dddddddd-0000-4000-8000-000000000011\" "
                  "startPosition=\"9\" endPosition=\"3\"/>"
                  "<PlainTextSelection guid=\"dddddddd-0000-4000-8000-000000000012\" "
                  "startPosition=\"5\" endPosition=\"5\"/>"
                  "<PlainTextSelection guid=\"dddddddd-0000-4000-8000-000000000013\" "
                  "startPosition=\"-1\" endPosition=\"x\"/>"
                  "<PlainTextSelection guid=\"dddddddd-0000-4000-8000-000000000014\" "
                  "startPosition=\"23\" endPosition=\"39\">"
                  "<Description>Khmer: they did not come</Description></PlainTextSelection>"
                  "<Coding guid=\"dddddddd-0000-4000-8000-000000000020\"><CodeRef targetGUID=\"" +
                  kCodeGuid +
                  "\"/></Coding>"
                  "<NoteRef targetGUID=\"" +
                  note_guid +
                  "\"/>"
                  "<VariableValue><VariableRef targetGUID=\"" +
                  variable_guid +
                  "\"/><IntegerValue>+7</IntegerValue></VariableValue>"
                  "</TextSource>"
                  "<PictureSource guid=\"ffffffff-0000-4000-8000-000000000001\" name=\"Foto\" "
                  "path=\"internal://x.jpg\"/>"
                  "<AudioSource guid=\"ffffffff-0000-4000-8000-000000000002\" name=\"Aufnahme\" "
                  "path=\"internal://x.m4a\"/>"
                  "<PDFSource guid=\"ffffffff-0000-4000-8000-000000000003\" name=\"Bericht\" "
                  "path=\"internal://x.pdf\">"
                  "<PDFSelection guid=\"ffffffff-0000-4000-8000-000000000004\" page=\"1\" "
                  "firstX=\"1\" firstY=\"1\" secondX=\"2\" secondY=\"2\"/>"
                  "<Representation guid=\"ffffffff-0000-4000-8000-000000000005\" "
                  "plainTextPath=\"internal://bericht.txt\">"
                  "<PlainTextSelection guid=\"ffffffff-0000-4000-8000-000000000006\" "
                  "startPosition=\"0\" endPosition=\"7\">"
                  "<Coding guid=\"ffffffff-0000-4000-8000-000000000007\"><CodeRef targetGUID=\"" +
                  kCodeGuid +
                  "\"/></Coding>"
                  "</PlainTextSelection></Representation></PDFSource>"
                  "<TextSource guid=\"ffffffff-0000-4000-8000-000000000008\" name=\"Fehlt\" "
                  "plainTextPath=\"relative://nirgends/fehlt.txt\"/>"
                  "<TextSource guid=\"ffffffff-0000-4000-8000-000000000009\" name=\"Passwort\" "
                  "plainTextPath=\"absolute:///etc/passwd\"/>"
                  "<TextSource guid=\"ffffffff-0000-4000-8000-00000000000a\" name=\"Flucht\" "
                  "plainTextPath=\"internal://../../etc/hosts\"/>"
                  "</Sources>"
                  "<Notes><Note guid=\"" +
                  note_guid + "\" name=\"Memo\" creatingUser=\"" + kUserGuid +
                  "\">"
                  "<PlainTextContent>Erste Zeile&#13;&#10;zweite</PlainTextContent>"
                  "<PlainTextSelection guid=\"ffffffff-0000-4000-8000-0000000000aa\" "
                  "startPosition=\"0\" endPosition=\"1\"/></Note></Notes>"
                  "<Links><Link guid=\"ffffffff-0000-4000-8000-0000000000bb\"/></Links>"
                  "<Sets><Set guid=\"ffffffff-0000-4000-8000-0000000000cc\" name=\"Alles\">"
                  "<MemberSource targetGUID=\"" +
                  kSourceGuid +
                  "\"/><MemberSource targetGUID=\"ffffffff-0000-4000-8000-000000000001\"/>"
                  "<MemberSource targetGUID=\"ffffffff-0000-4000-8000-000000000003\"/><MemberNote "
                  "targetGUID=\"" +
                  note_guid +
                  "\"/></Set></Sets>"
                  "<Graphs><Graph guid=\"ffffffff-0000-4000-8000-0000000000dd\"/></Graphs>"
                  "<Description>Projektbeschreibung</Description><NoteRef targetGUID=\"" +
                  note_guid +
                  "\"/>"
                  "<Extra/>");
  const std::string path = dir / "odd.qdpx";
  MakeZip(path, {{"project.qde", qde}, {"sources/bericht.txt", "Bericht über die Anhörung"}});
  const QdpxImport in = ReadQdpx(path);
  const QdaProject& p = in.project;
  INFO([&] {
    std::string all;
    for (const auto& w : in.report.warnings) all += w + "\n";
    return all;
  }());

  CHECK(p.description == "Projektbeschreibung");
  REQUIRE(p.users.size() == 2);  // the listed one and the unnamed creator of the source
  CHECK(p.users[0].guid == kUserGuid);
  CHECK(p.users[0].name == "NG");
  CHECK(p.users[1].name.empty());
  CHECK(AnyWarningContains(in.report, "an unnamed user was added"));
  CHECK(p.codes.at(0).color == "#FF0000");
  CHECK(p.codes[0].note_refs == std::vector<std::string>{note_guid});
  REQUIRE(p.variables.size() == 2);
  CHECK(p.variables[1].type == QdaVariableType::kText);
  CHECK(AnyWarningContains(in.report, "“Colour” is unknown"));

  REQUIRE(p.cases.size() == 1);
  CHECK(p.cases[0].name.empty());
  CHECK(p.cases[0].description == "Teilnehmerin 3");
  REQUIRE(p.cases[0].variable_values.size() == 1);
  CHECK(p.cases[0].variable_values[0].value == "15");
  CHECK(AnyWarningContains(in.report, "“fünfzehn” is not a valid Integer"));
  CHECK(p.cases[0].source_guids == std::vector<std::string>{kSourceGuid});
  CHECK(AnyWarningContains(in.report, "bbbbbbbb-0000-4000-8000-000000000000"));
  CHECK(AnyWarningContains(in.report, "1 code and 0 selection reference(s)"));

  REQUIRE(p.sources.size() == 2);
  const QdaTextSource& inline_source = p.sources[0];
  CHECK(inline_source.text == text);
  CHECK(inline_source.name.empty());
  CHECK(inline_source.description == "Inline");
  CHECK(inline_source.creation_time == "2024-01-02T02:04:05Z");
  REQUIRE(inline_source.selections.size() == 2);
  const QdaSelection& first = inline_source.selections[0];
  CHECK(IsGuid(first.guid));
  CHECK(CountWarningsContaining(in.report, "has no GUID") ==
        1);  // skipped objects cause no GUID noise
  CHECK(Excerpt(inline_source, first) == "Polizei");
  REQUIRE(first.codings.size() == 1);  // unknown code and missing CodeRef dropped
  CHECK(first.codings[0].code_guid == kCodeGuid);
  CHECK(first.codings[0].creating_user.empty());
  CHECK(AnyWarningContains(in.report, "eeeeeeee-0000-4000-8000-000000000000"));
  CHECK(AnyWarningContains(in.report, "without a code reference"));
  CHECK(AnyWarningContains(in.report, "lies outside the text"));
  CHECK(AnyWarningContains(in.report, "starts (9) after it ends (3)"));
  CHECK(AnyWarningContains(in.report, "it is empty (5–5)"));
  CHECK(AnyWarningContains(in.report, "are not numbers"));
  CHECK(Excerpt(inline_source, inline_source.selections[1]) == "ពួកគេមិនបានមកទេ។");
  CHECK(inline_source.selections[1].description == "Khmer: they did not come");
  CHECK(inline_source.codings.size() == 1);
  CHECK(inline_source.note_refs == std::vector<std::string>{note_guid});
  CHECK(inline_source.variable_values.at(0).value == "+7");

  const QdaTextSource& pdf = p.sources[1];
  CHECK(pdf.guid == "ffffffff-0000-4000-8000-000000000003");
  CHECK(pdf.name == "Bericht");
  CHECK(Excerpt(pdf, pdf.selections.at(0)) == "Bericht");
  CHECK(AnyWarningContains(in.report, "1 area selection(s)"));
  CHECK(AnyWarningContains(in.report, "picture source “Foto”"));
  CHECK(AnyWarningContains(in.report, "audio source “Aufnahme”"));
  CHECK(AnyWarningContains(in.report, "“Fehlt” was not imported"));
  CHECK(AnyWarningContains(
      in.report, "“Passwort” was not imported: it is an external file that is not a .txt"));
  CHECK(AnyWarningContains(in.report, "leaves the project"));

  REQUIRE(p.notes.size() == 1);
  CHECK(p.notes[0].text == "Erste Zeile\nzweite");
  CHECK(p.notes[0].creating_user == kUserGuid);
  CHECK(p.notes[0].target_guids == std::vector<std::string>{kCodeGuid, kSourceGuid});
  CHECK(p.note_refs == std::vector<std::string>{note_guid});
  CHECK(AnyWarningContains(in.report, "inside the note were not imported"));
  CHECK(AnyWarningContains(in.report, "1 link(s)"));
  CHECK(AnyWarningContains(in.report, "1 graph(s)"));
  CHECK(AnyWarningContains(in.report, "<Extra>"));
  REQUIRE(p.sets.size() == 1);
  CHECK(p.sets[0].member_sources ==
        std::vector<std::string>{kSourceGuid, "ffffffff-0000-4000-8000-000000000003"});
  CHECK(p.sets[0].member_notes == std::vector<std::string>{note_guid});

  // A lenient read still exports as a valid project.
  const std::string out = dir / "odd-export.qdpx";
  WriteQdpx(p, out);
  CHECK(ValidateQdpx(out, dir) == 0);
}

TEST_CASE("the .qde inside the archive may have another name, and a bare .qde finds its sources",
          "[refi]") {
  TempDir dir;
  const std::string qde = NvivoQde("ATLAS.ti 26.1.2", false);
  SECTION("Trial.qde as ATLAS.ti 26 writes it") {
    const std::string path = dir / "Project.qdpx";
    MakeZip(path, {{"Trial.qde", qde},
                   {"sources/" + kSourceGuid + ".txt", kNvivoText},
                   {"sources/.root", ""}});
    const QdpxImport in = ReadQdpx(path);
    CHECK(in.project.sources.size() == 1);
    CHECK(AnyWarningContains(in.report, "Trial.qde instead of project.qde"));
  }
  SECTION("a zipped project folder") {
    const std::string path = dir / "folder.qdpx";
    MakeZip(path, {{"Studie/project.qde", NvivoQde("NVivo 12", false)},
                   {"Studie/Sources/" + kSourceGuid + ".txt", kNvivoText}});
    const QdpxImport in = ReadQdpx(path);
    REQUIRE(in.project.sources.size() == 1);
    CHECK(in.project.sources[0].selections.size() == 5);
    CHECK(AnyWarningContains(in.report, "Studie/project.qde"));
  }
  SECTION("several .qde files, one of them project.qde") {
    const std::string path = dir / "two.qdpx";
    MakeZip(path, {{"old.qde", "garbage"},
                   {"project.qde", qde},
                   {"Sources/" + kSourceGuid + ".txt", kNvivoText}});
    CHECK(ReadQdpx(path).project.sources.size() == 1);
  }
  SECTION("a bare .qde with a Sources folder beside it") {
    fs::create_directories(dir.path / "Sources");
    Spit(dir / "project.qde", NvivoQde("NVivo 12", false));
    Spit((dir.path / "Sources" / (kSourceGuid + ".txt")).string(), kNvivoText);
    const QdpxImport in = ReadQdpx(dir / "project.qde");
    REQUIRE(in.project.sources.size() == 1);
    CHECK(in.project.sources[0].selections.size() == 5);
  }
  SECTION("a bare .qde misnamed .qdpx") {
    Spit(dir / "misnamed.qdpx", "\xEF\xBB\xBF" + Project("qc", CodeBookXml()));
    const QdpxImport in = ReadQdpx(dir / "misnamed.qdpx");
    CHECK(in.project.codes.size() == 1);
    CHECK(AnyWarningContains(in.report, "not a ZIP archive"));
  }
  SECTION("relative:// sources beside the archive") {
    const std::string relative =
        Project("MAXQDA 24",
                CodeBookXml() + "<Sources><TextSource guid=\"" + kSourceGuid +
                    "\" name=\"extern\" plainTextPath=\"relative://texte/extern.txt\"/></Sources>");
    fs::create_directories(dir.path / "texte");
    Spit((dir.path / "texte" / "extern.txt").string(), "außerhalb");
    MakeZip(dir / "rel.qdpx", {{"project.qde", relative}});
    const QdpxImport in = ReadQdpx(dir / "rel.qdpx");
    REQUIRE(in.project.sources.size() == 1);
    CHECK(in.project.sources[0].text == "außerhalb");
    CHECK(AnyWarningContains(in.report, "external file"));
    QdpxReadOptions closed;
    closed.read_external_files = false;
    CHECK(ReadQdpx(dir / "rel.qdpx", closed).project.sources.empty());
  }
}

// --- writing ------------------------------------------------------------------------------------

namespace {

QdaProject FullProject() {
  QdaProject p;
  p.name = "Studie „Vertrauen“ – Kambodscha";
  p.origin = "ignored on export";
  p.creating_user_guid = kUserGuid;
  p.creation_time = "2024-05-06T07:08:09Z";
  p.description = "Synthetic & fictional <demo>";
  p.users = {{kUserGuid, "Sokha"}, {"2b0b1791-be46-4557-9957-7333544cfaf2", "Amina"}};
  QdaCode parent{
      "A1B2C3D4-0000-4000-8000-00000000000A", "Akteure", false, "#112233", "Kategorie", {}, {}};
  parent.children.push_back({kCodeGuid,
                             "ตำรวจ (police)",
                             true,
                             "#FF8800",
                             "",
                             {"aaaaaaaa-0000-4000-8000-000000000001"},
                             {}});
  p.codes = {parent};
  p.variables = {
      {"aaaaaaaa-0000-4000-8000-000000000002", "Alter", QdaVariableType::kInteger, "in Jahren"},
      {"aaaaaaaa-0000-4000-8000-000000000004", "Geschlecht", QdaVariableType::kText, ""},
      {"aaaaaaaa-0000-4000-8000-000000000005", "Datum", QdaVariableType::kDate, ""}};
  QdaTextSource source;
  source.guid = kSourceGuid;
  source.name = "Interview 3 (Khmer/Deutsch)";
  source.text = "R: ពួកគេមិនបានមកទេ។\nI: Und dann? 😀\nR: Nichts.\n";
  source.creating_user = kUserGuid;
  source.creation_time = "2024-05-06T07:08:10Z";
  source.description = "Transkript";
  QdaSelection selection{"bbbbbbbb-0000-4000-8000-000000000001",
                         "",
                         3,
                         19,
                         kUserGuid,
                         "2024-05-06T07:09:00Z",
                         "Kernaussage",
                         {},
                         {}};
  selection.codings.push_back(
      {"cccccccc-0000-4000-8000-000000000001", kCodeGuid, kUserGuid, "2024-05-06T07:09:01Z", {}});
  selection.codings.push_back({"cccccccc-0000-4000-8000-000000000002",
                               kCodeGuid,
                               "2b0b1791-be46-4557-9957-7333544cfaf2",
                               "",
                               {}});
  source.selections.push_back(selection);
  source.selections.push_back({"bbbbbbbb-0000-4000-8000-000000000002",
                               "Und dann? 😀",
                               23,
                               34,
                               "",
                               "",
                               "",
                               {{"cccccccc-0000-4000-8000-000000000003", kCodeGuid, "", "", {}}},
                               {}});
  source.codings.push_back({"cccccccc-0000-4000-8000-000000000004", kCodeGuid, kUserGuid, "", {}});
  source.variable_values = {
      {"aaaaaaaa-0000-4000-8000-000000000002", QdaVariableType::kInteger, "16"}};
  p.sources.push_back(source);
  QdaTextSource empty;
  empty.guid = "dddddddd-0000-4000-8000-000000000001";
  empty.name = "Leer";
  p.sources.push_back(empty);
  p.cases.push_back(
      {"eeeeeeee-0000-4000-8000-000000000001",
       "P03",
       "Mädchen, 15–17",
       {{"aaaaaaaa-0000-4000-8000-000000000004", QdaVariableType::kText, "Mädchen"},
        {"aaaaaaaa-0000-4000-8000-000000000005", QdaVariableType::kDate, "2024-05-06"}},
       {kSourceGuid}});
  p.notes.push_back({"aaaaaaaa-0000-4000-8000-000000000001",
                     "Memo",
                     "Erste Zeile\nzweite Zeile",
                     kUserGuid,
                     "2024-05-06T07:10:00Z",
                     {kCodeGuid, "bbbbbbbb-0000-4000-8000-000000000001"}});
  p.notes.push_back({"aaaaaaaa-0000-4000-8000-000000000006", "Projektmemo", "", "", "", {}});
  p.note_refs = {"aaaaaaaa-0000-4000-8000-000000000006"};
  p.sets.push_back({"ffffffff-0000-4000-8000-000000000001",
                    "Interviews",
                    "",
                    {kCodeGuid},
                    {kSourceGuid},
                    {"aaaaaaaa-0000-4000-8000-000000000001"}});
  return p;
}

}  // namespace

TEST_CASE("a written project validates against the schema and round-trips", "[refi]") {
  TempDir dir;
  QdpxWriteOptions options;
  options.export_time = "2025-01-02T03:04:05Z";
  const QdaProject original = FullProject();
  const std::string first = dir / "first.qdpx";
  WriteQdpx(original, first, options);
  CHECK(ValidateQdpx(first, dir) == 0);

  const ZipArchive archive(first);
  CHECK(archive.Names() ==
        std::vector<std::string>{"project.qde", "sources/" + kSourceGuid + ".txt",
                                 "sources/dddddddd-0000-4000-8000-000000000001.txt"});
  CHECK(archive.Read("sources/" + kSourceGuid + ".txt") == original.sources[0].text);  // no BOM, LF
  const std::string qde = archive.Read("project.qde");
  CHECK_THAT(qde, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
  CHECK_THAT(qde, Catch::Contains("xmlns=\"urn:QDA-XML:project:1.0\""));
  CHECK_THAT(qde, Catch::Contains("origin=\"Tessera"));
  CHECK_THAT(qde, Catch::Contains("plainTextPath=\"internal://" + kSourceGuid + ".txt\""));
  CHECK_THAT(qde, Catch::Contains(
                      "startPosition=\"23\" endPosition=\"34\""));  // code points, end exclusive
  CHECK_THAT(qde, Catch::Contains("modifiedDateTime=\"2025-01-02T03:04:05Z\""));

  const QdpxImport back = ReadQdpx(first);
  CHECK(back.report.warnings.empty());
  const QdaProject& p = back.project;
  CHECK(p.name == original.name);
  CHECK(p.description == original.description);
  CHECK(p.sources.at(0).text == original.sources[0].text);
  CHECK(p.sources[1].text.empty());
  CHECK(Excerpt(p.sources[0], p.sources[0].selections.at(0)) == "ពួកគេមិនបានមកទេ។");
  CHECK(Excerpt(p.sources[0], p.sources[0].selections.at(1)) == "Und dann? 😀");
  CHECK(p.sources[0].selections[0].codings.size() == 2);
  CHECK(p.sources[0].selections[0].note_refs ==
        std::vector<std::string>{"aaaaaaaa-0000-4000-8000-000000000001"});
  CHECK(p.codes.at(0).children.at(0).note_refs ==
        std::vector<std::string>{"aaaaaaaa-0000-4000-8000-000000000001"});
  CHECK(p.notes.at(0).target_guids == original.notes[0].target_guids);
  CHECK(p.cases.at(0).variable_values.size() == 2);
  CHECK(p.sets.at(0).member_notes.size() == 1);

  const std::string second = dir / "second.qdpx";
  WriteQdpx(p, second, options);
  const ZipArchive again(second);
  CHECK(again.Read("project.qde") == qde);
  CHECK(again.Read("sources/" + kSourceGuid + ".txt") == original.sources[0].text);
}

TEST_CASE("the samples export -> import -> export to the same XML and validate", "[refi]") {
  TempDir dir;
  QdpxWriteOptions options;
  options.export_time = "2025-01-02T03:04:05Z";
  for (const std::string sample :
       {"qc-1.3.2_demo-project.qdpx", "nvivo-mac-15.0.0_project.qdpx",
        "atlasti-win-23.2.3_codes-project.qdpx", "maxqda-24.7.0_project.qde"}) {
    DYNAMIC_SECTION(sample) {
      const QdpxImport in = ReadQdpx(kSamples + sample);
      const std::string a = dir / "a.qdpx";
      WriteQdpx(in.project, a, options);
      CHECK(ValidateQdpx(a, dir) == 0);
      const QdpxImport reread = ReadQdpx(a);
      CHECK(reread.report.warnings.empty());
      CHECK(CountCodes(reread.project.codes) == CountCodes(in.project.codes));
      CHECK(reread.project.sources.size() == in.project.sources.size());
      const std::string b = dir / "b.qdpx";
      WriteQdpx(reread.project, b, options);
      const ZipArchive za(a);
      const ZipArchive zb(b);
      CHECK(za.Names() == zb.Names());
      for (const auto& name : za.Names()) CHECK(za.Read(name) == zb.Read(name));
    }
  }
  SECTION("without a fixed time only modifiedDateTime differs") {
    const QdpxImport in = ReadQdpx(kSamples + "qc-1.3.2_demo-project.qdpx");
    const std::string xml = ProjectToQde(in.project);
    CHECK(IsRefiDateTime(xml.substr(xml.find("modifiedDateTime=\"") + 18, 20)));
  }
}

TEST_CASE("writing a project refuses invalid content and never leaves half a file", "[refi]") {
  TempDir dir;
  const std::string path = dir / "export.qdpx";
  Spit(path, "previous export");
  std::vector<std::pair<std::string, std::function<void(QdaProject&)>>> breakages{
      {"malformed GUID", [](QdaProject& p) { p.codes[0].guid = "code-001"; }},
      {"duplicate GUID", [](QdaProject& p) { p.sources[1].guid = kSourceGuid; }},
      {"selection past the end", [](QdaProject& p) { p.sources[0].selections[0].end = 1000; }},
      {"selection reversed", [](QdaProject& p) { p.sources[0].selections[0].start = 20; }},
      {"unknown code",
       [](QdaProject& p) {
         p.sources[0].codings[0].code_guid = "99999999-0000-4000-8000-000000000000";
       }},
      {"bad time", [](QdaProject& p) { p.sources[0].creation_time = "2024-05-06 07:08"; }},
      {"bad colour", [](QdaProject& p) { p.codes[0].color = "rgb(1,2,3)"; }},
      {"bad value", [](QdaProject& p) { p.sources[0].variable_values[0].value = "sixteen"; }},
      {"unknown note",
       [](QdaProject& p) { p.note_refs.push_back("99999999-0000-4000-8000-000000000000"); }},
      {"note on a case", [](QdaProject& p) { p.notes[0].target_guids.push_back(p.cases[0].guid); }},
      {"control character",
       [](QdaProject& p) {
         p.sources[0].name =
             "form\x0C"
             "feed";
       }},
      {"invalid UTF-8 text", [](QdaProject& p) { p.sources[0].text = "\xC3("; }},
  };
  for (const auto& [label, breakage] : breakages) {
    DYNAMIC_SECTION(label) {
      QdaProject p = FullProject();
      breakage(p);
      try {
        WriteQdpx(p, path);
        FAIL("no exception");
      } catch (const DataError& e) {
        CHECK(e.path() == path);
      }
      CHECK(Slurp(path) == "previous export");
      CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) ==
            1);  // no temp files
    }
  }
  SECTION("empty GUIDs get new lowercase ones") {
    QdaProject p = FullProject();
    p.sources[0].selections[1].guid.clear();
    p.sources[0].selections[0].codings[0].guid.clear();
    p.sources[1].guid.clear();
    p.codes[0].children.push_back({"", "ohne GUID", true, "", "", {}, {}});
    WriteQdpx(p, path);
    CHECK(ValidateQdpx(path, dir) == 0);
    const QdpxImport back = ReadQdpx(path);
    REQUIRE(back.project.sources.size() == 2);
    CHECK(back.report.warnings.empty());
    CHECK(back.project.sources[1].guid == GuidKey(back.project.sources[1].guid));
    CHECK(IsGuid(back.project.sources[0].selections[0].codings[0].guid));
    CHECK(IsGuid(back.project.codes[0].children.at(1).guid));
  }
  SECTION("a folder that does not exist") {
    CHECK_THROWS_AS(WriteQdpx(FullProject(), dir / "nirgends/x.qdpx"), DataError);
  }
}

// --- hostile and broken files -------------------------------------------------------------------

TEST_CASE("hostile and broken archives are refused with a DataError naming the file", "[refi]") {
  TempDir dir;
  const std::string qde = Project("qc", CodeBookXml());
  auto refused = [&](const std::string& path, const std::string& reason_part) {
    try {
      ReadQdpx(path);
      FAIL("no exception for " << path);
    } catch (const DataError& e) {
      CHECK(e.path() == path);
      CHECK_THAT(e.what(), Catch::Contains(path));
      CHECK_THAT(e.reason(), Catch::Contains(reason_part, Catch::CaseSensitive::No));
    }
  };
  SECTION("an entry that climbs out with ../") {
    MakeZip(dir / "climb.qdpx", {{"project.qde", qde}, {"../evil.txt", "x"}});
    refused(dir / "climb.qdpx", "../evil.txt");
  }
  SECTION("an entry with an absolute path") {
    MakeZip(dir / "absolute.qdpx", {{"project.qde", qde}, {"/etc/evil.txt", "x"}});
    refused(dir / "absolute.qdpx", "/etc/evil.txt");
  }
  SECTION("a zip bomb: 100 MB of zeros") {
    MakeZip(dir / "bomb.qdpx",
            {{"project.qde", qde}, {"sources/zeros.txt", std::string(100u << 20, '\0')}});
    CHECK(fs::file_size(dir.path / "bomb.qdpx") < (1u << 20));
    refused(dir / "bomb.qdpx", "zip bomb");
  }
  SECTION("malformed XML, reported with line and column") {
    MakeZip(dir / "broken.qdpx",
            {{"project.qde",
              "<?xml version=\"1.0\"?>\n<Project name=\"x\">\n  <Users>\n</Project>\n"}});
    refused(dir / "broken.qdpx", "project.qde: malformed XML at line 4, column");
  }
  SECTION("a file that is not a ZIP") {
    Spit(dir / "text.qdpx", "Dies ist kein Archiv.");
    refused(dir / "text.qdpx", "not a ZIP");
  }
  SECTION("a truncated ZIP") {
    MakeZip(dir / "whole.qdpx", {{"project.qde", qde}});
    const std::string bytes = Slurp(dir / "whole.qdpx");
    Spit(dir / "cut.qdpx", bytes.substr(0, bytes.size() / 2));
    refused(dir / "cut.qdpx", "ZIP");
  }
  SECTION("an archive without a .qde") {
    MakeZip(dir / "empty.qdpx", {{"sources/a.txt", "x"}});
    refused(dir / "empty.qdpx", "no project.qde");
  }
  SECTION("several .qde files and none is project.qde") {
    MakeZip(dir / "many.qdpx", {{"a.qde", qde}, {"b.qde", qde}});
    refused(dir / "many.qdpx", "2 .qde files");
  }
  SECTION("a codebook where a project belongs") {
    MakeZip(dir / "codebook.qdpx",
            {{"project.qde", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>"}});
    refused(dir / "codebook.qdpx", "codebook");
  }
  SECTION("a file that does not exist") { refused(dir / "fehlt.qdpx", "no such file"); }
  SECTION("a source that is not text only costs that source") {
    MakeZip(dir / "binary.qdpx", {{"project.qde", NvivoQde("NVivo 12", false)},
                                  {"sources/" + kSourceGuid + ".txt", std::string("\0\1\2\3", 4)}});
    const QdpxImport in = ReadQdpx(dir / "binary.qdpx");
    CHECK(in.project.sources.empty());
    CHECK(AnyWarningContains(in.report, "binary"));
  }
  SECTION("a source in a legacy encoding is decoded with a warning") {
    const std::string latin1 =
        "Gr\xFC\xDF"
        "e aus K\xF6ln. Die Beh\xF6rden haben nicht geantwortet, und die M\xE4"
        "dchen mussten "
        "drau\xDF"
        "en warten. Sp\xE4ter kam niemand zur\xFC"
        "ck, obwohl es versprochen worden war.\n";
    MakeZip(dir / "latin1.qdpx",
            {{"project.qde",
              Project("qc", CodeBookXml() + "<Sources><TextSource guid=\"" + kSourceGuid +
                                "\" plainTextPath=\"internal://alt.txt\"/></Sources>")},
             {"sources/alt.txt", latin1}});
    const QdpxImport in = ReadQdpx(dir / "latin1.qdpx");
    REQUIRE(in.project.sources.size() == 1);
    CHECK_THAT(in.project.sources[0].text, Catch::StartsWith("Grüße aus Köln."));
    CHECK(AnyWarningContains(in.report, "the text is not UTF-8; it was read as"));
  }
}
