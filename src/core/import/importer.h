#pragma once
// Transcript import: files and folders of .txt (any encoding), .docx, .odt, .srt and .vtt become
// documents with their speaker turns. Every file is read and checked before anything is written,
// and the whole import is one transaction: a bad file or a crash leaves the project as it was.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "import/turn_detector.h"
#include "project/document_store.h"

namespace tessera {

class Project;
class ProgressSink;

/// What the user chose for an import.
struct ImportOptions {
  std::string language;    ///< BCP 47; empty = guess per file
  std::string encoding;    ///< empty = detect (txt only)
  std::string case_name;   ///< attach every imported document to this case
  std::string variables_csv;  ///< apply this CSV after the documents are in
  std::vector<std::string> turn_patterns;  ///< empty = the default patterns
};

/// A file read, checked and ready to store.
struct PreparedDocument {
  std::string path;
  NewDocument document;
  std::string format;
};

/// The outcome for one file.
struct ImportOutcome {
  std::string path, name;
  std::optional<std::int64_t> document_id;  ///< empty when skipped
  bool skipped_duplicate = false;
  std::string message;
};

/// File extensions the importer reads, lower case with the dot.
const std::vector<std::string>& SupportedExtensions();

/// Expands folders (sorted, not recursive into hidden folders) into transcript files.
/// @throws DataError for a missing path or an explicitly named file of an unknown type.
std::vector<std::string> CollectImportFiles(const std::vector<std::string>& paths);

/// Reads one file into stored form with its turns. @throws DataError naming the file.
PreparedDocument PrepareDocument(const std::string& path, const ImportOptions& options, const TurnDetector& turns);

/// Imports files and folders into `project` in one transaction. Duplicates (same SHA-256 of the
/// file or of its text) are skipped with a message. @throws DataError naming the first bad file,
/// Cancelled when the sink asks to stop; in both cases nothing was written.
std::vector<ImportOutcome> ImportFiles(Project& project, const std::vector<std::string>& paths,
                                       const ImportOptions& options, ProgressSink& progress);

}  // namespace tessera
