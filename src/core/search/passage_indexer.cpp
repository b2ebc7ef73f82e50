#include "search/passage_indexer.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "error.h"
#include "search/search_index.h"
#include "text/utf8.h"

namespace tessera {

namespace index_scheme {

std::string DocumentTerm(std::int64_t document_id) { return kDocumentPrefix + std::to_string(document_id); }

std::string VariableTerm(std::string_view name, std::string_view value) {
  std::string term = kVariablePrefix + TermFolder::Fold(name) + ":" + TermFolder::Fold(value);
  if (term.size() <= kMaxTermBytes) return term;
  // FNV-1a: stable across builds and platforms, unlike std::hash, so a stored index stays valid.
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : term) hash = (hash ^ c) * 1099511628211ULL;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = std::string(kVariablePrefix) + "#";
  for (int shift = 60; shift >= 0; shift -= 4) out += kHex[(hash >> shift) & 0xF];
  return out;
}

std::string StemTerm(const std::string& key, const std::string& stem) { return kStemPrefix + key + ":" + stem; }

std::string FoldedTerm(const std::string& folded) { return kFoldedPrefix + folded; }

std::string SortableInt(std::int64_t value) {
  const std::uint64_t biased = static_cast<std::uint64_t>(value) ^ (1ULL << 63);
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((biased >> (56 - 8 * i)) & 0xFF);
  return out;
}

std::uint64_t VariablesDigest(std::vector<std::string> variable_terms) {
  std::sort(variable_terms.begin(), variable_terms.end());
  std::uint64_t hash = 1469598103934665603ULL;
  for (const std::string& term : variable_terms) {
    for (unsigned char c : term) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xFF) * 1099511628211ULL;  // a separator no UTF-8 text contains
  }
  return hash;
}

std::string RecordLocator(unsigned shard, std::uint64_t index) {
  std::string out(1, '\0');
  out += static_cast<char>(shard);
  for (int i = 7; i >= 0; --i) out += static_cast<char>((index >> (8 * i)) & 0xFF);
  return out;
}

bool ParseRecordLocator(std::string_view value, unsigned& shard, std::uint64_t& index) {
  if (value.empty() || value[0] != '\0') return false;  // a whole record starts with its version
  if (value.size() != 10) throw IndexCorruptError("a passage of the search index has a damaged record locator");
  shard = static_cast<unsigned char>(value[1]);
  index = 0;
  for (std::size_t i = 2; i < 10; ++i) index = (index << 8) | static_cast<unsigned char>(value[i]);
  return true;
}

std::int64_t ParseSortableInt(std::string_view bytes) {
  if (bytes.size() < 8) throw IndexCorruptError("a passage of the search index has a damaged value");
  std::uint64_t biased = 0;
  for (int i = 0; i < 8; ++i) biased = (biased << 8) | static_cast<unsigned char>(bytes[i]);
  return static_cast<std::int64_t>(biased ^ (1ULL << 63));
}

}  // namespace index_scheme

namespace {

constexpr char kRecordVersion = 3;

void PutNumber(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

void PutString(std::string& out, std::string_view text) {
  PutNumber(out, text.size());
  out += text;
}

std::uint64_t GetNumber(std::string_view data, std::size_t& pos) {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) throw IndexCorruptError("a passage record of the search index is truncated");
    const auto byte = static_cast<unsigned char>(data[pos++]);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return value;
  }
  throw IndexCorruptError("a passage record of the search index is damaged");
}

std::string GetString(std::string_view data, std::size_t& pos) {
  const std::uint64_t size = GetNumber(data, pos);
  if (size > data.size() - pos) throw IndexCorruptError("a passage record of the search index is truncated");
  std::string out(data.substr(pos, size));
  pos += size;
  return out;
}

}  // namespace

std::string PassageRecord::Encode() const {
  std::string out;
  out.reserve(text.size() + document_name.size() + 32);
  out += kRecordVersion;
  PutNumber(out, static_cast<std::uint64_t>(document_id));
  PutNumber(out, range.start);
  PutNumber(out, range.end);
  PutString(out, language);
  PutString(out, document_name);
  PutString(out, text);
  PutNumber(out, variables_digest);
  PutNumber(out, words.size());
  std::size_t previous_end = 0;
  for (const CodePointRange& word : words) {
    PutNumber(out, word.start - previous_end);
    PutNumber(out, word.end - word.start);
    previous_end = word.end;
  }
  return out;
}

