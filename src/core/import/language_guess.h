#pragma once
// A first guess at a transcript's language when the user gave none: the dominant script settles
// Thai, Khmer, Lao, Burmese and the like; among Latin-script languages, Vietnamese letters and
// common function words decide. The user can always override with --language.

#include <string>

namespace tessera {

/// A BCP 47 tag ("th", "km", "vi", "en", "id", "pt", "sw", "tl", …) or "" when unclear.
std::string GuessLanguage(const std::string& utf8_text);

}  // namespace tessera
