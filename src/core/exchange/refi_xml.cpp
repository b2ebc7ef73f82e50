#include "exchange/refi_xml.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "error.h"
#include "exchange/refi_values.h"
#include "project/identity.h"
#include "text/utf8.h"

namespace tessera::refi {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kMax = 60;
  if (utf8::CodePointCount(text) <= kMax) return "“" + std::string(text) + "”";
  return "“" + std::string(utf8::SubstrCodePoints(text, 0, kMax)) + "…”";
}

}  // namespace

void WarningLog::Add(const std::string& kind, std::string message) {
  auto it = std::find_if(m_groups.begin(), m_groups.end(),
                         [&](const Group& g) { return g.kind == kind; });
  if (it == m_groups.end()) {
    m_groups.push_back({kind, {}, 0});
    it = std::prev(m_groups.end());
  }
  if (it->messages.size() < kMaxPerKind) {
    it->messages.push_back(std::move(message));
  } else {
    ++it->more;
  }
}

std::vector<std::string> WarningLog::Lines() const {
  std::vector<std::string> lines;
  for (const auto& group : m_groups) {
    lines.insert(lines.end(), group.messages.begin(), group.messages.end());
    if (group.more > 0) {
      lines.push_back("… and " + std::to_string(group.more) + " more like the previous one");
    }
  }
  return lines;
}

std::pair<std::size_t, std::size_t> LineColumn(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, utf8::CodePointCount(text.substr(line_start, offset - line_start)) + 1};
}

void LoadXml(pugi::xml_document& doc, std::string_view bytes, const std::string& path,
             const std::string& entry) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::string where = entry.empty() ? std::string() : entry + ": ";
  if (const auto bad = utf8::FirstInvalidByte(bytes); bad != std::string_view::npos) {
    const auto [line, column] = LineColumn(bytes, bad);
    throw DataError(where + "the XML is not valid UTF-8 at line " + std::to_string(line) +
                        ", column " + std::to_string(column),
                    path);
  }
  // parse_default converts CRLF to LF and expands character references; pugixml never expands
  // entities declared in a DTD, so "billion laughs" documents cannot blow up here.
  const pugi::xml_parse_result result =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) {
    const auto [line, column] =
        LineColumn(bytes, static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0)));
    throw DataError(where + "malformed XML at line " + std::to_string(line) + ", column " +
                        std::to_string(column) + ": " + result.description(),
                    path);
  }
  if (!doc.document_element()) throw DataError(where + "the XML has no root element", path);
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  if (const auto colon = name.find(':'); colon != std::string_view::npos)
    name.remove_prefix(colon + 1);
  return name;
}

std::string NamespaceUri(const pugi::xml_node& element) {
  const std::string_view name = element.name();
  const auto colon = name.find(':');
  const std::string attribute = colon == std::string_view::npos
                                    ? std::string("xmlns")
                                    : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node node = element; node && node.type() == pugi::node_element;
       node = node.parent()) {
    if (const pugi::xml_attribute a = node.attribute(attribute.c_str())) return a.value();
  }
  return {};
}

pugi::xml_node FirstChild(const pugi::xml_node& parent, std::string_view local_name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) return child;
  }
  return {};
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& parent, std::string_view local_name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local_name) out.push_back(child);
  }
  return out;
}

std::string Attribute(const pugi::xml_node& node, std::string_view name) {
  const std::string key(name);
  if (const pugi::xml_attribute a = node.attribute(key.c_str())) return a.value();
  for (pugi::xml_attribute a : node.attributes()) {
    if (EqualsIgnoreCase(a.name(), name)) return a.value();
  }
  return {};
}

std::string ElementText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) out += child.value();
  }
  return out;
}

void CheckNamespace(const pugi::xml_node& root, std::string_view family, std::string_view expected,
                    WarningLog& log) {
  const std::string uri = NamespaceUri(root);
  if (uri == expected) return;
  if (uri.empty()) {
    log.Add("namespace", "the file declares no namespace (expected " + std::string(expected) +
                             "); it was read anyway");
  } else if (std::string_view(uri).starts_with(family)) {
    log.Add("namespace", "the file uses namespace " + uri + " instead of " + std::string(expected) +
                             "; it was read anyway");
  } else {
    log.Add("namespace", "the file uses the unknown namespace " + uri + " (expected " +
                             std::string(expected) + "); it was read anyway");
  }
}

