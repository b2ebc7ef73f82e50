// Project (project/project.h), DocumentStore, MemoStore, identity and the integrity check: one
// SQLite file per project with a schema version and application id, stable GUIDs, immutable
// document text, and refusal to open what is not a current Tessera project — without touching it.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "error.h"
#include "project/audit_log.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "project/integrity_check.h"
#include "project/memo_store.h"
#include "project/project.h"
#include "project/schema.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::ReadFile;
using tessera::test::Store;
using tessera::test::TempDir;
using tessera::test::WriteFile;

namespace {

const std::string kThaiText =
    "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\n"
    "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25: \u0E15\u0E33\u0E23\u0E27\u0E08 \U0001F46E\n";

NewDocument ThaiDocument(const std::string& name = "th_survivor_b01") {
  NewDocument doc;
  doc.name = name;
  doc.language = "th";
  doc.source_name = name + ".txt";
  doc.source_encoding = "UTF-8";
  doc.text = kThaiText;
  doc.turns = {{0, "\u0E1C\u0E39\u0E49\u0E2A\u0E31\u0E21\u0E20\u0E32\u0E29\u0E13\u0E4C", 0, 19, std::nullopt, std::nullopt},
               {1, "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25", 20, 41, 1500, 4200}};
  return doc;
}

std::int64_t Count(Database& db, const std::string& sql) {
  auto stmt = db.Prepare(sql);
  stmt.Step();
  return stmt.Int(0);
}

}  // namespace

TEST_CASE("Project::Create makes a Tessera project: schema version, application id, WAL, GUID, audit entry", "[storage]") {
  TempDir dir;
  const std::string path = dir / "\u0E42\u0E04\u0E23\u0E07\u0E01\u0E32\u0E23 study.tessera";
  {
    Project project = Project::Create(path);
    CHECK(project.Path() == path);
    CHECK(SchemaVersion(project.Db()) == kSchemaVersion);
    CHECK(IsGuid(project.Guid()));
    CHECK(project.Meta("name") == "\u0E42\u0E04\u0E23\u0E07\u0E01\u0E32\u0E23 study");
    CHECK(project.Meta("no such key", "fallback") == "fallback");
    auto mode = project.Db().Prepare("PRAGMA journal_mode");
    mode.Step();
    CHECK(mode.Text(0) == "wal");
    const auto entries = AuditLog(project.Db()).Entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].action == "project/create");
  }
  CHECK(tessera::test::RawInt(path, "PRAGMA application_id") == kApplicationId);
  CHECK(tessera::test::RawInt(path, "PRAGMA user_version") == kSchemaVersion);
  const std::string guid = Project::Open(path).Guid();
  CHECK(Project::Open(path).Guid() == guid);  // stable across opens
}

