#pragma once
// Shared helpers of the Foundation tests: temporary folders that clean up, reading and writing
// files, running the real tessera-cli with its stdout, stderr and exit status captured, a
// fingerprint of a project's whole content (for "the project is exactly as before"), storage on
// both backends (":memory:" and a file), and small ZIP/docx/odt builders on libzip.

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"
#include "project/schema.h"

namespace tessera::test {

namespace fs = std::filesystem;

/// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() : m_path(fs::temp_directory_path() / ("tessera-test-" + NewGuid())) { fs::create_directories(m_path); }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// The folder.
  const fs::path& Path() const { return m_path; }
  /// A path inside the folder (the file need not exist).
  std::string operator/(const std::string& name) const { return (m_path / name).string(); }

 private:
  fs::path m_path;
};

/// The whole content of a file, as bytes. @throws std::runtime_error when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test: cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Writes `bytes` to `path`, replacing it.
inline void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("test: cannot write " + path);
}

/// A file of the test data folder (tests/data).
inline std::string DataFile(const std::string& relative) { return std::string(TESSERA_TEST_DATA) + "/" + relative; }

/// A file of the demo study (examples/).
inline std::string ExampleFile(const std::string& relative) {
  return std::string(TESSERA_SOURCE_DIR) + "/examples/" + relative;
}

/// What a run of tessera-cli did.
struct CliResult {
  int exit_code = -1;  ///< the exit status, or 128 + signal when it was killed
  int signal = 0;      ///< the signal that ended it, 0 when it exited
  std::string out, err;
  /// The lines of stderr (without their line feeds).
  std::vector<std::string> ErrLines() const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < err.size()) {
      std::size_t end = err.find('\n', start);
      if (end == std::string::npos) end = err.size();
      lines.push_back(err.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }
};

namespace detail {
// Runs tessera-cli with standard input from `in_path`; see RunCli.
inline CliResult RunCliFrom(const std::string& in_path, const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env) {
  TempDir io;
  const std::string out_path = io / "stdout", err_path = io / "stderr";
  std::vector<std::string> argv_storage{TESSERA_CLI};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("test: fork failed");
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    setenv("TESSERA_CODER", "tester", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  CliResult result;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.exit_code = 128 + result.signal;
  }
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}
}  // namespace detail

/// Runs tessera-cli with `args` (no shell), stdin from /dev/null, TESSERA_CODER set to "tester"
/// unless `env` gives another value. Output goes through temporary files, so neither pipe can fill.
inline CliResult RunCli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
  return detail::RunCliFrom("/dev/null", args, env);
}

/// RunCli with `input` on standard input.
inline CliResult RunCliWithInput(const std::vector<std::string>& args, const std::string& input,
                                 const std::map<std::string, std::string>& env = {}) {
  TempDir io;
  const std::string in_path = io / "stdin";
  WriteFile(in_path, input);
  return detail::RunCliFrom(in_path, args, env);
}

namespace detail {
struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
}  // namespace detail

/// Every row of every table of the SQLite file at `path`, with its schema, user_version and
/// application_id, as text. Read through a read-only connection of SQLite's own C API, so it does
/// not depend on the code under test.
inline std::string DumpDatabase(const std::string& path) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    throw std::runtime_error("test: cannot open " + path);
  }
  std::unique_ptr<sqlite3, detail::SqliteCloser> db(raw);
  auto query = [&](const std::string& sql, auto&& each_row) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
      throw std::runtime_error("test: " + sql + ": " + sqlite3_errmsg(db.get()));
    }
    std::unique_ptr<sqlite3_stmt, detail::StatementFinalizer> stmt(s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) each_row(s);
    if (rc != SQLITE_DONE) throw std::runtime_error("test: " + sql + ": " + sqlite3_errmsg(db.get()));
  };
  std::string dump;
  auto column_text = [](sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
      case SQLITE_NULL: return std::string("NULL");
      case SQLITE_INTEGER: return "i:" + std::to_string(sqlite3_column_int64(s, i));
      default: {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
        return "t:" + std::string(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
      }
    }
  };
  query("PRAGMA user_version", [&](sqlite3_stmt* s) { dump += "user_version " + column_text(s, 0) + "\n"; });
  query("PRAGMA application_id", [&](sqlite3_stmt* s) { dump += "application_id " + column_text(s, 0) + "\n"; });
  std::vector<std::string> tables;
  query("SELECT type, name, ifnull(sql, '') FROM sqlite_schema ORDER BY type, name", [&](sqlite3_stmt* s) {
    dump += column_text(s, 0) + " " + column_text(s, 1) + " " + column_text(s, 2) + "\n";
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    if (std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == "table" &&
        !name.starts_with("sqlite_")) {
      tables.push_back(name);
    }
  });
  for (const auto& table : tables) {
    dump += "TABLE " + table + "\n";
    query("SELECT * FROM \"" + table + "\" ORDER BY rowid", [&](sqlite3_stmt* s) {
      for (int i = 0; i < sqlite3_column_count(s); ++i) dump += (i ? "\x1f" : "") + column_text(s, i);
      dump += "\n";
    });
  }
  return dump;
}

