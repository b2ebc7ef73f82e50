#pragma once
// Text positions in REFI-QDA files are supposed to be code points, but real writers count
// differently (see shared/refi-qda/NOTES.md §5). This maps the positions a writer counted in the
// raw source file to code points of the text in Tessera's stored form (no BOM, LF, NFC), whose
// length can differ from the raw file's (CRLF -> LF, NFC composition).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// How the tool that wrote a project counted text positions. A leading BOM never counts.
enum class PositionCounting {
  kCodePoints,           ///< the standard: Unicode code points (QualCoder, qc, MAXQDA, Tessera)
  kUtf16Units,           ///< NVivo: UTF-16 code units, so astral characters count 2 and CRLF 2
  kCodePointsCrlfAsOne,  ///< ATLAS.ti: code points, but a CRLF line break counts as one
};

/// The counting used by the tool named in `Project@origin` ("NVivo…" -> UTF-16 units,
/// "ATLAS…" -> CRLF as one, anything else -> code points); case is ignored.
PositionCounting CountingForOrigin(std::string_view origin);
/// A short English name of the counting, for reports ("UTF-16 code units", …).
std::string_view CountingName(PositionCounting counting);

/// The stored form of one source text plus a map from the writer's positions to it.
class SourceTextMapper {
 public:
  /// Takes the raw text as decoded from the file (valid UTF-8; BOM and CRLF allowed).
  /// @throws DataError when `raw` is not valid UTF-8 or is longer than 2^31 bytes.
  SourceTextMapper(std::string_view raw, PositionCounting counting);

  /// The text in stored form: equal to NormalizeStoredText(raw).
  const std::string& Text() const { return m_text; }
  /// Number of code points of Text().
  std::size_t StoredLength() const { return m_stored_length; }
  /// Length of the raw text in the writer's units (the largest valid position).
  std::size_t RawLength() const { return m_units_before.back(); }
  /// The code point of Text() at the writer's position `position`, or nullopt past the end. A
  /// position inside a surrogate pair maps to the start of its character; one between CR and LF
  /// maps to after the line break.
  std::optional<std::size_t> Map(std::uint64_t position) const;

 private:
  std::string m_text;
  std::size_t m_stored_length = 0;
  std::vector<std::uint32_t> m_units_before;  // raw code point boundary -> writer's units before it
  std::vector<std::uint32_t> m_stored_of;     // raw code point boundary -> stored code point
};

}  // namespace tessera
