#pragma once
// Finds registered names in text: case- and accent-insensitively (see FoldedText), on word
// boundaries in scripts that separate words with spaces, and as plain substrings in scripts that
// do not (Thai, Lao, Khmer, Myanmar, Chinese, Japanese).
//
// Why substrings there: ICU's dictionary segmentation splits names it does not know (most names)
// into dictionary words, so "สมชาย" can come out as "สม|ชาย" and a boundary test would miss it.
// A substring can over-match ("สมชาย" inside a longer word); for redaction that errs on the safe
// side, and ambiguous short forms go to review as common words.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// One occurrence of a registered form.
struct NameMatch {
  std::size_t start = 0;          ///< first code point in the searched text
  std::size_t end = 0;            ///< one past the last code point
  std::vector<std::size_t> tags;  ///< tags of every form that matched exactly this range
};

/// A set of name forms and a search for them. Not thread-safe while forms are being added.
class NameMatcher {
 public:
  /// Adds `form` with a caller-chosen `tag` and `group` (e.g. a form index and the index of the
  /// register entry it belongs to; the group defaults to the tag). Empty forms are ignored.
  void Add(std::string_view form, std::size_t tag, std::optional<std::size_t> group = std::nullopt);

  /// Number of forms added.
  std::size_t Size() const { return m_forms.size(); }

  /// Leftmost-longest, non-overlapping occurrences of the forms in valid UTF-8 `text`, sorted by
  /// start. Consecutive occurrences of one group separated by nothing but white space are joined
  /// into one ("Nurul Ain" from the parts of "Nurul Ain binti Hassan"), with the tags of both.
  /// Offsets are code points of `text`. @throws EnvironmentError when ICU fails.
  std::vector<NameMatch> Find(std::string_view text) const;

  /// The forms a register entry's `name` is known by: the name itself and, when `split_parts`
  /// (person names), every part of two or more letters that is not a particle or title ("bin",
  /// "da", "Thị", "นาย", "Mr"), split at spaces and hyphens. Diacritic-free spellings need no
  /// form of their own: matching folds them.
  static std::vector<std::string> FormsOf(std::string_view name, bool split_parts);

  /// True when `form` is one word (no space after folding).
  static bool IsSingleWord(std::string_view form);

 private:
  struct Form {
    std::u32string folded;
    std::size_t tag;
    std::size_t group;
    bool free_start;  // starts in a script without spaces: no boundary test at the start
    bool free_end;
  };
  std::vector<Form> m_forms;
};

}  // namespace tessera
