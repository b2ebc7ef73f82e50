#include "search/search_index.h"

#include <xapian.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "search/passage_indexer.h"
#include "search/query_builder.h"
#include "search/query_parser.h"
#include "search/record_file.h"
#include "search/term_folder.h"
#include "text/utf8.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

// The two databases of an index folder (passage_indexer.h).
constexpr const char* kBaseFolder = "base";
constexpr const char* kDeltaFolder = "delta";

// Xapian errors are not std::exceptions; each becomes the tessera type the caller can act on.
[[noreturn]] void Rethrow(const Xapian::Error& error, const fs::path& folder) {
  // Xapian::Error is not polymorphic (no dynamic_cast); its type name tells the subclasses apart.
  const std::string type = error.get_type();
  const std::string detail = error.get_description();
  if (type == "DatabaseLockError") {
    throw EnvironmentError("the search index is in use by another process (" + detail + ")", folder.string());
  }
  if (type == "DatabaseNotFoundError") {
    throw NotFoundError("there is no search index here (" + detail + ")", folder.string());
  }
  if (type == "DatabaseCorruptError" || type == "DatabaseOpeningError" || type == "DatabaseVersionError" ||
      type == "SerialisationError") {
    throw IndexCorruptError("the search index is damaged and must be rebuilt (" + detail + ")", folder.string());
  }
  throw EnvironmentError("search index failure: " + detail, folder.string());
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream stream(text);
  for (std::string item; std::getline(stream, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

template <typename Set>
std::string JoinCommas(const Set& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    if constexpr (std::is_integral_v<typename Set::value_type>) {
      out += std::to_string(item);
    } else {
      out += item;
    }
  }
  return out;
}

std::set<std::int64_t> ParseIds(const std::string& text, const fs::path& folder) {
  std::set<std::int64_t> ids;
  try {
    for (const std::string& item : SplitCommas(text)) ids.insert(std::stoll(item));
  } catch (const std::logic_error&) {
    throw IndexCorruptError("the search index has a damaged list of replaced documents", folder.string());
  }
  return ids;
}

std::set<std::string> StemKeysOf(const std::vector<DocumentInput>& documents) {
  std::set<std::string> keys;
  for (const DocumentInput& document : documents) {
    if (std::string key = TermFolder::StemKeyFor(document.language); !key.empty()) keys.insert(std::move(key));
  }
  return keys;
}

// Makes the files of a finished build durable before it replaces the old index. Building runs
// with DB_NO_SYNC (an fsync per batch would dominate the build time); one pass at the end gives
// the same guarantee.
void SyncFolder(const fs::path& folder) {
  std::error_code error;
  std::vector<fs::path> folders{folder};
  for (const auto& entry : fs::recursive_directory_iterator(folder, error)) {
    if (entry.is_directory()) {
      folders.push_back(entry.path());
      continue;
    }
    if (!entry.is_regular_file()) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) throw EnvironmentError("could not write the search index to disk", entry.path().string());
  }
  if (error) throw EnvironmentError("could not list the search index folder: " + error.message(), folder.string());
  for (const fs::path& path : folders) {
    if (const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
}

fs::path Sibling(const fs::path& folder, const char* suffix) {
  fs::path out = folder;
  out += suffix;
  return out;
}

std::vector<CodePointRange> MergeRanges(std::vector<CodePointRange> ranges) {
  std::erase_if(ranges, [](const CodePointRange& r) { return r.end <= r.start; });
  std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<CodePointRange> merged;
  for (const CodePointRange& range : ranges) {
    if (!merged.empty() && range.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, range.end);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

bool Overlaps(const std::vector<CodePointRange>& ranges, CodePointRange span) {
  for (const CodePointRange& range : ranges) {
    if (range.start < span.end && span.start < range.end) return true;
  }
  return false;
}

// Lets a memo be searched with a string_view, without building a std::string per word.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

// TermFolder::Fold of the words met in hits, kept from search to search: folding is ICU work for
// every word outside ASCII, and the words of a corpus recur.
class FoldCache {
 public:
  const std::string& Fold(std::string_view word) {
    if (auto it = m_folded.find(word); it != m_folded.end()) return it->second;
    if (m_folded.size() > 200'000) m_folded.clear();  // bounded; refilled from the next hits
    return m_folded.emplace(std::string(word), TermFolder::Fold(word)).first->second;
  }

 private:
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> m_folded;
};

// Reads the passages of hits and finds their matched words. Word boundaries come stored with
// each passage, so no segmentation happens here.
class HitReader {
 public:
  HitReader(const WordMatcher& matcher, FoldCache& folds) : m_matcher(matcher), m_folds(folds) {}

  struct Analysed {
    PassageRecord record;
    std::vector<CodePointRange> matches;  // passage code points
  };

  Analysed Read(PassageRecord record) {
    Analysed out;
    out.record = std::move(record);
    const std::string_view text = out.record.text;
    std::size_t byte = 0;
    std::size_t cp = 0;
    auto advance_to = [&](std::size_t target) {
      while (cp < target && byte < text.size()) {
        byte += utf8::SequenceLength(static_cast<unsigned char>(text[byte]));
        ++cp;
      }
    };
    for (const CodePointRange& word : out.record.words) {
      advance_to(word.start);
      const std::size_t begin = byte;
      advance_to(word.end);
      if (m_matcher.MatchesFolded(m_folds.Fold(text.substr(begin, byte - begin)))) out.matches.push_back(word);
    }
    return out;
  }

  const WordMatcher& Matcher() const { return m_matcher; }

 private:
  const WordMatcher& m_matcher;
  FoldCache& m_folds;
};

// Accepts a passage when a matched word lies in an allowed range. Whole passages inside (or
// outside) the allowed text are decided from the values alone; only passages that straddle a
// boundary are read and segmented.
class RangeDecider : public Xapian::MatchDecider {
 public:
  using RecordSource = std::function<PassageRecord(const Xapian::Document&)>;
  RangeDecider(const AllowedRanges& allowed, HitReader& reader, RecordSource records)
      : m_allowed(allowed), m_reader(reader), m_records(std::move(records)) {}

  bool operator()(const Xapian::Document& document) const override {
    const std::string sort = document.get_value(index_scheme::kSortSlot);
    if (sort.size() < 16) throw IndexCorruptError("a passage of the search index has no position");
    const std::int64_t id = index_scheme::ParseSortableInt(sort);
    const auto start = static_cast<std::size_t>(index_scheme::ParseSortableInt(std::string_view(sort).substr(8)));
    const auto end = static_cast<std::size_t>(index_scheme::ParseSortableInt(document.get_value(index_scheme::kEndSlot)));
    const auto it = m_allowed.find(id);
    if (it == m_allowed.end()) return false;
    if (!Overlaps(it->second, {start, end})) return false;
    for (const CodePointRange& range : it->second) {
      if (range.start <= start && end <= range.end) return true;
    }
    if (m_reader.Matcher().Empty()) return true;  // "NOT x": no words to place, the passage overlaps
    for (const CodePointRange& match : m_reader.Read(m_records(document)).matches) {
      if (Overlaps(it->second, {start + match.start, start + match.end})) return true;
    }
    return false;
  }

 private:
  const AllowedRanges& m_allowed;
  HitReader& m_reader;
  RecordSource m_records;
};

// Splits documents into `parts` contiguous runs of about equal text size, so that shard k holds
// runs of the input in order and the merged index numbers passages in input order.
std::vector<std::pair<std::size_t, std::size_t>> Partition(const std::vector<DocumentInput>& documents, std::size_t parts) {
  std::size_t total = 0;
  for (const DocumentInput& document : documents) total += document.text.size() + 1;
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t begin = 0;
  std::size_t size = 0;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    size += documents[i].text.size() + 1;
    if (size * parts >= total * (runs.size() + 1) && runs.size() + 1 < parts) {
      runs.emplace_back(begin, i + 1);
      begin = i + 1;
    }
  }
  runs.emplace_back(begin, documents.size());
  return runs;
}

// Most shards of a base: each is searched separately, so many small ones would slow queries.
constexpr unsigned kMaxShards = 8;

// The shard databases of a base folder: base/0, base/1, … in order.
std::vector<fs::path> ShardFolders(const fs::path& base) {
  std::vector<fs::path> shards;
  for (unsigned k = 0;; ++k) {
    const fs::path shard = base / std::to_string(k);
    std::error_code error;
    if (!fs::is_directory(shard, error)) break;
    shards.push_back(shard);
  }
  return shards;
}

// Opens the shards of a base as one database. @throws IndexCorruptError when there are none.
Xapian::Database OpenBase(const fs::path& base, const fs::path& folder) {
  const std::vector<fs::path> shards = ShardFolders(base);
  if (shards.empty()) throw IndexCorruptError("the search index has no base database and must be rebuilt", folder.string());
  Xapian::Database database;
  for (const fs::path& shard : shards) database.add_database(Xapian::Database(shard.string()));
  return database;
}

// Writes the base: one Xapian database per thread at the same time, each compacted by its own
// thread at the end, and searched together as one database. A database takes one writer, and its
// inverter is the slowest part of indexing, so one shared database would leave the other cores
// waiting; merging the shards into one would add a single-threaded pass of about a sixth of the
// build. Compaction itself leaves full B-tree blocks: about 15% smaller and faster to search.
// No termlists: see passage_indexer.h.
void BuildBase(const std::vector<DocumentInput>& documents, const fs::path& base, const IndexOptions& options) {
  unsigned threads = options.threads ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::clamp<std::size_t>(documents.size(), 1, std::min(threads, kMaxShards)));
  const auto runs = Partition(documents, threads);
  const std::size_t commit_every = std::max<std::size_t>(1, options.commit_every);

  std::mutex mutex;
  std::condition_variable changed;
  std::size_t done = 0;
  std::size_t finished = 0;
  bool stop = false;
  std::exception_ptr failure;

  auto work = [&](std::size_t shard) {
    try {
      PassageIndexer indexer(true);  // per thread: ICU iterators and Xapian stemmers are not thread-safe
      RecordFile::Writer records(base / (std::to_string(shard) + ".records"));
      std::uint64_t record_count = 0;
      const fs::path written = base / (std::to_string(shard) + ".tmp");
      Xapian::WritableDatabase database(
          written.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC | Xapian::DB_NO_TERMLIST);
      ClassBuffer classes;
      std::size_t pending = 0;
      for (std::size_t i = runs[shard].first; i < runs[shard].second; ++i) {
        {
          std::lock_guard lock(mutex);
          if (stop) break;
        }
        PassageIndexer::Result result = indexer.Index(documents[i]);
        // Xapian numbers a new database's documents 1, 2, 3 … as they are added (and compaction
        // keeps that, having no gaps to close), so record n of the file is passage n + 1.
        for (std::size_t j = 0; j < result.passages.size(); ++j) {
          result.passages[j].add_value(index_scheme::kRecordSlot,
                                       index_scheme::RecordLocator(static_cast<unsigned>(shard), record_count++));
          database.add_document(result.passages[j]);
          records.Append(result.records[j]);
        }
        classes.Add(result);
        pending += result.passages.size();
        if (pending >= commit_every) {
          database.commit();
          pending = 0;
        }
        {
          std::lock_guard lock(mutex);
          ++done;
        }
        changed.notify_all();
      }
      classes.Flush(database);
      database.commit();
      database.close();
      bool stopped = false;
      {
        std::lock_guard lock(mutex);
        stopped = stop;
      }
      if (!stopped) {
        if (options.compact) {
          Xapian::Database(written.string()).compact((base / std::to_string(shard)).string(), Xapian::Compactor::FULL);
          fs::remove_all(written);
        } else {
          fs::rename(written, base / std::to_string(shard));
        }
        records.Finish();
      }
    } catch (const Xapian::Error& error) {
      std::lock_guard lock(mutex);
      if (!failure) {
        failure = std::make_exception_ptr(
            EnvironmentError("could not build the search index: " + error.get_description(), base.string()));
      }
      stop = true;
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
    {
      std::lock_guard lock(mutex);
      ++finished;
    }
    changed.notify_all();
  };

  std::vector<std::thread> workers;
  // Stops and joins the workers on every way out, including Cancelled from the progress callback.
  WorkerJoiner joiner{workers, mutex, changed, stop};
  for (std::size_t shard = 0; shard < runs.size(); ++shard) workers.emplace_back(work, shard);

  // Progress is reported here, on the calling thread, as the workers advance.
  std::size_t reported = 0;
  for (;;) {
    std::size_t now = 0;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return done != reported || finished == runs.size() || failure; });
      if (failure) break;
      now = done;
      if (finished == runs.size() && now == reported) break;
    }
    if (now != reported && options.progress) options.progress(now, documents.size());
    reported = now;
  }
  {
    std::lock_guard lock(mutex);
    if (failure) std::rethrow_exception(failure);
  }
}

// Identifies a directory: a build replaces the index folder, so its base gets a new identity,
// while commits to the delta leave it alone.
std::pair<dev_t, ino_t> Identity(const fs::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return {0, 0};
  return {status.st_dev, status.st_ino};
}

// An empty delta database carrying the index's metadata.
void CreateDelta(const fs::path& delta, const std::string& stamp, const std::set<std::string>& stem_keys) {
  Xapian::WritableDatabase database(delta.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
  database.set_metadata(index_scheme::kFormatKey, std::to_string(SearchIndex::kFormatVersion));
  database.set_metadata(index_scheme::kStampKey, stamp);
  database.set_metadata(index_scheme::kStemKeysKey, JoinCommas(stem_keys));
  database.commit();
  database.close();
}

}  // namespace

struct SearchIndex::Impl {
  fs::path folder;
  Mode mode = Mode::ReadWrite;
  Xapian::Database base;                          // built once, read-only
  std::optional<Xapian::WritableDatabase> writable;  // the delta, in ReadWrite mode
  Xapian::Database delta;                         // the delta for reading (shares `writable`)
  Xapian::Database combined;                      // base + delta, for searching
  bool writer_open = false;
  std::pair<dev_t, ino_t> base_identity;  // of base/ when opened; another one means a rebuilt folder
  std::set<std::int64_t> tombstones;  // a Writer's working copy
  std::map<std::string, std::unique_ptr<QueryParser>> parsers;  // by query language: ICU iterators are costly to make
  FoldCache folds;
  std::map<std::string, std::unique_ptr<TermFolder>> stemmers;  // by stemmer key

  // The delta's metadata, read once per revision rather than at every search.
  struct Metadata {
    std::vector<std::string> stem_keys;
    std::set<std::int64_t> tombstones;
  };
  std::optional<Metadata> metadata;
  std::vector<RecordFile> records;  // one per base shard

  // The record of a passage from its record-slot value: a locator into a base records file, or
  // the whole record (delta).
  PassageRecord Record(const Xapian::Document& document) const {
    const std::string value = document.get_value(index_scheme::kRecordSlot);
    unsigned shard = 0;
    std::uint64_t index = 0;
    if (!index_scheme::ParseRecordLocator(value, shard, index)) return PassageRecord::Decode(value);
    if (shard >= records.size()) throw IndexCorruptError("a passage of the search index names a missing shard", folder.string());
    return PassageRecord::Decode(records[shard].Get(index));
  }

  // The record of a search result: base passages are found by their docid in `combined`, which
  // interleaves its databases (docid d comes from database (d - 1) % n as its document
  // (d - 1) / n + 1), without reading anything from Xapian.
  PassageRecord Record(Xapian::docid docid, const Xapian::MSetIterator& item) const {
    const std::size_t databases = records.size() + 1;
    const std::size_t database = (docid - 1) % databases;
    if (database < records.size()) return PassageRecord::Decode(records[database].Get((docid - 1) / databases));
    return Record(item.get_document());
  }

  void OpenRecords() {
    records.clear();
    const std::vector<fs::path> shards = ShardFolders(folder / kBaseFolder);
    for (std::size_t k = 0; k < shards.size(); ++k) {
      RecordFile file(folder / kBaseFolder / (std::to_string(k) + ".records"));
      if (file.Count() != Xapian::Database(shards[k].string()).get_doccount()) {
        throw IndexCorruptError("the passage records of the search index do not match its passages", folder.string());
      }
      records.push_back(std::move(file));
    }
  }

  const Metadata& CurrentMetadata() {
    if (!metadata || writer_open) {  // an open Writer may be changing it
      metadata = Metadata{SplitCommas(delta.get_metadata(index_scheme::kStemKeysKey)), StoredTombstones()};
    }
    return *metadata;
  }

  const TermFolder* Stemmer(const std::string& key) {
    auto it = stemmers.find(key);
    if (it == stemmers.end()) it = stemmers.emplace(key, std::make_unique<TermFolder>(key)).first;
    return it->second->HasStemmer() ? it->second.get() : nullptr;
  }

  QueryParser& Parser(const std::string& language) {
    auto it = parsers.find(language);
    if (it == parsers.end()) it = parsers.emplace(language, std::make_unique<QueryParser>(language)).first;
    return *it->second;
  }

  void Open() {
    std::error_code status;
    const bool exists = fs::exists(folder, status);
    if (exists && !fs::is_directory(folder, status)) {
      throw IndexCorruptError("the search index is not a folder and must be rebuilt", folder.string());
    }
    const bool present = exists && !fs::is_empty(folder, status);
    if (!present && mode == Mode::ReadOnly) throw NotFoundError("there is no search index here", folder.string());
    if (present && (ShardFolders(folder / kBaseFolder).empty() || !fs::is_directory(folder / kDeltaFolder, status))) {
      throw IndexCorruptError("the folder does not hold a search index of this format and must be rebuilt", folder.string());
    }
    try {
      if (!present) {
        // A new, empty index: it has no stamp, so it is not current, and the caller builds it.
        fs::create_directories(folder / kBaseFolder);
        Xapian::WritableDatabase(
            (folder / kBaseFolder / "0").string(),
            Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST)
            .close();
        RecordFile::Writer(folder / kBaseFolder / "0.records").Finish();
      }
      base = OpenBase(folder / kBaseFolder, folder);
      OpenRecords();
      if (mode == Mode::ReadOnly) {
        delta = Xapian::Database((folder / kDeltaFolder).string());
      } else {
        writable.emplace((folder / kDeltaFolder).string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
        delta = *writable;
      }
      combined = base;
      combined.add_database(delta);
      // Opening reads only the version files; read a little more so that damage shows up now.
      (void)combined.get_doccount();
      (void)delta.get_metadata(index_scheme::kFormatKey);
      base_identity = Identity(folder / kBaseFolder);
    } catch (const Xapian::Error& error) {
      writable.reset();
      // A missing database inside an existing index folder is damage, not absence.
      if (present && error.get_type() == std::string("DatabaseNotFoundError")) {
        throw IndexCorruptError("the search index is incomplete and must be rebuilt (" + error.get_description() + ")",
                                folder.string());
      }
      Rethrow(error, folder);
    } catch (const fs::filesystem_error& error) {
      throw EnvironmentError(std::string("could not create the search index folder: ") + error.what(), folder.string());
    }
  }

  void Close() {
    try {
      if (writable) writable->close();
      combined.close();
    } catch (const Xapian::Error&) {
      // Closing a damaged index may fail; it is being replaced anyway.
    }
    writable.reset();
    records.clear();
    base = Xapian::Database();
    delta = Xapian::Database();
    combined = Xapian::Database();
  }

  Xapian::WritableDatabase& Writable() {
    if (!writable) throw ProgrammingError("the search index was opened read-only");
    return *writable;
  }

  std::set<std::int64_t> StoredTombstones() const {
    return ParseIds(delta.get_metadata(index_scheme::kTombstonesKey), folder);
  }

  bool InBase(std::int64_t document_id) const { return base.get_termfreq(index_scheme::DocumentTerm(document_id)) > 0; }
};

SearchIndex::SearchIndex(const fs::path& folder, Mode mode) : m_impl(std::make_unique<Impl>()) {
  m_impl->folder = folder;
  m_impl->mode = mode;
  m_impl->Open();
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

IndexStatus SearchIndex::Probe(const fs::path& folder, const std::string& stamp) {
  std::error_code error;
  if (!fs::exists(folder, error)) {
    if (error) throw EnvironmentError("could not look at the search index: " + error.message(), folder.string());
    return IndexStatus::Missing;
  }
  if (fs::is_directory(folder, error) && fs::is_empty(folder, error)) return IndexStatus::Missing;
  if (ShardFolders(folder / kBaseFolder).empty() || !fs::is_directory(folder / kDeltaFolder, error)) {
    return IndexStatus::Corrupt;
  }
  try {
    SearchIndex::Impl probe;
    probe.folder = folder;
    probe.OpenRecords();
    const Xapian::Database base = OpenBase(folder / kBaseFolder, folder);
    const Xapian::Database delta((folder / kDeltaFolder).string());
    const std::string format = delta.get_metadata(index_scheme::kFormatKey);
    const std::string stored_stamp = delta.get_metadata(index_scheme::kStampKey);
    // Touch the postings and the record of the first passage of each, so that common damage is
    // noticed here rather than in the middle of a search.
    for (const Xapian::Database* database : {&base, &delta}) {
      if (database->get_doccount() == 0) continue;
      auto it = database->postlist_begin("");
      if (it != database->postlist_end("")) (void)probe.Record(database->get_document(*it));
    }
    if (format != std::to_string(kFormatVersion) || stored_stamp != stamp) return IndexStatus::Stale;
    return IndexStatus::Current;
  } catch (const Xapian::Error&) {
    return IndexStatus::Corrupt;
  } catch (const IndexCorruptError&) {
    return IndexStatus::Corrupt;
  }
}

SearchIndex SearchIndex::Build(const fs::path& folder, const std::vector<DocumentInput>& documents, const std::string& stamp,
                               const IndexOptions& options) {
  const fs::path building = Sibling(folder, ".building");
  const fs::path old = Sibling(folder, ".old");
  auto clean_up = [&] {
    std::error_code ignored;
    fs::remove_all(building, ignored);
  };
  try {
    fs::remove_all(building);
    fs::create_directories(building / kBaseFolder);
  } catch (const fs::filesystem_error& error) {
    throw EnvironmentError(std::string("could not prepare the search index folder: ") + error.what(), folder.string());
  }
  try {
    BuildBase(documents, building / kBaseFolder, options);
    CreateDelta(building / kDeltaFolder, stamp, StemKeysOf(documents));
    SyncFolder(building);
    // Hold the old index's write lock while swapping, so that an index another process is
    // writing is never replaced under it. A damaged old index has no lock to take.
    std::optional<Xapian::WritableDatabase> old_lock;
    if (fs::is_directory(folder / kDeltaFolder)) {
      try {
        old_lock.emplace((folder / kDeltaFolder).string(), Xapian::DB_OPEN);
      } catch (const Xapian::DatabaseLockError& error) {
        throw EnvironmentError("the search index is in use by another process (" + error.get_description() + ")",
                               folder.string());
      } catch (const Xapian::Error&) {
        // damaged: replace it
      }
    }
    fs::remove_all(old);
    if (fs::exists(folder)) fs::rename(folder, old);
    fs::rename(building, folder);
    old_lock.reset();
    fs::remove_all(old);
  } catch (const Xapian::Error& error) {
    clean_up();
    throw EnvironmentError("could not build the search index: " + error.get_description(), folder.string());
  } catch (const fs::filesystem_error& error) {
    clean_up();
    throw EnvironmentError(std::string("could not put the new search index in place: ") + error.what(), folder.string());
  } catch (...) {
    clean_up();
    throw;
  }
  return SearchIndex(folder, Mode::ReadWrite);
}

void SearchIndex::Rebuild(const std::vector<DocumentInput>& documents, const std::string& stamp, const IndexOptions& options) {
  if (m_impl->mode != Mode::ReadWrite) throw ProgrammingError("Rebuild needs an index opened for writing");
  if (m_impl->writer_open) throw ProgrammingError("Rebuild while a Writer is open");
  m_impl->Close();  // releases the write lock; Build replaces the folder
  try {
    SearchIndex built = Build(m_impl->folder, documents, stamp, options);
    m_impl = std::move(built.m_impl);
  } catch (...) {
    try {
      m_impl->Open();  // the old index is still in place
    } catch (const Error&) {
      // Leave the object closed; the original error matters more.
    }
    throw;
  }
}

bool SearchIndex::IsCurrent(const std::string& stamp) const {
  return StoredFormatVersion() == kFormatVersion && Stamp() == stamp;
}

std::string SearchIndex::Stamp() const {
  try {
    return m_impl->delta.get_metadata(index_scheme::kStampKey);
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  }
}

int SearchIndex::StoredFormatVersion() const {
  std::string format;
  try {
    format = m_impl->delta.get_metadata(index_scheme::kFormatKey);
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  }
  int version = 0;
  for (char c : format) {
    if (c < '0' || c > '9') return 0;
    version = version * 10 + (c - '0');
  }
  return version;
}

const fs::path& SearchIndex::Folder() const { return m_impl->folder; }

std::size_t SearchIndex::PassageCount() const {
  try {
    std::size_t count = m_impl->combined.get_doccount();
    for (std::int64_t id : m_impl->StoredTombstones()) count -= m_impl->base.get_termfreq(index_scheme::DocumentTerm(id));
    return count;
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  }
}

std::vector<std::int64_t> SearchIndex::DocumentIds() const {
  std::set<std::int64_t> ids;
  try {
    const std::string prefix = index_scheme::kDocumentPrefix;
    const std::set<std::int64_t> tombstones = m_impl->StoredTombstones();
    for (const Xapian::Database* database : {&m_impl->base, &m_impl->delta}) {
      for (auto it = database->allterms_begin(prefix); it != database->allterms_end(prefix); ++it) {
        const std::int64_t id = std::stoll((*it).substr(prefix.size()));
        if (database == &m_impl->delta || !tombstones.count(id)) ids.insert(id);
      }
    }
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  } catch (const std::logic_error&) {
    throw IndexCorruptError("the search index has a damaged document term", m_impl->folder.string());
  }
  return {ids.begin(), ids.end()};
}

IndexStats SearchIndex::Stats() const {
  IndexStats stats;
  try {
    stats.base_passages = m_impl->base.get_doccount();
    stats.delta_passages = m_impl->delta.get_doccount();
    stats.replaced_documents = m_impl->StoredTombstones().size();
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  }
  return stats;
}

void SearchIndex::Verify() const {
  for (const RecordFile& records : m_impl->records) records.Check();
  std::vector<fs::path> parts = ShardFolders(m_impl->folder / kBaseFolder);
  parts.push_back(m_impl->folder / kDeltaFolder);
  for (const fs::path& part : parts) {
    std::ostringstream report;
    std::size_t errors = 0;
    try {
      errors = Xapian::Database::check(part.string(), Xapian::DBCHECK_SHORT_TREE, &report);
    } catch (const Xapian::Error& error) {
      throw IndexCorruptError("the search index is damaged and must be rebuilt (" + error.get_description() + ")",
                              m_impl->folder.string());
    }
    if (errors > 0) {
      throw IndexCorruptError("the search index is damaged and must be rebuilt (" + std::to_string(errors) + " errors)",
                              m_impl->folder.string());
    }
  }
}

SearchIndex::Writer SearchIndex::BeginWrite(const IndexOptions& options) {
  if (m_impl->mode != Mode::ReadWrite || !m_impl->writable) throw ProgrammingError("the search index was opened read-only");
  if (m_impl->writer_open) throw ProgrammingError("a search index Writer is already open");
  try {
    m_impl->tombstones = m_impl->StoredTombstones();
    m_impl->writable->begin_transaction(true);
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_impl->folder);
  }
  m_impl->writer_open = true;
  return Writer(*m_impl, options);
}

// --- Writer ---------------------------------------------------------------------------------
// Changes go to the delta database; base passages of a changed document are hidden by a tombstone.

SearchIndex::Writer::Writer(SearchIndex::Impl& index, IndexOptions options) : m_index(&index), m_options(std::move(options)) {}

SearchIndex::Writer::Writer(Writer&& other) noexcept
    : m_index(other.m_index), m_options(std::move(other.m_options)), m_open(other.m_open) {
  other.m_open = false;
}

SearchIndex::Writer::~Writer() {
  if (!m_open) return;
  try {
    Rollback();
  } catch (...) {
    // A destructor must not throw; the transaction is abandoned with the database handle.
  }
}

void SearchIndex::Writer::RequireOpen() const {
  if (!m_open) throw ProgrammingError("the search index Writer was already committed or rolled back");
}

void SearchIndex::Writer::Put(const DocumentInput& document) { Put(std::vector<DocumentInput>{document}); }

void SearchIndex::Writer::Put(const std::vector<DocumentInput>& documents) {
  RequireOpen();
  Xapian::WritableDatabase& delta = m_index->Writable();
  try {
    ClassBuffer classes;
    IndexInParallel(documents, m_options.threads, [&](std::size_t index, PassageIndexer::Result&& result) {
      const std::int64_t id = documents[index].id;
      delta.delete_document(index_scheme::DocumentTerm(id));
      if (m_index->InBase(id)) m_index->tombstones.insert(id);
      AddPassages(delta, result);
      classes.Add(result);
      if (m_options.progress) m_options.progress(index + 1, documents.size());
    });
    classes.Flush(delta);
    std::set<std::string> keys = StemKeysOf(documents);
    for (std::string& key : SplitCommas(delta.get_metadata(index_scheme::kStemKeysKey))) keys.insert(std::move(key));
    delta.set_metadata(index_scheme::kStemKeysKey, JoinCommas(keys));
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_index->folder);
  }
}

void SearchIndex::Writer::Remove(std::int64_t document_id) {
  RequireOpen();
  try {
    m_index->Writable().delete_document(index_scheme::DocumentTerm(document_id));
    if (m_index->InBase(document_id)) m_index->tombstones.insert(document_id);
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_index->folder);
  }
}

void SearchIndex::Writer::SetVariables(std::int64_t document_id, const VariableValues& variables) {
  RequireOpen();
  Xapian::WritableDatabase& delta = m_index->Writable();
  const std::string document_term = index_scheme::DocumentTerm(document_id);
  std::vector<std::string> wanted;
  for (const auto& [name, value] : variables) wanted.push_back(index_scheme::VariableTerm(name, value));
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  try {
    if (delta.get_termfreq(document_term) > 0) {
      // In the delta: swap the variable terms of each passage (the delta has termlists).
      std::vector<Xapian::docid> passages(delta.postlist_begin(document_term), delta.postlist_end(document_term));
      const std::string prefix = index_scheme::kVariablePrefix;
      for (Xapian::docid id : passages) {
        Xapian::Document passage = delta.get_document(id);
        std::vector<std::string> old;
        for (auto it = passage.termlist_begin(); it != passage.termlist_end(); ++it) {
          it.skip_to(prefix);
          if (it == passage.termlist_end() || !(*it).starts_with(prefix)) break;
          old.push_back(*it);
        }
        if (old == wanted) return;  // unchanged (termlists are sorted): every passage has the same
        for (const std::string& term : old) passage.remove_term(term);
        for (const std::string& term : wanted) passage.add_boolean_term(term);
        delta.replace_document(id, passage);
      }
    } else if (m_index->InBase(document_id) && !m_index->tombstones.count(document_id)) {
      // In the base, which cannot change: unless the variables are the same (callers may set all
      // of them after any change), copy the passages to the delta with the new variables
      // (re-indexed from their stored records) and hide the base ones.
      const Xapian::Database& base = m_index->base;
      const std::uint64_t digest = index_scheme::VariablesDigest(wanted);
      if (m_index->Record(base.get_document(*base.postlist_begin(document_term))).variables_digest == digest) return;
      PassageIndexer indexer;
      const std::vector<std::string> terms = indexer.BooleanTerms(document_id, variables);
      PassageIndexer::Result result;
      for (auto it = base.postlist_begin(document_term); it != base.postlist_end(document_term); ++it) {
        indexer.IndexPassage(m_index->Record(base.get_document(*it)), terms, result);
      }
      AddPassages(delta, result);
      ClassBuffer classes;
      classes.Add(result);
      classes.Flush(delta);
      m_index->tombstones.insert(document_id);
    }
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_index->folder);
  }
}

