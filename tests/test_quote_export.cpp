// Redaction end to end through tessera-cli: the redact command, consistent pseudonyms, quote
// export with attributions and the k warning, a failing plugin refused, and the leak check.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "project/audit_log.h"
#include "project/project.h"
#include "test_support.h"
#include "text/utf8.h"

using namespace tessera;
using namespace tessera::test;

namespace {

nlohmann::json Json(const CliResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

struct RedactionStudy {
  TempDir dir;
  std::string project = dir / "study.tessera";
  RedactionStudy() {
    REQUIRE(RunCli({"init", project}).exit_code == 0);
    REQUIRE(RunCli({"import", project, ExampleFile("transcripts/kh_caregiver_w01.txt"), ExampleFile("transcripts/ke_caregiver_w01.txt"),
                    ExampleFile("transcripts/kh_police_m01.txt"), "--variables", ExampleFile("variables.csv")})
                .exit_code == 0);
    REQUIRE(RunCli({"register", project, "import", ExampleFile("register.csv")}).exit_code == 0);
    // The caregiver's account, in the words that name the child, her teacher and the offender.
    const std::string text = RunCli({"show", project, "kh_caregiver_w01"}).out;
    for (const std::string phrase : {"We live in Trapeang Sla village", "Ms Sophea, Dara's teacher", "he called himself Visal"}) {
      const auto at = text.find(phrase);
      REQUIRE(at != std::string::npos);
      const auto start = utf8::CodePointCount(std::string_view(text).substr(0, at));
      REQUIRE(RunCli({"code", project, "kh_caregiver_w01", std::to_string(start), std::to_string(start + utf8::CodePointCount(phrase)),
                      "Disclosure and help-seeking/Disclosure to family"})
                  .exit_code == 0);
    }
  }
};

}  // namespace

TEST_CASE("redact finds contact details and registered names, in code points of the input", "[redaction][cli]") {
  TempDir dir;
  const std::string names = dir / "names.csv";
  WriteFile(names, "kind,name,aliases\nperson,Sok Dara,Dara\n");
  const std::string input = "Nếu cần, gọi Dara: +855 12 345 678 hoặc sokdara.2008@example.com — @dara_starlight";
  auto result = Json(RunCliWithInput({"redact", "--plugin", "pii-patterns", "--plugin", "name-list", "--names", names, "--format", "json"}, input));
  const std::string redacted = result["text"];
  CHECK(redacted.find("Dara") == std::string::npos);
  CHECK(redacted.find("345") == std::string::npos);
  CHECK(redacted.find("example.com") == std::string::npos);
  CHECK(redacted.find("starlight") == std::string::npos);
  std::set<std::string> kinds;
  for (const auto& s : result["spans"]) {
    kinds.insert(s["kind"].get<std::string>());
    // Offsets are code points of the input: the span's text is what was replaced.
    const std::string original(utf8::SubstrCodePoints(input, s["start"], s["end"]));
    CHECK(!original.empty());
    CHECK(input.find(original) != std::string::npos);
  }
  CHECK(kinds == std::set<std::string>{"person", "phone", "email", "handle"});
}

TEST_CASE("a project's register gives the same pseudonym in every call and every export", "[redaction][cli]") {
  RedactionStudy study;
  auto first = Json(RunCliWithInput({"redact", study.project, "--plugin", "name-list", "--format", "json"}, "Dara went to school."));
  auto second = Json(RunCliWithInput({"redact", study.project, "--plugin", "name-list", "--format", "json"}, "Later, Sok Dara told her mother."));
  REQUIRE(first["spans"].size() == 1);
  REQUIRE(second["spans"].size() == 1);
  CHECK(first["spans"][0]["replacement"] == second["spans"][0]["replacement"]);
  CHECK(first["spans"][0]["replacement"].get<std::string>().find("[Person") == 0);

  const std::string md1 = study.dir / "quotes1.md", md2 = study.dir / "quotes2.md";
  REQUIRE(RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "md", "-o", md1, "--k", "1"}).exit_code == 0);
  REQUIRE(RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "md", "-o", md2, "--k", "1"}).exit_code == 0);
  const std::string quotes = ReadFile(md1);
  CHECK(quotes == ReadFile(md2));
  for (const char* original : {"Dara", "Sophea", "Trapeang", "Visal"}) CHECK(quotes.find(original) == std::string::npos);
  CHECK(quotes.find(first["spans"][0]["replacement"].get<std::string>()) != std::string::npos);
  CHECK(quotes.find("Woman, 30-44, caregiver, Cambodia") != std::string::npos);
}

TEST_CASE("quote export warns about small groups, and refuses them with --strict", "[redaction][cli]") {
  RedactionStudy study;
  const std::string out = study.dir / "quotes.html";
  auto warned = RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "html", "-o", out});
  REQUIRE(warned.exit_code == 0);
  CHECK(warned.err.find("fits only 1 case") != std::string::npos);
  REQUIRE(fs::exists(out));
  fs::remove(out);
  auto strict = RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "html", "-o", out, "--strict"});
  CHECK(strict.exit_code != 0);
  CHECK(strict.err.find("--strict") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  // Every export that was written is in the audit log, with its plugins.
  Project project = Project::OpenReadOnly(study.project);
  int exports = 0;
  for (const auto& e : AuditLog(project.Db()).Entries()) {
    if (e.action == "export/quotes") {
      ++exports;
      CHECK(e.detail.find("pii-patterns") != std::string::npos);
    }
  }
  CHECK(exports == 1);
}

