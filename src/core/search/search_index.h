#pragma once
// The full-text index of a project: a folder beside the project file, derived from the project
// and rebuilt from it whenever it is missing, stale or damaged (docs/search.md). It holds two
// Xapian databases searched as one: a base written by Build, and a delta of the changes since.
// One Xapian document per passage (speaker turn or paragraph); words from ICU segmentation, so
// every script of the study is searchable; variable values as boolean filter terms.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "error.h"
#include "search/index_input.h"
#include "search/snippet.h"
#include "search/word_segmenter.h"

namespace tessera {

/// The index folder cannot be read as a search index (damaged files, not a Xapian database).
/// Not the user's doing and not fatal: the caller rebuilds the index from the project.
class IndexCorruptError : public DataError {
 public:
  using DataError::DataError;
};

/// What SearchIndex::Probe found at an index folder.
enum class IndexStatus {
  Current,  ///< readable, of this format, with the expected stamp
  Stale,    ///< readable but built for another project state or by another format version
  Missing,  ///< nothing there
  Corrupt,  ///< something there that cannot be opened or read
};

/// A variable value every hit must have. Several values of one variable are OR'ed; different
/// variables are AND'ed. Case-insensitive.
struct VariableFilter {
  std::string name;   ///< e.g. "gender"
  std::string value;  ///< e.g. "girl"
};

/// The order of the hits.
enum class ResultOrder {
  Relevance,      ///< best first (BM25, exact word forms above folded or stemmed ones)
  DocumentOrder,  ///< by document id, then position in the document
};

/// The code-point ranges of each document a search is restricted to (e.g. text coded with a code
/// and its children). Documents not listed have no allowed text.
using AllowedRanges = std::map<std::int64_t, std::vector<CodePointRange>>;

/// One search.
struct SearchRequest {
  std::string query;                            ///< the query language of docs/search.md
  std::string query_language;                   ///< segments and stems the query (BCP 47); empty: root
                                                ///< segmentation and every stemmer the index uses
  std::vector<VariableFilter> filters;          ///< variable values hits must have
  /// When set, a passage counts only if one of its matched words overlaps an allowed range (for a
  /// query without positive words, such as "NOT x", if the passage overlaps one).
  std::optional<AllowedRanges> allowed_ranges;
  bool fold_accents = true;                     ///< false: "canh" no longer finds "cảnh"
  bool use_stems = true;                        ///< false: "officers" no longer finds "officer"
  ResultOrder order = ResultOrder::Relevance;   ///< ranking or reading order
  std::size_t offset = 0;                       ///< hits to skip (paging)
  std::size_t limit = 50;                       ///< hits to return at most
  std::size_t check_at_least = 0;               ///< hits to count exactly before estimating the total
                                                ///< (more makes the total exact for small results, but slower)
  SnippetOptions snippet;                       ///< context and marks of the snippets
};

/// One matching passage.
struct SearchHit {
  std::int64_t document_id = 0;         ///< the document
  std::string document_name;            ///< its name when it was indexed
  std::string language;                 ///< its language
  CodePointRange passage;               ///< the passage, in code points of the document
  std::vector<CodePointRange> matches;  ///< the matched words, in code points of the document, in order
  double weight = 0;                    ///< relevance (0 in document order)
  Snippet snippet;                      ///< keyword in context, matched words marked «like this»
};

/// The hits of one search.
struct SearchResults {
  std::vector<SearchHit> hits;          ///< hits [offset, offset + limit)
  std::size_t estimated_total = 0;      ///< Xapian's estimate of all matching passages
  std::size_t total_lower_bound = 0;    ///< at least this many passages match
  std::size_t total_upper_bound = 0;    ///< at most this many passages match
};

/// The make-up of an index: a large base written by Build, and the changes made since.
struct IndexStats {
  std::size_t base_passages = 0;       ///< passages written by the last Build (superseded ones included)
  std::size_t delta_passages = 0;      ///< passages written by Writers since
  std::size_t replaced_documents = 0;  ///< documents whose Build passages are superseded or removed
};

/// How the index is written.
struct IndexOptions {
  /// Worker threads; 0: one per hardware thread. Build writes one shard per thread (at most 8).
  unsigned threads = 0;
  /// Passages per commit and build thread: bounds memory; much larger batches are slower.
  std::size_t commit_every = 5000;
  /// Build: compact each shard (about 13% of the build's CPU; the index comes out about 15%
  /// smaller and faster to search).
  bool compact = true;
  /// Called on the calling thread as documents are done, with (documents done, documents in all);
  /// several documents may be reported at once. May throw Cancelled to stop.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

/// A project's search index. Not thread-safe: use one object from one thread at a time (it uses
/// worker threads of its own while indexing). Only one process can open an index for writing.
class SearchIndex {
 public:
  /// Version of the index layout; an index of another version is Stale and must be rebuilt.
  static constexpr int kFormatVersion = 1;

