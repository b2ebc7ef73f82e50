#pragma once
// Turning the words of one language into index terms: the case-folded exact form, the form with
// accents and tone marks removed, and the Snowball stem where Xapian has a stemmer for the language.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// Folds words of one language into terms. Owns a Xapian stemmer, which is not thread-safe: use one
/// TermFolder per thread.
class TermFolder {
 public:
  /// A folder for `language` (BCP 47). Languages without a Xapian stemmer (th, km, vi, sw, fil …)
  /// get no stemming.
  explicit TermFolder(const std::string& language = {});
  ~TermFolder();
  TermFolder(const TermFolder&) = delete;
  TermFolder& operator=(const TermFolder&) = delete;
  TermFolder(TermFolder&&) noexcept;
  TermFolder& operator=(TermFolder&&) noexcept;

  /// Case-folded NFC form of a word ("Polícia" -> "polícia"); typographic apostrophes become "'".
  static std::string Fold(std::string_view word);

  /// `folded` without accents and tone marks: NFD, combining diacritics (U+0300–U+036F and the
  /// other generic combining blocks) removed, NFC, and đ -> d, ø -> o, ł -> l ("cảnh" -> "canh").
  /// Marks of Thai, Khmer and other Brahmic scripts are letters' vowels and tones there, so they
  /// are kept: removing them would merge unrelated words.
  static std::string StripAccents(std::string_view folded);

  /// True when Xapian has a Snowball stemmer for this folder's language.
  bool HasStemmer() const { return !m_stem_key.empty(); }
  /// Short name of the stemmer ("en", "pt", "id"; Malay uses "id"), or empty without one.
  const std::string& StemKey() const { return m_stem_key; }
  /// The stem of a folded word, or empty without a stemmer.
  std::string Stem(const std::string& folded) const;

  /// The stemmer key for a language (BCP 47) or empty when Xapian has no stemmer for it.
  static std::string StemKeyFor(std::string_view language);
  /// Every language code Xapian can stem, as given by Xapian::Stem::get_available_languages().
  static std::vector<std::string> StemmerLanguages();

 private:
  struct Impl;
  std::string m_stem_key;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace tessera
