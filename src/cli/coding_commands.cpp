// code, codings, import-codings, uncode, memo: applying codes to text and listing them.

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "import/csv_reader.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/memo_store.h"
#include "text/utf8.h"

namespace tessera::cli {
namespace {

nlohmann::json CodingJson(const Coding& c) {
  return {{"id", c.id},     {"guid", c.guid}, {"document", c.document}, {"start", c.start}, {"end", c.end},
          {"code", c.code}, {"coder", c.coder}, {"text", c.text}, {"memo", c.memo}};
}

void RegisterCode(CLI::App& app) {
  struct Args {
    std::string project, document, code, coder, memo;
    std::size_t start = 0, end = 0;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("code", "Apply a code to [START, END) code points of a document (missing codes are created)");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("DOCUMENT", a->document, "Document name or GUID")->required();
  cmd->add_option("START", a->start, "First code point (0-based)")->required();
  cmd->add_option("END", a->end, "End code point (exclusive)")->required();
  cmd->add_option("CODE", a->code, "Code path, A/B/C")->required();
  cmd->add_option("--coder", a->coder, "Coder name (default: $TESSERA_CODER or the login name)");
  cmd->add_option("--memo", a->memo, "A memo on the coding");
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    const auto document = DocumentStore(project.Db()).Resolve(a->document);
    bool created = false;
    const auto code = CodeTree(project.Db()).EnsurePath(a->code, &created);
    const auto [id, is_new] = CodingStore(project.Db()).Add(document, a->start, a->end, code, project.CurrentUserId(), a->memo);
    project.Audit("coding/apply", {{"document", a->document}, {"start", a->start}, {"end", a->end}, {"code", a->code}});
    project.Touch();
    tx.Commit();
    std::cout << (is_new ? "Coded " : "Already coded ") << a->document << " " << a->start << "-" << a->end << " as " << a->code
              << (created ? " (new code)" : "") << " by " << project.CurrentUser() << " [coding " << id << "]\n";
  });
}

void RegisterCodings(CLI::App& app) {
  struct Args {
    std::string project, code, coder, document;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("codings", "List codings with their text");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--code", a->code, "Only this code and its children");
  cmd->add_option("--coder", a->coder, "Only this coder");
  cmd->add_option("--document", a->document, "Only this document");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    CodingFilter filter;
    if (!a->code.empty()) {
      CodeTree tree(project.Db());
      filter.codes = tree.Subtree(tree.Resolve(a->code));
    }
    if (!a->coder.empty()) {
      auto stmt = project.Db().Prepare("SELECT id FROM users WHERE name = ?");
      stmt.Bind(1, a->coder);
      filter.coders = {stmt.Step() ? stmt.Int(0) : -1};
    }
    if (!a->document.empty()) filter.documents = {DocumentStore(project.Db()).Resolve(a->document)};
    const auto codings = CodingStore(project.Db()).List(filter);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : codings) out.push_back(CodingJson(c));
    if (a->output.Json()) return PrintJson(out);
    for (const auto& c : codings) {
      std::cout << c.document << "\t" << c.start << "-" << c.end << "\t" << c.code << "\t" << c.coder << "\t" << c.text << "\n";
    }
  });
}

