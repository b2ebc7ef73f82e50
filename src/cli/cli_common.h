#pragma once
// Shared pieces of tessera-cli: opening projects, printing JSON or text, the progress printer.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "progress.h"
#include "project/project.h"

namespace tessera::cli {

/// Output format chosen with --format.
struct OutputOptions {
  std::string format = "text";
  bool Json() const { return format == "json"; }
};

/// Adds `--format text|json` to a command.
void AddFormatOption(CLI::App* command, OutputOptions& output);

/// Opens a project for writing, with the acting user set from `coder` (or the default).
Project OpenProject(const std::string& path, const std::string& coder = {});

/// Parses repeated `--where VAR=VALUE` into variable -> accepted values. @throws DataError.
std::map<std::string, std::vector<std::string>> ParseWhere(const std::vector<std::string>& where);

/// Splits "a,b,c" into its non-empty parts (--coders, --by).
std::vector<std::string> SplitCommaList(const std::string& list);

/// Prints JSON, two-space indented, UTF-8 as is.
void PrintJson(const nlohmann::json& value);

/// Progress on stderr, one line rewritten in place when stderr is a terminal.
class TerminalProgress : public ProgressSink {
 public:
  void Report(std::size_t done, std::size_t total, const std::string& label) override;
  void Message(const std::string& text) override;
};

/// Registers one command group; each lives in its own file.
void RegisterProjectCommands(CLI::App& app);   // init, import, documents, show, check, cases
void RegisterVariableCommands(CLI::App& app);  // variables
void RegisterCodingCommands(CLI::App& app);    // code, codings, uncode, memo
CLI::App* RegisterCodebookCommands(CLI::App& app);  // codebook (returns it for import/export)
void RegisterAnalysisCommands(CLI::App& app);  // matrix, segments, cooccurrence
void RegisterSecurityCommands(CLI::App& app);  // backup, restore, seal, unseal
void RegisterAgreementCommands(CLI::App& app); // agreement, agreement-data, merge, disagreements, reconcile
void RegisterRedactionCommands(CLI::App& app, CLI::App& export_cmd);  // register, redact, export quotes
void RegisterSearchCommands(CLI::App& app);   // search, index
/// codebook import/export, export qdpx, import-qdpx
void RegisterExchangeCommands(CLI::App& app, CLI::App& codebook, CLI::App& export_cmd);

}  // namespace tessera::cli