TEST_CASE("a plugin that crashes refuses the export: never an unredacted quote", "[redaction][cli]") {
  RedactionStudy study;
  const std::string out = study.dir / "quotes.csv";
  const std::string testing = fs::path(TESSERA_PLUGIN_BUILD_DIR).parent_path() / "plugins-testing";
  for (const char* plugin : {"test-crash", "test-error", "test-bad-spans"}) {
    auto r = RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "csv", "-o", out, "--k", "1",
                     "--plugin-dir", testing, "--plugin", "pii-patterns", "--plugin", plugin});
    INFO(plugin << ": " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.ErrLines().size() == 1);
    CHECK_FALSE(fs::exists(out));
  }
}

TEST_CASE("the leak check refuses an export whose attribution names a registered place", "[redaction][cli]") {
  RedactionStudy study;
  REQUIRE(RunCli({"variables", study.project, "set", "kh_caregiver_w01", "village", "Trapeang Sla"}).exit_code == 0);
  const std::string out = study.dir / "quotes.md";
  auto r = RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "md", "-o", out, "--k", "1",
                   "--attribution", "{role} from {village}"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("leak check") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("the DOCX of quotes opens in LibreOffice with the same text", "[redaction][cli][slow]") {
  RedactionStudy study;
  const std::string docx = study.dir / "quotes.docx", md = study.dir / "quotes.md";
  REQUIRE(RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "docx", "-o", docx, "--k", "1"}).exit_code == 0);
  REQUIRE(RunCli({"export", "quotes", study.project, "--code", "Disclosure and help-seeking", "--format", "md", "-o", md, "--k", "1"}).exit_code == 0);
  const std::string command = "cd '" + study.dir.Path().string() + "' && soffice -env:UserInstallation=file://" + (study.dir / "lo-profile") +
                              " --headless --convert-to txt:Text quotes.docx > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string text = ReadFile(study.dir / "quotes.txt");
  // Each quote of the Markdown file (its "> " lines) is in the document LibreOffice read.
  const std::string markdown = ReadFile(md);
  std::size_t quotes = 0;
  for (std::size_t pos = 0; (pos = markdown.find("\n> ", pos)) != std::string::npos; ++pos) {
    const auto end = markdown.find('\n', pos + 3);
    const std::string line = markdown.substr(pos + 3, end - pos - 3);
    if (line.empty() || line.starts_with("— ")) continue;
    CHECK(text.find(line) != std::string::npos);
    ++quotes;
  }
  CHECK(quotes == 3);
}

TEST_CASE("an everyday word that is also a registered name is held for review, and exports wait for the decision",
          "[redaction][cli]") {
  TempDir dir;
  const std::string project = dir / "study.tessera", transcript = dir / "ke_caregiver_w09.txt";
  WriteFile(transcript,
            "Interviewer: How is she now?\n\nRespondent: There is hope now. Hope Achieng goes to school again.\n");
  REQUIRE(RunCli({"init", project}).exit_code == 0);
  REQUIRE(RunCli({"import", project, transcript}).exit_code == 0);
  REQUIRE(RunCli({"register", project, "add", "person", "Hope Achieng"}).exit_code == 0);
  REQUIRE(RunCli({"codebook", project, "add", "Recovery"}).exit_code == 0);

  // redact leaves the lower-case word in the text, lists it as held, and says so.
  const std::string said = "There is hope now. Hope Achieng goes to school again.";
  const auto redacted = RunCliWithInput({"redact", project, "--plugin", "name-list", "--format", "json"}, said);
  const auto json = Json(redacted);
  CHECK(json["text"].get<std::string>().find("There is hope now. [Person") == 0);
  REQUIRE(json["held"].size() == 1);
  CHECK(json["held"][0]["start"] == 9);
  CHECK(json["held"][0]["end"] == 13);
  CHECK(redacted.err.find("left in the text for review") != std::string::npos);

  // An export holding the word is refused until someone decides; then it goes through.
  const std::string text = RunCli({"show", project, "ke_caregiver_w09"}).out;
  const auto at = utf8::CodePointCount(std::string_view(text).substr(0, text.find("There is hope")));
  REQUIRE(RunCli({"code", project, "ke_caregiver_w09", std::to_string(at), std::to_string(at + utf8::CodePointCount(said)),
                  "Recovery"})
              .exit_code == 0);
  const std::string out = dir / "quotes.md";
  const std::vector<std::string> export_args = {"export", "quotes", project, "--code", "Recovery", "--k", "1",
                                                "--attribution", "a caregiver", "--format", "md", "-o", out};
  const auto refused = RunCli(export_args);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("'hope' in a quote of ke_caregiver_w09 may be a name in the register") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  REQUIRE(RunCli({"register", project, "decide", "reject", "hope", "--document", "ke_caregiver_w09"}).exit_code == 0);
  const auto exported = RunCli(export_args);
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  const std::string quotes = ReadFile(out);
  CHECK(quotes.find("There is hope now. [Person") != std::string::npos);
  CHECK(quotes.find("Achieng") == std::string::npos);
}
