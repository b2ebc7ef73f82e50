// Transcript import (import/importer.h, office_reader.h, subtitle_reader.h): every format and
// encoding to its stored text, data-driven from tests/data/import (an input file and its
// `.expected` text); docx and odt built at test time with libzip; folders, duplicates, cases,
// variables, cancel, and the single transaction of an import.

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "error.h"
#include "import/importer.h"
#include "import/office_reader.h"
#include "import/subtitle_reader.h"
#include "progress.h"
#include "project/audit_log.h"
#include "project/document_store.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "test_support.h"
#include "text/utf8.h"

using namespace tessera;
using tessera::test::DataFile;
using tessera::test::ReadFile;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;

namespace {

// Collects messages; cancels once `cancel_after` reports have been seen.
class RecordingProgress : public ProgressSink {
 public:
  explicit RecordingProgress(std::size_t cancel_after = SIZE_MAX) : m_cancel_after(cancel_after) {}
  void Report(std::size_t, std::size_t, const std::string&) override { ++reports; }
  bool CancelRequested() override { return reports >= m_cancel_after; }
  void Message(const std::string& text) override { messages.push_back(text); }
  std::size_t reports = 0;
  std::vector<std::string> messages;

 private:
  std::size_t m_cancel_after;
};

PreparedDocument Prepare(const std::string& path, ImportOptions options = {}) {
  return PrepareDocument(path, options, TurnDetector());
}

// A docx exercising what the reader keeps and what it leaves out.
std::string TestDocxBody() {
  return R"(<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Phỏng vấn – công tố viên</w:t></w:r></w:p>)"
         R"(<w:tbl><w:tblPr/>)"
         R"(<w:tr><w:tc><w:p><w:r><w:t>Country</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Philippines</w:t></w:r></w:p></w:tc></w:tr>)"
         R"(<w:tr><w:tc><w:p><w:r><w:t>Ngôn ngữ</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tiếng Việt</w:t></w:r></w:p>)"
         R"(<w:p><w:r><w:t>English</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
         R"(<w:p><w:commentRangeStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer:</w:t></w:r>)"
         R"(<w:r><w:t xml:space="preserve"> Thank you.</w:t></w:r><w:commentRangeEnd w:id="0"/>)"
         R"(<w:r><w:commentReference w:id="0"/></w:r></w:p>)"
         R"(<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Prosecutor:</w:t></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>)"
         R"(<w:r><w:t>There are two patterns.</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>First, livestreaming.</w:t></w:r>)"
         R"(<w:del w:id="1" w:author="x"><w:r><w:delText>DELETED TEXT</w:delText></w:r></w:del>)"
         R"(<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> Second, sextortion.</w:t></w:r></w:ins></w:p>)"
         R"(<w:p><w:r><w:t>Tab</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>separated</w:t></w:r>)"
         R"(<w:r><w:footnoteReference w:id="1"/></w:r></w:p>)"
         R"(<w:p><w:hyperlink r:id="rId9"><w:r><w:t>ក្រសួង</w:t></w:r></w:hyperlink></w:p>)"
         R"(<w:sdt><w:sdtContent><w:p><w:r><w:t>Interviewer: In a content control.</w:t></w:r></w:p></w:sdtContent></w:sdt>)"
         R"(<w:p/>)"
         R"(<w:p><w:r><w:t>Prosecutor: 👍</w:t></w:r></w:p>)"
         R"(<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>)";
}

const char* kTestDocxText =
    "Phỏng vấn – công tố viên\n"
    "Country\tPhilippines\n"
    "Ngôn ngữ\tTiếng Việt English\n"
    "Interviewer: Thank you.\n"
    "Prosecutor: There are two patterns.\nFirst, livestreaming. Second, sextortion.\n"
    "Tab\tseparated\n"
    "ក្រសួង\n"
    "Interviewer: In a content control.\n"
    "\n"
    "Prosecutor: 👍";

void WriteTestDocx(const std::string& path) {
  const std::string w = tessera::test::kWordNamespaces;
  tessera::test::WriteDocx(
      path, tessera::test::DocxDocumentXml(TestDocxBody()),
      {{"word/header1.xml", "<w:hdr " + w + "><w:p><w:r><w:t>CONFIDENTIAL DRAFT</w:t></w:r></w:p></w:hdr>"},
       {"word/footer1.xml", "<w:ftr " + w + "><w:p><w:r><w:t>PAGE FOOTER</w:t></w:r></w:p></w:ftr>"},
       {"word/comments.xml",
        "<w:comments " + w + "><w:comment w:id=\"0\"><w:p><w:r><w:t>A COMMENT</w:t></w:r></w:p></w:comment></w:comments>"},
       {"word/footnotes.xml",
        "<w:footnotes " + w + "><w:footnote w:id=\"1\"><w:p><w:r><w:t>A FOOTNOTE</w:t></w:r></w:p></w:footnote></w:footnotes>"}});
}

const char* kTestOdtBody =
    R"(<text:sequence-decls/>)"
    R"(<text:h text:outline-level="1">Entrevista – polícia</text:h>)"
    R"(<text:p>Entrevistadora: Olá.<text:s text:c="3"/>Tudo<text:s/>bem?)"
    R"(<office:annotation><dc:creator>x</dc:creator><text:p>A COMMENT</text:p></office:annotation></text:p>)"
    R"(<text:p>Participante: Sim.<text:line-break/>Obrigada.<text:note text:note-class="footnote">)"
    R"(<text:note-citation>1</text:note-citation><text:note-body><text:p>A FOOTNOTE</text:p></text:note-body></text:note></text:p>)"
    R"(<table:table><table:table-column/><table:table-row><table:table-cell><text:p>País</text:p></table:table-cell>)"
    R"(<table:table-cell><text:p>Moçambique</text:p></table:table-cell></table:table-row></table:table>)"
    R"(<text:list><text:list-item><text:p>primeiro</text:p></text:list-item>)"
    R"(<text:list-item><text:p>segundo<text:tab/>fim</text:p></text:list-item></text:list>)"
    R"(<text:p><text:span>Entrevistadora: </text:span>Obrigada 🙏.</text:p>)"
    R"(<text:p>Participante: De nada.</text:p>)";

const char* kTestOdtText =
    "Entrevista – polícia\n"
    "Entrevistadora: Olá.   Tudo bem?\n"
    "Participante: Sim.\nObrigada.\n"
    "País\tMoçambique\n"
    "primeiro\n"
    "segundo\tfim\n"
    "Entrevistadora: Obrigada 🙏.\n"
    "Participante: De nada.";

std::size_t DocumentCount(Project& project) { return DocumentStore(project.Db()).List().size(); }

}  // namespace

