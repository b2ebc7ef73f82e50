#pragma once
// The printable codebook: every code with its definition, criteria, example and how often it is
// used; the document a team prints and argues over. Markdown, HTML or DOCX.

#include <string>

namespace tessera {

class Project;

/// Writes the codebook to `path`; the format follows the extension (.md, .html, .docx).
/// @throws DataError for another extension.
void WriteCodebookDocument(Project& project, const std::string& path);

}  // namespace tessera
