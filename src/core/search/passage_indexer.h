#pragma once
// Internal to src/core/search (includes Xapian; not for clients, who use search_index.h).
// The index's term scheme and the making of one Xapian document per passage.
//
// An index folder holds two Xapian databases, searched as one:
//   base/0, base/1 …  written by SearchIndex::Build, one compacted shard per thread, without a
//           termlist table (Xapian compresses every termlist and document-data item with zlib, which
//           was most of the indexing time); its passages carry XB. Never changed afterwards.
//   delta/  every later change (SearchIndex::Writer), with a termlist so that it can delete and
//           replace; it holds the metadata: stamp, format, stemmer keys, and the tombstones (ids of
//           documents whose base passages are superseded or removed).
//
// Terms of a passage (positions count the passage's words from 1):
//   <folded>            the case-folded NFC word, with positions        "polícia"
//   XD<document id>     boolean: the document                          "XD42"
//   XV<name>:<value>    boolean: a variable value, case-folded         "XVgender:girl"
//   XB                  boolean: the passage is in the base database
// Values: slot 0 = document id and start (16 bytes big-endian, sortable); slot 1 = end;
// slot 2 = in the delta, the passage record (document id, name, language, range, text, word
// boundaries); in the base, a locator ("\0", shard, record number) into base/<k>.records
// (record_file.h). Document data is left empty: Xapian compresses it, values it does not.
//
// Word classes live in Xapian's synonym table, one entry per distinct word, not per occurrence:
//   XF<accent-free>  -> the words that lose their accents to it     XFcanh -> cảnh, cành
//   Z<key>:<stem>    -> the words of that language with this stem   Zpt:polic -> polícia, polícias, policia
// (stems are stored without accents). A query expands a word to the exact terms of its classes,
// so stemming and accent folding cost nothing at indexing time beyond the table, and stems stay
// within their language.

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "search/index_input.h"
#include "search/term_folder.h"
#include "search/word_segmenter.h"

namespace tessera {

namespace index_scheme {
inline constexpr const char* kFoldedPrefix = "XF";
inline constexpr const char* kStemPrefix = "Z";
inline constexpr const char* kDocumentPrefix = "XD";
inline constexpr const char* kBaseTerm = "XB";
inline constexpr const char* kVariablePrefix = "XV";
inline constexpr Xapian::valueno kSortSlot = 0;
inline constexpr Xapian::valueno kEndSlot = 1;
inline constexpr Xapian::valueno kRecordSlot = 2;
inline constexpr std::size_t kMaxTermBytes = 240;  // Xapian's limit is 245 bytes
inline constexpr const char* kStampKey = "tessera:stamp";
inline constexpr const char* kFormatKey = "tessera:format";
inline constexpr const char* kStemKeysKey = "tessera:stemmers";
inline constexpr const char* kTombstonesKey = "tessera:tombstones";

/// "XD42".
std::string DocumentTerm(std::int64_t document_id);
/// "XVgender:girl" (case-folded; hashed when too long for a term).
std::string VariableTerm(std::string_view name, std::string_view value);
/// "Zpt:polic": the synonym key of a stem class.
std::string StemTerm(const std::string& key, const std::string& stem);
/// "XFcanh": the synonym key of an accent-folding class.
std::string FoldedTerm(const std::string& folded);
/// 8 bytes big-endian, ordered like the signed value.
std::string SortableInt(std::int64_t value);
/// The record-slot value of a base passage: record `index` of shard `shard`.
std::string RecordLocator(unsigned shard, std::uint64_t index);
/// A stable digest (FNV-1a) of a set of variable terms, in any order.
std::uint64_t VariablesDigest(std::vector<std::string> variable_terms);
/// True when a record-slot value is a locator; then sets `shard` and `index`.
/// @throws IndexCorruptError for a malformed locator.
bool ParseRecordLocator(std::string_view value, unsigned& shard, std::uint64_t& index);
/// Inverse of SortableInt on the first 8 bytes of `bytes`. @throws IndexCorruptError when too short.
std::int64_t ParseSortableInt(std::string_view bytes);
}  // namespace index_scheme

/// What a passage's Xapian document carries in its record value.
struct PassageRecord {
  std::int64_t document_id = 0;
  std::string document_name;
  std::string language;
  CodePointRange range;
  std::string text;
  /// The words of `text` in order, in passage code points: word n is Xapian position n + 1. Stored
  /// so that reading a hit needs no segmentation (about two bytes a word).
  std::vector<CodePointRange> words;
  /// VariablesDigest of the passage's variable terms: lets a Writer skip unchanged variables.
  std::uint64_t variables_digest = 0;

