#pragma once
// The one exception root of libtessera, and its three branches.
//
// ProgrammingError: a bug (a broken invariant); never the user's fault.
// DataError: bad input or a bad environment (a file, a project, a disk); carries the path it is about.
// Cancelled: the user stopped a long task; callers stay silent about it.

#include <stdexcept>
#include <string>

namespace tessera {

/// Root of every exception libtessera throws.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A broken invariant inside Tessera.
class ProgrammingError : public Error {
 public:
  using Error::Error;
};

/// Input or environment that Tessera cannot use; `path()` names the file when there is one.
class DataError : public Error {
 public:
  explicit DataError(const std::string& reason, std::string path = {})
      : Error(path.empty() ? reason : path + ": " + reason),
        m_reason(reason),
        m_path(std::move(path)) {}
  /// The reason alone, without the path.
  const std::string& reason() const { return m_reason; }
  /// The file the error is about, or empty.
  const std::string& path() const { return m_path; }

 private:
  std::string m_reason;
  std::string m_path;
};

/// A database, file system or library failure (disk full, I/O error, busy).
class EnvironmentError : public DataError {
 public:
  using DataError::DataError;
};

/// A request that names something that does not exist (a document, a code).
class NotFoundError : public DataError {
 public:
  using DataError::DataError;
};

/// The user cancelled a long task.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace tessera
