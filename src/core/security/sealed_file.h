#pragma once
// Sealed exchange files (`*.tessera-sealed`): a whole project, encrypted with a passphrase, for
// sending a copy to a coder or to another office. See docs/security.md for the format:
//
//   header (72 bytes, authenticated with every chunk as additional data)
//     magic "TSRASEAL", format version (u16 LE), KDF id (1 = Argon2id v1.3), cipher id
//     (1 = XChaCha20-Poly1305 secretstream), Argon2 opslimit (u64 LE) and memlimit (u64 LE),
//     plaintext chunk size (u32 LE), 16-byte salt, 24-byte secretstream header
//   chunks: each chunk-size bytes of the project plus 17 bytes of tag and MAC; the last one is
//     shorter (possibly empty) and carries the FINAL tag; nothing may follow it.
//
// The key comes from the passphrase through crypto_pwhash (Argon2id, random salt); the data are
// the project as of one moment (SQLite's backup API), compacted so that deleted text is not in it.

#include <cstdint>
#include <string>
#include <string_view>

namespace tessera {

/// Argon2id cost of new sealed files: libsodium's MODERATE (3 passes, 256 MiB).
inline constexpr std::uint64_t kSealOpsLimit = 3;
inline constexpr std::uint64_t kSealMemLimit = 256ull * 1024 * 1024;

/// Choices for SealProject; the defaults are what the CLI and the application use.
struct SealOptions {
  std::uint64_t opslimit = kSealOpsLimit;  ///< Argon2id passes
  std::uint64_t memlimit = kSealMemLimit;  ///< Argon2id memory in bytes
  std::uint32_t chunk_size = 64 * 1024;    ///< plaintext bytes per chunk
  std::string actor;                       ///< who seals, for the audit log; empty: DefaultUserName()
};

/// What a seal or unseal did, for the user and the audit log.
struct SealReport {
  std::string path;        ///< the file written
  std::uint64_t bytes = 0;  ///< its size
  std::string sha256;       ///< SHA-256 of the sealed file
};

/// The readable part of a sealed file's header.
struct SealedHeader {
  std::uint16_t version = 0;
  std::uint64_t opslimit = 0, memlimit = 0;
  std::uint32_t chunk_size = 0;
};

/// Size of a sealed file's header in bytes.
inline constexpr std::size_t kSealedHeaderSize = 72;

/// Parses and checks a sealed file's header (the first kSealedHeaderSize bytes of `bytes`).
/// @throws DataError naming `path` for another kind of file, a newer format, or parameters outside
/// what Tessera writes and accepts (so a hostile file cannot ask for terabytes of memory).
SealedHeader ParseSealedHeader(std::string_view bytes, const std::string& path);

/// Seals the project at `project_path` into the new file `out_path` (never replaced: @throws
/// DataError when it exists). The project may be in use meanwhile; the copy is of one moment.
/// Records "project/seal" in the project's audit log (so the project must be writable).
/// @throws DataError for an empty passphrase, a project that is not sound; EnvironmentError for I/O.
SealReport SealProject(const std::string& project_path, const std::string& out_path, std::string_view passphrase,
                       const SealOptions& options = {});

/// Unseals `sealed_path` into the new project `project_path`, which must not exist. Decrypts into
/// a temporary file beside it, checks the final tag, that nothing follows it and that the project
/// is sound, records "project/unseal" in its audit log, and only then moves it into place.
/// @throws DataError (nothing written) for a wrong passphrase, a damaged, truncated or extended
/// file, another kind of file, or an existing `project_path`; EnvironmentError for I/O.
/// `actor` is who unseals, for the audit log (empty: DefaultUserName()).
SealReport UnsealProject(const std::string& sealed_path, const std::string& project_path, std::string_view passphrase,
                         const std::string& actor = {});

}  // namespace tessera