PassageRecord PassageRecord::Decode(std::string_view data) {
  if (data.empty() || data[0] != kRecordVersion) throw IndexCorruptError("a passage record of the search index has an unknown format");
  std::size_t pos = 1;
  PassageRecord record;
  record.document_id = static_cast<std::int64_t>(GetNumber(data, pos));
  record.range.start = GetNumber(data, pos);
  record.range.end = GetNumber(data, pos);
  record.language = GetString(data, pos);
  record.document_name = GetString(data, pos);
  record.text = GetString(data, pos);
  record.variables_digest = GetNumber(data, pos);
  const std::uint64_t count = GetNumber(data, pos);
  if (count > data.size()) throw IndexCorruptError("a passage record of the search index is damaged");
  record.words.reserve(count);
  std::size_t previous_end = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::size_t start = previous_end + GetNumber(data, pos);
    const std::size_t end = start + GetNumber(data, pos);
    record.words.push_back({start, end});
    previous_end = end;
  }
  if (record.range.end < record.range.start || previous_end > record.range.end - record.range.start) {
    throw IndexCorruptError("a passage record of the search index is damaged");
  }
  return record;
}

// The terms one written word turns into, computed once per distinct word (Zipf: a few thousand
// words make most of any text, so the cache saves most of the ICU and Snowball work).
struct WordTerms {
  std::string exact;  // empty: not indexable (too long)
};

// Lets the cache be searched with a string_view, without building a std::string per word.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

struct PassageIndexer::Language {
  explicit Language(const std::string& language) : segmenter(language), folder(language) {}
  WordSegmenter segmenter;
  TermFolder folder;
  std::unordered_map<std::string, WordTerms, StringHash, std::equal_to<>> cache;

  const WordTerms& Analyze(std::string_view word, std::vector<std::pair<std::string, std::string>>& classes) {
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    if (cache.size() > 200'000) cache.clear();  // bound the memory of pathological vocabularies
    WordTerms terms;
    std::string exact = TermFolder::Fold(word);
    if (exact.size() <= index_scheme::kMaxTermBytes) {
      const std::string folded = TermFolder::StripAccents(exact);
      if (folded != exact && !folded.empty()) classes.emplace_back(index_scheme::FoldedTerm(folded), exact);
      if (folder.HasStemmer()) {
        // Stems without accents, so that "policia" reaches the class of "polícia" too.
        const std::string stem = TermFolder::StripAccents(folder.Stem(exact));
        if (!stem.empty()) classes.emplace_back(index_scheme::StemTerm(folder.StemKey(), stem), exact);
      }
      terms.exact = std::move(exact);
    }
    return cache.emplace(std::string(word), std::move(terms)).first->second;
  }
};

PassageIndexer::PassageIndexer(bool base) : m_base(base) {}
PassageIndexer::~PassageIndexer() = default;

PassageIndexer::Language& PassageIndexer::Tools(const std::string& language) {
  auto it = m_languages.find(language);
  if (it == m_languages.end()) it = m_languages.emplace(language, std::make_unique<Language>(language)).first;
  return *it->second;
}

std::vector<std::string> PassageIndexer::BooleanTerms(std::int64_t document_id, const VariableValues& variables) const {
  std::vector<std::string> terms;
  terms.push_back(index_scheme::DocumentTerm(document_id));
  for (const auto& [name, value] : variables) terms.push_back(index_scheme::VariableTerm(name, value));
  if (m_base) terms.emplace_back(index_scheme::kBaseTerm);
  return terms;
}

void PassageIndexer::IndexPassage(const PassageRecord& record, const std::vector<std::string>& boolean_terms, Result& result) {
  Language& tools = Tools(record.language);
  try {
    Xapian::Document passage;
    passage.add_value(index_scheme::kSortSlot, index_scheme::SortableInt(record.document_id) +
                                                   index_scheme::SortableInt(static_cast<std::int64_t>(record.range.start)));
    passage.add_value(index_scheme::kEndSlot, index_scheme::SortableInt(static_cast<std::int64_t>(record.range.end)));
    for (const std::string& term : boolean_terms) passage.add_boolean_term(term);
    const std::string_view text = record.text;
    PassageRecord stored = record;
    stored.words.clear();
    std::vector<std::string> variable_terms;
    for (const std::string& term : boolean_terms) {
      if (term.starts_with(index_scheme::kVariablePrefix)) variable_terms.push_back(term);
    }
    stored.variables_digest = index_scheme::VariablesDigest(std::move(variable_terms));
    std::size_t byte_cursor = 0;  // the words' byte offsets become code points as they go by
    std::size_t cp_cursor = 0;
    Xapian::termpos position = 0;
    tools.segmenter.ForEachWord(text, [&](std::size_t word_begin, std::size_t word_end) {
      const std::string_view word = text.substr(word_begin, word_end - word_begin);
      const WordTerms& terms = tools.Analyze(word, result.classes);
      ++position;
      if (!terms.exact.empty()) passage.add_posting(terms.exact, position);
      const std::size_t start = cp_cursor + utf8::CodePointCount(text.substr(byte_cursor, word_begin - byte_cursor));
      cp_cursor = start + utf8::CodePointCount(word);
      byte_cursor = word_end;
      stored.words.push_back({start, cp_cursor});
    });
    if (m_base) {
      result.records.push_back(stored.Encode());  // to the shard's records file, with a locator
    } else {
      passage.add_value(index_scheme::kRecordSlot, stored.Encode());
    }
    result.passages.push_back(std::move(passage));
  } catch (const Xapian::Error& e) {
    throw EnvironmentError("could not index document “" + record.document_name + "”: " + e.get_description());
  }
}

PassageIndexer::Result PassageIndexer::Index(const DocumentInput& document) {
  const std::vector<PassageSpan> passages = ResolvePassages(document);
  const std::vector<std::string> boolean_terms = BooleanTerms(document.id, document.variables);
  Result result;
  result.passages.reserve(passages.size());
  PassageRecord record{document.id, document.name, document.language, {}, {}, {}};
  for (const PassageSpan& span : passages) {
    record.range = span.range;
    record.text.assign(document.text, span.byte_begin, span.byte_end - span.byte_begin);
    IndexPassage(record, boolean_terms, result);
  }
  return result;
}

void AddPassages(Xapian::WritableDatabase& database, const PassageIndexer::Result& result) {
  for (const Xapian::Document& passage : result.passages) database.add_document(passage);
}

void ClassBuffer::Add(const PassageIndexer::Result& result) {
  for (const auto& [key, word] : result.classes) m_entries[key].push_back(word);
}

void ClassBuffer::Flush(Xapian::WritableDatabase& database) {
  for (auto& [key, words] : m_entries) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const std::string& word : words) database.add_synonym(key, word);
  }
  m_entries.clear();
}

