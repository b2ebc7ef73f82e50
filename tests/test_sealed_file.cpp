// Sealed exchange files (security/sealed_file.h, security/secret.h) and `tessera-cli seal|unseal`:
// a round trip keeps every document and coding; a wrong passphrase, any changed byte, a truncated
// or extended file are refused and write nothing; deleted text does not travel; the passphrase
// file's first line is the passphrase; seal and unseal are in the audit log.

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <set>
#include <string>
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
#include "security/file_safety.h"
#include "security/sealed_file.h"
#include "security/secret.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::DataFile;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;

namespace {

// Cheap Argon2id parameters, so that a test can try hundreds of damaged files; the CLI and the
// application always use the defaults (MODERATE).
const SealOptions kFast{.opslimit = 1, .memlimit = 8 * 1024 * 1024, .chunk_size = 4096, .actor = {}};
const char* kPassphrase = "ពាក្យសម្ងាត់ of the Phnom Penh team";

// A project with three transcripts in three scripts and a few codings.
std::string MakeProject(const TempDir& dir, const std::string& name = "study ភ្នំពេញ.tessera") {
  const std::string path = dir / name;
  Project project = Project::Create(path);
  project.SetCurrentUser("amara");
  NullProgress quiet;
  ImportFiles(project,
              {DataFile("import/utf8_bom_khmer.txt"), DataFile("import/tis620_thai.txt"),
               DataFile("import/utf8_vietnamese_nfd_crlf.txt")},
              {}, quiet);
  Transaction tx(project.Db());
  CodeTree tree(project.Db());
  CodingStore codings(project.Db());
  const auto police = tree.EnsurePath("Reporting/Reporting to police");
  const auto fear = tree.EnsurePath("Barriers/Fear");
  codings.Add(1, 0, 10, police, project.CurrentUserId(), "ការកត់សម្គាល់");
  codings.Add(2, 3, 20, fear, project.CurrentUserId());
  project.Audit("coding/apply", {{"n", 2}});
  tx.Commit();
  return path;
}

// The dump of every table except the audit log and the meta table (which record the seal itself).
std::string ContentDump(const std::string& path) {
  const std::string dump = tessera::test::DumpDatabase(path);
  std::string kept;
  std::size_t at = 0;
  bool skipping = false;
  while (at < dump.size()) {
    std::size_t end = dump.find('\n', at);
    if (end == std::string::npos) end = dump.size();
    const std::string line = dump.substr(at, end - at);
    if (line.rfind("TABLE ", 0) == 0) skipping = line == "TABLE audit_log" || line == "TABLE meta";
    if (!skipping) kept += line + "\n";
    at = end + 1;
  }
  return kept;
}

std::vector<std::string> FilesIn(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  return names;
}

void FlipByte(const std::string& path, std::size_t at) {
  std::string bytes = ReadFile(path);
  REQUIRE(at < bytes.size());
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  WriteFile(path, bytes);
}

}  // namespace

TEST_CASE("A sealed project unseals to the same documents, codes and codings", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const std::string sealed = dir / "to coder ញ.tessera-sealed";
  const auto report = SealProject(project, sealed, kPassphrase, kFast);
  CHECK(report.path == sealed);
  CHECK(report.bytes == fs::file_size(sealed));
  CHECK(report.sha256 == Sha256OfFile(sealed));
  // Nothing of the transcripts is readable in the sealed file.
  const std::string bytes = ReadFile(sealed);
  CHECK(bytes.rfind("TSRASEAL", 0) == 0);
  CHECK(bytes.find("SQLite format 3") == std::string::npos);
  CHECK(bytes.find("នគរបាល") == std::string::npos);
  CHECK(bytes.find("Reporting to police") == std::string::npos);

  const std::string unsealed = dir / "unsealed.tessera";
  UnsealProject(sealed, unsealed, kPassphrase);
  CHECK(ContentDump(unsealed) == ContentDump(project));
  Project copy = Project::Open(unsealed);
  CHECK(CheckProject(copy).empty());
  CHECK(copy.Guid() == Project::OpenReadOnly(project).Guid());
  const auto copy_audit = AuditLog(copy.Db()).Entries();
  REQUIRE_FALSE(copy_audit.empty());
  CHECK(copy_audit.back().action == "project/unseal");
  CHECK(nlohmann::json::parse(copy_audit.back().detail).at("sha256") == report.sha256);
  // The sealed project recorded that it was sealed, with the sealed file's hash.
  Project source = Project::OpenReadOnly(project);
  const auto source_audit = AuditLog(source.Db()).Entries();
  CHECK(source_audit.back().action == "project/seal");
  CHECK(nlohmann::json::parse(source_audit.back().detail).at("sha256") == report.sha256);
  CHECK(CheckProject(source).empty());
  // No temporary file was left behind, neither beside the project nor beside the output.
  for (const auto& name : FilesIn(dir.Path())) CHECK(name.rfind('.', 0) != 0);
}

