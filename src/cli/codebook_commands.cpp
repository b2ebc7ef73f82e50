// codebook PROJECT list|add|rename|move|merge|delete|reorder|set|import|export

#include <iostream>
#include <map>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "project/code_tree.h"

namespace tessera::cli {
namespace {

struct Args {
  std::string project, path, target, name, coder;
  std::string color, description, inclusion, exclusion, example, file;
  std::string codable, sensitive, recode_to;
  bool drop = false;
  std::int64_t position = 0;
  OutputOptions output;
};

// Runs one codebook change in a transaction and records it in the audit log.
template <typename Change>
void Apply(const Args& a, const std::string& action, nlohmann::json detail, Change change) {
  Project project = OpenProject(a.project, a.coder);
  Transaction tx(project.Db());
  CodeTree tree(project.Db());
  change(tree, detail);
  project.Audit("codebook/" + action, detail);
  project.Touch();
  tx.Commit();
}

std::optional<std::int64_t> ParentOf(CodeTree& tree, const std::string& path) {
  if (path.empty() || path == "/") return std::nullopt;
  return tree.Resolve(path);
}

}  // namespace

nlohmann::json CodebookJson(Project& project) {
  CodeTree tree(project.Db());
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;
  for (const auto& [id, c] : tree.Counts()) counts[id] = c;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : tree.All()) {
    out.push_back({{"path", c.path},
                   {"name", c.name},
                   {"guid", c.guid},
                   {"depth", c.depth},
                   {"color", c.color},
                   {"description", c.description},
                   {"inclusion", c.inclusion},
                   {"exclusion", c.exclusion},
                   {"example", c.example},
                   {"codable", c.codable},
                   {"sensitive", c.sensitive},
                   {"codings", counts[c.id].first},
                   {"documents", counts[c.id].second}});
  }
  return out;
}

CLI::App* RegisterCodebookCommands(CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("codebook", "The code tree: list, add, rename, move, merge, delete, reorder, set, import, export");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--coder", a->coder, "Who makes the change");
  cmd->require_subcommand(1);

  auto* list = cmd->add_subcommand("list", "Print the code tree with counts");
  AddFormatOption(list, a->output);
  list->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    const auto tree = CodebookJson(project);
    if (a->output.Json()) return PrintJson(tree);
    for (const auto& c : tree) {
      std::cout << std::string(static_cast<std::size_t>(c["depth"].get<int>()) * 2, ' ') << c["name"].get<std::string>()
                << (c["codable"].get<bool>() ? "" : " (category)") << "  [" << c["codings"].get<std::int64_t>() << " codings, "
                << c["documents"].get<std::int64_t>() << " documents]\n";
    }
  });

  auto* add = cmd->add_subcommand("add", "Add a code by its path (missing parents are created)");
  add->add_option("PATH", a->path, "Code path, A/B/C")->required();
  add->callback([a] {
    Apply(*a, "add", {{"path", a->path}}, [&](CodeTree& tree, nlohmann::json&) {
      if (tree.FindByPath(a->path)) throw DataError("the code '" + a->path + "' already exists");
      tree.EnsurePath(a->path);
    });
  });

  auto* rename = cmd->add_subcommand("rename", "Rename a code");
  rename->add_option("PATH", a->path, "Code path")->required();
  rename->add_option("NAME", a->name, "New name")->required();
  rename->callback([a] {
    Apply(*a, "rename", {{"path", a->path}, {"name", a->name}},
          [&](CodeTree& tree, nlohmann::json&) { tree.Rename(tree.Resolve(a->path), a->name); });
  });

  auto* move = cmd->add_subcommand("move", "Move a code under another parent ('/' for the top level)");
  move->add_option("PATH", a->path, "Code path")->required();
  move->add_option("PARENT", a->target, "New parent path, or /")->required();
  move->callback([a] {
    Apply(*a, "move", {{"path", a->path}, {"parent", a->target}},
          [&](CodeTree& tree, nlohmann::json&) { tree.Move(tree.Resolve(a->path), ParentOf(tree, a->target)); });
  });

  auto* merge = cmd->add_subcommand("merge", "Merge code A into B: A's codings are recoded to B and A is removed");
  merge->add_option("FROM", a->path, "Code path A")->required();
  merge->add_option("INTO", a->target, "Code path B")->required();
  merge->callback([a] {
    Apply(*a, "merge", {{"from", a->path}, {"into", a->target}}, [&](CodeTree& tree, nlohmann::json& detail) {
      detail["codings"] = tree.Merge(tree.Resolve(a->path), tree.Resolve(a->target));
    });
  });

  auto* remove = cmd->add_subcommand("delete", "Delete a code and its children (refused while coded)");
  remove->add_option("PATH", a->path, "Code path")->required();
  remove->add_option("--recode-to", a->recode_to, "Recode its codings to this code first");
  remove->add_flag("--drop-codings", a->drop, "Delete its codings too");
  remove->callback([a] {
    Apply(*a, "delete", {{"path", a->path}}, [&](CodeTree& tree, nlohmann::json& detail) {
      const auto id = tree.Resolve(a->path);
      if (!a->recode_to.empty()) {
        detail["recoded_to"] = a->recode_to;
        detail["codings"] = tree.Delete(id, DeletePolicy::Recode, tree.Resolve(a->recode_to));
      } else {
        detail["codings"] = tree.Delete(id, a->drop ? DeletePolicy::Drop : DeletePolicy::Refuse);
      }
    });
  });

  auto* reorder = cmd->add_subcommand("reorder", "Move a code to a position among its siblings (0 = first)");
  reorder->add_option("PATH", a->path, "Code path")->required();
  reorder->add_option("POSITION", a->position, "New position")->required();
  reorder->callback([a] {
    Apply(*a, "reorder", {{"path", a->path}, {"position", a->position}},
          [&](CodeTree& tree, nlohmann::json&) { tree.Reorder(tree.Resolve(a->path), a->position); });
  });

  auto* set = cmd->add_subcommand("set", "Set a code's colour, definition, criteria, example or flags");
  set->add_option("PATH", a->path, "Code path")->required();
  set->add_option("--color", a->color, "#RRGGBB");
  set->add_option("--description", a->description, "Definition");
  set->add_option("--inclusion", a->inclusion, "Inclusion criteria");
  set->add_option("--exclusion", a->exclusion, "Exclusion criteria");
  set->add_option("--example", a->example, "A typical example");
  set->add_option("--codable", a->codable, "true or false")->check(CLI::IsMember({"true", "false"}));
  set->add_option("--sensitive", a->sensitive, "true masks its passages until the reader asks")->check(CLI::IsMember({"true", "false"}));
  set->callback([a, set] {
    Apply(*a, "set", {{"path", a->path}}, [&](CodeTree& tree, nlohmann::json& detail) {
      Code code = tree.Get(tree.Resolve(a->path));
      auto given = [&](const char* option) { return set->count(option) > 0; };
      if (given("--color")) code.color = a->color;
      if (given("--description")) code.description = a->description;
      if (given("--inclusion")) code.inclusion = a->inclusion;
      if (given("--exclusion")) code.exclusion = a->exclusion;
      if (given("--example")) code.example = a->example;
      if (given("--codable")) code.codable = a->codable == "true";
      if (given("--sensitive")) code.sensitive = a->sensitive == "true";
      tree.UpdateDetails(code);
      detail["fields"] = set->get_options().size();
    });
  });
  return cmd;
}

}  // namespace tessera::cli
