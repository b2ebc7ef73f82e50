// The coding workspace driven through its interface under Xvfb: open the example study, select
// text, apply codes by double-click, quick key and drag and drop, undo and redo, and read the
// result back through the core. Also: language switching, caring features, screenshots.

#include <wx/app.h>
#include <wx/dnd.h>
#include <wx/infobar.h>
#include <wx/menu.h>
#include <wx/srchctrl.h>
#include <wx/statusbr.h>
#include <wx/stc/stc.h>
#include <wx/treectrl.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "break_reminder.h"
#include "code_commands.h"
#include "codebook_panel.h"
#include "coding_stripes.h"
#include "documents_panel.h"
#include "error.h"
#include "error_report.h"
#include "example_study.h"
#include "ui_driver.h"
#include "import_dialog.h"
#include "localization.h"
#include "main_frame.h"
#include "memo_commands.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "retrieval_panel.h"
#include "search_panel.h"
#include "segments_panel.h"
#include "transcript_view.h"
#include "variable_filter_bar.h"
#include "workspace.h"
#include "wx_text.h"

namespace fs = std::filesystem;
using namespace tessera;
using namespace tessera::app;

namespace {

using test::Click;
using test::Choose;
using test::Pump;
using test::ReadFile;
using test::TakeScreenshot;

// A shown main window on a fresh copy of the example study; destroyed at the end of the test.
struct Fixture {
  explicit Fixture(const std::string& name) : path(test::ExampleStudyCopy(name)) {
    frame = new MainFrame();
    frame->SetSize(0, 0, 1400, 900);
    frame->Show();
    frame->content_note_prompt = [this](const DocumentInfo&) { return answer_note; };
    REQUIRE(frame->OpenProject(ToWx(path.string())));
    Pump();
  }
  ~Fixture() {
    frame->Destroy();
    Pump(5);
  }
  Project& P() { return frame->GetWorkspace().GetProject(); }
  std::int64_t Document(const std::string& name) { return DocumentStore(P().Db()).Resolve(name); }
  std::int64_t Code(const std::string& code_path) { return CodeTree(P().Db()).Resolve(code_path); }
  // Selects `phrase` in the open transcript the way a mouse would (Scintilla byte positions), and
  // returns its code-point span as the core counts it.
  std::pair<std::size_t, std::size_t> Select(const std::string& phrase) {
    const std::string text = DocumentStore(P().Db()).Text(*frame->Transcript()->DocumentId());
    const auto at = text.find(phrase);
    REQUIRE(at != std::string::npos);
    frame->Transcript()->TextCtrl()->SetSelection(static_cast<int>(at),
                                                  static_cast<int>(at + phrase.size()));
    Pump(2);
    const auto start = utf8_count(text.substr(0, at));
    return {start, start + utf8_count(phrase)};
  }
  static std::size_t utf8_count(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }
  std::vector<Coding> CodingsOf(std::int64_t document, std::int64_t code) {
    CodingFilter filter;
    filter.documents = {document};
    filter.codes = {code};
    return CodingStore(P().Db()).List(filter);
  }
  bool HasCoding(std::int64_t document, std::int64_t code, std::pair<std::size_t, std::size_t> span,
                 const std::string& coder) {
    for (const auto& c : CodingsOf(document, code)) {
      if (c.start == span.first && c.end == span.second && c.coder == coder) return true;
    }
    return false;
  }
  void Screenshot(const std::string& name) { TakeScreenshot(frame, name); }

  fs::path path;
  MainFrame* frame = nullptr;
  bool answer_note = true;
};

}  // namespace

