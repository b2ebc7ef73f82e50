#include "exchange/qdpx_writer.h"

#include <zip.h>

#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "exchange/refi_values.h"
#include "exchange/refi_xml.h"
#include "export/atomic_file.h"
#include "project/identity.h"
#include "text/utf8.h"

namespace tessera {
namespace {

constexpr const char* kNamespace = "urn:QDA-XML:project:1.0";
constexpr const char* kSchemaLocation =
    "urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd";

std::string Quoted(std::string_view text) { return "“" + std::string(text) + "”"; }

// Builds project.qde and the list of source files for one export. Checks the whole model before
// anything is written, so that a bad project never yields a file.
class QdeBuilder {
 public:
  QdeBuilder(const QdaProject& project, const QdpxWriteOptions& options)
      : m_project(project), m_options(options), m_codes(project.codes) {
    refi::MintMissingGuids(m_codes);
    Check();
  }

  std::string Xml() {
    pugi::xml_document doc;
    refi::AppendDeclaration(doc);
    pugi::xml_node root = doc.append_child("Project");
    root.append_attribute("xmlns") = kNamespace;
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_attribute("xsi:schemaLocation") = kSchemaLocation;
    root.append_attribute("name") = m_project.name.c_str();
    root.append_attribute("origin") = m_options.origin.c_str();
    Attr(root, "creatingUserGUID", m_project.creating_user_guid);
    Attr(root, "creationDateTime", m_project.creation_time);
    Attr(root, "modifiedDateTime", m_export_time);

    if (!m_project.users.empty()) {
      pugi::xml_node users = root.append_child("Users");
      for (const auto& user : m_project.users) {
        pugi::xml_node node = users.append_child("User");
        node.append_attribute("guid") = Guid(&user, user.guid).c_str();
        Attr(node, "name", user.name);
      }
    }
    if (!m_codes.empty()) {
      refi::AppendCodes(root.append_child("CodeBook").append_child("Codes"), m_codes,
                        &m_note_index);
    }
    if (!m_project.variables.empty()) {
      pugi::xml_node variables = root.append_child("Variables");
      for (const auto& variable : m_project.variables) {
        pugi::xml_node node = variables.append_child("Variable");
        node.append_attribute("guid") = Guid(&variable, variable.guid).c_str();
        node.append_attribute("name") = variable.name.c_str();
        node.append_attribute("typeOfVariable") =
            std::string(QdaVariableTypeName(variable.type)).c_str();
        Description(node, variable.description);
      }
    }
    if (!m_project.cases.empty()) {
      pugi::xml_node cases = root.append_child("Cases");
      for (const auto& c : m_project.cases) {
        pugi::xml_node node = cases.append_child("Case");
        node.append_attribute("guid") = Guid(&c, c.guid).c_str();
        Attr(node, "name", c.name);
        Description(node, c.description);
        Values(node, c.variable_values);
        for (const auto& source : c.source_guids)
          node.append_child("SourceRef").append_attribute("targetGUID") = source.c_str();
      }
    }
    if (!m_project.sources.empty()) {
      pugi::xml_node sources = root.append_child("Sources");
      for (const auto& source : m_project.sources) Source(sources, source);
    }
    if (!m_project.notes.empty()) {
      pugi::xml_node notes = root.append_child("Notes");
      for (const auto& note : m_project.notes) {
        pugi::xml_node node = notes.append_child("Note");
        node.append_attribute("guid") = Guid(&note, note.guid).c_str();
        Attr(node, "name", note.name);
        Attr(node, "creatingUser", note.creating_user);
        Attr(node, "creationDateTime", note.time);
        node.append_child("PlainTextContent").text() = note.text.c_str();
      }
    }
    if (!m_project.sets.empty()) {
      pugi::xml_node sets = root.append_child("Sets");
      for (const auto& set : m_project.sets) {
        pugi::xml_node node = sets.append_child("Set");
        node.append_attribute("guid") = Guid(&set, set.guid).c_str();
        node.append_attribute("name") = set.name.c_str();
        Description(node, set.description);
        for (const auto& m : set.member_codes)
          node.append_child("MemberCode").append_attribute("targetGUID") = m.c_str();
        for (const auto& m : set.member_sources)
          node.append_child("MemberSource").append_attribute("targetGUID") = m.c_str();
        for (const auto& m : set.member_notes)
          node.append_child("MemberNote").append_attribute("targetGUID") = m.c_str();
      }
    }
    Description(root, m_project.description);
    refi::AppendNoteRefs(root, m_project.note_refs, {}, &m_note_index);
    return refi::SaveXml(doc);
  }

