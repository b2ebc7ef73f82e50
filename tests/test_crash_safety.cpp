// Crash safety: tessera-cli is killed with SIGKILL at seeded random moments during a large import,
// a backup, a merge and an index rebuild. Afterwards the project opens, `check` passes, every file
// is either wholly imported or absent, nothing is duplicated when the command runs again, and the
// search index answers (rebuilt when it has to be).
//
// The scenarios are a table. A scenario whose command this build lacks (probed with
// `tessera-cli <command> --help`) is skipped with a warning. Seed: $TESSERA_CRASH_SEED, else fixed.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/importer.h"
#include "import/turn_detector.h"
#include "progress.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/integrity_check.h"
#include "project/project.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::RawInt;
using tessera::test::ReadFile;
using tessera::test::RunCli;
using tessera::test::TempDir;
using tessera::test::WriteFile;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Starts tessera-cli without waiting; its output goes to `log`.
pid_t SpawnCli(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> storage{TESSERA_CLI};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open("/dev/null", O_RDONLY);
    const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0) _exit(126);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    setenv("TESSERA_CODER", "tester", 1);
    setenv("LC_ALL", "C.UTF-8", 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for a child; true when it was killed by a signal (the crash happened mid-command).
bool Reap(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  return WIFSIGNALED(status);
}

// A transcript of `turns` speaker turns in several scripts, different for every `seed`.
std::string SyntheticTranscript(int seed, int turns) {
  static const char* kLines[] = {
      "ខ្ញុំប្រាប់ម៉ាក់ខ្ញុំ ហើយយើងទៅប៉ុស្តិ៍នគរបាល។",
      "เด็กๆ มักไม่กล้าบอกพ่อแม่ เพราะกลัวถูกดุ",
      "Em sợ bố mẹ biết, nên em không nói với ai.",
      "Nilimwambia mwalimu, lakini hakuamini.",
      "Eu contei à minha avó primeiro; ela acreditou em mim.",
      "Sinabi ko sa guro ko, at tumawag siya sa DSWD."};
  std::string text;
  for (int t = 0; t < turns; ++t) {
    text += (t % 2 ? "Respondent: " : "Interviewer: ");
    text += kLines[(seed + t) % 6];
    text += " [" + std::to_string(seed) + "." + std::to_string(t) + "]\n";
  }
  return text;
}

// A file as the importer stores it.
struct ExpectedDocument {
  std::string file, source_sha256, text_sha256;
  std::int64_t turns = 0;
};

struct Fixture {
  TempDir dir;
  std::vector<ExpectedDocument> expected_documents;
  std::string base;                 ///< the pristine project every run starts from
  std::vector<std::string> inputs;  ///< files the command reads
  std::string copy;                 ///< a coder's copy (merge)
  std::int64_t expected = 0;        ///< what a finished command leaves (scenario-specific count)
};

struct Scenario {
  std::string name;
  std::vector<std::string> probe;  ///< a command that succeeds when the scenario's command exists
  int runs = 0;
  std::function<void(Fixture&)> prepare;
  std::function<std::vector<std::string>(const Fixture&, const std::string& project)> command;
  /// Checks a project that `check` already found sound; `finished` after the command ran to its end.
  std::function<void(const Fixture&, const std::string& project, bool finished)> verify;
};

std::string MakeBase(Fixture& f) {
  f.base = f.dir / "base.tessera";
  Project::Create(f.base);
  return f.base;
}

void ImportInProcess(const std::string& project_path, const std::vector<std::string>& files) {
  Project project = Project::Open(project_path);
  NullProgress quiet;
  ImportFiles(project, files, {}, quiet);
}

std::vector<std::string> WriteTranscripts(const Fixture& f, const std::string& folder, int count, int turns) {
  std::vector<std::string> files;
  fs::create_directories(f.dir.Path() / folder);
  for (int i = 0; i < count; ++i) {
    const std::string path = (f.dir.Path() / folder / ("interview_" + std::to_string(i) + ".txt")).string();
    WriteFile(path, SyntheticTranscript(i, turns));
    files.push_back(path);
  }
  return files;
}

std::vector<Scenario> Scenarios() {
  std::vector<Scenario> table;

  // A large import is one transaction: all files or none, whatever the moment of the crash.
  table.push_back(
      {"import",
       {"import", "--help"},
       24,
       [](Fixture& f) {
         MakeBase(f);
         f.inputs = WriteTranscripts(f, "in", 100, 300);
         const TurnDetector turns;
         for (const auto& file : f.inputs) {
           const auto prepared = PrepareDocument(file, {}, turns);
           f.expected_documents.push_back({file, Sha256Hex(ReadFile(file)), Sha256Hex(prepared.document.text),
                                           static_cast<std::int64_t>(prepared.document.turns.size())});
         }
       },
       [](const Fixture& f, const std::string& project) {
         return std::vector<std::string>{"import", project, (f.dir.Path() / "in").string()};
       },
       [](const Fixture& f, const std::string& project, bool finished) {
         // source SHA-256 -> (text SHA-256, turns) of what is in the project.
         std::map<std::string, std::pair<std::string, std::int64_t>> stored;
         {
           Database db(project, Database::Mode::ReadOnly);
           auto rows = db.Prepare(
               "SELECT d.source_sha256, d.sha256, (SELECT count(*) FROM turns t WHERE t.document_id = d.id) FROM documents d");
           while (rows.Step()) {
             INFO("source " << rows.Text(0));
             REQUIRE(stored.count(rows.Text(0)) == 0);  // never twice
             stored[rows.Text(0)] = {rows.Text(1), rows.Int(2)};
           }
         }
         std::size_t present = 0;
         for (const auto& e : f.expected_documents) {
           const auto it = stored.find(e.source_sha256);
           if (it == stored.end()) continue;
           ++present;
           INFO(e.file);
           CHECK(it->second.first == e.text_sha256);  // the whole text, not a part
           CHECK(it->second.second == e.turns);       // with all its turns
         }
         CHECK(stored.size() == present);
         CHECK((present == 0 || present == f.expected_documents.size()));
         if (finished) CHECK(present == f.expected_documents.size());
       }});

  // A backup never leaves a partial file under a backup's name, and never harms the project.
  table.push_back(
      {"backup",
       {"backup", "--help"},
       6,
       [](Fixture& f) {
         MakeBase(f);
         ImportInProcess(f.base, WriteTranscripts(f, "in", 60, 400));
       },
       [](const Fixture&, const std::string& project) { return std::vector<std::string>{"backup", project}; },
       [](const Fixture&, const std::string& project, bool finished) {
         std::size_t complete = 0;
         std::error_code ec;
         const std::regex name(R"([0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.tessera)");
         for (fs::directory_iterator it(project + ".backups", ec), end; !ec && it != end; it.increment(ec)) {
           const std::string file = it->path().filename().string();
           if (!std::regex_match(file, name)) continue;
           Project copy = Project::OpenReadOnly(it->path().string());
           INFO(file);
           CHECK(CheckProject(copy).empty());
           ++complete;
         }
         if (finished) CHECK(complete >= 1);
       }});

  // Merging a coder's copy is one transaction; merging it again adds nothing.
  table.push_back(
      {"merge",
       {"merge", "--help"},
       8,
       [](Fixture& f) {
         MakeBase(f);
         ImportInProcess(f.base, WriteTranscripts(f, "in", 20, 200));
         f.copy = f.dir / "coder copy.tessera";
         fs::copy_file(f.base, f.copy);
         Project copy = Project::Open(f.copy);
         copy.SetCurrentUser("niran");
         Transaction tx(copy.Db());
         CodeTree tree(copy.Db());
         CodingStore codings(copy.Db());
         const auto coder = copy.CurrentUserId();
         for (int d = 1; d <= 20; ++d) {
           for (int i = 0; i < 150; ++i) {
             const auto code = tree.EnsurePath("Theme " + std::to_string(i % 12) + "/Sub " + std::to_string(i % 5));
             codings.Add(d, static_cast<std::size_t>(i * 7), static_cast<std::size_t>(i * 7 + 5), code, coder);
             ++f.expected;
           }
         }
         copy.Audit("coding/apply", {{"count", f.expected}});
         tx.Commit();
       },
       [](const Fixture& f, const std::string& project) { return std::vector<std::string>{"merge", project, f.copy}; },
       [](const Fixture& f, const std::string& project, bool finished) {
         const auto n = RawInt(project, "SELECT count(*) FROM codings");
         CHECK((n == 0 || n == f.expected));
         if (finished) CHECK(n == f.expected);
       }});

  // The index is a cache: killed while it is rebuilt, the next search still answers.
  table.push_back(
      {"index",
       {"index", "--help"},
       8,
       [](Fixture& f) {
         MakeBase(f);
         ImportInProcess(f.base, WriteTranscripts(f, "in", 80, 400));
       },
       [](const Fixture&, const std::string& project) {
         return std::vector<std::string>{"index", project, "--rebuild"};
       },
       [](const Fixture&, const std::string& project, bool) {
         if (RunCli({"search", "--help"}).exit_code != 0) return;
         const auto r = RunCli({"search", project, "mwalimu"});
         INFO("search after the crash: " << r.out << r.err);
         CHECK(r.exit_code == 0);
         CHECK_THAT(r.out, Catch::Contains("interview_"));
       }});
  return table;
}

unsigned Seed() {
  if (const char* env = std::getenv("TESSERA_CRASH_SEED"); env && *env) return static_cast<unsigned>(std::strtoul(env, nullptr, 10));
  return 20240607u;
}

void RunScenario(const Scenario& s) {
  if (RunCli(s.probe).exit_code != 0) {
    WARN("SKIPPED crash runs of '" << s.name << "': this tessera-cli has no such command");
    return;
  }
  Fixture f;
  s.prepare(f);
  REQUIRE_FALSE(fs::exists(f.base + "-wal"));
  const unsigned seed = Seed() + static_cast<unsigned>(std::hash<std::string>{}(s.name) % 1000);
  INFO("scenario " << s.name << ", seed " << seed << " (set TESSERA_CRASH_SEED to vary)");

  // Calibrate: how long the whole command takes here, so that kills land inside it.
  const std::string calibration = f.dir / "calibration.tessera";
  fs::copy_file(f.base, calibration);
  const auto started = Clock::now();
  const auto full = RunCli(s.command(f, calibration));
  const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  INFO("calibration run: " << full.out << full.err);
  REQUIRE(full.exit_code == 0);
  REQUIRE(RunCli({"check", calibration}).exit_code == 0);
  s.verify(f, calibration, true);

  std::mt19937 random(seed);
  std::uniform_int_distribution<std::int64_t> delay_us(0, duration.count());
  int killed = 0;
  for (int run = 0; run < s.runs; ++run) {
    const std::string project = f.dir / ("run-" + std::to_string(run) + ".tessera");
    fs::copy_file(f.base, project);
    const auto delay = std::chrono::microseconds(delay_us(random));
    INFO("run " << run << ", SIGKILL after " << delay.count() << " µs of " << duration.count());
    const pid_t pid = SpawnCli(s.command(f, project), f.dir / "log.txt");
    REQUIRE(pid > 0);
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    const bool was_killed = Reap(pid);
    killed += was_killed ? 1 : 0;

    { Project reopened = Project::Open(project); }  // opens (and recovers its log)
    const auto check = RunCli({"check", project});
    INFO("check: " << check.out << check.err);
    REQUIRE(check.exit_code == 0);
    s.verify(f, project, !was_killed);

    // Run again to the end: it completes, and nothing is there twice.
    const auto again = RunCli(s.command(f, project));
    INFO("run again: " << again.out << again.err);
    REQUIRE(again.exit_code == 0);
    REQUIRE(RunCli({"check", project}).exit_code == 0);
    s.verify(f, project, true);
    fs::remove(project);
    fs::remove_all(project + ".xapian");
    fs::remove_all(project + ".backups");
  }
  // Most kills must have landed inside the command, or the test proves little.
  WARN("crash runs of '" << s.name << "': " << killed << " of " << s.runs << " killed mid-command (seed " << seed
                         << ", command " << duration.count() / 1000 << " ms)");
  CHECK(killed * 2 >= s.runs);
}

}  // namespace

TEST_CASE("tessera-cli killed at random moments leaves a sound project", "[crash][slow]") {
  for (const auto& scenario : Scenarios()) {
    SECTION(scenario.name) { RunScenario(scenario); }
  }
}
