// Backups and restore (security/backup.h, security/snapshot.h) and `tessera-cli backup|restore`:
// consistent copies of a project in use, rotation, the hourly automatic backup, a restore that
// checks the backup first and keeps the old project, and a damaged backup refused with nothing
// changed. Also the audit log's guard against a deleted newest entry (project/audit_log.h).

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "error.h"
#include "import/importer.h"
#include "progress.h"
#include "project/audit_log.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "security/backup.h"
#include "security/file_safety.h"
#include "security/snapshot.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::DataFile;
using tessera::test::ProjectFingerprint;
using tessera::test::RawInt;
using tessera::test::RawSql;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;

namespace {

std::string MakeProject(const TempDir& dir, const std::string& name = "ការសិក្សា.tessera") {
  const std::string path = dir / name;
  Project project = Project::Create(path);
  project.SetCurrentUser("amara");
  NullProgress quiet;
  ImportFiles(project, {DataFile("import/utf8_bom_khmer.txt"), DataFile("import/tis620_thai.txt")}, {}, quiet);
  return path;
}

void AddCoding(const std::string& project_path, std::size_t start, const std::string& code = "Barriers/Fear") {
  Project project = Project::Open(project_path);
  project.SetCurrentUser("niran");
  Transaction tx(project.Db());
  const auto id = CodeTree(project.Db()).EnsurePath(code);
  CodingStore(project.Db()).Add(1, start, start + 3, id, project.CurrentUserId());
  project.Audit("coding/apply", {{"start", start}});
  tx.Commit();
}

std::int64_t Codings(const std::string& path) { return RawInt(path, "SELECT count(*) FROM codings"); }

// Withholds TESSERA_AUTO_BACKUP for one test and puts it back.
class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~EnvVar() { m_old ? setenv(m_name, m_old->c_str(), 1) : unsetenv(m_name); }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("BackupProject writes a sound copy under a UTC timestamp and records it", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  AddCoding(path, 0);
  Project project = Project::Open(path);
  const auto report = BackupProject(project);
  CHECK(fs::path(report.path).parent_path() == fs::path(path + ".backups"));
  CHECK_THAT(fs::path(report.path).filename().string(), Catch::Matches(R"([0-9]{8}T[0-9]{6}Z\.tessera)"));
  CHECK(report.sha256 == Sha256OfFile(report.path));
  CHECK(report.bytes == fs::file_size(report.path));
  CHECK((fs::status(path + ".backups").permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  // One self-contained file: no log beside it, and it opens and checks clean.
  CHECK_FALSE(fs::exists(report.path + "-wal"));
  {
    Project copy = Project::OpenReadOnly(report.path);
    CHECK(CheckProject(copy).empty());
    CHECK(copy.Guid() == project.Guid());
  }
  CHECK(Codings(report.path) == 1);
  const auto entries = AuditLog(project.Db()).Entries();
  CHECK(entries.back().action == "project/backup");
  const auto detail = nlohmann::json::parse(entries.back().detail);
  CHECK(detail.at("sha256") == report.sha256);
  CHECK(detail.at("automatic") == false);
  CHECK(CheckProject(project).empty());
  CHECK(ListBackups(path) == std::vector<std::string>{report.path});
}

TEST_CASE("Rotating backups keep the newest N, also within one second", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  std::vector<std::string> made;
  for (int i = 0; i < 7; ++i) {
    const auto report = BackupProject(project, {.out_path = {}, .keep = 4, .automatic = false});
    made.push_back(report.path);
    CHECK(report.removed.size() == (i < 4 ? 0u : 1u));
  }
  CHECK(std::set<std::string>(made.begin(), made.end()).size() == 7);  // no name used twice
  const auto kept = ListBackups(path);
  REQUIRE(kept.size() == 4);
  CHECK(kept == std::vector<std::string>(made.end() - 4, made.end()));
  // Files that are not backups are never rotated away.
  WriteFile(path + ".backups/notes.txt", "mine");
  BackupProject(project, {.out_path = {}, .keep = 1, .automatic = false});
  CHECK(ListBackups(path).size() == 1);
  CHECK(fs::exists(path + ".backups/notes.txt"));
}

TEST_CASE("A snapshot is the project as of one moment while another program writes", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  // Another connection holds a write transaction with a change not yet committed.
  Database other(path, Database::Mode::ReadWrite);
  other.Execute("BEGIN IMMEDIATE");
  other.Execute("INSERT INTO meta(key, value) VALUES('uncommitted', 'x')");
  SnapshotDatabase(project.Db(), dir / "snap.tessera");
  other.Execute("COMMIT");
  CHECK(RawInt(dir / "snap.tessera", "SELECT count(*) FROM meta WHERE key = 'uncommitted'") == 0);
  CHECK(RawInt(path, "SELECT count(*) FROM meta WHERE key = 'uncommitted'") == 1);
  CHECK_FALSE(fs::exists(dir / "snap.tessera-wal"));
  Project copy = Project::OpenReadOnly(dir / "snap.tessera");
  CHECK(CheckProject(copy).empty());
  // Inside a transaction a snapshot would copy uncommitted changes: refused.
  Transaction tx(project.Db());
  CHECK_THROWS_AS(SnapshotDatabase(project.Db(), dir / "snap2.tessera"), ProgrammingError);
  CHECK_FALSE(fs::exists(dir / "snap2.tessera"));
}

TEST_CASE("A backup waits for another program's write and records itself", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  Database other(path, Database::Mode::ReadWrite);
  other.Execute("BEGIN IMMEDIATE");
  other.Execute("INSERT INTO meta(key, value) VALUES('later', 'x')");
  std::thread committer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    other.Execute("COMMIT");
  });
  const auto report = BackupProject(project, {.out_path = dir / "b.tessera", .keep = 10, .automatic = false});
  committer.join();
  CHECK(AuditLog(project.Db()).Entries().back().action == "project/backup");
  Project copy = Project::OpenReadOnly(report.path);
  CHECK(CheckProject(copy).empty());
}

TEST_CASE("BackupProject -o never replaces a file", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  WriteFile(dir / "taken.tessera", "keep me");
  CHECK_THROWS_WITH(BackupProject(project, {.out_path = dir / "taken.tessera", .keep = 10, .automatic = false}),
                    Catch::Contains("already exists"));
  CHECK(ReadFile(dir / "taken.tessera") == "keep me");
}

TEST_CASE("MaybeAutoBackup makes at most one backup an hour", "[backup]") {
  EnvVar on("TESSERA_AUTO_BACKUP", nullptr);
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  const auto first = MaybeAutoBackup(project);
  REQUIRE(first.has_value());
  CHECK(nlohmann::json::parse(AuditLog(project.Db()).Entries().back().detail).at("automatic") == true);
  CHECK_FALSE(project.Meta("last_auto_backup_at").empty());
  CHECK_FALSE(MaybeAutoBackup(project).has_value());
  CHECK(ListBackups(path).size() == 1);
  // Two hours later (as the meta table tells it), the next one is due.
  project.SetMeta("last_auto_backup_at", "2001-01-01T00:00:00Z");
  CHECK(MaybeAutoBackup(project).has_value());
  CHECK(ListBackups(path).size() == 2);
  // A time in the future (a clock set back) does not stop backups for good.
  project.SetMeta("last_auto_backup_at", "2999-01-01T00:00:00Z");
  CHECK(MaybeAutoBackup(project).has_value());
  CHECK(MaybeAutoBackup(project, {.interval = std::chrono::seconds(0), .keep = 2}).has_value());
  CHECK(ListBackups(path).size() == 2);
  {
    EnvVar off("TESSERA_AUTO_BACKUP", "off");
    CHECK_FALSE(MaybeAutoBackup(project, {.interval = std::chrono::seconds(0), .keep = 10}).has_value());
  }
  Project read_only = Project::OpenReadOnly(path);
  CHECK_FALSE(MaybeAutoBackup(read_only, {.interval = std::chrono::seconds(0), .keep = 10}).has_value());
  CHECK(CheckProject(project).empty());
  Transaction tx(project.Db());
  CHECK_THROWS_AS(MaybeAutoBackup(project, {.interval = std::chrono::seconds(0), .keep = 10}), ProgrammingError);
}

TEST_CASE("RestoreProject brings a backup back and keeps the replaced project", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  std::string backup;
  {
    Project project = Project::Open(path);
    backup = BackupProject(project).path;
  }
  AddCoding(path, 0);
  AddCoding(path, 5);
  const auto before = ProjectFingerprint(path);
  fs::create_directories(path + ".xapian");
  WriteFile(path + ".xapian/postlist.glass", "stale index");

  const auto report = RestoreProject(backup, path);
  CHECK(report.previous_path == path + ".before-restore");
  CHECK(Codings(path) == 0);
  CHECK(ProjectFingerprint(report.previous_path) == before);
  CHECK(Codings(report.previous_path) == 2);
  CHECK_FALSE(fs::exists(path + ".xapian"));
  {
    Project restored = Project::Open(path);
    CHECK(CheckProject(restored).empty());
    const auto entries = AuditLog(restored.Db()).Entries();
    CHECK(entries.back().action == "project/restore");
    CHECK(nlohmann::json::parse(entries.back().detail).at("sha256") == Sha256OfFile(backup));
  }
  // A second restore keeps the first one's leftovers too.
  const auto second = RestoreProject(backup, path);
  CHECK(second.previous_path == path + ".before-restore-2");
  CHECK(fs::exists(path + ".before-restore"));
  // No temporary file was left beside the project.
  for (const auto& entry : fs::directory_iterator(dir.Path())) {
    CHECK(entry.path().filename().string().rfind('.', 0) != 0);
  }
}

TEST_CASE("RestoreProject into a missing project creates it", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project project = Project::Open(path);
  const auto backup = BackupProject(project).path;
  const auto report = RestoreProject(backup, dir / "elsewhere.tessera");
  CHECK(report.previous_path.empty());
  CHECK(RunCli({"check", dir / "elsewhere.tessera"}).exit_code == 0);
}

TEST_CASE("RestoreProject refuses a damaged backup and changes nothing", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  std::string backup;
  {
    Project project = Project::Open(path);
    backup = BackupProject(project, {.out_path = dir / "b.tessera", .keep = 10, .automatic = false}).path;
  }
  AddCoding(path, 0);
  const auto before = ProjectFingerprint(path);
  std::string bytes = ReadFile(backup);
  SECTION("a changed letter in a transcript") {
    const auto at = bytes.find("Interviewer");
    if (at == std::string::npos) {
      const auto khmer = bytes.find("នគរបាល");
      REQUIRE(khmer != std::string::npos);
      bytes[khmer + 2] = static_cast<char>(bytes[khmer + 2] ^ 0x01);
    } else {
      bytes[at] = 'J';
    }
  }
  SECTION("a truncated file") { bytes.resize(bytes.size() / 2); }
  SECTION("a page of zeros") { std::fill(bytes.begin() + 4096, bytes.begin() + 8192, '\0'); }
  SECTION("an edited audit entry") {
    RawSql(backup, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE id = 1;");
    bytes = ReadFile(backup);
  }
  SECTION("not a project at all") { bytes = "Interviewer: this is a transcript, not a backup\n"; }
  WriteFile(backup, bytes);
  CHECK_THROWS_AS(RestoreProject(backup, path), DataError);
  CHECK(ProjectFingerprint(path) == before);
  CHECK_FALSE(fs::exists(path + ".before-restore"));
  for (const auto& entry : fs::directory_iterator(dir.Path())) {
    CHECK(entry.path().filename().string().rfind('.', 0) != 0);
  }
}

TEST_CASE("RestoreProject refuses while a program has the project open", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  std::string backup;
  {
    Project project = Project::Open(path);
    backup = BackupProject(project).path;
  }
  AddCoding(path, 0);
  const auto before = ProjectFingerprint(path);
  {
    Project open_elsewhere = Project::Open(path);  // as the application would hold it
    CHECK(open_elsewhere.Meta("generation") != "");
    CHECK(ProcessUsingProject(path) != 0);
    CHECK_THROWS_WITH(RestoreProject(backup, path), Catch::Contains("in use by another program"));
  }
  CHECK(ProcessUsingProject(path) == 0);
  // Another process with the project open (idle, between two commands of the application).
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(ready[0]);
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_exec(db, "SELECT count(*) FROM documents", nullptr, nullptr, nullptr);
    const char byte = 1;
    if (write(ready[1], &byte, 1) != 1) _exit(1);
    pause();  // until killed
    _exit(0);
  }
  close(ready[1]);
  char byte = 0;
  REQUIRE(read(ready[0], &byte, 1) == 1);
  close(ready[0]);
  CHECK(ProcessUsingProject(path) == child);
  CHECK_THROWS_WITH(RestoreProject(backup, path),
                    Catch::Contains("in use by another program (process " + std::to_string(child) + ")"));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  CHECK(ProcessUsingProject(path) == 0);
  CHECK(ProjectFingerprint(path) == before);
  RestoreProject(backup, path);
  CHECK(Codings(path) == 0);
}

TEST_CASE("RestoreProject keeps changes that were still in the replaced project's log", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  std::string backup;
  {
    Project project = Project::Open(path);
    backup = BackupProject(project).path;
  }
  // A program commits and dies without checkpointing: the change lives only in PROJECT-wal.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_exec(db, "PRAGMA wal_autocheckpoint=0; INSERT INTO meta(key, value) VALUES('only-in-wal', 'ស');", nullptr,
                 nullptr, nullptr);
    _exit(0);  // no sqlite3_close: the log stays
  }
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(fs::exists(path + "-wal"));
  REQUIRE(fs::file_size(path + "-wal") > 0);
  const auto report = RestoreProject(backup, path);
  CHECK(RawInt(report.previous_path, "SELECT count(*) FROM meta WHERE key = 'only-in-wal'") == 1);
  CHECK(RawInt(path, "SELECT count(*) FROM meta WHERE key = 'only-in-wal'") == 0);
}

