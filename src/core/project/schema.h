#pragma once
// The project schema and its forward migrations. The version lives in PRAGMA user_version;
// the application id marks the file as a Tessera project.

namespace tessera {

class Database;

/// The schema version this build writes.
inline constexpr int kSchemaVersion = 2;
/// PRAGMA application_id of every Tessera project ("TSRA").
inline constexpr int kApplicationId = 0x54535241;

/// Creates the newest schema in an empty database.
void CreateSchema(Database& db);

/// The schema version of an open project (0 for an empty file).
int SchemaVersion(Database& db);

/// Brings an older project up to kSchemaVersion in one transaction.
/// @throws DataError when the project was written by a newer Tessera (it is never altered).
void MigrateSchema(Database& db);

}  // namespace tessera
