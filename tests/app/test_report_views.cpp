// The report and exchange views driven through the interface under Xvfb, on the example study,
// and compared with what tessera-cli writes for the same request: the quote export wizard (with
// its live k warning), the redaction review (spans, a reject decision, the register, the
// plugins), sealed copies, and REFI-QDA and the codebook from the menus. Modal dialogs are
// answered with wxTEST_DIALOG, as a user would answer them.

#include <wx/app.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filepicker.h>
#include <wx/listctrl.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/stc/stc.h>
#include <wx/testing.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "error.h"
#include "error_report.h"
#include "example_study.h"
#include "ui_driver.h"
#include "file_prompt.h"
#include "main_frame.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "quote_wizard.h"
#include "redaction/register_store.h"
#include "redaction/span_kind.h"
#include "redaction_review.h"
#include "seal_dialog.h"
#include "security/sealed_file.h"
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

// Answers a custom modal dialog of type T inside wxTEST_DIALOG.
template <class T>
class ExpectDialog : public wxExpectModalBase<T, ExpectDialog<T>> {
 public:
  explicit ExpectDialog(std::function<int(T*)> answer) : m_answer(std::move(answer)) {}

 protected:
  int OnInvoked(T* dialog) const override { return m_answer(dialog); }

 private:
  std::function<int(T*)> m_answer;
};

// Answers the file dialogs, in order, with these paths (as a user picking files would).
struct FileAnswers {
  explicit FileAnswers(std::vector<std::string> paths) : m_paths(std::move(paths)) {
    SetFilePromptForTests([this](const wxString&) -> std::optional<std::string> {
      if (m_next >= m_paths.size()) return std::nullopt;
      return m_paths[m_next++];
    });
  }
  ~FileAnswers() { SetFilePromptForTests(nullptr); }
  bool AllUsed() const { return m_next == m_paths.size(); }

 private:
  std::vector<std::string> m_paths;
  std::size_t m_next = 0;
};

std::string Quote(const std::string& s) { return test::ShellQuote(s); }

// Runs tessera-cli with `args` (already quoted); returns its exit status.
int Cli(const std::string& args) {
  const std::string command = std::string(TESSERA_CLI_EXE) + " " + args;
  return std::system(command.c_str());
}

void RemoveProject(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

struct Fixture {
  explicit Fixture(const std::string& name, bool with_register = true) : path(test::ExampleStudyCopy(name)) {
    if (with_register) {
      // The study's pseudonym register, as `tessera-cli register PROJECT import` loads it.
      Project project = Project::Open(path.string());
      Transaction tx(project.Db());
      RegisterStore store(project.Db());
      store.ImportCsv(std::string(TESSERA_SOURCE_DIR) + "/examples/register.csv");
      store.EntriesWithPseudonyms();
      tx.Commit();
    }
    frame = new MainFrame();
    frame->SetSize(0, 0, 1400, 900);
    frame->Show();
    frame->content_note_prompt = [](const DocumentInfo&) { return true; };
    SetErrorSinkForTests([this](const wxString& headline, const wxString& detail) {
      errors.push_back(FromWx(headline) + ": " + FromWx(detail));
    });
    REQUIRE(frame->OpenProject(ToWx(path.string())));
    Pump();
  }
  ~Fixture() {
    SetErrorSinkForTests(nullptr);
    frame->Destroy();
    Pump(5);
  }
  Project& P() { return frame->GetWorkspace().GetProject(); }
  void Screenshot(wxWindow* window, const std::string& name) { TakeScreenshot(window, name); }

  fs::path path;
  MainFrame* frame = nullptr;
  std::vector<std::string> errors;
};

}  // namespace

