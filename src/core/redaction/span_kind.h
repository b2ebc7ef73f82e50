#pragma once
// The kinds of identifying span, their names in the register and in JSON, the placeholder a
// span of each kind gets when no register entry names it, and the priority that decides the
// kind of overlapping spans.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tessera {

/// What an identifying span is. The values equal TesseraSpanKind of the plugin ABI.
enum class SpanKind {
  Person = 0,
  Place = 1,
  School = 2,
  Address = 3,
  Phone = 4,
  Email = 5,
  Handle = 6,
  Url = 7,
  Age = 8,
  Dob = 9,
  IdNumber = 10,
  CaseNumber = 11,
  Organisation = 12,
  Other = 13,
};

/// Number of SpanKind values.
inline constexpr int kSpanKindCount = 14;

/// The stable name of `kind` ("person", "id_number", …), used in the register, JSON and the CLI.
std::string_view SpanKindName(SpanKind kind);

/// The kind named `name` (case-sensitive, as SpanKindName gives it), or nullopt.
std::optional<SpanKind> TryParseSpanKind(std::string_view name);

/// The kind named `name`. @throws DataError when the name is unknown.
SpanKind ParseSpanKind(std::string_view name);

/// The kind with ABI value `value`; values this host does not know become SpanKind::Other.
SpanKind SpanKindFromAbi(unsigned value);

/// Placeholder for a span of `kind` that no register entry names: "[Phone number]", "[Email]"…
std::string_view SpanKindPlaceholder(SpanKind kind);

/// True for kinds whose originals are names that belong in the pseudonym register
/// (person, place, school, organisation).
bool IsNameKind(SpanKind kind);

/// Priority of `kind` when overlapping spans are merged: the higher wins. Contact details and
/// reference numbers (e-mail, URL, handle, phone, ID, case number, date of birth) beat names,
/// because their placeholder describes the whole merged span (an e-mail address that contains a
/// person's name is still an e-mail address); among names the more specific wins (school over
/// organisation over person over place), and age and other come last.
int SpanKindPriority(SpanKind kind);

/// One span a plugin (or the register, or a reviewer) marked as identifying.
struct DetectedSpan {
  std::size_t start = 0;            ///< first code point
  std::size_t end = 0;              ///< one past the last code point
  SpanKind kind = SpanKind::Other;  ///< what it is
  double confidence = 1.0;          ///< 0..1
  bool needs_review = false;        ///< ambiguous: a reviewer should look at it
  std::string source;               ///< id of the plugin that found it ("register", "review" …)
};

}  // namespace tessera
