#include "import/office_reader.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <vector>

#include "error.h"
#include "import/zip_archive.h"

namespace tessera {
namespace {

// Office archives hold text, not media we read; a few hundred MiB uncompressed is already absurd.
ZipLimits OfficeLimits() {
  ZipLimits limits;
  limits.max_entry_bytes = 256ull << 20;
  limits.max_total_bytes = 1024ull << 20;
  return limits;
}

pugi::xml_document ParseXml(const std::string& xml, const std::string& path, const std::string& entry) {
  pugi::xml_document doc;
  const auto result = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) {
    throw DataError(entry + " is not well-formed XML (" + result.description() + " at " +
                        LineColumn(xml, static_cast<std::size_t>(result.offset)) + ")",
                    path);
  }
  return doc;
}

bool Is(const pugi::xml_node& node, const char* local) {
  const char* name = node.name();
  const char* colon = std::strchr(name, ':');
  return std::strcmp(colon ? colon + 1 : name, local) == 0;
}

// --- docx ---------------------------------------------------------------------------------

void DocxRunText(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (Is(child, "t")) out += child.text().get();
    else if (Is(child, "tab")) out += '\t';
    else if (Is(child, "br") || Is(child, "cr")) out += '\n';
    else if (Is(child, "noBreakHyphen")) out += '-';
    else if (Is(child, "del") || Is(child, "delText") || Is(child, "commentReference") || Is(child, "footnoteReference") ||
             Is(child, "endnoteReference") || Is(child, "rPr") || Is(child, "pPr") || Is(child, "instrText")) {
      continue;
    } else {
      DocxRunText(child, out);  // r, hyperlink, ins, smartTag, sdt, sdtContent, fldSimple …
    }
  }
}

void DocxBlocks(const pugi::xml_node& container, std::vector<std::string>& lines) {
  for (auto block : container.children()) {
    if (Is(block, "p")) {
      std::string text;
      DocxRunText(block, text);
      lines.push_back(std::move(text));
    } else if (Is(block, "tbl")) {
      for (auto row : block.children()) {
        if (!Is(row, "tr")) continue;
        std::string line;
        bool first = true;
        for (auto cell : row.children()) {
          if (!Is(cell, "tc")) continue;
          std::vector<std::string> cell_lines;
          DocxBlocks(cell, cell_lines);
          std::string cell_text;
          for (const auto& l : cell_lines) cell_text += (cell_text.empty() ? "" : " ") + l;
          line += (first ? "" : "\t") + cell_text;
          first = false;
        }
        lines.push_back(std::move(line));
      }
    } else if (Is(block, "sdt")) {
      for (auto content : block.children()) {
        if (Is(content, "sdtContent")) DocxBlocks(content, lines);
      }
    }
  }
}

// --- odt ----------------------------------------------------------------------------------

void OdtInline(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
    } else if (child.type() == pugi::node_element) {
      if (Is(child, "s")) out.append(static_cast<std::size_t>(std::max(1, child.attribute("text:c").as_int(1))), ' ');
      else if (Is(child, "tab")) out += '\t';
      else if (Is(child, "line-break")) out += '\n';
      else if (Is(child, "note") || Is(child, "annotation") || Is(child, "annotation-end") || Is(child, "tracked-changes")) continue;
      else OdtInline(child, out);
    }
  }
}

void OdtBlocks(const pugi::xml_node& container, std::vector<std::string>& lines) {
  for (auto block : container.children()) {
    if (Is(block, "p") || Is(block, "h")) {
      std::string text;
      OdtInline(block, text);
      lines.push_back(std::move(text));
    } else if (Is(block, "table")) {
      std::vector<pugi::xml_node> rows;
      for (auto part : block.children()) {
        if (Is(part, "table-row")) rows.push_back(part);
        else if (Is(part, "table-header-rows") || Is(part, "table-rows")) {
          for (auto r : part.children()) {
            if (Is(r, "table-row")) rows.push_back(r);
          }
        }
      }
      for (auto row : rows) {
        std::string line;
        bool first = true;
        for (auto cell : row.children()) {
          if (!Is(cell, "table-cell")) continue;
          std::vector<std::string> cell_lines;
          OdtBlocks(cell, cell_lines);
          std::string cell_text;
          for (const auto& l : cell_lines) cell_text += (cell_text.empty() ? "" : " ") + l;
          line += (first ? "" : "\t") + cell_text;
          first = false;
        }
        lines.push_back(std::move(line));
      }
    } else if (Is(block, "list") || Is(block, "list-item") || Is(block, "section") || Is(block, "list-header")) {
      OdtBlocks(block, lines);
    } else if (Is(block, "tracked-changes") || Is(block, "annotation")) {
      continue;
    }
  }
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

}  // namespace

std::string LineColumn(const std::string& text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

RawTranscript ReadDocx(const std::string& path) {
  ZipArchive archive(path, OfficeLimits());
  if (!archive.Contains("word/document.xml")) {
    throw DataError("not a Word document: the archive has no word/document.xml", path);
  }
  const auto xml = archive.Read("word/document.xml");
  const auto doc = ParseXml(xml, path, "word/document.xml");
  pugi::xml_node body;
  for (auto root : doc.children()) {
    if (Is(root, "document")) {
      for (auto child : root.children()) {
        if (Is(child, "body")) body = child;
      }
    }
  }
  if (!body) throw DataError("word/document.xml has no document body", path);
  std::vector<std::string> lines;
  DocxBlocks(body, lines);
  return {JoinLines(lines), "UTF-8", "docx", {}};
}

RawTranscript ReadOdt(const std::string& path) {
  ZipArchive archive(path, OfficeLimits());
  if (!archive.Contains("content.xml")) throw DataError("not an OpenDocument text: the archive has no content.xml", path);
  const auto xml = archive.Read("content.xml");
  const auto doc = ParseXml(xml, path, "content.xml");
  pugi::xml_node text_root;
  for (auto root : doc.children()) {
    for (auto body : root.children()) {
      if (!Is(body, "body")) continue;
      for (auto text : body.children()) {
        if (Is(text, "text")) text_root = text;
      }
    }
  }
  if (!text_root) throw DataError("content.xml has no text body (is this a text document?)", path);
  std::vector<std::string> lines;
  OdtBlocks(text_root, lines);
  return {JoinLines(lines), "UTF-8", "odt", {}};
}

}  // namespace tessera
