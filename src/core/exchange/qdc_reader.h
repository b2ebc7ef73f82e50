#pragma once
// Reading REFI-QDA codebooks (.qdc), leniently: namespace variants (`…:0:4`, `…:1:0`, none),
// GUIDs in any case or in braces, odd colours, missing optional attributes, a BOM before `<?xml`.

#include <string>
#include <string_view>

#include "exchange/refi_model.h"

namespace tessera {

/// Reads the .qdc file at `path`. Whatever had to be repaired or dropped is in the report.
/// @throws DataError naming `path` for a missing or unreadable file, malformed XML (with line and
/// column) or a root element other than `CodeBook`.
QdcImport ReadQdc(const std::string& path);

/// Reads .qdc XML held in memory; `path` only names it in errors. @throws DataError as ReadQdc.
QdcImport ParseQdc(std::string_view xml, const std::string& path);

}  // namespace tessera
