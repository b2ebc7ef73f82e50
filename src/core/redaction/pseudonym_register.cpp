#include "redaction/pseudonym_register.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "error.h"
#include "redaction/common_words.h"
#include "redaction/folded_text.h"
#include "redaction/span_kind.h"
#include "text/utf8.h"

namespace tessera {
namespace {

// The folded form without white space at either end: the key forms are compared by.
std::string Key(std::string_view text) {
  std::string key = FoldForMatching(text);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(key.begin());
  return key;
}

enum class Numbering { Digits, Letters, None };

struct PseudonymStyle {
  std::string label;  // "Person"
  Numbering numbering;
};

PseudonymStyle StyleOf(SpanKind kind) {
  switch (kind) {
    case SpanKind::Person:
      return {"Person", Numbering::Digits};
    case SpanKind::Place:
      return {"Place", Numbering::Letters};
    case SpanKind::School:
      return {"School", Numbering::Digits};
    case SpanKind::Organisation:
      return {"Organisation", Numbering::Digits};
    case SpanKind::Other:
      return {"Name", Numbering::Digits};
    default:
      return {std::string(SpanKindPlaceholder(kind)), Numbering::None};
  }
}

// Bijective base 26: 1 -> A, 26 -> Z, 27 -> AA.
std::string Letters(std::size_t number) {
  std::string out;
  while (number > 0) {
    --number;
    out.insert(out.begin(), static_cast<char>('A' + number % 26));
    number /= 26;
  }
  return out;
}

// The number in "[Label N]" or "[Label AB]", or 0 when `pseudonym` has another shape.
std::size_t NumberIn(const std::string& pseudonym, const PseudonymStyle& style) {
  const std::string prefix = "[" + style.label + " ";
  if (!pseudonym.starts_with(prefix) || !pseudonym.ends_with("]")) return 0;
  const std::string body = pseudonym.substr(prefix.size(), pseudonym.size() - prefix.size() - 1);
  if (body.empty() || body.size() > 6) return 0;
  std::size_t number = 0;
  for (const char c : body) {
    if (style.numbering == Numbering::Digits && c >= '0' && c <= '9') {
      number = number * 10 + static_cast<std::size_t>(c - '0');
    } else if (style.numbering == Numbering::Letters && c >= 'A' && c <= 'Z') {
      number = number * 26 + static_cast<std::size_t>(c - 'A' + 1);
    } else {
      return 0;
    }
  }
  return number;
}

std::string Pseudonym(const PseudonymStyle& style, std::size_t number) {
  switch (style.numbering) {
    case Numbering::Digits:
      return "[" + style.label + " " + std::to_string(number) + "]";
    case Numbering::Letters:
      return "[" + style.label + " " + Letters(number) + "]";
    case Numbering::None:
      return style.label;
  }
  return style.label;
}

}  // namespace

std::size_t AssignPseudonyms(std::vector<RegisterEntry>& entries) {
  std::map<SpanKind, std::size_t> highest;
  std::vector<RegisterEntry*> pending;
  for (auto& entry : entries) {
    const SpanKind kind = ParseSpanKind(entry.kind);
    if (entry.pseudonym.empty()) {
      pending.push_back(&entry);
    } else {
      auto& top = highest[kind];
      top = std::max(top, NumberIn(entry.pseudonym, StyleOf(kind)));
    }
  }
  std::sort(pending.begin(), pending.end(), [](const RegisterEntry* a, const RegisterEntry* b) {
    return std::tie(a->id, a->name) < std::tie(b->id, b->name);
  });
  for (RegisterEntry* entry : pending) {
    const SpanKind kind = ParseSpanKind(entry->kind);
    entry->pseudonym = Pseudonym(StyleOf(kind), ++highest[kind]);
  }
  return pending.size();
}

std::vector<std::string> EntryForms(const RegisterEntry& entry) {
  const bool person = entry.kind == "person";
  std::vector<std::string> forms;
  auto add_all = [&](const std::string& name) {
    for (auto& form : NameMatcher::FormsOf(name, person)) {
      const std::string key = Key(form);
      if (std::none_of(forms.begin(), forms.end(),
                       [&](const std::string& f) { return Key(f) == key; })) {
        forms.push_back(std::move(form));
      }
    }
  };
  add_all(entry.name);
  for (const auto& alias : entry.aliases) add_all(alias);
  return forms;
}

bool IsAmbiguousForm(const RegisterEntry& entry, std::string_view form) {
  if (!NameMatcher::IsSingleWord(form)) return false;
  return entry.common_word || IsCommonWord(form);
}

nlohmann::json RegisterToJson(const std::vector<RegisterEntry>& entries) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : entries) {
    list.push_back({{"id", entry.id},
                    {"kind", entry.kind},
                    {"name", entry.name},
                    {"aliases", entry.aliases},
                    {"pseudonym", entry.pseudonym},
                    {"common_word", entry.common_word}});
  }
  return nlohmann::json{{"entries", list}};
}

