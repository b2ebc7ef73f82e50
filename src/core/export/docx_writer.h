#pragma once
// A small WordprocessingML writer: headings, paragraphs, block quotes and italic notes, enough
// for quote files and printable codebooks that open in Word and LibreOffice.

#include <string>
#include <vector>

namespace tessera {

/// Builds a .docx document paragraph by paragraph.
class DocxWriter {
 public:
  /// A heading of `level` 1–3.
  void Heading(const std::string& text, int level = 1);
  /// A normal paragraph (line breaks inside become soft breaks).
  void Paragraph(const std::string& text);
  /// A quotation, indented.
  void Quote(const std::string& text);
  /// A paragraph in italics (attributions, notes).
  void Note(const std::string& text);
  /// A label in bold followed by text on the same line.
  void Labelled(const std::string& label, const std::string& text);
  /// Writes the package to `path` atomically. @throws EnvironmentError.
  void Save(const std::string& path, const std::string& title) const;

 private:
  void Add(const std::string& style, const std::string& text, bool italic, const std::string& bold_prefix = {});
  std::vector<std::string> m_paragraphs;  // <w:p> elements
};

}  // namespace tessera