TEST_CASE("The example study opens with its transcripts, codebook and coder shown", "[app]") {
  test::ExampleStudyCopy("warm-up");  // the study is built once, outside the timing
  const auto started = std::chrono::steady_clock::now();
  auto* timed = new MainFrame();
  timed->Show();
  REQUIRE(timed->OpenProject(ToWx(test::ExampleStudyCopy("timed").string())));
  timed->Update();
  const double open_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  timed->Destroy();
  Pump(5);
  Fixture f("open");
  CHECK(f.frame->Documents()->Rows().size() == 21);
  CHECK(f.frame->GetWorkspace().Codes().size() > 5);
  CHECK(f.frame->GetStatusBar()->GetStatusText(2) == "Coder: tester");
  CHECK(f.frame->GetTitle() == wxString::FromUTF8("Tessera \xE2\x80\x94 open.tessera"));

  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(f.frame->OpenDocument(f.Document("kh_survivor_g01_a")));
  f.frame->Transcript()->TextCtrl()->Update();
  const double doc_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "timing: main window with the example study in %.0f ms; Khmer transcript opened in %.0f ms\n",
      open_ms, doc_ms);
  CHECK(f.frame->Transcript()->Codings().size() > 0);
  CHECK(f.frame->Segments()->RowCount() ==
        static_cast<int>(f.frame->Transcript()->Codings().size()));
}

TEST_CASE(
    "Double-clicking a code applies it to the selected text; undo and redo go through the store",
    "[app]") {
  Fixture f("double-click");
  const auto doc = f.Document("kh_police_m01");
  REQUIRE(f.frame->OpenDocument(doc));
  const auto span = f.Select("Boys feel it's shameful, and people think boys can't be victims.");
  const auto code = f.Code("Forms of OCSEA/Grooming");

  wxTreeCtrl* tree = f.frame->Codebook()->Tree();
  const wxTreeItemId item = f.frame->Codebook()->ItemOf(code);
  REQUIRE(item.IsOk());
  tree->SelectItem(item);
  wxTreeEvent activate(wxEVT_TREE_ITEM_ACTIVATED, tree, item);
  tree->GetEventHandler()->ProcessEvent(activate);
  Pump();

  CHECK(f.HasCoding(doc, code, span, "tester"));
  // The new coding is shown: highlighted in the transcript and listed on the right.
  bool shown = false;
  for (const auto& c : f.frame->Transcript()->Codings())
    shown = shown || (c.start == span.first && c.end == span.second);
  CHECK(shown);

  f.frame->RunAction("edit/undo");
  Pump();
  CHECK_FALSE(f.HasCoding(doc, code, span, "tester"));
  f.frame->RunAction("edit/redo");
  Pump();
  CHECK(f.HasCoding(doc, code, span, "tester"));

  // Every step is in the audit log.
  auto stmt =
      f.P().Db().Prepare("SELECT count(*) FROM audit_log WHERE action = 'coding/apply-code'");
  REQUIRE(stmt.Step());
  CHECK(stmt.Int(0) == 3);
}

TEST_CASE("A quick-code key codes the selection, as a key press and as the menu item", "[app]") {
  Fixture f("quick-key");
  const auto doc = f.Document("kh_police_m01");
  REQUIRE(f.frame->OpenDocument(doc));
  auto& ws = f.frame->GetWorkspace();
  const auto evidence = f.Code("Barriers/Digital evidence");
  ws.SetQuickCode(2, evidence);
  Pump(2);

  // A key event on the transcript, as the keyboard sends it.
  const auto span = f.Select("Evidence. Number one is evidence.");
  wxStyledTextCtrl* text = f.frame->Transcript()->TextCtrl();
  wxKeyEvent key(wxEVT_KEY_DOWN);
  key.m_keyCode = '2';
  key.SetEventObject(text);
  text->GetEventHandler()->ProcessEvent(key);
  Pump();
  CHECK(f.HasCoding(doc, evidence, span, "tester"));

  // A real key press through X (XTest), with the keyboard focus in the transcript.
  const auto span2 = f.Select("phones go to Phnom Penh");
  f.frame->Raise();
  text->SetFocus();
  Pump(10);
  wxUIActionSimulator simulator;
  simulator.Char('2');
  Pump(30);
  if (wxWindow::FindFocus() == text) {
    CHECK(f.HasCoding(doc, evidence, span2, "tester"));
  } else {
    WARN("no keyboard focus without a window manager; the simulated key press was not checked");
  }

  // Alt+2 from the menu.
  const auto span3 = f.Select("A direct contact with the companies.");
  f.frame->RunAction("coding/quick-code-2");
  Pump();
  CHECK(f.HasCoding(doc, evidence, span3, "tester"));
}

