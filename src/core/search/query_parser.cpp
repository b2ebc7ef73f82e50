#include "search/query_parser.h"

#include <unicode/uchar.h>

#include <optional>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {

namespace {

bool IsQuote(char32_t c) {
  return c == U'"' || c == U'\u201C' || c == U'\u201D' || c == U'\u201E' || c == U'\u00AB' || c == U'\u00BB';
}

enum class TokenKind { Term, Phrase, LParen, RParen, And, Or, Not, Near };

struct Token {
  TokenKind kind;
  std::size_t position = 0;  // 1-based code point, for messages
  std::string text;          // as typed (operators)
  QueryNode node;            // Term, Phrase
  unsigned distance = 0;     // Near
};

std::string At(const Token& token) { return " at character " + std::to_string(token.position); }

std::string Quoted(std::string_view text) { return "“" + std::string(text) + "”"; }

// Splits `text` at white space.
std::vector<std::string_view> SplitWhitespace(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  std::size_t begin = std::string_view::npos;
  while (pos < text.size()) {
    const std::size_t here = pos;
    const char32_t c = utf8::Next(text, pos);
    const bool space = u_isUWhiteSpace(static_cast<UChar32>(c));
    if (space && begin != std::string_view::npos) {
      parts.push_back(text.substr(begin, here - begin));
      begin = std::string_view::npos;
    } else if (!space && begin == std::string_view::npos) {
      begin = here;
    }
  }
  if (begin != std::string_view::npos) parts.push_back(text.substr(begin));
  return parts;
}

QueryNode MakeWords(QueryNodeKind kind, std::vector<QueryWord> words) {
  QueryNode node;
  node.kind = words.size() == 1 && kind == QueryNodeKind::Phrase ? QueryNodeKind::Word : kind;
  node.words = std::move(words);
  return node;
}

class Parser {
 public:
  Parser(WordSegmenter& segmenter, std::string_view query) : m_segmenter(segmenter) { Tokenize(query); }

  QueryNode Run() {
    if (m_tokens.empty()) throw DataError("The query has no words to search for.");
    QueryNode node = ParseOr();
    if (m_pos < m_tokens.size()) {
      const Token& token = m_tokens[m_pos];
      if (token.kind == TokenKind::RParen) {
        throw DataError("The query has a “)” without a matching “(”" + At(token) + ".");
      }
      throw DataError("The query could not be read" + At(token) + ".");  // not reached: every token starts a term
    }
    return node;
  }

 private:
  // --- tokens -------------------------------------------------------------------------------

  // The words of one white-space-free chunk (or of one chunk of a phrase). Appends to `words`;
  // returns the number of words added. A trailing "*" makes the last word a wildcard.
  std::vector<Word> ChunkWords(std::string_view chunk, bool& wildcard, std::size_t position) {
    wildcard = false;
    while (!chunk.empty() && chunk.back() == '*') {
      chunk.remove_suffix(1);
      wildcard = true;
    }
    std::vector<Word> words = m_segmenter.Segment(chunk);
    if (wildcard && words.empty()) {
      throw DataError("A wildcard “*” must follow at least one letter, as in polic*" + std::string(" (at character ") +
                      std::to_string(position) + ").");
    }
    return words;
  }

  // A bare chunk: one word, a phrase of the words segmentation found in it, or for a wildcard
  // written without spaces (Thai ตำรว*) the alternatives "every split point": ICU cannot segment an
  // unfinished word, so the unfinished tail is tried as the prefix after each word boundary.
  std::optional<QueryNode> ChunkNode(std::string_view chunk, std::size_t position) {
    bool wildcard = false;
    const std::vector<Word> words = ChunkWords(chunk, wildcard, position);
    if (words.empty()) return std::nullopt;  // punctuation only
    std::vector<QueryWord> query_words;
    for (const Word& word : words) query_words.push_back(QueryWord{word.text, false});
    if (!wildcard) return MakeWords(QueryNodeKind::Phrase, std::move(query_words));
    query_words.back().wildcard = true;
    bool contiguous = words.size() > 1;
    for (std::size_t i = 1; i < words.size() && contiguous; ++i) contiguous = words[i].range.start == words[i - 1].range.end;
    if (!contiguous) return MakeWords(QueryNodeKind::Phrase, std::move(query_words));
    std::string stripped(chunk);
    while (!stripped.empty() && stripped.back() == '*') stripped.pop_back();
    QueryNode alternatives;
    alternatives.kind = QueryNodeKind::Or;
    for (std::size_t split = 0; split < words.size(); ++split) {
      std::vector<QueryWord> alternative;
      for (std::size_t i = 0; i < split; ++i) alternative.push_back(QueryWord{words[i].text, false});
      alternative.push_back(QueryWord{
          std::string(utf8::SubstrCodePoints(stripped, words[split].range.start, words.back().range.end)), true});
      alternatives.children.push_back(MakeWords(QueryNodeKind::Phrase, std::move(alternative)));
    }
    return alternatives;
  }

