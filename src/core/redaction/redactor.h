#pragma once
// Turns a text and the spans the plugins found into a redacted text: overlapping spans merged,
// register names replaced by their pseudonyms, everything else by a placeholder of its kind,
// and the reviewers' decisions applied. An original nobody reviewed is always redacted.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"
#include "redaction/pseudonym_register.h"
#include "redaction/span_kind.h"

namespace tessera {

class PluginHost;

/// Thrown when a text cannot be redacted safely (a plugin failed, or none ran): the caller must
/// not export it.
class RedactionRefused : public DataError {
 public:
  using DataError::DataError;
};

/// A reviewer's decision about an original. Decisions apply project-wide unless `start` is set.
struct ReviewDecision {
  /// What the reviewer decided.
  enum class Verdict {
    Accept,  ///< redact it (confirms a span that needed review)
    Reject,  ///< keep it: not identifying here ("Hope" the word, not the girl)
    Add,     ///< redact it although no plugin found it (a nickname, a misspelling)
  };
  std::string original;          ///< the text as written; compared case- and accent-insensitively
  std::optional<SpanKind> kind;  ///< Add: the kind (default Other); else: only spans of this kind
  Verdict verdict = Verdict::Accept;  ///< the decision
  std::optional<std::size_t> start;   ///< only the span that starts here (one document), if set
};

/// Overlapping spans merged into one.
struct MergedSpan {
  std::size_t start = 0;             ///< first code point
  std::size_t end = 0;               ///< one past the last
  SpanKind kind = SpanKind::Other;   ///< the kind of highest SpanKindPriority among the merged
  double confidence = 0;             ///< the highest confidence among the merged
  bool needs_review = false;         ///< true only when every merged span needs review
  std::vector<std::string> sources;  ///< the plugins that found it, without duplicates
};

/// Merges spans that overlap (share at least one code point) into their union; the kind with
/// the highest SpanKindPriority wins. Result sorted by start, non-overlapping; empty spans drop.
std::vector<MergedSpan> MergeSpans(std::vector<DetectedSpan> spans);

/// One replaced span of a redaction.
struct RedactedSpan {
  std::size_t start = 0;            ///< first code point in the input text
  std::size_t end = 0;              ///< one past the last, in the input text
  SpanKind kind = SpanKind::Other;  ///< the merged kind
  std::string replacement;          ///< "[Person 3]", "[Phone number]" …
  std::string original;             ///< the input text of the span (never written to an export)
  bool needs_review = false;        ///< ambiguous and not yet accepted by a reviewer
  std::optional<std::int64_t> entry_id;  ///< the register entry whose pseudonym was used
  std::vector<std::string> sources;      ///< plugins that found it
};

/// A name found by a plugin that is not in the register: a suggested new entry.
struct RegisterSuggestion {
  SpanKind kind = SpanKind::Person;  ///< person, place, school or organisation
  std::string name;                  ///< the original as found
};

/// The result of one redaction.
struct RedactionResult {
  std::string text;                             ///< the redacted text
  std::vector<RedactedSpan> spans;              ///< replaced spans, by start
  std::vector<RedactedSpan> kept;               ///< spans a reviewer rejected (kept in the text)
  /// Spans awaiting review that were left in the text: a registered name that is also an everyday
  /// word, written here in lower case ("there is hope", "ni baraka kubwa"), which in a script
  /// with capitals is most likely the word. A reviewer's Accept redacts it; exports refuse it
  /// until someone decided (LeakCheck finds it).
  std::vector<RedactedSpan> held;
  std::vector<RegisterSuggestion> suggestions;  ///< new names for the register (no duplicates)
  /// True when some replaced or held span still needs a reviewer's look.
  bool NeedsReview() const;
};

/// Options of a Redactor.
struct RedactorOptions {
  /// Also find the register's names itself (source "register"), so that they are redacted even
  /// when the name-list plugin is missing or disabled.
  bool match_register = true;
};

/// Applies a pseudonym register and review decisions to detected spans. Immutable; thread-safe.
class Redactor {
 public:
  /// A redactor for `entries` (pseudonyms assigned: call AssignPseudonyms first; an entry
  /// without one is replaced by its kind's placeholder) and `decisions`.
  /// @throws DataError on an unknown kind.
  explicit Redactor(std::vector<RegisterEntry> entries, std::vector<ReviewDecision> decisions = {},
                    RedactorOptions options = {});

  /// Redacts valid UTF-8 `text` given `spans` in its code points.
  /// @throws ProgrammingError when a span lies outside the text.
  RedactionResult Apply(std::string_view text, const std::vector<DetectedSpan>& spans) const;

  /// Runs every plugin of `host` over `text`, then Apply. @throws RedactionRefused when a plugin
  /// failed or none ran: the text must not be exported.
  RedactionResult Redact(PluginHost& host, std::string_view text, std::string_view language) const;

  /// The register.
  const PseudonymRegister& Register() const { return m_register; }

 private:
  const ReviewDecision* DecisionFor(const std::string& key, SpanKind kind, std::size_t start) const;

  PseudonymRegister m_register;
  std::vector<ReviewDecision> m_decisions;
  std::vector<std::string> m_decision_keys;  // folded originals, parallel to m_decisions
  NameMatcher m_added;                       // originals of Add decisions; tags index m_decisions
  RedactorOptions m_options;
};

}  // namespace tessera