TEST_CASE("Project::Create refuses an existing file and leaves it as it was", "[storage]") {
  TempDir dir;
  const std::string path = dir / "taken.tessera";
  WriteFile(path, "notes \u0E01\u0E02\n");
  CHECK_THROWS_AS(Project::Create(path), DataError);
  CHECK(ReadFile(path) == "notes \u0E01\u0E02\n");
  CHECK(std::filesystem::directory_iterator(dir.Path()) != std::filesystem::directory_iterator());
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST_CASE("Project::Open refuses a missing file, a non-SQLite file and a foreign SQLite database", "[storage]") {
  TempDir dir;
  CHECK_THROWS_AS(Project::Open(dir / "missing.tessera"), DataError);
  CHECK_THROWS_AS(Project::OpenReadOnly(dir / "missing.tessera"), DataError);
  CHECK_FALSE(std::filesystem::exists(dir / "missing.tessera"));

  const std::string text = dir / "transcript.tessera";
  WriteFile(text, "R: \u1793\u1782\u179A\u1794\u17B6\u179B\n");
  CHECK_THROWS_WITH(Project::Open(text), Catch::Contains("not a Tessera project"));
  CHECK(ReadFile(text) == "R: \u1793\u1782\u179A\u1794\u17B6\u179B\n");

  const std::string empty = dir / "empty.tessera";
  WriteFile(empty, "");
  CHECK_THROWS_AS(Project::Open(empty), DataError);
  CHECK(ReadFile(empty).empty());

  const std::string foreign = dir / "foreign.sqlite";
  tessera::test::RawSql(foreign, "CREATE TABLE notes(x); INSERT INTO notes VALUES('\u0E01');");
  const std::string before = ReadFile(foreign);
  CHECK_THROWS_WITH(Project::Open(foreign), Catch::Contains("not a Tessera project"));
  CHECK_THROWS_AS(Project::OpenReadOnly(foreign), DataError);
  CHECK(ReadFile(foreign) == before);

  CHECK_THROWS_AS(Project::Open(dir.Path().string()), DataError);  // a folder
}

TEST_CASE("Project::Open refuses a project of a newer schema and leaves its bytes unchanged", "[storage]") {
  TempDir dir;
  const std::string path = dir / "newer.tessera";
  { Project::Create(path); }
  tessera::test::RawSql(path, "PRAGMA user_version=99");
  const std::string before = ReadFile(path);
  try {
    Project::Open(path);
    FAIL("no exception");
  } catch (const DataError& e) {
    CHECK(e.path() == path);
    CHECK_THAT(e.reason(), Catch::Contains("newer") && Catch::Contains("99"));
  }
  CHECK_THROWS_AS(Project::OpenReadOnly(path), DataError);
  CHECK(ReadFile(path) == before);
  CHECK(tessera::test::RawInt(path, "PRAGMA user_version") == 99);
}

TEST_CASE("Project::Open migrates a version 1 project forward", "[storage]") {
  TempDir dir;
  const std::string path = dir / "old.tessera";
  {
    Project project = Project::Create(path);
    Transaction tx(project.Db());
    DocumentStore(project.Db()).Add(ThaiDocument(), project.CurrentUserId());
    tx.Commit();
  }
  tessera::test::RawSql(path, "DROP TABLE register_entries; DROP TABLE redaction_decisions; PRAGMA user_version=1;");
  Project project = Project::Open(path);
  CHECK(SchemaVersion(project.Db()) == kSchemaVersion);
  CHECK(Count(project.Db(), "SELECT count(*) FROM register_entries") == 0);
  CHECK(DocumentStore(project.Db()).List().size() == 1);
  CHECK(CheckProject(project).empty());
}

TEST_CASE("Project::OpenReadOnly leaves the project file's bytes unchanged", "[storage]") {
  TempDir dir;
  const std::string path = dir / "ro.tessera";
  {
    Project project = Project::Create(path);
    Transaction tx(project.Db());
    DocumentStore(project.Db()).Add(ThaiDocument(), project.CurrentUserId());
    tx.Commit();
  }
  const std::string before = ReadFile(path);
  {
    Project project = Project::OpenReadOnly(path);
    CHECK(DocumentStore(project.Db()).Text(DocumentStore(project.Db()).Resolve("th_survivor_b01")) == kThaiText);
    CHECK_THROWS_AS(project.Db().Execute("DELETE FROM turns"), EnvironmentError);
  }
  CHECK(ReadFile(path) == before);
}

TEST_CASE("DocumentStore stores text, metadata and turns and reads them back", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    DocumentStore documents(store.Db());
    const auto id = documents.Add(ThaiDocument(), store.User("\u0E19\u0E34\u0E23\u0E31\u0E19\u0E14\u0E23\u0E4C"));
    const auto info = documents.Info(id);
    CHECK(info.name == "th_survivor_b01");
    CHECK(info.language == "th");
    CHECK(info.characters == 42);
    CHECK(info.turn_count == 2);
    CHECK(info.sha256 == Sha256Hex(kThaiText));
    CHECK(IsGuid(info.guid));
    CHECK(documents.Text(id) == kThaiText);
    const auto turns = documents.Turns(id);
    REQUIRE(turns.size() == 2);
    CHECK(turns[1].speaker == "\u0E1C\u0E39\u0E49\u0E43\u0E2B\u0E49\u0E02\u0E49\u0E2D\u0E21\u0E39\u0E25");
    CHECK(turns[1].start == 20);
    CHECK(turns[1].end == 41);
    CHECK(turns[1].time_start_ms == 1500);
    CHECK(turns[1].time_end_ms == 4200);
    CHECK_FALSE(turns[0].time_start_ms.has_value());
    CHECK_THROWS_AS(documents.Info(id + 100), NotFoundError);
    CHECK_THROWS_AS(documents.Text(id + 100), NotFoundError);
  }
}