TEST_CASE("Dropping dragged text on a code, and the code search box with Enter, apply the code",
          "[app]") {
  Fixture f("drop");
  const auto doc = f.Document("kh_police_m01");
  REQUIRE(f.frame->OpenDocument(doc));
  const auto code = f.Code("Barriers/Shame and stigma");
  auto* panel = f.frame->Codebook();

  // The drop target of the tree receives the dragged text over the code's row.
  const auto span = f.Select("Girls report more.");
  wxTreeCtrl* tree = panel->Tree();
  tree->EnsureVisible(panel->ItemOf(code));
  Pump();
  wxRect rect;
  REQUIRE(tree->GetBoundingRect(panel->ItemOf(code), rect, true));
  wxDropTarget* target = tree->GetDropTarget();
  REQUIRE(target);
  auto* text_target = dynamic_cast<wxTextDropTarget*>(target);
  REQUIRE(text_target);
  const wxPoint at = rect.GetPosition() + wxPoint(4, rect.height / 2);
  CHECK(text_target->OnDragOver(at.x, at.y, wxDragCopy) == wxDragCopy);
  CHECK(text_target->OnDropText(at.x, at.y, "Girls report more."));
  Pump();
  CHECK(f.HasCoding(doc, code, span, "tester"));

  // Ctrl+K, type, Enter.
  const auto span2 = f.Select("More female officers.");
  f.frame->RunAction("edit/find-code");
  panel->SearchBox()->SetValue("female");  // no such code: nothing selected
  Pump(2);
  panel->SearchBox()->SetValue("stigma");
  Pump(2);
  REQUIRE(panel->SelectedCode() == code);
  wxCommandEvent enter(wxEVT_TEXT_ENTER, panel->SearchBox()->GetId());
  enter.SetEventObject(panel->SearchBox());
  panel->SearchBox()->GetEventHandler()->ProcessEvent(enter);
  Pump();
  CHECK(f.HasCoding(doc, code, span2, "tester"));
}

TEST_CASE("Clicking a stripe selects its segment; removing a coding is undoable", "[app]") {
  Fixture f("stripes");
  const auto doc = f.Document("kh_survivor_g01_b");
  REQUIRE(f.frame->OpenDocument(doc));
  Pump();
  auto* view = f.frame->Transcript();
  REQUIRE(!view->Codings().empty());
  const ShownCoding first = view->Codings().front();
  const wxRect stripe = view->Stripes()->StripeRect(first.id);
  REQUIRE(!stripe.IsEmpty());
  wxMouseEvent click(wxEVT_LEFT_DOWN);
  click.SetPosition(wxPoint(stripe.x + stripe.width / 2, stripe.y + stripe.height / 2));
  click.SetEventObject(view->Stripes());
  view->Stripes()->GetEventHandler()->ProcessEvent(click);
  Pump();
  auto selection = view->Selection();
  REQUIRE(selection);
  CHECK(selection->start == first.start);
  CHECK(selection->end == first.end);
  CHECK(f.frame->Segments()->SelectedCodings() == std::vector<std::int64_t>{first.id});

  const auto before = CodingStore(f.P().Db()).List().size();
  f.frame->RunAction("coding/remove");
  Pump();
  CHECK(CodingStore(f.P().Db()).List().size() == before - 1);
  f.frame->RunAction("edit/undo");
  Pump();
  CHECK(CodingStore(f.P().Db()).List().size() == before);
}

TEST_CASE("A content note is shown first, and 'Not now' keeps the transcript closed",
          "[app][care]") {
  Fixture f("content-note");
  const auto doc = f.Document("th_survivor_b01");
  auto& ws = f.frame->GetWorkspace();
  ws.Execute(std::make_unique<SetContentNoteCommand>(
      ws, doc, "Describes sextortion of a boy; no graphic detail."));
  f.answer_note = false;
  CHECK_FALSE(f.frame->OpenDocument(doc));
  CHECK_FALSE(f.frame->Transcript()->DocumentId());
  f.answer_note = true;
  CHECK(f.frame->OpenDocument(doc));
  CHECK(f.frame->Transcript()->DocumentId() == doc);
}

