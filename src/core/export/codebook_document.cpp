#include "export/codebook_document.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "error.h"
#include "export/atomic_file.h"
#include "export/docx_writer.h"
#include "project/code_tree.h"
#include "project/project.h"

namespace tessera {
namespace {

struct Entry {
  Code code;
  std::int64_t codings = 0, documents = 0;
};

std::string Frequency(const Entry& e) {
  return std::to_string(e.codings) + " coding" + (e.codings == 1 ? "" : "s") + " in " + std::to_string(e.documents) + " document" +
         (e.documents == 1 ? "" : "s");
}

}  // namespace

void WriteCodebookDocument(Project& project, const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".md" && ext != ".html" && ext != ".htm" && ext != ".docx") {
    throw DataError("the printable codebook is .md, .html or .docx", path);
  }
  CodeTree tree(project.Db());
  std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> counts;
  for (const auto& [id, c] : tree.Counts()) counts[id] = c;
  std::vector<Entry> entries;
  for (auto& c : tree.All()) entries.push_back({c, counts[c.id].first, counts[c.id].second});
  const std::string title = "Codebook: " + project.Meta("name", "Tessera project");

  if (ext == ".docx") {
    DocxWriter docx;
    docx.Heading(title, 1);
    for (const auto& e : entries) {
      docx.Heading(e.code.path + (e.code.codable ? "" : " (category)"), std::min(e.code.depth + 2, 3));
      if (!e.code.description.empty()) docx.Labelled("Definition:", e.code.description);
      if (!e.code.inclusion.empty()) docx.Labelled("Include:", e.code.inclusion);
      if (!e.code.exclusion.empty()) docx.Labelled("Exclude:", e.code.exclusion);
      if (!e.code.example.empty()) docx.Labelled("Example:", "“" + e.code.example + "”");
      docx.Note(Frequency(e));
    }
    docx.Save(path, title);
    return;
  }
  std::string out;
  if (ext == ".md") {
    out = "# " + title + "\n\n";
    for (const auto& e : entries) {
      out += std::string(static_cast<std::size_t>(std::min(e.code.depth + 2, 6)), '#') + " " + e.code.path + (e.code.codable ? "" : " (category)") + "\n\n";
      if (!e.code.description.empty()) out += "**Definition:** " + e.code.description + "\n\n";
      if (!e.code.inclusion.empty()) out += "**Include:** " + e.code.inclusion + "\n\n";
      if (!e.code.exclusion.empty()) out += "**Exclude:** " + e.code.exclusion + "\n\n";
      if (!e.code.example.empty()) out += "**Example:** “" + e.code.example + "”\n\n";
      out += "*" + Frequency(e) + "*\n\n";
    }
  } else {
    out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
          "</title><style>body{font-family:'Noto Sans',sans-serif;max-width:50em;margin:2em auto;color:#222}"
          ".code{border-left:6px solid #ccc;padding:.2em 1em;margin:1em 0}.freq{color:#666;font-style:italic}"
          "dt{font-weight:bold}dd{margin:0 0 .5em 0}</style></head><body>\n<h1>" + HtmlEscape(title) + "</h1>\n";
    for (const auto& e : entries) {
      const std::string colour = e.code.color.empty() ? "#cccccc" : e.code.color;
      out += "<section class=\"code\" style=\"border-color:" + HtmlEscape(colour) + ";margin-left:" + std::to_string(e.code.depth * 1.5) +
             "em\"><h" + std::to_string(std::min(e.code.depth + 2, 6)) + ">" + HtmlEscape(e.code.path) + (e.code.codable ? "" : " <small>(category)</small>") +
             "</h" + std::to_string(std::min(e.code.depth + 2, 6)) + "><dl>";
      if (!e.code.description.empty()) out += "<dt>Definition</dt><dd>" + HtmlEscape(e.code.description) + "</dd>";
      if (!e.code.inclusion.empty()) out += "<dt>Include</dt><dd>" + HtmlEscape(e.code.inclusion) + "</dd>";
      if (!e.code.exclusion.empty()) out += "<dt>Exclude</dt><dd>" + HtmlEscape(e.code.exclusion) + "</dd>";
      if (!e.code.example.empty()) out += "<dt>Example</dt><dd>“" + HtmlEscape(e.code.example) + "”</dd>";
      out += "</dl><p class=\"freq\">" + Frequency(e) + "</p></section>\n";
    }
    out += "</body></html>\n";
  }
  WriteFileAtomically(path, out);
}

}  // namespace tessera
