#pragma once
// Text folded for matching names: case folded, Latin diacritics removed, white space collapsed,
// invisible format characters dropped, and each folded code point mapped back to the code point
// of the original it came from.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// Valid UTF-8 text in folded form with a map back to the original's code-point offsets.
///
/// Folding: simple Unicode case folding; canonical decomposition with the combining marks of the
/// Inherited script removed (so "Esperança", "ESPERANCA" and "esperanca" fold alike, and
/// Vietnamese "Nguyễn" folds to "nguyen"), while the vowel and tone signs of Thai, Khmer and
/// other scripts, which carry their own script property, are kept; đ -> d, ł -> l, ø -> o; every
/// run of white space -> one space; curly apostrophes -> '; dashes -> -; format characters (zero
/// width space, joiners, soft hyphen, BOM) dropped.
class FoldedText {
 public:
  /// Folds `text` (valid UTF-8). @throws EnvironmentError when ICU data is missing.
  explicit FoldedText(std::string_view text);

  /// The folded code points.
  const std::u32string& Folded() const { return m_folded; }
  /// The original code points.
  const std::u32string& Original() const { return m_original; }
  /// Original code-point offset where folded position `folded` starts (folded may equal size).
  std::size_t OriginalOffset(std::size_t folded) const { return m_origin.at(folded); }

 private:
  std::u32string m_original;
  std::u32string m_folded;
  std::vector<std::size_t> m_origin;  // folded index -> original index, plus one for the end
};

/// The folded form of `text` alone (no offsets), as UTF-8: the key names are compared by.
std::string FoldForMatching(std::string_view text);

}  // namespace tessera