TEST_CASE("Sealing with the default parameters uses Argon2id MODERATE", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  SealProject(project, dir / "p.sealed", kPassphrase);
  const auto header = ParseSealedHeader(ReadFile(dir / "p.sealed"), dir / "p.sealed");
  CHECK(header.version == 1);
  CHECK(header.opslimit >= 3);
  CHECK(header.memlimit >= 256ull * 1024 * 1024);
  UnsealProject(dir / "p.sealed", dir / "q.tessera", kPassphrase);
  CHECK(ContentDump(dir / "q.tessera") == ContentDump(project));
}

TEST_CASE("A wrong passphrase is refused and writes nothing", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  SealProject(project, dir / "p.sealed", kPassphrase, kFast);
  const auto before = FilesIn(dir.Path());
  const std::vector<std::string> wrong_ones{"ពាក្យសម្ងាត់ of the Phnom Penh tean", "x", std::string(kPassphrase) + " "};
  for (const auto& wrong : wrong_ones) {
    INFO(wrong);
    CHECK_THROWS_WITH(UnsealProject(dir / "p.sealed", dir / "out.tessera", wrong),
                      Catch::Contains("wrong passphrase") && Catch::Contains("nothing was written"));
    CHECK_FALSE(fs::exists(dir / "out.tessera"));
    CHECK(FilesIn(dir.Path()).size() == before.size());
  }
  CHECK_THROWS_AS(UnsealProject(dir / "p.sealed", dir / "out.tessera", ""), DataError);
  CHECK_THROWS_AS(SealProject(project, dir / "empty.sealed", "", kFast), DataError);
  CHECK_FALSE(fs::exists(dir / "empty.sealed"));
}

TEST_CASE("Any single changed byte of a sealed file is refused and writes nothing", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const std::string sealed = dir / "p.sealed";
  SealProject(project, sealed, kPassphrase, kFast);
  const std::string original = ReadFile(sealed);
  // Every byte of the header, the first and last bytes of every chunk, and a spread in between.
  std::set<std::size_t> positions;
  for (std::size_t i = 0; i < kSealedHeaderSize; ++i) positions.insert(i);
  const std::size_t chunk = kFast.chunk_size + 17;
  for (std::size_t at = kSealedHeaderSize; at < original.size(); at += chunk) {
    positions.insert(at);
    positions.insert(std::min(at + chunk, original.size()) - 1);
    positions.insert(std::min(at + chunk, original.size()) - 17);
  }
  std::mt19937 random(20240607);
  for (int i = 0; i < 60; ++i) positions.insert(std::uniform_int_distribution<std::size_t>(0, original.size() - 1)(random));
  for (std::size_t at : positions) {
    INFO("byte " << at << " of " << original.size());
    WriteFile(sealed, original);
    FlipByte(sealed, at);
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
    CHECK_FALSE(fs::exists(dir / "out.tessera"));
  }
  CHECK(FilesIn(dir.Path()).size() == 2);  // the project and the sealed file
  WriteFile(sealed, original);
  UnsealProject(sealed, dir / "out.tessera", kPassphrase);
  CHECK(ContentDump(dir / "out.tessera") == ContentDump(project));
}

