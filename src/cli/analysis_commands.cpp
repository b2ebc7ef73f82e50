// matrix, segments, cooccurrence: theme matrices, the coded text behind a cell, and code co-occurrence.

#include <filesystem>
#include <iostream>
#include <memory>

#include "analysis/cooccurrence.h"
#include "analysis/drill_down.h"
#include "analysis/theme_matrix.h"
#include "cli_common.h"
#include "error.h"
#include "export/atomic_file.h"
#include "export/matrix_export.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/variable_store.h"

namespace tessera::cli {
namespace {

void PrintMatrixText(const ThemeMatrix& m) {
  std::size_t width = 4;
  for (const auto& r : m.rows) width = std::max(width, r.code.size() + 2);
  width = std::min<std::size_t>(width, 60);
  std::vector<std::string> labels;
  for (const auto& c : m.columns) labels.push_back(ColumnLabel(c, m.request.by));
  std::cout << std::string(width, ' ');
  for (const auto& l : labels) std::cout << "\t" << l;
  std::cout << "\tTotal\n" << std::string(width, ' ');
  for (const auto& c : m.columns) std::cout << "\tn=" << NText(m, c);
  std::cout << "\tn=" << NText(m, m.total_column) << "\n";
  for (const auto& r : m.rows) {
    std::string code = std::string(static_cast<std::size_t>(r.depth) * 2, ' ') + r.code.substr(r.code.rfind('/') == std::string::npos ? 0 : r.code.rfind('/') + 1);
    std::cout << code;
    for (const auto& cell : r.cells) std::cout << "\t" << CellText(m, cell);
    std::cout << "\t" << CellText(m, r.total) << "\n";
  }
  std::cout << "\n" << m.Note() << "\n";
}

void RegisterMatrix(CLI::App& app) {
  struct Args {
    std::string project, by, count = "segments", coder, format = "text", output;
    std::vector<std::string> codes, where;
    bool rollup = false;
    int min_cell = 0;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("matrix", "Theme matrix: codes against participant groups, with small-cell suppression");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--by", a->by, "Variables for the columns, comma-separated (gender,role)")->required();
  cmd->add_option("--count", a->count, "segments, documents, cases or percent-cases")
      ->check(CLI::IsMember({"segments", "documents", "cases", "percent-cases"}));
  cmd->add_option("--codes", a->codes, "Only these code paths (with their children)");
  cmd->add_flag("--rollup", a->rollup, "A parent counts wherever one of its descendants is coded");
  cmd->add_option("--coder", a->coder, "Only this coder's codings");
  cmd->add_option("--where", a->where, "Only documents with VAR=VALUE (repeatable)");
  cmd->add_option("--min-cell", a->min_cell, "Suppress counts below K (reports: 5)")->check(CLI::Range(0, 1000));
  cmd->add_option("--format", a->format, "text, json, csv, xlsx or html")->check(CLI::IsMember({"text", "json", "csv", "xlsx", "html"}));
  cmd->add_option("-o,--output", a->output, "Write to this file (needed for xlsx)");
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    MatrixRequest request;
    request.by = SplitCommaList(a->by);
    request.count = ParseMatrixCount(a->count);
    request.codes = a->codes;
    request.rollup = a->rollup;
    request.coder = a->coder;
    request.min_cell = a->min_cell;
    request.where = ParseWhere(a->where);
    const ThemeMatrix m = BuildThemeMatrix(project, request);
    if (!a->output.empty()) {
      const std::string format = a->format == "text" ? "csv" : a->format;
      WriteMatrix(m, format, a->output);
      std::cerr << "Wrote " << a->output << "\n";
      return;
    }
    if (a->format == "xlsx") throw DataError("XLSX needs an output file: -o FILE.xlsx");
    if (a->format == "json") return PrintJson(MatrixToJson(m));
    if (a->format == "csv") return void(std::cout << MatrixToCsv(m));
    if (a->format == "html") return void(std::cout << MatrixToHtml(m, "Theme matrix"));
    PrintMatrixText(m);
  });
}

void RegisterSegments(CLI::App& app) {
  struct Args {
    std::string project, code, coder;
    std::vector<std::string> where;
    bool exact = false;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("segments", "The coded text behind a matrix cell, with document and attribution");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--code", a->code, "Code path (its children included)")->required();
  cmd->add_option("--where", a->where, "Only documents with VAR=VALUE (repeatable)");
  cmd->add_option("--coder", a->coder, "Only this coder");
  cmd->add_flag("--exact", a->exact, "Leave out the code's children");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    SegmentQuery query;
    query.code = a->code;
    query.exact = a->exact;
    query.where = ParseWhere(a->where);
    query.coder = a->coder;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : SegmentsBehindCell(project, query)) {
      out.push_back({{"document", s.document}, {"start", s.start}, {"end", s.end}, {"code", s.code}, {"coder", s.coder},
                     {"text", s.text}, {"case", s.case_name ? nlohmann::json(*s.case_name) : nlohmann::json(nullptr)},
                     {"variables", s.variables}});
    }
    if (a->output.Json()) return PrintJson(out);
    for (const auto& s : out) {
      std::cout << "── " << s["document"].get<std::string>() << " " << s["start"].get<std::size_t>() << "-" << s["end"].get<std::size_t>()
                << " · " << s["code"].get<std::string>() << " · " << s["coder"].get<std::string>() << "\n"
                << s["text"].get<std::string>() << "\n\n";
    }
    std::cout << out.size() << " segment" << (out.size() == 1 ? "" : "s") << "\n";
  });
}