TEST_CASE("cli backup and restore, and a damaged backup refused with one line", "[backup][cli]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  const auto made = RunCli({"backup", path, "--format", "json"});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  const std::string backup = nlohmann::json::parse(made.out).at("backup");
  CHECK(fs::exists(backup));
  const auto to_file = RunCli({"backup", path, "-o", dir / "copy ស.tessera"});
  REQUIRE(to_file.exit_code == 0);
  CHECK_THAT(to_file.out, Catch::Contains("Backed up"));
  CHECK(RunCli({"backup", path, "-o", dir / "copy ស.tessera"}).exit_code == 1);
  AddCoding(path, 0);

  std::string bytes = ReadFile(dir / "copy ស.tessera");
  bytes.resize(bytes.size() - 4096);
  WriteFile(dir / "damaged.tessera", bytes);
  const auto before = ProjectFingerprint(path);
  const auto refused = RunCli({"restore", dir / "damaged.tessera", path});
  CHECK(refused.exit_code == 1);
  REQUIRE(refused.ErrLines().size() == 1);
  CHECK_THAT(refused.err, Catch::Contains("damaged") && Catch::Contains("left as it was"));
  CHECK(ProjectFingerprint(path) == before);

  const auto restored = RunCli({"restore", backup, path});
  INFO(restored.err);
  REQUIRE(restored.exit_code == 0);
  CHECK_THAT(restored.out, Catch::Contains("before-restore"));
  CHECK(Codings(path) == 0);
  CHECK(Codings(path + ".before-restore") == 1);
  CHECK(RunCli({"check", path}).exit_code == 0);
  CHECK(RunCli({"check", path + ".before-restore"}).exit_code == 0);
}

