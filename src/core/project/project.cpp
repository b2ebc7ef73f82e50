#include "project/project.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "error.h"
#include "project/audit_log.h"
#include "project/identity.h"
#include "project/schema.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

// An SQLite file starts with this 16-byte magic; anything else is refused before SQLite sees it.
bool HasSqliteHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in.gcount() == 16 && std::string(header, 16) == std::string("SQLite format 3\0", 16);
}

void CheckIsTesseraProject(Database& db) {
  auto app = db.Prepare("PRAGMA application_id");
  app.Step();
  if (app.Int(0) != kApplicationId) throw DataError("not a Tessera project", db.Path());
}

}  // namespace

std::string DefaultUserName() {
  if (const char* coder = std::getenv("TESSERA_CODER"); coder && *coder) return coder;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* login = getlogin(); login && *login) return login;
  return "coder";
}

Project::Project(std::unique_ptr<Database> db, std::string path)
    : m_db(std::move(db)), m_path(std::move(path)), m_user(DefaultUserName()) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

Project Project::Create(const std::string& path) {
  if (fs::exists(path)) throw DataError("a file of that name already exists", path);
  auto db = std::make_unique<Database>(path, Database::Mode::ReadWriteCreate);
  try {
    db->EnableWal();
    CreateSchema(*db);
    Project project(std::move(db), path);
    Transaction tx(project.Db());
    project.SetMeta("project_guid", NewGuid());
    project.SetMeta("created_at", UtcNow());
    project.SetMeta("name", fs::path(path).stem().string());
    project.SetMeta("generation", "0");
    project.Audit("project/create", {{"path", fs::path(path).filename().string()}});
    tx.Commit();
    return project;
  } catch (...) {
    db.reset();
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ignored);
    throw;
  }
}

Project Project::Open(const std::string& path) {
  if (!fs::exists(path)) throw DataError("no such project", path);
  if (!fs::is_regular_file(path)) throw DataError("not a Tessera project (not a file)", path);
  if (!HasSqliteHeader(path)) throw DataError("not a Tessera project", path);
  auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite);
  CheckIsTesseraProject(*db);
  // The version is checked before anything writes to the file: a newer project stays untouched.
  MigrateSchema(*db);
  db->EnableWal();
  return Project(std::move(db), path);
}

Project Project::OpenReadOnly(const std::string& path) {
  if (!fs::exists(path)) throw DataError("no such project", path);
  if (!HasSqliteHeader(path)) throw DataError("not a Tessera project", path);
  auto db = std::make_unique<Database>(path, Database::Mode::ReadOnly);
  CheckIsTesseraProject(*db);
  if (SchemaVersion(*db) > kSchemaVersion) MigrateSchema(*db);  // throws: a newer project stays untouched
  if (SchemaVersion(*db) < kSchemaVersion) {
    // An older project is brought forward once, by a writable open, and then read as usual.
    db.reset();
    return Open(path);
  }
  return Project(std::move(db), path);
}

std::string Project::Guid() { return Meta("project_guid"); }

std::string Project::Meta(const std::string& key, const std::string& fallback) {
  auto stmt = m_db->Prepare("SELECT value FROM meta WHERE key = ?");
  stmt.Bind(1, key);
  return stmt.Step() ? stmt.Text(0) : fallback;
}

void Project::SetMeta(const std::string& key, const std::string& value) {
  m_db->Prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .BindAll(key, value)
      .Run();
}

void Project::Touch() {
  m_db->Execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'");
}

std::int64_t Project::EnsureUser(const std::string& name) {
  auto find = m_db->Prepare("SELECT id FROM users WHERE name = ?");
  find.Bind(1, name);
  if (find.Step()) return find.Int(0);
  m_db->Prepare("INSERT INTO users(guid, name) VALUES(?, ?)").BindAll(NewGuid(), name).Run();
  return m_db->LastInsertId();
}

void Project::Audit(const std::string& action, const nlohmann::json& detail) {
  AuditLog(*m_db).Append(m_user, action, detail);
}

}  // namespace tessera
