// register, redact, export quotes: the pseudonym register, redaction of any text, quote files.

#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "export/quote_export.h"
#include "import/csv_reader.h"
#include "project/document_store.h"
#include "redaction/loaded_plugin.h"
#include "redaction/redactor.h"
#include "redaction/register_store.h"
#include "redaction/span_kind.h"
#include "text/utf8.h"

namespace tessera::cli {
namespace {

std::vector<std::string> SplitBars(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto bar = text.find('|', start);
    if (bar == std::string::npos) bar = text.size();
    if (bar > start) parts.push_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return parts;
}

void RegisterRegister(CLI::App& app) {
  struct Args {
    std::string project, kind, name, csv, verdict, original, document, coder;
    std::vector<std::string> aliases;
    bool common_word = false;
    std::int64_t start = -1;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("register", "The pseudonym register of people, places, schools and organisations");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--coder", a->coder, "Who makes the change");
  cmd->require_subcommand(1);

  auto* add = cmd->add_subcommand("add", "Add an entry (KIND: person, place, school, organisation, …)");
  add->add_option("KIND", a->kind, "Kind")->required();
  add->add_option("NAME", a->name, "Full name")->required();
  add->add_option("--alias", a->aliases, "Another form of the name (repeatable)");
  add->add_flag("--common-word", a->common_word, "The name is also an everyday word: matches go to review");
  add->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    RegisterStore store(project.Db());
    store.Add(a->kind, a->name, a->aliases, a->common_word);
    store.EntriesWithPseudonyms();
    project.Audit("register/add", {{"kind", a->kind}, {"aliases", a->aliases.size()}});
    tx.Commit();
  });

  auto* import = cmd->add_subcommand("import", "Import a CSV with columns kind,name,aliases (aliases separated by |)");
  import->add_option("CSV", a->csv, "The CSV file")->required();
  import->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    RegisterStore store(project.Db());
    const auto rows = store.ImportCsv(a->csv);
    store.EntriesWithPseudonyms();
    project.Audit("register/import", {{"file", std::filesystem::path(a->csv).filename().string()}, {"rows", rows}});
    tx.Commit();
    std::cout << "Imported " << rows << " register entries\n";
  });

  auto* list = cmd->add_subcommand("list", "List the register with its pseudonyms");
  AddFormatOption(list, a->output);
  list->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    const auto entries = RegisterStore(project.Db()).EntriesWithPseudonyms();
    tx.Commit();
    if (a->output.Json()) return PrintJson(RegisterToJson(entries));
    for (const auto& e : entries) {
      std::cout << e.pseudonym << "\t" << e.kind << "\t" << e.name;
      for (const auto& alias : e.aliases) std::cout << " | " << alias;
      if (e.common_word) std::cout << "\t(common word: review)";
      std::cout << "\n";
    }
  });

  auto* decide = cmd->add_subcommand("decide", "Record a review decision: accept, reject (keep the text) or add (redact it too)");
  decide->add_option("VERDICT", a->verdict, "accept, reject or add")->required()->check(CLI::IsMember({"accept", "reject", "add"}));
  decide->add_option("ORIGINAL", a->original, "The text as written")->required();
  decide->add_option("--kind", a->kind, "Kind of span (add: default other)");
  decide->add_option("--document", a->document, "Only in this document");
  decide->add_option("--start", a->start, "Only the span starting at this code point (with --document)");
  decide->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    ReviewDecision d;
    d.original = a->original;
    d.verdict = a->verdict == "reject" ? ReviewDecision::Verdict::Reject : a->verdict == "add" ? ReviewDecision::Verdict::Add : ReviewDecision::Verdict::Accept;
    if (!a->kind.empty()) d.kind = ParseSpanKind(a->kind);
    std::optional<std::int64_t> document;
    if (!a->document.empty()) document = DocumentStore(project.Db()).Resolve(a->document);
    if (a->start >= 0) {
      if (!document) throw DataError("--start needs --document");
      d.start = static_cast<std::size_t>(a->start);
    }
    RegisterStore(project.Db()).AddDecision(d, document, project.CurrentUserId());
    project.Audit("redaction/decision", {{"verdict", a->verdict}, {"kind", a->kind}, {"document", a->document}, {"start", a->start}});
    tx.Commit();
  });
}

