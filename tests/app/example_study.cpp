#include "example_study.h"

#include <map>
#include <vector>

#include "error.h"
#include "import/csv_reader.h"
#include "import/importer.h"
#include "progress.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace tessera::app::test {
namespace {

void RemoveProject(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  fs::remove_all(path.string() + ".xapian");
}

fs::path BuildOnce() {
  static const fs::path built = [] {
    const fs::path source = TESSERA_SOURCE_DIR;
    const fs::path path = OutputFolder() / "example-study.tessera";
    RemoveProject(path);
    {
      Project project = Project::Create(path.string());
      project.SetCurrentUser("lead");
      ImportOptions options;
      options.variables_csv = (source / "examples/variables.csv").string();
      NullProgress progress;
      ImportFiles(project, {(source / "examples/transcripts").string()}, options, progress);
    }
    ImportCodingsCsv(path, source / "examples/codings.csv");
    return path;
  }();
  return built;
}

}  // namespace

fs::path OutputFolder() {
  const fs::path folder = fs::path(TESSERA_APP_TEST_OUTPUT) / "output";
  fs::create_directories(folder);
  return folder;
}

fs::path ExampleStudyCopy(const std::string& name) {
  const fs::path base = BuildOnce();
  const fs::path copy = OutputFolder() / (name + ".tessera");
  RemoveProject(copy);
  fs::copy_file(base, copy);
  return copy;
}

void ImportCodingsCsv(const fs::path& path, const fs::path& csv) {
  const CsvRows rows = ReadCsvFile(csv.string());
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < rows[0].size(); ++c) column[rows[0][c]] = c;
  Project project = Project::Open(path.string());
  Transaction tx(project.Db());
  DocumentStore documents(project.Db());
  CodeTree tree(project.Db());
  CodingStore codings(project.Db());
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto document = documents.Resolve(row[column["document"]]);
    const std::string text = documents.Text(document);
    const std::string quote = row[column["quote"]];
    const auto at = text.find(quote);
    if (at == std::string::npos)
      throw DataError("quote not found on line " + std::to_string(r + 1), csv.string());
    const std::size_t start = utf8::CodePointCount(std::string_view(text).substr(0, at));
    codings.Add(document, start, start + utf8::CodePointCount(quote),
                tree.EnsurePath(row[column["code"]]), project.EnsureUser(row[column["coder"]]));
  }
  tx.Commit();
}

}  // namespace tessera::app::test
