#include "redaction/loaded_plugin.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <tessera/redaction_plugin.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <functional>
#include <thread>

#include "error.h"
#include "text/utf8.h"

namespace tessera {
namespace {

// The message a child sends back through its pipe: this header, then `count` TesseraSpan
// records, then `error_bytes` bytes of error text. Both ends are the same binary, so the raw
// struct layout is safe to send.
struct ChildHeader {
  std::uint32_t magic;
  std::int32_t rc;
  std::uint64_t count;
  std::uint64_t error_bytes;
};
constexpr std::uint32_t kMagic = 0x31525354;  // "TSR1"

std::string SerializeResult(int rc, const TesseraSpan* spans, std::size_t count,
                            const std::string& error) {
  ChildHeader header{kMagic, rc, count, error.size()};
  std::string out(reinterpret_cast<const char*>(&header), sizeof header);
  if (count > 0 && spans != nullptr) {
    out.append(reinterpret_cast<const char*>(spans), count * sizeof(TesseraSpan));
  }
  out += error;
  return out;
}

struct ParsedResult {
  int rc = 0;
  std::vector<TesseraSpan> spans;
  std::string error;
};

// Returns false when the bytes are not one well-formed message.
bool ParseResult(const std::string& data, ParsedResult& result) {
  ChildHeader header{};
  if (data.size() < sizeof header) return false;
  std::memcpy(&header, data.data(), sizeof header);
  if (header.magic != kMagic) return false;
  if (header.count > (data.size() - sizeof header) / sizeof(TesseraSpan)) return false;
  const std::size_t span_bytes = header.count * sizeof(TesseraSpan);
  if (data.size() != sizeof header + span_bytes + header.error_bytes) return false;
  result.rc = header.rc;
  result.spans.resize(header.count);
  if (span_bytes > 0) std::memcpy(result.spans.data(), data.data() + sizeof header, span_bytes);
  result.error = data.substr(sizeof header + span_bytes);
  return true;
}

std::string TakeError(const TesseraRedactionPlugin& table, char* error) {
  if (error == nullptr) return {};
  std::string text(error);
  table.free_string(error);
  return text;
}

struct ChildOutcome {
  bool finished = false;  // the child exited normally with status 0
  std::string data;       // what it wrote
  std::string failure;    // why not finished: a signal, a timeout, a bad exit status
};

// Runs `work` in a forked child and returns what it produced. The child restores the default
// handlers of the fatal signals (a host's crash reporter, or Catch2's, must not run in it) and
// leaves with _exit, so no atexit handler or stdio buffer of the host runs twice.
ChildOutcome RunInChild(const std::function<std::string()>& work,
                        std::chrono::milliseconds timeout) {
  ChildOutcome outcome;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    throw EnvironmentError(std::string("cannot create a pipe for a plugin call: ") +
                           std::strerror(errno));
  }
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    throw EnvironmentError(std::string("cannot fork for a plugin call: ") + std::strerror(error));
  }
  if (pid == 0) {
    close(fds[0]);
    for (const int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP, SIGSYS})
      signal(sig, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    int status = 0;
    try {
      const std::string out = work();
      std::size_t written = 0;
      while (written < out.size()) {
        const ssize_t n = write(fds[1], out.data() + written, out.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          status = 4;
          break;
        }
        written += static_cast<std::size_t>(n);
      }
    } catch (...) {
      status = 3;
    }
    close(fds[1]);
    _exit(status);
  }
  close(fds[1]);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool timed_out = false;
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd poll_fd{fds[0], POLLIN, 0};
    const int ready = poll(&poll_fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    if (ready == 0) continue;
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // end of file: the child closed its end (exited or died)
    outcome.data.append(buffer, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  if (!timed_out) {
    // The child closes its end just before _exit; give it until the deadline to be reaped.
    for (;;) {
      const pid_t reaped = waitpid(pid, &status, WNOHANG);
      if (reaped == pid) break;
      if (reaped < 0 && errno != EINTR) break;
      if (std::chrono::steady_clock::now() >= deadline) {
        timed_out = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  if (timed_out) {
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.failure =
        "did not finish within " + std::to_string(timeout.count()) + " ms and was stopped";
    return outcome;
  }
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    outcome.failure = "crashed (signal " + std::to_string(sig) + ": " + strsignal(sig) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    outcome.failure = "exited with status " + std::to_string(WEXITSTATUS(status));
  } else {
    outcome.finished = true;
  }
  return outcome;
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Turns raw spans into DetectedSpans; returns an error message when one is out of range.
std::string ValidateSpans(const TesseraSpan* spans, std::size_t count, std::size_t length,
                          const std::string& source, std::vector<DetectedSpan>& out) {
  out.clear();
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const TesseraSpan& span = spans[i];
    const std::string where = "span " + std::to_string(i) + " [" + std::to_string(span.start) +
                              ", " + std::to_string(span.end) + ")";
    if (span.start > span.end) return where + " starts after it ends";
    if (span.end > length) {
      return where + " ends past the text (" + std::to_string(length) + " code points)";
    }
    if (span.start == span.end) continue;  // empty: nothing to redact
    DetectedSpan detected;
    detected.start = static_cast<std::size_t>(span.start);
    detected.end = static_cast<std::size_t>(span.end);
    detected.kind = SpanKindFromAbi(span.kind);
    // A confidence that is not a number counts as certain: the span is redacted either way.
    detected.confidence = std::isnan(span.confidence) ? 1.0 : std::clamp(span.confidence, 0.0, 1.0);
    detected.needs_review = span.needs_review != 0;
    detected.source = source;
    out.push_back(std::move(detected));
  }
  return {};
}

}  // namespace

void LoadedPlugin::HandleCloser::operator()(void* handle) const { dlclose(handle); }

LoadedPlugin::LoadedPlugin(std::filesystem::path path, PluginLimits limits)
    : m_path(std::move(path)), m_limits(limits) {
  m_id = m_path.stem().string();
  m_name = m_id;
}

LoadedPlugin::~LoadedPlugin() { DestroyInstance(); }

void LoadedPlugin::DestroyInstance() {
  if (m_instance != nullptr && m_table != nullptr) m_table->destroy(m_instance);
  m_instance = nullptr;
}

void LoadedPlugin::Fail(std::string reason) {
  m_state = PluginState::Failed;
  m_failure = reason;
  m_reason = std::move(reason);
}

std::string LoadedPlugin::LoadHere() {
  dlerror();
  void* handle = dlopen(m_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* error = dlerror();
    return std::string("cannot be opened: ") + (error ? error : "unknown error");
  }
  m_handle.reset(handle);
  void* symbol = dlsym(handle, TESSERA_REDACTION_ENTRY_POINT);
  if (symbol == nullptr) return "exports no " TESSERA_REDACTION_ENTRY_POINT " function";
  const auto entry = reinterpret_cast<TesseraRedactionPluginEntry>(symbol);
  const TesseraRedactionPlugin* table = entry();
  if (table == nullptr) return "returned no function table";
  // abi_version is the first member in every version of the ABI: read nothing else before it
  // and struct_size are known to be right.
  const std::uint32_t abi = table->abi_version;
  if (abi != TESSERA_REDACTION_ABI_VERSION) {
    return "uses plugin ABI version " + std::to_string(abi) + "; this Tessera supports version " +
           std::to_string(TESSERA_REDACTION_ABI_VERSION);
  }
  if (table->struct_size < sizeof(TesseraRedactionPlugin)) {
    return "has a function table of " + std::to_string(table->struct_size) +
           " bytes; ABI version " + std::to_string(abi) + " needs at least " +
           std::to_string(sizeof(TesseraRedactionPlugin));
  }
  if (table->id == nullptr || !IsValidId(table->id)) {
    return "has no valid id (lower-case letters, digits and '-')";
  }
  if (!table->create || !table->detect || !table->free_spans || !table->free_string ||
      !table->destroy) {
    return "leaves a required function of its table empty";
  }
  m_table = table;
  m_id = table->id;
  m_name = table->name != nullptr && *table->name != '\0' ? table->name : m_id;
  m_version = table->version != nullptr ? table->version : "";
  m_table_ok = true;
  return {};
}

std::string LoadedPlugin::CreateHere(const std::string& config_json) {
  char* error = nullptr;
  void* instance = m_table->create(config_json.c_str(), &error);
  std::string message = TakeError(*m_table, error);
  if (instance == nullptr) {
    return "could not be configured: " + (message.empty() ? std::string("create failed") : message);
  }
  m_instance = instance;
  return {};
}

std::unique_ptr<LoadedPlugin> LoadedPlugin::Open(const std::filesystem::path& file,
                                                 const std::map<std::string, std::string>& configs,
                                                 PluginLimits limits) {
  std::unique_ptr<LoadedPlugin> plugin(new LoadedPlugin(file, limits));
  auto config_for = [&configs](const std::string& id) {
    const auto found = configs.find(id);
    return found == configs.end() ? std::string("{}") : found->second;
  };
  if (limits.isolation == PluginIsolation::Process) {
    // A probe: load and create in a child first, so that a library whose constructors, entry
    // point or create crash fails here instead of taking the host down.
    LoadedPlugin* probe = plugin.get();
    const ChildOutcome outcome = RunInChild(
        [&]() -> std::string {
          std::string error = probe->LoadHere();
          if (error.empty()) error = probe->CreateHere(config_for(probe->m_id));
          if (error.empty()) probe->DestroyInstance();
          return SerializeResult(error.empty() ? 0 : 1, nullptr, 0, error);
        },
        limits.timeout);
    ParsedResult parsed;
    if (!outcome.finished) {
      plugin->Fail("crashed or hung while loading: " + outcome.failure);
      return plugin;
    }
    if (!ParseResult(outcome.data, parsed)) {
      plugin->Fail("sent a malformed reply while loading");
      return plugin;
    }
    if (parsed.rc != 0) {
      plugin->Fail(parsed.error);
      return plugin;
    }
  }
  if (std::string error = plugin->LoadHere(); !error.empty()) {
    plugin->Fail(std::move(error));
    return plugin;
  }
  if (std::string error = plugin->CreateHere(config_for(plugin->m_id)); !error.empty()) {
    plugin->Fail(std::move(error));
    return plugin;
  }
  plugin->m_state = PluginState::Loaded;
  return plugin;
}

void LoadedPlugin::SetEnabled(bool enabled, std::string reason) {
  if (!enabled) {
    if (m_state == PluginState::Failed) m_failure = m_reason;
    m_state = PluginState::Disabled;
    m_reason = std::move(reason);
    return;
  }
  if (m_state != PluginState::Disabled) return;
  if (!m_failure.empty() || !m_table_ok || m_instance == nullptr) {
    Fail(m_failure.empty() ? std::string("could not be loaded") : m_failure);
    return;
  }
  m_state = PluginState::Loaded;
  m_reason.clear();
}

bool LoadedPlugin::Configure(const std::string& config_json) {
  if (!m_table_ok) return false;
  if (m_limits.isolation == PluginIsolation::Process) {
    LoadedPlugin* probe = this;
    const ChildOutcome outcome = RunInChild(
        [&]() -> std::string {
          probe->m_instance = nullptr;  // the child's copy must not destroy the parent's instance
          std::string error = probe->CreateHere(config_json);
          if (error.empty()) probe->DestroyInstance();
          return SerializeResult(error.empty() ? 0 : 1, nullptr, 0, error);
        },
        m_limits.timeout);
    ParsedResult parsed;
    if (!outcome.finished) {
      DestroyInstance();
      Fail("crashed or hung while being configured: " + outcome.failure);
      return false;
    }
    if (!ParseResult(outcome.data, parsed) || parsed.rc != 0) {
      DestroyInstance();
      Fail(parsed.error.empty() ? "sent a malformed reply while being configured" : parsed.error);
      return false;
    }
  }
  DestroyInstance();
  if (std::string error = CreateHere(config_json); !error.empty()) {
    Fail(std::move(error));
    return false;
  }
  m_failure.clear();
  if (m_state == PluginState::Failed) {
    m_state = PluginState::Loaded;
    m_reason.clear();
  }
  return true;
}

PluginDetection LoadedPlugin::Detect(std::string_view text, std::string_view language) {
  if (m_state != PluginState::Loaded || m_instance == nullptr) {
    throw ProgrammingError("plugin " + m_id + " asked to detect while not loaded");
  }
  if (!utf8::IsValid(text)) throw DataError("text for redaction is not valid UTF-8");
  const std::string language_z(language);
  PluginDetection result;
  ParsedResult parsed;
  auto call = [&]() -> std::string {
    TesseraSpan* spans = nullptr;
    std::size_t count = 0;
    char* error = nullptr;
    const int rc = m_table->detect(m_instance, text.data(), text.size(), language_z.c_str(), &spans,
                                   &count, &error);
    std::string message = TakeError(*m_table, error);
    if (rc != 0) {
      if (spans != nullptr) m_table->free_spans(m_instance, spans, count);
      return SerializeResult(rc, nullptr, 0, message);
    }
    if (spans == nullptr && count > 0)
      return SerializeResult(-1, nullptr, 0,
                             "returned no spans array for " + std::to_string(count) + " spans");
    std::string out = SerializeResult(0, spans, count, {});
    if (spans != nullptr) m_table->free_spans(m_instance, spans, count);
    return out;
  };
  if (m_limits.isolation == PluginIsolation::Process) {
    const ChildOutcome outcome = RunInChild(call, m_limits.timeout);
    if (!outcome.finished) {
      result.error = "plugin " + m_id + " " + outcome.failure + " while detecting";
      Fail(result.error);
      return result;
    }
    if (!ParseResult(outcome.data, parsed)) {
      result.error = "plugin " + m_id + " sent a malformed reply while detecting";
      Fail(result.error);
      return result;
    }
  } else if (!ParseResult(call(), parsed)) {
    throw ProgrammingError("malformed in-process plugin result");
  }
  if (parsed.rc != 0) {
    result.error = "plugin " + m_id + " reported an error (" + std::to_string(parsed.rc) + ")" +
                   (parsed.error.empty() ? std::string() : ": " + parsed.error);
    Fail(result.error);
    return result;
  }
  const std::size_t length = utf8::CodePointCount(text);
  if (std::string error =
          ValidateSpans(parsed.spans.data(), parsed.spans.size(), length, m_id, result.spans);
      !error.empty()) {
    result.spans.clear();
    result.error = "plugin " + m_id + " reported a bad span: " + error;
    Fail(result.error);
    return result;
  }
  result.ok = true;
  return result;
}

}  // namespace tessera