TEST_CASE("The quote wizard warns live about narrow attributions and exports what the CLI exports",
          "[app][reports]") {
  Fixture f("report-quotes");
  REQUIRE(f.frame->RunAction("reports/export-quotes"));
  Pump();
  auto* wizard = dynamic_cast<QuoteWizard*>(wxWindow::FindWindowByName("quote-wizard", f.frame));
  REQUIRE(wizard);
  REQUIRE(wizard->SelectCode("Justice process"));

  // A broad attribution: every quote's attribution fits at least k cases, no warning.
  wizard->KField()->SetValue(1);
  wizard->TemplateField()->SetValue("{country}");  // typing fires the live update
  Pump(3);
  CHECK_FALSE(FromWx(wizard->WarningText()->GetLabel()).starts_with("Warning"));

  // A narrow one (gender, role and country of one participant) warns at once, without Preview.
  wizard->KField()->SetValue(3);
  wizard->TemplateField()->SetValue("{gender}, {age_band}, {role}, {country}");
  Pump(3);
  const std::string warning = FromWx(wizard->WarningText()->GetLabel());
  CHECK(warning.starts_with("Warning"));
  CHECK(warning.find("fits only 1 case") != std::string::npos);
  // Lowering k to 1 clears it: the warning follows k too.
  wizard->KField()->SetValue(1);
  wizard->UpdateWarning();  // SetValue on a spin control sends no event
  CHECK_FALSE(FromWx(wizard->WarningText()->GetLabel()).starts_with("Warning"));
  wizard->KField()->SetValue(3);
  wizard->UpdateWarning();

  // Filters: only girls.
  wizard->Filters()->AddFilter("gender", "girl");
  Pump(3);

  // The preview shows the redacted quotes: no register name in them.
  Click(wizard->PreviewButton());
  REQUIRE(f.errors.empty());
  const int previewed = wizard->PreviewList()->GetItemCount();
  CHECK(previewed > 0);
  for (int i = 0; i < previewed; ++i) {
    const std::string quote = FromWx(wizard->PreviewList()->GetItemText(i, 0));
    CHECK(quote.find("Sok Dara") == std::string::npos);
    CHECK(quote.find("Baraka") == std::string::npos);
  }
  f.Screenshot(wizard, "quote-wizard.png");

  // Export as Markdown and as CSV; the files equal the CLI's with the same options.
  for (const auto& [format, index] : std::vector<std::pair<std::string, int>>{{"md", 2}, {"csv", 3}}) {
    const fs::path app_file = test::OutputFolder() / ("quotes-app." + format);
    const fs::path cli_file = test::OutputFolder() / ("quotes-cli." + format);
    fs::remove(app_file);
    fs::remove(cli_file);
    wizard->FormatChoice()->SetSelection(index);
    {
      FileAnswers files({app_file.string()});
      Click(wizard->ExportButton());
      CHECK(files.AllUsed());
    }
    REQUIRE(f.errors.empty());
    REQUIRE(fs::exists(app_file));
    CHECK(wizard->LastReport().quotes.size() == static_cast<std::size_t>(previewed));
    REQUIRE(Cli("export quotes " + Quote(f.path.string()) + " --code 'Justice process' --where gender=girl" +
                " --attribution '{gender}, {age_band}, {role}, {country}' --k 3 --format " + format + " -o " +
                Quote(cli_file.string()) + " 2>/dev/null >/dev/null") == 0);
    CHECK(ReadFile(app_file) == ReadFile(cli_file));
  }

  // --strict: the same refusal as the CLI, and nothing written.
  wizard->StrictBox()->SetValue(true);
  const fs::path refused = test::OutputFolder() / "quotes-strict.md";
  fs::remove(refused);
  wizard->FormatChoice()->SetSelection(2);
  {
    FileAnswers files({refused.string()});
    Click(wizard->ExportButton());
  }
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].find("with --strict nothing was exported") != std::string::npos);
  CHECK_FALSE(fs::exists(refused));
  CHECK(Cli("export quotes " + Quote(f.path.string()) + " --code 'Justice process' --where gender=girl --k 3 --strict" +
            " --format md -o " + Quote(refused.string()) + " 2>/dev/null >/dev/null") != 0);
  CHECK_FALSE(fs::exists(refused));
  wizard->Destroy();
}

