#include "cli_common.h"

#include <unistd.h>

#include <iostream>

#include "error.h"

namespace tessera::cli {

void AddFormatOption(CLI::App* command, OutputOptions& output) {
  command->add_option("--format", output.format, "Output format")->check(CLI::IsMember({"text", "json"}));
}

Project OpenProject(const std::string& path, const std::string& coder) {
  Project project = Project::Open(path);
  if (!coder.empty()) project.SetCurrentUser(coder);
  return project;
}

std::map<std::string, std::vector<std::string>> ParseWhere(const std::vector<std::string>& where) {
  std::map<std::string, std::vector<std::string>> filters;
  for (const auto& w : where) {
    const auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0) throw DataError("--where takes VAR=VALUE, not '" + w + "'");
    filters[w.substr(0, eq)].push_back(w.substr(eq + 1));
  }
  return filters;
}

std::vector<std::string> SplitCommaList(const std::string& list) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) parts.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

void PrintJson(const nlohmann::json& value) {
  std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void TerminalProgress::Report(std::size_t done, std::size_t total, const std::string& label) {
  if (total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (isatty(STDERR_FILENO)) {
    std::cerr << "\r\033[K" << percent << "% " << label << std::flush;
    if (done == total) std::cerr << "\n";
  }
  // Not a terminal (a script, a log): no progress lines, so that a failure is exactly one line on stderr.
}

void TerminalProgress::Message(const std::string& text) {
  if (isatty(STDERR_FILENO)) std::cerr << "\r\033[K";
  std::cerr << text << "\n";
}

}  // namespace tessera::cli