TEST_CASE("Stored document text is immutable: an UPDATE of text fails", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    DocumentStore documents(store.Db());
    const auto id = documents.Add(ThaiDocument(), std::nullopt);
    auto update = [&](const std::string& sql) { store.Db().Prepare(sql).Bind(1, id).Run(); };
    CHECK_THROWS_WITH(update("UPDATE documents SET text = 'edited \u0E01' WHERE id = ?"), Catch::Contains("immutable"));
    CHECK_THROWS_AS(update("UPDATE documents SET text = 'edited' WHERE id = ?"), DataError);
    CHECK_THROWS_AS(update("UPDATE documents SET characters = 1 WHERE id = ?"), DataError);
    CHECK_THROWS_AS(update("UPDATE documents SET sha256 = 'x' WHERE id = ?"), DataError);
    CHECK(documents.Text(id) == kThaiText);
    // Metadata may change.
    documents.SetLanguage(id, "th-TH");
    documents.SetContentNote(id, "\u0E40\u0E19\u0E37\u0E49\u0E2D\u0E2B\u0E32\u0E2D\u0E48\u0E2D\u0E19\u0E44\u0E2B\u0E27");
    CHECK(documents.Info(id).language == "th-TH");
    CHECK(documents.Text(id) == kThaiText);
  }
}

TEST_CASE("DocumentStore::Add refuses text not in stored form and turns outside the text", "[storage]") {
  Store store(false);
  DocumentStore documents(store.Db());
  NewDocument crlf = ThaiDocument();
  crlf.text = "R: \u0E01\r\nI: \u0E02";
  crlf.turns.clear();
  CHECK_THROWS_AS(documents.Add(crlf, std::nullopt), ProgrammingError);
  NewDocument bom = ThaiDocument();
  bom.text = "\xEF\xBB\xBF" + kThaiText;
  CHECK_THROWS_AS(documents.Add(bom, std::nullopt), ProgrammingError);
  NewDocument invalid = ThaiDocument();
  invalid.text = "caf\xE9";
  invalid.turns.clear();
  CHECK_THROWS_AS(documents.Add(invalid, std::nullopt), ProgrammingError);
  NewDocument outside = ThaiDocument();
  outside.turns[1].end = 43;
  CHECK_THROWS_AS(documents.Add(outside, std::nullopt), ProgrammingError);
  CHECK(documents.List().empty());
}

TEST_CASE("DocumentStore gives a taken name a numbered suffix", "[storage]") {
  Store store(true);
  DocumentStore documents(store.Db());
  const std::string name = "Ng\u01B0\u1EDDi tr\u1EA3 l\u1EDDi";
  NewDocument doc = ThaiDocument(name);
  const auto first = documents.Add(doc, std::nullopt);
  const auto second = documents.Add(doc, std::nullopt);
  const auto third = documents.Add(doc, std::nullopt);
  CHECK(documents.Info(first).name == name);
  CHECK(documents.Info(second).name == name + " (2)");
  CHECK(documents.Info(third).name == name + " (3)");
  CHECK(documents.UniqueName(name) == name + " (4)");
  CHECK(documents.UniqueName("") == "document");
}