TEST_CASE("A truncated or extended sealed file is refused", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const std::string sealed = dir / "p.sealed";
  SealProject(project, sealed, kPassphrase, kFast);
  const std::string original = ReadFile(sealed);
  const std::size_t chunk = kFast.chunk_size + 17;
  REQUIRE(original.size() > kSealedHeaderSize + 2 * chunk);
  SECTION("cut at a chunk boundary") {
    WriteFile(sealed, original.substr(0, kSealedHeaderSize + 2 * chunk));
    CHECK_THROWS_WITH(UnsealProject(sealed, dir / "out.tessera", kPassphrase), Catch::Contains("truncated"));
  }
  SECTION("cut inside a chunk") {
    WriteFile(sealed, original.substr(0, original.size() - 5));
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
  }
  SECTION("cut inside the header") {
    WriteFile(sealed, original.substr(0, 40));
    CHECK_THROWS_WITH(UnsealProject(sealed, dir / "out.tessera", kPassphrase), Catch::Contains("truncated"));
  }
  SECTION("bytes after the end") {
    WriteFile(sealed, original + "x");
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
    WriteFile(sealed, original + original.substr(kSealedHeaderSize, chunk));
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
  }
  SECTION("a chunk dropped or repeated") {
    WriteFile(sealed, original.substr(0, kSealedHeaderSize) + original.substr(kSealedHeaderSize + chunk));
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
    WriteFile(sealed, original.substr(0, kSealedHeaderSize + chunk) + original.substr(kSealedHeaderSize));
    CHECK_THROWS_AS(UnsealProject(sealed, dir / "out.tessera", kPassphrase), DataError);
  }
  CHECK_FALSE(fs::exists(dir / "out.tessera"));
  CHECK(FilesIn(dir.Path()).size() == 2);
}

TEST_CASE("Unseal never replaces an existing file and refuses other kinds of file", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  SealProject(project, dir / "p.sealed", kPassphrase, kFast);
  WriteFile(dir / "existing.tessera", "my work");
  CHECK_THROWS_WITH(UnsealProject(dir / "p.sealed", dir / "existing.tessera", kPassphrase), Catch::Contains("already exists"));
  CHECK(ReadFile(dir / "existing.tessera") == "my work");
  CHECK_THROWS_WITH(SealProject(project, dir / "existing.tessera", kPassphrase, kFast), Catch::Contains("already exists"));
  CHECK(ReadFile(dir / "existing.tessera") == "my work");
  CHECK_THROWS_WITH(UnsealProject(project, dir / "x.tessera", kPassphrase), Catch::Contains("not a sealed Tessera file"));
  WriteFile(dir / "short", "TSRA");
  CHECK_THROWS_WITH(UnsealProject(dir / "short", dir / "x.tessera", kPassphrase), Catch::Contains("not a sealed"));
  CHECK_THROWS_AS(UnsealProject(dir / "missing.sealed", dir / "x.tessera", kPassphrase), DataError);
  CHECK_FALSE(fs::exists(dir / "x.tessera"));
}

TEST_CASE("A sealed header asking for absurd parameters is refused before any work", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  SealProject(project, dir / "p.sealed", kPassphrase, kFast);
  std::string bytes = ReadFile(dir / "p.sealed");
  SECTION("memory") { bytes[20 + 5] = '\x7f'; }  // memlimit byte 5: terabytes
  SECTION("passes") { bytes[12 + 4] = '\x01'; }  // opslimit 2^32 + 1
  SECTION("chunk size") { bytes[28 + 3] = '\x40'; }  // about a gigabyte
  SECTION("newer format") { bytes[8] = '\x02'; }
  WriteFile(dir / "p.sealed", bytes);
  CHECK_THROWS_AS(ParseSealedHeader(bytes, "p.sealed"), DataError);
  CHECK_THROWS_AS(UnsealProject(dir / "p.sealed", dir / "x.tessera", kPassphrase), DataError);
}

TEST_CASE("Text deleted from a project does not travel in its sealed copy", "[security][seal]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  const std::string marker = "QXZ-deleted-transcript-marker";
  std::string secret_text;
  for (int i = 0; i < 400; ++i) secret_text += "Interviewer: " + marker + " " + std::to_string(i) + "\n";
  WriteFile(dir / "to_delete.txt", secret_text);
  {
    Project p = Project::Open(project);
    NullProgress quiet;
    ImportFiles(p, {dir / "to_delete.txt"}, {}, quiet);
  }
  // Debian's SQLite zeroes deleted content by default (SECURE_DELETE); other builds do not.
  tessera::test::RawSql(project,
                        "PRAGMA secure_delete=OFF; PRAGMA foreign_keys=ON; DELETE FROM documents WHERE name = 'to_delete';"
                        "PRAGMA wal_checkpoint(TRUNCATE);");
  fs::remove(dir / "to_delete.txt");
  REQUIRE(ReadFile(project).find(marker) != std::string::npos);  // the text is still in free pages
  SealProject(project, dir / "p.sealed", kPassphrase, kFast);
  UnsealProject(dir / "p.sealed", dir / "copy.tessera", kPassphrase);
  CHECK(ReadFile(dir / "copy.tessera").find(marker) == std::string::npos);
  CHECK(ContentDump(dir / "copy.tessera") == ContentDump(project));
}

