#pragma once
// Importing transcripts: a dialog to choose files and folders, language, encoding, a case and a
// variables CSV; then the import itself, with a progress dialog that can cancel it.

#include <string>
#include <vector>

#include "import/importer.h"

class wxWindow;

namespace tessera::app {

class Workspace;

/// What the user chose.
struct ImportRequest {
  std::vector<std::string> paths;
  ImportOptions options;
};

/// Asks what to import. Returns false on Cancel. `initial` pre-fills the file list.
bool ShowImportDialog(wxWindow* parent, ImportRequest& request);

/// What an import did.
struct ImportSummary {
  bool completed = false;  ///< false when it failed or was cancelled (nothing was written then)
  std::size_t imported = 0, skipped = 0;
  std::vector<std::string> messages;
};

/// Runs an import with a cancellable progress dialog (a core ProgressSink). Errors are reported to
/// the user; cancel is silent; in both cases the project is left as it was.
ImportSummary ImportWithProgress(wxWindow* parent, Workspace& workspace,
                                 const ImportRequest& request);

/// Tells the user what an import did (with the skipped files and warnings as details).
void ShowImportSummary(wxWindow* parent, const ImportSummary& summary);

}  // namespace tessera::app
