#pragma once
// Finds speaker turns in a transcript: `Name:` at a line start, `[Name]`, and short codes such as
// `R:`, `I:`, `P03:`. The patterns are ICU regular expressions and can be replaced.

#include <string>
#include <vector>

#include "project/document_store.h"

namespace tessera {

/// Detects speaker turns in stored text (LF line endings).
class TurnDetector {
 public:
  /// The default patterns; group 1 of each is the speaker's label.
  TurnDetector();
  /// Custom patterns (ICU regex syntax, matched at each line start; group 1 = label).
  /// @throws DataError for a pattern ICU cannot compile.
  explicit TurnDetector(std::vector<std::string> patterns);

  /// Turns in code points of `text`. A label must occur at least twice in the text unless it
  /// is a short code (R, I, P03, IV2 …), so that a sentence ending in a colon is not a speaker.
  std::vector<Turn> Detect(const std::string& text) const;

  /// The patterns in use.
  const std::vector<std::string>& Patterns() const { return m_patterns; }

 private:
  std::vector<std::string> m_patterns;
};

/// Paragraphs (runs of non-blank lines) in code points, for texts without turns.
std::vector<std::pair<std::size_t, std::size_t>> Paragraphs(const std::string& text);

}  // namespace tessera