TEST_CASE("Passages of a sensitive code stay hidden until the reader chooses to see them",
          "[app][care]") {
  Fixture f("sensitive");
  auto& ws = f.frame->GetWorkspace();
  const auto code = f.Code("Forms of OCSEA/Coercion and threats");
  Code edited = *ws.FindCode(code);
  edited.sensitive = true;
  ws.Execute(std::make_unique<UpdateCodeCommand>(ws, edited));
  REQUIRE(f.frame->OpenDocument(f.Document("th_survivor_b01")));
  Pump();
  std::optional<ShownCoding> hidden;
  for (const auto& c : f.frame->Transcript()->Codings()) {
    if (c.code_id == code) hidden = c;
  }
  REQUIRE(hidden);
  CHECK(hidden->masked);
  f.frame->Transcript()->TextCtrl()->SetFirstVisibleLine(std::max(0, hidden->first_line - 4));
  f.Screenshot("sensitive-hidden.png");
  f.frame->Transcript()->RevealCoding(hidden->id);
  for (const auto& c : f.frame->Transcript()->Codings()) {
    if (c.id == hidden->id) CHECK_FALSE(c.masked);
  }
}

TEST_CASE("Codebook actions are commands that undo and redo", "[app][codebook]") {
  Fixture f("codebook");
  auto& ws = f.frame->GetWorkspace();
  CodingStore store(f.P().Db());
  const auto total = store.List().size();
  const auto grooming = f.Code("Forms of OCSEA/Grooming");
  const auto grooming_codings = f.CodingsOf(f.Document("kh_survivor_g01_a"), grooming).size();
  REQUIRE(grooming_codings > 0);

  // Add, rename, move.
  auto add = std::make_unique<AddCodeCommand>(ws, std::nullopt, "Help-seeking", "#2a9d8f");
  const std::string guid = add->Guid();
  REQUIRE(ws.Execute(std::move(add)));
  const auto added = CodeTree(f.P().Db()).Resolve(guid);
  REQUIRE(ws.Execute(std::make_unique<RenameCodeCommand>(ws, added, "Seeking help")));
  REQUIRE(ws.Execute(std::make_unique<MoveCodeCommand>(ws, added, f.Code("Barriers"))));
  CHECK(CodeTree(f.P().Db()).FindByPath("Barriers/Seeking help"));
  ws.Undo();
  CHECK(CodeTree(f.P().Db()).FindByPath("Seeking help"));
  ws.Undo();
  ws.Undo();
  CHECK_FALSE(CodeTree(f.P().Db()).FindByPath("Help-seeking"));
  ws.Redo();
  CHECK(CodeTree(f.P().Db()).FindByPath("Help-seeking"));

  // Merge, and undo it: the codings return to their code.
  const auto coercion = f.Code("Forms of OCSEA/Coercion and threats");
  REQUIRE(ws.Execute(std::make_unique<MergeCodeCommand>(ws, grooming, coercion)));
  CHECK_FALSE(CodeTree(f.P().Db()).FindByPath("Forms of OCSEA/Grooming"));
  ws.Undo();
  const auto restored = CodeTree(f.P().Db()).Resolve("Forms of OCSEA/Grooming");
  CHECK(f.CodingsOf(f.Document("kh_survivor_g01_a"), restored).size() == grooming_codings);
  CHECK(store.List().size() == total);

  // Delete with its codings, and undo it.
  REQUIRE(ws.Execute(std::make_unique<DeleteCodeCommand>(ws, restored, DeletePolicy::Drop)));
  CHECK(store.List().size() < total);
  ws.Undo();
  CHECK(store.List().size() == total);
  CHECK(f.CodingsOf(f.Document("kh_survivor_g01_a"),
                    CodeTree(f.P().Db()).Resolve("Forms of OCSEA/Grooming"))
            .size() == grooming_codings);

  // Refusing to delete a code in use is an error for the user, and changes nothing.
  CHECK_THROWS_AS(
      ws.Execute(std::make_unique<DeleteCodeCommand>(
          ws, CodeTree(f.P().Db()).Resolve("Forms of OCSEA/Grooming"), DeletePolicy::Refuse)),
      tessera::DataError);
  CHECK(store.List().size() == total);
}

