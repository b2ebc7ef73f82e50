#pragma once
// Reading REFI-QDA projects: a .qdpx (ZIP with one `*.qde` and `sources/`) or a bare .qde,
// leniently. Text positions are converted from the writing tool's counting (chosen from
// `Project@origin`, see exchange/source_text_mapper.h) to code points of the stored text.
//
// What is imported: users, the code tree, variables, cases, plain-text sources (also the text
// representation of PDF sources) with their selections, codings, variable values and note refs,
// notes, sets. What is not (each listed in the report): picture, audio and video sources, PDF
// areas, links, graphs, selections and codings inside notes, case code/selection refs, sources
// whose text file cannot be found, selections outside their text.

#include <string>
#include <vector>

#include "exchange/refi_model.h"
#include "import/zip_archive.h"

namespace tessera {

/// Choices for ReadQdpx.
struct QdpxReadOptions {
  /// Folders searched by file name for source files that the project names but that are neither
  /// in the archive nor at their recorded place (the spec's "ask the user where the file is").
  std::vector<std::string> search_folders;
  /// Whether `relative://` and `absolute://` sources outside the archive may be read. Only `.txt`
  /// files are ever read from outside, so a hostile project cannot pull in arbitrary files.
  bool read_external_files = true;
  /// Limits that refuse hostile archives (also applied to external files).
  ZipLimits limits;
};

/// Reads the project at `path`: a .qdpx archive, or a bare .qde (recognised by its content, so a
/// misnamed file is read too, with a warning). Sources of a bare .qde are looked up beside it.
/// @throws DataError naming `path` for a missing file, a file that is neither ZIP nor XML, a
/// hostile archive (unsafe entry names, oversized entries, zip bombs), an archive without a
/// `.qde` at its root, malformed XML (with line and column) or a root element other than
/// `Project`. Problems with single objects never throw: they are repaired or dropped and listed
/// in the report.
QdpxImport ReadQdpx(const std::string& path, const QdpxReadOptions& options = {});

}  // namespace tessera
