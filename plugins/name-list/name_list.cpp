// name-list: finds the names of the project's pseudonym register (people, places, schools,
// organisations, with aliases) in a text, case- and accent-insensitively, on word boundaries,
// including each part of a person's name on its own. Matching is the core's NameMatcher,
// compiled into this library (see CMakeLists.txt), so the plugin, the redactor and LeakCheck
// agree on what a form of a name is.
//
// Configuration (JSON):
//   {"entries": [{"id": 3, "kind": "person", "name": "Baraka Otieno", "aliases": ["Bara"],
//                 "common_word": false}, …],
//    "common_words": ["Sunday"]}   // optional: more everyday words that are also names
//
// A match of a single word that is also an everyday word (the built-in list of
// redaction/common_words.cpp, the config's common_words, or an entry with common_word: true) is
// reported with needs_review = 1: it may be "Baraka" the boy or "baraka" the blessing.

#include <tessera/redaction_plugin.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "plugin_support.h"
#include "redaction/common_words.h"
#include "redaction/folded_text.h"
#include "redaction/name_matcher.h"

namespace {

using tessera::plugin::CopyString;

struct Entry {
  TesseraSpanKind kind;
  bool common_word;
};

struct Form {
  std::size_t entry;
  bool whole;      // the full name or an alias (not a part of one)
  bool ambiguous;  // one word that is also an everyday word
};

TesseraSpanKind KindOf(const std::string& name) {
  static const std::pair<const char*, TesseraSpanKind> kinds[] = {
      {"person", TESSERA_SPAN_PERSON},
      {"place", TESSERA_SPAN_PLACE},
      {"school", TESSERA_SPAN_SCHOOL},
      {"address", TESSERA_SPAN_ADDRESS},
      {"phone", TESSERA_SPAN_PHONE},
      {"email", TESSERA_SPAN_EMAIL},
      {"handle", TESSERA_SPAN_HANDLE},
      {"url", TESSERA_SPAN_URL},
      {"age", TESSERA_SPAN_AGE},
      {"dob", TESSERA_SPAN_DOB},
      {"id_number", TESSERA_SPAN_ID_NUMBER},
      {"case_number", TESSERA_SPAN_CASE_NUMBER},
      {"organisation", TESSERA_SPAN_ORGANISATION},
      {"other", TESSERA_SPAN_OTHER}};
  for (const auto& [text, kind] : kinds) {
    if (name == text) return kind;
  }
  throw std::runtime_error("unknown kind \"" + name + "\"");
}

class NameList {
 public:
  explicit NameList(const char* config_json) {
    const auto config = nlohmann::json::parse(config_json ? config_json : "{}");
    std::set<std::string> extra_common;
    if (config.contains("common_words")) {
      for (const auto& word : config.at("common_words"))
        extra_common.insert(tessera::FoldForMatching(word.get<std::string>()));
    }
    if (!config.contains("entries")) return;
    for (const auto& item : config.at("entries")) {
      const std::string kind = item.value("kind", std::string("person"));
      const bool common_word = item.value("common_word", false);
      const std::size_t entry = m_entries.size();
      m_entries.push_back(Entry{KindOf(kind), common_word});
      std::vector<std::string> names{item.at("name").get<std::string>()};
      if (item.contains("aliases")) {
        for (const auto& alias : item.at("aliases")) names.push_back(alias.get<std::string>());
      }
      for (const auto& name : names) {
        for (const auto& form : tessera::NameMatcher::FormsOf(name, kind == "person")) {
          const bool single = tessera::NameMatcher::IsSingleWord(form);
          const bool ambiguous = single && (common_word || tessera::IsCommonWord(form) ||
                                            extra_common.count(tessera::FoldForMatching(form)));
          m_matcher.Add(form, m_forms.size(), entry);
          m_forms.push_back(Form{entry, form == name, ambiguous});
        }
      }
    }
  }

  std::vector<TesseraSpan> Detect(std::string_view text) const {
    std::vector<TesseraSpan> spans;
    for (const auto& match : m_matcher.Find(text)) {
      // Several forms may match the same range (two people called Amani): it needs review only
      // when every one of them is ambiguous, and it is as sure as the surest.
      bool ambiguous = true;
      bool whole = false;
      TesseraSpanKind kind = m_entries[m_forms[match.tags.front()].entry].kind;
      for (const std::size_t tag : match.tags) {
        ambiguous = ambiguous && m_forms[tag].ambiguous;
        whole = whole || m_forms[tag].whole;
      }
      TesseraSpan span{};
      span.start = match.start;
      span.end = match.end;
      span.kind = static_cast<tessera_u32>(kind);
      span.needs_review = ambiguous ? 1 : 0;
      span.confidence = ambiguous ? 0.5 : (whole ? 0.95 : 0.8);
      spans.push_back(span);
    }
    return spans;
  }

 private:
  std::vector<Entry> m_entries;
  std::vector<Form> m_forms;  // indexed by matcher tag
  tessera::NameMatcher m_matcher;
};

void* Create(const char* config_json, char** error_out) {
  try {
    return new NameList(config_json);
  } catch (const std::exception& error) {
    if (error_out)
      *error_out = CopyString(std::string("bad name-list configuration: ") + error.what());
  } catch (...) {
    if (error_out) *error_out = CopyString("bad name-list configuration");
  }
  return nullptr;
}

int Detect(void* instance, const char* text, size_t bytes, const char* /*language*/,
           TesseraSpan** spans_out, size_t* count_out, char** error_out) {
  return tessera::plugin::Guard(error_out, [&] {
    const auto spans =
        static_cast<const NameList*>(instance)->Detect(std::string_view(text, bytes));
    if (!tessera::plugin::ExportSpans(spans, spans_out, count_out)) {
      if (error_out) *error_out = CopyString("out of memory");
      return 1;
    }
    return 0;
  });
}

void Destroy(void* instance) { delete static_cast<NameList*>(instance); }

const TesseraRedactionPlugin kTable = {
    TESSERA_REDACTION_ABI_VERSION,
    sizeof(TesseraRedactionPlugin),
    "name-list",
    "Names of the project register (people, places, schools, organisations)",
    "1.0.0",
    Create,
    Detect,
    tessera::plugin::FreeSpans,
    tessera::plugin::FreeString,
    Destroy,
};

}  // namespace

extern "C" TESSERA_PLUGIN_EXPORT const TesseraRedactionPlugin* tessera_redaction_plugin(void) {
  return &kTable;
}
