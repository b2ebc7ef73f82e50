#include "redaction/folded_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "error.h"
#include "text/utf8.h"

namespace tessera {
namespace {

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU NFD unavailable: ") + u_errorName(status));
  return *nfd;
}

// A combining mark that only adds an accent to a Latin (or Greek, Cyrillic) letter. Marks of
// Thai, Khmer, Lao, Devanagari … have their own script and are letters' vowels: keep those.
bool IsDroppableMark(UChar32 c) {
  const auto category = u_charType(c);
  if (category != U_NON_SPACING_MARK && category != U_ENCLOSING_MARK) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return U_SUCCESS(status) && (script == USCRIPT_INHERITED || script == USCRIPT_COMMON);
}

char32_t FoldSpecial(char32_t c) {
  switch (c) {
    case U'đ':
    case U'Đ':
      return U'd';
    case U'ł':
    case U'Ł':
      return U'l';
    case U'ø':
    case U'Ø':
      return U'o';
    case U'\u2019':
    case U'\u2018':
    case U'\u02BC':
    case U'`':
    case U'\u00B4':
      return U'\'';
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':
    case U'\u2014':
      return U'-';
    default:
      return 0;
  }
}

}  // namespace

FoldedText::FoldedText(std::string_view text) {
  const icu::Normalizer2& nfd = Nfd();
  std::size_t pos = 0;
  while (pos < text.size()) m_original.push_back(utf8::Next(text, pos));
  m_folded.reserve(m_original.size());
  m_origin.reserve(m_original.size() + 1);
  icu::UnicodeString decomposition;
  for (std::size_t i = 0; i < m_original.size(); ++i) {
    const char32_t c = m_original[i];
    auto emit = [&](char32_t folded) {
      m_folded.push_back(folded);
      m_origin.push_back(i);
    };
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      if (m_folded.empty() || m_folded.back() != U' ') emit(U' ');
      continue;
    }
    if (u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) continue;
    if (const char32_t special = FoldSpecial(c)) {
      emit(special);
      continue;
    }
    if (nfd.getDecomposition(static_cast<UChar32>(c), decomposition)) {
      for (int32_t k = 0; k < decomposition.length();) {
        const UChar32 d = decomposition.char32At(k);
        k += U16_LENGTH(d);
        if (IsDroppableMark(d)) continue;
        emit(static_cast<char32_t>(u_foldCase(d, U_FOLD_CASE_DEFAULT)));
      }
      continue;
    }
    if (IsDroppableMark(static_cast<UChar32>(c))) continue;
    emit(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)));
  }
  m_origin.push_back(m_original.size());
}

std::string FoldForMatching(std::string_view text) {
  const FoldedText folded(text);
  std::string out;
  for (const char32_t c : folded.Folded()) utf8::Append(out, c);
  return out;
}

}  // namespace tessera
