#pragma once
// Internal to src/core/search. The passage records of one base shard, in a file beside the shard
// (base/<k>.records), read through a memory map. A base shard never changes after it is built and
// Xapian numbers its passages 1, 2, 3 … in the order they were added, so record n is found by
// position, with no B-tree lookup: reading the records of 20 hits through Xapian's value table
// took a few preads each and was most of a search's time.
//
// Layout: the records one after another; then one little-endian u64 offset per record plus one for
// the end; then a footer of u64 count, u64 offset of the table, and the 8-byte magic "TSRECv1\0".

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tessera {

/// A read-only records file, mapped into memory. Non-copyable; owns the mapping.
class RecordFile {
 public:
  /// Writes a records file, record by record, to a temporary name; Finish() puts it in place.
  class Writer {
   public:
    /// Starts `path` (written as `path`.tmp until Finish). @throws EnvironmentError.
    explicit Writer(std::filesystem::path path);
    /// Closes the file; an unfinished one is removed.
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    /// Appends the next record. @throws EnvironmentError.
    void Append(std::string_view record);
    /// Writes the table and footer and renames the file into place. @throws EnvironmentError.
    void Finish();

   private:
    void Write(std::string_view bytes);
    void Flush();
    std::filesystem::path m_path;
    std::filesystem::path m_temporary;
    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::vector<std::uint64_t> m_offsets;
    std::string m_buffer;
  };

  /// Maps `path`. @throws IndexCorruptError when it is missing or malformed, EnvironmentError.
  explicit RecordFile(const std::filesystem::path& path);
  ~RecordFile();
  RecordFile(const RecordFile&) = delete;
  RecordFile& operator=(const RecordFile&) = delete;
  RecordFile(RecordFile&& other) noexcept;
  RecordFile& operator=(RecordFile&& other) noexcept;

  /// Number of records.
  std::size_t Count() const { return m_count; }
  /// Record `index` (0-based). The view lives as long as this object.
  /// @throws IndexCorruptError when the index or the table is out of range.
  std::string_view Get(std::size_t index) const;
  /// Checks every offset of the table. @throws IndexCorruptError.
  void Check() const;

 private:
  void Unmap();
  std::filesystem::path m_path;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
  std::size_t m_count = 0;
  std::size_t m_table = 0;
};

}  // namespace tessera
