#pragma once
// Turning the bytes of a text file into UTF-8: BOMs, UTF-16, and legacy 8-bit code pages
// (Thai TIS-620/Windows-874 among them) found by uchardet, decoded by ICU.

#include <string>
#include <string_view>

namespace tessera {

/// The decoded text and the encoding it was read as.
struct DecodedText {
  std::string utf8;      ///< valid UTF-8, BOM removed, line endings untouched
  std::string encoding;  ///< e.g. "UTF-8", "UTF-16LE", "TIS-620"
};

/// Detects the encoding of `bytes` (when `encoding` is empty) and decodes it.
/// @throws DataError naming `path` for binary data, corrupt UTF-8, undetectable or undecodable text.
DecodedText DecodeText(std::string_view bytes, std::string_view encoding, const std::string& path);

/// Decodes `bytes` from the named encoding (any ICU converter name or alias), refusing bytes the
/// encoding cannot map. @throws DataError.
std::string ConvertToUtf8(std::string_view bytes, const std::string& encoding, const std::string& path);

}  // namespace tessera
