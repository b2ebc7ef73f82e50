#include "security/sealed_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <new>
#include <vector>

#include <nlohmann/json.hpp>

#include "error.h"
#include "project/database.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "security/file_safety.h"
#include "security/snapshot.h"

namespace tessera {
namespace fs = std::filesystem;

namespace {

constexpr char kMagic[8] = {'T', 'S', 'R', 'A', 'S', 'E', 'A', 'L'};
constexpr std::uint16_t kFormatVersion = 1;
constexpr std::uint8_t kKdfArgon2id13 = 1;
constexpr std::uint8_t kCipherSecretstream = 1;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kStreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
constexpr std::size_t kKeyBytes = crypto_secretstream_xchacha20poly1305_KEYBYTES;
constexpr std::size_t kChunkOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;
// Offsets inside the header.
constexpr std::size_t kVersionAt = 8, kKdfAt = 10, kCipherAt = 11, kOpsAt = 12, kMemAt = 20, kChunkAt = 28,
                      kSaltAt = 32, kStreamHeaderAt = 32 + kSaltBytes;
static_assert(kStreamHeaderAt + kStreamHeaderBytes == kSealedHeaderSize);
static_assert(kSealOpsLimit == crypto_pwhash_OPSLIMIT_MODERATE);
static_assert(kSealMemLimit == crypto_pwhash_MEMLIMIT_MODERATE);

// What an unseal accepts: everything Tessera may write, and nothing that would let a hostile file
// ask for an absurd amount of time or memory.
constexpr std::uint64_t kMaxOpsLimit = 32;
constexpr std::uint64_t kMaxMemLimit = 4ull * 1024 * 1024 * 1024;
constexpr std::uint32_t kMinChunk = 1024, kMaxChunk = 16 * 1024 * 1024;

const char* const kRefused = "cannot unseal: wrong passphrase, or the file was damaged or altered; nothing was written";

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw EnvironmentError("libsodium could not be initialised");
}

template <typename T>
void PutLe(unsigned char* at, T value) {
  for (std::size_t i = 0; i < sizeof(T); ++i) at[i] = static_cast<unsigned char>((value >> (8 * i)) & 0xFF);
}

template <typename T>
T GetLe(const unsigned char* at) {
  T value = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) value |= static_cast<T>(static_cast<T>(at[i]) << (8 * i));
  return value;
}

// The symmetric key, in protected memory, wiped when it goes.
class Key {
 public:
  Key() : m_bytes(static_cast<unsigned char*>(sodium_malloc(kKeyBytes))) {
    if (!m_bytes) throw std::bad_alloc();
  }
  ~Key() { sodium_free(m_bytes); }  // sodium_free wipes before it frees
  Key(const Key&) = delete;
  Key& operator=(const Key&) = delete;
  unsigned char* Data() { return m_bytes; }

 private:
  unsigned char* m_bytes;
};

