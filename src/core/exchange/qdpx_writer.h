#pragma once
// Writing REFI-QDA projects (.qdpx), strictly: a ZIP with `project.qde` (namespace
// `urn:QDA-XML:project:1.0`, elements in the order of Project-mrt2019.xsd) and one
// `sources/<GUID>.txt` per text source (UTF-8, no BOM, the text exactly as in the model),
// referenced as `internal://<GUID>.txt`. Positions are code points, end exclusive; times
// `YYYY-MM-DDThh:mm:ssZ`. Notes are written inline as PlainTextContent.

#include <string>

#include "exchange/refi_model.h"

namespace tessera {

/// Choices for WriteQdpx.
struct QdpxWriteOptions {
  /// Written as `Project@origin`. Importers choose their position counting from it, so it names
  /// the writer of this file (Tessera), never the tool the project once came from.
#ifdef TESSERA_VERSION
  std::string origin = "Tessera " TESSERA_VERSION;
#else
  std::string origin = "Tessera";
#endif
  /// Written as `Project@modifiedDateTime` (`YYYY-MM-DDThh:mm:ssZ`); empty means the current time.
  std::string export_time;
};

/// The project.qde XML that WriteQdpx puts in the archive.
/// Objects with an empty GUID get a new lowercase one; GUIDs that are given are kept as they are.
/// @throws DataError when the project cannot be written validly: a malformed or duplicate GUID,
/// a reference to something not in the project (a code, source, note, variable, user that is not
/// a GUID), a selection outside its text or ending before it starts, a malformed time or colour,
/// a variable value that does not fit its type, a note whose target cannot carry notes (only codes,
/// sources, selections and codings can), or text XML cannot carry.
std::string ProjectToQde(const QdaProject& project, const QdpxWriteOptions& options = {});

/// Writes `project` as a .qdpx to `path` through a temporary file in the same folder that
/// replaces `path` only when complete (never half a file).
/// @throws DataError naming `path`, as ProjectToQde, or when the archive cannot be written.
void WriteQdpx(const QdaProject& project, const std::string& path,
               const QdpxWriteOptions& options = {});

}  // namespace tessera