void RegisterCooccurrence(CLI::App& app) {
  struct Args {
    std::string project, coder, mode = "overlap", format = "text", output;
    std::vector<std::string> codes;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("cooccurrence", "Code co-occurrence: overlapping segments, or documents with both codes");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--codes", a->codes, "Only these code paths (with their children)");
  cmd->add_option("--coder", a->coder, "Only this coder's codings");
  cmd->add_option("--mode", a->mode, "overlap or document")->check(CLI::IsMember({"overlap", "document"}));
  cmd->add_option("--format", a->format, "text, json, csv or html")->check(CLI::IsMember({"text", "json", "csv", "html"}));
  cmd->add_option("-o,--output", a->output, "Write to this file");
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    const auto m = BuildCooccurrence(project, a->codes, a->coder, a->mode == "document" ? CooccurrenceMode::Document : CooccurrenceMode::Overlap);
    std::string text;
    if (a->format == "json") {
      text = nlohmann::json({{"mode", a->mode}, {"codes", m.codes}, {"counts", m.counts}}).dump(2) + "\n";
    } else if (a->format == "html") {
      std::int64_t max = 1;
      for (std::size_t i = 0; i < m.codes.size(); ++i)
        for (std::size_t j = 0; j < m.codes.size(); ++j) if (i != j) max = std::max(max, m.counts[i][j]);
      text = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Code co-occurrence</title><style>td,th{border:1px solid #ccc;padding:3px 6px}"
             "table{border-collapse:collapse}th{font-weight:normal;font-size:small}</style></head><body><h1>Code co-occurrence (" + a->mode + ")</h1><table><tr><th></th>";
      for (const auto& c : m.codes) text += "<th>" + HtmlEscape(c) + "</th>";
      text += "</tr>";
      for (std::size_t i = 0; i < m.codes.size(); ++i) {
        text += "<tr><th>" + HtmlEscape(m.codes[i]) + "</th>";
        for (std::size_t j = 0; j < m.codes.size(); ++j) {
          const int shade = i == j ? 230 : 255 - static_cast<int>(200 * m.counts[i][j] / max);
          text += "<td style=\"background:rgb(255," + std::to_string(shade) + "," + std::to_string(shade) + ")\">" + std::to_string(m.counts[i][j]) + "</td>";
        }
        text += "</tr>";
      }
      text += "</table></body></html>\n";
    } else {
      const bool csv = a->format == "csv";
      std::vector<std::string> header{"code"};
      header.insert(header.end(), m.codes.begin(), m.codes.end());
      text = csv ? CsvLine(header) : "";
      for (std::size_t i = 0; i < m.codes.size(); ++i) {
        std::vector<std::string> line{m.codes[i]};
        for (auto n : m.counts[i]) line.push_back(std::to_string(n));
        if (csv) {
          text += CsvLine(line);
        } else {
          for (std::size_t k = 0; k < line.size(); ++k) text += (k ? "\t" : "") + line[k];
          text += "\n";
        }
      }
    }
    if (a->output.empty()) std::cout << text;
    else WriteFileAtomically(a->output, text);
  });
}

}  // namespace

void RegisterAnalysisCommands(CLI::App& app) {
  RegisterMatrix(app);
  RegisterSegments(app);
  RegisterCooccurrence(app);
}

}  // namespace tessera::cli
