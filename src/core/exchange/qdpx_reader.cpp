#include "exchange/qdpx_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "exchange/refi_values.h"
#include "exchange/refi_xml.h"
#include "exchange/source_text_mapper.h"
#include "project/identity.h"
#include "text/encoding.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {
namespace {

namespace fs = std::filesystem;
using refi::GuidKind;

constexpr const char* kProjectNamespace = "urn:QDA-XML:project:1.0";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (utf8::CodePointCount(text) <= kMax) return "“" + std::string(text) + "”";
  return "“" + std::string(utf8::SubstrCodePoints(text, 0, kMax)) + "…”";
}

std::string FileName(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string Stem(std::string_view path) {
  std::string name = FileName(path);
  if (const auto dot = name.find_last_of('.'); dot != std::string::npos && dot > 0) name.erase(dot);
  return name;
}

// Reads an xsd:integer leniently (white space, a plus sign); nullopt when it is not one.
std::optional<std::int64_t> ParseInteger(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  if (text.starts_with('+')) text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// White space runs collapsed to one space and trimmed: names that hold excerpt text often have
// their line breaks flattened.
std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  bool space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = utf8::Next(text, pos);
    if (cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0xA0) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(text.substr(start, pos - start));
  }
  return out;
}

// Finds `relative` (with `/` separators) below `folder`, matching each component ignoring ASCII
// case, as ZIP names written on Windows often differ in case from the XML.
std::optional<fs::path> FindCaseInsensitive(const fs::path& folder, std::string_view relative) {
  fs::path current = folder;
  std::error_code ec;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string part(relative.substr(start, end - start));
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (fs::exists(current / part, ec)) {
      current /= part;
      continue;
    }
    std::optional<fs::path> match;
    for (fs::directory_iterator it(current, ec), last; !ec && it != last; it.increment(ec)) {
      if (Lower(it->path().filename().string()) == Lower(part)) {
        match = it->path();
        break;
      }
    }
    if (!match) return std::nullopt;
    current = *match;
  }
  if (!fs::is_regular_file(current, ec)) return std::nullopt;
  return current;
}

// Where the files a project names can come from: the archive (or the folder of a bare .qde),
// the original places of external files, and the folders the user pointed at.
class SourceFiles {
 public:
  SourceFiles(const std::string& project_path, const ZipArchive* archive, std::string entry_folder,
              std::string base_path, const QdpxReadOptions& options, refi::WarningLog& log)
      : m_archive(archive),
        m_entry_folder(std::move(entry_folder)),
        m_folder(fs::absolute(fs::path(project_path)).parent_path()),
        m_base_path(std::move(base_path)),
        m_options(options),
        m_log(log) {}

  // The bytes of the file that `reference` (a plainTextPath) names, or nullopt with `problem` set.
  std::optional<std::string> Read(const std::string& reference, std::string& problem) {
    const auto scheme_end = reference.find("://");
    const std::string scheme =
        scheme_end == std::string::npos ? std::string() : Lower(reference.substr(0, scheme_end));
    const std::string rest =
        scheme_end == std::string::npos ? reference : reference.substr(scheme_end + 3);
    if (scheme.empty() || scheme == "internal") {
      if (scheme.empty() && !m_warned_plain_names) {
        m_warned_plain_names = true;
        m_log.Add("path", "source paths without “internal://” (such as " + Quoted(reference) +
                              ") were read as files inside the project");
      }
      return ReadInternal(rest, problem);
    }
    if (scheme == "relative" || scheme == "absolute" || scheme == "file") {
      return ReadExternal(scheme, rest, problem);
    }
    problem = "its path " + Quoted(reference) + " uses an unknown scheme";
    return std::nullopt;
  }

 private:
  std::optional<std::string> ReadInternal(const std::string& name, std::string& problem) {
    if (!IsSafeEntryName(name)) {
      problem = "its path " + Quoted(name) + " leaves the project";
      return std::nullopt;
    }
    if (m_archive) {
      for (const std::string& candidate :
           {m_entry_folder + "sources/" + name, m_entry_folder + name}) {
        if (const auto entry = m_archive->FindCaseInsensitive(candidate))
          return m_archive->Read(*entry);
      }
    } else {
      for (const std::string& candidate : {"sources/" + name, name}) {
        if (const auto file = FindCaseInsensitive(m_folder, candidate))
          return ReadDiskFile(*file, problem);
      }
    }
    if (auto found = SearchFolders(name, problem)) return found;
    if (problem.empty()) {
      problem = "its file " + Quoted(name) +
                (m_archive ? " is not in the archive" : " is not beside the project");
    }
    return std::nullopt;
  }

