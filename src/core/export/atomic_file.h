#pragma once
// Writing a file so that readers see either the old file or the complete new one, never half:
// write beside it under a temporary name, flush to disk, then rename over.

#include <functional>
#include <string>
#include <vector>

namespace tessera {

/// Writes `content` to `path` atomically. @throws EnvironmentError naming `path`.
void WriteFileAtomically(const std::string& path, const std::string& content);

/// Lets `write` create a temporary file (its argument is the temporary path), then renames it over
/// `path`. The temporary file is removed when `write` throws. @throws EnvironmentError.
void ReplaceFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write);

/// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(const std::string& text);

/// One CSV line (RFC 4180 quoting through libcsv), ending in CRLF as spreadsheets expect.
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace tessera
