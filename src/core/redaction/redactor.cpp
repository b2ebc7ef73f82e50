#include "redaction/redactor.h"

#include <algorithm>

#include "redaction/folded_text.h"
#include "redaction/plugin_host.h"
#include "text/utf8.h"

#include <unicode/uchar.h>

namespace tessera {
namespace {

std::string Key(std::string_view text) {
  std::string key = FoldForMatching(text);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(key.begin());
  return key;
}

// True when the text has letters with case and all of them are lower case: "hope", "baraka",
// "esperança", but not "Hope", "BARAKA" or Thai, which has no capitals to go by.
bool IsLowerCaseWord(std::string_view text) {
  bool cased = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = utf8::Next(text, pos);
    if (u_isUUppercase(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c))) return false;
    cased = cased || u_isULowercase(static_cast<UChar32>(c));
  }
  return cased;
}

void AddSource(std::vector<std::string>& sources, const std::string& source) {
  if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
}

}  // namespace

std::vector<MergedSpan> MergeSpans(std::vector<DetectedSpan> spans) {
  std::erase_if(spans, [](const DetectedSpan& span) { return span.start >= span.end; });
  std::sort(spans.begin(), spans.end(), [](const DetectedSpan& a, const DetectedSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<MergedSpan> merged;
  for (const auto& span : spans) {
    if (merged.empty() || span.start >= merged.back().end) {
      MergedSpan next;
      next.start = span.start;
      next.end = span.end;
      next.kind = span.kind;
      next.confidence = span.confidence;
      next.needs_review = span.needs_review;
      next.sources.push_back(span.source);
      merged.push_back(std::move(next));
      continue;
    }
    MergedSpan& current = merged.back();
    current.end = std::max(current.end, span.end);
    if (SpanKindPriority(span.kind) > SpanKindPriority(current.kind)) current.kind = span.kind;
    current.confidence = std::max(current.confidence, span.confidence);
    current.needs_review = current.needs_review && span.needs_review;
    AddSource(current.sources, span.source);
  }
  return merged;
}

bool RedactionResult::NeedsReview() const {
  return !held.empty() || std::any_of(spans.begin(), spans.end(),
                     [](const RedactedSpan& span) { return span.needs_review; });
}

Redactor::Redactor(std::vector<RegisterEntry> entries, std::vector<ReviewDecision> decisions,
                   RedactorOptions options)
    : m_register(std::move(entries)), m_decisions(std::move(decisions)), m_options(options) {
  for (std::size_t i = 0; i < m_decisions.size(); ++i) {
    m_decision_keys.push_back(Key(m_decisions[i].original));
    if (m_decisions[i].verdict == ReviewDecision::Verdict::Add)
      m_added.Add(m_decisions[i].original, i);
  }
}

const ReviewDecision* Redactor::DecisionFor(const std::string& key, SpanKind kind,
                                            std::size_t start) const {
  // A decision for this one occurrence beats a project-wide one; among equals the last wins.
  const ReviewDecision* found = nullptr;
  for (std::size_t i = 0; i < m_decisions.size(); ++i) {
    const ReviewDecision& decision = m_decisions[i];
    if (decision.verdict == ReviewDecision::Verdict::Add) continue;
    if (m_decision_keys[i] != key) continue;
    if (decision.kind && *decision.kind != kind) continue;
    if (decision.start && *decision.start != start) continue;
    if (found != nullptr && found->start && !decision.start) continue;
    found = &decision;
  }
  return found;
}

RedactionResult Redactor::Apply(std::string_view text,
                                const std::vector<DetectedSpan>& spans) const {
  const FoldedText folded(text);
  const std::u32string& original = folded.Original();
  std::vector<DetectedSpan> all = spans;
  for (const auto& span : all) {
    if (span.start > span.end || span.end > original.size()) {
      throw ProgrammingError("redaction span [" + std::to_string(span.start) + ", " +
                             std::to_string(span.end) + ") lies outside a text of " +
                             std::to_string(original.size()) + " code points");
    }
  }
  if (m_options.match_register) {
    const auto& entries = m_register.Entries();
    const NameMatcher& matcher = m_register.Matcher();
    for (const auto& match : matcher.Find(text)) {
      const RegisterEntry& entry = entries.at(match.tags.front());
      std::string found;
      for (std::size_t k = match.start; k < match.end; ++k) utf8::Append(found, original[k]);
      DetectedSpan span;
      span.start = match.start;
      span.end = match.end;
      span.kind = ParseSpanKind(entry.kind);
      span.confidence = 0.9;
      span.needs_review = IsAmbiguousForm(entry, found);
      span.source = "register";
      all.push_back(std::move(span));
    }
  }
  for (const auto& match : m_added.Find(text)) {
    const ReviewDecision& decision = m_decisions.at(match.tags.front());
    all.push_back(DetectedSpan{match.start, match.end, decision.kind.value_or(SpanKind::Other), 1.0,
                               false, "review"});
  }

  RedactionResult result;
  std::size_t copied = 0;  // code points of the input already handled
  auto append_original = [&](std::size_t from, std::size_t to, std::string& out) {
    for (std::size_t k = from; k < to; ++k) utf8::Append(out, original[k]);
  };
  for (auto& merged : MergeSpans(std::move(all))) {
    RedactedSpan span;
    span.start = merged.start;
    span.end = merged.end;
    span.kind = merged.kind;
    span.sources = std::move(merged.sources);
    append_original(merged.start, merged.end, span.original);
    span.needs_review = merged.needs_review;
    const std::string key = Key(span.original);
    if (const ReviewDecision* decision = DecisionFor(key, span.kind, span.start)) {
      if (decision->verdict == ReviewDecision::Verdict::Reject) {
        result.kept.push_back(std::move(span));
        continue;
      }
      span.needs_review = false;
    }
    const RegisterEntry* entry = m_register.FindByForm(span.original);
    if (entry != nullptr && !entry->pseudonym.empty()) {
      span.replacement = entry->pseudonym;
      span.entry_id = entry->id;
    } else if (entry != nullptr) {
      span.replacement = std::string(SpanKindPlaceholder(ParseSpanKind(entry->kind)));
      span.entry_id = entry->id;
    } else {
      span.replacement = std::string(SpanKindPlaceholder(span.kind));
      if (IsNameKind(span.kind)) {
        const bool known =
            std::any_of(result.suggestions.begin(), result.suggestions.end(),
                        [&](const RegisterSuggestion& s) { return Key(s.name) == key; });
        if (!known) result.suggestions.push_back(RegisterSuggestion{span.kind, span.original});
      }
    }
    if (span.needs_review && IsLowerCaseWord(span.original)) {
      // Names are written with a capital; "there is hope" is about hope. Left for the reviewer,
      // with the replacement an Accept would give.
      result.held.push_back(std::move(span));
      continue;
    }
    append_original(copied, span.start, result.text);
    result.text += span.replacement;
    copied = span.end;
    result.spans.push_back(std::move(span));
  }
  append_original(copied, original.size(), result.text);
  return result;
}

RedactionResult Redactor::Redact(PluginHost& host, std::string_view text,
                                 std::string_view language) const {
  Detection detection = host.Detect(text, language);
  if (!detection.failures.empty()) {
    std::string reasons;
    for (const auto& failure : detection.failures) {
      if (!reasons.empty()) reasons += "; ";
      reasons += failure.plugin_id + ": " + failure.reason;
    }
    throw RedactionRefused("redaction incomplete, nothing may be exported: " + reasons);
  }
  if (detection.plugins_run.empty()) {
    throw RedactionRefused("no redaction plugin ran, nothing may be exported");
  }
  return Apply(text, detection.spans);
}

}  // namespace tessera