TEST_CASE("The redaction review shows the spans tessera-cli redact finds, and stores decisions and names",
          "[app][reports]") {
  Fixture f("report-review");
  const auto document = DocumentStore(f.P().Db()).Resolve("kh_caregiver_w01");
  REQUIRE(f.frame->OpenDocument(document));
  REQUIRE(f.frame->RunAction("reports/redaction-review"));
  Pump();
  auto* review = dynamic_cast<RedactionReview*>(wxWindow::FindWindowByName("redaction-review", f.frame));
  REQUIRE(review);
  REQUIRE(f.errors.empty());
  const std::string text = DocumentStore(f.P().Db()).Text(document);
  CHECK(review->ShownText() == text);
  CHECK(FromWx(review->TextView()->GetText()) == text);

  // The plugins, with their state.
  std::vector<std::string> loaded;
  for (int i = 0; i < review->PluginList()->GetItemCount(); ++i) {
    if (review->PluginList()->GetItemText(i, 3) == "loaded") loaded.push_back(FromWx(review->PluginList()->GetItemText(i, 0)));
  }
  CHECK(std::find(loaded.begin(), loaded.end(), "pii-patterns") != loaded.end());
  CHECK(std::find(loaded.begin(), loaded.end(), "name-list") != loaded.end());

  // The same text through tessera-cli redact with the same plugins: the same spans.
  const fs::path input = test::OutputFolder() / "review-input.txt";
  const fs::path output = test::OutputFolder() / "review-cli.json";
  std::ofstream(input, std::ios::binary) << text;
  std::string plugins;
  for (const auto& id : loaded) plugins += " --plugin " + id;
  REQUIRE(Cli("redact " + Quote(f.path.string()) + plugins + " --language " +
              DocumentStore(f.P().Db()).Info(document).language + " --format json < " + Quote(input.string()) +
              " > " + Quote(output.string())) == 0);
  const auto cli_output = nlohmann::json::parse(ReadFile(output));
  // The review lists the replaced spans and the held ones (words left in the text for review).
  std::vector<nlohmann::json> cli_spans(cli_output["spans"].begin(), cli_output["spans"].end());
  for (auto held : cli_output["held"]) {
    held["held"] = true;
    cli_spans.push_back(held);
  }
  std::stable_sort(cli_spans.begin(), cli_spans.end(), [](const auto& a, const auto& b) { return a["start"] < b["start"]; });
  const nlohmann::json cli = {{"spans", cli_spans}};
  REQUIRE(cli["spans"].size() == review->Spans().size());
  REQUIRE(review->SpanList()->GetItemCount() == static_cast<int>(review->Spans().size()));
  for (std::size_t i = 0; i < review->Spans().size(); ++i) {
    const auto& shown = review->Spans()[i];
    CHECK_FALSE(shown.kept);
    CHECK(shown.held == cli["spans"][i].value("held", false));
    CHECK(shown.span.start == cli["spans"][i]["start"].get<std::size_t>());
    CHECK(shown.span.end == cli["spans"][i]["end"].get<std::size_t>());
    CHECK(std::string(SpanKindName(shown.span.kind)) == cli["spans"][i]["kind"].get<std::string>());
    CHECK(shown.span.replacement == cli["spans"][i]["replacement"].get<std::string>());
  }
  // Each span is highlighted in the text by its kind (indicator 8 + kind).
  bool any_person = false;
  for (const auto& s : review->Spans()) any_person = any_person || s.span.kind == SpanKind::Person;
  CHECK(any_person);
  f.Screenshot(review, "redaction-review.png");

  // Reject one span, only here: select it in the list and press Reject.
  std::size_t target = 0;
  for (std::size_t i = 0; i < review->Spans().size(); ++i) {
    if (review->Spans()[i].span.kind == SpanKind::Person) target = i;
  }
  const RedactedSpan rejected = review->Spans()[target].span;
  Choose(review->ScopeChoice(), 0);
  review->SpanList()->SetItemState(static_cast<long>(target), wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  Pump(3);
  Click(review->RejectButton());
  REQUIRE(f.errors.empty());
  {
    Transaction tx(f.P().Db());
    const auto decisions = RegisterStore(f.P().Db()).Decisions(document);
    tx.Commit();
    REQUIRE(decisions.size() == 1);
    CHECK(decisions[0].verdict == ReviewDecision::Verdict::Reject);
    CHECK(decisions[0].original == rejected.original);
    REQUIRE(decisions[0].start.has_value());
    CHECK(*decisions[0].start == rejected.start);
  }
  bool kept = false;
  for (const auto& s : review->Spans()) kept = kept || (s.kept && s.span.start == rejected.start);
  CHECK(kept);
  CHECK(review->Spans().size() == cli["spans"].size());  // the same spans, one of them now kept

  // A new name through the register form: stored as `register add` stores it, and redacted.
  const auto entries_before = review->RegisterList()->GetItemCount();
  Choose(review->RegisterKindChoice(), 0);
  review->RegisterNameField()->SetValue("Chenda Mao");
  review->RegisterAliasesField()->SetValue("Chenda");
  Click(review->RegisterAddButton());
  REQUIRE(f.errors.empty());
  CHECK(review->RegisterList()->GetItemCount() == entries_before + 1);
  {
    Transaction tx(f.P().Db());
    const auto entries = RegisterStore(f.P().Db()).Entries();
    tx.Commit();
    CHECK(std::any_of(entries.begin(), entries.end(), [](const RegisterEntry& e) {
      return e.name == "Chenda Mao" && e.kind == "person" && !e.pseudonym.empty();
    }));
  }

  // The quotes of a code: each quote redacted on its own, as the export will.
  const auto code = CodeTree(f.P().Db()).Resolve("Justice process");
  review->ShowCodeQuotes(code);
  CHECK(f.errors.empty());
  CHECK_FALSE(review->ShownText().empty());
  review->Destroy();
}

TEST_CASE("A sealed copy sent from the menu unseals with its passphrase and is refused with another",
          "[app][reports]") {
  Fixture f("report-seal", false);
  const fs::path sealed = test::OutputFolder() / "report-seal.tessera-sealed";
  fs::remove(sealed);

  // Two different passphrases: the dialog does not let it through, nothing is written.
  wxTEST_DIALOG(f.frame->RunAction("project/send-sealed"), ExpectDialog<SealDialog>([&](SealDialog* d) {
                  d->PassphraseField()->SetValue("kitambulisho cha siri 7");
                  d->RepeatField()->SetValue("kitambulisho cha siri 8");
                  d->FilePicker()->SetPath(ToWx(sealed.string()));
                  CHECK_FALSE(d->IsComplete());
                  return wxID_CANCEL;
                }));
  CHECK_FALSE(fs::exists(sealed));

  wxTEST_DIALOG(f.frame->RunAction("project/send-sealed"), ExpectDialog<SealDialog>([&](SealDialog* d) {
                  d->PassphraseField()->SetValue("kitambulisho cha siri 7");
                  d->RepeatField()->SetValue("kitambulisho cha siri 7");
                  d->FilePicker()->SetPath(ToWx(sealed.string()));
                  CHECK(d->IsComplete());
                  return wxID_OK;
                }));
  REQUIRE(f.errors.empty());
  REQUIRE(fs::exists(sealed));

  // Through the core: the right passphrase gives the project back, a wrong one is refused.
  const fs::path copy = test::OutputFolder() / "report-unsealed.tessera";
  const fs::path wrong = test::OutputFolder() / "report-unsealed-wrong.tessera";
  RemoveProject(copy);
  RemoveProject(wrong);
  CHECK_THROWS_AS(UnsealProject(sealed.string(), wrong.string(), "kitambulisho cha siri 8"), DataError);
  CHECK_FALSE(fs::exists(wrong));
  UnsealProject(sealed.string(), copy.string(), "kitambulisho cha siri 7");
  {
    Project unsealed = Project::Open(copy.string());
    CHECK(DocumentStore(unsealed.Db()).List().size() == DocumentStore(f.P().Db()).List().size());
    CHECK(CodingStore(unsealed.Db()).List().size() == CodingStore(f.P().Db()).List().size());
  }

  // Project > Open Sealed Copy: a wrong passphrase is reported and writes nothing …
  FileAnswers sealed_file({sealed.string(), sealed.string()});
  wxTEST_DIALOG(f.frame->RunAction("project/open-sealed"), ExpectDialog<SealDialog>([&](SealDialog* d) {
                  CHECK(d->RepeatField() == nullptr);
                  d->PassphraseField()->SetValue("kitambulisho");
                  d->FilePicker()->SetPath(ToWx(wrong.string()));
                  return wxID_OK;
                }));
  REQUIRE(f.errors.size() == 1);
  CHECK(f.errors[0].starts_with("The sealed copy couldn't be opened."));
  CHECK_FALSE(fs::exists(wrong));
  CHECK(f.P().Path() == f.path.string());

  // … the right one creates the project and opens it.
  const fs::path opened = test::OutputFolder() / "report-opened.tessera";
  RemoveProject(opened);
  f.errors.clear();
  wxTEST_DIALOG(f.frame->RunAction("project/open-sealed"), ExpectDialog<SealDialog>([&](SealDialog* d) {
                  d->PassphraseField()->SetValue("kitambulisho cha siri 7");
                  d->FilePicker()->SetPath(ToWx(opened.string()));
                  return wxID_OK;
                }));
  CHECK(f.errors.empty());
  CHECK(f.P().Path() == opened.string());
  CHECK(DocumentStore(f.P().Db()).List().size() == 21);
}

TEST_CASE("REFI-QDA projects and codebooks go out and come back in through the menus", "[app][reports]") {
  Fixture f("report-refi", false);
  const auto documents = DocumentStore(f.P().Db()).List().size();
  const auto codings = CodingStore(f.P().Db()).List().size();
  const auto codes = CodeTree(f.P().Db()).All().size();

  // Export the project as .qdpx, then import it into a new project, which opens.
  const fs::path qdpx = test::OutputFolder() / "report-refi.qdpx";
  const fs::path imported = test::OutputFolder() / "report-refi-imported.tessera";
  fs::remove(qdpx);
  RemoveProject(imported);
  const fs::path printable = test::OutputFolder() / "report-codebook-app.md";
  const fs::path printable_cli = test::OutputFolder() / "report-codebook-cli.md";
  const fs::path qdc = test::OutputFolder() / "report-codebook.qdc";
  FileAnswers files({qdpx.string(), printable.string(), qdc.string(), qdpx.string(), imported.string(),
                     std::string(TESSERA_SOURCE_DIR) + "/codebooks/ocsea-study.qdc", qdpx.string(), qdc.string()});
  f.frame->RunAction("project/export-qdpx");
  REQUIRE(f.errors.empty());
  REQUIRE(fs::exists(qdpx));

  // The printable codebook and the .qdc equal what `tessera-cli codebook export` writes.
  fs::remove(printable);
  fs::remove(printable_cli);
  f.frame->RunAction("codebook/export-printable");
  REQUIRE(f.errors.empty());
  REQUIRE(Cli("codebook " + Quote(f.path.string()) + " export " + Quote(printable_cli.string()) + " >/dev/null") == 0);
  CHECK(ReadFile(printable) == ReadFile(printable_cli));
  fs::remove(qdc);
  f.frame->RunAction("codebook/export-qdc");
  REQUIRE(f.errors.empty());
  REQUIRE(fs::exists(qdc));

  wxTEST_DIALOG(f.frame->RunAction("project/import-qdpx"), wxExpectModal<wxMessageDialog>(wxOK).Optional());
  REQUIRE(f.errors.empty());
  REQUIRE(f.P().Path() == imported.string());
  CHECK(DocumentStore(f.P().Db()).List().size() == documents);
  CHECK(CodingStore(f.P().Db()).List().size() == codings);
  CHECK(CodeTree(f.P().Db()).All().size() == codes);

  // The shipped codebook into the imported project: codes matched, nothing lost.
  wxTEST_DIALOG(f.frame->RunAction("codebook/import-qdc"), wxExpectModal<wxMessageDialog>(wxOK).Optional());
  REQUIRE(f.errors.empty());
  CHECK(CodeTree(f.P().Db()).All().size() >= codes);
  CHECK(f.frame->GetWorkspace().Codes().size() == CodeTree(f.P().Db()).All().size());

  // An import over an existing file is refused and leaves it alone.
  const auto size = fs::file_size(qdc);
  f.frame->RunAction("project/import-qdpx");
  CHECK(files.AllUsed());
  REQUIRE(f.errors.size() == 1);
  CHECK(fs::file_size(qdc) == size);
}
