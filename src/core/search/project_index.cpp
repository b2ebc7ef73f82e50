#include "search/project_index.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "error.h"
#include "progress.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "text/offset_map.h"

namespace tessera {
namespace {

IndexOptions OptionsFor(ProgressSink& progress) {
  IndexOptions options;
  options.threads = 2;
  options.progress = [&progress](std::size_t done, std::size_t total) {
    if (progress.CancelRequested()) throw Cancelled();
    progress.Report(done, total, "indexing");
  };
  return options;
}

DocumentInput InputFor(DocumentStore& documents, const DocumentInfo& d, const std::map<std::string, std::string>& values) {
  DocumentInput input;
  input.id = d.id;
  input.name = d.name;
  input.language = d.language;
  input.text = documents.Text(d.id);
  for (const auto& t : documents.Turns(d.id)) input.passages.push_back({t.start, t.end});
  for (const auto& [k, v] : values) input.variables.emplace(k, v);
  return input;
}

// The ICU sentence around [start, end) of `text`, in code points.
CodePointRange SentenceAround(const std::string& text, const OffsetMap& map, CodePointRange hit) {
  UErrorCode status = U_ZERO_ERROR;
  const auto utext = icu::UnicodeString::fromUTF8(text);
  std::unique_ptr<icu::BreakIterator> sentences(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return hit;
  sentences->setText(utext);
  const auto u_start = static_cast<int32_t>(map.Utf16FromCodePoint(hit.start));
  const auto u_end = static_cast<int32_t>(map.Utf16FromCodePoint(hit.end));
  int32_t first = sentences->preceding(u_start + 1);
  int32_t last = sentences->following(std::max(u_end - 1, u_start));
  if (first == icu::BreakIterator::DONE) first = 0;
  if (last == icu::BreakIterator::DONE) last = utext.length();
  CodePointRange range{map.CodePointFromUtf16(static_cast<std::size_t>(first)), map.CodePointFromUtf16(static_cast<std::size_t>(last))};
  // A sentence never runs past a line break in a transcript: the next line is another turn or paragraph.
  std::size_t b = map.ByteFromCodePoint(range.start), e = map.ByteFromCodePoint(range.end);
  const std::size_t hit_b = map.ByteFromCodePoint(hit.start), hit_e = map.ByteFromCodePoint(hit.end);
  const auto nl_before = text.rfind('\n', hit_b == 0 ? 0 : hit_b - 1);
  if (nl_before != std::string::npos && nl_before >= b && nl_before < hit_b) b = nl_before + 1;
  const auto nl_after = text.find('\n', hit_e);
  if (nl_after != std::string::npos && nl_after < e) e = nl_after;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) --e;
  return {map.CodePointFromByte(b), map.CodePointFromByte(e)};
}

}  // namespace

std::string IndexStamp(Project& project) {
  std::string digest = project.Guid();
  auto docs = project.Db().Prepare("SELECT id, sha256, language, (SELECT group_concat(start || '-' || end) FROM turns t WHERE t.document_id = d.id) FROM documents d ORDER BY id");
  while (docs.Step()) digest += "|" + std::to_string(docs.Int(0)) + ":" + docs.Text(1) + ":" + docs.Text(2) + ":" + docs.Text(3);
  for (const auto& [doc, values] : VariableStore(project.Db()).AllDocumentValues()) {
    digest += "|v" + std::to_string(doc);
    for (const auto& [k, v] : values) digest += "\x1f" + k + "=" + v;
  }
  return project.Guid() + ":" + Sha256Hex(digest);
}

std::vector<DocumentInput> IndexInputs(Project& project) {
  DocumentStore documents(project.Db());
  const auto values = VariableStore(project.Db()).AllDocumentValues();
  std::vector<DocumentInput> inputs;
  for (const auto& d : documents.List()) {
    const auto it = values.find(d.id);
    inputs.push_back(InputFor(documents, d, it == values.end() ? std::map<std::string, std::string>{} : it->second));
  }
  return inputs;
}

SearchIndex RebuildProjectIndex(Project& project, ProgressSink& progress) {
  return SearchIndex::Build(project.IndexPath(), IndexInputs(project), IndexStamp(project), OptionsFor(progress));
}

SearchIndex OpenProjectIndex(Project& project, ProgressSink& progress, std::string& message) {
  const std::string stamp = IndexStamp(project);
  message.clear();
  switch (SearchIndex::Probe(project.IndexPath(), stamp)) {
    case IndexStatus::Current:
      try {
        return SearchIndex(project.IndexPath(), SearchIndex::Mode::ReadOnly);
      } catch (const IndexCorruptError&) {
        message = "the search index was damaged; it was rebuilt";
      }
      break;
    case IndexStatus::Missing: message = "the search index was missing; it was built"; break;
    case IndexStatus::Stale: message = "the search index was out of date; it was rebuilt"; break;
    case IndexStatus::Corrupt: message = "the search index was damaged; it was rebuilt"; break;
  }
  RebuildProjectIndex(project, progress);
  return SearchIndex(project.IndexPath(), SearchIndex::Mode::ReadOnly);
}

void UpdateProjectIndex(Project& project, ProgressSink& progress) {
  const std::string stamp = IndexStamp(project);
  const auto status = SearchIndex::Probe(project.IndexPath(), stamp);
  if (status == IndexStatus::Missing || status == IndexStatus::Current) return;
  if (status == IndexStatus::Corrupt) {
    RebuildProjectIndex(project, progress);
    return;
  }
  SearchIndex index(project.IndexPath(), SearchIndex::Mode::ReadWrite);
  if (index.StoredFormatVersion() != SearchIndex::kFormatVersion) {
    index.Rebuild(IndexInputs(project), stamp, OptionsFor(progress));
    return;
  }
  const auto indexed = index.DocumentIds();
  DocumentStore documents(project.Db());
  const auto values = VariableStore(project.Db()).AllDocumentValues();
  auto writer = index.BeginWrite(OptionsFor(progress));
  std::vector<std::int64_t> present;
  for (const auto& d : documents.List()) {
    present.push_back(d.id);
    const auto it = values.find(d.id);
    const std::map<std::string, std::string> own = it == values.end() ? std::map<std::string, std::string>{} : it->second;
    if (!std::binary_search(indexed.begin(), indexed.end(), d.id)) {
      writer.Put(InputFor(documents, d, own));
    } else {
      VariableValues vars;
      for (const auto& [k, v] : own) vars.emplace(k, v);
      writer.SetVariables(d.id, vars);
    }
  }
  std::sort(present.begin(), present.end());
  for (auto id : indexed) {
    if (!std::binary_search(present.begin(), present.end(), id)) writer.Remove(id);
  }
  writer.Commit(stamp);
}

AllowedRanges CodedRanges(Project& project, const std::string& code_path) {
  CodeTree tree(project.Db());
  CodingFilter filter;
  filter.codes = tree.Subtree(tree.Resolve(code_path));
  filter.with_text = false;
  AllowedRanges ranges;
  for (const auto& c : CodingStore(project.Db()).List(filter)) ranges[c.document_id].push_back({c.start, c.end});
  for (auto& [doc, list] : ranges) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  }
  return ranges;
}

