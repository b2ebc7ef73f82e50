#include "security/backup.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <utility>

#include <nlohmann/json.hpp>

#include "error.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "security/file_safety.h"
#include "security/snapshot.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

constexpr const char* kLastAutoBackupKey = "last_auto_backup_at";

// Backup names: 20250305T101500Z.tessera, and 20250305T101500Z-2.tessera for a second in the same second.
const std::regex& BackupNamePattern() {
  static const std::regex pattern(R"(^([0-9]{8}T[0-9]{6}Z)(?:-([0-9]{1,6}))?\.tessera$)");
  return pattern;
}

std::string TimestampForName(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

// Reads UtcNow()'s form, YYYY-MM-DDThh:mm:ssZ.
std::optional<std::time_t> ParseUtc(const std::string& text) {
  std::tm utc{};
  char zulu = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                  &utc.tm_min, &utc.tm_sec, &zulu) != 7 ||
      zulu != 'Z') {
    return std::nullopt;
  }
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return timegm(&utc);
}

bool HasSqliteHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string(header, 16) == std::string("SQLite format 3\0", 16);
}

void RecordBackup(Project& project, const BackupReport& report, bool automatic) {
  Transaction tx(project.Db());
  project.Audit("project/backup",
                {{"file", FileNameOf(report.path)}, {"sha256", report.sha256}, {"bytes", report.bytes}, {"automatic", automatic}});
  tx.Commit();
}

std::vector<std::string> Rotate(const std::string& project_path, std::size_t keep) {
  std::vector<std::string> removed;
  auto backups = ListBackups(project_path);
  keep = std::max<std::size_t>(keep, 1);
  for (std::size_t i = 0; i + keep < backups.size(); ++i) {
    std::error_code ec;
    if (fs::remove(backups[i], ec)) removed.push_back(backups[i]);
  }
  return removed;
}

}  // namespace

std::string BackupFolder(const std::string& project_path) { return project_path + ".backups"; }

