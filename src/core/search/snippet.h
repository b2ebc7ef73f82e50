#pragma once
// Keyword-in-context snippets: a line of text around the matched words of a passage.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "search/word_segmenter.h"

namespace tessera {

/// How a snippet is cut and marked.
struct SnippetOptions {
  std::size_t context = 60;     ///< code points of context on each side of the matched words
  std::size_t max_span = 200;   ///< matched words further than this from the first one are left out
  std::string open = "«";       ///< written before each matched word
  std::string close = "»";      ///< written after each matched word
  std::string ellipsis = "…";   ///< written where the passage is cut
};

/// A keyword-in-context snippet.
struct Snippet {
  std::string marked;                       ///< the snippet with matched words marked «like this» and … at cuts
  std::string plain;                        ///< the same text without marks (ellipses included)
  std::vector<CodePointRange> highlights;   ///< the matched words, as code points of `plain`
  CodePointRange source;                    ///< the part of the passage shown, in passage code points
};

/// Builds the snippet of `text` (one passage, valid UTF-8) around `matches` (code points of `text`,
/// sorted, not overlapping). `words` are the code-point ranges of the words of `text`, in order
/// (as WordSegmenter finds them): cuts are moved to word boundaries so that no word is split,
/// which matters for Thai and Khmer where there are no spaces to cut at. Line breaks and tabs
/// become spaces, and runs of white space one space. Without matches the snippet is the start of
/// the passage.
Snippet BuildSnippet(std::string_view text, const std::vector<CodePointRange>& words,
                     const std::vector<CodePointRange>& matches, const SnippetOptions& options = {});

}  // namespace tessera
