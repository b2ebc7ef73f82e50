#pragma once
// Writing REFI-QDA codebooks (.qdc), strictly: namespace `urn:QDA-XML:codebook:1.0`, elements in
// schema order, `#RRGGBB` colours, GUIDs as given. The output validates against Codebook.xsd.

#include <string>

#include "exchange/refi_model.h"

namespace tessera {

/// The .qdc XML of `codebook`. Sets keep only their member codes (a codebook has no sources).
/// Codes and sets with an empty GUID get a new lowercase one; given GUIDs are kept as they are.
/// @throws DataError when the codebook cannot be written validly: no code, a missing or malformed
/// GUID, a GUID used twice, a colour that is not `#RRGGBB`, a member that is not
/// a code of the codebook, or text XML cannot carry.
std::string QdcToXml(const QdaCodebook& codebook);

/// Writes `codebook` to `path` through a temporary file that replaces `path` only when complete.
/// @throws DataError naming `path`, as QdcToXml, or when the file cannot be written.
void WriteQdc(const QdaCodebook& codebook, const std::string& path);

}  // namespace tessera