void DeriveKey(Key& key, std::string_view passphrase, const unsigned char* salt, std::uint64_t opslimit,
               std::uint64_t memlimit) {
  if (memlimit > std::numeric_limits<std::size_t>::max()) throw EnvironmentError("the sealed file needs more memory than this system can address");
  if (crypto_pwhash(key.Data(), kKeyBytes, passphrase.data(), passphrase.size(), salt, opslimit,
                    static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw EnvironmentError("not enough memory to derive the key from the passphrase (Argon2id needs " +
                           std::to_string(memlimit / (1024 * 1024)) + " MiB)");
  }
}

// A plaintext buffer that is wiped when it goes: it holds transcript text.
class WipedBuffer {
 public:
  explicit WipedBuffer(std::size_t size) : m_bytes(size) {}
  ~WipedBuffer() { sodium_memzero(m_bytes.data(), m_bytes.size()); }
  WipedBuffer(const WipedBuffer&) = delete;
  WipedBuffer& operator=(const WipedBuffer&) = delete;
  unsigned char* Data() { return m_bytes.data(); }
  std::size_t Size() const { return m_bytes.size(); }

 private:
  std::vector<unsigned char> m_bytes;
};

// A file descriptor with one owner.
class File {
 public:
  File(const std::string& path, int flags, mode_t mode = 0600) : m_path(path), m_fd(::open(path.c_str(), flags | O_CLOEXEC, mode)) {
    if (m_fd < 0) throw EnvironmentError(std::string("cannot open the file: ") + std::strerror(errno), path);
  }
  ~File() {
    if (m_fd >= 0) ::close(m_fd);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  /// Reads until `size` bytes or the end; returns how many were read.
  std::size_t ReadFull(unsigned char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::read(m_fd, data + done, size - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw EnvironmentError(std::string("cannot read the file: ") + std::strerror(errno), m_path);
      }
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    return done;
  }
  void WriteAll(const unsigned char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::write(m_fd, data + done, size - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw EnvironmentError(std::string("cannot write the file (disk full?): ") + std::strerror(errno), m_path);
      }
      done += static_cast<std::size_t>(n);
    }
  }
  void SyncAndClose() {
    if (::fsync(m_fd) != 0 || ::close(m_fd) != 0) {
      m_fd = -1;
      throw EnvironmentError(std::string("cannot write the file to disk: ") + std::strerror(errno), m_path);
    }
    m_fd = -1;
  }

 private:
  std::string m_path;
  int m_fd;
};

}  // namespace

SealedHeader ParseSealedHeader(std::string_view bytes, const std::string& path) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < sizeof kMagic || std::memcmp(b, kMagic, sizeof kMagic) != 0) {
    throw DataError("not a sealed Tessera file", path);
  }
  if (bytes.size() < kSealedHeaderSize) throw DataError("the sealed file is truncated (its header is incomplete)", path);
  SealedHeader header;
  header.version = GetLe<std::uint16_t>(b + kVersionAt);
  if (header.version != kFormatVersion) {
    throw DataError("the file was sealed by a newer Tessera (format " + std::to_string(header.version) +
                        ", this build reads format " + std::to_string(kFormatVersion) + ")",
                    path);
  }
  if (b[kKdfAt] != kKdfArgon2id13 || b[kCipherAt] != kCipherSecretstream) {
    throw DataError("the sealed file uses a key derivation or cipher this build does not know", path);
  }
  header.opslimit = GetLe<std::uint64_t>(b + kOpsAt);
  header.memlimit = GetLe<std::uint64_t>(b + kMemAt);
  header.chunk_size = GetLe<std::uint32_t>(b + kChunkAt);
  if (header.opslimit < crypto_pwhash_OPSLIMIT_MIN || header.opslimit > kMaxOpsLimit ||
      header.memlimit < crypto_pwhash_MEMLIMIT_MIN || header.memlimit > kMaxMemLimit ||
      header.chunk_size < kMinChunk || header.chunk_size > kMaxChunk) {
    throw DataError("the sealed file's header is damaged (its parameters are out of range)", path);
  }
  return header;
}

