#pragma once
// One redaction plugin: the shared library, its function table and one instance, owned by an
// RAII object. Every call into plugin code that could crash the host runs in a forked child.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redaction/span_kind.h"

struct TesseraRedactionPlugin;

namespace tessera {

/// Where a plugin stands. Only a Loaded plugin is asked to detect.
enum class PluginState {
  Loaded,    ///< opened, checked and configured; runs on every detection
  Failed,    ///< could not be loaded or failed while detecting; see Reason()
  Disabled,  ///< switched off by the user, or shadowed by a plugin with the same id
};

/// How calls into plugin code are protected.
enum class PluginIsolation {
  Process,    ///< detect (and a probe of loading) runs in a forked child: crashes are contained
  InProcess,  ///< direct calls, for debugging plugin code only: a crash takes the host down
};

/// Limits for calls into one plugin.
struct PluginLimits {
  std::chrono::milliseconds timeout{30000};              ///< per call; a child past it is killed
  PluginIsolation isolation = PluginIsolation::Process;  ///< see PluginIsolation
};

/// Result of one Detect call.
struct PluginDetection {
  bool ok = false;                  ///< false: the plugin failed and is now in state Failed
  std::string error;                ///< why it failed
  std::vector<DetectedSpan> spans;  ///< validated spans (code points of the text), when ok
};

/// A redaction plugin loaded from a shared library. Owns the dlopen handle and the instance:
/// the destructor calls the plugin's destroy on the instance, then dlclose. Not copyable.
class LoadedPlugin {
 public:
  /// Opens `file`, checks abi_version and struct_size before anything else, then the id and
  /// function pointers, and creates an instance with `configs[id]` (or "{}"). Never throws for a
  /// broken plugin: the result is then in state Failed with the reason. Loading is first tried
  /// in a forked child (under Process isolation), so a plugin that crashes while loading or in
  /// create fails without taking the host down.
  static std::unique_ptr<LoadedPlugin> Open(const std::filesystem::path& file,
                                            const std::map<std::string, std::string>& configs,
                                            PluginLimits limits = {});
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  /// The file it was loaded from.
  const std::filesystem::path& Path() const { return m_path; }
  /// The plugin's id, or the file's stem when it could not be read.
  const std::string& Id() const { return m_id; }
  /// The plugin's display name (the id when unknown).
  const std::string& Name() const { return m_name; }
  /// The plugin's own version, or empty.
  const std::string& Version() const { return m_version; }
  /// Current state.
  PluginState State() const { return m_state; }
  /// Why the plugin failed or is disabled; empty when loaded.
  const std::string& Reason() const { return m_reason; }

  /// Disables the plugin (from any state; a failed plugin the user switches off no longer blocks
  /// exports) or enables it again: Disabled -> Loaded, or back to Failed when it had failed.
  /// `reason` is kept as Reason() while Disabled.
  void SetEnabled(bool enabled, std::string reason = "disabled by the user");

  /// Replaces the instance with one created from `config_json`. Returns false, and the plugin
  /// is Failed, when create fails. A Failed plugin whose load succeeded can be revived this way.
  bool Configure(const std::string& config_json);

  /// Runs detect over valid UTF-8 `text`. On an error return, a crash, a timeout or a span that
  /// is out of range or reversed, returns ok=false and the plugin becomes Failed with the reason.
  /// Must only be called in state Loaded. @throws ProgrammingError otherwise.
  PluginDetection Detect(std::string_view text, std::string_view language);

 private:
  LoadedPlugin(std::filesystem::path path, PluginLimits limits);
  void Fail(std::string reason);
  // Loads in this process; returns an error message or empty. Sets m_table, m_handle and ids.
  std::string LoadHere();
  // Creates the instance in this process; returns an error message or empty.
  std::string CreateHere(const std::string& config_json);
  void DestroyInstance();

  struct HandleCloser {
    void operator()(void* handle) const;
  };

  std::filesystem::path m_path;
  PluginLimits m_limits;
  std::unique_ptr<void, HandleCloser> m_handle;     // dlopen handle; closed after the instance
  const TesseraRedactionPlugin* m_table = nullptr;  // owned by the library, valid while open
  void* m_instance = nullptr;                       // owned by us; released with m_table->destroy
  std::string m_id, m_name, m_version;
  PluginState m_state = PluginState::Failed;
  std::string m_reason;
  std::string m_failure;    // the last failure, kept while the plugin is disabled
  bool m_table_ok = false;  // the library loaded and its table passed every check
};

}  // namespace tessera
