#include "exchange/qdc_reader.h"

#include <functional>

#include "error.h"
#include "exchange/refi_xml.h"

namespace tessera {
namespace {

constexpr std::uint64_t kMaxCodebookBytes = 256ull << 20;

}  // namespace

QdcImport ParseQdc(std::string_view xml, const std::string& path) {
  pugi::xml_document doc;
  refi::LoadXml(doc, xml, path, {});
  const pugi::xml_node root = doc.document_element();
  if (refi::LocalName(root) != "CodeBook") {
    const std::string hint =
        refi::LocalName(root) == "Project" ? " (this is a project; import it as .qdpx/.qde)" : "";
    throw DataError(
        "not a REFI-QDA codebook: the root element is <" + std::string(root.name()) + ">" + hint,
        path);
  }
  refi::WarningLog log;
  refi::GuidTable guids;
  refi::CheckNamespace(root, "urn:QDA-XML:codebook:", "urn:QDA-XML:codebook:1.0", log);

  QdcImport result;
  QdaCodebook& codebook = result.codebook;
  codebook.origin = refi::Attribute(root, "origin");
  if (const pugi::xml_node codes = refi::FirstChild(root, "Codes")) {
    codebook.codes = refi::ReadCodes(codes, guids, log);
  } else {
    log.Add("structure", "the codebook has no <Codes> element");
  }
  if (const pugi::xml_node sets = refi::FirstChild(root, "Sets")) {
    codebook.sets = refi::ReadSets(sets, guids, log);
  }

  // A codebook has no notes: NoteRefs (which its schema does not allow) cannot be kept.
  std::size_t note_refs = 0;
  std::function<void(std::vector<QdaCode>&)> drop_notes = [&](std::vector<QdaCode>& level) {
    for (auto& code : level) {
      note_refs += code.note_refs.size();
      code.note_refs.clear();
      drop_notes(code.children);
    }
  };
  drop_notes(codebook.codes);
  if (note_refs > 0) {
    log.Add("notes", std::to_string(note_refs) +
                         " note reference(s) on codes were dropped: a codebook carries no notes");
  }
  for (auto& set : codebook.sets) {
    const std::string owner = "set “" + set.name + "”";
    refi::ResolveRefs(set.member_codes, refi::GuidKind::kCode, guids, owner, log);
    if (!set.member_sources.empty() || !set.member_notes.empty()) {
      log.Add(
          "set",
          owner + ": members other than codes were dropped: a codebook has no sources or notes");
      set.member_sources.clear();
      set.member_notes.clear();
    }
  }
  result.report.warnings = log.Lines();
  return result;
}

QdcImport ReadQdc(const std::string& path) {
  const std::string bytes = refi::ReadWholeFile(path, kMaxCodebookBytes);
  return ParseQdc(bytes, path);
}

}  // namespace tessera
