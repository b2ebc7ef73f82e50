#include "search/query_builder.h"

#include <algorithm>

#include "error.h"
#include "search/passage_indexer.h"

namespace tessera {

namespace {

using Query = Xapian::Query;

Query Combine(Query::op op, const std::vector<Query>& parts) {
  if (parts.empty()) return Query::MatchNothing;
  if (parts.size() == 1) return parts.front();
  return Query(op, parts.begin(), parts.end());
}

Query Terms(Query::op op, const std::vector<std::string>& terms) {
  std::vector<Query> parts;
  parts.reserve(terms.size());
  for (const std::string& term : terms) parts.emplace_back(term);
  return Combine(op, parts);
}

void AddUnique(std::vector<std::string>& terms, std::string term) {
  if (!term.empty() && std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

}  // namespace

bool WordMatcher::Matches(std::string_view word) const { return m_terms.count(TermFolder::Fold(word)) > 0; }

QueryBuilder::QueryBuilder(const Xapian::Database& database, std::vector<const TermFolder*> stemmers, bool fold_accents)
    : m_database(database), m_fold_accents(fold_accents), m_stemmers(std::move(stemmers)) {}

QueryBuilder::~QueryBuilder() = default;

Query QueryBuilder::Build(const QueryNode& root) { return Node(root, false); }

std::vector<std::string> QueryBuilder::Expand(const std::string& prefix) const {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto it = m_database.allterms_begin(prefix); it != m_database.allterms_end(prefix); ++it) {
    found.emplace_back(it.get_termfreq(), *it);
  }
  if (found.size() > kMaxWildcardTerms) {
    std::partial_sort(found.begin(), found.begin() + kMaxWildcardTerms, found.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    found.resize(kMaxWildcardTerms);
  }
  std::vector<std::string> terms;
  terms.reserve(found.size());
  for (auto& [frequency, term] : found) terms.push_back(std::move(term));
  return terms;
}

void QueryBuilder::AddClass(const std::string& key, std::vector<std::string>& terms) const {
  std::size_t taken = 0;
  for (auto it = m_database.synonyms_begin(key); it != m_database.synonyms_end(key) && taken < kMaxClassTerms; ++it, ++taken) {
    AddUnique(terms, *it);
  }
}

// The exact terms that may stand for `word` at one position.
std::vector<std::string> QueryBuilder::WordTerms(const QueryWord& word, bool exact_only) const {
  const std::string exact = TermFolder::Fold(word.text);
  const std::string folded = TermFolder::StripAccents(exact);
  const bool fold = m_fold_accents && !exact_only;
  std::vector<std::string> terms;
  if (word.wildcard) {
    for (std::string& term : Expand(exact)) AddUnique(terms, std::move(term));
    if (fold) {
      if (folded != exact) {
        for (std::string& term : Expand(folded)) AddUnique(terms, std::move(term));
      }
      const std::string prefix = index_scheme::FoldedTerm(folded);
      std::size_t keys = 0;
      for (auto it = m_database.synonym_keys_begin(prefix);
           it != m_database.synonym_keys_end(prefix) && keys < kMaxWildcardTerms; ++it, ++keys) {
        AddClass(*it, terms);
      }
    }
    return terms;
  }
  AddUnique(terms, exact);
  if (fold) {
    AddUnique(terms, folded);
    AddClass(index_scheme::FoldedTerm(folded), terms);
  }
  return terms;
}

void QueryBuilder::Remember(const std::vector<std::string>& terms, bool negated) {
  if (!negated) m_matcher.m_terms.insert(terms.begin(), terms.end());
}

Query QueryBuilder::FreeWord(const QueryWord& word, bool negated) {
  std::vector<std::string> terms = WordTerms(word, false);
  const std::vector<std::string> exact = WordTerms(word, true);
  if (!word.wildcard) {
    for (const TermFolder* folder : m_stemmers) {
      const std::string stem = TermFolder::StripAccents(folder->Stem(exact.front()));  // as indexed
      if (!stem.empty()) AddClass(index_scheme::StemTerm(folder->StemKey(), stem), terms);
    }
  }
  Remember(terms, negated);
  if (terms.empty()) return Query::MatchNothing;
  if (terms.size() == 1) return Query(terms.front());
  return Query(Query::OP_OR, Terms(Query::OP_SYNONYM, terms), Terms(Query::OP_SYNONYM, exact));
}

Query QueryBuilder::Positional(Query::op op, const std::vector<QueryWord>& words, Xapian::termcount window, bool negated) {
  std::vector<std::vector<std::string>> exact_terms;
  std::vector<std::vector<std::string>> loose_terms;
  for (const QueryWord& word : words) {
    exact_terms.push_back(WordTerms(word, true));
    loose_terms.push_back(m_fold_accents ? WordTerms(word, false) : exact_terms.back());
    Remember(loose_terms.back(), negated);
  }
  auto phrase = [&](const std::vector<std::vector<std::string>>& terms) {
    std::vector<Query> positions;
    for (const std::vector<std::string>& at : terms) {
      if (at.empty()) return Query(Query::MatchNothing);
      positions.push_back(Terms(Query::OP_OR, at));
    }
    return Query(op, positions.begin(), positions.end(), window);
  };
  // Without accents to fold (ASCII, Thai, Khmer …) both phrases are the same: match it once.
  if (loose_terms == exact_terms) return phrase(exact_terms);
  return Query(Query::OP_OR, phrase(loose_terms), phrase(exact_terms));
}

Query QueryBuilder::Node(const QueryNode& node, bool negated) {
  switch (node.kind) {
    case QueryNodeKind::Word:
      return FreeWord(node.words.front(), negated);
    case QueryNodeKind::Phrase:
      return Positional(Query::OP_PHRASE, node.words, static_cast<Xapian::termcount>(node.words.size()), negated);
    case QueryNodeKind::Near:
      return Positional(Query::OP_NEAR, node.words, static_cast<Xapian::termcount>(node.distance + node.words.size()), negated);
    case QueryNodeKind::Not:
      return Query(Query::OP_AND_NOT, Query::MatchAll, Node(node.children.front(), !negated));
    case QueryNodeKind::Or: {
      std::vector<Query> parts;
      for (const QueryNode& child : node.children) parts.push_back(Node(child, negated));
      return Combine(Query::OP_OR, parts);
    }
    case QueryNodeKind::And: {
      std::vector<Query> positive;
      std::vector<Query> negative;
      for (const QueryNode& child : node.children) {
        if (child.kind == QueryNodeKind::Not) {
          negative.push_back(Node(child.children.front(), !negated));
        } else {
          positive.push_back(Node(child, negated));
        }
      }
      Query result = positive.empty() ? Query(Query::MatchAll) : Combine(Query::OP_AND, positive);
      if (!negative.empty()) result = Query(Query::OP_AND_NOT, result, Combine(Query::OP_OR, negative));
      return result;
    }
  }
  throw ProgrammingError("unknown query node");
}

}  // namespace tessera