std::vector<RegisterEntry> RegisterFromJson(const nlohmann::json& json) {
  const nlohmann::json* list = &json;
  if (json.is_object()) {
    if (!json.contains("entries")) throw DataError("register JSON has no \"entries\"");
    list = &json.at("entries");
  }
  if (!list->is_array()) throw DataError("register entries are not a JSON array");
  std::vector<RegisterEntry> entries;
  try {
    for (const auto& item : *list) {
      RegisterEntry entry;
      entry.id = item.value("id", std::int64_t{0});
      entry.kind = item.value("kind", std::string("person"));
      entry.name = item.at("name").get<std::string>();
      if (item.contains("aliases"))
        entry.aliases = item.at("aliases").get<std::vector<std::string>>();
      entry.pseudonym = item.value("pseudonym", std::string());
      entry.common_word = item.value("common_word", false);
      ParseSpanKind(entry.kind);
      entries.push_back(std::move(entry));
    }
  } catch (const nlohmann::json::exception& error) {
    throw DataError(std::string("malformed register entry: ") + error.what());
  }
  return entries;
}

std::vector<Leak> LeakCheck(std::string_view text, const std::vector<RegisterEntry>& entries) {
  NameMatcher matcher;
  std::vector<std::pair<std::size_t, std::string>> forms;  // tag -> (entry, form)
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (auto& form : EntryForms(entries[i])) {
      matcher.Add(form, forms.size(), i);
      forms.emplace_back(i, std::move(form));
    }
  }
  std::vector<Leak> leaks;
  const std::u32string original = FoldedText(text).Original();
  for (const auto& match : matcher.Find(text)) {
    // "[Person 3]" is ours: a form that only matches inside a pseudonym is not a leak.
    std::size_t open = match.start;
    while (open > 0 && original[open - 1] != U'[' && original[open - 1] != U']' &&
           original[open - 1] != U'\n')
      --open;
    if (open > 0 && original[open - 1] == U'[') {
      std::size_t close = match.end;
      while (close < original.size() && original[close] != U']' && original[close] != U'[' &&
             original[close] != U'\n')
        ++close;
      if (close < original.size() && original[close] == U']') {
        const std::u32string inside = original.substr(open - 1, close - open + 2);
        std::string utf8_inside;
        for (const char32_t c : inside) utf8::Append(utf8_inside, c);
        const bool is_pseudonym =
            std::any_of(entries.begin(), entries.end(),
                        [&](const RegisterEntry& e) { return e.pseudonym == utf8_inside; });
        if (is_pseudonym) continue;
        bool is_placeholder = false;
        for (int k = 0; k < kSpanKindCount; ++k) {
          if (SpanKindPlaceholder(static_cast<SpanKind>(k)) == utf8_inside) is_placeholder = true;
        }
        if (is_placeholder) continue;
      }
    }
    const auto& [entry_index, form] = forms.at(match.tags.front());
    const RegisterEntry& entry = entries[entry_index];
    Leak leak;
    leak.start = match.start;
    leak.end = match.end;
    leak.entry_id = entry.id;
    for (std::size_t k = match.start; k < match.end; ++k) utf8::Append(leak.text, original[k]);
    leak.ambiguous = IsAmbiguousForm(entry, form);
    leaks.push_back(std::move(leak));
  }
  return leaks;
}

PseudonymRegister::PseudonymRegister(std::vector<RegisterEntry> entries)
    : m_entries(std::move(entries)) {
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    ParseSpanKind(m_entries[i].kind);
    for (const auto& form : EntryForms(m_entries[i])) {
      m_matcher.Add(form, i, i);
      m_by_form.emplace_back(Key(form), i);
    }
  }
  // Sort by form, then by entry id, so that the first of equal forms is the lowest id.
  std::sort(m_by_form.begin(), m_by_form.end(), [this](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return m_entries[a.second].id < m_entries[b.second].id;
  });
}

const RegisterEntry* PseudonymRegister::FindByForm(std::string_view original) const {
  const std::string key = Key(original);
  const auto found =
      std::lower_bound(m_by_form.begin(), m_by_form.end(), key,
                       [](const auto& item, const std::string& k) { return item.first < k; });
  if (found != m_by_form.end() && found->first == key) return &m_entries[found->second];
  // Not one form: perhaps neighbouring forms of one entry, which the matcher joins.
  const auto matches = m_matcher.Find(original);
  if (matches.size() != 1) return nullptr;
  const std::u32string code_points = FoldedText(original).Original();
  std::size_t first = 0, last = code_points.size();
  while (first < last && code_points[first] == U' ') ++first;
  while (last > first && code_points[last - 1] == U' ') --last;
  if (matches[0].start != first || matches[0].end != last) return nullptr;
  const RegisterEntry* best = nullptr;
  for (const std::size_t index : matches[0].tags) {
    if (best == nullptr || m_entries[index].id < best->id) best = &m_entries[index];
  }
  return best;
}

}  // namespace tessera
