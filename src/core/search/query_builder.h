#pragma once
// Internal to src/core/search (includes Xapian). Turns a parsed query into a Xapian query over the
// term scheme of passage_indexer.h, and collects the index terms it searched for, which tell the
// matched words of a passage (for highlighting, snippets and range restriction).
//
// A word w (case-folded e, accents removed f) stands for the exact terms
//   e,  f,  the words of class XF<f> (those that lose their accents to f),
//   and for each stemmer key k in use, the words of class Z<k>:<stem_k(e)>
// and becomes OR( SYNONYM(all of them), e ). The synonym gives every form the same idf, so a
// folded or stemmed form is found with a fair weight; the extra e adds the exact form's own
// weight, so exact forms rank first. Phrases and NEAR put OR(e, f, XF<f> class) at each position
// (Xapian allows only OR of terms there) and add the same phrase over exact forms; they do not
// stem. Wildcards are expanded against the term list and the XF class keys.

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "search/query_parser.h"
#include "search/term_folder.h"

namespace tessera {

/// Decides whether a word of a passage is one the query searched for (not under NOT).
class WordMatcher {
 public:
  /// True when `word`, as written, folds to a term the query searched for.
  bool Matches(std::string_view word) const;
  /// True when `folded` (TermFolder::Fold of a word) is a term the query searched for.
  bool MatchesFolded(const std::string& folded) const { return m_terms.count(folded) > 0; }
  /// True when the query has no positive words (e.g. "NOT x").
  bool Empty() const { return m_terms.empty(); }

 private:
  friend class QueryBuilder;
  std::unordered_set<std::string> m_terms;
};

/// Builds Xapian queries for one database. Not thread-safe (stemmers).
class QueryBuilder {
 public:
  /// Most terms a wildcard expands to (the most frequent ones are kept).
  static constexpr std::size_t kMaxWildcardTerms = 500;
  /// Most words taken from one stem or accent class.
  static constexpr std::size_t kMaxClassTerms = 200;

  /// A builder for `database`, stemming query words with each of `stemmers` (none: no stemming;
  /// they must outlive the builder) and folding accents when `fold_accents`.
  QueryBuilder(const Xapian::Database& database, std::vector<const TermFolder*> stemmers, bool fold_accents);
  ~QueryBuilder();

  /// The Xapian query for `root`.
  Xapian::Query Build(const QueryNode& root);
  /// The matcher of the words built so far.
  const WordMatcher& Matcher() const { return m_matcher; }

 private:
  Xapian::Query Node(const QueryNode& node, bool negated);
  Xapian::Query FreeWord(const QueryWord& word, bool negated);
  std::vector<std::string> WordTerms(const QueryWord& word, bool exact_only) const;
  std::vector<std::string> Expand(const std::string& prefix) const;
  void AddClass(const std::string& key, std::vector<std::string>& terms) const;
  Xapian::Query Positional(Xapian::Query::op op, const std::vector<QueryWord>& words, Xapian::termcount window,
                           bool negated);
  void Remember(const std::vector<std::string>& terms, bool negated);

  Xapian::Database m_database;
  bool m_fold_accents;
  std::vector<const TermFolder*> m_stemmers;
  WordMatcher m_matcher;
};

}  // namespace tessera
