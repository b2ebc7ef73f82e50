#pragma once
// Small read queries the application needs and the core does not offer yet. Each is a candidate
// for the core (listed in docs/app.md, "Requests to the core"); until then they live here, read
// only, through the core's Database and Statement.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {
class Database;
}

namespace tessera::app {

/// Names of the project's users (coders), sorted.
std::vector<std::string> UserNames(Database& db);
/// The id of a coding with this GUID, if any (ids change when an undone removal is redone).
std::optional<std::int64_t> CodingIdByGuid(Database& db, const std::string& guid);
/// Number of codings per document id.
std::map<std::int64_t, std::int64_t> CodingCountsByDocument(Database& db);
/// The GUID of a coding. @throws NotFoundError.
std::string CodingGuid(Database& db, std::int64_t coding_id);

}  // namespace tessera::app