TEST_CASE("Text files in every supported encoding import to their expected stored text", "[import]") {
  struct Case {
    const char* file;
    std::set<std::string> encodings;
  };
  const Case cases[] = {
      {"utf8_vietnamese_nfd_crlf.txt", {"UTF-8"}},
      {"utf8_bom_khmer.txt", {"UTF-8"}},
      {"utf16le_thai_crlf.txt", {"UTF-16LE"}},
      {"utf16be_emoji.txt", {"UTF-16BE"}},
      {"tis620_thai.txt", {"TIS-620", "WINDOWS-874", "ISO-8859-11"}},
      {"cp1252_portuguese.txt", {"WINDOWS-1252", "ISO-8859-1", "ISO-8859-15"}},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    const std::string path = DataFile(std::string("import/") + c.file);
    const auto prepared = Prepare(path);
    CHECK(prepared.document.text == ReadFile(path + ".expected"));
    CHECK(c.encodings.count(prepared.document.source_encoding) == 1);
    CHECK(prepared.format == "txt");
    CHECK(prepared.document.name == fs::path(c.file).stem().string());
    CHECK(prepared.document.source_sha256 == Sha256Hex(ReadFile(path)));
    CHECK(prepared.document.turns.size() == 4);
  }
}

TEST_CASE("An explicit encoding overrides detection for .txt files", "[import]") {
  ImportOptions options;
  options.encoding = "windows-1252";
  const auto pt = Prepare(DataFile("import/cp1252_portuguese.txt"), options);
  CHECK(pt.document.text == ReadFile(DataFile("import/cp1252_portuguese.txt.expected")));
  CHECK(pt.document.source_encoding == "windows-1252");
  options.encoding = "TIS-620";
  CHECK(Prepare(DataFile("import/tis620_thai.txt"), options).document.text ==
        ReadFile(DataFile("import/tis620_thai.txt.expected")));
  // The wrong encoding named on purpose is obeyed: Thai bytes read as Windows-1252 are mojibake, not an error.
  options.encoding = "windows-1252";
  const auto forced = Prepare(DataFile("import/tis620_thai.txt"), options);
  CHECK(forced.document.text != ReadFile(DataFile("import/tis620_thai.txt.expected")));
  CHECK(utf8::IsValid(forced.document.text));
}

