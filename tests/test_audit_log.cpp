// The hash-chained audit log (project/audit_log.h): entries link to the one before, triggers make
// the table append-only, and Verify finds an edited, deleted or unlinked entry once someone has
// dropped the triggers with raw SQL.

#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "error.h"
#include "project/audit_log.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::Store;
using tessera::test::TempDir;

namespace {

void AppendThree(Database& db) {
  AuditLog log(db);
  log.Append("amara", "document/import", {{"document", "th_survivor_b01"}, {"note", "\u0E15\u0E33\u0E23\u0E27\u0E08"}});
  log.Append("\u0E19\u0E34\u0E23\u0E31\u0E19", "coding/apply", {{"code", "Reporting/Reporting to police"}});
  log.Append("amara", "export/quotes", {{"file", "quotes \u1780.docx"}});
}

const char* kDropTriggers = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

}  // namespace

TEST_CASE("AuditLog::Append chains every entry to the hash of the one before", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    const std::size_t initial = AuditLog(store.Db()).Entries().size();  // a file project starts with project/create
    AppendThree(store.Db());
    const auto entries = AuditLog(store.Db()).Entries();
    REQUIRE(entries.size() == initial + 3);
    CHECK(entries[0].prev_hash == std::string(64, '0'));
    for (std::size_t i = 0; i < entries.size(); ++i) {
      INFO("entry " << i);
      CHECK(entries[i].id == static_cast<std::int64_t>(i + 1));
      CHECK(entries[i].hash.size() == 64);
      if (i > 0) CHECK(entries[i].prev_hash == entries[i - 1].hash);
    }
    CHECK(entries[initial + 1].actor == "\u0E19\u0E34\u0E23\u0E31\u0E19");
    CHECK(nlohmann::json::parse(entries[initial].detail).at("note") == "\u0E15\u0E33\u0E23\u0E27\u0E08");
    CHECK_FALSE(AuditLog(store.Db()).Verify().has_value());
  }
}

TEST_CASE("The audit log's triggers refuse UPDATE and DELETE", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    AppendThree(store.Db());
    const auto before = AuditLog(store.Db()).Entries();
    CHECK_THROWS_WITH(store.Db().Execute("UPDATE audit_log SET detail = '{}' WHERE id = 2"), Catch::Contains("append-only"));
    CHECK_THROWS_AS(store.Db().Execute("UPDATE audit_log SET actor = 'mallory'"), DataError);
    CHECK_THROWS_AS(store.Db().Execute("DELETE FROM audit_log WHERE id = 1"), DataError);
    CHECK_THROWS_AS(store.Db().Execute("DELETE FROM audit_log"), DataError);
    const auto after = AuditLog(store.Db()).Entries();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].hash == before[i].hash);
  }
}

TEST_CASE("AuditLog::Verify reports an entry edited after the triggers were dropped", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    AppendThree(store.Db());
    const auto last = AuditLog(store.Db()).Entries().back().id;
    store.Db().Execute(kDropTriggers);
    store.Db().Execute("UPDATE audit_log SET detail = '{\"document\":\"\u0E2D\u0E37\u0E48\u0E19\"}' WHERE id = " +
                       std::to_string(last - 1));
    const auto problem = AuditLog(store.Db()).Verify();
    REQUIRE(problem.has_value());
    CHECK_THAT(*problem, Catch::Contains("entry " + std::to_string(last - 1)) && Catch::Contains("altered"));
  }
}

TEST_CASE("AuditLog::Verify reports a deleted entry and a broken link", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    AppendThree(store.Db());
    const auto last = AuditLog(store.Db()).Entries().back().id;
    store.Db().Execute(kDropTriggers);
    SECTION("deleted") {
      store.Db().Execute("DELETE FROM audit_log WHERE id = " + std::to_string(last - 1));
      const auto problem = AuditLog(store.Db()).Verify();
      REQUIRE(problem.has_value());
      CHECK_THAT(*problem, Catch::Contains("missing"));
    }
    SECTION("unlinked") {
      store.Db().Execute("UPDATE audit_log SET prev_hash = hash WHERE id = " + std::to_string(last));
      const auto problem = AuditLog(store.Db()).Verify();
      REQUIRE(problem.has_value());
      CHECK_THAT(*problem, Catch::Contains("entry " + std::to_string(last)) && Catch::Contains("does not follow"));
    }
  }
}

TEST_CASE("CheckProject reports an audit entry edited with raw SQL in a project file", "[storage]") {
  TempDir dir;
  const std::string path = dir / "audit.tessera";
  {
    Project project = Project::Create(path);
    project.SetCurrentUser("amara");
    Transaction tx(project.Db());
    project.Audit("coding/apply", {{"code", "Barriers/Shame and stigma"}, {"by", "\u1780\u17D2\u1798\u17C1\u1784"}});
    tx.Commit();
    CHECK(CheckProject(project).empty());
  }
  tessera::test::RawSql(path, std::string(kDropTriggers) + "UPDATE audit_log SET actor = 'someone else' WHERE id = 2;");
  Project project = Project::OpenReadOnly(path);
  const auto problems = CheckProject(project);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("audit log") && Catch::Contains("entry 2 was altered"));
}

TEST_CASE("Project::Audit records the acting user", "[storage]") {
  TempDir dir;
  Project project = Project::Create(dir / "actor.tessera");
  project.SetCurrentUser("Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n");
  project.Audit("memo/add", {{"on", "project"}});
  const auto entries = AuditLog(project.Db()).Entries();
  CHECK(entries.back().actor == "Ng\u01B0\u1EDDi ph\u1ECFng v\u1EA5n");
  CHECK(entries.back().action == "memo/add");
  CHECK_FALSE(entries.back().at.empty());
}
