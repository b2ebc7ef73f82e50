#include "export/quote_export.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>

#include "error.h"
#include "export/atomic_file.h"
#include "export/docx_writer.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "redaction/loaded_plugin.h"
#include "redaction/redactor.h"
#include "redaction/register_store.h"

namespace tessera {
namespace {

std::vector<std::string> TemplateVariables(const std::string& t) {
  std::vector<std::string> names;
  static const std::regex field(R"(\{([^{}]+)\})");
  for (auto it = std::sregex_iterator(t.begin(), t.end(), field); it != std::sregex_iterator(); ++it) names.push_back((*it)[1].str());
  return names;
}

std::string Render(const QuoteExportRequest& request, const std::vector<ExportedQuote>& quotes) {
  const std::string title = "Quotes: " + request.code;
  if (request.format == "md") {
    std::string md = "# " + title + "\n\n";
    for (const auto& q : quotes) {
      std::string quoted = "> ";
      for (char c : q.text) quoted += c == '\n' ? std::string("\n> ") : std::string(1, c);
      md += quoted + "\n>\n> — *" + q.attribution + "*\n\n";
    }
    return md;
  }
  if (request.format == "html") {
    std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
                       "</title><style>body{font-family:'Noto Sans',sans-serif;max-width:45em;margin:2em auto}blockquote{border-left:4px solid #ccc;"
                       "margin:1.5em 0;padding:.2em 1em}cite{display:block;color:#555;margin-top:.5em}</style></head><body>\n<h1>" +
                       HtmlEscape(title) + "</h1>\n";
    for (const auto& q : quotes) {
      html += "<blockquote><p>" + HtmlEscape(q.text) + "</p><cite>— " + HtmlEscape(q.attribution) + "</cite></blockquote>\n";
    }
    return html + "</body></html>\n";
  }
  if (request.format == "csv") {
    std::string csv = CsvLine({"quote", "attribution", "code"});
    for (const auto& q : quotes) csv += CsvLine({q.text, q.attribution, request.code});
    return csv;
  }
  return {};
}

}  // namespace

std::string BuildAttribution(const std::string& t, const std::map<std::string, std::string>& values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < t.size()) {
    const auto open = t.find('{', pos);
    const auto close = open == std::string::npos ? std::string::npos : t.find('}', open);
    if (close == std::string::npos) {
      out += t.substr(pos);
      break;
    }
    out += t.substr(pos, open - pos);
    const auto it = values.find(t.substr(open + 1, close - open - 1));
    out += it == values.end() || it->second.empty() ? "unknown" : it->second;
    pos = close + 1;
  }
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

namespace {

// The quotes of a request, redacted or only attributed, with every refusal but the file's; runs
// inside the caller's transaction.
QuoteExportReport PrepareQuotes(Database& db, const QuoteExportRequest& request, bool redact) {
  QuoteExportReport report;

  // The segments, each span once whoever coded it.
  CodeTree tree(db);
  CodingFilter filter;
  filter.codes = tree.Subtree(tree.Resolve(request.code));
  VariableStore variables(db);
  const auto values = variables.AllDocumentValues();
  std::map<std::int64_t, DocumentInfo> infos;
  for (auto& d : DocumentStore(db).List()) infos[d.id] = d;
  std::set<std::tuple<std::int64_t, std::size_t, std::size_t>> seen;
  std::vector<Coding> segments;
  for (auto& c : CodingStore(db).List(filter)) {
    const auto& vars = values.count(c.document_id) ? values.at(c.document_id) : std::map<std::string, std::string>{};
    bool keep = true;
    for (const auto& [name, allowed] : request.where) {
      const auto v = vars.find(name);
      if (v == vars.end() || std::find(allowed.begin(), allowed.end(), v->second) == allowed.end()) keep = false;
    }
    if (keep && seen.insert({c.document_id, c.start, c.end}).second) segments.push_back(std::move(c));
  }

  // The register (pseudonyms assigned once and kept) and the plugins that see it.
  RegisterStore register_store(db);
  std::vector<RegisterEntry> entries;
  std::optional<PluginHost> host;
  if (redact) {
    entries = register_store.EntriesWithPseudonyms();
    PluginHostOptions options = request.host;
    options.configs["name-list"] = RegisterToJson(entries).dump();
    host.emplace(options);
    host->Discover();
    for (const auto& plugin : host->Plugins()) {
      const bool wanted = request.plugins.empty() ||
                          std::find(request.plugins.begin(), request.plugins.end(), plugin->Id()) != request.plugins.end();
      if (!wanted && plugin->State() == PluginState::Loaded) host->SetEnabled(plugin->Id(), false);
    }
    for (const auto& id : request.plugins) {
      const auto* plugin = host->Find(id);
      if (!plugin) throw DataError("no redaction plugin '" + id + "' was found");
      if (plugin->State() == PluginState::Failed) throw DataError("the plugin '" + id + "' failed: " + plugin->Reason() + "; nothing was exported");
    }
  }

  // How many cases each attribution fits, from the variables the template uses.
  const auto template_vars = TemplateVariables(request.attribution);
  std::map<std::string, std::set<std::int64_t>> cases_by_attribution;
  for (const auto& [id, info] : infos) {
    const auto& vars = values.count(id) ? values.at(id) : std::map<std::string, std::string>{};
    cases_by_attribution[BuildAttribution(request.attribution, vars)].insert(info.case_id ? *info.case_id : -id);
  }

  // What reviewers kept as everyday words, per quote: the project's decisions and its document's.
  std::vector<std::vector<std::string>> rejected_by_quote;
  for (const auto& c : segments) {
    const auto& info = infos.at(c.document_id);
    RedactionResult result;
    if (redact) {
      const auto decisions = register_store.Decisions(c.document_id);
      auto& rejected = rejected_by_quote.emplace_back();
      for (const auto& d : decisions) {
        if (d.verdict == ReviewDecision::Verdict::Reject) rejected.push_back(d.original);
      }
      Redactor redactor(entries, decisions);
      try {
        result = redactor.Redact(*host, c.text, info.language);
      } catch (const DataError& e) {
        throw DataError("redaction failed, nothing was exported: " + e.reason());
      }
    }
    const auto& vars = values.count(c.document_id) ? values.at(c.document_id) : std::map<std::string, std::string>{};
    ExportedQuote q{c.document, result.text, BuildAttribution(request.attribution, vars), c.start, c.end, 0};
    q.cases_matching = static_cast<std::int64_t>(cases_by_attribution[q.attribution].size());
    if (q.cases_matching < request.k) {
      report.warnings.push_back("the attribution \"" + q.attribution + "\" fits only " + std::to_string(q.cases_matching) + " case" +
                                (q.cases_matching == 1 ? "" : "s") + " in the project (k = " + std::to_string(request.k) + ")");
    }
    report.quotes.push_back(std::move(q));
  }
  if (host) {
    for (const auto& plugin : host->Plugins()) {
      if (plugin->State() == PluginState::Loaded) report.plugins.push_back(plugin->Id());
    }
  }
  std::sort(report.warnings.begin(), report.warnings.end());
  report.warnings.erase(std::unique(report.warnings.begin(), report.warnings.end()), report.warnings.end());
  if (!redact) return report;
  if (request.strict && !report.warnings.empty()) {
    throw DataError(report.warnings.front() + "; with --strict nothing was exported");
  }

  // The last line of defence: no original of the register may reach the file.
  for (std::size_t i = 0; i < report.quotes.size(); ++i) {
    const auto& q = report.quotes[i];
    const auto& rejected = rejected_by_quote.at(i);
    for (const auto& leak : LeakCheck(q.text + "\n" + q.attribution, entries)) {
      // A reviewer may have decided that an everyday word ("hope") is not the registered name here.
      const auto found = icu::UnicodeString::fromUTF8(leak.text);
      const bool reviewed_away = leak.ambiguous && std::any_of(rejected.begin(), rejected.end(), [&](const std::string& r) {
        return icu::UnicodeString::fromUTF8(r).caseCompare(found, U_FOLD_CASE_DEFAULT) == 0;
      });
      if (reviewed_away) continue;
      if (leak.ambiguous) {
        throw DataError("'" + leak.text + "' in a quote of " + q.document +
                        " may be a name in the register or the everyday word; review it (accept or reject) before exporting; nothing was exported");
      }
      throw DataError("the leak check found '" + leak.text + "' from the register in the output; nothing was exported");
    }
  }
  return report;
}

}  // namespace

QuoteExportReport AttributeQuotes(Project& project, const QuoteExportRequest& request) {
  Transaction tx(project.Db());
  QuoteExportReport report = PrepareQuotes(project.Db(), request, false);
  tx.Commit();
  return report;
}

QuoteExportReport PreviewQuotes(Project& project, const QuoteExportRequest& request) {
  Transaction tx(project.Db());
  QuoteExportReport report = PrepareQuotes(project.Db(), request, true);
  tx.Commit();  // keeps the pseudonyms just assigned, as an export would
  return report;
}

QuoteExportReport ExportQuotes(Project& project, const QuoteExportRequest& request) {
  static const std::set<std::string> formats = {"docx", "html", "md", "csv"};
  if (!formats.count(request.format)) throw DataError("unknown format '" + request.format + "' (docx, html, md, csv)");
  if (request.output.empty()) throw DataError("name the output file with -o");
  Transaction tx(project.Db());
  QuoteExportReport report = PrepareQuotes(project.Db(), request, true);

  if (request.format == "docx") {
    DocxWriter docx;
    docx.Heading("Quotes: " + request.code, 1);
    for (const auto& q : report.quotes) {
      docx.Quote(q.text);
      docx.Note("— " + q.attribution);
    }
    docx.Save(request.output, "Quotes: " + request.code);
  } else {
    WriteFileAtomically(request.output, Render(request, report.quotes));
  }
  nlohmann::json where = request.where;
  project.Audit("export/quotes", {{"code", request.code},
                                  {"where", where},
                                  {"attribution", request.attribution},
                                  {"k", request.k},
                                  {"quotes", report.quotes.size()},
                                  {"plugins", report.plugins},
                                  {"format", request.format},
                                  {"file", std::filesystem::path(request.output).filename().string()},
                                  {"warnings", report.warnings.size()}});
  tx.Commit();
  return report;
}

}  // namespace tessera
