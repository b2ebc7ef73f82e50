// tessera_app_open_bench: how long the transcript view takes to open a 50,000-word transcript with
// 2,000 codings (target < 300 ms). Run it with a display, e.g.
//   xvfb-run -a -s "-screen 0 1400x900x24" build/…/tests/app/tessera_app_open_bench
// Not part of ctest: timings depend on the machine.

#include <wx/app.h>
#include <wx/fileconf.h>
#include <wx/init.h>
#include <wx/stc/stc.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "application.h"
#include "localization.h"
#include "main_frame.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "segments_panel.h"
#include "transcript_view.h"
#include "wx_text.h"

namespace fs = std::filesystem;
using namespace tessera;

namespace {

class BenchApp : public wxApp {
 public:
  bool OnInit() override { return true; }
};

constexpr const char* kWords[] = {
    "the",     "child",  "police",  "phone",    "message",  "account",    "family",
    "school",  "online", "report",  "evidence", "court",    "friend",     "afraid",
    "help",    "social", "worker",  "village",  "platform", "screenshot", "mother",
    "teacher", "case",   "officer", "threat",   "picture"};

std::string MakeProject(const fs::path& path, std::size_t words, std::size_t codings) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  Project project = Project::Create(path.string());
  std::mt19937 random(42);
  NewDocument doc;
  doc.name = "bench";
  doc.language = "en";
  std::size_t cp = 0;
  for (std::size_t w = 0, turn = 0; w < words; ++turn) {
    Turn t;
    t.seq = static_cast<std::int64_t>(turn);
    t.speaker = turn % 2 ? "Respondent" : "Interviewer";
    t.start = cp;
    std::string line = t.speaker + ":";
    const std::size_t length = turn % 2 ? 150 : 25;
    for (std::size_t i = 0; i < length && w < words; ++i, ++w) {
      line += " ";
      line += kWords[random() % std::size(kWords)];
    }
    line += ".";
    doc.text += line;
    cp += line.size();
    t.end = cp;
    doc.turns.push_back(t);
    doc.text += "\n\n";
    cp += 2;
  }
  Transaction tx(project.Db());
  const auto id = DocumentStore(project.Db()).Add(doc, std::nullopt);
  CodeTree tree(project.Db());
  std::vector<std::int64_t> codes;
  for (int i = 0; i < 12; ++i)
    codes.push_back(
        tree.EnsurePath("Theme " + std::to_string(i / 4) + "/Code " + std::to_string(i)));
  CodingStore store(project.Db());
  const auto coder = project.EnsureUser("bench");
  for (std::size_t i = 0; i < codings; ++i) {
    const std::size_t start = random() % (cp - 400);
    store.Add(id, start, start + 20 + random() % 300, codes[i % codes.size()], coder);
  }
  tx.Commit();
  return path.string();
}

}  // namespace

int main(int argc, char** argv) {
  wxApp::SetInstance(new BenchApp);
  int wx_argc = 1;
  char* wx_argv[] = {argv[0], nullptr};
  if (!wxEntryStart(wx_argc, wx_argv)) return 1;
  wxTheApp->CallOnInit();
  const fs::path folder = fs::temp_directory_path() / "tessera-open-bench";
  fs::create_directories(folder);
  wxConfigBase::Set(new wxFileConfig("tessera", wxEmptyString, (folder / "bench.conf").string(),
                                     wxEmptyString, wxCONFIG_USE_LOCAL_FILE));
  app::InitApplicationServices();
  app::SetUiLanguage("en");
  const std::size_t words = argc > 1 ? std::stoul(argv[1]) : 50'000;
  const std::size_t codings = argc > 2 ? std::stoul(argv[2]) : 2'000;
  const std::string path = MakeProject(folder / "bench.tessera", words, codings);

  auto* frame = new app::MainFrame();
  frame->SetSize(0, 0, 1400, 900);
  frame->Show();
  frame->OpenProject(app::ToWx(path));
  for (int i = 0; i < 10; ++i) wxYield();

  std::vector<double> runs;
  for (int run = 0; run < 5; ++run) {
    frame->Transcript()->ShowDocument(std::nullopt);
    wxYield();
    const auto t0 = std::chrono::steady_clock::now();
    frame->OpenDocument(1);
    frame->Transcript()->TextCtrl()->Update();  // the first page painted
    runs.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  // Where the time goes: the transcript view alone, and the segments list alone.
  auto time = [](auto&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  const double view_ms = time([&] {
    frame->Transcript()->ShowDocument(1);
    frame->Transcript()->TextCtrl()->Update();
  });
  const double segments_ms = time([&] { frame->Segments()->Reload(); });
  std::printf("open_bench: transcript view %.0f ms, coded-segments list %.0f ms\n", view_ms,
              segments_ms);
  std::sort(runs.begin(), runs.end());
  std::printf(
      "open_bench: %zu words, %zu codings (%zu shown, %d lanes): median %.0f ms, best %.0f ms, "
      "worst %.0f ms (target < 300 ms)\n",
      words, codings, frame->Transcript()->Codings().size(), frame->Transcript()->LaneCount(),
      runs[runs.size() / 2], runs.front(), runs.back());
  frame->Destroy();
  wxYield();
  delete wxConfigBase::Set(nullptr);
  wxTheApp->OnExit();
  wxEntryCleanup();
  return runs[runs.size() / 2] < 300 ? 0 : 1;
}
