// init, import, documents, show, check, cases, note: the project and its transcripts.

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "import/importer.h"
#include "search/project_index.h"
#include "project/document_store.h"
#include "project/integrity_check.h"
#include "project/variable_store.h"

namespace tessera::cli {
namespace {

void RegisterInit(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("init", "Create a new, empty project file");
  cmd->add_option("PROJECT", *path, "The project file to create (*.tessera)")->required();
  cmd->callback([path] {
    Project::Create(*path);
    std::cout << "Created " << *path << "\n";
  });
}

void RegisterImport(CLI::App& app) {
  struct Args {
    std::string project;
    std::vector<std::string> paths;
    ImportOptions options;
    std::string coder;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("import", "Import transcripts (txt, docx, odt, srt, vtt; files or folders)");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("FILES", a->paths, "Files or folders to import")->required();
  cmd->add_option("--language", a->options.language, "BCP 47 language of the transcripts (default: guessed per file)");
  cmd->add_option("--encoding", a->options.encoding, "Encoding of .txt/.srt/.vtt files (default: detected)");
  cmd->add_option("--case", a->options.case_name, "Attach the imported documents to this case");
  cmd->add_option("--variables", a->options.variables_csv, "Variables CSV to apply after import");
  cmd->add_option("--turn-pattern", a->options.turn_patterns,
                  "ICU regex for a speaker label at a line start (group 1 = label); repeatable");
  cmd->add_option("--coder", a->coder, "Who is importing (default: $TESSERA_CODER or the login name)");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    TerminalProgress progress;
    const auto outcomes = ImportFiles(project, a->paths, a->options, progress);
    UpdateProjectIndex(project, progress);
    std::size_t imported = 0, skipped = 0;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : outcomes) {
      o.document_id ? ++imported : ++skipped;
      out.push_back({{"file", o.path}, {"name", o.name}, {"imported", o.document_id.has_value()}, {"message", o.message}});
    }
    if (a->output.Json()) {
      PrintJson(out);
    } else {
      std::cout << "Imported " << imported << " transcript" << (imported == 1 ? "" : "s");
      if (skipped) std::cout << ", skipped " << skipped << " already in the project";
      std::cout << "\n";
    }
  });
}

void RegisterDocuments(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto output = std::make_shared<OutputOptions>();
  auto* cmd = app.add_subcommand("documents", "List the documents with their variables");
  cmd->add_option("PROJECT", *path, "The project file")->required();
  AddFormatOption(cmd, *output);
  cmd->callback([path, output] {
    Project project = Project::OpenReadOnly(*path);
    DocumentStore documents(project.Db());
    VariableStore variables(project.Db());
    const auto values = variables.AllDocumentValues();
    std::map<std::int64_t, std::string> case_names;
    for (const auto& c : variables.Cases()) case_names[c.id] = c.name;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : documents.List()) {
      nlohmann::json vars = nlohmann::json::object();
      if (auto it = values.find(d.id); it != values.end()) {
        for (const auto& [k, v] : it->second) vars[k] = v;
      }
      out.push_back({{"name", d.name},
                     {"guid", d.guid},
                     {"language", d.language},
                     {"characters", d.characters},
                     {"turns", d.turn_count},
                     {"case", d.case_id ? nlohmann::json(case_names[*d.case_id]) : nlohmann::json(nullptr)},
                     {"source", d.source_name},
                     {"encoding", d.source_encoding},
                     {"sha256", d.sha256},
                     {"variables", vars}});
    }
    if (output->Json()) return PrintJson(out);
    for (const auto& d : out) {
      std::cout << d["name"].get<std::string>() << "\t" << d["language"].get<std::string>() << "\t"
                << d["characters"].get<std::size_t>() << " characters\t" << d["turns"].get<std::int64_t>() << " turns";
      for (const auto& [k, v] : d["variables"].items()) std::cout << "\t" << k << "=" << v.get<std::string>();
      std::cout << "\n";
    }
  });
}

void RegisterShow(CLI::App& app) {
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  auto* cmd = app.add_subcommand("show", "Print a document's stored text exactly");
  cmd->add_option("PROJECT", a->first, "The project file")->required();
  cmd->add_option("DOCUMENT", a->second, "Document name or GUID")->required();
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->first);
    DocumentStore documents(project.Db());
    std::cout << documents.Text(documents.Resolve(a->second)) << std::flush;
  });
}

void RegisterCheck(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto output = std::make_shared<OutputOptions>();
  auto* cmd = app.add_subcommand("check", "Verify schema, foreign keys, offsets and the audit chain");
  cmd->add_option("PROJECT", *path, "The project file")->required();
  AddFormatOption(cmd, *output);
  cmd->callback([path, output] {
    Project project = Project::OpenReadOnly(*path);
    const auto problems = CheckProject(project);
    if (output->Json()) {
      PrintJson({{"sound", problems.empty()}, {"problems", problems}});
    } else if (problems.empty()) {
      std::cout << *path << ": sound\n";
    } else {
      for (const auto& p : problems) std::cout << *path << ": " << p << "\n";
    }
    if (!problems.empty()) throw DataError(std::to_string(problems.size()) + " problem(s) found", *path);
  });
}

void RegisterCases(CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto output = std::make_shared<OutputOptions>();
  auto* cmd = app.add_subcommand("cases", "List the cases (participants)");
  cmd->add_option("PROJECT", *path, "The project file")->required();
  AddFormatOption(cmd, *output);
  cmd->callback([path, output] {
    Project project = Project::OpenReadOnly(*path);
    VariableStore variables(project.Db());
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : variables.Cases()) {
      out.push_back({{"name", c.name}, {"guid", c.guid}, {"documents", c.documents}, {"variables", variables.CaseValues(c.id)}});
    }
    if (output->Json()) return PrintJson(out);
    for (const auto& c : out) std::cout << c["name"].get<std::string>() << "\t" << c["documents"].get<std::int64_t>() << " documents\n";
  });
}

void RegisterNote(CLI::App& app) {
  struct Args {
    std::string project, document, note;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("content-note", "Set the content note shown before a document opens");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("DOCUMENT", a->document, "Document name or GUID")->required();
  cmd->add_option("NOTE", a->note, "The note (empty removes it)")->required();
  cmd->callback([a] {
    Project project = OpenProject(a->project);
    Transaction tx(project.Db());
    DocumentStore documents(project.Db());
    const auto id = documents.Resolve(a->document);
    documents.SetContentNote(id, a->note);
    project.Audit("document/content-note", {{"document", documents.Info(id).name}});
    tx.Commit();
  });
}

}  // namespace

void RegisterProjectCommands(CLI::App& app) {
  RegisterInit(app);
  RegisterImport(app);
  RegisterDocuments(app);
  RegisterShow(app);
  RegisterCheck(app);
  RegisterCases(app);
  RegisterNote(app);
}

}  // namespace tessera::cli
