#pragma once
// Finding the words of a text in every script with ICU's word break iterator. Thai, Khmer, Lao and
// Burmese, written without spaces, are split with ICU's dictionaries; Xapian's TermGenerator
// produces no terms for them at all, which is why search does its own segmentation.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// A half-open range [start, end) of code points.
struct CodePointRange {
  std::size_t start = 0;  ///< first code point
  std::size_t end = 0;    ///< one past the last code point
  friend bool operator==(const CodePointRange&, const CodePointRange&) = default;
};

/// One word of a text: its code-point range and its UTF-8 text as written.
struct Word {
  CodePointRange range;  ///< code points from the start of the segmented text
  std::string text;      ///< the word as written (not folded)
};

/// Splits text into words (letters, numbers, kana, ideographs; no spaces or punctuation).
/// Holds one ICU break iterator: cheap to reuse, costly to create, not thread-safe. Use one per
/// thread.
class WordSegmenter {
 public:
  /// A segmenter for `language` (BCP 47, e.g. "th", "pt-BR"; empty for the root locale).
  /// Dictionary scripts are segmented whatever the language. @throws EnvironmentError when ICU fails.
  explicit WordSegmenter(const std::string& language = {});
  ~WordSegmenter();
  WordSegmenter(const WordSegmenter&) = delete;
  WordSegmenter& operator=(const WordSegmenter&) = delete;
  WordSegmenter(WordSegmenter&&) noexcept;
  WordSegmenter& operator=(WordSegmenter&&) noexcept;

  /// The language this segmenter was made for.
  const std::string& Language() const { return m_language; }

  /// The words of valid UTF-8 `text`, in order, with code-point ranges. @throws DataError on invalid UTF-8.
  std::vector<Word> Segment(std::string_view text);

  /// Calls `visit` with the byte range [begin, end) of each word of valid UTF-8 `text`, in order.
  /// The fast path for indexing: no offsets are converted and nothing is allocated per word.
  void ForEachWord(std::string_view text, const std::function<void(std::size_t begin, std::size_t end)>& visit);

  /// Canonical form of a BCP 47 language tag's primary subtag: "pt-BR" -> "pt", "TH" -> "th".
  static std::string PrimaryLanguage(std::string_view language);

 private:
  struct Impl;
  std::string m_language;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace tessera
