#pragma once
// The one helper that converts code-point offsets (the core's unit) to and from UTF-8 byte
// offsets (Scintilla, std::string) and UTF-16 code units (ICU, wxString on some platforms,
// NVivo's REFI-QDA positions).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tessera {

/// Offset tables over one valid UTF-8 text. Keeps no reference to the text.
class OffsetMap {
 public:
  /// Builds the tables; `text` must be valid UTF-8.
  explicit OffsetMap(std::string_view text);

  /// Number of code points in the text.
  std::size_t CodePoints() const { return m_byte_of.size() - 1; }
  /// Number of UTF-16 code units in the text.
  std::size_t Utf16Units() const { return m_utf16_of.back(); }
  /// Number of bytes in the text.
  std::size_t Bytes() const { return m_byte_of.back(); }

  /// Byte offset of code point `cp` (cp may equal CodePoints()). @throws DataError when out of range.
  std::size_t ByteFromCodePoint(std::size_t cp) const;
  /// Code point that starts at or contains byte `byte` (a byte inside a sequence maps to its start).
  std::size_t CodePointFromByte(std::size_t byte) const;
  /// UTF-16 offset of code point `cp`. @throws DataError when out of range.
  std::size_t Utf16FromCodePoint(std::size_t cp) const;
  /// Code point at UTF-16 offset `unit` (the middle of a surrogate pair maps to its start).
  std::size_t CodePointFromUtf16(std::size_t unit) const;

 private:
  std::vector<std::uint32_t> m_byte_of;   // code point -> byte, plus one entry for the end
  std::vector<std::uint32_t> m_utf16_of;  // code point -> UTF-16 unit, plus the end
};

}  // namespace tessera
