#pragma once
// Stable identifiers and content hashes: random UUIDs (REFI-QDA GUIDs) and SHA-256, from libsodium.

#include <string>
#include <string_view>

namespace tessera {

/// A new random (version 4) UUID in lower case, 8-4-4-4-12.
std::string NewGuid();

/// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

/// Lower case, braces removed: the form in which GUIDs are compared.
std::string CanonicalGuid(std::string_view guid);

/// True for 8-4-4-4-12 hex, optionally in braces.
bool IsGuid(std::string_view guid);

/// Now as UTC `YYYY-MM-DDThh:mm:ssZ`.
std::string UtcNow();

}  // namespace tessera
