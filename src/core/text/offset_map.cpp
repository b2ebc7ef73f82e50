#include "text/offset_map.h"

#include <algorithm>

#include "error.h"
#include "text/utf8.h"

namespace tessera {

OffsetMap::OffsetMap(std::string_view text) {
  m_byte_of.reserve(text.size() + 1);
  m_utf16_of.reserve(text.size() + 1);
  std::uint32_t utf16 = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    m_byte_of.push_back(static_cast<std::uint32_t>(pos));
    m_utf16_of.push_back(utf16);
    const char32_t cp = utf8::Next(text, pos);
    utf16 += cp >= 0x10000 ? 2 : 1;
  }
  m_byte_of.push_back(static_cast<std::uint32_t>(text.size()));
  m_utf16_of.push_back(utf16);
}

std::size_t OffsetMap::ByteFromCodePoint(std::size_t cp) const {
  if (cp >= m_byte_of.size()) throw DataError("code-point offset past the end of the text");
  return m_byte_of[cp];
}

std::size_t OffsetMap::CodePointFromByte(std::size_t byte) const {
  auto it = std::upper_bound(m_byte_of.begin(), m_byte_of.end(), byte);
  return static_cast<std::size_t>(it - m_byte_of.begin()) - 1;
}

std::size_t OffsetMap::Utf16FromCodePoint(std::size_t cp) const {
  if (cp >= m_utf16_of.size()) throw DataError("code-point offset past the end of the text");
  return m_utf16_of[cp];
}

std::size_t OffsetMap::CodePointFromUtf16(std::size_t unit) const {
  auto it = std::upper_bound(m_utf16_of.begin(), m_utf16_of.end(), unit);
  return static_cast<std::size_t>(it - m_utf16_of.begin()) - 1;
}

}  // namespace tessera