TEST_CASE("A passphrase file gives its first line without the line end", "[security][seal]") {
  TempDir dir;
  const auto read = [&](const std::string& content) {
    WriteFile(dir / "pass", content);
    return std::string(ReadPassphraseFile(dir / "pass").View());
  };
  CHECK(read("correct horse ម៉ាក់\n") == "correct horse ម៉ាក់");
  CHECK(read("windows line\r\n") == "windows line");
  CHECK(read("no line end") == "no line end");
  CHECK(read("first\nsecond\n") == "first");
  CHECK(read("  spaces kept  \n") == "  spaces kept  ");
  for (const char* empty : {"", "\n", "\r\n", "\nsecond line\n"}) {
    INFO("content: " << empty);
    WriteFile(dir / "pass", empty);
    CHECK_THROWS_WITH(ReadPassphraseFile(dir / "pass"), Catch::Contains("empty"));
  }
  CHECK_THROWS_AS(ReadPassphraseFile(dir / "missing"), DataError);
  WriteFile(dir / "pass", "abc\n");
  Secret moved = ReadPassphraseFile(dir / "pass");
  Secret other = std::move(moved);
  CHECK(other.View() == "abc");
  CHECK(moved.Empty());  // NOLINT(bugprone-use-after-move): a moved-from Secret is empty
}

TEST_CASE("cli seal and unseal round-trip a project; a wrong passphrase fails cleanly", "[security][seal][cli]") {
  TempDir dir;
  const std::string project = MakeProject(dir);
  WriteFile(dir / "pass.txt", std::string(kPassphrase) + "\n");
  WriteFile(dir / "wrong.txt", "not it\n");
  WriteFile(dir / "empty.txt", "\n");
  const auto sealed = RunCli({"seal", project, "-o", dir / "out.sealed", "--passphrase-file", dir / "pass.txt"});
  INFO(sealed.err);
  REQUIRE(sealed.exit_code == 0);
  CHECK_THAT(sealed.out, Catch::Contains("Sealed"));

  const auto wrong = RunCli({"unseal", dir / "out.sealed", "-o", dir / "copy.tessera", "--passphrase-file", dir / "wrong.txt"});
  CHECK(wrong.exit_code == 1);
  REQUIRE(wrong.ErrLines().size() == 1);
  CHECK_THAT(wrong.err, Catch::Contains("wrong passphrase"));
  CHECK_FALSE(fs::exists(dir / "copy.tessera"));

  const auto empty = RunCli({"seal", project, "-o", dir / "other.sealed", "--passphrase-file", dir / "empty.txt"});
  CHECK(empty.exit_code == 1);
  CHECK_THAT(empty.err, Catch::Contains("passphrase is empty"));
  CHECK_FALSE(fs::exists(dir / "other.sealed"));

  const auto ok = RunCli(
      {"unseal", dir / "out.sealed", "-o", dir / "copy.tessera", "--passphrase-file", dir / "pass.txt", "--coder", "ស្រី"});
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  CHECK(ContentDump(dir / "copy.tessera") == ContentDump(project));
  CHECK(RunCli({"check", dir / "copy.tessera"}).exit_code == 0);
  const auto again = RunCli({"unseal", dir / "out.sealed", "-o", dir / "copy.tessera", "--passphrase-file", dir / "pass.txt"});
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("already exists"));
  CHECK(tessera::test::RawInt(project, "SELECT count(*) FROM audit_log WHERE action = 'project/seal'") == 1);
  CHECK(tessera::test::RawInt(dir / "copy.tessera",
                              "SELECT count(*) FROM audit_log WHERE action = 'project/unseal' AND actor = 'ស្រី'") == 1);
  CHECK(tessera::test::RawInt(project, "SELECT count(*) FROM audit_log WHERE action = 'project/seal' AND actor = 'tester'") == 1);
}