TEST_CASE("SubRip cues keep their text; the timestamps go on the turns", "[import]") {
  const auto prepared = Prepare(DataFile("import/interview.srt"));
  const auto& doc = prepared.document;
  CHECK(doc.text == ReadFile(DataFile("import/interview.srt.expected")));
  CHECK(doc.text.find("-->") == std::string::npos);
  CHECK(doc.text.find("00:00") == std::string::npos);
  CHECK(prepared.format == "srt");
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].speaker == "Interviewer");
  CHECK(doc.turns[0].time_start_ms == 1000);
  CHECK(doc.turns[0].time_end_ms == 4500);
  CHECK(utf8::SubstrCodePoints(doc.text, doc.turns[1].start, doc.turns[1].end) == "Official: Yes, clearly.\nPlease go ahead.");
  CHECK(doc.turns[1].time_start_ms == 4900);
  CHECK(doc.turns[1].time_end_ms == 7200);
  CHECK(doc.turns[2].time_start_ms == 67600);
  CHECK(doc.turns[3].time_start_ms == 3614200);
  CHECK(doc.turns[3].time_end_ms == 3627050);
}

TEST_CASE("A cue time with an absurd number of hours imports without overflowing", "[import]") {
  // Found by the subtitles fuzz target: hours have no digit limit in the timing pattern.
  const auto raw = tessera::ParseSubtitles(
      "1\n88888888888888888888:00:00,000 --> 99999999999999999999:59:59,999\nRespondent: Later.\n", false, "late.srt");
  REQUIRE(raw.cues.size() == 1);
  CHECK(raw.cues[0].start_ms > 0);
  CHECK(raw.cues[0].end_ms >= raw.cues[0].start_ms);
  CHECK(raw.text.find("Respondent: Later.") != std::string::npos);
}

TEST_CASE("WebVTT voice tags become `Name: ` labels; other tags, notes and styles are dropped", "[import]") {
  const auto prepared = Prepare(DataFile("import/interview.vtt"));
  const auto& doc = prepared.document;
  CHECK(doc.text == ReadFile(DataFile("import/interview.vtt.expected")));
  CHECK(prepared.format == "vtt");
  REQUIRE(doc.turns.size() == 4);
  CHECK(doc.turns[0].speaker == "Entrevistadora");
  CHECK(doc.turns[1].speaker == "Participante");
  CHECK(doc.turns[0].time_start_ms == 500);
  CHECK(doc.turns[0].time_end_ms == 3250);
  CHECK(doc.turns[2].time_start_ms == 6100);
  CHECK(doc.turns[2].time_end_ms == 9900);
  CHECK(utf8::SubstrCodePoints(doc.text, doc.turns[2].start, doc.turns[2].end) == "Entrevistadora: A polícia ajudou?\nQuando?");
}

TEST_CASE("ParseSubtitles refuses a file without cues and a WebVTT file without its header", "[import]") {
  CHECK_THROWS_AS(ParseSubtitles("just some words\n", false, "x.srt"), DataError);
  CHECK_THROWS_WITH(ParseSubtitles("00:00.000 --> 00:01.000\nhi\n", true, "x.vtt"), Catch::Contains("WEBVTT"));
  CHECK_THROWS_AS(ParseSubtitles("WEBVTT\n\nNOTE nothing else\n", true, "x.vtt"), DataError);
}

