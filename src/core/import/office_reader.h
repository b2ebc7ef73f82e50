#pragma once
// Word-processor documents: .docx (WordprocessingML) and .odt (OpenDocument Text).
// Paragraphs in order, soft line breaks kept, table rows as lines of tab-separated cells;
// headers, footers, comments, footnotes and deleted (tracked) text are left out.

#include <string>

#include "import/transcript.h"

namespace tessera {

/// Reads the body text of a .docx. @throws DataError naming `path` (truncated, not a docx, no word/document.xml, bad XML).
RawTranscript ReadDocx(const std::string& path);

/// Reads the body text of an .odt. @throws DataError naming `path`.
RawTranscript ReadOdt(const std::string& path);

/// "line L, column C" for a byte offset into `text`, for XML error messages.
std::string LineColumn(const std::string& text, std::size_t offset);

}  // namespace tessera