std::size_t AutocodeHits(Project& project, const SearchResults& results, const std::string& code_path, AutocodeContext context,
                         const std::string& query) {
  Database& db = project.Db();
  Transaction tx(db);
  const auto code = CodeTree(db).EnsurePath(code_path);
  const auto coder = project.CurrentUserId();
  CodingStore codings(db);
  DocumentStore documents(db);
  std::map<std::int64_t, std::pair<std::string, std::unique_ptr<OffsetMap>>> texts;
  std::size_t added = 0;
  for (const auto& hit : results.hits) {
    std::vector<CodePointRange> ranges;
    if (context == AutocodeContext::Turn || hit.matches.empty()) {
      ranges.push_back(hit.passage);
    } else {
      for (const auto& m : hit.matches) {
        if (context == AutocodeContext::Hit) {
          ranges.push_back(m);
          continue;
        }
        auto& entry = texts[hit.document_id];
        if (!entry.second) {
          entry.first = documents.Text(hit.document_id);
          entry.second = std::make_unique<OffsetMap>(entry.first);
        }
        ranges.push_back(SentenceAround(entry.first, *entry.second, m));
      }
    }
    for (const auto& r : ranges) {
      if (r.start < r.end && codings.Add(hit.document_id, r.start, r.end, code, coder).second) ++added;
    }
  }
  static const char* names[] = {"hit", "sentence", "turn"};
  project.Audit("coding/autocode", {{"query", query}, {"code", code_path}, {"context", names[static_cast<int>(context)]},
                                    {"hits", results.hits.size()}, {"codings", added}});
  project.Touch();
  tx.Commit();
  return added;
}

}  // namespace tessera
