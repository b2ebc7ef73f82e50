// REFI-QDA codebooks (.qdc): lenient reading of real and odd files, strict writing that validates
// against Codebook.xsd, and atomic file replacement.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <string>

#include "error.h"
#include "exchange/qdc_reader.h"
#include "exchange/qdc_writer.h"
#include "exchange/refi_values.h"
#include "project/identity.h"

namespace fs = std::filesystem;
using namespace tessera;

namespace {

const std::string kRefiDir = TESSERA_SOURCE_DIR "/../shared/refi-qda/";

// A folder under the system temp folder, removed with everything in it.
struct TempDir {
  fs::path path;
  TempDir() : path(fs::temp_directory_path() / ("tessera-qdc-" + NewGuid())) {
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

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

int Xmllint(const std::string& schema, const std::string& file) {
  const std::string command =
      "xmllint --noout --schema '" + schema + "' '" + file + "' 2>/dev/null";
  return std::system(command.c_str());
}

std::string Codebook(const std::string& root_attributes, const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook " + root_attributes + ">\n" + body +
         "\n</CodeBook>\n";
}

const QdaCode& Only(const std::vector<QdaCode>& codes) {
  REQUIRE(codes.size() == 1);
  return codes.front();
}

}  // namespace

TEST_CASE("the ATLAS.ti codebook sample imports with its set", "[refi]") {
  const QdcImport in = ReadQdc(kRefiDir + "samples/atlasti-win-23.4.0_codebook.qdc");
  CHECK(in.report.warnings.empty());
  CHECK(in.codebook.origin == "ATLAS.ti Win 23.4.0");
  const QdaCode& code = Only(in.codebook.codes);
  CHECK(code.guid == "1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294");
  CHECK(code.name == "code1");
  CHECK(code.color == "#46AA00");
  CHECK(code.is_codable);
  CHECK(code.description == "description");
  REQUIRE(in.codebook.sets.size() == 1);
  const QdaSet& set = in.codebook.sets.front();
  CHECK(set.name == "code group 1");
  CHECK(set.description == "kategorie 1");
  REQUIRE(set.member_codes.size() == 1);
  CHECK(set.member_codes.front() == code.guid);
}

TEST_CASE("codebook namespace variants are read with a warning", "[refi]") {
  const std::string body =
      "<Codes><Code guid=\"1ff58b12-6f6f-4b0c-8be5-bbdc91f55294\" name=\"Gewalt\" "
      "isCodable=\"true\"/></Codes>";
  SECTION("the standard namespace gives no warning") {
    const auto in = ParseQdc(Codebook("xmlns=\"urn:QDA-XML:codebook:1.0\"", body), "x.qdc");
    CHECK(in.report.warnings.empty());
    CHECK(Only(in.codebook.codes).name == "Gewalt");
  }
  for (const std::string ns : {"urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0"}) {
    DYNAMIC_SECTION("namespace " << ns) {
      const auto in = ParseQdc(Codebook("xmlns=\"" + ns + "\"", body), "x.qdc");
      CHECK(Only(in.codebook.codes).name == "Gewalt");
      CHECK(AnyWarningContains(in.report, ns));
    }
  }
  SECTION("no namespace at all") {
    const auto in = ParseQdc(Codebook("origin=\"hand-made\"", body), "x.qdc");
    CHECK(Only(in.codebook.codes).name == "Gewalt");
    CHECK(AnyWarningContains(in.report, "no namespace"));
  }
  SECTION("a namespace prefix on every element") {
    const std::string prefixed =
        "<?xml version=\"1.0\"?><q:CodeBook xmlns:q=\"urn:QDA-XML:codebook:1.0\"><q:Codes>"
        "<q:Code guid=\"1ff58b12-6f6f-4b0c-8be5-bbdc91f55294\" name=\"Polizei\" "
        "isCodable=\"false\">"
        "<q:Description>Beschreibung</q:Description></q:Code></q:Codes></q:CodeBook>";
    const auto in = ParseQdc(prefixed, "x.qdc");
    CHECK(in.report.warnings.empty());
    CHECK(Only(in.codebook.codes).name == "Polizei");
    CHECK_FALSE(Only(in.codebook.codes).is_codable);
    CHECK(Only(in.codebook.codes).description == "Beschreibung");
  }
}

TEST_CASE("a BOM before <?xml, braces and case in GUIDs, and missing attributes are tolerated",
          "[refi]") {
  const std::string xml =
      "\xEF\xBB\xBF" +
      Codebook("xmlns=\"urn:QDA-XML:codebook:1.0\"",
               "<Codes>"
               "<Code GUID=\"{A1B2C3D4-0000-4000-8000-00000000000A}\" name=\"ครู &quot;rushed&quot; "
               "&amp; Co\">"
               "  <Code guid=\"b2c3d4e5-0000-4000-8000-00000000000b\" name=\"គ្រូ\" isCodable=\"0\"/>"
               "</Code>"
               "<Code name=\"no guid\" isCodable=\"true\"/>"
               "</Codes>"
               "<Sets><Set guid=\"c3d4e5f6-0000-4000-8000-00000000000c\" name=\"Gruppe\">"
               "<MemberCode guid=\"a1b2c3d4-0000-4000-8000-00000000000a\"/>"
               "<MemberCode guid=\"{B2C3D4E5-0000-4000-8000-00000000000B}\"/>"
               "<MemberCode guid=\"d4e5f6a7-0000-4000-8000-00000000000d\"/>"
               "</Set></Sets>");
  const auto in = ParseQdc(xml, "odd.qdc");
  REQUIRE(in.codebook.codes.size() == 2);
  const QdaCode& parent = in.codebook.codes[0];
  CHECK(parent.guid == "A1B2C3D4-0000-4000-8000-00000000000A");  // braces gone, case kept
  CHECK(parent.name == "ครู \"rushed\" & Co");
  CHECK(parent.is_codable);  // absent isCodable
  CHECK(parent.color.empty());
  const QdaCode& child = Only(parent.children);
  CHECK(child.name == "គ្រូ");
  CHECK_FALSE(child.is_codable);
  const QdaCode& minted = in.codebook.codes[1];
  CHECK(IsGuid(minted.guid));
  CHECK(minted.guid == GuidKey(minted.guid));  // new GUIDs are lowercase
  CHECK(AnyWarningContains(in.report, "has no GUID"));
  // References resolve to the spelling of the definition, whatever their own case and braces;
  // the member that names no code is dropped with a warning.
  const QdaSet& set = in.codebook.sets.at(0);
  REQUIRE(set.member_codes.size() == 2);
  CHECK(set.member_codes[0] == parent.guid);
  CHECK(set.member_codes[1] == child.guid);
  CHECK(AnyWarningContains(in.report, "d4e5f6a7-0000-4000-8000-00000000000d"));
}

TEST_CASE("odd colours are normalised to #RRGGBB with a warning", "[refi]") {
  struct Case {
    std::string written;
    std::string read;
    bool warned;
  };
  const std::vector<Case> cases{
      {"#46aa00", "#46AA00", false},        {"#46AA00", "#46AA00", false},
      {"rgb(70, 170, 0)", "#46AA00", true}, {"RGBA(255,0,16,0.5)", "#FF0010", true},
      {"#46AA00FF", "#46AA00", true},       {"#4a0", "#44AA00", true},
      {"46AA00", "#46AA00", true},          {"rot", "", true},
      {"rgb(300,0,0)", "", true},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION("colour " << c.written) {
      const auto in =
          ParseQdc(Codebook("xmlns=\"urn:QDA-XML:codebook:1.0\"",
                            "<Codes><Code guid=\"1ff58b12-6f6f-4b0c-8be5-bbdc91f55294\" name=\"c\" "
                            "isCodable=\"true\" color=\"" +
                                c.written + "\"/></Codes>"),
                   "colours.qdc");
      CHECK(Only(in.codebook.codes).color == c.read);
      CHECK(AnyWarningContains(in.report, c.written) == c.warned);
    }
  }
}

TEST_CASE("a hostile, very deep code tree is cut instead of exhausting the stack", "[refi]") {
  std::string body = "<Codes>";
  for (int i = 0; i < 100000; ++i) body += "<Code name=\"d\">";
  for (int i = 0; i < 100000; ++i) body += "</Code>";
  body += "</Codes>";
  const auto in = ParseQdc(Codebook("xmlns=\"urn:QDA-XML:codebook:1.0\"", body), "deep.qdc");
  std::size_t depth = 0;
  for (const auto* level = &in.codebook.codes; !level->empty(); level = &level->front().children)
    ++depth;
  CHECK(depth == 200);
  CHECK(AnyWarningContains(in.report, "deeper than 200 levels"));
}

TEST_CASE("broken codebooks are refused with a DataError naming the file", "[refi]") {
  TempDir dir;
  SECTION("malformed XML gives line and column") {
    const std::string path = dir / "kaputt.qdc";
    Spit(path,
         "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n  <Codes>\n    "
         "<Code name=\"a\" </Codes>\n");
    try {
      ReadQdc(path);
      FAIL("no exception");
    } catch (const DataError& e) {
      CHECK(e.path() == path);
      CHECK_THAT(e.what(), Catch::Contains(path));
      CHECK_THAT(e.reason(), Catch::Contains("line 4, column"));
    }
  }
  SECTION("a project is not a codebook") {
    CHECK_THROWS_AS(ParseQdc("<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\"/>", "p.qdc"),
                    DataError);
  }
  SECTION("a missing file") {
    CHECK_THROWS_WITH(ReadQdc(dir / "fehlt.qdc"), Catch::Contains("fehlt.qdc"));
  }
  SECTION("bytes that are not UTF-8") {
    CHECK_THROWS_AS(
        ParseQdc("<CodeBook><Codes><Code name=\"\xE9t\xE9\"/></Codes></CodeBook>", "latin1.qdc"),
        DataError);
  }
}

TEST_CASE("a written codebook validates, round-trips and keeps GUIDs as given", "[refi]") {
  TempDir dir;
  QdaCodebook codebook;
  codebook.origin = "Tessera test";
  QdaCode root{"A1B2C3D4-0000-4000-8000-00000000000A",
               "Justiz & \"Polizei\" <Akteure>",
               false,
               "",
               "Kategorie:\nnicht kodierbar",
               {},
               {}};
  root.children.push_back(
      {"b2c3d4e5-0000-4000-8000-00000000000b", "ตำรวจ", true, "#FF8800", "", {}, {}});
  root.children.push_back(
      {"c3d4e5f6-0000-4000-8000-00000000000c", "Cán bộ tư pháp", true, "", "", {}, {}});
  codebook.codes.push_back(root);
  codebook.codes.push_back(
      {"d4e5f6a7-0000-4000-8000-00000000000d", "Kiswahili: ushuhuda", true, "#00AA44", "", {}, {}});
  codebook.sets.push_back(
      {"e5f6a7b8-0000-4000-8000-00000000000e",
       "Justiz",
       "Akteure der Justiz",
       {"b2c3d4e5-0000-4000-8000-00000000000b", "c3d4e5f6-0000-4000-8000-00000000000c"},
       {},
       {}});

  const std::string path = dir / "codebook.qdc";
  WriteQdc(codebook, path);
  const std::string xml = Slurp(path);
  CHECK_THAT(xml, Catch::Contains("xmlns=\"urn:QDA-XML:codebook:1.0\""));
  CHECK_THAT(xml, Catch::Contains("guid=\"A1B2C3D4-0000-4000-8000-00000000000A\""));
  CHECK(xml.find("Description") <
        xml.find("ตำรวจ"));  // schema order: Description before child codes
  CHECK(Xmllint(kRefiDir + "schema/Codebook.xsd", path) == 0);

  const QdcImport back = ReadQdc(path);
  CHECK(back.report.warnings.empty());
  CHECK(QdcToXml(back.codebook) == xml);
  REQUIRE(back.codebook.codes.size() == 2);
  CHECK(back.codebook.codes[0].name == root.name);
  CHECK(back.codebook.codes[0].description == root.description);
  CHECK_FALSE(back.codebook.codes[0].is_codable);
  CHECK(back.codebook.codes[0].children[0].color == "#FF8800");
  CHECK(back.codebook.sets[0].member_codes == codebook.sets[0].member_codes);
}

TEST_CASE("the ATLAS.ti codebook and a lenient read re-export as valid .qdc", "[refi]") {
  TempDir dir;
  for (const std::string sample : {"atlasti-win-23.4.0_codebook.qdc"}) {
    const QdcImport in = ReadQdc(kRefiDir + "samples/" + sample);
    const std::string out = dir / sample;
    WriteQdc(in.codebook, out);
    CHECK(Xmllint(kRefiDir + "schema/Codebook.xsd", out) == 0);
  }
  const auto odd = ParseQdc(Codebook("xmlns=\"urn:QDA-XML:codebook:0:4\"",
                                     "<Codes><Code guid=\"{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}\" "
                                     "name=\"x\" color=\"rgb(1,2,3)\">"
                                     "<Code name=\"y\"/></Code></Codes>"),
                            "odd.qdc");
  const std::string out = dir / "odd.qdc";
  WriteQdc(odd.codebook, out);
  CHECK(Xmllint(kRefiDir + "schema/Codebook.xsd", out) == 0);
}

TEST_CASE("the shipped codebooks import without warnings and re-export as valid .qdc", "[refi]") {
  TempDir dir;
  const std::map<std::string, std::pair<std::size_t, std::size_t>> expected{
      {"ocsea-study.qdc", {68, 11}}, {"justice-welfare-professionals.qdc", {29, 6}}};
  for (const auto& [file, counts] : expected) {
    DYNAMIC_SECTION(file) {
      const QdcImport in = ReadQdc(TESSERA_SOURCE_DIR "/codebooks/" + file);
      CHECK(in.report.warnings.empty());
      std::size_t codes = 0;
      std::size_t categories = 0;
      std::function<void(const std::vector<QdaCode>&)> count =
          [&](const std::vector<QdaCode>& level) {
            for (const auto& code : level) {
              ++codes;
              categories += !code.is_codable;
              CHECK_THAT(code.description, Catch::StartsWith("Definition: "));
              count(code.children);
            }
          };
      count(in.codebook.codes);
      CHECK(codes == counts.first);
      CHECK(categories == counts.second);
      const std::string out = dir / file;
      WriteQdc(in.codebook, out);
      CHECK(Xmllint(kRefiDir + "schema/Codebook.xsd", out) == 0);
      CHECK(QdcToXml(ReadQdc(out).codebook) == Slurp(out));
    }
  }
}

TEST_CASE("writing a codebook refuses invalid content and never leaves half a file", "[refi]") {
  TempDir dir;
  const std::string path = dir / "bestehend.qdc";
  Spit(path, "old content");
  QdaCodebook codebook;
  codebook.codes.push_back({"not-a-guid", "x", true, "", "", {}, {}});
  CHECK_THROWS_WITH(WriteQdc(codebook, path),
                    Catch::Contains("bestehend.qdc") && Catch::Contains("not-a-guid"));
  codebook.codes[0].guid = "d4e5f6a7-0000-4000-8000-00000000000d";
  codebook.codes[0].color = "red";
  CHECK_THROWS_AS(WriteQdc(codebook, path), DataError);
  codebook.codes[0].color.clear();
  codebook.codes[0].name = std::string("bell\x07");
  CHECK_THROWS_AS(WriteQdc(codebook, path), DataError);
  codebook.codes[0].name = "x";
  codebook.sets.push_back({"e5f6a7b8-0000-4000-8000-00000000000e",
                           "s",
                           "",
                           {"f6a7b8c9-0000-4000-8000-00000000000f"},
                           {},
                           {}});
  CHECK_THROWS_AS(WriteQdc(codebook, path), DataError);
  CHECK_THROWS_AS(WriteQdc(QdaCodebook{}, path), DataError);  // the schema needs one code
  CHECK(Slurp(path) == "old content");
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) ==
        1);  // no temp files

