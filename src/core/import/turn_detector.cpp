#include "import/turn_detector.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <map>
#include <optional>
#include <memory>
#include <regex>

#include "error.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {
namespace {

// A label is at most four words of letters, marks, digits and a few joiners, before a colon
// (ASCII or full-width) that is followed by white space or the end of the line.
const char* kColonLabel = R"(^[ \t]*([\p{L}\p{M}][\p{L}\p{M}\p{N}_.'’\- ]{0,38}?|[\p{L}\p{M}]{1,3}\d{0,3})[ \t]*[:：](?:[ \t]+|$))";
const char* kBracketLabel = R"(^[ \t]*\[([^\]\n]{1,40})\][ \t]*:?(?:[ \t]+|$))";

bool IsShortCode(const std::string& label) {
  static const std::regex code(R"(^[A-Za-z]{1,3}\d{0,3}$)");
  return std::regex_match(label, code);
}

std::size_t WordCount(const std::string& label) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : label) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

struct Candidate {
  std::size_t line_start_cp;
  std::string label;
};

}  // namespace

TurnDetector::TurnDetector() : m_patterns{kBracketLabel, kColonLabel} {}

TurnDetector::TurnDetector(std::vector<std::string> patterns) : m_patterns(std::move(patterns)) {
  for (const auto& p : m_patterns) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(p), parse, status));
    if (U_FAILURE(status)) {
      throw DataError("the turn pattern '" + p + "' is not a valid regular expression (" + u_errorName(status) +
                      " at offset " + std::to_string(parse.offset) + ")");
    }
  }
}

std::vector<Turn> TurnDetector::Detect(const std::string& text) const {
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;
  for (const auto& p : m_patterns) {
    UErrorCode status = U_ZERO_ERROR;
    matchers.emplace_back(std::make_unique<icu::RegexMatcher>(icu::UnicodeString::fromUTF8(p), 0, status));
    if (U_FAILURE(status)) throw DataError("the turn pattern '" + p + "' is not valid");
  }
  std::vector<Candidate> candidates;
  std::map<std::string, int> occurrences;
  std::size_t cp = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    const icu::UnicodeString uline = icu::UnicodeString::fromUTF8(line);
    for (auto& matcher : matchers) {
      matcher->reset(uline);
      UErrorCode status = U_ZERO_ERROR;
      if (matcher->lookingAt(status) && U_SUCCESS(status)) {
        std::string label;
        matcher->group(1, status).toUTF8String(label);
        label = std::string(TrimWhitespace(label));
        if (!label.empty() && WordCount(label) <= 4) {
          candidates.push_back({cp, label});
          ++occurrences[label];
          break;
        }
      }
    }
    cp += utf8::CodePointCount(line) + 1;
    if (eol == text.size()) break;
    pos = eol + 1;
  }
  std::vector<Candidate> accepted;
  for (const auto& c : candidates) {
    if (occurrences[c.label] >= 2 || IsShortCode(c.label)) accepted.push_back(c);
  }
  const std::size_t total = utf8::CodePointCount(text);
  // A turn runs to the next accepted label; trailing blank lines and spaces are not part of it.
  std::vector<char32_t> cps;
  cps.reserve(total);
  for (std::size_t p = 0; p < text.size();) cps.push_back(utf8::Next(text, p));
  std::vector<Turn> turns;
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    std::size_t end = i + 1 < accepted.size() ? accepted[i + 1].line_start_cp : total;
    while (end > accepted[i].line_start_cp && (cps[end - 1] == '\n' || cps[end - 1] == ' ' || cps[end - 1] == '\t')) --end;
    Turn t;
    t.seq = static_cast<std::int64_t>(i);
    t.speaker = accepted[i].label;
    t.start = accepted[i].line_start_cp;
    t.end = end;
    turns.push_back(t);
  }
  return turns;
}

std::vector<std::pair<std::size_t, std::size_t>> Paragraphs(const std::string& text) {
  std::vector<std::pair<std::size_t, std::size_t>> paragraphs;
  std::size_t cp = 0;
  std::size_t pos = 0;
  bool open = false;
  std::size_t start = 0;
  std::size_t last_end = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string_view line(text.data() + pos, eol - pos);
    const std::size_t len = utf8::CodePointCount(line);
    if (TrimWhitespace(line).empty()) {
      if (open) paragraphs.emplace_back(start, last_end);
      open = false;
    } else {
      if (!open) start = cp, open = true;
      last_end = cp + len;
    }
    cp += len + 1;
    if (eol == text.size()) break;
    pos = eol + 1;
  }
  if (open) paragraphs.emplace_back(start, last_end);
  return paragraphs;
}

}  // namespace tessera