SealReport SealProject(const std::string& project_path, const std::string& out_path, std::string_view passphrase,
                       const SealOptions& options) {
  EnsureSodium();
  if (passphrase.empty()) throw DataError("the passphrase is empty");
  if (options.opslimit < crypto_pwhash_OPSLIMIT_MIN || options.opslimit > kMaxOpsLimit ||
      options.memlimit < crypto_pwhash_MEMLIMIT_MIN || options.memlimit > kMaxMemLimit ||
      options.chunk_size < kMinChunk || options.chunk_size > kMaxChunk) {
    throw ProgrammingError("SealOptions out of range");
  }
  std::error_code ec;
  if (fs::exists(out_path, ec)) throw DataError("a file of that name already exists; it was left as it was", out_path);

  Project project = Project::Open(project_path);
  if (!options.actor.empty()) project.SetCurrentUser(options.actor);
  RemoveAbandonedTemporaries(project_path);
  // The snapshot is plaintext: it goes beside the project (same disk, same protection), never
  // beside the output, which may be a USB stick.
  const std::string snapshot = TemporaryPathBeside(project_path, "seal");
  TemporaryFileGuard snapshot_guard(snapshot);
  SnapshotDatabase(project.Db(), snapshot, {.compact = true});
  {
    Project copy = Project::OpenReadOnly(snapshot);
    const auto problems = CheckProject(copy);
    if (!problems.empty()) {
      throw DataError("the project has problems and was not sealed (run check): " + problems.front(), project_path);
    }
  }

  unsigned char header[kSealedHeaderSize] = {};
  std::memcpy(header, kMagic, sizeof kMagic);
  PutLe<std::uint16_t>(header + kVersionAt, kFormatVersion);
  header[kKdfAt] = kKdfArgon2id13;
  header[kCipherAt] = kCipherSecretstream;
  PutLe<std::uint64_t>(header + kOpsAt, options.opslimit);
  PutLe<std::uint64_t>(header + kMemAt, options.memlimit);
  PutLe<std::uint32_t>(header + kChunkAt, options.chunk_size);
  randombytes_buf(header + kSaltAt, kSaltBytes);

  Key key;
  DeriveKey(key, passphrase, header + kSaltAt, options.opslimit, options.memlimit);
  crypto_secretstream_xchacha20poly1305_state state;
  crypto_secretstream_xchacha20poly1305_init_push(&state, header + kStreamHeaderAt, key.Data());

  const std::string temp = TemporaryPathBeside(out_path, "tmp");
  TemporaryFileGuard temp_guard(temp);
  {
    File in(snapshot, O_RDONLY);
    File out(temp, O_WRONLY | O_CREAT | O_EXCL);
    out.WriteAll(header, sizeof header);
    WipedBuffer plain(options.chunk_size);
    std::vector<unsigned char> cipher(options.chunk_size + kChunkOverhead);
    std::uint64_t remaining = FileSize(snapshot);
    // Every chunk but the last is full; the last (possibly empty) carries the FINAL tag.
    do {
      const std::size_t want = remaining < options.chunk_size ? static_cast<std::size_t>(remaining) : options.chunk_size;
      if (in.ReadFull(plain.Data(), want) != want) throw EnvironmentError("the snapshot changed while it was read", snapshot);
      remaining -= want;
      const unsigned char tag = remaining == 0 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                               : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      unsigned long long cipher_size = 0;
      crypto_secretstream_xchacha20poly1305_push(&state, cipher.data(), &cipher_size, plain.Data(), want, header,
                                                 sizeof header, tag);
      out.WriteAll(cipher.data(), static_cast<std::size_t>(cipher_size));
    } while (remaining > 0);
    sodium_memzero(&state, sizeof state);
    out.SyncAndClose();
  }
  RemoveQuietly(snapshot);  // the plaintext copy goes as soon as it has been read
  RenameNoReplace(temp, out_path);
  temp_guard.Release();
  SyncParentFolder(out_path);

  SealReport report{out_path, FileSize(out_path), Sha256OfFile(out_path)};
  try {
    Transaction tx(project.Db());
    project.Audit("project/seal", {{"file", FileNameOf(out_path)}, {"sha256", report.sha256}, {"bytes", report.bytes}});
    tx.Commit();
  } catch (...) {
    // A copy that left without a record in the audit log must not exist.
    RemoveQuietly(out_path);
    throw;
  }
  return report;
}

