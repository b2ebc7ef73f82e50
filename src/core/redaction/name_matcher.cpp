#include "redaction/name_matcher.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "error.h"
#include "redaction/folded_text.h"
#include "text/utf8.h"

namespace tessera {
namespace {

bool IsScriptWithoutSpaces(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_TIBETAN:
      return true;
    default:
      return false;
  }
}

bool IsWordChar(char32_t c) {
  const auto category = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || category == U_NON_SPACING_MARK ||
         category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK;
}

// Word boundaries of the original text in code points, from ICU's word break iterator.
std::vector<bool> WordBoundaries(const std::u32string& original) {
  std::vector<bool> boundary(original.size() + 1, false);
  icu::UnicodeString text;
  std::vector<std::size_t> code_point_of_unit;
  for (std::size_t i = 0; i < original.size(); ++i) {
    const auto before = text.length();
    text.append(static_cast<UChar32>(original[i]));
    for (auto k = before; k < text.length(); ++k) code_point_of_unit.push_back(i);
  }
  code_point_of_unit.push_back(original.size());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status))
    throw EnvironmentError(std::string("ICU word break iterator: ") + u_errorName(status));
  words->setText(text);
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
    boundary[code_point_of_unit[static_cast<std::size_t>(b)]] = true;
  }
  return boundary;
}

// Particles and titles that are parts of a written name but identify nobody on their own.
const std::set<std::string>& Particles() {
  static const std::set<std::string> particles = [] {
    std::set<std::string> folded;
    for (const char* word :
         {"bin",  "binti", "bt",     "bte",    "binte", "al",    "el",   "de",   "da",     "do",
          "dos",  "das",   "di",     "del",    "van",   "von",   "der",  "la",   "le",     "mr",
          "mrs",  "ms",    "miss",   "dr",     "sr",    "jr",    "mama", "baba", "bi",     "bwana",
          "mzee", "ole",   "wa",     "thi",    "van",   "văn",   "thị",  "anak", "a/l",    "a/p",
          "sdn",  "bhd",   "nai",    "nang",   "ibu",   "bapak", "pak",  "bu",   "kak",    "adik",
          "ate",  "kuya",  "tita",   "tito",   "lola",  "lolo",  "นาย",  "นาง",  "นางสาว", "น.ส.",
          "ด.ช.", "ด.ญ.",  "เด็กชาย", "เด็กหญิง", "น้อง",   "พี่",     "លោក",  "អ្នក",  "កញ្ញា",   "នាង",
          "ato",  "w/ro",  "w/t",    "ወ/ሮ",    "አቶ",
          // Titles and forms of address: "Teacher Sophea" must not make every "teacher" a name.
          "teacher", "mwalimu", "prof", "professor", "madam", "madame", "sir", "sister", "brother", "father",
          "uncle", "aunt", "aunty", "auntie", "officer", "judge", "pastor", "imam", "sheikh", "dona", "senhor",
          "senhora", "professor", "professora", "guru", "cikgu", "cô", "thầy", "chú", "bác", "anh", "chị",
          "ครู", "คุณ", "គ្រូ"}) {
      folded.insert(FoldForMatching(word));
    }
    return folded;
  }();
  return particles;
}

}  // namespace

void NameMatcher::Add(std::string_view form, std::size_t tag, std::optional<std::size_t> group) {
  const FoldedText folded_form(form);
  std::u32string folded = folded_form.Folded();
  while (!folded.empty() && folded.back() == U' ') folded.pop_back();
  while (!folded.empty() && folded.front() == U' ') folded.erase(folded.begin());
  if (folded.empty()) return;
  m_forms.push_back(Form{folded, tag, group.value_or(tag), IsScriptWithoutSpaces(folded.front()),
                         IsScriptWithoutSpaces(folded.back())});
}

