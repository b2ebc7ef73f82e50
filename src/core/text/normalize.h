#pragma once
// The stored form of every text: UTF-8, NFC, LF line endings, no BOM.

#include <string>
#include <string_view>

namespace tessera {

/// Returns valid UTF-8 `text` in stored form: BOM removed, CRLF and CR turned into LF, NFC.
/// @throws DataError when `text` is not valid UTF-8.
std::string NormalizeStoredText(std::string_view text);

/// NFC of valid UTF-8 text (no line-ending change).
std::string ToNfc(std::string_view text);

/// Removes white space (Unicode) at both ends.
std::string_view TrimWhitespace(std::string_view text);

}  // namespace tessera
