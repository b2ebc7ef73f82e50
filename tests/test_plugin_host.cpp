// The redaction plugin host: discovery, the ABI checks, and the containment of plugins that
// fail (an error return, a crash, a hang, spans outside the text, an old ABI).
// Plugins come from the build: TESSERA_PLUGIN_BUILD_DIR and plugins-testing/ next to it.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "error.h"
#include "redaction/plugin_host.h"
#include "redaction/redactor.h"

namespace {

using tessera::PluginHost;
using tessera::PluginHostOptions;
using tessera::PluginState;

const std::filesystem::path kPluginDir = TESSERA_PLUGIN_BUILD_DIR;
const std::filesystem::path kTestingDir = kPluginDir.parent_path() / "plugins-testing";

PluginHostOptions OnlyBuildDir() {
  PluginHostOptions options;
  options.plugin_dirs = {kPluginDir};
  options.use_environment = false;
  options.use_default_dirs = false;
  return options;
}

PluginHostOptions NoDirs() {
  PluginHostOptions options;
  options.use_environment = false;
  options.use_default_dirs = false;
  return options;
}

}  // namespace

TEST_CASE(
    "the search path lists explicit dirs, then TESSERA_PLUGIN_PATH, then build and install dirs",
    "[redaction]") {
  ::setenv("TESSERA_PLUGIN_PATH", "/opt/country-ke/plugins:/opt/shared plugins", 1);
  PluginHostOptions options;
  options.plugin_dirs = {"/explicit/one", "/explicit/two/"};
  const auto path = PluginHost::SearchPath(options);
  ::unsetenv("TESSERA_PLUGIN_PATH");
  REQUIRE(path.size() >= 4);
  CHECK(path[0] == "/explicit/one");
  CHECK(path[1] == "/explicit/two/");
  CHECK(path[2] == "/opt/country-ke/plugins");
  CHECK(path[3] == "/opt/shared plugins");
  CHECK(std::find(path.begin(), path.end(),
                  std::filesystem::path(TESSERA_BUILD_PLUGIN_DIR).lexically_normal()) !=
        path.end());
  CHECK(path.back() == std::filesystem::path(TESSERA_INSTALL_PLUGIN_DIR).lexically_normal());

  options.use_environment = false;
  options.use_default_dirs = false;
  CHECK(PluginHost::SearchPath(options).size() == 2);
}

TEST_CASE("the bundled plugins are discovered and loaded", "[redaction]") {
  PluginHost host(OnlyBuildDir());
  CHECK(host.Discover() >= 3);
  for (const char* id : {"pii-patterns", "name-list", "example-minimal"}) {
    INFO(id);
    const auto* plugin = host.Find(id);
    REQUIRE(plugin != nullptr);
    CHECK(plugin->State() == PluginState::Loaded);
    CHECK(plugin->Reason().empty());
    CHECK_FALSE(plugin->Name().empty());
    CHECK(plugin->Version() == "1.0.0");
  }
  // The broken test plugins live elsewhere and are never discovered.
  CHECK(host.Find("test-crash") == nullptr);
}

TEST_CASE("the minimal example plugin reports code-point offsets", "[redaction]") {
  PluginHost host(NoDirs());
  host.Load(kPluginDir / "example-minimal.so");
  const std::string text = "Ngày xưa, ở Huế: SECRET và SECRET.";
  const auto detection = host.Detect(text, "vi");
  REQUIRE(detection.Complete());
  REQUIRE(detection.spans.size() == 2);
  CHECK(detection.spans[0].start == 17);
  CHECK(detection.spans[0].end == 23);
  CHECK(detection.spans[1].start == 27);
  CHECK(detection.spans[0].kind == tessera::SpanKind::Other);
  CHECK(detection.spans[0].source == "example-minimal");
  CHECK(detection.plugins_run == std::vector<std::string>{"example-minimal"});
}

TEST_CASE("a plugin that returns an error is reported as failed and the export is refused",
          "[redaction]") {
  PluginHost host(NoDirs());
  host.Load(kPluginDir / "example-minimal.so");
  auto& broken = host.Load(kTestingDir / "test-error.so");
  REQUIRE(broken.State() == PluginState::Loaded);
  const std::string text = "Amani alisema: SECRET";
  const auto detection = host.Detect(text, "sw");
  CHECK_FALSE(detection.Complete());
  REQUIRE(detection.failures.size() == 1);
  CHECK(detection.failures[0].plugin_id == "test-error");
  CHECK_THAT(detection.failures[0].reason, Catch::Contains("the test plugin always fails"));
  CHECK(broken.State() == PluginState::Failed);

  const tessera::Redactor redactor({});
  CHECK_THROWS_AS(redactor.Redact(host, text, "sw"), tessera::RedactionRefused);
  // Still refused on the next text: a failed plugin stays failed …
  CHECK_THROWS_AS(redactor.Redact(host, "Habari", "sw"), tessera::RedactionRefused);
  // … until the user switches it off, which is their decision to record.
  host.SetEnabled("test-error", false);
  CHECK(broken.State() == PluginState::Disabled);
  CHECK(redactor.Redact(host, text, "sw").text == "Amani alisema: [Redacted]");
  host.SetEnabled("test-error", true);
  CHECK(broken.State() == PluginState::Failed);
}

