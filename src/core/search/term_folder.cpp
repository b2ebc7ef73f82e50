#include "search/term_folder.h"

#include <xapian.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>

#include "error.h"
#include "search/word_segmenter.h"

namespace tessera {

namespace {

bool IsAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU NFC unavailable: ") + u_errorName(status));
  return *nfc;
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU NFD unavailable: ") + u_errorName(status));
  return *nfd;
}

icu::UnicodeString Normalize(const icu::Normalizer2& normalizer, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = normalizer.normalize(text, status);
  if (U_FAILURE(status)) throw DataError(std::string("text could not be normalised: ") + u_errorName(status));
  return out;
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// The generic combining-diacritic blocks: Latin, Greek and Cyrillic accents, Vietnamese tones
// (which NFD turns into U+0300, U+0301, U+0303, U+0309, U+0323) and their extensions. Script-specific
// marks (Thai, Khmer, Devanagari …) are deliberately not in this list.
bool IsFoldableMark(UChar32 c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

// Letters whose base form is not reachable by decomposition.
UChar32 FoldLetter(UChar32 c) {
  switch (c) {
    case 0x0111: return u'd';  // đ (Vietnamese)
    case 0x00F8: return u'o';  // ø
    case 0x0142: return u'l';  // ł
    case 0x0131: return u'i';  // dotless ı
    default: return c;
  }
}

}  // namespace

struct TermFolder::Impl {
  std::unique_ptr<Xapian::Stem> stemmer;  // null without a stemmer
};

TermFolder::TermFolder(const std::string& language) : m_stem_key(StemKeyFor(language)), m_impl(std::make_unique<Impl>()) {
  if (m_stem_key.empty()) return;
  try {
    m_impl->stemmer = std::make_unique<Xapian::Stem>(m_stem_key);
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("Xapian has no stemmer “" + m_stem_key + "”: " + e.get_description());
  }
}

TermFolder::~TermFolder() = default;
TermFolder::TermFolder(TermFolder&&) noexcept = default;
TermFolder& TermFolder::operator=(TermFolder&&) noexcept = default;

std::string TermFolder::Fold(std::string_view word) {
  if (IsAscii(word)) {
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  text.foldCase(U_FOLD_CASE_DEFAULT);
  // Apostrophes: ICU keeps "don’t" and "don't" as one word each; make them the same term.
  text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString(u'\''));
  text.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), icu::UnicodeString(u'\''));
  const icu::Normalizer2& nfc = Nfc();
  UErrorCode status = U_ZERO_ERROR;
  if (!nfc.isNormalized(text, status) || U_FAILURE(status)) text = Normalize(nfc, text);
  return ToUtf8(text);
}

std::string TermFolder::StripAccents(std::string_view folded) {
  if (IsAscii(folded)) return std::string(folded);
  const icu::UnicodeString decomposed =
      Normalize(Nfd(), icu::UnicodeString::fromUTF8(icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size()))));
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (!IsFoldableMark(c)) stripped.append(FoldLetter(c));
  }
  return ToUtf8(Normalize(Nfc(), stripped));
}

std::string TermFolder::Stem(const std::string& folded) const {
  if (!m_impl->stemmer) return {};
  try {
    return (*m_impl->stemmer)(folded);
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("stemming failed: " + e.get_description());
  }
}

std::string TermFolder::StemKeyFor(std::string_view language) {
  std::string primary = WordSegmenter::PrimaryLanguage(language);
  // Malay and Indonesian are standard forms of one language; Snowball's Indonesian stemmer removes
  // the affixes they share (ber-, me-, -kan, -an …). "in" is the withdrawn code for Indonesian.
  if (primary == "ms" || primary == "zsm" || primary == "in") primary = "id";
  if (primary.size() < 2 || primary.size() > 3) return {};  // "none", "porter" … are not languages
  static std::mutex mutex;
  static std::vector<std::pair<std::string, bool>> known;
  std::lock_guard lock(mutex);
  for (const auto& [code, ok] : known) {
    if (code == primary) return ok ? primary : std::string();
  }
  bool ok = false;
  try {
    Xapian::Stem probe(primary);
    ok = true;
  } catch (const Xapian::InvalidArgumentError&) {
    ok = false;
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("Xapian stemmer lookup failed: " + e.get_description());
  }
  known.emplace_back(primary, ok);
  return ok ? primary : std::string();
}

std::vector<std::string> TermFolder::StemmerLanguages() {
  std::vector<std::string> out;
  const std::string all = Xapian::Stem::get_available_languages();
  std::size_t begin = 0;
  while (begin < all.size()) {
    std::size_t end = all.find(' ', begin);
    if (end == std::string::npos) end = all.size();
    if (end > begin) out.emplace_back(all.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

}  // namespace tessera
