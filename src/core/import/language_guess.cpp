#include "import/language_guess.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <map>
#include <set>
#include <string_view>

#include "text/utf8.h"

namespace tessera {
namespace {

struct FunctionWords {
  const char* language;
  std::set<std::string_view> words;
};

const std::array<FunctionWords, 6>& Lexicon() {
  static const std::array<FunctionWords, 6> lexicon = {{
      {"en", {"the", "and", "to", "of", "was", "you", "that", "it", "is", "they", "with", "what", "my", "she", "he"}},
      {"id", {"yang", "dan", "tidak", "saya", "itu", "ini", "dengan", "ke", "ada", "kami", "mereka", "sudah", "bisa", "karena"}},
      {"ms", {"yang", "dan", "tidak", "saya", "itu", "ini", "dengan", "tak", "kerana", "sahaja", "boleh", "mereka", "sudah"}},
      {"pt", {"que", "não", "de", "e", "o", "para", "com", "uma", "eu", "ela", "ele", "foi", "mas", "muito", "isso"}},
      {"sw", {"na", "ya", "wa", "kwa", "ni", "za", "hii", "sana", "mimi", "yeye", "kwamba", "lakini", "hakuna", "kama"}},
      {"tl", {"ang", "ng", "sa", "mga", "ako", "hindi", "siya", "po", "ko", "niya", "kami", "ay", "lang", "naman"}},
  }};
  return lexicon;
}

bool IsVietnameseLetter(char32_t c) {
  // Letters that occur in Vietnamese and in none of the other study languages.
  static const std::u32string letters = U"ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
  c = u_tolower(c);
  return letters.find(c) != std::u32string::npos;
}

}  // namespace

std::string GuessLanguage(const std::string& text) {
  std::map<UScriptCode, std::size_t> scripts;
  std::size_t letters = 0, vietnamese = 0;
  std::map<std::string, std::size_t> hits;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    for (const auto& fw : Lexicon()) {
      if (fw.words.count(word)) ++hits[fw.language];
    }
    word.clear();
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = utf8::Next(text, pos);
    if (!u_isalpha(c)) {
      flush();
      continue;
    }
    ++letters;
    UErrorCode status = U_ZERO_ERROR;
    ++scripts[uscript_getScript(c, &status)];
    if (IsVietnameseLetter(c)) ++vietnamese;
    if (c < 0x80) word += static_cast<char>(u_tolower(c));
    else utf8::Append(word, u_tolower(c));
  }
  flush();
  if (letters == 0) return "";
  UScriptCode top = USCRIPT_LATIN;
  std::size_t best = 0;
  for (const auto& [script, count] : scripts) {
    if (count > best) top = script, best = count;
  }
  switch (top) {
    case USCRIPT_THAI: return "th";
    case USCRIPT_KHMER: return "km";
    case USCRIPT_LAO: return "lo";
    case USCRIPT_MYANMAR: return "my";
    case USCRIPT_ETHIOPIC: return "am";
    case USCRIPT_ARABIC: return "ar";
    case USCRIPT_HAN: return "zh";
    default: break;
  }
  if (top != USCRIPT_LATIN) return "";
  if (vietnamese * 50 > letters) return "vi";
  std::string language;
  std::size_t most = 0;
  for (const auto& [lang, count] : hits) {
    if (count > most) language = lang, most = count;
  }
  // Malay and Indonesian share most function words; Indonesian wins ties as the larger corpus.
  if (language == "ms" && hits["id"] == most) language = "id";
  return most >= 3 ? language : "";
}

}  // namespace tessera
