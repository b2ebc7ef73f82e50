#include "redaction/plugin_host.h"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "error.h"

namespace tessera {

PluginHost::PluginHost(PluginHostOptions options) : m_options(std::move(options)) {}

std::vector<std::filesystem::path> PluginHost::SearchPath(const PluginHostOptions& options) {
  std::vector<std::filesystem::path> dirs;
  auto add = [&dirs](const std::filesystem::path& dir) {
    if (dir.empty()) return;
    const auto normal = dir.lexically_normal();
    if (std::find(dirs.begin(), dirs.end(), normal) == dirs.end()) dirs.push_back(normal);
  };
  for (const auto& dir : options.plugin_dirs) add(dir);
  if (options.use_environment) {
    if (const char* path = std::getenv("TESSERA_PLUGIN_PATH")) {
      std::string_view rest(path);
      while (!rest.empty()) {
        const auto colon = rest.find(':');
        add(std::filesystem::path(std::string(rest.substr(0, colon))));
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
      }
    }
  }
  if (options.use_default_dirs) {
#ifdef TESSERA_BUILD_PLUGIN_DIR
    add(TESSERA_BUILD_PLUGIN_DIR);
#endif
#ifdef TESSERA_INSTALL_PLUGIN_DIR
    add(TESSERA_INSTALL_PLUGIN_DIR);
#endif
  }
  return dirs;
}

std::size_t PluginHost::Discover() {
  for (const auto& dir : SearchPath(m_options)) {
    std::error_code error;
    if (!std::filesystem::is_directory(dir, error)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
      if (entry.path().extension() == ".so" && entry.is_regular_file(error))
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const bool already = std::any_of(m_plugins.begin(), m_plugins.end(), [&](const auto& plugin) {
        std::error_code same_error;
        return std::filesystem::equivalent(plugin->Path(), file, same_error);
      });
      if (!already) Load(file);
    }
  }
  return static_cast<std::size_t>(
      std::count_if(m_plugins.begin(), m_plugins.end(),
                    [](const auto& plugin) { return plugin->State() == PluginState::Loaded; }));
}

LoadedPlugin& PluginHost::Load(const std::filesystem::path& file) {
  auto plugin = LoadedPlugin::Open(file, m_options.configs, m_options.limits);
  if (plugin->State() != PluginState::Failed) {
    if (const LoadedPlugin* first = Find(plugin->Id())) {
      plugin->SetEnabled(false, "shadowed by " + first->Path().string());
    }
  }
  m_plugins.push_back(std::move(plugin));
  return *m_plugins.back();
}

LoadedPlugin* PluginHost::Find(std::string_view id) const {
  for (const auto& plugin : m_plugins) {
    if (plugin->Id() != id) continue;
    if (plugin->State() == PluginState::Disabled && plugin->Reason().starts_with("shadowed by "))
      continue;
    return plugin.get();
  }
  return nullptr;
}

void PluginHost::SetEnabled(std::string_view id, bool enabled) {
  LoadedPlugin* plugin = Find(id);
  if (plugin == nullptr) throw NotFoundError("no redaction plugin \"" + std::string(id) + "\"");
  plugin->SetEnabled(enabled);
}

bool PluginHost::Configure(std::string_view id, const std::string& config_json) {
  LoadedPlugin* plugin = Find(id);
  if (plugin == nullptr) throw NotFoundError("no redaction plugin \"" + std::string(id) + "\"");
  m_options.configs[std::string(id)] = config_json;
  return plugin->Configure(config_json);
}

Detection PluginHost::Detect(std::string_view text, std::string_view language) {
  Detection detection;
  for (const auto& plugin : m_plugins) {
    if (plugin->State() == PluginState::Loaded) {
      PluginDetection found = plugin->Detect(text, language);
      if (found.ok) {
        detection.plugins_run.push_back(plugin->Id());
        detection.spans.insert(detection.spans.end(), std::make_move_iterator(found.spans.begin()),
                               std::make_move_iterator(found.spans.end()));
        continue;
      }
    }
    if (plugin->State() == PluginState::Failed) {
      detection.failures.push_back(PluginFailure{plugin->Id(), plugin->Path(), plugin->Reason()});
    }
  }
  return detection;
}

}  // namespace tessera
