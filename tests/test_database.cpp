// Database, Statement and Transaction (project/database.h) and the schema (project/schema.h):
// typed errors straight from SQLite's result codes, rollback unless committed, foreign keys, WAL,
// the schema version and forward migrations. Run in memory and on disk, with disk-full, locked
// and read-only cases.

#include <catch2/catch.hpp>

#include <string>

#include "error.h"
#include "project/database.h"
#include "project/schema.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::TempDir;

namespace {

// A scratch table in memory or in a file in `dir`.
Database OpenScratch(bool on_disk, const TempDir& dir) {
  Database db(on_disk ? dir / "scratch.db" : ":memory:", Database::Mode::ReadWriteCreate);
  db.EnableWal();
  db.Execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER, x REAL)");
  return db;
}

std::int64_t Count(Database& db, const std::string& table) {
  auto stmt = db.Prepare("SELECT count(*) FROM " + table);
  stmt.Step();
  return stmt.Int(0);
}

}  // namespace

TEST_CASE("Database binds and reads back UTF-8 text, integers, reals and NULL", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db = OpenScratch(on_disk, dir);
    const std::string khmer = "\u1793\u1782\u179A\u1794\u17B6\u179B \U0001F46E";
    db.Prepare("INSERT INTO t(name, n, x) VALUES(?, ?, ?)").BindAll(khmer, std::int64_t{-42}, 2.5).Run();
    CHECK(db.LastInsertId() == 1);
    CHECK(db.Changes() == 1);
    db.Prepare("INSERT INTO t(name, n, x) VALUES(?, ?, ?)")
        .BindAll(std::string("\u0E15\u0E33\u0E23\u0E27\u0E08"), std::optional<std::int64_t>{}, 0.0)
        .Run();
    auto stmt = db.Prepare("SELECT name, n, x FROM t ORDER BY id");
    REQUIRE(stmt.Step());
    CHECK(stmt.Text(0) == khmer);
    CHECK(stmt.Int(1) == -42);
    CHECK(stmt.Real(2) == 2.5);
    CHECK(stmt.OptionalInt(1) == std::optional<std::int64_t>(-42));
    REQUIRE(stmt.Step());
    CHECK(stmt.Text(0) == "\u0E15\u0E33\u0E23\u0E27\u0E08");
    CHECK(stmt.IsNull(1));
    CHECK_FALSE(stmt.OptionalInt(1).has_value());
    CHECK_FALSE(stmt.Step());
  }
}

TEST_CASE("Database opens with foreign keys on and refuses a dangling reference", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db(on_disk ? dir / "fk.db" : ":memory:", Database::Mode::ReadWriteCreate);
    auto pragma = db.Prepare("PRAGMA foreign_keys");
    REQUIRE(pragma.Step());
    CHECK(pragma.Int(0) == 1);
    CreateSchema(db);
    CHECK_THROWS_AS(db.Execute("INSERT INTO turns(document_id, seq, start, end) VALUES(999, 0, 0, 1)"), DataError);
    CHECK(Count(db, "turns") == 0);
  }
}

TEST_CASE("A Transaction rolls back in its destructor unless committed", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db = OpenScratch(on_disk, dir);
    {
      Transaction tx(db);
      db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "uncommitted \u0E01").Run();
      CHECK(db.InTransaction());
    }
    CHECK_FALSE(db.InTransaction());
    CHECK(Count(db, "t") == 0);
    {
      Transaction tx(db);
      db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "committed \u0E02").Run();
      tx.Commit();
    }
    CHECK(Count(db, "t") == 1);
  }
}

TEST_CASE("A Transaction rolls back every statement of an action that throws midway", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db = OpenScratch(on_disk, dir);
    db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "Ng\u01B0\u1EDDi").Run();
    auto action = [&] {
      Transaction tx(db);
      db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "first of two").Run();
      db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "Ng\u01B0\u1EDDi").Run();  // UNIQUE fails
      tx.Commit();
    };
    CHECK_THROWS_AS(action(), DataError);
    CHECK(Count(db, "t") == 1);
    CHECK_FALSE(db.InTransaction());
  }
}

TEST_CASE("SQLite failures become typed tessera exceptions", "[storage]") {
  Database db(":memory:", Database::Mode::ReadWriteCreate);
  db.Execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK(length(name) > 0))");
  db.Execute("INSERT INTO t(name) VALUES('\u0E01')");
  CHECK_THROWS_AS(db.Execute("INSERT INTO t(name) VALUES('\u0E01')"), DataError);  // UNIQUE
  CHECK_THROWS_AS(db.Execute("INSERT INTO t(name) VALUES('')"), DataError);        // CHECK
  CHECK_THROWS_AS(db.Execute("INSERT INTO t(name) VALUES(NULL)"), DataError);      // NOT NULL
  CHECK_THROWS_AS(db.Prepare("SELEKT nothing"), tessera::Error);
  CHECK_THROWS_AS(db.Execute("INSERT INTO missing_table VALUES(1)"), tessera::Error);
}

