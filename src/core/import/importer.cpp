#include "import/importer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "error.h"
#include "import/csv_reader.h"
#include "import/language_guess.h"
#include "import/office_reader.h"
#include "import/subtitle_reader.h"
#include "progress.h"
#include "project/identity.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "text/encoding.h"
#include "text/normalize.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

// Transcripts are text; a 256 MiB "transcript" is a mistake or an attack.
constexpr std::uintmax_t kMaxFileBytes = 256ull << 20;

std::string Extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("cannot be read (permission?)", path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Attaches subtitle timings to the turns that contain them.
void TimeTurns(std::vector<Turn>& turns, const std::vector<TimedCue>& cues) {
  for (auto& turn : turns) {
    for (const auto& cue : cues) {
      if (cue.end > turn.start && cue.start < turn.end) {
        if (!turn.time_start_ms) turn.time_start_ms = cue.start_ms;
        turn.time_end_ms = cue.end_ms;
      }
    }
  }
}

}  // namespace

const std::vector<std::string>& SupportedExtensions() {
  static const std::vector<std::string> extensions = {".txt", ".text", ".md", ".docx", ".odt", ".srt", ".vtt"};
  return extensions;
}

std::vector<std::string> CollectImportFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  const auto& supported = SupportedExtensions();
  auto is_supported = [&](const std::string& p) {
    return std::find(supported.begin(), supported.end(), Extension(p)) != supported.end();
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw DataError("no such file or folder", path);
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with(".")) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && is_supported(it->path().string())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      if (!is_supported(path)) {
        throw DataError("unsupported file type '" + Extension(path) + "' (txt, docx, odt, srt, vtt)", path);
      }
      files.push_back(path);
    }
  }
  return files;
}

PreparedDocument PrepareDocument(const std::string& path, const ImportOptions& options, const TurnDetector& detector) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw DataError("no such file", path);
  if (!fs::is_regular_file(path, ec)) throw DataError("not a regular file", path);
  const auto size = fs::file_size(path, ec);
  if (ec) throw DataError("cannot be read: " + ec.message(), path);
  if (size == 0) throw DataError("the file is empty", path);
  if (size > kMaxFileBytes) throw DataError("the file is too large for a transcript (over 256 MiB)", path);

  const std::string ext = Extension(path);
  const std::string bytes = ReadBytes(path);
  RawTranscript raw;
  if (ext == ".docx") {
    raw = ReadDocx(path);
  } else if (ext == ".odt") {
    raw = ReadOdt(path);
  } else {
    const DecodedText decoded = DecodeText(bytes, options.encoding, path);
    if (ext == ".srt" || ext == ".vtt") {
      raw = ParseSubtitles(decoded.utf8, ext == ".vtt", path);
    } else {
      raw.text = decoded.utf8;
      raw.format = "txt";
    }
    raw.encoding = decoded.encoding;
  }
  PreparedDocument prepared;
  prepared.path = path;
  prepared.format = raw.format;
  NewDocument& doc = prepared.document;
  try {
    doc.text = NormalizeStoredText(raw.text);
  } catch (const DataError& e) {
    throw DataError(e.reason(), path);
  }
  if (TrimWhitespace(doc.text).empty()) throw DataError("the file has no text", path);
  doc.name = fs::path(path).stem().string();
  doc.source_name = fs::path(path).filename().string();
  doc.source_encoding = raw.encoding;
  doc.source_sha256 = Sha256Hex(bytes);
  doc.language = options.language.empty() ? GuessLanguage(doc.text) : options.language;
  doc.turns = detector.Detect(doc.text);
  TimeTurns(doc.turns, raw.cues);
  return prepared;
}

std::vector<ImportOutcome> ImportFiles(Project& project, const std::vector<std::string>& paths,
                                       const ImportOptions& options, ProgressSink& progress) {
  const auto files = CollectImportFiles(paths);
  if (files.empty()) throw DataError("no transcripts (txt, docx, odt, srt, vtt) found", paths.empty() ? "" : paths.front());
  const TurnDetector detector = options.turn_patterns.empty() ? TurnDetector() : TurnDetector(options.turn_patterns);
  // The variables file is checked for form before any transcript is read, so a bad CSV costs nothing.
  if (!options.variables_csv.empty()) ReadCsvFile(options.variables_csv);

  std::vector<PreparedDocument> prepared;
  prepared.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (progress.CancelRequested()) throw Cancelled();
    progress.Report(i, files.size() * 2, "reading " + fs::path(files[i]).filename().string());
    prepared.push_back(PrepareDocument(files[i], options, detector));
  }

  Database& db = project.Db();
  Transaction tx(db);
  DocumentStore documents(db);
  VariableStore variables(db);
  const std::int64_t user = project.CurrentUserId();
  std::optional<std::int64_t> case_id;
  if (!options.case_name.empty()) case_id = variables.EnsureCase(options.case_name);
  std::vector<ImportOutcome> outcomes;
  std::set<std::string> batch_shas;
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    if (progress.CancelRequested()) throw Cancelled();
    auto& p = prepared[i];
    progress.Report(files.size() + i, files.size() * 2, "storing " + p.document.name);
    ImportOutcome outcome{p.path, p.document.name, std::nullopt, false, {}};
    const std::string text_sha = Sha256Hex(p.document.text);
    std::optional<std::int64_t> existing = documents.FindBySha(p.document.source_sha256);
    if (!existing) existing = documents.FindBySha(text_sha);
    if (existing || batch_shas.count(text_sha)) {
      outcome.skipped_duplicate = true;
      outcome.message = existing ? "already in the project as '" + documents.Info(*existing).name + "'; skipped"
                                 : "the same text as another file in this import; skipped";
      progress.Message(p.path + ": " + outcome.message);
      outcomes.push_back(outcome);
      continue;
    }
    batch_shas.insert(text_sha);
    const std::int64_t id = documents.Add(p.document, user);
    if (case_id) documents.SetCase(id, case_id);
    outcome.document_id = id;
    outcome.name = documents.Info(id).name;
    project.Audit("document/import", {{"file", p.document.source_name},
                                      {"document", outcome.name},
                                      {"guid", documents.Info(id).guid},
                                      {"sha256", text_sha},
                                      {"encoding", p.document.source_encoding},
                                      {"format", p.format}});
    outcomes.push_back(outcome);
  }
  if (!options.variables_csv.empty()) {
    const auto report = variables.ImportCsv(options.variables_csv);
    for (const auto& w : report.warnings) progress.Message(options.variables_csv + ": " + w);
    project.Audit("variables/import", {{"file", fs::path(options.variables_csv).filename().string()}, {"rows", report.rows}});
  }
  project.Touch();
  tx.Commit();
  progress.Report(files.size() * 2, files.size() * 2, "done");
  return outcomes;
}

}  // namespace tessera