  /// The archive entry of each source's text, in project order.
  std::vector<std::pair<std::string, const std::string*>> Files() {
    std::vector<std::pair<std::string, const std::string*>> files;
    for (const auto& source : m_project.sources)
      files.emplace_back("sources/" + Guid(&source, source.guid) + ".txt", &source.text);
    return files;
  }

 private:
  // The GUID an object is written with: its own, or one minted once for this export.
  const std::string& Guid(const void* object, const std::string& guid) {
    if (!guid.empty()) return guid;
    auto [it, inserted] = m_minted.try_emplace(object);
    if (inserted) it->second = NewGuid();
    return it->second;
  }

  static void Attr(pugi::xml_node node, const char* name, const std::string& value) {
    if (!value.empty()) node.append_attribute(name) = value.c_str();
  }

  static void Description(pugi::xml_node node, const std::string& text) {
    if (!text.empty()) node.append_child("Description").text() = text.c_str();
  }

  static void Values(pugi::xml_node node, const std::vector<QdaVariableValue>& values) {
    for (const auto& value : values) {
      pugi::xml_node v = node.append_child("VariableValue");
      v.append_child("VariableRef").append_attribute("targetGUID") = value.variable_guid.c_str();
      v.append_child(std::string(QdaValueElementName(value.type)).c_str()).text() =
          value.value.c_str();
    }
  }

  void Coding(pugi::xml_node parent, const QdaCoding& coding) {
    pugi::xml_node node = parent.append_child("Coding");
    const std::string& guid = Guid(&coding, coding.guid);
    node.append_attribute("guid") = guid.c_str();
    Attr(node, "creatingUser", coding.creating_user);
    Attr(node, "creationDateTime", coding.time);
    node.append_child("CodeRef").append_attribute("targetGUID") = coding.code_guid.c_str();
    refi::AppendNoteRefs(node, coding.note_refs, guid, &m_note_index);
  }

  void Source(pugi::xml_node sources, const QdaTextSource& source) {
    pugi::xml_node node = sources.append_child("TextSource");
    const std::string& guid = Guid(&source, source.guid);
    node.append_attribute("guid") = guid.c_str();
    Attr(node, "name", source.name);
    node.append_attribute("plainTextPath") = ("internal://" + guid + ".txt").c_str();
    Attr(node, "creatingUser", source.creating_user);
    Attr(node, "creationDateTime", source.creation_time);
    Description(node, source.description);
    for (const auto& selection : source.selections) {
      pugi::xml_node s = node.append_child("PlainTextSelection");
      const std::string& selection_guid = Guid(&selection, selection.guid);
      s.append_attribute("guid") = selection_guid.c_str();
      Attr(s, "name", selection.name);
      s.append_attribute("startPosition") = static_cast<unsigned long long>(selection.start);
      s.append_attribute("endPosition") = static_cast<unsigned long long>(selection.end);
      Attr(s, "creatingUser", selection.creating_user);
      Attr(s, "creationDateTime", selection.time);
      Description(s, selection.description);
      for (const auto& coding : selection.codings) Coding(s, coding);
      refi::AppendNoteRefs(s, selection.note_refs, selection_guid, &m_note_index);
    }
    for (const auto& coding : source.codings) Coding(node, coding);
    refi::AppendNoteRefs(node, source.note_refs, guid, &m_note_index);
    Values(node, source.variable_values);
  }

  // --- checks -------------------------------------------------------------------------------

  enum class Kind { kUser, kCode, kVariable, kCase, kSource, kSelection, kCoding, kNote, kSet };

  void Define(const std::string& guid, Kind kind, const std::string& what) {
    if (guid.empty()) return;  // minted while writing
    refi::RequireGuid(guid, what);
    if (!m_kinds.emplace(GuidKey(guid), kind).second) {
      throw DataError(what + ": the GUID " + guid + " is used by another object too");
    }
  }

  void RequireRef(const std::string& guid, Kind kind, const std::string& what,
                  const char* kind_name) {
    const auto it = m_kinds.find(GuidKey(guid));
    if (it == m_kinds.end() || it->second != kind) {
      throw DataError(what + " refers to " +
                      (guid.empty() ? std::string("no ") + kind_name : guid) + ", which is not a " +
                      kind_name + " of the project");
    }
  }

  void RequireUser(const std::string& guid, const std::string& what) {
    if (!guid.empty()) refi::RequireGuid(guid, what + " (creating user)");
  }

  void CheckValues(const std::vector<QdaVariableValue>& values, const std::string& what) {
    for (const auto& value : values) {
      RequireRef(value.variable_guid, Kind::kVariable, what, "variable");
      if (value.type == QdaVariableType::kText) {
        refi::RequireXmlText(value.value, what + " (variable value)");
      } else if (!IsValidQdaValue(value.type, value.value)) {
        throw DataError(what + ": the value " + Quoted(value.value) + " is not a valid " +
                        std::string(QdaVariableTypeName(value.type)));
      }
    }
  }