TEST_CASE("A .docx gives paragraphs in order, soft breaks, tables as tab-separated rows; no headers, footers or comments", "[import]") {
  TempDir dir;
  const std::string path = dir / "ph_prosecutor.docx";
  WriteTestDocx(path);
  const RawTranscript raw = ReadDocx(path);
  CHECK(raw.text == kTestDocxText);
  CHECK(raw.format == "docx");
  const auto prepared = Prepare(path);
  CHECK(prepared.document.text == kTestDocxText);
  CHECK(prepared.document.source_encoding == "UTF-8");
  for (const char* left_out : {"CONFIDENTIAL", "FOOTER", "COMMENT", "FOOTNOTE", "DELETED"}) {
    INFO(left_out);
    CHECK(prepared.document.text.find(left_out) == std::string::npos);
  }
  const auto& turns = prepared.document.turns;
  REQUIRE(turns.size() == 4);
  CHECK(utf8::SubstrCodePoints(prepared.document.text, turns[1].start, turns[1].end) ==
        "Prosecutor: There are two patterns.\nFirst, livestreaming. Second, sextortion.\nTab\tseparated\nក្រសួង");
}

TEST_CASE("An .odt gives headings, paragraphs, line breaks, spaces, tables and lists; no notes or annotations", "[import]") {
  TempDir dir;
  const std::string path = dir / "mz_entrevista.odt";
  tessera::test::WriteOdt(path, kTestOdtBody);
  const RawTranscript raw = ReadOdt(path);
  CHECK(raw.text == kTestOdtText);
  CHECK(raw.format == "odt");
  const auto prepared = Prepare(path);
  CHECK(prepared.document.text == kTestOdtText);
  CHECK(prepared.document.text.find("COMMENT") == std::string::npos);
  CHECK(prepared.document.text.find("FOOTNOTE") == std::string::npos);
  CHECK(prepared.document.turns.size() == 4);
}

TEST_CASE("An office file with a body but no paragraphs of text is refused", "[import]") {
  TempDir dir;
  const std::string docx = dir / "blank.docx";
  tessera::test::WriteDocx(docx, tessera::test::DocxDocumentXml("<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>"));
  CHECK_THROWS_WITH(Prepare(docx), Catch::Contains("no text"));
  const std::string odt = dir / "spreadsheet.odt";
  tessera::test::WriteZip(odt, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                {"content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
                                                "<office:body><office:spreadsheet/></office:body></office:document-content>"}});
  CHECK_THROWS_AS(Prepare(odt), DataError);
}

TEST_CASE("Import guesses each file's language unless one is given", "[import]") {
  CHECK(Prepare(DataFile("import/tis620_thai.txt")).document.language == "th");
  CHECK(Prepare(DataFile("import/utf8_bom_khmer.txt")).document.language == "km");
  CHECK(Prepare(DataFile("import/utf8_vietnamese_nfd_crlf.txt")).document.language == "vi");
  CHECK(Prepare(DataFile("import/cp1252_portuguese.txt")).document.language == "pt");
  CHECK(Prepare(DataFile("import/utf16be_emoji.txt")).document.language == "en");
  ImportOptions options;
  options.language = "pt-MZ";
  CHECK(Prepare(DataFile("import/utf8_bom_khmer.txt"), options).document.language == "pt-MZ");
}

TEST_CASE("ImportFiles imports every transcript of a folder, skipping hidden and other files", "[import]") {
  TempDir dir;
  const fs::path folder = dir.Path() / "transcripts ខ្មែរ";
  fs::create_directories(folder / "sub");
  fs::create_directories(folder / ".hidden");
  fs::copy_file(DataFile("import/utf8_bom_khmer.txt"), folder / "b_khmer.txt");
  fs::copy_file(DataFile("import/interview.srt"), folder / "a_interview.srt");
  fs::copy_file(DataFile("import/interview.vtt"), folder / "sub" / "c_interview.vtt");
  fs::copy_file(DataFile("import/tis620_thai.txt"), folder / ".hidden" / "thai.txt");
  fs::copy_file(DataFile("import/utf16le_thai_crlf.txt"), folder / ".dotfile.txt");
  WriteFile((folder / "notes.pdf").string(), "%PDF-1.4 not a transcript");
  WriteFile((folder / "a_interview.srt.expected").string(), "not a transcript either");
  CHECK(CollectImportFiles({folder.string()}) ==
        std::vector<std::string>{(folder / "a_interview.srt").string(), (folder / "b_khmer.txt").string(),
                                 (folder / "sub" / "c_interview.vtt").string()});
  Project project = Project::Create(dir / "study.tessera");
  RecordingProgress progress;
  const auto outcomes = ImportFiles(project, {folder.string()}, {}, progress);
  REQUIRE(outcomes.size() == 3);
  for (const auto& o : outcomes) CHECK(o.document_id.has_value());
  CHECK(DocumentCount(project) == 3);
  DocumentStore documents(project.Db());
  CHECK(documents.Text(documents.Resolve("b_khmer")) == ReadFile(DataFile("import/utf8_bom_khmer.txt.expected")));
  CHECK(CheckProject(project).empty());
}

