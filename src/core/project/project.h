#pragma once
// A Tessera project: one SQLite file (`*.tessera`) holding documents, cases, variables, the code
// tree, codings, memos, sets and the audit log. The Xapian index beside it is a derived cache.

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "project/database.h"

namespace tessera {

/// An open project. Movable, not copyable; closes the file in its destructor.
class Project {
 public:
  /// Creates a new project at `path`. @throws DataError when the file exists or cannot be written.
  static Project Create(const std::string& path);
  /// Opens an existing project, migrating an older schema forward.
  /// @throws DataError when the file is missing, is not a Tessera project, or is newer than this build.
  static Project Open(const std::string& path);
  /// Opens an existing project without writing to it (for check and exports).
  static Project OpenReadOnly(const std::string& path);

  Project(Project&&) noexcept;
  Project& operator=(Project&&) noexcept;
  ~Project();

  /// The database connection.
  Database& Db() { return *m_db; }
  /// The project file's path.
  const std::string& Path() const { return m_path; }
  /// Folder of the derived search index, beside the project file.
  std::string IndexPath() const { return m_path + ".xapian"; }
  /// The project's own GUID.
  std::string Guid();
  /// A value from the meta table, or `fallback`.
  std::string Meta(const std::string& key, const std::string& fallback = {});
  /// Sets a value in the meta table (inside the caller's transaction, if any).
  void SetMeta(const std::string& key, const std::string& value);
  /// Bumps the content generation (documents, variables or codings changed) so the index can tell it is stale.
  void Touch();

  /// The name of the user acting now (coder for new codings, actor in the audit log).
  const std::string& CurrentUser() const { return m_user; }
  /// Sets the acting user (from --coder, TESSERA_CODER or the login name).
  void SetCurrentUser(std::string name) { m_user = std::move(name); }
  /// The id of user `name`, creating the user when new.
  std::int64_t EnsureUser(const std::string& name);
  /// The id of the acting user, creating it when new.
  std::int64_t CurrentUserId() { return EnsureUser(m_user); }

  /// Records an action in the audit log (call inside the action's transaction).
  void Audit(const std::string& action, const nlohmann::json& detail);

 private:
  Project(std::unique_ptr<Database> db, std::string path);
  std::unique_ptr<Database> m_db;
  std::string m_path;
  std::string m_user;
};

/// The acting user's default name: $TESSERA_CODER, else the login name, else "coder".
std::string DefaultUserName();

}  // namespace tessera