  QueryNode PhraseNode(std::string_view content, std::size_t position) {
    std::vector<QueryWord> words;
    for (std::string_view chunk : SplitWhitespace(content)) {
      bool wildcard = false;
      for (const Word& word : ChunkWords(chunk, wildcard, position)) words.push_back(QueryWord{word.text, false});
      if (wildcard) words.back().wildcard = true;
    }
    if (words.empty()) throw DataError("The query has an empty phrase" + std::string(" at character ") + std::to_string(position) + ".");
    QueryNode node = MakeWords(QueryNodeKind::Phrase, std::move(words));
    node.quoted = node.kind == QueryNodeKind::Phrase;
    return node;
  }

  void Tokenize(std::string_view query) {
    std::size_t pos = 0;
    std::size_t cp = 0;  // code points consumed
    while (pos < query.size()) {
      const std::size_t start = pos;
      const std::size_t position = cp + 1;
      const char32_t c = utf8::Next(query, pos);
      ++cp;
      if (u_isUWhiteSpace(static_cast<UChar32>(c))) continue;
      if (c == U'(' || c == U')') {
        m_tokens.push_back(Token{c == U'(' ? TokenKind::LParen : TokenKind::RParen, position, std::string(1, static_cast<char>(c)), {}, 0});
        continue;
      }
      if (IsQuote(c)) {
        const std::size_t content_begin = pos;
        std::size_t content_end = std::string_view::npos;
        while (pos < query.size()) {
          const std::size_t here = pos;
          const char32_t d = utf8::Next(query, pos);
          ++cp;
          if (IsQuote(d)) {
            content_end = here;
            break;
          }
        }
        if (content_end == std::string_view::npos) {
          throw DataError("The query has a quotation mark that is not closed (at character " + std::to_string(position) + ").");
        }
        m_tokens.push_back(Token{TokenKind::Phrase, position, {}, PhraseNode(query.substr(content_begin, content_end - content_begin), position), 0});
        continue;
      }
      // A chunk: everything up to white space, a parenthesis or a quotation mark.
      std::size_t end = pos;
      while (end < query.size()) {
        std::size_t next = end;
        const char32_t d = utf8::Next(query, next);
        if (u_isUWhiteSpace(static_cast<UChar32>(d)) || d == U'(' || d == U')' || IsQuote(d)) break;
        end = next;
        ++cp;
      }
      pos = end;
      const std::string_view chunk = query.substr(start, end - start);
      if (chunk == "AND" || chunk == "OR" || chunk == "NOT") {
        const TokenKind kind = chunk == "AND" ? TokenKind::And : chunk == "OR" ? TokenKind::Or : TokenKind::Not;
        m_tokens.push_back(Token{kind, position, std::string(chunk), {}, 0});
      } else if (chunk == "NEAR" || chunk.starts_with("NEAR/")) {
        unsigned distance = QueryParser::kDefaultNearDistance;
        if (chunk.size() > 4) {
          const std::string_view digits = chunk.substr(5);
          bool ok = !digits.empty() && digits.size() <= 4;
          unsigned value = 0;
          for (char d : digits) {
            if (d < '0' || d > '9') ok = false;
            else value = value * 10 + static_cast<unsigned>(d - '0');
          }
          if (!ok || value > QueryParser::kMaxNearDistance) {
            throw DataError("“NEAR/” must be followed by a number of words from 0 to " + std::to_string(QueryParser::kMaxNearDistance) +
                            ", as in NEAR/5 (at character " + std::to_string(position) + ").");
          }
          distance = value;
        }
        m_tokens.push_back(Token{TokenKind::Near, position, std::string(chunk), {}, distance});
      } else if (auto node = ChunkNode(chunk, position)) {
        m_tokens.push_back(Token{TokenKind::Term, position, std::string(chunk), std::move(*node), 0});
      }
    }
  }

  // --- grammar ------------------------------------------------------------------------------
  //   or    := and ("OR" and)*
  //   and   := unary (["AND"] unary)*         adjacent terms are joined by AND
  //   unary := "NOT" unary | near
  //   near  := primary ("NEAR" | "NEAR/n" primary)*
  //   primary := term | phrase | "(" or ")"

  const Token* Peek() const { return m_pos < m_tokens.size() ? &m_tokens[m_pos] : nullptr; }

  bool StartsUnary(const Token* token) const {
    return token && (token->kind == TokenKind::Term || token->kind == TokenKind::Phrase ||
                     token->kind == TokenKind::LParen || token->kind == TokenKind::Not);
  }

  void ExpectOperand(const Token& op) {
    const Token* next = Peek();
    if (StartsUnary(next)) return;
    if (next && next->kind != TokenKind::RParen) {
      throw DataError(Quoted(op.text) + At(op) + " is followed by " + Quoted(next->text) + At(*next) + "; it needs a search term after it.");
    }
    throw DataError(Quoted(op.text) + At(op) + " needs a search term after it.");
  }

  QueryNode ParseOr() {
    std::vector<QueryNode> children;
    children.push_back(ParseAnd());
    while (const Token* token = Peek()) {
      if (token->kind != TokenKind::Or) break;
      ++m_pos;
      ExpectOperand(*token);
      children.push_back(ParseAnd());
    }
    if (children.size() == 1) return std::move(children.front());
    QueryNode node;
    node.kind = QueryNodeKind::Or;
    node.children = std::move(children);
    return node;
  }