TEST_CASE("CollectImportFiles refuses a missing path and a named file of an unknown type", "[import]") {
  TempDir dir;
  CHECK_THROWS_AS(CollectImportFiles({dir / "missing.txt"}), DataError);
  WriteFile(dir / "scan.pdf", "%PDF");
  CHECK_THROWS_WITH(CollectImportFiles({dir / "scan.pdf"}), Catch::Contains("unsupported file type '.pdf'"));
  WriteFile(dir / "UPPER.TXT", "R: ok\n");
  CHECK(CollectImportFiles({dir / "UPPER.TXT"}).size() == 1);
}

TEST_CASE("Importing a file already in the project is skipped with a message", "[import]") {
  TempDir dir;
  Project project = Project::Create(dir / "dup.tessera");
  RecordingProgress first;
  ImportFiles(project, {DataFile("import/utf8_bom_khmer.txt")}, {}, first);
  const auto audit_entries = AuditLog(project.Db()).Entries().size();
  RecordingProgress second;
  const auto outcomes = ImportFiles(project, {DataFile("import/utf8_bom_khmer.txt")}, {}, second);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].skipped_duplicate);
  CHECK_FALSE(outcomes[0].document_id.has_value());
  CHECK_THAT(outcomes[0].message, Catch::Contains("already in the project") && Catch::Contains("utf8_bom_khmer"));
  REQUIRE(second.messages.size() == 1);
  CHECK_THAT(second.messages[0], Catch::Contains("utf8_bom_khmer.txt") && Catch::Contains("skipped"));
  CHECK(DocumentCount(project) == 1);
  CHECK(AuditLog(project.Db()).Entries().size() == audit_entries);
  // The same text under another name and encoding is the same document too.
  const std::string copy = dir / "khmer copy.txt";
  WriteFile(copy, ReadFile(DataFile("import/utf8_bom_khmer.txt.expected")));
  CHECK(ImportFiles(project, {copy}, {}, second)[0].skipped_duplicate);
  CHECK(DocumentCount(project) == 1);
}

TEST_CASE("Two files with the same text in one import: the second is skipped", "[import]") {
  TempDir dir;
  WriteFile(dir / "a.txt", ReadFile(DataFile("import/utf8_bom_khmer.txt")));
  WriteFile(dir / "b.txt", ReadFile(DataFile("import/utf8_bom_khmer.txt.expected")));
  Project project = Project::Create(dir / "batch.tessera");
  RecordingProgress progress;
  const auto outcomes = ImportFiles(project, {dir / "a.txt", dir / "b.txt"}, {}, progress);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].document_id.has_value());
  CHECK(outcomes[1].skipped_duplicate);
  CHECK(DocumentCount(project) == 1);
}

TEST_CASE("ImportFiles attaches documents to a case and applies a variables CSV", "[import]") {
  TempDir dir;
  WriteFile(dir / "kh_survivor_g01_a.txt", ReadFile(DataFile("import/utf8_bom_khmer.txt")));
  WriteFile(dir / "th_survivor_b01.txt", ReadFile(DataFile("import/tis620_thai.txt")));
  Project project = Project::Create(dir / "vars.tessera");
  ImportOptions options;
  options.case_name = "KH-G01";
  options.variables_csv = DataFile("variables/participants.csv");
  RecordingProgress progress;
  ImportFiles(project, {dir / "kh_survivor_g01_a.txt", dir / "th_survivor_b01.txt"}, options, progress);
  DocumentStore documents(project.Db());
  VariableStore variables(project.Db());
  const auto kh = documents.Resolve("kh_survivor_g01_a");
  const auto th = documents.Resolve("th_survivor_b01");
  // The CSV's `case` column wins over --case for the rows it names.
  CHECK(documents.Info(kh).case_id == variables.FindCase("KH-G01"));
  CHECK(documents.Info(th).case_id == variables.FindCase("TH-B01"));
  CHECK(variables.DocumentValues(kh).at("province") == "\u1797\u17D2\u1793\u17C6\u1796\u17C1\u1789");
  CHECK(variables.DocumentValues(th).at("age") == "15");
  bool warned = false;
  for (const auto& m : progress.messages) warned = warned || m.find("no_such_document") != std::string::npos;
  CHECK(warned);
}