  codebook.sets.clear();
  codebook.codes[0].children.push_back({"", "new", true, "", "", {}, {}});
  WriteQdc(codebook, path);
  const QdcImport back = ReadQdc(path);
  CHECK(back.report.warnings.empty());
  CHECK(back.codebook.codes.at(0).name == "x");
  const std::string minted = back.codebook.codes[0].children.at(0).guid;
  CHECK(IsGuid(minted));
  CHECK(minted == CanonicalGuid(minted));  // new GUIDs are lowercase
  CHECK_THROWS_AS(WriteQdc(codebook, dir / "no/such/folder/x.qdc"), DataError);
}

TEST_CASE("REFI value syntax helpers", "[refi]") {
  CHECK(IsGuid("{1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}"));
  CHECK_FALSE(IsGuid("code-001-aaaa-bbbb-cccccccccccc"));
  CHECK(GuidKey(" {1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294} ") ==
        "1ff58b12-6f6f-4b0c-8be5-bbdc91f55294");
  CHECK(NewGuid() != NewGuid());
  CHECK(ParseRefiDateTime("2024-09-15T15:36:45Z") == "2024-09-15T15:36:45Z");
  CHECK(ParseRefiDateTime("2024-09-15T17:36:45.123+02:00") == "2024-09-15T15:36:45Z");
  CHECK(ParseRefiDateTime("2024-12-31T23:30:00-01:00") == "2025-01-01T00:30:00Z");
  CHECK(ParseRefiDateTime("2024-02-30T00:00:00Z") == std::nullopt);
  CHECK(ParseRefiDateTime("2024-09-15") == "2024-09-15T00:00:00Z");
  CHECK(ParseRefiDateTime("gestern") == std::nullopt);
  CHECK(IsRefiDateTime("2024-09-15T15:36:45Z"));
  CHECK_FALSE(IsRefiDateTime("2024-09-15T15:36:45.5Z"));
  CHECK(IsValidQdaValue(QdaVariableType::kFloat, "-3.25"));
  CHECK_FALSE(IsValidQdaValue(QdaVariableType::kInteger, "3.5"));
  CHECK(IsValidQdaValue(QdaVariableType::kDate, "2024-02-29"));
  CHECK_FALSE(IsValidQdaValue(QdaVariableType::kDate, "2023-02-29"));
}