  std::optional<std::string> ReadExternal(const std::string& scheme, const std::string& rest,
                                          std::string& problem) {
    if (!m_options.read_external_files) {
      problem = "it is an external file (" + scheme + "://" + rest +
                ") and reading external files is off";
      return std::nullopt;
    }
    if (Lower(fs::path(rest).extension().string()) != ".txt") {
      problem = "it is an external file that is not a .txt (" + Quoted(rest) + ")";
      return std::nullopt;
    }
    std::vector<fs::path> candidates;
    if (scheme == "relative") {
      std::string base = m_base_path;
      if (const auto pos = base.find("://"); pos != std::string::npos) base = base.substr(pos + 3);
      if (!base.empty()) candidates.push_back(fs::path(base) / rest);
      candidates.push_back(m_folder / rest);
    } else {
      // absolute:///C:/dir/file.txt and absolute:///home/… both arrive here with one leading slash.
      std::string local = rest;
      if (local.size() > 3 && local[0] == '/' && local[2] == ':') local.erase(0, 1);
      candidates.push_back(fs::path(local));
    }
    candidates.push_back(m_folder / FileName(rest));
    std::error_code ec;
    for (const auto& candidate : candidates) {
      if (fs::is_regular_file(candidate, ec)) {
        auto bytes = ReadDiskFile(candidate, problem);
        if (bytes) {
          m_log.Add("external", "the external file " + Quoted(candidate.string()) + " was read");
        }
        return bytes;
      }
    }
    if (auto found = SearchFolders(FileName(rest), problem)) return found;
    if (problem.empty())
      problem = "its external file " + Quoted(scheme + "://" + rest) + " was not found";
    return std::nullopt;
  }

