#include "exchange/qdc_writer.h"

#include <functional>
#include <unordered_set>

#include "error.h"
#include "exchange/refi_values.h"
#include "exchange/refi_xml.h"
#include "export/atomic_file.h"
#include "project/identity.h"

namespace tessera {
namespace {

constexpr const char* kNamespace = "urn:QDA-XML:codebook:1.0";
constexpr const char* kSchemaLocation =
    "urn:QDA-XML:codebook:1.0 http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd";

void CollectCodeKeys(const std::vector<QdaCode>& codes, std::unordered_set<std::string>& keys) {
  for (const auto& code : codes) {
    keys.insert(GuidKey(code.guid));
    CollectCodeKeys(code.children, keys);
  }
}

}  // namespace

std::string QdcToXml(const QdaCodebook& original) {
  // A codebook is small: a copy lets objects without a GUID get a new one.
  QdaCodebook codebook = original;
  refi::MintMissingGuids(codebook.codes);
  for (auto& set : codebook.sets) {
    if (set.guid.empty()) set.guid = NewGuid();
  }
  if (codebook.codes.empty()) throw DataError("a codebook needs at least one code");
  refi::CheckCodes(codebook.codes);
  refi::RequireXmlText(codebook.origin, "the origin");
  std::unordered_set<std::string> code_keys;
  CollectCodeKeys(codebook.codes, code_keys);
  std::unordered_set<std::string> set_keys;
  for (const auto& set : codebook.sets) {
    const std::string what = "set “" + set.name + "”";
    refi::RequireGuid(set.guid, what);
    if (code_keys.contains(GuidKey(set.guid)) || !set_keys.insert(GuidKey(set.guid)).second) {
      throw DataError(what + ": the GUID " + set.guid + " is used twice");
    }
    refi::RequireXmlText(set.name, what);
    refi::RequireXmlText(set.description, what + " (description)");
    for (const auto& member : set.member_codes) {
      if (!code_keys.contains(GuidKey(member))) {
        throw DataError(what + ": the member " + member + " is not a code of the codebook");
      }
    }
  }

  pugi::xml_document doc;
  refi::AppendDeclaration(doc);
  pugi::xml_node root = doc.append_child("CodeBook");
  root.append_attribute("xmlns") = kNamespace;
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  root.append_attribute("xsi:schemaLocation") = kSchemaLocation;
  if (!codebook.origin.empty()) root.append_attribute("origin") = codebook.origin.c_str();
  refi::AppendCodes(root.append_child("Codes"), codebook.codes, nullptr);
  if (!codebook.sets.empty()) {
    pugi::xml_node sets = root.append_child("Sets");
    for (const auto& set : codebook.sets) {
      pugi::xml_node node = sets.append_child("Set");
      node.append_attribute("guid") = set.guid.c_str();
      node.append_attribute("name") = set.name.c_str();
      if (!set.description.empty())
        node.append_child("Description").text() = set.description.c_str();
      std::unordered_set<std::string> written;
      for (const auto& member : set.member_codes) {
        if (written.insert(GuidKey(member)).second) {
          node.append_child("MemberCode").append_attribute("guid") = member.c_str();
        }
      }
    }
  }
  return refi::SaveXml(doc);
}

void WriteQdc(const QdaCodebook& codebook, const std::string& path) {
  std::string xml;
  try {
    xml = QdcToXml(codebook);
  } catch (const DataError& e) {
    throw DataError(e.reason(), path);
  }
  WriteFileAtomically(path, xml);
}

}  // namespace tessera