SealReport UnsealProject(const std::string& sealed_path, const std::string& project_path, std::string_view passphrase,
                         const std::string& actor) {
  EnsureSodium();
  if (passphrase.empty()) throw DataError("the passphrase is empty");
  std::error_code ec;
  if (fs::exists(project_path, ec)) {
    throw DataError("a file of that name already exists; unseal never replaces a project", project_path);
  }
  if (fs::exists(project_path + "-wal", ec)) {
    throw DataError("a stray write-ahead log of an earlier project lies there (" + FileNameOf(project_path) +
                        "-wal); move it away first",
                    project_path);
  }
  if (!fs::is_regular_file(sealed_path, ec)) throw DataError("no such file", sealed_path);

  File in(sealed_path, O_RDONLY);
  unsigned char header[kSealedHeaderSize] = {};
  const std::size_t got = in.ReadFull(header, sizeof header);
  const SealedHeader parsed =
      ParseSealedHeader(std::string_view(reinterpret_cast<const char*>(header), got), sealed_path);

  Key key;
  DeriveKey(key, passphrase, header + kSaltAt, parsed.opslimit, parsed.memlimit);
  crypto_secretstream_xchacha20poly1305_state state;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state, header + kStreamHeaderAt, key.Data()) != 0) {
    throw DataError(kRefused, sealed_path);
  }

  const std::string temp = TemporaryPathBeside(project_path, "unseal");
  TemporaryFileGuard temp_guard(temp);
  {
    File out(temp, O_WRONLY | O_CREAT | O_EXCL);
    std::vector<unsigned char> cipher(parsed.chunk_size + kChunkOverhead);
    WipedBuffer plain(parsed.chunk_size);
    for (std::uint64_t chunk = 0;; ++chunk) {
      const std::size_t n = in.ReadFull(cipher.data(), cipher.size());
      if (n < kChunkOverhead) {
        throw DataError(n == 0 ? "the sealed file is truncated (its end is missing); nothing was written" : kRefused,
                        sealed_path);
      }
      unsigned long long plain_size = 0;
      unsigned char tag = 0;
      if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.Data(), &plain_size, &tag, cipher.data(), n, header,
                                                     sizeof header) != 0) {
        throw DataError(chunk == 0 ? kRefused
                                   : "cannot unseal: the file was damaged or altered (part " + std::to_string(chunk + 1) +
                                         "); nothing was written",
                        sealed_path);
      }
      out.WriteAll(plain.Data(), static_cast<std::size_t>(plain_size));
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
        unsigned char extra = 0;
        if (in.ReadFull(&extra, 1) != 0) {
          throw DataError("cannot unseal: data follows the end of the sealed content; nothing was written", sealed_path);
        }
        break;
      }
      if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE || n != cipher.size()) throw DataError(kRefused, sealed_path);
    }
    sodium_memzero(&state, sizeof state);
    out.SyncAndClose();
  }

  SealReport report{sealed_path, FileSize(sealed_path), Sha256OfFile(sealed_path)};
  {
    Project unsealed = [&] {
      try {
        return Project::Open(temp);
      } catch (const DataError& e) {
        throw DataError("the sealed file does not hold a Tessera project (" + e.reason() + "); nothing was written",
                        sealed_path);
      }
    }();
    const auto problems = CheckProject(unsealed);
    if (!problems.empty()) {
      throw DataError("the sealed project is not sound (" + problems.front() + "); nothing was written", sealed_path);
    }
    if (!actor.empty()) unsealed.SetCurrentUser(actor);
    Transaction tx(unsealed.Db());
    unsealed.Audit("project/unseal", {{"file", FileNameOf(sealed_path)}, {"sha256", report.sha256}});
    tx.Commit();
    unsealed.Db().Execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  // The last connection has closed, so SQLite has folded the log into the file and removed it.
  if (fs::exists(temp + "-wal", ec) && fs::file_size(temp + "-wal", ec) > 0) {
    throw EnvironmentError("the unsealed project could not be written completely (its log remained); nothing was written",
                           project_path);
  }
  RemoveSidecarsQuietly(temp);
  SyncFile(temp);
  RenameNoReplace(temp, project_path);
  temp_guard.Release();
  SyncParentFolder(project_path);
  // A search index left beside the name by an earlier project would describe other text.
  fs::remove_all(project_path + ".xapian", ec);
  report.path = project_path;
  return report;
}

}  // namespace tessera
