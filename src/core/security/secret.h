#pragma once
// A passphrase in memory: kept in one buffer from sodium_malloc (guard pages, locked against
// swapping where the system allows it) and wiped with sodium_memzero before it is freed.

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera {

/// Secret bytes with one owner. Movable, not copyable; wiped in the destructor.
class Secret {
 public:
  Secret() = default;
  /// Copies `bytes` into protected memory (the caller wipes its own copy).
  explicit Secret(std::string_view bytes);
  ~Secret();
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  /// The bytes; valid while this Secret lives and is not moved from.
  std::string_view View() const { return {m_data, m_size}; }
  /// True when there are no bytes.
  bool Empty() const { return m_size == 0; }

 private:
  void Release();
  char* m_data = nullptr;
  std::size_t m_size = 0;
};

/// Reads a passphrase file: its first line, without the line feed (and a carriage return before
/// it). "-" reads standard input. @throws DataError naming the file when it cannot be read or the
/// passphrase is empty.
Secret ReadPassphraseFile(const std::string& path);

}  // namespace tessera
