#include "search/record_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "error.h"
#include "search/search_index.h"

namespace tessera {

namespace {

constexpr char kMagic[8] = {'T', 'S', 'R', 'E', 'C', 'v', '1', '\0'};
constexpr std::size_t kFooterSize = 8 + 8 + sizeof kMagic;
constexpr std::size_t kBufferSize = 1 << 20;

void PutU64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::uint64_t GetU64(const char* at) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(at[i]);
  return value;
}

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

// --- Writer ------------------------------------------------------------------------------------

RecordFile::Writer::Writer(std::filesystem::path path) : m_path(std::move(path)) {
  m_temporary = m_path;
  m_temporary += ".tmp";
  m_fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (m_fd < 0) throw EnvironmentError("could not create the passage records: " + ErrnoText(), m_temporary.string());
  m_buffer.reserve(kBufferSize);
}

RecordFile::Writer::~Writer() {
  if (m_fd >= 0) {
    ::close(m_fd);
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
  }
}

void RecordFile::Writer::Write(std::string_view bytes) {
  m_buffer += bytes;
  if (m_buffer.size() >= kBufferSize) Flush();
}

void RecordFile::Writer::Flush() {
  std::size_t done = 0;
  while (done < m_buffer.size()) {
    const ssize_t n = ::write(m_fd, m_buffer.data() + done, m_buffer.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw EnvironmentError("could not write the passage records: " + ErrnoText(), m_temporary.string());
    done += static_cast<std::size_t>(n);
  }
  m_buffer.clear();
}

void RecordFile::Writer::Append(std::string_view record) {
  m_offsets.push_back(m_size);
  m_size += record.size();
  Write(record);
}

void RecordFile::Writer::Finish() {
  std::string table;
  table.reserve(8 * (m_offsets.size() + 1) + kFooterSize);
  for (std::uint64_t offset : m_offsets) PutU64(table, offset);
  PutU64(table, m_size);
  PutU64(table, m_offsets.size());
  PutU64(table, m_size);
  table.append(kMagic, sizeof kMagic);
  Write(table);
  Flush();
  if (::close(m_fd) != 0) {
    m_fd = -1;
    throw EnvironmentError("could not write the passage records: " + ErrnoText(), m_temporary.string());
  }
  m_fd = -1;
  std::error_code error;
  std::filesystem::rename(m_temporary, m_path, error);
  if (error) throw EnvironmentError("could not put the passage records in place: " + error.message(), m_path.string());
}

// --- Reader ------------------------------------------------------------------------------------

RecordFile::RecordFile(const std::filesystem::path& path) : m_path(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) throw IndexCorruptError("the search index has lost its passage records", path.string());
    throw EnvironmentError("could not open the passage records: " + ErrnoText(), path.string());
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    ::close(fd);
    throw EnvironmentError("could not read the passage records: " + ErrnoText(), path.string());
  }
  m_size = static_cast<std::size_t>(status.st_size);
  if (m_size < kFooterSize + 8) {
    ::close(fd);
    throw IndexCorruptError("the passage records of the search index are truncated", path.string());
  }
  void* mapped = ::mmap(nullptr, m_size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);  // the mapping keeps the file
  if (mapped == MAP_FAILED) throw EnvironmentError("could not map the passage records: " + ErrnoText(), path.string());
  m_data = static_cast<const char*>(mapped);
  const char* footer = m_data + m_size - kFooterSize;
  m_count = GetU64(footer);
  m_table = GetU64(footer + 8);
  if (std::memcmp(footer + 16, kMagic, sizeof kMagic) != 0 || m_table > m_size || m_count > m_size / 8 ||
      m_table + 8 * (m_count + 1) + kFooterSize != m_size) {
    Unmap();
    throw IndexCorruptError("the passage records of the search index are damaged", path.string());
  }
}

RecordFile::~RecordFile() { Unmap(); }

RecordFile::RecordFile(RecordFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_data(other.m_data), m_size(other.m_size), m_count(other.m_count), m_table(other.m_table) {
  other.m_data = nullptr;
  other.m_size = 0;
}

RecordFile& RecordFile::operator=(RecordFile&& other) noexcept {
  if (this != &other) {
    Unmap();
    m_path = std::move(other.m_path);
    m_data = other.m_data;
    m_size = other.m_size;
    m_count = other.m_count;
    m_table = other.m_table;
    other.m_data = nullptr;
    other.m_size = 0;
  }
  return *this;
}

void RecordFile::Unmap() {
  if (m_data) ::munmap(const_cast<char*>(m_data), m_size);
  m_data = nullptr;
}

std::string_view RecordFile::Get(std::size_t index) const {
  if (index >= m_count) throw IndexCorruptError("the search index refers to a passage record it does not have", m_path.string());
  const std::uint64_t begin = GetU64(m_data + m_table + 8 * index);
  const std::uint64_t end = GetU64(m_data + m_table + 8 * (index + 1));
  if (begin > end || end > m_table) throw IndexCorruptError("the passage records of the search index are damaged", m_path.string());
  return {m_data + begin, static_cast<std::size_t>(end - begin)};
}

void RecordFile::Check() const {
  for (std::size_t i = 0; i < m_count; ++i) (void)Get(i);
}

}  // namespace tessera
