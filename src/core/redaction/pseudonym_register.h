#pragma once
// The project's pseudonym register: every person, place, school and organisation that must not
// appear in a quote, the forms it is written in, and the one pseudonym that replaces all of
// them in every export ("[Person 3]", "[Place B]", "[School 2]").

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "redaction/name_matcher.h"

namespace tessera {

/// One registered name. `kind` is a SpanKind name ("person", "place", "school", …).
struct RegisterEntry {
  std::int64_t id = 0;               ///< stable id in the project
  std::string kind;                  ///< SpanKind name
  std::string name;                  ///< the full name as usually written
  std::vector<std::string> aliases;  ///< nicknames, other spellings, short forms
  std::string pseudonym;             ///< "[Person 3]"; empty until AssignPseudonyms
  bool common_word = false;          ///< the name is also an everyday word: matches need review
};

/// Gives every entry without a pseudonym the next free one of its kind and returns how many it
/// assigned; the caller persists them. Deterministic: entries are numbered in order of id (then
/// name), after the highest number of that kind already in use, and a number is never reused,
/// so a pseudonym once published never comes to mean someone else. Persons, schools and
/// organisations get numbers ("[Person 4]"), places letters ("[Place C]", … "[Place AA]"), other
/// kinds the kind placeholder ("[Phone number]"). @throws DataError on an unknown kind.
std::size_t AssignPseudonyms(std::vector<RegisterEntry>& entries);

/// Every form `entry` may be written in: its name and aliases and, for persons, their parts
/// (see NameMatcher::FormsOf). Matching also covers spellings without diacritics and any case.
std::vector<std::string> EntryForms(const RegisterEntry& entry);

/// True when a match of `form` of `entry` must go to review: a single word that is the entry's
/// name flagged common_word, or a built-in common word (see IsCommonWord).
bool IsAmbiguousForm(const RegisterEntry& entry, std::string_view form);

/// The register as JSON: {"entries": [{"id", "kind", "name", "aliases", "pseudonym",
/// "common_word"}, …]}. This is also the configuration of the bundled name-list plugin.
nlohmann::json RegisterToJson(const std::vector<RegisterEntry>& entries);

/// Reads RegisterToJson's format (an object with "entries", or a bare array). Missing optional
/// fields take their defaults. @throws DataError on a malformed document or unknown kind.
std::vector<RegisterEntry> RegisterFromJson(const nlohmann::json& json);

/// An original of the register found in a text that should have none.
struct Leak {
  std::size_t start = 0;      ///< first code point in the checked text
  std::size_t end = 0;        ///< one past the last
  std::int64_t entry_id = 0;  ///< the entry it belongs to
  std::string text;           ///< the text as found
  bool ambiguous = false;     ///< a common word: may be the word, not the name
};

/// Finds every form of every entry (names, parts, aliases; any case; with or without
/// diacritics) still present in `text`, e.g. an export. Pseudonyms themselves are not leaks.
std::vector<Leak> LeakCheck(std::string_view text, const std::vector<RegisterEntry>& entries);

/// The register indexed by form. Keeps a copy of the entries.
class PseudonymRegister {
 public:
  /// Indexes `entries`. @throws DataError on an unknown kind.
  explicit PseudonymRegister(std::vector<RegisterEntry> entries);

  /// The entries.
  const std::vector<RegisterEntry>& Entries() const { return m_entries; }

  /// The entry one of whose forms equals `original` after folding (case, diacritics, spacing),
  /// or else the one entry whose forms, joined by spaces, make up all of `original` ("Nurul Ain"
  /// of "Nurul Ain binti Hassan"); nullptr when there is none. When entries share a form, the
  /// one with the lowest id.
  const RegisterEntry* FindByForm(std::string_view original) const;

  /// A matcher over every form; match tags are indexes into Entries().
  const NameMatcher& Matcher() const { return m_matcher; }

 private:
  std::vector<RegisterEntry> m_entries;
  std::vector<std::pair<std::string, std::size_t>> m_by_form;  // folded form -> entry, sorted
  NameMatcher m_matcher;
};

}  // namespace tessera