std::vector<std::string> ListBackups(const std::string& project_path) {
  // (timestamp, sequence, path): a second backup within one second sorts after the first.
  std::vector<std::tuple<std::string, int, std::string>> found;
  std::error_code ec;
  for (fs::directory_iterator it(BackupFolder(project_path), ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    std::smatch match;
    if (!std::regex_match(name, match, BackupNamePattern())) continue;
    found.emplace_back(match[1].str(), match[2].matched ? std::stoi(match[2].str()) : 1, it->path().string());
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> paths;
  for (auto& f : found) paths.push_back(std::move(std::get<2>(f)));
  return paths;
}

BackupReport BackupProject(Project& project, const BackupOptions& options) {
  if (project.Db().InTransaction()) throw ProgrammingError("BackupProject was called inside a transaction");
  const bool rotating = options.out_path.empty();
  std::string target = options.out_path;
  std::error_code ec;
  RemoveAbandonedTemporaries(project.Path());
  if (rotating) {
    const std::string folder = BackupFolder(project.Path());
    fs::create_directories(folder, ec);
    if (ec) throw EnvironmentError("cannot create the backup folder: " + ec.message(), folder);
    // Backups hold the whole study: readable by the owner only.
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
  } else if (fs::exists(target, ec)) {
    throw DataError("a file of that name already exists; it was left as it was", target);
  }
  const std::string stamp = TimestampForName(std::time(nullptr));
  // Within one second the names go on counting from the newest one of that second, so that the
  // order of the names stays the order of the backups even after rotation removed some.
  int sequence = 1;
  if (rotating) {
    for (const auto& existing : ListBackups(project.Path())) {
      std::smatch match;
      const std::string name = fs::path(existing).filename().string();
      if (std::regex_match(name, match, BackupNamePattern()) && match[1].str() == stamp) {
        sequence = std::max(sequence, (match[2].matched ? std::stoi(match[2].str()) : 1) + 1);
      }
    }
  }
  for (int attempt = 1;; ++attempt, ++sequence) {
    if (rotating) {
      target = (fs::path(BackupFolder(project.Path())) /
                (stamp + (sequence > 1 ? "-" + std::to_string(sequence) : std::string()) + ".tessera"))
                   .string();
      if (fs::exists(target, ec)) {
        if (attempt > 1000) throw EnvironmentError("cannot find a free name for the backup", target);
        continue;
      }
    }
    const std::string temp = TemporaryPathBeside(target, "tmp");
    TemporaryFileGuard guard(temp);
    SnapshotDatabase(project.Db(), temp);
    try {
      RenameNoReplace(temp, target);
    } catch (const EnvironmentError&) {
      throw;
    } catch (const DataError&) {
      // Another program took the name in the meantime; a rotating backup takes the next one.
      if (!rotating || attempt > 100) throw;
      continue;
    }
    guard.Release();
    break;
  }
  SyncParentFolder(target);
  BackupReport report{target, FileSize(target), Sha256OfFile(target), {}};
  try {
    RecordBackup(project, report, options.automatic);
  } catch (...) {
    // Every copy of the study is in the audit log; one that cannot be recorded is not kept.
    RemoveQuietly(target);
    throw;
  }
  if (rotating) report.removed = Rotate(project.Path(), options.keep);
  return report;
}

std::optional<BackupReport> MaybeAutoBackup(Project& project, const AutoBackupPolicy& policy) {
  if (const char* env = std::getenv("TESSERA_AUTO_BACKUP"); env && (std::string(env) == "0" || std::string(env) == "off")) {
    return std::nullopt;
  }
  Database& db = project.Db();
  if (project.Path() == ":memory:" || project.Path().empty() || sqlite3_db_readonly(db.Handle(), "main") != 0) {
    return std::nullopt;
  }
  if (db.InTransaction()) throw ProgrammingError("MaybeAutoBackup was called inside a transaction");
  const std::time_t now = std::time(nullptr);
  const auto due = [&](const std::string& last) {
    const auto at = ParseUtc(last);
    if (!at) return true;
    const auto age = static_cast<std::int64_t>(now) - static_cast<std::int64_t>(*at);
    // A time in the future (the clock was set back) must not stop backups for good.
    return age >= policy.interval.count() || age < -policy.interval.count();
  };
  if (!due(project.Meta(kLastAutoBackupKey))) return std::nullopt;
  // Claim the slot in a write transaction, so that two programs finishing a command at the same
  // moment make one backup between them, not two.
  std::string previous;
  {
    Transaction tx(db);
    previous = project.Meta(kLastAutoBackupKey);
    if (!due(previous)) return std::nullopt;
    project.SetMeta(kLastAutoBackupKey, UtcNow());
    tx.Commit();
  }
  try {
    return BackupProject(project, {.out_path = {}, .keep = policy.keep, .automatic = true});
  } catch (...) {
    // Give the slot back so that the next command tries again.
    try {
      Transaction tx(db);
      if (previous.empty()) {
        db.Prepare("DELETE FROM meta WHERE key = ?").Bind(1, kLastAutoBackupKey).Run();
      } else {
        project.SetMeta(kLastAutoBackupKey, previous);
      }
      tx.Commit();
    } catch (const Error&) {
    }
    throw;
  }
}

RestoreReport RestoreProject(const std::string& backup_path, const std::string& project_path,
                             const std::string& actor) {
  std::error_code ec;
  if (!fs::is_regular_file(backup_path, ec)) throw DataError("no such backup", backup_path);
  if (!HasSqliteHeader(backup_path)) {
    throw DataError("not a Tessera backup (not a project file); the project was left as it was", backup_path);
  }
  if (fs::exists(project_path, ec) && !fs::is_regular_file(project_path, ec)) {
    throw DataError("not a project file (a folder?); nothing was restored", project_path);
  }
  const bool had_project = fs::exists(project_path, ec);
  if (!had_project && fs::exists(project_path + "-wal", ec)) {
    throw DataError("a stray write-ahead log lies beside it (" + FileNameOf(project_path) + "-wal); move it away first",
                    project_path);
  }
  const auto refuse_if_in_use = [&] {
    if (const auto pid = ProcessUsingProject(project_path)) {
      throw EnvironmentError("the project is in use by another program" +
                                 (pid > 0 ? " (process " + std::to_string(pid) + ")" : std::string()) +
                                 "; close it before restoring. Nothing was changed",
                             project_path);
    }
  };
  if (had_project) refuse_if_in_use();
  RemoveAbandonedTemporaries(project_path);

  // 1. Copy the backup beside the project and check the copy: what is checked is what goes in.
  const std::string temp = TemporaryPathBeside(project_path, "restore");
  TemporaryFileGuard guard(temp);
  const auto damaged = [&](const std::string& why) {
    return DataError("the backup is damaged and was not restored (" + why + "); the project was left as it was",
                     backup_path);
  };
  try {
    Database source(backup_path, Database::Mode::ReadOnly);
    SnapshotDatabase(source, temp);
  } catch (const EnvironmentError&) {
    throw;
  } catch (const DataError& e) {
    throw damaged(e.reason());
  }
  const std::string backup_sha = Sha256OfFile(backup_path);
  {
    std::optional<Project> restored;
    try {
      restored.emplace(Project::Open(temp));
      const auto problems = CheckProject(*restored);
      if (!problems.empty()) {
        throw damaged(problems.front() +
                      (problems.size() > 1 ? " and " + std::to_string(problems.size() - 1) + " more" : ""));
      }
    } catch (const EnvironmentError&) {
      throw;
    } catch (const DataError& e) {
      if (e.path() == backup_path) throw;
      throw damaged(e.reason());
    }
    if (!actor.empty()) restored->SetCurrentUser(actor);
    Transaction tx(restored->Db());
    restored->Audit("project/restore", {{"backup", FileNameOf(backup_path)}, {"sha256", backup_sha}, {"replaced", had_project}});
    tx.Commit();
    restored->Db().Execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  if (fs::exists(temp + "-wal", ec) && fs::file_size(temp + "-wal", ec) > 0) {
    throw EnvironmentError("the restored copy could not be written completely; the project was left as it was", project_path);
  }
  RemoveSidecarsQuietly(temp);
  SyncFile(temp);

  // 2. Keep the old project under a free name, its log folded in (or moved along when it cannot be).
  RestoreReport report{project_path, {}};
  if (had_project) {
    try {
      Database old(project_path, Database::Mode::ReadWrite);
      old.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const Error&) {
      // A damaged project (the reason to restore, often) is kept exactly as it is, log and all.
    }
    refuse_if_in_use();
    for (int n = 1;; ++n) {
      const std::string candidate = project_path + ".before-restore" + (n > 1 ? "-" + std::to_string(n) : std::string());
      if (!fs::exists(candidate, ec) && !fs::exists(candidate + "-wal", ec)) {
        report.previous_path = candidate;
        break;
      }
    }
    for (const char* suffix : {"-wal", "-shm"}) {
      if (!fs::exists(project_path + suffix, ec)) continue;
      if (fs::file_size(project_path + suffix, ec) == 0 && std::string(suffix) == "-wal") {
        RemoveQuietly(project_path + suffix);
        continue;
      }
      fs::rename(project_path + suffix, report.previous_path + suffix, ec);
      if (ec) throw EnvironmentError("cannot move the project's log aside: " + ec.message(), project_path);
    }
    // A hard link keeps the old project under both names until the new one takes its place, so
    // that a crash at any point leaves a project at PROJECT.
    fs::create_hard_link(project_path, report.previous_path, ec);
    if (ec) {
      fs::copy_file(project_path, report.previous_path, fs::copy_options::none, ec);
      if (ec) throw EnvironmentError("cannot keep the old project aside: " + ec.message(), report.previous_path);
      SyncFile(report.previous_path);
    }
  }
  // 3. Put the restored copy in place in one rename.
  fs::rename(temp, project_path, ec);
  if (ec) throw EnvironmentError("cannot put the restored project in place: " + ec.message(), project_path);
  guard.Release();
  SyncParentFolder(project_path);
  // The search index described the replaced text; it is a cache and is rebuilt when needed.
  fs::remove_all(project_path + ".xapian", ec);
  return report;
}

}  // namespace tessera