TEST_CASE("A full disk fails the write with EnvironmentError and keeps committed data", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db = OpenScratch(on_disk, dir);
    db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "kept \u1780").Run();
    auto pages = db.Prepare("PRAGMA page_count");
    pages.Step();
    // No room to grow: SQLite reports SQLITE_FULL exactly as on a full disk.
    db.Execute("PRAGMA max_page_count=" + std::to_string(pages.Int(0)));
    auto fill = [&] {
      Transaction tx(db);
      db.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, std::string(1 << 20, 'x')).Run();
      tx.Commit();
    };
    try {
      fill();
      FAIL("no exception");
    } catch (const EnvironmentError& e) {
      CHECK_THAT(e.what(), Catch::Contains("full"));
    }
    CHECK(Count(db, "t") == 1);
    CHECK_FALSE(db.InTransaction());
  }
}

TEST_CASE("A write to a project another connection holds locked fails with EnvironmentError", "[storage]") {
  TempDir dir;
  Database holder = OpenScratch(true, dir);
  Database other(dir / "scratch.db", Database::Mode::ReadWrite);
  other.SetBusyTimeout(50);
  Transaction held(holder);
  holder.Prepare("INSERT INTO t(name) VALUES(?)").Bind(1, "holder").Run();
  try {
    Transaction tx(other);
    FAIL("no exception");
  } catch (const EnvironmentError& e) {
    CHECK_THAT(e.what(), Catch::Contains("locked") || Catch::Contains("in use"));
  }
  held.Commit();
  CHECK(Count(other, "t") == 1);
}

TEST_CASE("A read-only connection refuses writes with EnvironmentError", "[storage]") {
  TempDir dir;
  { OpenScratch(true, dir); }
  Database reader(dir / "scratch.db", Database::Mode::ReadOnly);
  CHECK_THROWS_AS(reader.Execute("INSERT INTO t(name) VALUES('\u0E01')"), EnvironmentError);
  CHECK(Count(reader, "t") == 0);
}

TEST_CASE("Opening a database in a folder that does not exist fails with DataError", "[storage]") {
  TempDir dir;
  const std::string path = dir / "no-such-folder/\u0E42\u0E04\u0E23\u0E07\u0E01\u0E32\u0E23.tessera";
  CHECK_THROWS_AS(Database(path, Database::Mode::ReadWriteCreate), DataError);
  CHECK_THROWS_AS(Database(dir / "missing.tessera", Database::Mode::ReadWrite), DataError);
}

TEST_CASE("CreateSchema writes the schema version and the Tessera application id", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db(on_disk ? dir / "schema.tessera" : ":memory:", Database::Mode::ReadWriteCreate);
    CHECK(SchemaVersion(db) == 0);
    CreateSchema(db);
    CHECK(SchemaVersion(db) == kSchemaVersion);
    auto app = db.Prepare("PRAGMA application_id");
    app.Step();
    CHECK(app.Int(0) == kApplicationId);
    for (const char* table : {"documents", "turns", "cases", "variables", "variable_values", "codes", "codings",
                              "users", "memos", "sets", "set_members", "audit_log", "meta"}) {
      INFO(table);
      CHECK(Count(db, table) == 0);
    }
    MigrateSchema(db);  // current: nothing to do
    CHECK(SchemaVersion(db) == kSchemaVersion);
  }
}

TEST_CASE("MigrateSchema brings a version 1 project forward and keeps its data", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db(on_disk ? dir / "v1.tessera" : ":memory:", Database::Mode::ReadWriteCreate);
    CreateSchema(db);
    // Version 1 had everything except the redaction tables of version 2.
    db.Execute("DROP TABLE register_entries; DROP TABLE redaction_decisions; PRAGMA user_version=1;");
    db.Execute("INSERT INTO cases(guid, name) VALUES('6f1c0d56-8a3b-4c53-9a43-5b7f6d9e2c10', 'KH-G01 \u1780')");
    REQUIRE(SchemaVersion(db) == 1);
    MigrateSchema(db);
    CHECK(SchemaVersion(db) == kSchemaVersion);
    CHECK(Count(db, "register_entries") == 0);
    CHECK(Count(db, "redaction_decisions") == 0);
    CHECK(Count(db, "cases") == 1);
  }
}

TEST_CASE("MigrateSchema refuses a newer schema with DataError and changes nothing", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    TempDir dir;
    Database db(on_disk ? dir / "newer.tessera" : ":memory:", Database::Mode::ReadWriteCreate);
    CreateSchema(db);
    db.Execute("PRAGMA user_version=99");
    CHECK_THROWS_WITH(MigrateSchema(db), Catch::Contains("newer"));
    CHECK_THROWS_AS(MigrateSchema(db), DataError);
    CHECK(SchemaVersion(db) == 99);
    CHECK_FALSE(db.InTransaction());
  }
}

TEST_CASE("EnableWal switches a project file to write-ahead logging", "[storage]") {
  TempDir dir;
  Database db(dir / "wal.tessera", Database::Mode::ReadWriteCreate);
  db.EnableWal();
  auto mode = db.Prepare("PRAGMA journal_mode");
  REQUIRE(mode.Step());
  CHECK(mode.Text(0) == "wal");
  Database memory(":memory:", Database::Mode::ReadWriteCreate);
  memory.EnableWal();  // a no-op in memory, not an error
}