TEST_CASE("Documents are found by name, by GUID in any case or braces, or by id", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    DocumentStore documents(store.Db());
    NewDocument doc = ThaiDocument("\u1780\u1798\u17D2\u1796\u17BB\u1787\u17B6");
    doc.guid = "{6F1C0D56-8A3B-4C53-9A43-5B7F6D9E2C10}";
    const auto id = documents.Add(doc, std::nullopt);
    CHECK(documents.Info(id).guid == "6f1c0d56-8a3b-4c53-9a43-5b7f6d9e2c10");
    CHECK(documents.Find("\u1780\u1798\u17D2\u1796\u17BB\u1787\u17B6") == id);
    CHECK(documents.Find("6F1C0D56-8A3B-4C53-9A43-5B7F6D9E2C10") == id);
    CHECK(documents.Find("{6f1c0d56-8a3b-4c53-9a43-5b7f6d9e2c10}") == id);
    CHECK(documents.Find(std::to_string(id)) == id);
    CHECK_FALSE(documents.Find("kh_survivor").has_value());
    CHECK_FALSE(documents.Find("99999999999999999999999").has_value());
    CHECK_THROWS_AS(documents.Resolve("kh_survivor"), NotFoundError);
    CHECK_THROWS_WITH(documents.Resolve("\u0E44\u0E21\u0E48\u0E21\u0E35"), Catch::Contains("\u0E44\u0E21\u0E48\u0E21\u0E35"));
  }
}

TEST_CASE("NewGuid makes distinct version-4 UUIDs; CanonicalGuid and IsGuid agree", "[storage]") {
  const std::regex uuid4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string guid = NewGuid();
    CHECK(std::regex_match(guid, uuid4));
    seen.insert(guid);
  }
  CHECK(seen.size() == 1000);
  CHECK(CanonicalGuid("{ABCDEF01-2345-6789-ABCD-EF0123456789}") == "abcdef01-2345-6789-abcd-ef0123456789");
  CHECK(IsGuid("{ABCDEF01-2345-6789-ABCD-EF0123456789}"));
  CHECK_FALSE(IsGuid("abcdef01-2345-6789-abcd-ef012345678"));
  CHECK_FALSE(IsGuid("abcdef01x2345-6789-abcd-ef0123456789"));
  CHECK_FALSE(IsGuid("\u0E01"));
}

TEST_CASE("Sha256Hex matches the standard test vectors", "[storage]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("EnsureUser creates each user once; meta values and the generation round-trip", "[storage]") {
  TempDir dir;
  Project project = Project::Create(dir / "users.tessera");
  const auto amara = project.EnsureUser("amara");
  CHECK(project.EnsureUser("amara") == amara);
  CHECK(project.EnsureUser("\u0E19\u0E34\u0E23\u0E31\u0E19") != amara);
  project.SetCurrentUser("niran");
  CHECK(project.CurrentUser() == "niran");
  CHECK(project.CurrentUserId() == project.EnsureUser("niran"));
  const auto generation = std::stoll(project.Meta("generation"));
  project.Touch();
  CHECK(std::stoll(project.Meta("generation")) == generation + 1);
  project.SetMeta("note", "\u1780\u17C6\u178E\u178F\u17CB\u1785\u17C6\u178E\u17B6\u17C6");
  CHECK(project.Meta("note") == "\u1780\u17C6\u178E\u178F\u17CB\u1785\u17C6\u178E\u17B6\u17C6");
}

