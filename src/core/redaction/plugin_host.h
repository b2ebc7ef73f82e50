#pragma once
// Finds, loads and runs the redaction plugins (see plugins/include/tessera/redaction_plugin.h
// and docs/plugins.md).
//
// Search path, in order: the directories given explicitly (`--plugin-dir`), then the
// directories of the TESSERA_PLUGIN_PATH environment variable (colon-separated), then the build
// directory and the install directory that the core was compiled with. Every `*.so` in them is a
// plugin. When two files carry the same plugin id, the first one found wins and the other is
// listed as Disabled ("shadowed").

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "redaction/loaded_plugin.h"

namespace tessera {

/// How a PluginHost searches and runs plugins.
struct PluginHostOptions {
  std::vector<std::filesystem::path> plugin_dirs;  ///< searched first (`--plugin-dir`)
  bool use_environment = true;                     ///< also search TESSERA_PLUGIN_PATH
  bool use_default_dirs = true;  ///< also search the build and install plugin directories
  std::map<std::string, std::string> configs;  ///< plugin id -> configuration JSON
  PluginLimits limits;  ///< timeout and isolation of every call into plugin code
};

/// A plugin that failed, as reported with a detection.
struct PluginFailure {
  std::string plugin_id;       ///< the id, or the file's stem
  std::filesystem::path path;  ///< the library
  std::string reason;          ///< why
};

/// What all enabled plugins found in one text.
struct Detection {
  std::vector<DetectedSpan> spans;       ///< every validated span, in plugin order
  std::vector<std::string> plugins_run;  ///< ids of the plugins that ran and succeeded
  std::vector<PluginFailure> failures;   ///< plugins that failed, now or before
  /// True when no enabled plugin failed and at least one ran. Only then may the text be exported.
  bool Complete() const { return failures.empty() && !plugins_run.empty(); }
};

/// The set of loaded redaction plugins. Not thread-safe; one detection at a time.
class PluginHost {
 public:
  /// A host with no plugins yet; call Discover or Load.
  explicit PluginHost(PluginHostOptions options = {});

  /// The directories searched, in order, for `options` (existing or not, without duplicates).
  static std::vector<std::filesystem::path> SearchPath(const PluginHostOptions& options);

  /// Loads every `*.so` of the search path (sorted by file name within a directory). Broken
  /// plugins are kept in state Failed. Returns the number of plugins now Loaded.
  /// @throws EnvironmentError when a process for a plugin call cannot be started.
  std::size_t Discover();

  /// Loads one library, wherever it is; a second library with an id already loaded is kept as
  /// Disabled ("shadowed by …"). @throws EnvironmentError as Discover.
  LoadedPlugin& Load(const std::filesystem::path& file);

  /// Every plugin found, in load order (loaded, failed and disabled).
  const std::vector<std::unique_ptr<LoadedPlugin>>& Plugins() const { return m_plugins; }

  /// The active plugin with `id` (the first loaded with that id), or nullptr.
  LoadedPlugin* Find(std::string_view id) const;

  /// Enables or disables the plugin `id`. @throws NotFoundError when there is none.
  void SetEnabled(std::string_view id, bool enabled);

  /// Re-creates plugin `id` with a new configuration (e.g. the name list after a register
  /// change) and remembers it. Returns false when the plugin failed to take it.
  /// @throws NotFoundError when there is no plugin `id`.
  bool Configure(std::string_view id, const std::string& config_json);

  /// Runs every Loaded plugin over valid UTF-8 `text` and gathers spans and failures. A plugin
  /// that fails (error, crash, timeout, bad span) becomes Failed and is listed in failures, as
  /// is every plugin that failed before. @throws DataError when `text` is not valid UTF-8.
  Detection Detect(std::string_view text, std::string_view language);

 private:
  PluginHostOptions m_options;
  std::vector<std::unique_ptr<LoadedPlugin>> m_plugins;
};

}  // namespace tessera
