#pragma once
// The search query language (docs/search.md): words, "phrases", AND, OR, NOT (implicit AND between
// terms), parentheses, NEAR and NEAR/n, and a trailing * wildcard. Words are found with the same ICU
// segmentation as the index, so a Thai or Khmer run such as สถานีตำรวจ becomes the phrase
// "สถานี ตำรวจ". Xapian's own QueryParser is not used: it cannot segment those scripts.

#include <string>
#include <string_view>
#include <vector>

#include "search/word_segmenter.h"

namespace tessera {

/// One word of a query as typed (NFC, not folded).
struct QueryWord {
  std::string text;       ///< the word; for a wildcard, the prefix without "*"
  bool wildcard = false;  ///< true for a trailing "*": any word that starts with `text`
  friend bool operator==(const QueryWord&, const QueryWord&) = default;
};

/// The kinds of query node.
enum class QueryNodeKind {
  Word,    ///< one word (`words` has one entry)
  Phrase,  ///< words in this order, next to each other
  Near,    ///< words within `distance` words of each other, in any order
  And,     ///< all children; children of kind Not are excluded (AND NOT)
  Or,      ///< any child
  Not,     ///< passages without the one child (alone, it means "everything except")
};

/// A parsed query: a tree of nodes. Plain data, no Xapian.
struct QueryNode {
  QueryNodeKind kind = QueryNodeKind::Word;
  std::vector<QueryWord> words;     ///< Word, Phrase, Near
  std::vector<QueryNode> children;  ///< And, Or, Not
  unsigned distance = 0;            ///< Near: most words allowed between two of the words
  bool quoted = false;              ///< Phrase: typed in quotes (not made by segmentation)

  /// A compact canonical form for tests and logs: `police`, `polic*`, `"สถานี ตำรวจ"`,
  /// `(AND a (NOT b))`, `(OR a b)`, `(NEAR/5 a b)`.
  std::string ToString() const;
};

/// Parses query strings; reusable, not thread-safe (it owns an ICU break iterator).
class QueryParser {
 public:
  /// NEAR without a number allows this many words between the words.
  static constexpr unsigned kDefaultNearDistance = 10;
  /// Largest n accepted in NEAR/n.
  static constexpr unsigned kMaxNearDistance = 1000;

  /// A parser that segments query words with the rules of `language` (BCP 47; empty for the root
  /// locale, which already segments Thai, Khmer, Lao and Burmese with ICU's dictionaries).
  explicit QueryParser(const std::string& language = {});

  /// Parses `query`. @throws DataError with a message for the user when the query is empty, has no
  /// words, an unclosed quotation mark, unbalanced parentheses, an operator without its operands,
  /// NEAR around a phrase or group, a bad NEAR/n, or a lone wildcard.
  QueryNode Parse(std::string_view query);

 private:
  WordSegmenter m_segmenter;
};

}  // namespace tessera
