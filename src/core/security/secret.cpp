#include "security/secret.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

#include "error.h"

namespace tessera {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw EnvironmentError("libsodium could not be initialised");
}

// The most a passphrase file may hold before its first line ends; more is not a passphrase.
constexpr std::size_t kMaxPassphraseFile = 64 * 1024;

}  // namespace

Secret::Secret(std::string_view bytes) {
  EnsureSodium();
  // sodium_malloc(0) is allowed but returns a guarded page all the same; keep one byte for clarity.
  m_data = static_cast<char*>(sodium_malloc(bytes.size() + 1));
  if (!m_data) throw std::bad_alloc();
  if (!bytes.empty()) std::memcpy(m_data, bytes.data(), bytes.size());
  m_data[bytes.size()] = '\0';
  m_size = bytes.size();
}

Secret::~Secret() { Release(); }

Secret::Secret(Secret&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    Release();
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

void Secret::Release() {
  if (m_data) {
    // sodium_free wipes too; the explicit wipe documents the intent and costs nothing.
    sodium_memzero(m_data, m_size);
    sodium_free(m_data);
  }
  m_data = nullptr;
  m_size = 0;
}

Secret ReadPassphraseFile(const std::string& path) {
  EnsureSodium();
  const bool from_stdin = path == "-";
  const int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const std::string name = from_stdin ? std::string("standard input") : path;
  if (fd < 0) throw DataError(std::string("cannot read the passphrase file: ") + std::strerror(errno), name);
  // Read into protected memory, never into a std::string that could leave copies behind.
  char* buffer = static_cast<char*>(sodium_malloc(kMaxPassphraseFile));
  if (!buffer) {
    if (!from_stdin) ::close(fd);
    throw std::bad_alloc();
  }
  std::size_t size = 0;
  int error = 0;
  bool line_ended = false;
  while (size < kMaxPassphraseFile && !line_ended) {
    const ssize_t n = ::read(fd, buffer + size, kMaxPassphraseFile - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    if (n == 0) break;
    line_ended = std::memchr(buffer + size, '\n', static_cast<std::size_t>(n)) != nullptr;
    size += static_cast<std::size_t>(n);
  }
  if (!from_stdin) ::close(fd);
  auto wipe = [&] {
    sodium_memzero(buffer, kMaxPassphraseFile);
    sodium_free(buffer);
  };
  if (error) {
    wipe();
    throw DataError(std::string("cannot read the passphrase file: ") + std::strerror(error), name);
  }
  std::size_t length = 0;
  while (length < size && buffer[length] != '\n') ++length;
  if (length == kMaxPassphraseFile) {
    wipe();
    throw DataError("the passphrase file's first line is too long", name);
  }
  if (length > 0 && buffer[length - 1] == '\r') --length;
  if (length == 0) {
    wipe();
    throw DataError("the passphrase is empty (the file's first line holds the passphrase)", name);
  }
  Secret secret(std::string_view(buffer, length));
  wipe();
  return secret;
}

}  // namespace tessera
