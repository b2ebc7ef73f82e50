#pragma once
// How long work reports progress and learns that the user cancelled: a dialog in the application,
// stderr in the CLI, nothing in tests.

#include <cstddef>
#include <string>

namespace tessera {

/// Receives progress of a long task and answers whether to stop.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  /// `done` of `total` steps; `label` says what is being worked on.
  virtual void Report(std::size_t done, std::size_t total, const std::string& label) = 0;
  /// True when the user asked to stop; the task then throws Cancelled and rolls back.
  virtual bool CancelRequested() { return false; }
  /// A message for the user (a skipped duplicate, a warning).
  virtual void Message(const std::string& text) { (void)text; }
};

/// A sink that ignores everything.
class NullProgress : public ProgressSink {
 public:
  void Report(std::size_t, std::size_t, const std::string&) override {}
};

}  // namespace tessera