TEST_CASE("a plugin that crashes in detect cannot take the host down", "[redaction]") {
  PluginHost host(NoDirs());
  host.Load(kPluginDir / "example-minimal.so");
  auto& crashing = host.Load(kTestingDir / "test-crash.so");
  REQUIRE(crashing.State() == PluginState::Loaded);
  const auto detection = host.Detect("Thandiwe ni rafiki yangu. SECRET", "sw");
  CHECK_FALSE(detection.Complete());
  REQUIRE(detection.failures.size() == 1);
  CHECK_THAT(detection.failures[0].reason,
             Catch::Contains("crashed") && Catch::Contains("signal 11"));
  CHECK(crashing.State() == PluginState::Failed);
  // The other plugin still ran; the host is alive and keeps working.
  CHECK(detection.plugins_run == std::vector<std::string>{"example-minimal"});
  CHECK(detection.spans.size() == 1);
  CHECK_THROWS_AS(tessera::Redactor({}).Redact(host, "SECRET", "en"), tessera::RedactionRefused);
}

TEST_CASE("a plugin that reports spans outside the text is failed", "[redaction]") {
  PluginHost host(NoDirs());
  auto& bad = host.Load(kTestingDir / "test-bad-spans.so");
  REQUIRE(bad.State() == PluginState::Loaded);
  const auto detection = host.Detect("สวัสดีครับ", "th");
  CHECK_FALSE(detection.Complete());
  CHECK(detection.spans.empty());
  REQUIRE(detection.failures.size() == 1);
  CHECK_THAT(detection.failures[0].reason, Catch::Contains("ends past the text (10 code points)"));
}

TEST_CASE("a plugin built for another ABI version is refused before anything else is touched",
          "[redaction]") {
  PluginHost host(NoDirs());
  const auto& old = host.Load(kTestingDir / "test-old-abi.so");
  CHECK(old.State() == PluginState::Failed);
  CHECK_THAT(old.Reason(),
             Catch::Contains("ABI version 0") && Catch::Contains("supports version 1"));
  CHECK(old.Id() == "test-old-abi");  // the file's stem: the table was never read further
  const auto detection = host.Detect("Habari", "sw");
  CHECK_FALSE(detection.Complete());
  CHECK(detection.plugins_run.empty());
}

TEST_CASE("a plugin that hangs is stopped after the timeout", "[redaction]") {
  PluginHostOptions options = NoDirs();
  options.limits.timeout = std::chrono::milliseconds(300);
  PluginHost host(options);
  host.Load(kTestingDir / "test-hang.so");
  const auto started = std::chrono::steady_clock::now();
  const auto detection = host.Detect("Mambo", "sw");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  REQUIRE(detection.failures.size() == 1);
  CHECK_THAT(detection.failures[0].reason, Catch::Contains("did not finish within 300 ms"));
}

TEST_CASE("files that are not plugins fail with a reason", "[redaction]") {
  const auto dir = std::filesystem::temp_directory_path() / "tessera-test-not-plugins";
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "notes.so") << "not a shared library"; }
  PluginHostOptions options = NoDirs();
  options.plugin_dirs = {dir};
  PluginHost host(options);
  CHECK(host.Discover() == 0);
  REQUIRE(host.Plugins().size() == 1);
  CHECK(host.Plugins()[0]->State() == PluginState::Failed);
  CHECK_THAT(host.Plugins()[0]->Reason(), Catch::Contains("cannot be opened"));
  std::filesystem::remove_all(dir);

  PluginHost empty(NoDirs());
  CHECK(empty.Discover() == 0);
  CHECK_FALSE(empty.Detect("text", "en").Complete());
  CHECK_THROWS_AS(tessera::Redactor({}).Redact(empty, "Amani", "sw"), tessera::RedactionRefused);
}

TEST_CASE("a second plugin with the same id is shadowed, and ids can be enabled or disabled",
          "[redaction]") {
  PluginHost host(NoDirs());
  host.Load(kPluginDir / "example-minimal.so");
  const auto& second = host.Load(kPluginDir / "example-minimal.so");
  CHECK(second.State() == PluginState::Disabled);
  CHECK_THAT(second.Reason(), Catch::Contains("shadowed by"));
  CHECK(host.Detect("SECRET", "en").spans.size() == 1);

  host.SetEnabled("example-minimal", false);
  const auto detection = host.Detect("SECRET", "en");
  CHECK(detection.spans.empty());
  CHECK(detection.failures.empty());
  CHECK_FALSE(detection.Complete());  // nothing ran
  CHECK_THROWS_AS(host.SetEnabled("no-such-plugin", true), tessera::NotFoundError);
}

TEST_CASE("a configuration a plugin rejects fails it; a good one revives it", "[redaction]") {
  PluginHostOptions options = NoDirs();
  options.configs["name-list"] =
      R"({"entries": [{"id": 1, "kind": "person", "name": "Neema Wanjiru"}]})";
  PluginHost host(options);
  auto& names = host.Load(kPluginDir / "name-list.so");
  REQUIRE(names.State() == PluginState::Loaded);
  CHECK(host.Detect("Wanjiru alikuja", "sw").spans.size() == 1);

  CHECK_FALSE(host.Configure("name-list", "{not json"));
  CHECK(names.State() == PluginState::Failed);
  CHECK_THAT(names.Reason(), Catch::Contains("bad name-list configuration"));
  CHECK_FALSE(host.Detect("Wanjiru alikuja", "sw").Complete());

  CHECK(host.Configure("name-list",
                       R"({"entries": [{"id": 2, "kind": "place", "name": "Kisumu"}]})"));
  CHECK(names.State() == PluginState::Loaded);
  const auto detection = host.Detect("Wanjiru alikuja Kisumu", "sw");
  REQUIRE(detection.Complete());
  REQUIRE(detection.spans.size() == 1);
  CHECK(detection.spans[0].start == 16);
  CHECK(detection.spans[0].kind == tessera::SpanKind::Place);
}

TEST_CASE("invalid UTF-8 is refused before any plugin sees it", "[redaction]") {
  PluginHost host(NoDirs());
  host.Load(kPluginDir / "example-minimal.so");
  CHECK_THROWS_AS(host.Detect("bad \xC3\x28 text", "en"), tessera::DataError);
}
