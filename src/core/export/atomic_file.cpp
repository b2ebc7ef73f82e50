#include "export/atomic_file.h"

#include <csv.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "error.h"
#include "project/identity.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

std::string TemporaryBeside(const std::string& path) {
  const fs::path target(path);
  return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + NewGuid().substr(0, 8))).string();
}

void SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

void ReplaceFileAtomically(const std::string& path, const std::function<void(const std::string&)>& write) {
  const std::string temp = TemporaryBeside(path);
  try {
    write(temp);
    SyncFile(temp);
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) throw EnvironmentError("cannot write the file: " + ec.message(), path);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void WriteFileAtomically(const std::string& path, const std::string& content) {
  ReplaceFileAtomically(path, [&](const std::string& temp) {
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw EnvironmentError("cannot create the file", path);
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    if (std::fclose(f) != 0 || !ok) throw EnvironmentError("cannot write the file (disk full?)", path);
  });
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    std::string field(cells[i].size() * 2 + 2, '\0');
    const std::size_t n = csv_write(field.data(), field.size(), cells[i].data(), cells[i].size());
    field.resize(n);
    line += field;
  }
  return line + "\r\n";
}

}  // namespace tessera