void SearchIndex::Writer::Commit(const std::string& stamp) {
  RequireOpen();
  Xapian::WritableDatabase& delta = m_index->Writable();
  try {
    delta.set_metadata(index_scheme::kTombstonesKey, JoinCommas(m_index->tombstones));
    delta.set_metadata(index_scheme::kFormatKey, std::to_string(kFormatVersion));
    delta.set_metadata(index_scheme::kStampKey, stamp);
    delta.commit_transaction();
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_index->folder);
  }
  m_open = false;
  m_index->writer_open = false;
  m_index->metadata.reset();
}

void SearchIndex::Writer::Rollback() {
  RequireOpen();
  m_open = false;
  m_index->writer_open = false;
  m_index->metadata.reset();
  try {
    m_index->Writable().cancel_transaction();
  } catch (const Xapian::Error& error) {
    Rethrow(error, m_index->folder);
  }
}

// --- Search ---------------------------------------------------------------------------------

SearchResults SearchIndex::Search(const SearchRequest& request) const {
  const QueryNode root = m_impl->Parser(request.query_language).Parse(request.query);  // DataError, before any I/O

  std::optional<AllowedRanges> allowed;
  if (request.allowed_ranges) {
    allowed.emplace();
    for (const auto& [id, ranges] : *request.allowed_ranges) {
      std::vector<CodePointRange> merged = MergeRanges(ranges);
      if (!merged.empty()) allowed->emplace(id, std::move(merged));
    }
    if (allowed->empty()) return {};
  }

  for (int attempt = 0;; ++attempt) {
    try {
      // A reader sees a whole new build (whose shards and records files it must open afresh:
      // Xapian's reopen() cannot tell a new database of the same revision) or the latest commit.
      if (m_impl->mode == Mode::ReadOnly) {
        if (Identity(m_impl->folder / kBaseFolder) != m_impl->base_identity) {
          m_impl->Close();
          m_impl->Open();
          m_impl->metadata.reset();
        } else if (m_impl->combined.reopen()) {
          m_impl->metadata.reset();
        }
      }
      Xapian::Database& database = m_impl->combined;
      const Impl::Metadata& metadata = m_impl->CurrentMetadata();

      // Query words are stemmed with the query's language when it is given, else with every
      // stemmer the index uses (a word may then meet a look-alike stem of another language; it
      // ranks below exact forms).
      std::vector<const TermFolder*> stemmers;
      if (request.use_stems) {
        const std::vector<std::string> keys = request.query_language.empty()
                                                  ? metadata.stem_keys
                                                  : std::vector<std::string>{TermFolder::StemKeyFor(request.query_language)};
        for (const std::string& key : keys) {
          if (const TermFolder* stemmer = key.empty() ? nullptr : m_impl->Stemmer(key)) stemmers.push_back(stemmer);
        }
      }
      QueryBuilder builder(database, stemmers, request.fold_accents);
      Xapian::Query query = builder.Build(root);

      // Base passages of documents changed since the build are superseded by the delta.
      const std::set<std::int64_t>& tombstones = metadata.tombstones;
      if (!tombstones.empty()) {
        std::vector<Xapian::Query> replaced;
        for (std::int64_t id : tombstones) replaced.emplace_back(index_scheme::DocumentTerm(id));
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                              Xapian::Query(Xapian::Query::OP_FILTER,
                                            Xapian::Query(Xapian::Query::OP_OR, replaced.begin(), replaced.end()),
                                            Xapian::Query(index_scheme::kBaseTerm)));
      }

      // Variable filters: values of one variable OR'ed, variables AND'ed, no effect on weights.
      std::map<std::string, std::vector<Xapian::Query>> by_variable;
      for (const VariableFilter& filter : request.filters) {
        by_variable[TermFolder::Fold(filter.name)].emplace_back(index_scheme::VariableTerm(filter.name, filter.value));
      }
      std::vector<Xapian::Query> filters;
      for (auto& [name, values] : by_variable) filters.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
      if (allowed) {
        std::vector<Xapian::Query> documents;
        for (const auto& [id, ranges] : *allowed) documents.emplace_back(index_scheme::DocumentTerm(id));
        filters.emplace_back(Xapian::Query::OP_OR, documents.begin(), documents.end());
      }
      if (!filters.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
      }

      Xapian::Enquire enquire(database);
      enquire.set_query(query);
      if (request.order == ResultOrder::DocumentOrder) {
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_sort_by_value(index_scheme::kSortSlot, false);
      }
      HitReader reader(builder.Matcher(), m_impl->folds);
      std::optional<RangeDecider> decider;
      if (allowed) {
        decider.emplace(*allowed, reader, [this](const Xapian::Document& document) { return m_impl->Record(document); });
      }
      const Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                 static_cast<Xapian::doccount>(request.limit),
                                                 static_cast<Xapian::doccount>(request.check_at_least), nullptr,
                                                 decider ? &*decider : nullptr);

      SearchResults results;
      results.estimated_total = mset.get_matches_estimated();
      results.total_lower_bound = mset.get_matches_lower_bound();
      results.total_upper_bound = mset.get_matches_upper_bound();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        HitReader::Analysed hit = reader.Read(m_impl->Record(*it, it));
        SearchHit out;
        out.document_id = hit.record.document_id;
        out.document_name = std::move(hit.record.document_name);
        out.language = std::move(hit.record.language);
        out.passage = hit.record.range;
        out.weight = it.get_weight();
        out.snippet = BuildSnippet(hit.record.text, hit.record.words, hit.matches, request.snippet);
        for (const CodePointRange& match : hit.matches) {
          out.matches.push_back({hit.record.range.start + match.start, hit.record.range.start + match.end});
        }
        results.hits.push_back(std::move(out));
      }
      return results;
    } catch (const Xapian::DatabaseModifiedError& error) {
      // A writer in another process committed while we read; reopen once and try again.
      if (attempt > 0) Rethrow(error, m_impl->folder);
      try {
        m_impl->combined.reopen();
      } catch (const Xapian::Error& reopen_error) {
        Rethrow(reopen_error, m_impl->folder);
      }
    } catch (const Xapian::Error& error) {
      Rethrow(error, m_impl->folder);
    }
  }
}

}  // namespace tessera