std::string GuidTable::Define(std::string_view raw, GuidKind kind, const std::string& what,
                              WarningLog& log) {
  const std::string stripped = StripGuid(raw);
  const std::string key = GuidKey(raw);
  if (IsGuid(stripped) && !m_by_key.contains(key)) {
    m_by_key.emplace(key, Entry{kind, stripped});
    return stripped;
  }
  std::string fresh = NewGuid();
  if (stripped.empty()) {
    log.Add("guid", what + " has no GUID; a new one was given");
  } else if (!IsGuid(stripped)) {
    log.Add("guid", what + " has the malformed GUID " + Quoted(stripped) + "; a new one was given");
    if (!m_by_key.contains(key)) m_by_key.emplace(key, Entry{kind, fresh});
  } else {
    log.Add("guid", what + " reuses the GUID " + stripped + "; a new one was given");
  }
  m_by_key.emplace(GuidKey(fresh), Entry{kind, fresh});
  return fresh;
}

void GuidTable::MarkSkipped(std::string_view raw) {
  const std::string key = GuidKey(raw);
  if (!key.empty()) m_by_key.try_emplace(key, Entry{GuidKind::kSkipped, {}});
}

void GuidTable::Alias(std::string_view raw, GuidKind kind, const std::string& guid) {
  const std::string key = GuidKey(raw);
  if (!key.empty()) m_by_key.try_emplace(key, Entry{kind, guid});
}

std::optional<std::string> GuidTable::Resolve(std::string_view raw, GuidKind kind) const {
  const auto it = m_by_key.find(GuidKey(raw));
  if (it == m_by_key.end() || it->second.kind != kind) return std::nullopt;
  return it->second.guid;
}

std::optional<std::string> GuidTable::ResolveAny(std::string_view raw) const {
  const auto it = m_by_key.find(GuidKey(raw));
  if (it == m_by_key.end()) return std::nullopt;
  return it->second.guid;
}

std::vector<QdaCode> ReadCodes(const pugi::xml_node& codes, GuidTable& guids, WarningLog& log,
                               std::size_t depth) {
  std::vector<QdaCode> out;
  if (depth >= kMaxCodeDepth) {
    // Recursion is bounded so that a hostile file cannot exhaust the stack.
    if (!Children(codes, "Code").empty()) {
      log.Add("depth", "the code tree is deeper than " + std::to_string(kMaxCodeDepth) +
                           " levels; the deeper codes were dropped");
    }
    return out;
  }
  for (const pugi::xml_node& node : Children(codes, "Code")) {
    QdaCode code;
    code.name = Attribute(node, "name");
    const std::string label =
        code.name.empty() ? std::string("a code without a name") : "code " + Quoted(code.name);
    code.guid = guids.Define(Attribute(node, "guid"), GuidKind::kCode, label, log);
    const std::string codable = Attribute(node, "isCodable");
    if (!codable.empty()) {
      if (const auto value = ParseXsdBoolean(codable)) {
        code.is_codable = *value;
      } else {
        log.Add("codable",
                label + ": isCodable=" + Quoted(codable) + " is not a boolean; taken as true");
      }
    }
    const std::string color = Attribute(node, "color");
    if (!color.empty()) {
      if (const auto parsed = ParseRefiColor(color)) {
        code.color = *parsed;
        if (!IsRefiColor(color)) {
          log.Add("colour", label + ": colour " + Quoted(color) + " was read as " + *parsed);
        }
      } else {
        log.Add("colour",
                label + ": the colour " + Quoted(color) + " could not be read and was dropped");
      }
    }
    if (const pugi::xml_node description = FirstChild(node, "Description")) {
      code.description = ElementText(description);
    }
    for (const pugi::xml_node& ref : Children(node, "NoteRef")) {
      code.note_refs.push_back(StripGuid(Attribute(ref, "targetGUID")));
    }
    code.children = ReadCodes(node, guids, log, depth + 1);
    out.push_back(std::move(code));
  }
  return out;
}

std::vector<QdaSet> ReadSets(const pugi::xml_node& sets, GuidTable& guids, WarningLog& log) {
  std::vector<QdaSet> out;
  auto member = [](const pugi::xml_node& node) {
    std::string target = Attribute(node, "targetGUID");
    if (target.empty()) target = Attribute(node, "guid");
    return StripGuid(target);
  };
  for (const pugi::xml_node& node : Children(sets, "Set")) {
    QdaSet set;
    set.name = Attribute(node, "name");
    set.guid =
        guids.Define(Attribute(node, "guid"), GuidKind::kSet, "set " + Quoted(set.name), log);
    if (const pugi::xml_node description = FirstChild(node, "Description")) {
      set.description = ElementText(description);
    }
    for (const pugi::xml_node& m : Children(node, "MemberCode"))
      set.member_codes.push_back(member(m));
    for (const pugi::xml_node& m : Children(node, "MemberSource"))
      set.member_sources.push_back(member(m));
    for (const pugi::xml_node& m : Children(node, "MemberNote"))
      set.member_notes.push_back(member(m));
    out.push_back(std::move(set));
  }
  return out;
}

