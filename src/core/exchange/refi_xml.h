#pragma once
// Internal to src/core/exchange: XML plumbing shared by the .qdc and .qdpx readers and writers.
// Not part of the public API (it exposes pugixml); include it from exchange/*.cpp only.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "exchange/refi_model.h"

namespace tessera::refi {

/// Collects import warnings. Messages are grouped by kind, and only the first few of a kind are
/// kept, so that a file with 5000 odd colours gives a readable report.
class WarningLog {
 public:
  /// Most messages listed per kind; the rest are counted.
  static constexpr std::size_t kMaxPerKind = 12;
  /// Adds `message` under `kind` (a short stable key such as "colour").
  void Add(const std::string& kind, std::string message);
  /// The warnings in order of first appearance, with "… and N more" lines for capped kinds.
  std::vector<std::string> Lines() const;

 private:
  struct Group {
    std::string kind;
    std::vector<std::string> messages;
    std::size_t more = 0;
  };
  std::vector<Group> m_groups;
};

/// Parses `bytes` (UTF-8, BOM allowed) into `doc`. `entry` names the XML inside an archive, or is
/// empty. @throws DataError naming `path`, with the line and column of the first error.
void LoadXml(pugi::xml_document& doc, std::string_view bytes, const std::string& path,
             const std::string& entry);
/// 1-based line and column (counted in code points) of byte `offset` of `text`.
std::pair<std::size_t, std::size_t> LineColumn(std::string_view text, std::size_t offset);

/// The element name without its namespace prefix.
std::string_view LocalName(const pugi::xml_node& node);
/// The namespace URI of an element, following `xmlns` declarations up the tree; empty if none.
std::string NamespaceUri(const pugi::xml_node& element);
/// First child element with this local name (any prefix), or an empty node.
pugi::xml_node FirstChild(const pugi::xml_node& parent, std::string_view local_name);
/// All child elements with this local name (any prefix), in document order.
std::vector<pugi::xml_node> Children(const pugi::xml_node& parent, std::string_view local_name);
/// The value of an attribute, matched exactly and then ignoring ASCII case; empty when absent.
std::string Attribute(const pugi::xml_node& node, std::string_view name);
/// The character data of an element (all text and CDATA children, concatenated).
std::string ElementText(const pugi::xml_node& node);
/// Checks that `root` is in namespace `expected` and warns about the variants seen in the wild
/// (another version after `family`, such as `…:0:4` or `…:1:0`, or no namespace at all).
void CheckNamespace(const pugi::xml_node& root, std::string_view family, std::string_view expected,
                    WarningLog& log);

/// The kinds of object a GUID can name.
enum class GuidKind {
  kUser,
  kCode,
  kVariable,
  kCase,
  kSource,
  kSelection,
  kCoding,
  kNote,
  kSet,
  kOther,
  kSkipped,  ///< an object that was in the file but was not imported (already warned about)
};

/// The GUIDs defined in one file, so that references resolve whatever their case and braces.
class GuidTable {
 public:
  /// Registers a new object and returns the GUID the model uses: `raw` without braces, or a fresh
  /// GUID (with a warning naming `what`) when `raw` is empty, malformed or already taken.
  std::string Define(std::string_view raw, GuidKind kind, const std::string& what, WarningLog& log);
  /// Records that the object called `raw` was not imported (silently: its skipping is reported
  /// elsewhere), so that references to it are dropped without further warnings.
  void MarkSkipped(std::string_view raw);
  /// Registers an extra spelling for an object already defined (used for aliases).
  void Alias(std::string_view raw, GuidKind kind, const std::string& guid);
  /// The model GUID of an object of `kind` referred to as `raw`; nullopt when there is none.
  std::optional<std::string> Resolve(std::string_view raw, GuidKind kind) const;
  /// The model GUID of an object of any kind referred to as `raw`.
  std::optional<std::string> ResolveAny(std::string_view raw) const;

 private:
  struct Entry {
    GuidKind kind;
    std::string guid;
  };
  std::unordered_map<std::string, Entry> m_by_key;  // GuidKey(raw) -> the object
};

/// Deepest code tree read; deeper codes are dropped with a warning.
constexpr std::size_t kMaxCodeDepth = 200;
/// Reads the `Code` children of `codes` (a `Codes` or `Code` element) as a tree. Note refs are
/// stored as written (braces stripped) and resolved by the caller.
std::vector<QdaCode> ReadCodes(const pugi::xml_node& codes, GuidTable& guids, WarningLog& log,
                               std::size_t depth = 0);
/// Reads the `Set` children of a `Sets` element. Members are stored as written (braces stripped);
/// both the codebook's `guid` and the project's `targetGUID` attributes are understood.
std::vector<QdaSet> ReadSets(const pugi::xml_node& sets, GuidTable& guids, WarningLog& log);

/// Keeps only the references that resolve to an object of `kind`, rewritten to its model GUID,
/// without duplicates. Each dropped one is warned about, naming `owner`, unless it points at an
/// object that was skipped (whose skipping was reported already).
void ResolveRefs(std::vector<std::string>& refs, GuidKind kind, const GuidTable& guids,
                 const std::string& owner, WarningLog& log);

/// Extra note refs for an object (from QdaNote::target_guids), by GuidKey of the object.
using NoteRefIndex = std::unordered_map<std::string, std::vector<std::string>>;

/// Throws DataError unless `guid` is a GUIDType; `what` names the object in the message.
void RequireGuid(std::string_view guid, const std::string& what);
/// Throws DataError unless `time` is empty or `YYYY-MM-DDThh:mm:ssZ`.
void RequireTime(std::string_view time, const std::string& what);
/// Throws DataError unless `text` is valid UTF-8 with no character XML 1.0 cannot carry.
void RequireXmlText(std::string_view text, const std::string& what);
/// Gives every code of the tree that has an empty GUID a new lowercase one.
void MintMissingGuids(std::vector<QdaCode>& codes);
/// Checks a code tree for writing: GUIDs, unique GUIDs, names, colours. @throws DataError.
void CheckCodes(const std::vector<QdaCode>& codes);
/// Appends one `Code` element per code, recursively, in schema order (Description, NoteRef*,
/// Code*). With `note_refs` null, no NoteRef is written (the .qdc schema has none).
void AppendCodes(pugi::xml_node parent, const std::vector<QdaCode>& codes,
                 const NoteRefIndex* note_refs);
/// Appends `NoteRef` elements for the union of `own` and the index entry of `owner_guid`.
void AppendNoteRefs(pugi::xml_node parent, const std::vector<std::string>& own,
                    const std::string& owner_guid, const NoteRefIndex* note_refs);
/// Serialises `doc` (which has its declaration) with two-space indentation.
std::string SaveXml(const pugi::xml_document& doc);
/// Adds `<?xml version="1.0" encoding="utf-8"?>` to an empty document.
void AppendDeclaration(pugi::xml_document& doc);

/// The bytes of the file at `path`. @throws DataError naming `path` when it is missing, a
/// folder, unreadable or larger than `max_bytes`.
std::string ReadWholeFile(const std::string& path, std::uint64_t max_bytes);

}  // namespace tessera::refi
