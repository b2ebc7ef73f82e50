#pragma once
// The in-memory model of the REFI-QDA exchange formats (.qdc codebooks and .qdpx projects),
// independent of the project store. Readers fill it leniently, writers check it strictly.
//
// Conventions for every struct below:
// - Strings are UTF-8; an attribute or element that is absent is an empty string.
// - GUIDs are `8-4-4-4-12` hex without braces, in the case the file used (or lowercase when
//   Tessera minted them). Compare them with CanonicalGuid() (project/identity.h), never with ==.
// - Times are UTC, `YYYY-MM-DDThh:mm:ssZ`, or empty.
// - In a model returned by a reader every GUID reference resolves to an object of the same
//   model (codings to codes, members to codes/sources/notes, note refs to notes, …); references
//   that did not resolve were dropped and listed in the ImportReport.

#include <cstddef>
#include <string>
#include <vector>

namespace tessera {

/// A person who created or changed something in the exchanged project.
struct QdaUser {
  std::string guid;  ///< required
  std::string name;  ///< display name, may be empty
};

/// One code of the codebook tree.
struct QdaCode {
  std::string guid;         ///< required
  std::string name;         ///< required by the schema; may be empty after a lenient read
  bool is_codable = true;   ///< false for categories and folders
  std::string color;        ///< `#RRGGBB` (uppercase hex) or empty
  std::string description;  ///< plain text
  std::vector<std::string> note_refs;  ///< GUIDs of QdaNote memos on this code
  std::vector<QdaCode> children;       ///< sub-codes, in file order
};

/// The type of a variable (REFI `typeOfVariable`).
enum class QdaVariableType { kText, kBoolean, kInteger, kFloat, kDate, kDateTime };

/// A variable (attribute) that cases and sources can carry a value for.
struct QdaVariable {
  std::string guid;                               ///< required
  std::string name;                               ///< e.g. "gender", "age band"
  QdaVariableType type = QdaVariableType::kText;  ///< what its values are
  std::string description;                        ///< plain text
};

/// The value of one variable on a case or a source.
struct QdaVariableValue {
  std::string variable_guid;  ///< a QdaVariable GUID
  /// Which value element carries it; normally the variable's own type.
  QdaVariableType type = QdaVariableType::kText;
  /// The value as written in XML: text, `true`/`false`, an integer, a decimal, `YYYY-MM-DD` or a
  /// date-time.
  std::string value;
};

/// A case (participant) with its variables and the sources that belong to it.
struct QdaCase {
  std::string guid;                               ///< required
  std::string name;                               ///< often empty (MAXQDA, Quirkos write none)
  std::string description;                        ///< plain text
  std::vector<QdaVariableValue> variable_values;  ///< the case's attributes
  std::vector<std::string> source_guids;          ///< QdaTextSource GUIDs
};

/// One code applied to a selection or to a whole source.
struct QdaCoding {
  std::string guid;                    ///< required
  std::string code_guid;               ///< a QdaCode GUID
  std::string creating_user;           ///< a QdaUser GUID or empty
  std::string time;                    ///< creation time or empty
  std::vector<std::string> note_refs;  ///< memos on this coding
};

/// A span of a text source: `[start, end)` in code points of QdaTextSource::text.
struct QdaSelection {
  std::string guid;       ///< required
  std::string name;       ///< what the writing tool put there (excerpt text, `line:N`, empty, …)
  std::size_t start = 0;  ///< first code point
  std::size_t end = 0;    ///< one past the last code point (exclusive)
  std::string creating_user;       ///< a QdaUser GUID or empty
  std::string time;                ///< creation time or empty
  std::string description;         ///< a memo written on the segment (MAXQDA, ATLAS.ti comments)
  std::vector<QdaCoding> codings;  ///< the codes applied to this span (may be none)
  std::vector<std::string> note_refs;  ///< memos on this span
};

/// A plain-text document.
struct QdaTextSource {
  std::string guid;  ///< required
  std::string name;  ///< the document name (a reader falls back to the text file's name)
  /// The plain text in Tessera's stored form: UTF-8, NFC, LF line endings, no BOM.
  std::string text;
  std::string creating_user;                      ///< a QdaUser GUID or empty
  std::string creation_time;                      ///< or empty
  std::string description;                        ///< plain text
  std::vector<QdaSelection> selections;           ///< coded or annotated spans, in file order
  std::vector<QdaCoding> codings;                 ///< codes applied to the whole document
  std::vector<QdaVariableValue> variable_values;  ///< the document's attributes
  std::vector<std::string> note_refs;             ///< memos on the document
};

/// A memo. Objects point at it through their `note_refs`; `target_guids` lists the same links
/// from the note's side (a reader fills both; a writer uses their union).
struct QdaNote {
  std::string guid;           ///< required
  std::string name;           ///< title, may be empty
  std::string text;           ///< stored form, like QdaTextSource::text
  std::string creating_user;  ///< a QdaUser GUID or empty
  std::string time;           ///< creation time or empty
  std::vector<std::string>
      target_guids;  ///< GUIDs of the project, codes, sources, selections, codings
};

/// A named group of codes, sources and notes.
struct QdaSet {
  std::string guid;                         ///< required
  std::string name;                         ///< required by the schema, may be empty
  std::string description;                  ///< plain text
  std::vector<std::string> member_codes;    ///< QdaCode GUIDs
  std::vector<std::string> member_sources;  ///< QdaTextSource GUIDs
  std::vector<std::string> member_notes;    ///< QdaNote GUIDs
};

/// The content of a `.qdpx` project (or a bare `project.qde`).
struct QdaProject {
  std::string name;                    ///< required by the schema, may be empty
  std::string origin;                  ///< the tool that wrote the file, e.g. "NVivo 12"
  std::string creating_user_guid;      ///< a QdaUser GUID or empty
  std::string creation_time;           ///< or empty
  std::string description;             ///< plain text
  std::vector<QdaUser> users;          ///< everyone who created something
  std::vector<QdaCode> codes;          ///< top-level codes; the tree hangs below them
  std::vector<QdaVariable> variables;  ///< attributes of cases and sources
  std::vector<QdaCase> cases;          ///< participants
  std::vector<QdaTextSource> sources;  ///< plain-text documents
  std::vector<QdaNote> notes;          ///< memos
  std::vector<QdaSet> sets;            ///< groups of codes, sources and notes
  std::vector<std::string> note_refs;  ///< memos on the project as a whole
};

/// The content of a `.qdc` codebook. Sets in a codebook hold codes only.
struct QdaCodebook {
  std::string origin;          ///< the tool that wrote the file
  std::vector<QdaCode> codes;  ///< top-level codes; the tree hangs below them
  std::vector<QdaSet> sets;    ///< code groups (member_sources and member_notes stay empty)
};

/// What an import could not bring over, or changed on the way, one human-readable line each
/// (picture/PDF/audio sources, graphs, links, missing files, selections outside the text, …).
struct ImportReport {
  std::vector<std::string> warnings;  ///< English, one finding per line, in file order
};

/// A codebook as read, with what the reader had to drop or repair.
struct QdcImport {
  QdaCodebook codebook;  ///< what could be read
  ImportReport report;   ///< what was repaired or dropped
};

/// A project as read, with what the reader had to drop or repair.
struct QdpxImport {
  QdaProject project;   ///< what could be read
  ImportReport report;  ///< what was repaired or dropped
};

}  // namespace tessera
