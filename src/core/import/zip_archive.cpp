#include "import/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cctype>

#include "error.h"

namespace tessera {

void ZipArchive::Closer::operator()(zip* z) const { zip_discard(z); }

bool IsSafeEntryName(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.front() == '\\') return false;
  if (name.size() > 1 && name[1] == ':') return false;  // C:\ and friends
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find_first_of("/\\", start);
    if (end == std::string::npos) end = name.size();
    if (name.compare(start, end - start, "..") == 0 && end - start == 2) return false;
    start = end + 1;
  }
  return true;
}

ZipArchive::ZipArchive(const std::string& path, ZipLimits limits) : m_path(path), m_limits(limits) {
  int error = 0;
  zip* archive = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    std::string reason = error == ZIP_ER_NOENT   ? "no such file"
                         : error == ZIP_ER_NOZIP ? "not a ZIP archive (truncated or another format)"
                                                 : std::string("cannot open the archive: ") + zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw DataError(reason, path);
  }
  m_zip.reset(archive);
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  if (count < 0 || static_cast<std::size_t>(count) > m_limits.max_entries) {
    throw DataError("the archive has too many entries", path);
  }
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      throw DataError("a damaged entry in the archive", path);
    }
    std::string name = st.name ? st.name : "";
    if (!IsSafeEntryName(name)) throw DataError("unsafe entry name '" + name + "' in the archive", path);
    if (st.size > m_limits.max_entry_bytes) {
      throw DataError("entry '" + name + "' is too large once uncompressed", path);
    }
    if (st.size > (1u << 20) && st.comp_size > 0 && st.size / st.comp_size > m_limits.max_ratio) {
      throw DataError("entry '" + name + "' expands too much (a zip bomb?)", path);
    }
    total += st.size;
    if (total > m_limits.max_total_bytes) throw DataError("the archive is too large once uncompressed", path);
    m_names.push_back(std::move(name));
  }
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::Contains(const std::string& name) const {
  return std::find(m_names.begin(), m_names.end(), name) != m_names.end();
}

std::optional<std::string> ZipArchive::FindCaseInsensitive(const std::string& name) const {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  const std::string wanted = lower(name);
  for (const auto& n : m_names) {
    if (lower(n) == wanted) return n;
  }
  return std::nullopt;
}

std::string ZipArchive::Read(const std::string& name) const {
  zip_stat_t st;
  if (zip_stat(m_zip.get(), name.c_str(), 0, &st) != 0) {
    throw DataError("the archive has no entry '" + name + "'", m_path);
  }
  if (st.size > m_limits.max_entry_bytes) throw DataError("entry '" + name + "' is too large", m_path);
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(m_zip.get(), st.index, 0), zip_fclose);
  if (!file) throw DataError("entry '" + name + "' cannot be read", m_path);
  std::string data;
  data.resize(static_cast<std::size_t>(st.size));
  zip_int64_t got = zip_fread(file.get(), data.data(), st.size);
  // Reading one byte past the declared size catches entries whose header lies about their size.
  char extra;
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size || zip_fread(file.get(), &extra, 1) > 0) {
    throw DataError("entry '" + name + "' is damaged or truncated", m_path);
  }
  return data;
}

}  // namespace tessera
