#pragma once
// The project's search index kept in step with the project: the index folder beside the project
// file is a derived cache, stamped with a digest of the documents and variables it was built
// from. A missing, stale or damaged index is noticed and rebuilt (with a message), never trusted.

#include <string>
#include <vector>

#include "search/search_index.h"

namespace tessera {

class Project;
class ProgressSink;

/// A digest of everything the index holds (document texts, languages, turns, variable values).
std::string IndexStamp(Project& project);

/// The index inputs of every document of the project.
std::vector<DocumentInput> IndexInputs(Project& project);

/// Rebuilds the index from scratch.
SearchIndex RebuildProjectIndex(Project& project, ProgressSink& progress);

/// Opens the index for searching, rebuilding it first when it is missing, stale or damaged;
/// `message` says what was done ("" when the index was current).
SearchIndex OpenProjectIndex(Project& project, ProgressSink& progress, std::string& message);

/// Brings an existing index up to date after documents or variables changed (new documents
/// added, removed ones dropped, variable terms replaced); does nothing when there is no index yet.
void UpdateProjectIndex(Project& project, ProgressSink& progress);

/// The code-point ranges coded with `code_path` or its children, per document.
AllowedRanges CodedRanges(Project& project, const std::string& code_path);

/// How much text around a hit auto-coding codes.
enum class AutocodeContext { Hit, Sentence, Turn };

/// Codes every hit with `code_path` (created when missing) as the current user, in one
/// transaction recorded in the audit log; returns the number of new codings.
std::size_t AutocodeHits(Project& project, const SearchResults& results, const std::string& code_path, AutocodeContext context,
                         const std::string& query);

}  // namespace tessera