TEST_CASE(
    "Retrieval lists a code's segments, filtered by variables; the documents list filters too",
    "[app]") {
  Fixture f("retrieval");
  auto* retrieval = f.frame->Retrieval();
  retrieval->ShowCode(f.Code("Forms of OCSEA"));
  const auto all = retrieval->Rows().size();
  CHECK(all > 5);
  retrieval->Filters()->AddFilter("gender", "girl");
  const auto girls = retrieval->Rows().size();
  CHECK(girls > 0);
  CHECK(girls < all);
  for (const auto& row : retrieval->Rows()) CHECK(!row.hit.empty());

  f.frame->Documents()->SetFilter("country=Cambodia");
  CHECK(f.frame->Documents()->Shown().size() == 4);
  f.frame->Documents()->SetFilter("survivor thailand");
  CHECK(f.frame->Documents()->Shown().size() == 1);
}

TEST_CASE("The interface switches to Thai and back without a restart", "[app][i18n]") {
  Fixture f("thai");
  REQUIRE(SetUiLanguage("th"));
  f.frame->SwitchLanguage("th");
  Pump();
  wxMenuBar* bar = f.frame->GetMenuBar();
  // "&Project" and "&Coding" in Thai (i18n/th.po).
  CHECK(
      bar->GetMenuLabelText(0) ==
      wxString::FromUTF8(
          "\xE0\xB9\x82\xE0\xB8\x84\xE0\xB8\xA3\xE0\xB8\x87\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3"));
  CHECK(bar->GetMenuLabelText(0) != "Project");
  REQUIRE(f.frame->OpenDocument(f.Document("th_survivor_b01")));
  f.Screenshot("main-window-th.png");
  // Khmer, with a Khmer transcript: menus and text in Khmer script.
  f.frame->SwitchLanguage("km");
  Pump();
  CHECK(f.frame->GetMenuBar()->GetMenuLabelText(0) ==
        wxString::FromUTF8(
            "\xE1\x9E\x82\xE1\x9E\x98\xE1\x9F\x92\xE1\x9E\x9A\xE1\x9F\x84\xE1\x9E\x84"));
  REQUIRE(f.frame->OpenDocument(f.Document("kh_survivor_g01_a")));
  f.Screenshot("main-window-km.png");
  f.frame->SwitchLanguage("en");
  Pump();
  CHECK(bar != nullptr);
  CHECK(f.frame->GetMenuBar()->GetMenuLabelText(0) == "Project");
}

TEST_CASE("Screenshots of the workspace with Khmer and English transcripts", "[app][screenshot]") {
  Fixture f("screenshot");
  REQUIRE(f.frame->OpenDocument(f.Document("kh_survivor_g01_a")));
  f.frame->Retrieval()->ShowCode(f.Code("Forms of OCSEA/Grooming"));
  f.Screenshot("transcript-km.png");
  REQUIRE(f.frame->OpenDocument(f.Document("kh_survivor_g01_b")));
  f.frame->Codebook()->SelectCode(f.Code("Forms of OCSEA/Grooming"));
  f.Select("I feel a bit better than last time.");
  f.Screenshot("main-window.png");
}

