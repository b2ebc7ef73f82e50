// REFI-QDA exchange: codebook import/export (.qdc, and the printable .md/.html/.docx),
// export qdpx and import-qdpx.

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "exchange/project_exchange.h"
#include "exchange/qdc_reader.h"
#include "exchange/qdc_writer.h"
#include "exchange/qdpx_reader.h"
#include "exchange/qdpx_writer.h"
#include "export/codebook_document.h"

namespace tessera::cli {
namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void PrintWarnings(const std::string& file, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) std::cerr << file << ": " << w << "\n";
}

}  // namespace

void RegisterExchangeCommands(CLI::App& app, CLI::App& codebook, CLI::App& export_cmd) {
  {
    struct Args {
      std::string project, file, coder;
    };
    auto a = std::make_shared<Args>();
    auto* import = codebook.add_subcommand("import", "Load a REFI-QDA codebook (.qdc) into the project");
    import->add_option("FILE", a->file, "The .qdc file")->required();
    import->callback([a, &codebook] {
      const std::string project_path = codebook.get_option("PROJECT")->as<std::string>();
      const QdcImport read = ReadQdc(a->file);
      Project project = OpenProject(project_path);
      const auto report = ImportCodebook(project, read.codebook, fs::path(a->file).filename().string());
      PrintWarnings(a->file, read.report.warnings);
      PrintWarnings(a->file, report.warnings);
      std::cout << "Codebook " << a->file << ": " << report.codes_added << " codes added, " << report.codes_updated << " updated\n";
    });
    auto b = std::make_shared<Args>();
    auto* exp = codebook.add_subcommand("export", "Write the codebook: .qdc (REFI-QDA) or a printable .md, .html or .docx");
    exp->add_option("FILE", b->file, "The file to write")->required();
    exp->callback([b, &codebook] {
      const std::string project_path = codebook.get_option("PROJECT")->as<std::string>();
      Project project = Project::OpenReadOnly(project_path);
      if (Lower(fs::path(b->file).extension().string()) == ".qdc") WriteQdc(CodebookFromProject(project), b->file);
      else WriteCodebookDocument(project, b->file);
      std::cout << "Wrote " << b->file << "\n";
    });
  }
  {
    struct Args {
      std::string project, file;
    };
    auto a = std::make_shared<Args>();
    auto* qdpx = export_cmd.add_subcommand("qdpx", "Export the project as a REFI-QDA project (.qdpx)");
    qdpx->add_option("PROJECT", a->project, "The project file")->required();
    qdpx->add_option("FILE", a->file, "The .qdpx file to write")->required();
    qdpx->callback([a] {
      Project project = OpenProject(a->project);
      const QdaProject model = ProjectToQda(project);
      WriteQdpx(model, a->file);
      Transaction tx(project.Db());
      project.Audit("export/qdpx", {{"file", fs::path(a->file).filename().string()}, {"sources", model.sources.size()}});
      tx.Commit();
      std::cout << "Wrote " << a->file << " (" << model.sources.size() << " documents)\n";
    });
  }
  {
    struct Args {
      std::string file, project, coder;
      std::vector<std::string> search;
    };
    auto a = std::make_shared<Args>();
    auto* imp = app.add_subcommand("import-qdpx", "Create a project from a REFI-QDA project (.qdpx or .qde)");
    imp->add_option("FILE", a->file, "The .qdpx or .qde file")->required();
    imp->add_option("PROJECT", a->project, "The project file to create")->required();
    imp->add_option("--search", a->search, "Folders to look in for source files the archive lacks");
    imp->add_option("--coder", a->coder, "Who imports");
    imp->callback([a] {
      if (fs::exists(a->project)) throw DataError("a file of that name already exists; choose a new project file", a->project);
      QdpxReadOptions options;
      options.search_folders = a->search;
      const QdpxImport read = ReadQdpx(a->file, options);
      try {
        Project project = Project::Create(a->project);
        if (!a->coder.empty()) project.SetCurrentUser(a->coder);
        const auto report = ImportQdaProject(project, read.project, fs::path(a->file).filename().string());
        PrintWarnings(a->file, read.report.warnings);
        PrintWarnings(a->file, report.warnings);
        std::cout << "Imported " << report.documents << " documents, " << report.codes_added << " codes, " << report.codings << " codings, "
                  << report.memos << " memos, " << report.cases << " cases into " << a->project << "\n";
        if (!read.report.warnings.empty() || !report.warnings.empty()) {
          std::cout << (read.report.warnings.size() + report.warnings.size()) << " things could not be brought over (listed above)\n";
        }
      } catch (...) {
        // Never leave half a project behind.
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(a->project + suffix, ignored);
        throw;
      }
    });
  }
}

}  // namespace tessera::cli
