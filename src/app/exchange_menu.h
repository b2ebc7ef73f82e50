#pragma once
// REFI-QDA and the printable codebook from the menus: the same core calls as `tessera-cli export
// qdpx`, `import-qdpx`, `codebook import` and `codebook export` (src/core/exchange,
// src/core/export/codebook_document). Each asks for its files with a file dialog, reports a
// failure under a translated headline and changes nothing then.

#include <string>

class wxWindow;

namespace tessera::app {

class MainFrame;
class Workspace;

/// Project > Export REFI-QDA Project: writes the open project as .qdpx. False on cancel or error.
bool ExportQdpxProject(wxWindow* parent, Workspace& workspace);
/// Project > Import REFI-QDA Project: a .qdpx (or .qde) into a new project file, which is then
/// opened. A failed import leaves no file behind. False on cancel or error.
bool ImportQdpxProject(MainFrame& frame);
/// Codebook > Import Codebook (.qdc): adds (or updates) codes. False on cancel or error.
bool ImportQdcCodebook(wxWindow* parent, Workspace& workspace);
/// Codebook > Export Codebook (.qdc). False on cancel or error.
bool ExportQdcCodebook(wxWindow* parent, Workspace& workspace);
/// Codebook > Export Printable Codebook: Markdown, HTML or DOCX after the chosen file type.
bool ExportPrintableCodebook(wxWindow* parent, Workspace& workspace);

}  // namespace tessera::app
