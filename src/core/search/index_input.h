#pragma once
// What the search index is built from: plain structs the caller fills from the project store.
// No database here; the index never reads the project itself.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search/word_segmenter.h"

namespace tessera {

/// Variable values of a document (its own and its case's): name -> value. A name may repeat for a
/// multi-valued variable. Matching is case-insensitive on both.
using VariableValues = std::multimap<std::string, std::string>;

/// One document as the index needs it.
struct DocumentInput {
  std::int64_t id = 0;                   ///< the document's id in the project
  std::string name;                      ///< shown with each hit
  std::string language;                  ///< BCP 47 ("th", "pt-BR"); picks the segmentation and the stemmer
  std::string text;                      ///< the stored text: valid UTF-8, NFC (offsets refer to it)
  std::vector<CodePointRange> passages;  ///< speaker turns, in code points; empty: paragraphs (ParagraphPassages)
  VariableValues variables;              ///< every passage of the document carries these as filter terms
};

/// The passages of valid UTF-8 text without speaker turns: each non-blank line, trimmed of white space;
/// a line longer than `max_length` code points is cut at sentence boundaries (ICU) into pieces of
/// about `max_length / 2` to `max_length`.
std::vector<CodePointRange> ParagraphPassages(std::string_view text, std::size_t max_length = 2000);

/// The passages the index stores for `document`: its own, sorted, without empty ones, trimmed of
/// white space; or ParagraphPassages when it has none.
/// @throws DataError when the text is not valid UTF-8 or a passage lies outside the text.
std::vector<CodePointRange> EffectivePassages(const DocumentInput& document);

/// A passage with its byte range in the document's UTF-8 text.
struct PassageSpan {
  CodePointRange range;    ///< code points of the document
  std::size_t byte_begin;  ///< byte offset of range.start
  std::size_t byte_end;    ///< byte offset of range.end
};

/// EffectivePassages with byte offsets, found in one pass over the text (no per-document tables:
/// indexing calls this for every document). @throws DataError as EffectivePassages.
std::vector<PassageSpan> ResolvePassages(const DocumentInput& document);

}  // namespace tessera