  /// Serialises the record (a version byte, then length-prefixed fields, then the words as
  /// varint gap and length pairs).
  std::string Encode() const;
  /// Parses Encode()'s output. @throws IndexCorruptError when it is malformed.
  static PassageRecord Decode(std::string_view data);
};

/// Makes Xapian documents for passages. Keeps a segmenter, folder and word cache per language:
/// one PassageIndexer per thread.
class PassageIndexer {
 public:
  /// An indexer for the base database (`base`: passages carry XB) or for the delta.
  explicit PassageIndexer(bool base = false);
  ~PassageIndexer();
  PassageIndexer(const PassageIndexer&) = delete;
  PassageIndexer& operator=(const PassageIndexer&) = delete;

  /// The passages of one document and the word-class entries first seen in it.
  struct Result {
    std::vector<Xapian::Document> passages;                    ///< one Xapian document per passage
    std::vector<std::string> records;                          ///< base only: the encoded records, in order
    std::vector<std::pair<std::string, std::string>> classes;  ///< (synonym key, word) to add
  };

  /// Indexes `document`. Class entries are reported once per word and indexer (repeats are harmless).
  /// @throws DataError for an invalid document.
  Result Index(const DocumentInput& document);

  /// Indexes one passage from its record with the given boolean terms, appending to `result`.
  void IndexPassage(const PassageRecord& record, const std::vector<std::string>& boolean_terms, Result& result);

  /// The boolean terms of every passage of a document: XD, XV…, and XB for the base.
  std::vector<std::string> BooleanTerms(std::int64_t document_id, const VariableValues& variables) const;

 private:
  bool m_base;
  struct Language;
  Language& Tools(const std::string& language);
  std::map<std::string, std::unique_ptr<Language>> m_languages;
};

/// Indexes `documents` on `threads` worker threads (0: one per hardware thread) and hands each
/// document's passages to `sink` on the calling thread, in input order. Workers stay a bounded
/// number of documents ahead, so memory does not grow with the corpus. An exception from a worker
/// or from `sink` stops the workers and is rethrown here.
void IndexInParallel(const std::vector<DocumentInput>& documents, unsigned threads,
                     const std::function<void(std::size_t index, PassageIndexer::Result&& result)>& sink);

/// Collects word-class entries and writes them grouped by key. Xapian's synonym table is cheap to
/// update for consecutive entries of one key and costly when keys alternate, as they do in text.
class ClassBuffer {
 public:
  /// Remembers the class entries of `result`.
  void Add(const PassageIndexer::Result& result);
  /// Writes every entry to `database` (key by key) and forgets them.
  void Flush(Xapian::WritableDatabase& database);

 private:
  std::map<std::string, std::vector<std::string>> m_entries;
};

/// Adds the passages of a delta `result` to `database` (class entries go through a ClassBuffer).
void AddPassages(Xapian::WritableDatabase& database, const PassageIndexer::Result& result);

/// Stops and joins a pool of worker threads on every way out of the scope that started them
/// (exceptions included): sets `stop` under `mutex`, wakes everyone on `changed`, joins.
struct WorkerJoiner {
  std::vector<std::thread>& workers;
  std::mutex& mutex;
  std::condition_variable& changed;
  bool& stop;
  ~WorkerJoiner() {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& worker : workers) worker.join();
  }
};

}  // namespace tessera
