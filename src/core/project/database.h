#pragma once
// RAII over SQLite: Database (one connection), Statement (one prepared statement) and
// Transaction (rolls back in its destructor unless committed). Every failing sqlite3 call
// becomes an EnvironmentError (I/O, disk full, busy) or DataError (constraint, corrupt file) at once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera {

class Statement;

/// One SQLite connection. Not copyable, movable.
class Database {
 public:
  enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };
  /// Opens `path`; ":memory:" gives an in-memory database. Sets foreign keys and a busy timeout
  /// (10 s, or $TESSERA_BUSY_TIMEOUT_MS milliseconds when that is set to a whole number).
  /// @throws DataError when the file is not an SQLite database.
  Database(const std::string& path, Mode mode);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Switches to write-ahead logging (done only after the schema version was checked).
  void EnableWal();
  /// Runs one or more statements without results.
  void Execute(std::string_view sql);
  /// Prepares a statement.
  Statement Prepare(std::string_view sql);
  /// Row id of the last insert.
  std::int64_t LastInsertId() const;
  /// Rows changed by the last statement.
  int Changes() const;
  /// The file this connection is on.
  const std::string& Path() const { return m_path; }
  /// The raw handle, for the backup API and the like.
  sqlite3* Handle() const { return m_db; }
  /// True inside BEGIN … COMMIT.
  bool InTransaction() const;
  /// How long a write waits for another process's lock before failing with a clear message.
  void SetBusyTimeout(int milliseconds);

  /// Throws the typed error for SQLite result `rc` with context `what`.
  [[noreturn]] void Fail(int rc, std::string_view what) const;

 private:
  sqlite3* m_db = nullptr;
  std::string m_path;
};

/// A prepared statement; columns and parameters are 0-based for columns, 1-based for binds.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, std::size_t value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::nullopt_t);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : Bind(index, std::nullopt);
  }
  /// Binds all arguments from index 1 on.
  template <typename... Args>
  Statement& BindAll(const Args&... args) {
    int index = 1;
    (Bind(index++, args), ...);
    return *this;
  }

  /// Advances to the next row; false when done.
  bool Step();
  /// Runs a statement that returns no rows.
  void Run();
  /// Resets for another run, keeping nothing bound.
  void Reset();

  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;

 private:
  Database* m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

/// BEGIN IMMEDIATE … COMMIT. Rolls back in the destructor unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  /// Makes the changes durable.
  void Commit();

 private:
  Database& m_db;
  bool m_done = false;
};

}  // namespace tessera
