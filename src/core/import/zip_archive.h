#pragma once
// Read-only access to ZIP containers (docx, odt, qdpx) with limits that refuse hostile archives:
// paths that climb out, absolute paths, oversized entries and zip bombs.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct zip;

namespace tessera {

/// Limits applied when reading entries.
struct ZipLimits {
  std::uint64_t max_entry_bytes = 512ull << 20;  ///< one entry, uncompressed
  std::uint64_t max_total_bytes = 2048ull << 20; ///< all entries, uncompressed
  std::uint64_t max_ratio = 200;                 ///< uncompressed / compressed, for entries > 1 MiB
  std::size_t max_entries = 100000;
};

/// An open ZIP archive. Not copyable; closes in its destructor.
class ZipArchive {
 public:
  /// Opens `path` and checks every entry name and size against `limits`.
  /// @throws DataError naming `path` for a missing, truncated, non-ZIP or hostile archive.
  explicit ZipArchive(const std::string& path, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Names of all entries, in archive order.
  const std::vector<std::string>& Names() const { return m_names; }
  /// True when an entry with exactly this name exists.
  bool Contains(const std::string& name) const;
  /// The entry whose name equals `name` ignoring ASCII case, if any.
  std::optional<std::string> FindCaseInsensitive(const std::string& name) const;
  /// The whole uncompressed content of `name`. @throws DataError when missing, oversized or corrupt.
  std::string Read(const std::string& name) const;

 private:
  struct Closer {
    void operator()(zip* z) const;
  };
  std::unique_ptr<zip, Closer> m_zip;
  std::string m_path;
  ZipLimits m_limits;
  std::vector<std::string> m_names;
};

/// True when an archive entry name is safe to use as a relative path (no `..`, not absolute).
bool IsSafeEntryName(const std::string& name);

}  // namespace tessera