std::vector<NameMatch> NameMatcher::Find(std::string_view text) const {
  std::vector<NameMatch> candidates;
  if (m_forms.empty() || text.empty()) return candidates;
  const FoldedText folded(text);
  const std::u32string& haystack = folded.Folded();
  const std::u32string& original = folded.Original();
  std::vector<bool> boundary;  // computed on first need: most texts have no candidate at all
  auto at_boundary = [&](std::size_t cp, bool is_start) {
    if (cp == 0 || cp == original.size()) return true;
    const char32_t outside = is_start ? original[cp - 1] : original[cp];
    if (!IsWordChar(outside)) return true;
    if (boundary.empty()) boundary = WordBoundaries(original);
    return static_cast<bool>(boundary[cp]);
  };
  for (const Form& form : m_forms) {
    for (std::size_t at = haystack.find(form.folded); at != std::u32string::npos;
         at = haystack.find(form.folded, at + 1)) {
      const std::size_t start = folded.OriginalOffset(at);
      const std::size_t end = folded.OriginalOffset(at + form.folded.size());
      if (!form.free_start && !at_boundary(start, true)) continue;
      if (!form.free_end && !at_boundary(end, false)) continue;
      candidates.push_back(NameMatch{start, end, {form.tag}});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const NameMatch& a, const NameMatch& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return a.tags < b.tags;
  });
  std::vector<NameMatch> chosen;
  for (auto& candidate : candidates) {
    if (!chosen.empty() && chosen.back().start == candidate.start &&
        chosen.back().end == candidate.end) {
      auto& tags = chosen.back().tags;
      if (std::find(tags.begin(), tags.end(), candidate.tags.front()) == tags.end()) {
        tags.push_back(candidate.tags.front());
      }
      continue;
    }
    if (!chosen.empty() && candidate.start < chosen.back().end) continue;
    chosen.push_back(std::move(candidate));
  }
  // Join neighbours of one group: "Nurul Ain" is one person, not two.
  std::map<std::size_t, std::size_t> group_of;
  for (const Form& form : m_forms) group_of.emplace(form.tag, form.group);
  auto groups = [&](const NameMatch& match) {
    std::set<std::size_t> found;
    for (const std::size_t tag : match.tags) found.insert(group_of.at(tag));
    return found;
  };
  std::vector<NameMatch> joined;
  for (auto& match : chosen) {
    if (!joined.empty()) {
      NameMatch& previous = joined.back();
      bool only_space = true;
      for (std::size_t k = previous.end; k < match.start && only_space; ++k) {
        only_space = u_isUWhiteSpace(static_cast<UChar32>(original[k]));
      }
      const auto before = groups(previous);
      const auto after = groups(match);
      const bool shared = std::any_of(after.begin(), after.end(),
                                      [&](std::size_t g) { return before.count(g) != 0; });
      if (only_space && shared && match.start - previous.end <= 3) {
        previous.end = match.end;
        for (const std::size_t tag : match.tags) {
          if (std::find(previous.tags.begin(), previous.tags.end(), tag) == previous.tags.end())
            previous.tags.push_back(tag);
        }
        continue;
      }
    }
    joined.push_back(std::move(match));
  }
  return joined;
}

std::vector<std::string> NameMatcher::FormsOf(std::string_view name, bool split_parts) {
  std::vector<std::string> forms;
  const std::string whole(name);
  forms.push_back(whole);
  if (!split_parts) return forms;
  std::set<std::string> seen{FoldForMatching(whole)};
  std::string part;
  std::size_t pos = 0;
  auto flush = [&] {
    if (utf8::CodePointCount(part) >= 2) {
      const std::string key = FoldForMatching(part);
      if (!Particles().count(key) && seen.insert(key).second) forms.push_back(part);
    }
    part.clear();
  };
  while (pos < whole.size()) {
    const std::size_t begin = pos;
    const char32_t c = utf8::Next(whole, pos);
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == U'-' || c == U'\u2010' || c == U',' ||
        c == U'(' || c == U')' || c == U'"' ||
        u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) {
      flush();
    } else {
      part.append(whole, begin, pos - begin);
    }
  }
  flush();
  // A part that ends in a full stop ("Jr.") or is an initial ("J.") identifies nobody.
  std::erase_if(forms, [&](const std::string& form) {
    return form != whole && (form.back() == '.' && utf8::CodePointCount(form) <= 3);
  });
  return forms;
}

bool NameMatcher::IsSingleWord(std::string_view form) {
  const FoldedText folded(form);
  std::u32string text = folded.Folded();
  while (!text.empty() && text.back() == U' ') text.pop_back();
  while (!text.empty() && text.front() == U' ') text.erase(text.begin());
  return text.find(U' ') == std::u32string::npos;
}

}  // namespace tessera