void IndexInParallel(const std::vector<DocumentInput>& documents, unsigned threads,
                     const std::function<void(std::size_t index, PassageIndexer::Result&& result)>& sink) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, documents.size()));
  if (threads <= 1) {
    PassageIndexer indexer;
    for (std::size_t i = 0; i < documents.size(); ++i) sink(i, indexer.Index(documents[i]));
    return;
  }

  // Results are handed over in input order through a window of slots: a worker claims the next
  // document only while it is fewer than `window` documents ahead of the consumer.
  struct Slot {
    PassageIndexer::Result result;
    std::exception_ptr error;
    bool ready = false;
  };
  const std::size_t window = std::size_t{4} * threads;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Slot> slots;  // slots[i - consumed] is document i
  std::size_t next = 0;
  std::size_t consumed = 0;
  bool stop = false;

  auto work = [&] {
    PassageIndexer indexer;  // per thread: ICU iterators and Xapian stemmers are not thread-safe
    for (;;) {
      std::size_t index = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= documents.size() || next < consumed + window; });
        if (stop || next >= documents.size()) return;
        index = next++;
        slots.emplace_back();
      }
      Slot done;
      try {
        done.result = indexer.Index(documents[index]);
      } catch (...) {
        done.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        Slot& slot = slots[index - consumed];
        slot.result = std::move(done.result);
        slot.error = done.error;
        slot.ready = true;
      }
      changed.notify_all();
    }
  };

  std::vector<std::thread> workers;
  // Stops and joins the workers on every way out, including exceptions from `sink`.
  WorkerJoiner joiner{workers, mutex, changed, stop};
  for (unsigned i = 0; i < threads; ++i) workers.emplace_back(work);

  for (std::size_t i = 0; i < documents.size(); ++i) {
    Slot slot;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !slots.empty() && slots.front().ready; });
      slot = std::move(slots.front());
      slots.pop_front();
      ++consumed;
    }
    changed.notify_all();
    if (slot.error) std::rethrow_exception(slot.error);
    sink(i, std::move(slot.result));
  }
}

}  // namespace tessera