TEST_CASE("check names an edited audit entry and a deleted newest entry", "[backup][audit][cli]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  AddCoding(path, 0);
  AddCoding(path, 5);
  const auto last = RawInt(path, "SELECT max(id) FROM audit_log");
  REQUIRE(last >= 3);
  const std::string drop = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";
  SECTION("edited") {
    RawSql(path, drop + "UPDATE audit_log SET detail = '{\"start\":99}' WHERE id = " + std::to_string(last - 1) + ";");
    const auto r = RunCli({"check", path});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("audit entry " + std::to_string(last - 1) + " was altered"));
  }
  SECTION("newest deleted") {
    RawSql(path, drop + "DELETE FROM audit_log WHERE id = " + std::to_string(last) + ";");
    const auto r = RunCli({"check", path});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("audit entry " + std::to_string(last) + " is missing"));
  }
  SECTION("all deleted") {
    RawSql(path, drop + "DELETE FROM audit_log;");
    const auto r = RunCli({"check", path});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("audit entry 1 is missing"));
  }
  SECTION("one forged at the end") {
    RawSql(path, "INSERT INTO audit_log(id, at, actor, action, detail, prev_hash, hash) "
                 "SELECT id + 1, at, actor, action, detail, hash, hash FROM audit_log WHERE id = " + std::to_string(last) + ";");
    const auto r = RunCli({"check", path});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, Catch::Contains("audit entry " + std::to_string(last + 1)));
  }
}

