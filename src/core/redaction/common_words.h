#pragma once
// Given names that are also everyday words in the study's languages. A match of such a name on
// its own ("Baraka" — a blessing in Swahili; "Hope"; "Esperança") may be a person or may be the
// word, so redaction marks it for review instead of silently redacting or silently keeping it.

#include <string_view>
#include <vector>

namespace tessera {

/// The built-in common words for `language` (BCP 47 primary subtag: "sw", "en", "pt", "id",
/// "ms", "vi", "th", "km", "tl", "am"), as written; empty for other languages.
const std::vector<std::string_view>& CommonWords(std::string_view language);

/// True when `form` (any case, with or without diacritics) is a built-in common word in any of
/// the study's languages. Names travel between languages (English words are names in every
/// country of the study), so the check does not depend on the document's language.
bool IsCommonWord(std::string_view form);

}  // namespace tessera