  void CheckCoding(const QdaCoding& coding, const std::string& what) {
    RequireRef(coding.code_guid, Kind::kCode, what + ", coding", "code");
    RequireUser(coding.creating_user, what);
    refi::RequireTime(coding.time, what);
  }

  void Check() {
    m_export_time = m_options.export_time.empty() ? UtcNow() : m_options.export_time;
    refi::RequireTime(m_export_time, "the export time");
    refi::RequireXmlText(m_options.origin, "the origin");
    refi::RequireXmlText(m_project.name, "the project name");
    refi::RequireXmlText(m_project.description, "the project description");
    RequireUser(m_project.creating_user_guid, "the project");
    refi::RequireTime(m_project.creation_time, "the project");

    // Definitions first, so that references can point forwards.
    for (const auto& user : m_project.users) {
      Define(user.guid, Kind::kUser, "user " + Quoted(user.name));
      refi::RequireXmlText(user.name, "user " + Quoted(user.guid));
    }
    refi::CheckCodes(m_codes);
    std::function<void(const std::vector<QdaCode>&)> codes =
        [&](const std::vector<QdaCode>& level) {
          for (const auto& code : level) {
            Define(code.guid, Kind::kCode, "code " + Quoted(code.name));
            codes(code.children);
          }
        };
    codes(m_codes);
    for (const auto& variable : m_project.variables) {
      const std::string what = "variable " + Quoted(variable.name);
      Define(variable.guid, Kind::kVariable, what);
      refi::RequireXmlText(variable.name, what);
      refi::RequireXmlText(variable.description, what);
    }
    for (const auto& c : m_project.cases) Define(c.guid, Kind::kCase, "case " + Quoted(c.name));
    for (const auto& source : m_project.sources) {
      const std::string what = "source " + Quoted(source.name);
      Define(source.guid, Kind::kSource, what);
      for (const auto& selection : source.selections) {
        Define(selection.guid, Kind::kSelection, what + ", selection " + Quoted(selection.name));
        for (const auto& coding : selection.codings)
          Define(coding.guid, Kind::kCoding, what + ", coding");
      }
      for (const auto& coding : source.codings)
        Define(coding.guid, Kind::kCoding, what + ", coding");
    }
    for (const auto& note : m_project.notes)
      Define(note.guid, Kind::kNote, "note " + Quoted(note.name));
    for (const auto& set : m_project.sets) Define(set.guid, Kind::kSet, "set " + Quoted(set.name));

    // Then every object's content and references.
    std::function<void(const std::vector<QdaCode>&)> code_refs =
        [&](const std::vector<QdaCode>& level) {
          for (const auto& code : level) {
            for (const auto& ref : code.note_refs)
              RequireRef(ref, Kind::kNote, "code " + Quoted(code.name), "note");
            code_refs(code.children);
          }
        };
    code_refs(m_codes);
    for (const auto& c : m_project.cases) {
      const std::string what = "case " + Quoted(c.name);
      refi::RequireXmlText(c.name, what);
      refi::RequireXmlText(c.description, what);
      CheckValues(c.variable_values, what);
      for (const auto& source : c.source_guids) RequireRef(source, Kind::kSource, what, "source");
    }
    for (const auto& source : m_project.sources) {
      const std::string what = "source " + Quoted(source.name);
      refi::RequireXmlText(source.name, what);
      refi::RequireXmlText(source.description, what + " (description)");
      if (const auto bad = utf8::FirstInvalidByte(source.text); bad != std::string::npos) {
        throw DataError(what + ": the text is not valid UTF-8 (byte " + std::to_string(bad) + ")");
      }
      RequireUser(source.creating_user, what);
      refi::RequireTime(source.creation_time, what);
      const std::size_t length = utf8::CodePointCount(source.text);
      for (const auto& selection : source.selections) {
        const std::string s_what = what + ", selection " + std::to_string(selection.start) + "–" +
                                   std::to_string(selection.end);
        if (selection.start > selection.end || selection.end > length) {
          throw DataError(s_what + " lies outside the text (" + std::to_string(length) +
                          " characters)");
        }
        refi::RequireXmlText(selection.name, s_what);
        refi::RequireXmlText(selection.description, s_what + " (description)");
        RequireUser(selection.creating_user, s_what);
        refi::RequireTime(selection.time, s_what);
        for (const auto& coding : selection.codings) CheckCoding(coding, s_what);
        for (const auto& ref : selection.note_refs) RequireRef(ref, Kind::kNote, s_what, "note");
        for (const auto& coding : selection.codings) {
          for (const auto& ref : coding.note_refs) RequireRef(ref, Kind::kNote, s_what, "note");
        }
      }
      for (const auto& coding : source.codings) {
        CheckCoding(coding, what);
        for (const auto& ref : coding.note_refs) RequireRef(ref, Kind::kNote, what, "note");
      }
      for (const auto& ref : source.note_refs) RequireRef(ref, Kind::kNote, what, "note");
      CheckValues(source.variable_values, what);
    }
    for (const auto& note : m_project.notes) {
      const std::string what = "note " + Quoted(note.name);
      refi::RequireXmlText(note.name, what);
      refi::RequireXmlText(note.text, what + " (text)");
      RequireUser(note.creating_user, what);
      refi::RequireTime(note.time, what);
      if (!note.target_guids.empty() && note.guid.empty()) {
        throw DataError(what + " is attached to objects but has no GUID");
      }
      for (const auto& target : note.target_guids) {
        const auto it = m_kinds.find(GuidKey(target));
        if (it == m_kinds.end())
          throw DataError(what + " is attached to " + target + ", which is not in the project");
        if (it->second != Kind::kCode && it->second != Kind::kSource &&
            it->second != Kind::kSelection && it->second != Kind::kCoding) {
          throw DataError(what + " is attached to " + target +
                          ", which cannot carry notes in REFI-QDA");
        }
        m_note_index[GuidKey(target)].push_back(note.guid);
      }
    }
    for (const auto& ref : m_project.note_refs) RequireRef(ref, Kind::kNote, "the project", "note");
    for (const auto& set : m_project.sets) {
      const std::string what = "set " + Quoted(set.name);
      refi::RequireXmlText(set.name, what);
      refi::RequireXmlText(set.description, what);
      for (const auto& m : set.member_codes) RequireRef(m, Kind::kCode, what, "code");
      for (const auto& m : set.member_sources) RequireRef(m, Kind::kSource, what, "source");
      for (const auto& m : set.member_notes) RequireRef(m, Kind::kNote, what, "note");
    }
  }