  std::optional<std::string> SearchFolders(const std::string& name, std::string& problem) {
    for (const auto& folder : m_options.search_folders) {
      for (const std::string& candidate : {FileName(name), "sources/" + FileName(name)}) {
        if (const auto file = FindCaseInsensitive(fs::path(folder), candidate))
          return ReadDiskFile(*file, problem);
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> ReadDiskFile(const fs::path& file, std::string& problem) {
    try {
      return refi::ReadWholeFile(file.string(), m_options.limits.max_entry_bytes);
    } catch (const DataError& e) {
      problem = "its file " + Quoted(file.string()) + " could not be read (" + e.reason() + ")";
      return std::nullopt;
    }
  }

  const ZipArchive* m_archive;
  std::string
      m_entry_folder;  // folder of the .qde inside the archive, with a trailing slash, or empty
  fs::path m_folder;
  std::string m_base_path;
  const QdpxReadOptions& m_options;
  refi::WarningLog& m_log;
  bool m_warned_plain_names = false;
};

// Reads one project document into the model; lives for one ReadQdpx call.
class ProjectReader {
 public:
  ProjectReader(const std::string& path, const QdpxReadOptions& options)
      : m_path(path), m_options(options) {}

  QdpxImport Read() {
    std::string xml;
    std::string entry;
    std::unique_ptr<ZipArchive> archive;
    if (LooksLikeXml()) {
      xml = refi::ReadWholeFile(m_path, m_options.limits.max_entry_bytes);
      const std::string extension = Lower(fs::path(m_path).extension().string());
      if (extension != ".qde" && extension != ".xml") {
        m_log.Add("container",
                  "the file is a bare project XML, not a ZIP archive; it was read as a .qde");
      }
    } else {
      archive = std::make_unique<ZipArchive>(m_path, m_options.limits);
      entry = FindQde(*archive);
      xml = archive->Read(entry);
    }
    pugi::xml_document doc;
    refi::LoadXml(doc, xml, m_path, entry);
    const pugi::xml_node root = doc.document_element();
    if (refi::LocalName(root) != "Project") {
      const std::string hint =
          refi::LocalName(root) == "CodeBook" ? " (this is a codebook; import it as .qdc)" : "";
      throw DataError((entry.empty() ? "" : entry + ": ") +
                          "not a REFI-QDA project: the root element is <" + root.name() + ">" +
                          hint,
                      m_path);
    }
    refi::CheckNamespace(root, "urn:QDA-XML:project:", kProjectNamespace, m_log);
    const std::string entry_folder =
        entry.substr(0, entry.find_last_of('/') + 1);  // empty at the root
    SourceFiles files(m_path, archive.get(), entry_folder, refi::Attribute(root, "basePath"),
                      m_options, m_log);
    m_files = &files;
    ReadProject(root);
    Resolve();
    m_files = nullptr;
    QdpxImport result;
    result.project = std::move(m_project);
    result.report.warnings = m_log.Lines();
    return result;
  }

 private:
  bool LooksLikeXml() const {
    std::ifstream in(m_path, std::ios::binary);
    if (!in) return false;  // ZipArchive reports the missing file
    char head[64] = {};
    in.read(head, sizeof head);
    std::string_view text(head, static_cast<std::size_t>(in.gcount()));
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
      text.remove_prefix(1);
    return text.starts_with('<');
  }

  std::string FindQde(const ZipArchive& archive) {
    std::vector<std::string> at_root;
    std::vector<std::string> deeper;
    for (const auto& name : archive.Names()) {
      if (!Lower(name).ends_with(".qde")) continue;
      (name.find('/') == std::string::npos ? at_root : deeper).push_back(name);
    }
    if (at_root.empty() && deeper.size() == 1) {
      // A zipped project folder: read it, with its sources beside it.
      m_log.Add("container",
                "the project file is " + deeper.front() + " instead of project.qde at the root");
      return deeper.front();
    }
    if (at_root.empty()) throw DataError("the archive holds no project.qde at its root", m_path);
    if (at_root.size() > 1) {
      const auto standard = std::find_if(at_root.begin(), at_root.end(), [](const std::string& n) {
        return Lower(n) == "project.qde";
      });
      if (standard == at_root.end()) {
        throw DataError("the archive holds " + std::to_string(at_root.size()) +
                            " .qde files at its root and none is project.qde",
                        m_path);
      }
      m_log.Add("container", "the archive holds several .qde files; " + *standard + " was read");
      return *standard;
    }
    if (Lower(at_root.front()) != "project.qde") {
      m_log.Add("container",
                "the project file is named " + at_root.front() + " instead of project.qde");
    }
    return at_root.front();
  }

  std::string Time(const pugi::xml_node& node, const char* attribute, const std::string& what) {
    const std::string raw = refi::Attribute(node, attribute);
    if (raw.empty()) return {};
    if (auto time = ParseRefiDateTime(raw)) return *time;
    m_log.Add("time", what + ": the time " + Quoted(raw) + " could not be read and was dropped");
    return {};
  }

  std::string UserRef(const pugi::xml_node& node, const char* attribute) {
    return StripGuid(refi::Attribute(node, attribute));
  }

  std::string Description(const pugi::xml_node& node) {
    const pugi::xml_node description = refi::FirstChild(node, "Description");
    return description ? refi::ElementText(description) : std::string();
  }

  std::vector<std::string> NoteRefs(const pugi::xml_node& node) {
    std::vector<std::string> refs;
    for (const auto& ref : refi::Children(node, "NoteRef"))
      refs.push_back(StripGuid(refi::Attribute(ref, "targetGUID")));
    return refs;
  }

  void ReadProject(const pugi::xml_node& root) {
    m_project.name = refi::Attribute(root, "name");
    m_project.origin = refi::Attribute(root, "origin");
    m_project.creating_user_guid = UserRef(root, "creatingUserGUID");
    m_project.creation_time = Time(root, "creationDateTime", "the project");
    m_counting = CountingForOrigin(m_project.origin);

    for (const auto& user : refi::Children(refi::FirstChild(root, "Users"), "User")) {
      QdaUser u;
      u.name = refi::Attribute(user, "name");
      if (u.name.empty()) u.name = refi::Attribute(user, "id");
      u.guid = m_guids.Define(refi::Attribute(user, "guid"), GuidKind::kUser,
                              "user " + Quoted(u.name), m_log);
      m_project.users.push_back(std::move(u));
    }
    if (const pugi::xml_node codebook = refi::FirstChild(root, "CodeBook")) {
      m_project.codes = refi::ReadCodes(refi::FirstChild(codebook, "Codes"), m_guids, m_log);
    }
    for (const auto& node : refi::Children(refi::FirstChild(root, "Variables"), "Variable"))
      ReadVariable(node);
    for (const auto& node : refi::Children(refi::FirstChild(root, "Cases"), "Case")) ReadCase(node);
    if (const pugi::xml_node sources = refi::FirstChild(root, "Sources")) ReadSources(sources);
    const bool positions_read =
        std::any_of(m_project.sources.begin(), m_project.sources.end(),
                    [](const QdaTextSource& s) { return !s.selections.empty(); });
    if (positions_read && m_counting != PositionCounting::kCodePoints) {
      m_log.Add("counting", "text positions were read as " + std::string(CountingName(m_counting)) +
                                ", as " + m_project.origin + " writes them");
    }
    for (const auto& node : refi::Children(refi::FirstChild(root, "Notes"), "Note")) ReadNote(node);
    if (const auto links = refi::Children(refi::FirstChild(root, "Links"), "Link");
        !links.empty()) {
      m_log.Add("links",
                std::to_string(links.size()) + " link(s) between objects were not imported");
    }
    if (const pugi::xml_node sets = refi::FirstChild(root, "Sets"))
      m_project.sets = refi::ReadSets(sets, m_guids, m_log);
    if (const auto graphs = refi::Children(refi::FirstChild(root, "Graphs"), "Graph");
        !graphs.empty()) {
      m_log.Add("graphs",
                std::to_string(graphs.size()) + " graph(s) (network views) were not imported");
    }
    m_project.description = Description(root);
    m_project.note_refs = NoteRefs(root);

    static const std::unordered_set<std::string_view> kKnown{
        "Users", "CodeBook", "Variables", "Cases",       "Sources", "Notes",
        "Links", "Sets",     "Graphs",    "Description", "NoteRef"};
    for (const pugi::xml_node child : root.children()) {
      if (child.type() == pugi::node_element && !kKnown.contains(refi::LocalName(child))) {
        m_log.Add("unknown", "the unknown element <" + std::string(child.name()) + "> was ignored");
      }
    }
  }

  void ReadVariable(const pugi::xml_node& node) {
    QdaVariable variable;
    variable.name = refi::Attribute(node, "name");
    const std::string what = "variable " + Quoted(variable.name);
    variable.guid = m_guids.Define(refi::Attribute(node, "guid"), GuidKind::kVariable, what, m_log);
    const std::string type = refi::Attribute(node, "typeOfVariable");
    if (const auto parsed = ParseQdaVariableType(type)) {
      variable.type = *parsed;
    } else {
      m_log.Add("variable",
                what + ": the type " + Quoted(type) + " is unknown; it was read as Text");
    }
    variable.description = Description(node);
    m_project.variables.push_back(std::move(variable));
  }

  std::vector<QdaVariableValue> VariableValues(const pugi::xml_node& owner,
                                               const std::string& what) {
    std::vector<QdaVariableValue> values;
    for (const auto& node : refi::Children(owner, "VariableValue")) {
      QdaVariableValue value;
      value.variable_guid =
          StripGuid(refi::Attribute(refi::FirstChild(node, "VariableRef"), "targetGUID"));
      pugi::xml_node element;
      for (const pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element && refi::LocalName(child) != "VariableRef") {
          element = child;
          break;
        }
      }
      if (!element) continue;  // no value at all: nothing to bring over
      const auto type = ParseQdaValueElement(refi::LocalName(element));
      if (!type) {
        m_log.Add("variable", what + ": the value element <" + std::string(element.name()) +
                                  "> is unknown and was dropped");
        continue;
      }
      value.type = *type;
      value.value = refi::ElementText(element);
      if (value.type != QdaVariableType::kText)
        value.value = std::string(TrimWhitespace(value.value));
      if (value.type == QdaVariableType::kBoolean) {
        if (const auto b = ParseXsdBoolean(value.value)) value.value = *b ? "true" : "false";
      }
      if (!IsValidQdaValue(value.type, value.value)) {
        m_log.Add("variable", what + ": the value " + Quoted(value.value) + " is not a valid " +
                                  std::string(QdaVariableTypeName(value.type)) +
                                  " and was dropped");
        continue;
      }
      values.push_back(std::move(value));
    }
    return values;
  }

  void ReadCase(const pugi::xml_node& node) {
    QdaCase c;
    c.name = refi::Attribute(node, "name");
    const std::string what = "case " + Quoted(c.name);
    c.guid = m_guids.Define(refi::Attribute(node, "guid"), GuidKind::kCase, what, m_log);
    c.description = Description(node);
    c.variable_values = VariableValues(node, what);
    for (const auto& ref : refi::Children(node, "SourceRef"))
      c.source_guids.push_back(StripGuid(refi::Attribute(ref, "targetGUID")));
    const std::size_t code_refs = refi::Children(node, "CodeRef").size();
    const std::size_t selection_refs = refi::Children(node, "SelectionRef").size();
    if (code_refs + selection_refs > 0) {
      m_log.Add(
          "case",
          what + ": " + std::to_string(code_refs) + " code and " + std::to_string(selection_refs) +
              " selection reference(s) were not imported (only sources belong to cases here)");
    }
    m_project.cases.push_back(std::move(c));
  }

  void ReadSources(const pugi::xml_node& sources) {
    for (const pugi::xml_node node : sources.children()) {
      if (node.type() != pugi::node_element) continue;
      const std::string_view kind = refi::LocalName(node);
      const std::string name = refi::Attribute(node, "name");
      if (kind == "TextSource") {
        ReadTextSource(node, node, name, {});
      } else if (kind == "PDFSource") {
        const pugi::xml_node representation = refi::FirstChild(node, "Representation");
        const std::size_t areas = refi::Children(node, "PDFSelection").size();
        if (representation) {
          const std::string note =
              "the PDF itself" +
              (areas > 0 ? " and " + std::to_string(areas) + " area selection(s)" : std::string()) +
              " were not imported, only its text representation";
          ReadTextSource(node, representation, name, note);
        } else {
          Skip(node, "PDF source " + Quoted(name) +
                         " was not imported (PDF without a text representation)");
        }
      } else if (kind == "PictureSource" || kind == "AudioSource" || kind == "VideoSource") {
        const std::string label = kind == "PictureSource" ? "picture"
                                  : kind == "AudioSource" ? "audio"
                                                          : "video";
        Skip(node, label + " source " + Quoted(name) +
                       " was not imported (only text sources are supported)");
      } else {
        Skip(node, "the unknown source element <" + std::string(node.name()) + "> was ignored");
      }
    }
  }

  void Skip(const pugi::xml_node& node, const std::string& message) {
    m_guids.MarkSkipped(refi::Attribute(node, "guid"));
    m_log.Add("source", message);
  }

  // Decodes the bytes of a text file: UTF-8 as the spec requires, anything else with a warning.
  std::optional<std::string> DecodeSourceBytes(std::string bytes, const std::string& what) {
    std::string_view view(bytes);
    if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
    // NUL never occurs in text; valid "UTF-8" with NULs is UTF-16 without a BOM or a binary file.
    if (utf8::IsValid(view) && view.find('\0') == std::string_view::npos) return bytes;
    try {
      DecodedText decoded = DecodeText(bytes, {}, m_path);
      m_log.Add("encoding", what + ": the text is not UTF-8; it was read as " + decoded.encoding);
      return std::move(decoded.utf8);
    } catch (const DataError& e) {
      m_log.Add("source", what + " was not imported: its text is not UTF-8 (" + e.reason() + ")");
      return std::nullopt;
    }
  }

  // The raw text of a TextSourceType element (PlainTextContent, or the file at plainTextPath).
  std::optional<std::string> TextOf(const pugi::xml_node& node, const std::string& what,
                                    std::string& problem) {
    if (const pugi::xml_node content = refi::FirstChild(node, "PlainTextContent")) {
      return refi::ElementText(content);
    }
    const std::string plain = refi::Attribute(node, "plainTextPath");
    if (plain.empty()) {
      const std::string rich = refi::Attribute(node, "richTextPath");
      problem = rich.empty()
                    ? "it has no text"
                    : "it has only a rich-text file (" + FileName(rich) + ") and no plain text";
      return std::nullopt;
    }
    std::optional<std::string> bytes;
    try {
      bytes = m_files->Read(plain, problem);
    } catch (const DataError& e) {  // a damaged archive entry
      problem = "its file could not be read (" + e.reason() + ")";
    }
    if (!bytes) return std::nullopt;
    return DecodeSourceBytes(std::move(*bytes), what);
  }

  // `node` carries the identity (guid, name, sets refer to it); `text_node` is the TextSourceType
  // with the text, selections and codings (the same element, or a PDF's Representation).
  void ReadTextSource(const pugi::xml_node& node, const pugi::xml_node& text_node,
                      const std::string& name, const std::string& note) {
    QdaTextSource source;
    source.name = name.empty() ? refi::Attribute(text_node, "name") : name;
    if (source.name.empty()) source.name = Stem(refi::Attribute(text_node, "plainTextPath"));
    const std::string what = "source " + Quoted(source.name);
    std::string problem;
    std::optional<std::string> raw = TextOf(text_node, what, problem);
    if (!raw) {
      if (!problem.empty()) m_log.Add("source", what + " was not imported: " + problem);
      m_guids.MarkSkipped(refi::Attribute(node, "guid"));
      return;
    }
    std::optional<SourceTextMapper> mapper;
    try {
      mapper.emplace(*raw, m_counting);
    } catch (const DataError& e) {
      m_log.Add("source", what + " was not imported: " + e.reason());
      m_guids.MarkSkipped(refi::Attribute(node, "guid"));
      return;
    }
    source.guid = m_guids.Define(refi::Attribute(node, "guid"), GuidKind::kSource, what, m_log);
    if (node != text_node)
      m_guids.Alias(refi::Attribute(text_node, "guid"), GuidKind::kSource, source.guid);
    if (!note.empty()) m_log.Add("pdf", what + ": " + note);
    if (!refi::Attribute(text_node, "richTextPath").empty()) {
      m_log.Add("rich", what + ": the rich-text version (" +
                            FileName(refi::Attribute(text_node, "richTextPath")) +
                            ") was not imported; its plain text was");
    }
    source.creating_user = UserRef(node, "creatingUser");
    source.creation_time = Time(node, "creationDateTime", what);
    source.description = Description(node);

    ExcerptCheck check(mapper->Text());
    for (const auto& selection : refi::Children(text_node, "PlainTextSelection")) {
      ReadSelection(selection, *mapper, what, check, source.selections);
    }
    if (check.mismatches > 0) {
      m_log.Add(
          "positions",
          what + ": " + std::to_string(check.mismatches) + " of " + std::to_string(check.checked) +
              " selection(s) whose name quotes the text do not match the text at their positions "
              "(read as " +
              std::string(CountingName(m_counting)) + "); first: " + check.first);
    }
    source.codings = Codings(text_node, what);
    source.note_refs = NoteRefs(node);
    if (node != text_node) {
      for (auto& ref : NoteRefs(text_node)) source.note_refs.push_back(std::move(ref));
    }
    source.variable_values = VariableValues(node, what);
    source.text = mapper->Text();
    m_project.sources.push_back(std::move(source));
  }

  // Compares selection names that quote their text (ATLAS.ti writes them) with the text found at
  // the mapped positions: a cheap check of the position counting.
  struct ExcerptCheck {
    explicit ExcerptCheck(const std::string& text_) : text(text_) {}
    const std::string& text;
    std::string collapsed_text;  // built on first use
    std::size_t checked = 0;
    std::size_t mismatches = 0;
    std::string first;
  };

  void CheckExcerpt(ExcerptCheck& check, const std::string& name, std::size_t start,
                    std::size_t end) {
    if (name.empty() || name.starts_with("line:")) return;
    std::string wanted = CollapseWhitespace(ToNfc(name));
    for (std::string_view ellipsis : {"…", "..."}) {
      if (std::string_view(wanted).ends_with(ellipsis))
        wanted.erase(wanted.size() - ellipsis.size());
    }
    wanted = CollapseWhitespace(wanted);
    if (utf8::CodePointCount(wanted) < 4) return;  // too short to tell a label from a quote
    const std::string excerpt = CollapseWhitespace(utf8::SubstrCodePoints(check.text, start, end));
    if (excerpt.starts_with(wanted)) {  // a name may be a truncated quote
      ++check.checked;
      return;
    }
    // A name that occurs nowhere in the text is a label, not a quote.
    if (check.collapsed_text.empty()) check.collapsed_text = CollapseWhitespace(check.text);
    if (check.collapsed_text.find(wanted) == std::string::npos) return;
    ++check.checked;
    if (check.mismatches++ == 0) {
      check.first = Quoted(wanted) + " at " + std::to_string(start) + "–" + std::to_string(end) +
                    " reads " + Quoted(excerpt);
    }
  }

  void ReadSelection(const pugi::xml_node& node, const SourceTextMapper& mapper,
                     const std::string& source_what, ExcerptCheck& check,
                     std::vector<QdaSelection>& out) {
    QdaSelection selection;
    selection.name = refi::Attribute(node, "name");
    const std::string raw_guid = refi::Attribute(node, "guid");
    const std::string what = source_what + ", selection " +
                             (raw_guid.empty() ? Quoted(selection.name) : StripGuid(raw_guid));
    const std::string raw_start = refi::Attribute(node, "startPosition");
    const std::string raw_end = refi::Attribute(node, "endPosition");
    const auto start = ParseInteger(raw_start);
    const auto end = ParseInteger(raw_end);
    auto skip = [&](const std::string& why) {
      m_log.Add("selection", what + " was not imported: " + why);
      m_guids.MarkSkipped(raw_guid);
    };
    if (!start || !end || *start < 0 || *end < 0) {
      skip("its positions " + Quoted(raw_start) + "–" + Quoted(raw_end) +
           " are not numbers of characters");
      return;
    }
    if (*start > *end) {
      skip("it starts (" + raw_start + ") after it ends (" + raw_end + ")");
      return;
    }
    const auto mapped_start = mapper.Map(static_cast<std::uint64_t>(*start));
    const auto mapped_end = mapper.Map(static_cast<std::uint64_t>(*end));
    if (!mapped_start || !mapped_end) {
      skip("it lies outside the text (" + raw_start + "–" + raw_end + ", the text has " +
           std::to_string(mapper.RawLength()) + " " + std::string(CountingName(m_counting)) + ")");
      return;
    }
    if (*mapped_start == *mapped_end) {
      skip("it is empty (" + raw_start + "–" + raw_end + ")");
      return;
    }
    selection.start = *mapped_start;
    selection.end = *mapped_end;
    selection.guid = m_guids.Define(raw_guid, GuidKind::kSelection, what, m_log);
    selection.creating_user = UserRef(node, "creatingUser");
    selection.time = Time(node, "creationDateTime", what);
    selection.description = Description(node);
    selection.codings = Codings(node, what);
    selection.note_refs = NoteRefs(node);
    CheckExcerpt(check, selection.name, selection.start, selection.end);
    out.push_back(std::move(selection));
  }

  std::vector<QdaCoding> Codings(const pugi::xml_node& owner, const std::string& what) {
    std::vector<QdaCoding> codings;
    for (const auto& node : refi::Children(owner, "Coding")) {
      QdaCoding coding;
      const pugi::xml_node code_ref = refi::FirstChild(node, "CodeRef");
      if (!code_ref) {
        m_log.Add("coding", what + ": a coding without a code reference was dropped");
        continue;
      }
      coding.code_guid = StripGuid(refi::Attribute(code_ref, "targetGUID"));
      coding.guid = m_guids.Define(refi::Attribute(node, "guid"), GuidKind::kCoding,
                                   what + ", a coding", m_log);
      coding.creating_user = UserRef(node, "creatingUser");
      coding.time = Time(node, "creationDateTime", what);
      coding.note_refs = NoteRefs(node);
      codings.push_back(std::move(coding));
    }
    return codings;
  }

  void ReadNote(const pugi::xml_node& node) {
    QdaNote note;
    note.name = refi::Attribute(node, "name");
    const std::string what = "note " + Quoted(note.name);
    std::string problem;
    if (auto raw = TextOf(node, what, problem)) {
      try {
        note.text = NormalizeStoredText(*raw);
      } catch (const DataError& e) {
        m_log.Add("note", what + ": its text could not be read (" + e.reason() + ")");
      }
    } else if (!problem.empty() && problem != "it has no text") {
      m_log.Add("note", what + ": its text was not imported: " + problem);
    }
    note.guid = m_guids.Define(refi::Attribute(node, "guid"), GuidKind::kNote, what, m_log);
    note.creating_user = UserRef(node, "creatingUser");
    note.time = Time(node, "creationDateTime", what);
    const std::size_t inner =
        refi::Children(node, "PlainTextSelection").size() + refi::Children(node, "Coding").size();
    if (inner > 0) {
      m_log.Add("note", what + ": " + std::to_string(inner) +
                            " selection(s) and coding(s) inside the note were not imported");
    }
    m_project.notes.push_back(std::move(note));
  }

  // Makes every reference point at an object of the model, or drops it.
  void Resolve() {
    auto user = [&](std::string& guid) {
      if (guid.empty()) return;
      if (auto resolved = m_guids.Resolve(guid, GuidKind::kUser)) {
        guid = *resolved;
      } else if (IsGuid(guid) && !m_guids.ResolveAny(guid)) {
        // Known by GUID only: keep the link with an unnamed user rather than lose the coder.
        m_guids.Define(guid, GuidKind::kUser, "user", m_log);
        m_project.users.push_back({guid, {}});
        m_log.Add("users",
                  "the user " + guid + " is referred to but not listed; an unnamed user was added");
      } else {
        m_log.Add("users", "the user reference " + Quoted(guid) + " is not a user and was dropped");
        guid.clear();
      }
    };
    auto notes = [&](std::vector<std::string>& refs, const std::string& owner) {
      refi::ResolveRefs(refs, GuidKind::kNote, m_guids, owner, m_log);
    };
    auto values = [&](std::vector<QdaVariableValue>& list, const std::string& owner) {
      std::erase_if(list, [&](QdaVariableValue& v) {
        if (auto resolved = m_guids.Resolve(v.variable_guid, GuidKind::kVariable)) {
          v.variable_guid = *resolved;
          return false;
        }
        m_log.Add("reference", owner + ": a value of the unknown variable " +
                                   Quoted(v.variable_guid) + " was dropped");
        return true;
      });
    };
    auto codings = [&](std::vector<QdaCoding>& list, const std::string& owner) {
      std::erase_if(list, [&](QdaCoding& c) {
        auto resolved = m_guids.Resolve(c.code_guid, GuidKind::kCode);
        if (!resolved) {
          m_log.Add("reference", owner + ": a coding with the unknown code " + Quoted(c.code_guid) +
                                     " was dropped");
          return true;
        }
        c.code_guid = *resolved;
        user(c.creating_user);
        notes(c.note_refs, owner);
        return false;
      });
    };

    user(m_project.creating_user_guid);
    std::function<void(std::vector<QdaCode>&)> code_tree = [&](std::vector<QdaCode>& level) {
      for (auto& code : level) {
        notes(code.note_refs, "code " + Quoted(code.name));
        code_tree(code.children);
      }
    };
    code_tree(m_project.codes);
    for (auto& c : m_project.cases) {
      const std::string owner = "case " + Quoted(c.name);
      values(c.variable_values, owner);
      refi::ResolveRefs(c.source_guids, GuidKind::kSource, m_guids, owner, m_log);
    }
    for (auto& source : m_project.sources) {
      const std::string owner = "source " + Quoted(source.name);
      user(source.creating_user);
      for (auto& selection : source.selections) {
        user(selection.creating_user);
        codings(selection.codings, owner);
        notes(selection.note_refs, owner);
      }
      codings(source.codings, owner);
      notes(source.note_refs, owner);
      values(source.variable_values, owner);
    }
    for (auto& note : m_project.notes) user(note.creating_user);
    for (auto& set : m_project.sets) {
      const std::string owner = "set " + Quoted(set.name);
      refi::ResolveRefs(set.member_codes, GuidKind::kCode, m_guids, owner, m_log);
      refi::ResolveRefs(set.member_sources, GuidKind::kSource, m_guids, owner, m_log);
      refi::ResolveRefs(set.member_notes, GuidKind::kNote, m_guids, owner, m_log);
    }
    notes(m_project.note_refs, "the project");
    FillNoteTargets();
  }

  void FillNoteTargets() {
    std::unordered_map<std::string, QdaNote*> by_key;
    for (auto& note : m_project.notes) by_key[GuidKey(note.guid)] = &note;
    auto link = [&](const std::vector<std::string>& refs, const std::string& target) {
      for (const auto& ref : refs) {
        if (const auto it = by_key.find(GuidKey(ref)); it != by_key.end())
          it->second->target_guids.push_back(target);
      }
    };
    // The project itself has no GUID in the file; notes on it are listed in QdaProject::note_refs.
    std::function<void(const std::vector<QdaCode>&)> code_tree =
        [&](const std::vector<QdaCode>& level) {
          for (const auto& code : level) {
            link(code.note_refs, code.guid);
            code_tree(code.children);
          }
        };
    code_tree(m_project.codes);
    for (const auto& source : m_project.sources) {
      link(source.note_refs, source.guid);
      for (const auto& selection : source.selections) {
        link(selection.note_refs, selection.guid);
        for (const auto& coding : selection.codings) link(coding.note_refs, coding.guid);
      }
      for (const auto& coding : source.codings) link(coding.note_refs, coding.guid);
    }
  }

  const std::string& m_path;
  const QdpxReadOptions& m_options;
  refi::WarningLog m_log;
  refi::GuidTable m_guids;
  QdaProject m_project;
  PositionCounting m_counting = PositionCounting::kCodePoints;
  SourceFiles* m_files = nullptr;
};

}  // namespace

QdpxImport ReadQdpx(const std::string& path, const QdpxReadOptions& options) {
  return ProjectReader(path, options).Read();
}

}  // namespace tessera