TEST_CASE("MemoStore adds, updates, lists and removes memos on any target", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    MemoStore memos(store.Db());
    const auto author = store.User("amara");
    const auto doc = DocumentStore(store.Db()).Add(ThaiDocument(), author);
    const auto project_memo = memos.Add("project", std::nullopt, author, "Plan", "Ph\u1ECFng v\u1EA5n \u0111\u1EE3t 2");
    const auto doc_memo = memos.Add("document", doc, author, "", "\u0E2D\u0E48\u0E32\u0E19\u0E0A\u0E49\u0E32\u0E46");
    CHECK(memos.List().size() == 2);
    const auto on_doc = memos.List("document", doc);
    REQUIRE(on_doc.size() == 1);
    CHECK(on_doc[0].id == doc_memo);
    CHECK(on_doc[0].author == "amara");
    CHECK(on_doc[0].text == "\u0E2D\u0E48\u0E32\u0E19\u0E0A\u0E49\u0E32\u0E46");
    CHECK(IsGuid(on_doc[0].guid));
    memos.Update(project_memo, "Plan v2", "\u2713 done");
    const auto on_project = memos.List("project");
    REQUIRE(on_project.size() == 1);
    CHECK(on_project[0].title == "Plan v2");
    CHECK(on_project[0].text == "\u2713 done");
    memos.Remove(doc_memo);
    CHECK(memos.List().size() == 1);
    CHECK_THROWS_AS(memos.Add("nowhere", std::nullopt, author, "", "x"), DataError);
  }
}

TEST_CASE("Sets of documents: EnsureSet is idempotent and membership is a set", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    MemoStore memos(store.Db());
    DocumentStore documents(store.Db());
    const auto a = documents.Add(ThaiDocument("a"), std::nullopt);
    NewDocument other = ThaiDocument("b");
    other.text = "R: \u1780\n";
    other.turns.clear();
    const auto b = documents.Add(other, std::nullopt);
    const auto girls = memos.EnsureSet("Girls \u2013 survivors");
    CHECK(memos.EnsureSet("Girls \u2013 survivors") == girls);
    memos.AddToSet(girls, a);
    memos.AddToSet(girls, a);
    memos.AddToSet(girls, b);
    auto sets = memos.Sets();
    REQUIRE(sets.size() == 1);
    CHECK(sets[0].name == "Girls \u2013 survivors");
    CHECK(sets[0].documents.size() == 2);
    memos.RemoveFromSet(girls, a);
    sets = memos.Sets();
    REQUIRE(sets[0].documents.size() == 1);
    CHECK(sets[0].documents[0] == b);
  }
}

TEST_CASE("An action interrupted by a crash leaves the project as it was", "[storage]") {
  TempDir dir;
  const std::string path = dir / "crash.tessera";
  { Project::Create(path); }
  const std::string before = tessera::test::ProjectFingerprint(path);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child dies in the middle of an import: no commit, no rollback, no destructors.
    try {
      Project project = Project::Open(path);
      auto* tx = new Transaction(project.Db());
      DocumentStore(project.Db()).Add(ThaiDocument(), project.CurrentUserId());
      project.Audit("document/import", {{"document", "th_survivor_b01"}});
      (void)tx;
      _exit(0);
    } catch (...) {
      _exit(1);
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  Project project = Project::Open(path);
  CHECK(DocumentStore(project.Db()).List().empty());
  CHECK(AuditLog(project.Db()).Entries().size() == 1);
  CHECK(CheckProject(project).empty());
  CHECK(tessera::test::ProjectFingerprint(path) == before);
}

TEST_CASE("CheckProject finds a fresh project sound and reports tampered text and offsets", "[storage]") {
  TempDir dir;
  const std::string path = dir / "check.tessera";
  {
    Project project = Project::Create(path);
    Transaction tx(project.Db());
    DocumentStore(project.Db()).Add(ThaiDocument(), project.CurrentUserId());
    tx.Commit();
    CHECK(CheckProject(project).empty());
  }
  tessera::test::RawSql(path,
                        "DROP TRIGGER documents_text_immutable;"
                        "UPDATE documents SET text = 'R: changed \u0E01' WHERE name = 'th_survivor_b01';"
                        "UPDATE turns SET end = 500 WHERE seq = 1;");
  Project project = Project::OpenReadOnly(path);
  const auto problems = CheckProject(project);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  INFO(all);
  CHECK_THAT(all, Catch::Contains("stored length does not match"));
  CHECK_THAT(all, Catch::Contains("SHA-256"));
  CHECK_THAT(all, Catch::Contains("turn") && Catch::Contains("outside its document"));
}
