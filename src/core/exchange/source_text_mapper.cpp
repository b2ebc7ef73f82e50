#include "exchange/source_text_mapper.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <cctype>
#include <limits>

#include "error.h"
#include "text/offset_map.h"
#include "text/utf8.h"

namespace tessera {
namespace {

bool ContainsIgnoreCase(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

}  // namespace

PositionCounting CountingForOrigin(std::string_view origin) {
  if (ContainsIgnoreCase(origin, "nvivo")) return PositionCounting::kUtf16Units;
  if (ContainsIgnoreCase(origin, "atlas")) return PositionCounting::kCodePointsCrlfAsOne;
  return PositionCounting::kCodePoints;
}

std::string_view CountingName(PositionCounting counting) {
  switch (counting) {
    case PositionCounting::kCodePoints:
      return "code points";
    case PositionCounting::kUtf16Units:
      return "UTF-16 code units";
    case PositionCounting::kCodePointsCrlfAsOne:
      return "code points with CRLF counted as one";
  }
  return "code points";
}

SourceTextMapper::SourceTextMapper(std::string_view raw, PositionCounting counting) {
  if (raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);  // a BOM is never counted
  if (raw.size() >= std::numeric_limits<std::int32_t>::max()) {
    throw DataError("the text is larger than 2 GiB");
  }
  if (const auto bad = utf8::FirstInvalidByte(raw); bad != std::string_view::npos) {
    throw DataError("invalid UTF-8 at byte " + std::to_string(bad));
  }

  // Pass 1: count the writer's units per raw code point and turn CRLF and CR into LF, remembering
  // for every raw boundary where it lands in the LF text.
  std::string lf;
  lf.reserve(raw.size());
  std::vector<std::uint32_t> lf_of;  // raw boundary -> code point of the LF text
  m_units_before.reserve(raw.size() + 1);
  lf_of.reserve(raw.size() + 1);
  std::uint32_t units = 0;
  std::uint32_t lf_cps = 0;
  std::size_t pos = 0;
  bool after_cr = false;
  while (pos < raw.size()) {
    m_units_before.push_back(units);
    lf_of.push_back(lf_cps);
    const std::size_t start = pos;
    const char32_t cp = utf8::Next(raw, pos);
    const bool lf_after_cr = cp == U'\n' && after_cr;
    switch (counting) {
      case PositionCounting::kCodePoints:
        units += 1;
        break;
      case PositionCounting::kUtf16Units:
        units += cp >= 0x10000 ? 2 : 1;
        break;
      // The CR carries the one unit of a CRLF, so that the position between CR and LF equals the
      // position after the pair.
      case PositionCounting::kCodePointsCrlfAsOne:
        units += lf_after_cr ? 0 : 1;
        break;
    }
    if (cp == U'\r') {
      lf += '\n';
      ++lf_cps;
    } else if (!lf_after_cr) {
      lf.append(raw.substr(start, pos - start));
      ++lf_cps;
    }
    after_cr = cp == U'\r';
  }
  m_units_before.push_back(units);
  lf_of.push_back(lf_cps);

  // Pass 2: NFC. Composition can merge code points, so positions go through ICU's edit record.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU NFC unavailable: ") + u_errorName(status));
  const icu::StringPiece lf_piece(lf.data(), static_cast<std::int32_t>(lf.size()));
  const bool normalized = nfc->isNormalizedUTF8(lf_piece, status);
  if (U_FAILURE(status))
    throw DataError(std::string("text could not be normalised: ") + u_errorName(status));
  if (normalized) {
    m_text = std::move(lf);
    m_stored_of = std::move(lf_of);
    m_stored_length = lf_cps;
    return;
  }
  icu::Edits edits;
  icu::StringByteSink<std::string> sink(&m_text, static_cast<std::int32_t>(lf.size()));
  nfc->normalizeUTF8(0, lf_piece, sink, &edits, status);
  if (U_FAILURE(status))
    throw DataError(std::string("text could not be normalised: ") + u_errorName(status));
  const OffsetMap lf_map(lf);
  const OffsetMap nfc_map(m_text);
  m_stored_length = nfc_map.CodePoints();
  m_stored_of.resize(lf_of.size());
  icu::Edits::Iterator it = edits.getFineIterator();
  for (std::size_t b = 0; b < lf_of.size(); ++b) {
    const auto lf_byte = static_cast<std::int32_t>(lf_map.ByteFromCodePoint(lf_of[b]));
    const std::int32_t nfc_byte = it.destinationIndexFromSourceIndex(lf_byte, status);
    if (U_FAILURE(status))
      throw DataError(std::string("text positions could not be mapped: ") + u_errorName(status));
    m_stored_of[b] =
        static_cast<std::uint32_t>(nfc_map.CodePointFromByte(static_cast<std::size_t>(nfc_byte)));
  }
}

std::optional<std::size_t> SourceTextMapper::Map(std::uint64_t position) const {
  if (position > m_units_before.back()) return std::nullopt;
  // The last boundary at or before the position: past zero-width units (the LF of a CRLF counted
  // as one) and back to the start of a surrogate pair.
  const auto it = std::upper_bound(m_units_before.begin(), m_units_before.end(), position);
  const auto boundary = static_cast<std::size_t>(it - m_units_before.begin()) - 1;
  return m_stored_of[boundary];
}

}  // namespace tessera