  const QdaProject& m_project;
  const QdpxWriteOptions& m_options;
  std::vector<QdaCode> m_codes;  // the code tree, with GUIDs minted where they were empty
  std::string m_export_time;
  std::unordered_map<std::string, Kind> m_kinds;          // GuidKey -> kind, for reference checks
  refi::NoteRefIndex m_note_index;                        // GuidKey of a target -> notes on it
  std::unordered_map<const void*, std::string> m_minted;  // objects given a GUID by this export
};

// Owns a libzip archive being written; discards it (leaving no file) unless Close() succeeded.
class ZipWriter {
 public:
  explicit ZipWriter(const std::string& path) : m_path(path) {
    int error = 0;
    m_zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!m_zip) {
      zip_error_t ze;
      zip_error_init_with_code(&ze, error);
      const std::string reason =
          std::string("the archive cannot be created: ") + zip_error_strerror(&ze);
      zip_error_fini(&ze);
      throw EnvironmentError(reason, path);
    }
  }
  ~ZipWriter() {
    if (m_zip) zip_discard(m_zip);
  }
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds an entry; `data` must stay alive until Close().
  void Add(const std::string& name, const std::string& data) {
    zip_source_t* source = zip_source_buffer(m_zip, data.data(), data.size(), 0);
    if (!source) Fail("cannot add " + name);
    const zip_int64_t index =
        zip_file_add(m_zip, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      Fail("cannot add " + name);
    }
    if (zip_set_file_compression(m_zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0) != 0) {
      Fail("cannot compress " + name);
    }
  }

  void Close() {
    if (zip_close(m_zip) != 0) Fail("the archive could not be written (disk full?)");
    m_zip = nullptr;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    throw EnvironmentError(what + ": " + zip_strerror(m_zip), m_path);
  }

  zip_t* m_zip = nullptr;
  std::string m_path;
};

}  // namespace

std::string ProjectToQde(const QdaProject& project, const QdpxWriteOptions& options) {
  return QdeBuilder(project, options).Xml();
}

void WriteQdpx(const QdaProject& project, const std::string& path,
               const QdpxWriteOptions& options) {
  std::string xml;
  std::vector<std::pair<std::string, const std::string*>> files;
  try {
    QdeBuilder builder(project, options);
    xml = builder.Xml();
    files = builder.Files();
  } catch (const DataError& e) {
    throw DataError(e.reason(), path);
  }
  ReplaceFileAtomically(path, [&](const std::string& temp) {
    ZipWriter zip(temp);
    zip.Add("project.qde", xml);
    for (const auto& [name, text] : files) zip.Add(name, *text);
    zip.Close();
  });
}

}  // namespace tessera
