// variables PROJECT import CSV | set | list: typed variables on documents and cases.

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "project/document_store.h"
#include "project/variable_store.h"

namespace tessera::cli {

void RegisterVariableCommands(CLI::App& app) {
  struct Args {
    std::string project, csv, target, name, value, type;
    bool on_case = false;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("variables", "Variables on documents and cases: import, set, list");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->require_subcommand(1);

  auto* import = cmd->add_subcommand("import", "Import a CSV whose first column names a document or a case");
  import->add_option("CSV", a->csv, "The CSV file")->required();
  import->callback([a] {
    Project project = OpenProject(a->project);
    Transaction tx(project.Db());
    const auto report = VariableStore(project.Db()).ImportCsv(a->csv);
    project.Audit("variables/import", {{"file", a->csv}, {"rows", report.rows}, {"values", report.values}});
    project.Touch();
    tx.Commit();
    for (const auto& w : report.warnings) std::cerr << a->csv << ": " << w << "\n";
    std::cout << "Set " << report.values << " values on " << report.rows << " rows\n";
  });

  auto* set = cmd->add_subcommand("set", "Set one variable of a document (or of a case with --case)");
  set->add_option("TARGET", a->target, "Document (or case) name")->required();
  set->add_option("NAME", a->name, "Variable name")->required();
  set->add_option("VALUE", a->value, "Value (empty removes it)")->required();
  set->add_flag("--case", a->on_case, "TARGET names a case");
  set->add_option("--type", a->type, "Type of a new variable: text, category, integer, float, date, boolean");
  set->callback([a] {
    Project project = OpenProject(a->project);
    Transaction tx(project.Db());
    VariableStore variables(project.Db());
    const auto existing = variables.FindVariable(a->name);
    const auto id = existing ? existing->id : variables.EnsureVariable(a->name, a->type.empty() ? VariableType::Category : ParseVariableType(a->type));
    if (a->on_case) {
      auto case_id = variables.FindCase(a->target);
      if (!case_id) throw NotFoundError("no case named '" + a->target + "'");
      variables.SetCaseValue(id, *case_id, a->value);
    } else {
      variables.SetDocumentValue(id, DocumentStore(project.Db()).Resolve(a->target), a->value);
    }
    project.Audit("variables/set", {{"target", a->target}, {"variable", a->name}});
    project.Touch();
    tx.Commit();
  });

  auto* list = cmd->add_subcommand("list", "List the variables with their types and values in use");
  AddFormatOption(list, a->output);
  list->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    VariableStore variables(project.Db());
    std::map<std::string, std::map<std::string, int>> used;
    for (const auto& [doc, values] : variables.AllDocumentValues()) {
      for (const auto& [k, v] : values) ++used[k][v];
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : variables.Variables()) {
      out.push_back({{"name", v.name}, {"guid", v.guid}, {"type", ToString(v.type)}, {"values", used[v.name]}});
    }
    if (a->output.Json()) return PrintJson(out);
    for (const auto& v : out) {
      std::cout << v["name"].get<std::string>() << " (" << v["type"].get<std::string>() << ")";
      for (const auto& [value, n] : v["values"].items()) std::cout << "  " << value << ":" << n.get<int>();
      std::cout << "\n";
    }
  });
}

}  // namespace tessera::cli