  QueryNode ParseAnd() {
    std::vector<QueryNode> children;
    children.push_back(ParseUnary());
    while (const Token* token = Peek()) {
      if (token->kind == TokenKind::And) {
        ++m_pos;
        ExpectOperand(*token);
      } else if (!StartsUnary(token)) {
        break;
      }
      children.push_back(ParseUnary());
    }
    if (children.size() == 1) return std::move(children.front());
    QueryNode node;
    node.kind = QueryNodeKind::And;
    node.children = std::move(children);
    return node;
  }

  QueryNode ParseUnary() {
    const Token* token = Peek();
    if (token && token->kind == TokenKind::Not) {
      ++m_pos;
      ExpectOperand(*token);
      QueryNode node;
      node.kind = QueryNodeKind::Not;
      node.children.push_back(ParseUnary());
      return node;
    }
    return ParseNear();
  }

  static bool NearOperand(const QueryNode& node) {
    return node.kind == QueryNodeKind::Word || (node.kind == QueryNodeKind::Phrase && !node.quoted);
  }

  QueryNode ParseNear() {
    const std::size_t first_token = m_pos;
    QueryNode first = ParsePrimary();
    const Token* token = Peek();
    if (!token || token->kind != TokenKind::Near) return first;
    QueryNode node;
    node.kind = QueryNodeKind::Near;
    node.distance = 0;
    auto add = [&](QueryNode&& operand, const Token& at) {
      if (!NearOperand(operand)) {
        throw DataError("NEAR joins words, not phrases or groups (at character " + std::to_string(at.position) + ").");
      }
      for (QueryWord& word : operand.words) node.words.push_back(std::move(word));
    };
    add(std::move(first), m_tokens[first_token]);
    while ((token = Peek()) && token->kind == TokenKind::Near) {
      const Token& op = *token;
      ++m_pos;
      node.distance = std::max(node.distance, op.distance);
      const Token* next = Peek();
      if (!next || (next->kind != TokenKind::Term && next->kind != TokenKind::Phrase && next->kind != TokenKind::LParen)) {
        ExpectOperand(op);  // throws with the right message for a missing operand
        throw DataError(Quoted(op.text) + At(op) + " needs a word after it.");
      }
      add(ParsePrimary(), *next);
    }
    return node;
  }

  QueryNode ParsePrimary() {
    const Token* token = Peek();
    if (!token) throw DataError("The query ends where a search term is expected.");
    switch (token->kind) {
      case TokenKind::Term:
      case TokenKind::Phrase:
        ++m_pos;
        return token->node;
      case TokenKind::LParen: {
        const Token& open = *token;
        ++m_pos;
        const Token* next = Peek();
        if (next && next->kind == TokenKind::RParen) throw DataError("The query has empty parentheses" + At(open) + ".");
        if (!next) throw DataError("The query has a “(”" + At(open) + " that is not closed.");
        QueryNode inner = ParseOr();
        next = Peek();
        if (!next || next->kind != TokenKind::RParen) throw DataError("The query has a “(”" + At(open) + " that is not closed.");
        ++m_pos;
        return inner;
      }
      case TokenKind::RParen:
        throw DataError("The query has a “)” without a matching “(”" + At(*token) + ".");
      case TokenKind::And:
      case TokenKind::Or:
      case TokenKind::Near:
      case TokenKind::Not:
        break;
    }
    throw DataError(Quoted(token->text) + At(*token) + " needs a search term before it.");
  }

  WordSegmenter& m_segmenter;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

void Append(std::string& out, const QueryWord& word) {
  out += word.text;
  if (word.wildcard) out += '*';
}

}  // namespace

std::string QueryNode::ToString() const {
  std::string out;
  switch (kind) {
    case QueryNodeKind::Word:
      Append(out, words.front());
      return out;
    case QueryNodeKind::Phrase:
      out += '"';
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (i) out += ' ';
        Append(out, words[i]);
      }
      out += '"';
      return out;
    case QueryNodeKind::Near:
      out += "(NEAR/" + std::to_string(distance);
      for (const QueryWord& word : words) {
        out += ' ';
        Append(out, word);
      }
      out += ')';
      return out;
    case QueryNodeKind::And: out += "(AND"; break;
    case QueryNodeKind::Or: out += "(OR"; break;
    case QueryNodeKind::Not: out += "(NOT"; break;
  }
  for (const QueryNode& child : children) out += ' ' + child.ToString();
  out += ')';
  return out;
}

QueryParser::QueryParser(const std::string& language) : m_segmenter(language) {}

QueryNode QueryParser::Parse(std::string_view query) {
  if (!utf8::IsValid(query)) throw DataError("The query is not valid UTF-8 text.");
  const std::string normalized = ToNfc(query);
  if (TrimWhitespace(normalized).empty()) throw DataError("The query is empty.");
  return Parser(m_segmenter, normalized).Run();
}

}  // namespace tessera