/// SHA-256 of DumpDatabase(path): equal before and after means the project did not change.
inline std::string ProjectFingerprint(const std::string& path) { return Sha256Hex(DumpDatabase(path)); }

/// Runs one SQL statement (or several) on the file through SQLite's C API, outside Tessera
/// (creating the file when it does not exist).
inline void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    throw std::runtime_error("test: cannot open " + path);
  }
  std::unique_ptr<sqlite3, detail::SqliteCloser> db(raw);
  char* error = nullptr;
  if (sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("test: " + sql + ": " + message);
  }
}

/// One integer from a query on the file (e.g. a count), through SQLite's C API.
inline std::int64_t RawInt(const std::string& path, const std::string& sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    throw std::runtime_error("test: cannot open " + path);
  }
  std::unique_ptr<sqlite3, detail::SqliteCloser> db(raw);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
    throw std::runtime_error("test: " + sql + ": " + sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, detail::StatementFinalizer> stmt(s);
  if (sqlite3_step(s) != SQLITE_ROW) throw std::runtime_error("test: no row from " + sql);
  return sqlite3_column_int64(s, 0);
}

/// A project store for storage tests: an in-memory Database with the schema (":memory:"), or a
/// Project in a file on disk. The same test runs on both through GENERATE(false, true).
class Store {
 public:
  explicit Store(bool on_disk) {
    if (on_disk) {
      m_dir = std::make_unique<TempDir>();
      m_project.emplace(Project::Create(*m_dir / "store.tessera"));
    } else {
      m_memory.emplace(":memory:", Database::Mode::ReadWriteCreate);
      CreateSchema(*m_memory);
    }
  }
  /// The connection under test.
  Database& Db() { return m_project ? m_project->Db() : *m_memory; }
  /// True for the file backend.
  bool OnDisk() const { return m_project.has_value(); }
  /// The id of user `name`, created when new.
  std::int64_t User(const std::string& name) {
    auto find = Db().Prepare("SELECT id FROM users WHERE name = ?");
    find.Bind(1, name);
    if (find.Step()) return find.Int(0);
    Db().Prepare("INSERT INTO users(guid, name) VALUES(?, ?)").BindAll(NewGuid(), name).Run();
    return Db().LastInsertId();
  }

 private:
  std::unique_ptr<TempDir> m_dir;
  std::optional<Project> m_project;
  std::optional<Database> m_memory;
};

/// A name for Catch's output: which backend a Store runs on.
inline const char* BackendName(bool on_disk) { return on_disk ? "on disk" : "in memory"; }

/// Writes a ZIP archive with these entries (deflated), in order.
inline void WriteZip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!archive) throw std::runtime_error("test: cannot create zip " + path);
  for (const auto& [name, data] : entries) {
    // The buffer source keeps a pointer into `entries`, which outlives zip_close below.
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (!source || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      throw std::runtime_error("test: cannot add " + name + " to " + path);
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    throw std::runtime_error("test: cannot write zip " + path);
  }
}

/// The WordprocessingML namespace declarations a docx body needs.
inline constexpr const char* kWordNamespaces =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

/// A word/document.xml around `body` (the children of w:body).
inline std::string DocxDocumentXml(const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "\n<w:document " +
         kWordNamespaces + "><w:body>" + body + "</w:body></w:document>";
}

/// A paragraph of one run with `text`.
inline std::string DocxParagraph(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

/// Writes a minimal .docx with `document_xml` as word/document.xml and any extra entries.
inline void WriteDocx(const std::string& path, const std::string& document_xml,
                      std::vector<std::pair<std::string, std::string>> extra = {}) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
       R"(<Default Extension="xml" ContentType="application/xml"/></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
       R"(</Relationships>)"},
      {"word/document.xml", document_xml}};
  for (auto& e : extra) entries.push_back(std::move(e));
  WriteZip(path, entries);
}

/// Writes a minimal .odt whose office:text holds `text_body`.
inline void WriteOdt(const std::string& path, const std::string& text_body) {
  const std::string content =
      R"(<?xml version="1.0" encoding="UTF-8"?>)"
      R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
      R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
      R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">)"
      R"(<office:body><office:text>)" +
      text_body + R"(</office:text></office:body></office:document-content>)";
  WriteZip(path, {{"mimetype", "application/vnd.oasis.opendocument.text"},
                  {"META-INF/manifest.xml",
                   R"(<?xml version="1.0" encoding="UTF-8"?><manifest:manifest )"
                   R"(xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">)"
                   R"(<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>)"
                   R"(<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>)"
                   R"(</manifest:manifest>)"},
                  {"content.xml", content}});
}

}  // namespace tessera::test