TEST_CASE("Plaintext temporaries left by a killed seal, restore or backup are swept later", "[backup]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  const std::string name = fs::path(path).filename().string();
  fs::create_directories(path + ".backups");
  const std::vector<std::string> abandoned = {dir / ("." + name + ".seal-0123abcd"), dir / ("." + name + ".restore-89abcdef"),
                                              path + ".backups/.20250101T000000Z.tessera.tmp-deadbeef"};
  const std::vector<std::string> kept = {dir / ("." + name + ".seal-notmine!"), dir / ("." + name + ".unseal-0123abcd"),
                                         dir / ".other.tessera.seal-0123abcd", path + ".backups/.notes.tmp-x"};
  for (const auto& f : abandoned) {
    WriteFile(f, "plaintext");
    fs::last_write_time(f, fs::file_time_type::clock::now() - std::chrono::hours(2));
  }
  for (const auto& f : kept) {
    WriteFile(f, "plaintext");
    fs::last_write_time(f, fs::file_time_type::clock::now() - std::chrono::hours(2));
  }
  WriteFile(dir / ("." + name + ".seal-fedcba98"), "being written right now");
  Project project = Project::Open(path);
  BackupProject(project);
  for (const auto& f : abandoned) CHECK_FALSE(fs::exists(f));
  for (const auto& f : kept) CHECK(fs::exists(f));
  CHECK(fs::exists(dir / ("." + name + ".seal-fedcba98")));
}
