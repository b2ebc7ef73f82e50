// Two programs on one project (the application and the CLI, or two CLIs): writes wait for each
// other (busy timeout, BEGIN IMMEDIATE) and nothing is lost or duplicated; a write that waits
// longer than the timeout fails with a clear "in use by another program" and exit status 1.

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/importer.h"
#include "progress.h"
#include "project/audit_log.h"
#include "project/coding_store.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::DataFile;
using tessera::test::ProjectFingerprint;
using tessera::test::RawInt;
using tessera::test::RunCli;
using tessera::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

std::string MakeProject(const TempDir& dir) {
  const std::string path = dir / "shared ប្រាសាទ.tessera";
  Project project = Project::Create(path);
  NullProgress quiet;
  ImportFiles(project, {DataFile("import/utf8_bom_khmer.txt")}, {}, quiet);
  return path;
}

// A child process that takes the project's write lock, tells the parent through a pipe, holds the
// lock for `hold_ms` and then commits (or rolls back). Returns the child's pid.
pid_t HoldWriteLock(const std::string& path, int hold_ms, bool commit) {
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(ready[0]);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) _exit(2);
    if (sqlite3_exec(db, "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES('holder', 'x');", nullptr, nullptr,
                     nullptr) != SQLITE_OK) {
      _exit(3);
    }
    const char byte = 1;
    if (write(ready[1], &byte, 1) != 1) _exit(4);
    usleep(static_cast<useconds_t>(hold_ms) * 1000);
    sqlite3_exec(db, commit ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    _exit(0);
  }
  close(ready[1]);
  char byte = 0;
  REQUIRE(read(ready[0], &byte, 1) == 1);
  close(ready[0]);
  return pid;
}

int Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("Concurrent tessera-cli code calls lose and duplicate nothing", "[concurrency][slow]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  // Counted by action: an automatic backup after a command may add entries of its own.
  const auto audit_before = RawInt(project, "SELECT count(*) FROM audit_log WHERE action = 'coding/apply'");
  constexpr int kProcesses = 4, kCalls = 12;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      // Each process codes its own ranges, with codes and coders that several processes create
      // at the same moment.
      int failures = 0;
      for (int c = 0; c < kCalls; ++c) {
        const int start = p * kCalls + c;
        const auto r = RunCli({"code", project, "utf8_bom_khmer", std::to_string(start), std::to_string(start + 1),
                               "Shared/Theme " + std::to_string(c % 3), "--coder", "coder " + std::to_string(c % 2)});
        if (r.exit_code != 0) ++failures;
      }
      _exit(failures);
    }
    children.push_back(pid);
  }
  int failures = 0;
  for (pid_t pid : children) failures += Reap(pid);
  CHECK(failures == 0);
  CHECK(RawInt(project, "SELECT count(*) FROM codings") == kProcesses * kCalls);
  CHECK(RawInt(project, "SELECT count(DISTINCT start) FROM codings") == kProcesses * kCalls);
  CHECK(RawInt(project, "SELECT count(*) FROM codes") == 4);  // Shared and three themes, each once
  CHECK(RawInt(project, "SELECT count(*) FROM users WHERE name LIKE 'coder %'") == 2);
  CHECK(RawInt(project, "SELECT count(*) FROM audit_log WHERE action = 'coding/apply'") == audit_before + kProcesses * kCalls);
  const auto check = RunCli({"check", project});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("A write waits for another program's transaction and then succeeds", "[concurrency]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const pid_t holder = HoldWriteLock(project, 700, true);
  const auto started = Clock::now();
  const auto r = RunCli({"code", project, "utf8_bom_khmer", "0", "5", "Barriers/Fear"});
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  CHECK(Reap(holder) == 0);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(waited >= 300);
  CHECK(RawInt(project, "SELECT count(*) FROM codings") == 1);
  CHECK(RawInt(project, "SELECT count(*) FROM meta WHERE key = 'holder'") == 1);
  CHECK(RunCli({"check", project}).exit_code == 0);
}

TEST_CASE("A write blocked longer than the busy timeout fails clearly and changes nothing", "[concurrency]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const auto before = ProjectFingerprint(project);
  const pid_t holder = HoldWriteLock(project, 3000, false);
  const auto started = Clock::now();
  const auto r = RunCli({"code", project, "utf8_bom_khmer", "0", "5", "Barriers/Fear"}, {{"TESSERA_BUSY_TIMEOUT_MS", "400"}});
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
  // Reading is never blocked by a writer (write-ahead log).
  const auto read = RunCli({"codings", project, "--format", "json"}, {{"TESSERA_BUSY_TIMEOUT_MS", "400"}});
  CHECK(Reap(holder) == 0);
  INFO(r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  REQUIRE(r.ErrLines().size() == 1);
  CHECK_THAT(r.err, Catch::Contains("in use by another program") && Catch::Contains(project));
  CHECK(waited >= 350);
  CHECK(waited < 2500);
  CHECK(read.exit_code == 0);
  CHECK(ProjectFingerprint(project) == before);
  CHECK(RunCli({"check", project}).exit_code == 0);
}

TEST_CASE("The application's open project and the CLI work on one file", "[concurrency]") {
  TempDir dir;
  const std::string path = MakeProject(dir);
  Project app = Project::Open(path);  // held open, as the application holds it
  app.SetCurrentUser("amara");
  {
    Transaction tx(app.Db());
    app.Audit("memo/add", {{"on", "project"}});
    tx.Commit();
  }
  const auto r = RunCli({"code", path, "utf8_bom_khmer", "2", "9", "Support/Family"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(CodingStore(app.Db()).List().size() == 1);  // the application sees the CLI's coding
  {
    Transaction tx(app.Db());
    app.Audit("memo/add", {{"on", "project"}});
    tx.Commit();
  }
  CHECK(CheckProject(app).empty());
  CHECK(RunCli({"check", path}).exit_code == 0);
}
