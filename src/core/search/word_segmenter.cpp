#include "search/word_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <cctype>
#include <climits>

#include "error.h"
#include "text/offset_map.h"
#include "text/utf8.h"

namespace tessera {

namespace {

// Closes a UText opened on the stack. ICU keeps a pointer to the text, so the UText must outlive
// every use of the break iterator over it; a scope guard per call makes that obvious.
class ScopedUText {
 public:
  explicit ScopedUText(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    if (text.size() > static_cast<std::size_t>(INT32_MAX)) throw DataError("text too long to segment");
    utext_openUTF8(&m_text, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU could not open the text: ") + u_errorName(status));
  }
  ~ScopedUText() { utext_close(&m_text); }
  ScopedUText(const ScopedUText&) = delete;
  ScopedUText& operator=(const ScopedUText&) = delete;
  UText* get() { return &m_text; }

 private:
  UText m_text = UTEXT_INITIALIZER;
};

}  // namespace

struct WordSegmenter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;

  // Runs the iterator over `text` (UTF-8; boundaries are byte offsets because the UText is UTF-8)
  // and reports the segments whose rule status marks a word. Status UBRK_WORD_NONE (0..99) covers
  // spaces and punctuation; numbers, letters, kana and ideographs (100 and up) are words, and so
  // are the dictionary words of Thai, Khmer, Lao and Burmese.
  template <typename Visit>
  void Run(std::string_view text, Visit&& visit) {
    if (text.empty()) return;
    ScopedUText utext(text);
    UErrorCode status = U_ZERO_ERROR;
    iterator->setText(utext.get(), status);
    if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU could not segment the text: ") + u_errorName(status));
    int32_t begin = iterator->first();
    for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; begin = end, end = iterator->next()) {
      if (iterator->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
        visit(static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
      }
    }
    // Drop the iterator's pointer into `text` before the UText goes away.
    iterator->setText(icu::UnicodeString());
  }
};

WordSegmenter::WordSegmenter(const std::string& language) : m_language(language), m_impl(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = language.empty() ? icu::Locale::getRoot() : icu::Locale::forLanguageTag(language, status);
  if (U_FAILURE(status)) {
    throw DataError("“" + language + "” is not a language tag ICU understands: " + u_errorName(status));
  }
  m_impl->iterator.reset(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || !m_impl->iterator) {
    throw EnvironmentError(std::string("ICU has no word break iterator: ") + u_errorName(status));
  }
}

WordSegmenter::~WordSegmenter() = default;
WordSegmenter::WordSegmenter(WordSegmenter&&) noexcept = default;
WordSegmenter& WordSegmenter::operator=(WordSegmenter&&) noexcept = default;

std::vector<Word> WordSegmenter::Segment(std::string_view text) {
  if (const auto bad = utf8::FirstInvalidByte(text); bad != std::string_view::npos) {
    throw DataError("invalid UTF-8 at byte " + std::to_string(bad));
  }
  std::vector<Word> words;
  if (text.empty()) return words;
  const OffsetMap offsets(text);
  m_impl->Run(text, [&](std::size_t begin, std::size_t end) {
    words.push_back(Word{{offsets.CodePointFromByte(begin), offsets.CodePointFromByte(end)},
                         std::string(text.substr(begin, end - begin))});
  });
  return words;
}

void WordSegmenter::ForEachWord(std::string_view text,
                                const std::function<void(std::size_t begin, std::size_t end)>& visit) {
  m_impl->Run(text, visit);
}

std::string WordSegmenter::PrimaryLanguage(std::string_view language) {
  std::string primary;
  for (char c : language) {
    if (c == '-' || c == '_') break;
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return primary;
}

}  // namespace tessera