#ifdef TESSERA_APP_HAVE_SEARCH
TEST_CASE("Search finds Thai and Khmer words in context, and codes the hits as one undoable action",
          "[app][search]") {
  Fixture f("search");
  auto* search = f.frame->Search();
  search->RunQuery(wxString::FromUTF8(
      "\xE0\xB8\x95\xE0\xB8\xB3\xE0\xB8\xA3\xE0\xB8\xA7\xE0\xB8\x88"));  // ตำรวจ (police)
  Pump();
  REQUIRE(!search->Rows().empty());
  for (const auto& row : search->Rows()) CHECK(!row.hit.empty());
  search->RunQuery(wxString::FromUTF8(
      "\xE1\x9E\x93\xE1\x9E\x82\xE1\x9E\x9A\xE1\x9E\x94\xE1\x9E\xB6\xE1\x9E\x9B"));  // នគរបាល
  Pump();
  REQUIRE(!search->Rows().empty());

  search->RunQuery("screenshots OR screenshot");
  Pump();
  const auto hits = search->Rows().size();
  REQUIRE(hits > 0);
  std::vector<std::size_t> all(hits);
  for (std::size_t i = 0; i < hits; ++i) all[i] = i;
  auto targets = search->TargetsOf(all, false);
  const auto before = CodingStore(f.P().Db()).List().size();
  const auto code = f.Code("Barriers/Digital evidence");
  REQUIRE(search->on_autocode);
  search->on_autocode(code, targets);
  Pump();
  const auto after = CodingStore(f.P().Db()).List().size();
  CHECK(after > before);
  f.frame->RunAction("edit/undo");
  Pump();
  CHECK(CodingStore(f.P().Db()).List().size() == before);
  f.frame->RunAction("edit/search");
  REQUIRE(f.frame->OpenDocument(f.Document("kh_police_m01")));
  f.Screenshot("search.png");
}
#endif

TEST_CASE("Importing through the progress dialog fills a new project; a bad file changes nothing",
          "[app][import]") {
  const fs::path path = test::OutputFolder() / "import.tessera";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  auto* frame = new MainFrame();
  frame->Show();
  std::vector<wxString> errors;
  SetErrorSinkForTests(
      [&](const wxString& headline, const wxString&) { errors.push_back(headline); });
  Workspace& ws = frame->GetWorkspace();
  ws.Open(Project::Create(path.string()));
  Pump();

  ImportRequest request;
  request.paths = {std::string(TESSERA_SOURCE_DIR) + "/examples/transcripts"};
  request.options.variables_csv = std::string(TESSERA_SOURCE_DIR) + "/examples/variables.csv";
  const ImportSummary summary = ImportWithProgress(frame, ws, request);
  Pump();
  CHECK(summary.completed);
  CHECK(summary.imported == 21);
  CHECK(frame->Documents()->Rows().size() == 21);
  CHECK(errors.empty());

  // Importing the same files again skips them all.
  const ImportSummary again = ImportWithProgress(frame, ws, request);
  CHECK(again.completed);
  CHECK(again.imported == 0);
  CHECK(again.skipped == 21);

  // A file that cannot be read: reported under a headline, and nothing is written.
  const fs::path bad = test::OutputFolder() / "bad.docx";
  std::ofstream(bad) << "not a zip file";
  ImportRequest broken;
  broken.paths = {bad.string()};
  const ImportSummary failed = ImportWithProgress(frame, ws, broken);
  CHECK_FALSE(failed.completed);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "The transcripts couldn't be imported. Nothing was changed.");
  CHECK(DocumentStore(ws.GetProject().Db()).List().size() == 21);
  SetErrorSinkForTests(nullptr);
  frame->Destroy();
  Pump(5);
}

TEST_CASE(
    "The break reminder appears above the text, without a modal dialog, and goes away when thanked",
    "[app][care]") {
  Fixture f("break");
  REQUIRE(f.frame->OpenDocument(f.Document("ke_survivor_b01")));
  auto& reminder = f.frame->Reminder();
  reminder.Configure(true, 1);
  auto now = BreakReminder::Clock::now();
  reminder.NoteActivity(now);
  for (int i = 0; i < 3; ++i) {
    now += std::chrono::seconds(30);
    reminder.NoteActivity(now);
    reminder.Tick(now, true);
  }
  Pump();
  CHECK(f.frame->BreakBar()->IsShown());
  CHECK_FALSE(wxTheApp->GetTopWindow() != f.frame);  // no modal dialog on top
  f.Screenshot("break-reminder.png");
  wxCommandEvent thanks(wxEVT_BUTTON, wxID_OK);
  thanks.SetEventObject(f.frame->BreakBar());
  f.frame->BreakBar()->GetEventHandler()->ProcessEvent(thanks);
  Pump(40);
  CHECK_FALSE(f.frame->BreakBar()->IsShown());
  CHECK(reminder.ReadingTime().count() == 0);
}
