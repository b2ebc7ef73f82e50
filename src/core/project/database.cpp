#include "project/database.h"

#include <sqlite3.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "error.h"

namespace tessera {
namespace {

// How long a write waits for another program's lock: 10 s, or $TESSERA_BUSY_TIMEOUT_MS (whole
// milliseconds, for tests and slow shared disks). A malformed value is ignored.
int DefaultBusyTimeoutMs() {
  constexpr int kDefault = 10000;
  const char* env = std::getenv("TESSERA_BUSY_TIMEOUT_MS");
  if (!env || !*env) return kDefault;
  int value = 0;
  const char* end = env + std::strlen(env);
  const auto [ptr, ec] = std::from_chars(env, end, value);
  return ec == std::errc() && ptr == end && value >= 0 ? value : kDefault;
}

}  // namespace

Database::Database(const std::string& path, Mode mode) : m_path(path) {
  int flags = SQLITE_OPEN_FULLMUTEX;
  switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw DataError("cannot open the project: " + message, path);
  }
  sqlite3_extended_result_codes(m_db, 1);
  SetBusyTimeout(DefaultBusyTimeoutMs());
  // Reading the schema is the first thing that notices a file that is not a database.
  Execute("PRAGMA foreign_keys=ON");
}

void Database::EnableWal() {
  if (m_path == ":memory:") return;
  Statement wal(*this, "PRAGMA journal_mode=WAL");
  wal.Step();
  Execute("PRAGMA synchronous=NORMAL");
}

Database::~Database() { sqlite3_close_v2(m_db); }

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_path = std::move(other.m_path);
  }
  return *this;
}

void Database::Fail(int rc, std::string_view what) const {
  std::string message = std::string(what) + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
  switch (rc & 0xFF) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      throw DataError("not a Tessera project or damaged (" + message + ")", m_path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw EnvironmentError("the project is in use by another program and stayed locked (" + message + ")", m_path);
    case SQLITE_CONSTRAINT:
      throw DataError(message, m_path);
    default:
      throw EnvironmentError(message, m_path);
  }
}

void Database::Execute(std::string_view sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);
    Fail(rc, "SQL failed");
  }
}

Statement Database::Prepare(std::string_view sql) { return Statement(*this, sql); }

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

int Database::Changes() const { return sqlite3_changes(m_db); }

bool Database::InTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

void Database::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(m_db, milliseconds); }

Statement::Statement(Database& db, std::string_view sql) : m_db(&db) {
  const int rc = sqlite3_prepare_v2(db.Handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, "cannot prepare SQL");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) m_db->Fail(rc, "bind");
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK) m_db->Fail(rc, "bind");
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) m_db->Fail(rc, "bind");
  return *this;
}

Statement& Statement::Bind(int index, std::nullopt_t) {
  if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) m_db->Fail(rc, "bind");
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(m_stmt);
  m_db->Fail(rc, "SQL failed");
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(m_stmt, column); }

double Statement::Real(int column) const { return sqlite3_column_double(m_stmt, column); }

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
  return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

bool Statement::IsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

Transaction::Transaction(Database& db) : m_db(db) { m_db.Execute("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!m_done) {
    char* error = nullptr;
    sqlite3_exec(m_db.Handle(), "ROLLBACK", nullptr, nullptr, &error);
    sqlite3_free(error);
  }
}

void Transaction::Commit() {
  m_db.Execute("COMMIT");
  m_done = true;
}

}  // namespace tessera