void RegisterRedact(CLI::App& app) {
  struct Args {
    std::string project, names, language, format = "text";
    std::vector<std::string> plugins, plugin_dirs;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("redact", "Redact text from standard input with the chosen plugins");
  cmd->add_option("PROJECT", a->project, "A project whose register gives consistent pseudonyms (optional)");
  cmd->add_option("--plugin", a->plugins, "Plugin id to run (repeatable)")->required();
  cmd->add_option("--plugin-dir", a->plugin_dirs, "Also look for plugins here (repeatable)");
  cmd->add_option("--names", a->names, "A register CSV (kind,name,aliases) to use for this text");
  cmd->add_option("--language", a->language, "BCP 47 language of the text");
  cmd->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([a] {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (!utf8::IsValid(text)) throw DataError("the input is not valid UTF-8", "<stdin>");
    std::vector<RegisterEntry> entries;
    std::vector<ReviewDecision> decisions;
    std::optional<Project> project;
    std::optional<Transaction> tx;
    if (!a->project.empty()) {
      project.emplace(OpenProject(a->project));
      tx.emplace(project->Db());
      RegisterStore store(project->Db());
      if (!a->names.empty()) store.ImportCsv(a->names);
      entries = store.EntriesWithPseudonyms();
      decisions = store.Decisions();
    } else if (!a->names.empty()) {
      const CsvRows rows = ReadCsvFile(a->names);
      std::int64_t id = 0;
      for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() < 2 || rows[r][1].empty()) continue;
        RegisterEntry e;
        e.id = ++id;
        e.kind = rows[r][0];
        e.name = rows[r][1];
        if (rows[r].size() > 2) e.aliases = SplitBars(rows[r][2]);
        entries.push_back(std::move(e));
      }
      AssignPseudonyms(entries);
    }
    PluginHostOptions options;
    for (const auto& d : a->plugin_dirs) options.plugin_dirs.emplace_back(d);
    options.configs["name-list"] = RegisterToJson(entries).dump();
    PluginHost host(options);
    host.Discover();
    for (const auto& plugin : host.Plugins()) {
      const bool wanted = std::find(a->plugins.begin(), a->plugins.end(), plugin->Id()) != a->plugins.end();
      if (!wanted && plugin->State() == PluginState::Loaded) host.SetEnabled(plugin->Id(), false);
    }
    for (const auto& id : a->plugins) {
      if (!host.Find(id)) throw DataError("no redaction plugin '" + id + "' was found (looked in the plugin path and --plugin-dir)");
    }
    const Redactor redactor(entries, decisions);
    const RedactionResult result = redactor.Redact(host, text, a->language);
    if (project) {
      project->Audit("redaction/redact", {{"plugins", a->plugins}, {"spans", result.spans.size()}});
      tx->Commit();
    }
    if (!result.held.empty()) {
      std::cerr << result.held.size() << (result.held.size() == 1 ? " everyday word that may be a registered name was" : " everyday words that may be registered names were")
                << " left in the text for review (tessera-cli register decide)\n";
    }
    if (a->format != "json") return void(std::cout << result.text);
    nlohmann::json spans = nlohmann::json::array();
    for (const auto& s : result.spans) {
      spans.push_back({{"start", s.start}, {"end", s.end}, {"kind", std::string(SpanKindName(s.kind))}, {"replacement", s.replacement},
                       {"needs_review", s.needs_review}});
    }
    // Everyday words that may be a registered name, left in the text until a reviewer decides.
    nlohmann::json held = nlohmann::json::array();
    for (const auto& s : result.held) {
      held.push_back({{"start", s.start}, {"end", s.end}, {"kind", std::string(SpanKindName(s.kind))}, {"replacement", s.replacement}});
    }
    PrintJson({{"text", result.text}, {"spans", spans}, {"held", held}});
  });
}

void RegisterExportQuotes(CLI::App& export_cmd) {
  struct Args {
    std::string project, code, attribution = "{gender}, {age_band}, {role}, {country}", format, output, coder;
    std::vector<std::string> where, plugins, plugin_dirs;
    int k = 5;
    bool strict = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = export_cmd.add_subcommand("quotes", "Anonymised, attributed quotes of a code");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--code", a->code, "Code path (children included)")->required();
  cmd->add_option("--where", a->where, "Only documents with VAR=VALUE (repeatable)");
  cmd->add_option("--attribution", a->attribution, "Template built from variables, e.g. '{gender}, {age_band}, {role}, {country}'");
  cmd->add_option("--k", a->k, "Warn when an attribution fits fewer than k cases")->check(CLI::Range(1, 1000));
  cmd->add_flag("--strict", a->strict, "Refuse instead of warning");
  cmd->add_option("--plugin", a->plugins, "Plugin ids to use (default: every plugin found)");
  cmd->add_option("--plugin-dir", a->plugin_dirs, "Also look for plugins here");
  cmd->add_option("--format", a->format, "docx, html, md or csv")->required()->check(CLI::IsMember({"docx", "html", "md", "csv"}));
  cmd->add_option("-o,--output", a->output, "Output file")->required();
  cmd->add_option("--coder", a->coder, "Who exports (recorded in the audit log)");
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    QuoteExportRequest request;
    request.code = a->code;
    request.where = ParseWhere(a->where);
    request.attribution = a->attribution;
    request.k = a->k;
    request.strict = a->strict;
    request.format = a->format;
    request.output = a->output;
    request.plugins = a->plugins;
    for (const auto& d : a->plugin_dirs) request.host.plugin_dirs.emplace_back(d);
    const auto report = ExportQuotes(project, request);
    for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "Wrote " << report.quotes.size() << " quotes to " << a->output << " (plugins:";
    for (const auto& p : report.plugins) std::cout << " " << p;
    std::cout << ")\n";
  });
}

}  // namespace

void RegisterRedactionCommands(CLI::App& app, CLI::App& export_cmd) {
  RegisterRegister(app);
  RegisterRedact(app);
  RegisterExportQuotes(export_cmd);
}

}  // namespace tessera::cli
