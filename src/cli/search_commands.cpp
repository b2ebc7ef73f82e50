// search and index: full-text search in every language of the study, and the index behind it.

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "search/project_index.h"

namespace tessera::cli {
namespace {

void RegisterSearch(CLI::App& app) {
  struct Args {
    std::string project, query, code, autocode, context = "hit", language, coder;
    std::vector<std::string> where;
    std::size_t limit = 20;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("search", "Search the transcripts (words, \"phrases\", AND/OR/NOT, NEAR, prefix*)");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("QUERY", a->query, "The query (see docs/search.md)")->required();
  cmd->add_option("--where", a->where, "Only documents with VAR=VALUE (repeatable)");
  cmd->add_option("--code", a->code, "Only text coded with this code or its children");
  auto* limit = cmd->add_option("--limit", a->limit, "At most this many hits (default 20; all hits with --autocode)");
  cmd->add_option("--language", a->language, "Language of the query (segmentation and stemming)");
  cmd->add_option("--autocode", a->autocode, "Code every hit with this code path");
  cmd->add_option("--context", a->context, "What auto-coding codes: hit, sentence or turn")->check(CLI::IsMember({"hit", "sentence", "turn"}));
  cmd->add_option("--coder", a->coder, "Coder for auto-coding");
  AddFormatOption(cmd, a->output);
  cmd->callback([a, limit] {
    Project project = a->autocode.empty() ? Project::OpenReadOnly(a->project) : OpenProject(a->project, a->coder);
    TerminalProgress progress;
    std::string message;
    SearchIndex index = OpenProjectIndex(project, progress, message);
    if (!message.empty()) std::cerr << a->project << ": " << message << "\n";
    SearchRequest request;
    request.query = a->query;
    request.query_language = a->language;
    for (const auto& [name, values] : ParseWhere(a->where)) {
      for (const auto& v : values) request.filters.push_back({name, v});
    }
    if (!a->code.empty()) request.allowed_ranges = CodedRanges(project, a->code);
    request.limit = (!a->autocode.empty() && limit->count() == 0) ? 1'000'000 : a->limit;
    const SearchResults results = index.Search(request);
    if (!a->autocode.empty()) {
      const auto context = a->context == "turn" ? AutocodeContext::Turn : a->context == "sentence" ? AutocodeContext::Sentence : AutocodeContext::Hit;
      const auto added = AutocodeHits(project, results, a->autocode, context, a->query);
      std::cerr << "Auto-coded " << added << " segment" << (added == 1 ? "" : "s") << " as " << a->autocode << " (" << project.CurrentUser() << ")\n";
    }
    if (a->output.Json()) {
      nlohmann::json hits = nlohmann::json::array();
      for (const auto& h : results.hits) {
        nlohmann::json matches = nlohmann::json::array();
        for (const auto& m : h.matches) matches.push_back({m.start, m.end});
        hits.push_back({{"document", h.document_name}, {"start", h.passage.start}, {"end", h.passage.end}, {"snippet", h.snippet.marked},
                        {"matches", matches}, {"weight", h.weight}});
      }
      return PrintJson({{"total", results.estimated_total}, {"hits", hits}});
    }
    for (const auto& h : results.hits) {
      std::cout << h.document_name << " " << h.passage.start << "-" << h.passage.end << "\t" << h.snippet.marked << "\n";
    }
    std::cout << results.estimated_total << " matching passage" << (results.estimated_total == 1 ? "" : "s") << "\n";
  });
}

void RegisterIndex(CLI::App& app) {
  struct Args {
    std::string project;
    bool rebuild = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("index", "Bring the search index up to date (or rebuild it)");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_flag("--rebuild", a->rebuild, "Rebuild from scratch");
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    TerminalProgress progress;
    if (a->rebuild) {
      const auto index = RebuildProjectIndex(project, progress);
      std::cout << "Rebuilt the search index: " << index.PassageCount() << " passages\n";
      return;
    }
    std::string message;
    const auto index = OpenProjectIndex(project, progress, message);
    std::cout << (message.empty() ? "The search index is up to date" : message) << ": " << index.PassageCount() << " passages\n";
  });
}

}  // namespace

void RegisterSearchCommands(CLI::App& app) {
  RegisterSearch(app);
  RegisterIndex(app);
}

}  // namespace tessera::cli
