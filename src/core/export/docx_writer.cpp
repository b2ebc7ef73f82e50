#include "export/docx_writer.h"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "error.h"
#include "export/atomic_file.h"
#include "project/identity.h"

namespace tessera {
namespace {

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    }
  }
  return out;
}

std::string Runs(const std::string& text, bool italic, bool bold) {
  std::string props;
  if (bold || italic) props = std::string("<w:rPr>") + (bold ? "<w:b/>" : "") + (italic ? "<w:i/>" : "") + "</w:rPr>";
  std::string out = "<w:r>" + props;
  std::size_t start = 0;
  while (true) {
    const auto nl = text.find('\n', start);
    out += "<w:t xml:space=\"preserve\">" + XmlEscape(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start)) + "</w:t>";
    if (nl == std::string::npos) break;
    out += "<w:br/>";
    start = nl + 1;
  }
  return out + "</w:r>";
}

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>)";

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>)";

constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans" w:hAnsi="Noto Sans" w:cs="Noto Sans"/><w:sz w:val="22"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:right="720"/></w:pPr></w:style></w:styles>)";

void AddEntry(zip_t* archive, const char* name, const std::string& content, const std::string& path) {
  // libzip copies the buffer only at close; keep each buffer alive by handing it ownership.
  void* copy = std::malloc(content.size() ? content.size() : 1);
  if (!copy) throw EnvironmentError("out of memory", path);
  std::memcpy(copy, content.data(), content.size());
  zip_source_t* source = zip_source_buffer(archive, copy, content.size(), 1);
  if (!source) {
    std::free(copy);
    throw EnvironmentError("cannot add " + std::string(name) + " to the document", path);
  }
  if (zip_file_add(archive, name, source, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(source);
    throw EnvironmentError("cannot add " + std::string(name) + " to the document", path);
  }
}

}  // namespace

void DocxWriter::Add(const std::string& style, const std::string& text, bool italic, const std::string& bold_prefix) {
  std::string p = "<w:p>";
  if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  if (!bold_prefix.empty()) p += Runs(bold_prefix, false, true);
  p += Runs(text, italic, false) + "</w:p>";
  m_paragraphs.push_back(std::move(p));
}

void DocxWriter::Heading(const std::string& text, int level) { Add("Heading" + std::to_string(std::clamp(level, 1, 3)), text, false); }
void DocxWriter::Paragraph(const std::string& text) { Add("", text, false); }
void DocxWriter::Quote(const std::string& text) { Add("Quote", text, false); }
void DocxWriter::Note(const std::string& text) { Add("", text, true); }
void DocxWriter::Labelled(const std::string& label, const std::string& text) { Add("", text, false, label + " "); }

void DocxWriter::Save(const std::string& path, const std::string& title) const {
  std::string body;
  for (const auto& p : m_paragraphs) body += p;
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
      body + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  const std::string core =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" +
      XmlEscape(title) + "</dc:title><dc:creator>Tessera</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">" + UtcNow() +
      "</dcterms:created></cp:coreProperties>";
  ReplaceFileAtomically(path, [&](const std::string& temp) {
    int error = 0;
    zip_t* archive = zip_open(temp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!archive) throw EnvironmentError("cannot create the document", path);
    try {
      AddEntry(archive, "[Content_Types].xml", kContentTypes, path);
      AddEntry(archive, "_rels/.rels", kRootRels, path);
      AddEntry(archive, "word/_rels/document.xml.rels", kDocumentRels, path);
      AddEntry(archive, "word/document.xml", document, path);
      AddEntry(archive, "word/styles.xml", kStyles, path);
      AddEntry(archive, "docProps/core.xml", core, path);
    } catch (...) {
      zip_discard(archive);
      throw;
    }
    if (zip_close(archive) != 0) {
      const std::string reason = zip_strerror(archive);
      zip_discard(archive);
      throw EnvironmentError("cannot write the document: " + reason, path);
    }
  });
}

}  // namespace tessera