TEST_CASE("ImportFiles writes nothing when any file of the batch is bad", "[import]") {
  TempDir dir;
  const std::string path = dir / "atomic.tessera";
  { Project::Create(path); }
  WriteFile(dir / "a_good.txt", ReadFile(DataFile("import/utf8_bom_khmer.txt")));
  WriteFile(dir / "b_bad.txt", "R: caf\xC3\xA9 \xC3\xA9t\xC3\xA9 \xC3\xA0 c\xC3\xB4t\xC3\xA9, cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e \xFF then a broken byte\n");
  const auto before = tessera::test::ProjectFingerprint(path);
  {
    Project project = Project::Open(path);
    RecordingProgress progress;
    try {
      ImportFiles(project, {dir.Path().string()}, {}, progress);
      FAIL("no exception");
    } catch (const DataError& e) {
      CHECK(e.path() == dir / "b_bad.txt");
    }
  }
  CHECK(tessera::test::ProjectFingerprint(path) == before);
}

TEST_CASE("ImportFiles stops with Cancelled when the sink asks and writes nothing", "[import]") {
  TempDir dir;
  const std::string path = dir / "cancel.tessera";
  { Project::Create(path); }
  const auto before = tessera::test::ProjectFingerprint(path);
  for (std::size_t after : {0u, 1u, 3u}) {
    INFO("cancel after " << after << " reports");
    Project project = Project::Open(path);
    RecordingProgress progress(after);
    CHECK_THROWS_AS(ImportFiles(project, {DataFile("import/utf8_bom_khmer.txt"), DataFile("import/interview.srt")}, {}, progress),
                    Cancelled);
  }
  CHECK(tessera::test::ProjectFingerprint(path) == before);
}

TEST_CASE("ImportFiles records one audit entry per imported document", "[import]") {
  TempDir dir;
  Project project = Project::Create(dir / "audit.tessera");
  project.SetCurrentUser("amara");
  RecordingProgress progress;
  ImportFiles(project, {DataFile("import/interview.vtt"), DataFile("import/utf16le_thai_crlf.txt")}, {}, progress);
  const auto entries = AuditLog(project.Db()).Entries();
  REQUIRE(entries.size() == 3);
  CHECK(entries[1].action == "document/import");
  CHECK(entries[1].actor == "amara");
  const auto detail = nlohmann::json::parse(entries[2].detail);
  CHECK(detail.at("file") == "utf16le_thai_crlf.txt");
  CHECK(detail.at("encoding") == "UTF-16LE");
  CHECK_FALSE(AuditLog(project.Db()).Verify().has_value());
}

TEST_CASE("ImportFiles uses custom turn patterns and refuses a bad one before reading", "[import]") {
  TempDir dir;
  WriteFile(dir / "q.txt", "Q. How are you?\nA. Fine, thanks.\nQ. And the police?\nA. They helped.\n");
  Project project = Project::Create(dir / "patterns.tessera");
  ImportOptions options;
  options.turn_patterns = {R"(^([QA])\.\s)"};
  RecordingProgress progress;
  const auto outcomes = ImportFiles(project, {dir / "q.txt"}, options, progress);
  const auto turns = DocumentStore(project.Db()).Turns(*outcomes[0].document_id);
  REQUIRE(turns.size() == 4);
  CHECK(turns[1].speaker == "A");
  options.turn_patterns = {"(unclosed"};
  CHECK_THROWS_AS(ImportFiles(project, {dir / "q.txt"}, options, progress), DataError);
}
