#pragma once
// Anonymised, safely attributed quotes for reports: the coded segments of a code, redacted by
// the plugins and the project's pseudonym register, each with an attribution built from the
// participant's variables. An attribution that fits fewer than k cases is warned about (or
// refused with `strict`), and a final check refuses to write any output that still holds an
// original from the register. Every export is recorded in the audit log.

#include <map>
#include <string>
#include <vector>

#include "redaction/plugin_host.h"

namespace tessera {

class Project;

/// What to export.
struct QuoteExportRequest {
  std::string code;  ///< code path; its children are included
  std::map<std::string, std::vector<std::string>> where;
  std::string attribution = "{gender}, {age_band}, {role}, {country}";
  int k = 5;
  bool strict = false;
  std::string format;  ///< docx, html, md or csv
  std::string output;
  std::vector<std::string> plugins;  ///< ids to use; empty = every plugin found
  PluginHostOptions host;
};

/// One exported quote.
struct ExportedQuote {
  std::string document, text, attribution;
  std::size_t start = 0, end = 0;
  std::int64_t cases_matching = 0;
};

/// What an export did.
struct QuoteExportReport {
  std::vector<ExportedQuote> quotes;
  std::vector<std::string> warnings;
  std::vector<std::string> plugins;
};

/// Builds the attribution of a document from `template_text`, e.g. "{gender}, {role}".
std::string BuildAttribution(const std::string& template_text, const std::map<std::string, std::string>& values);

/// The quotes `request` selects with their attributions, how many cases each fits and the
/// k warnings, without redacting (every `text` is empty) or writing anything: cheap enough to
/// show the k warning live while the template is typed. `format` and `output` are not used.
QuoteExportReport AttributeQuotes(Project& project, const QuoteExportRequest& request);

/// Everything ExportQuotes does except writing the file and the audit entry: the redacted quotes,
/// warnings and plugins, after the same refusals (so a preview shows what an export would write).
/// Assigns missing pseudonyms, like an export. `format` and `output` are not used.
/// @throws DataError as ExportQuotes.
QuoteExportReport PreviewQuotes(Project& project, const QuoteExportRequest& request);

/// Exports quotes. @throws DataError (nothing written) when a plugin failed, an attribution is too
/// identifying under `strict`, or the leak check finds an original in the output.
QuoteExportReport ExportQuotes(Project& project, const QuoteExportRequest& request);

}  // namespace tessera