void ResolveRefs(std::vector<std::string>& refs, GuidKind kind, const GuidTable& guids,
                 const std::string& owner, WarningLog& log) {
  std::vector<std::string> kept;
  std::unordered_set<std::string> seen;
  for (const auto& ref : refs) {
    if (const auto guid = guids.Resolve(ref, kind)) {
      if (seen.insert(GuidKey(*guid)).second) kept.push_back(*guid);
    } else if (guids.Resolve(ref, GuidKind::kSkipped)) {
      continue;
    } else {
      log.Add("reference", owner + " refers to " + (ref.empty() ? std::string("nothing") : ref) +
                               ", which is not in the file; the reference was dropped");
    }
  }
  refs = std::move(kept);
}

void RequireGuid(std::string_view guid, const std::string& what) {
  if (!IsGuid(guid)) {
    throw DataError(what + " has no valid GUID (" +
                    (guid.empty() ? std::string("empty") : Quoted(guid)) + ")");
  }
}

void RequireTime(std::string_view time, const std::string& what) {
  if (!time.empty() && !IsRefiDateTime(time)) {
    throw DataError(what + ": the time " + Quoted(time) + " is not YYYY-MM-DDThh:mm:ssZ");
  }
}

void RequireXmlText(std::string_view text, const std::string& what) {
  if (const auto bad = utf8::FirstInvalidByte(text); bad != std::string_view::npos) {
    throw DataError(what + " is not valid UTF-8 (byte " + std::to_string(bad) + ")");
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = utf8::Next(text, pos);
    const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                         (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    if (!allowed) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      throw DataError(what + " contains the control character " + code +
                      ", which XML cannot carry");
    }
  }
}

void MintMissingGuids(std::vector<QdaCode>& codes) {
  for (auto& code : codes) {
    if (code.guid.empty()) code.guid = NewGuid();
    MintMissingGuids(code.children);
  }
}

void CheckCodes(const std::vector<QdaCode>& codes) {
  std::unordered_set<std::string> seen;
  std::function<void(const std::vector<QdaCode>&)> check = [&](const std::vector<QdaCode>& level) {
    for (const auto& code : level) {
      const std::string what = "code " + Quoted(code.name);
      RequireGuid(code.guid, what);
      if (!seen.insert(GuidKey(code.guid)).second)
        throw DataError(what + ": the GUID " + code.guid + " is used twice");
      RequireXmlText(code.name, what);
      RequireXmlText(code.description, what + " (description)");
      if (!code.color.empty() && !IsRefiColor(code.color)) {
        throw DataError(what + ": the colour " + Quoted(code.color) + " is not #RRGGBB");
      }
      for (const auto& ref : code.note_refs) RequireGuid(ref, what + " (note reference)");
      check(code.children);
    }
  };
  check(codes);
}

void AppendNoteRefs(pugi::xml_node parent, const std::vector<std::string>& own,
                    const std::string& owner_guid, const NoteRefIndex* note_refs) {
  if (!note_refs) return;
  std::unordered_set<std::string> written;
  auto write = [&](const std::string& guid) {
    if (written.insert(GuidKey(guid)).second) {
      parent.append_child("NoteRef").append_attribute("targetGUID") = guid.c_str();
    }
  };
  for (const auto& guid : own) write(guid);
  if (const auto it = note_refs->find(GuidKey(owner_guid)); it != note_refs->end()) {
    for (const auto& guid : it->second) write(guid);
  }
}

void AppendCodes(pugi::xml_node parent, const std::vector<QdaCode>& codes,
                 const NoteRefIndex* note_refs) {
  for (const auto& code : codes) {
    pugi::xml_node node = parent.append_child("Code");
    node.append_attribute("guid") = code.guid.c_str();
    node.append_attribute("name") = code.name.c_str();
    node.append_attribute("isCodable") = code.is_codable ? "true" : "false";
    if (!code.color.empty()) node.append_attribute("color") = code.color.c_str();
    if (!code.description.empty())
      node.append_child("Description").text() = code.description.c_str();
    AppendNoteRefs(node, code.note_refs, code.guid, note_refs);
    AppendCodes(node, code.children, note_refs);
  }
}

void AppendDeclaration(pugi::xml_document& doc) {
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
}

std::string SaveXml(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

std::string ReadWholeFile(const std::string& path, std::uint64_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw DataError("no such file", path);
  if (fs::is_directory(status)) throw DataError("this is a folder, not a file", path);
  const auto size = fs::file_size(path, ec);
  if (ec) throw DataError("the file cannot be read: " + ec.message(), path);
  if (size > max_bytes)
    throw DataError("the file is too large (" + std::to_string(size) + " bytes)", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("the file cannot be opened", path);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size()))
    throw DataError("the file could not be read completely", path);
  return bytes;
}

}  // namespace tessera::refi