  /// How to open an index.
  enum class Mode {
    ReadWrite,  ///< create an empty index when the folder is missing; allow BeginWrite
    ReadOnly,   ///< open an existing index for searching only
  };

  class Writer;

  /// Opens the index in `folder`. @throws IndexCorruptError when it cannot be read, NotFoundError
  /// when it is missing in ReadOnly mode, EnvironmentError when another process is writing it or
  /// the file system fails.
  explicit SearchIndex(const std::filesystem::path& folder, Mode mode = Mode::ReadWrite);
  ~SearchIndex();
  SearchIndex(SearchIndex&&) noexcept;
  SearchIndex& operator=(SearchIndex&&) noexcept;

  /// Looks at `folder` without changing it: is there an index, readable, built for `stamp`?
  /// Never throws for a damaged index (that is Corrupt); @throws EnvironmentError for I/O failures.
  static IndexStatus Probe(const std::filesystem::path& folder, const std::string& stamp);

  /// Builds a new index of `documents` with `stamp` and puts it in `folder`, replacing whatever is
  /// there (a damaged index included). The new index is written beside the folder and moved into
  /// place at the end, so a failed or cancelled build leaves the old one untouched.
  /// @throws DataError for an invalid document, EnvironmentError, Cancelled.
  static SearchIndex Build(const std::filesystem::path& folder, const std::vector<DocumentInput>& documents,
                           const std::string& stamp, const IndexOptions& options = {});

  /// Replaces this index with a new one of `documents` (as Build). Needs ReadWrite and no open Writer.
  void Rebuild(const std::vector<DocumentInput>& documents, const std::string& stamp, const IndexOptions& options = {});

  /// True when the index was built by this format version and its stamp equals `stamp`.
  bool IsCurrent(const std::string& stamp) const;
  /// The stamp stored with the last commit (empty for a new index).
  std::string Stamp() const;
  /// The format version stored in the index (0 when none).
  int StoredFormatVersion() const;
  /// The index folder.
  const std::filesystem::path& Folder() const;
  /// Number of passages in the index.
  std::size_t PassageCount() const;
  /// Ids of the documents in the index, ascending.
  std::vector<std::int64_t> DocumentIds() const;
  /// The base/delta make-up. Changes since the last Build cost a little at every search and leave
  /// ranking statistics slightly inexact; rebuild (in the background) when they grow large, e.g.
  /// when delta_passages exceeds a fifth of base_passages.
  IndexStats Stats() const;

  /// Reads every block of the index (slow on big indexes). @throws IndexCorruptError when damaged.
  void Verify() const;

  /// Starts a set of changes; see Writer. Needs ReadWrite mode. @throws ProgrammingError when a
  /// Writer is already open.
  Writer BeginWrite(const IndexOptions& options = {});

  /// Runs a search. @throws DataError for a malformed query (a message for the user),
  /// IndexCorruptError when the index turns out to be damaged, EnvironmentError.
  SearchResults Search(const SearchRequest& request) const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

/// A transaction on the index: changes become visible together at Commit and are discarded by
/// Rollback or by the destructor. They are held in memory until then; for a whole project use
/// SearchIndex::Build, which is several times faster. Changes go to the delta database; the
/// base passages of a changed document are hidden. Must not outlive its SearchIndex.
class SearchIndex::Writer {
 public:
  /// Rolls back unless committed.
  ~Writer();
  Writer(Writer&&) noexcept;
  Writer& operator=(Writer&&) = delete;

  /// Adds `document`, replacing all passages it had. @throws DataError for an invalid document.
  void Put(const DocumentInput& document);
  /// Adds or replaces several documents, segmenting them on worker threads.
  void Put(const std::vector<DocumentInput>& documents);
  /// Removes all passages of a document (nothing happens when it is not there).
  void Remove(std::int64_t document_id);
  /// Replaces the variable terms of every passage of a document.
  void SetVariables(std::int64_t document_id, const VariableValues& variables);
  /// Makes the changes durable and visible, and stores `stamp`. @throws EnvironmentError.
  void Commit(const std::string& stamp);
  /// Discards the changes.
  void Rollback();

 private:
  friend class SearchIndex;
  Writer(SearchIndex::Impl& index, IndexOptions options);
  void RequireOpen() const;
  SearchIndex::Impl* m_index;
  IndexOptions m_options;
  bool m_open = true;
};

}  // namespace tessera