void RegisterImportCodings(CLI::App& app) {
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  auto* cmd = app.add_subcommand("import-codings",
                                 "Apply codings from a CSV: document,code,coder and either quote (first occurrence) or start,end");
  cmd->add_option("PROJECT", a->first, "The project file")->required();
  cmd->add_option("CSV", a->second, "The CSV file")->required();
  cmd->callback([a] {
    const CsvRows rows = ReadCsvFile(a->second);
    std::map<std::string, std::size_t> column;
    for (std::size_t c = 0; c < rows[0].size(); ++c) column[rows[0][c]] = c;
    for (const char* needed : {"document", "code", "coder"}) {
      if (!column.count(needed)) throw DataError(std::string("the CSV has no '") + needed + "' column", a->second);
    }
    const bool by_quote = column.count("quote") > 0;
    if (!by_quote && !(column.count("start") && column.count("end"))) {
      throw DataError("the CSV needs a 'quote' column or 'start' and 'end' columns", a->second);
    }
    Project project = OpenProject(a->first);
    Transaction tx(project.Db());
    DocumentStore documents(project.Db());
    CodeTree tree(project.Db());
    CodingStore codings(project.Db());
    std::size_t added = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      auto cell = [&](const char* name) { return column[name] < row.size() ? row[column[name]] : std::string(); };
      const std::string where = "line " + std::to_string(r + 1);
      try {
        const auto document = documents.Resolve(cell("document"));
        std::size_t start = 0, end = 0;
        if (by_quote) {
          const std::string text = documents.Text(document);
          const std::string quote = cell("quote");
          const auto at = quote.empty() ? std::string::npos : text.find(quote);
          if (at == std::string::npos) throw DataError("the quote is not in '" + cell("document") + "'");
          start = utf8::CodePointCount(std::string_view(text).substr(0, at));
          end = start + utf8::CodePointCount(quote);
        } else {
          start = std::stoull(cell("start"));
          end = std::stoull(cell("end"));
        }
        const auto code = tree.EnsurePath(cell("code"));
        if (codings.Add(document, start, end, code, project.EnsureUser(cell("coder"))).second) ++added;
      } catch (const DataError& e) {
        throw DataError(where + ": " + e.reason(), a->second);
      } catch (const std::logic_error&) {
        throw DataError(where + ": start and end must be whole numbers", a->second);
      }
    }
    project.Audit("coding/import", {{"file", std::filesystem::path(a->second).filename().string()}, {"codings", added}});
    project.Touch();
    tx.Commit();
    std::cout << "Added " << added << " codings\n";
  });
}

void RegisterUncode(CLI::App& app) {
  struct Args {
    std::string project, coder;
    std::int64_t id = 0;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("uncode", "Remove a coding by its id");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("CODING", a->id, "Coding id (see codings --format json)")->required();
  cmd->add_option("--coder", a->coder, "Who removes it");
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    CodingStore codings(project.Db());
    const Coding c = codings.Get(a->id);
    codings.Remove(a->id);
    project.Audit("coding/remove", {{"document", c.document}, {"start", c.start}, {"end", c.end}, {"code", c.code}, {"coder", c.coder}});
    project.Touch();
    tx.Commit();
  });
}

void RegisterMemo(CLI::App& app) {
  struct Args {
    std::string project, document, code, text, title, coder;
    std::int64_t coding = -1;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("memo", "Memos on the project, documents, codes and codings");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->require_subcommand(1);
  auto* add = cmd->add_subcommand("add", "Add a memo");
  add->add_option("TEXT", a->text, "The memo")->required();
  add->add_option("--title", a->title, "A title");
  add->add_option("--document", a->document, "On this document");
  add->add_option("--code", a->code, "On this code");
  add->add_option("--coding", a->coding, "On this coding id");
  add->add_option("--coder", a->coder, "Author");
  add->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    Transaction tx(project.Db());
    std::string kind = "project";
    std::optional<std::int64_t> target;
    if (!a->document.empty()) kind = "document", target = DocumentStore(project.Db()).Resolve(a->document);
    else if (!a->code.empty()) kind = "code", target = CodeTree(project.Db()).Resolve(a->code);
    else if (a->coding >= 0) kind = "coding", target = CodingStore(project.Db()).Get(a->coding).id;
    MemoStore(project.Db()).Add(kind, target, project.CurrentUserId(), a->title, a->text);
    project.Audit("memo/add", {{"on", kind}});
    tx.Commit();
  });
  auto* list = cmd->add_subcommand("list", "List memos");
  AddFormatOption(list, a->output);
  list->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : MemoStore(project.Db()).List()) {
      out.push_back({{"guid", m.guid}, {"on", m.target_kind}, {"target", m.target_id ? nlohmann::json(*m.target_id) : nlohmann::json(nullptr)},
                     {"author", m.author}, {"title", m.title}, {"text", m.text}, {"modified", m.modified_at}});
    }
    if (a->output.Json()) return PrintJson(out);
    for (const auto& m : out) std::cout << m["on"].get<std::string>() << "\t" << m["author"].get<std::string>() << "\t" << m["text"].get<std::string>() << "\n";
  });
}

}  // namespace

void RegisterCodingCommands(CLI::App& app) {
  RegisterCode(app);
  RegisterCodings(app);
  RegisterImportCodings(app);
  RegisterUncode(app);
  RegisterMemo(app);
}

}  // namespace tessera::cli
