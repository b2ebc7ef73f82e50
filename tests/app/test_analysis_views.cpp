// The analysis views driven through their interface under Xvfb on the example study, each compared
// with what tessera-cli prints for the same question: the theme matrix (cells, suppression,
// drill-down, exports), the agreement table and the settling of disagreements, and the merge of a
// coder's copy. Screenshots of each view go to <build>/tests/app/output/.

#include <wx/app.h>
#include <wx/button.h>
#include <wx/filepicker.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "agreement_view.h"
#include "disagreement_dialog.h"
#include "example_study.h"
#include "ui_driver.h"
#include "variable_filter_bar.h"
#include "main_frame.h"
#include "matrix_view.h"
#include "merge_dialog.h"
#include "project/audit_log.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
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

std::string Quote(const std::string& s) { return test::ShellQuote(s); }

// Runs tessera-cli with `args` (already quoted) and returns what it printed on stdout.
std::string Cli(const std::string& args) {
  const fs::path out = test::OutputFolder() / "cli-output.txt";
  const std::string command = Quote(TESSERA_CLI_EXE) + " " + args + " > " + Quote(out.string());
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream in(out, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The example study open in a shown main window; destroyed at the end of the test.
struct Fixture {
  explicit Fixture(const std::string& name) : path(test::ExampleStudyCopy(name)) {
    frame = new MainFrame();
    frame->SetSize(0, 0, 1400, 900);
    frame->Show();
    frame->content_note_prompt = [](const DocumentInfo&) { return true; };
    REQUIRE(frame->OpenProject(ToWx(path.string())));
    Pump();
  }
  ~Fixture() {
    frame->Destroy();
    Pump(5);
  }
  Project& P() { return frame->GetWorkspace().GetProject(); }
  std::string ProjectArg() const { return Quote(path.string()); }

  // The first window of type T the frame owns (the views are modeless children of the frame).
  template <class T>
  T* Find() {
    for (wxWindow* w : frame->GetChildren()) {
      if (auto* t = dynamic_cast<T*>(w); t && !t->IsBeingDeleted()) return t;
    }
    return nullptr;
  }

  void Screenshot(wxWindow* view, const std::string& name) { TakeScreenshot(view, name); }

  fs::path path;
  MainFrame* frame = nullptr;
};

std::string FixedText(const nlohmann::json& value) {
  if (value.is_null()) return "\xE2\x80\x93";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value.get<double>());
  return buffer;
}

void CheckMeasure(const std::optional<double>& shown, const nlohmann::json& cli) {
  if (cli.is_null()) {
    CHECK_FALSE(shown.has_value());
  } else {
    REQUIRE(shown.has_value());
    CHECK(*shown == Approx(cli.get<double>()).epsilon(1e-12));
  }
}

std::vector<Coding> CodingsBy(Project& project, const std::string& coder) {
  std::vector<Coding> out;
  for (auto& c : CodingStore(project.Db()).List()) {
    if (c.coder == coder) out.push_back(std::move(c));
  }
  return out;
}

// A JSON matrix cell or n as the views show it: numbers as printed, hidden values as text.
std::string Shown(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value.get<double>());
  return buffer;
}

}  // namespace

TEST_CASE("The theme matrix view shows the CLI's cells, marks suppressed ones, lists a cell's "
          "segments and exports",
          "[app][analysis]") {
  Fixture f("analysis-matrix");
  REQUIRE(f.frame->RunAction("analysis/matrix"));
  Pump();
  MatrixView* view = f.Find<MatrixView>();
  REQUIRE(view != nullptr);
  REQUIRE(view->IsShown());

  SECTION("gender x role, cases, minimum cell 5") {
    REQUIRE(view->Choose({"gender", "role"}, MatrixCount::Cases, 5, false));
    Pump();
    const auto cli = nlohmann::json::parse(Cli("matrix " + f.ProjectArg() +
                                               " --by gender,role --count cases --min-cell 5 --format json"));
    wxGrid* grid = view->Grid();
    REQUIRE(grid->GetNumberRows() == static_cast<int>(cli["rows"].size()));
    REQUIRE(grid->GetNumberCols() == static_cast<int>(cli["columns"].size()) + 1);
    int suppressed = 0;
    for (std::size_t r = 0; r < cli["rows"].size(); ++r) {
      const auto& row = cli["rows"][r];
      CHECK(view->Matrix().rows[r].code == row["code"].get<std::string>());
      for (std::size_t c = 0; c < row["cells"].size(); ++c) {
        const std::string shown = FromWx(grid->GetCellValue(static_cast<int>(r), static_cast<int>(c)));
        INFO(row["code"].get<std::string>() << " column " << c);
        CHECK(shown == Shown(row["cells"][c]));
        if (row["cells"][c].is_string()) {
          ++suppressed;
          // Visibly marked: grey and italic, not heat-mapped.
          CHECK(grid->GetCellBackgroundColour(static_cast<int>(r), static_cast<int>(c)) ==
                wxColour(0xE4, 0xE4, 0xE4));
          CHECK(grid->GetCellFont(static_cast<int>(r), static_cast<int>(c)).GetStyle() == wxFONTSTYLE_ITALIC);
        }
      }
      CHECK(FromWx(grid->GetCellValue(static_cast<int>(r), grid->GetNumberCols() - 1)) == Shown(row["total"]));
    }
    CHECK(suppressed > 0);
    CHECK(view->Matrix().suppressed_cells == cli["suppressed_cells"].get<std::int64_t>());
    for (std::size_t c = 0; c < cli["columns"].size(); ++c) {
      const std::string label = FromWx(grid->GetColLabelValue(static_cast<int>(c)));
      CHECK(label.find("n=" + Shown(cli["columns"][c]["n"])) != std::string::npos);
    }
    f.Screenshot(view, "theme-matrix.png");

    // The exports write what the CLI writes for the same matrix.
    const fs::path csv = test::OutputFolder() / "matrix-view.csv";
    view->ExportTo("csv", csv.string());
    CHECK(ReadFile(csv) == Cli("matrix " + f.ProjectArg() + " --by gender,role --count cases --min-cell 5 --format csv"));
    const fs::path html = test::OutputFolder() / "matrix-view.html";
    view->ExportTo("html", html.string());
    CHECK(ReadFile(html).find("<table") != std::string::npos);
    const fs::path xlsx = test::OutputFolder() / "matrix-view.xlsx";
    view->ExportTo("xlsx", xlsx.string());
    CHECK(ReadFile(xlsx).substr(0, 2) == "PK");
  }

  SECTION("a click on a cell lists the segments `tessera-cli segments` lists") {
    REQUIRE(view->Choose({"gender"}, MatrixCount::Segments, 0, false));
    Pump();
    const auto& m = view->Matrix();
    // The largest cell of the girls' column.
    std::size_t girl = 0;
    while (girl < m.columns.size() && m.columns[girl].values.at("gender") != "girl") ++girl;
    REQUIRE(girl < m.columns.size());
    std::size_t row = 0;
    for (std::size_t r = 0; r < m.rows.size(); ++r)
      if (m.rows[r].cells[girl].count > m.rows[row].cells[girl].count) row = r;
    REQUIRE(m.rows[row].cells[girl].count > 0);
    view->Grid()->SetGridCursor(static_cast<int>(row), static_cast<int>(girl));  // as a click does
    Pump();
    const auto cli = nlohmann::json::parse(Cli("segments " + f.ProjectArg() + " --code " + Quote(m.rows[row].code) +
                                               " --exact --where gender=girl --format json"));
    REQUIRE(view->CellSegments().size() == cli.size());
    CHECK(static_cast<std::int64_t>(cli.size()) == m.rows[row].cells[girl].count);
    for (std::size_t i = 0; i < cli.size(); ++i) {
      CHECK(view->CellSegments()[i].document == cli[i]["document"].get<std::string>());
      CHECK(view->CellSegments()[i].start == cli[i]["start"].get<std::size_t>());
      CHECK(view->CellSegments()[i].coder == cli[i]["coder"].get<std::string>());
    }
    f.Screenshot(view, "theme-matrix-cell.png");
  }

  SECTION("\"only where\" filters give the matrix of a subset, as --where does") {
    REQUIRE(view->Choose({"gender"}, MatrixCount::Cases, 0, false));
    view->Filters()->AddFilter("country", "Cambodia");
    Pump();
    const auto cli = nlohmann::json::parse(Cli("matrix " + f.ProjectArg() +
                                               " --by gender --count cases --where country=Cambodia --format json"));
    const auto& m = view->Matrix();
    REQUIRE(m.columns.size() == cli["columns"].size());
    REQUIRE(m.rows.size() == cli["rows"].size());
    std::int64_t cases = 0;
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      CHECK(m.columns[c].n == cli["columns"][c]["n"].get<std::int64_t>());
      cases += m.columns[c].n;
    }
    CHECK(cases > 0);
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      for (std::size_t c = 0; c < m.columns.size(); ++c) {
        CHECK(FromWx(view->Grid()->GetCellValue(static_cast<int>(r), static_cast<int>(c))) ==
              Shown(cli["rows"][r]["cells"][c]));
      }
    }
    // Fewer cases than the whole study: the filter took effect.
    const auto all = nlohmann::json::parse(Cli("matrix " + f.ProjectArg() + " --by gender --count cases --format json"));
    std::int64_t all_cases = 0;
    for (const auto& column : all["columns"]) all_cases += column["n"].get<std::int64_t>();
    CHECK(cases < all_cases);
  }
}

TEST_CASE("The agreement view reports the CLI's measures; a disagreement settled side by side "
          "becomes a consensus coding, undoably and in the audit log",
          "[app][analysis]") {
  Fixture f("analysis-agreement");
  REQUIRE(f.frame->RunAction("analysis/agreement"));
  Pump();
  AgreementView* view = f.Find<AgreementView>();
  REQUIRE(view != nullptr);

  const std::pair<AgreementRequest::Unit, const char*> units[] = {
      {AgreementRequest::Unit::Segment, "segment"},
      {AgreementRequest::Unit::Document, "document"},
      {AgreementRequest::Unit::Character, "character"}};  // last: the screenshot shows u-alpha
  for (const auto& [unit, name] : units) {
    INFO("unit " << name);
    REQUIRE(view->Choose({"amara", "niran"}, "", unit));
    Pump(5);
    const auto cli = nlohmann::json::parse(
        Cli("agreement " + f.ProjectArg() + " --coders amara,niran --unit " + name + " --format json"));
    const auto& report = view->Report();
    REQUIRE(report.codes.size() == cli["codes"].size());
    REQUIRE(view->Table()->GetItemCount() == static_cast<int>(cli["codes"].size()) + 1);
    const auto check_row = [&](long row, const CodeAgreement& shown, const nlohmann::json& expected) {
      INFO("row " << row);
      CheckMeasure(shown.percent, expected["percent"]);
      CheckMeasure(shown.cohen_kappa, expected["cohen_kappa"]);
      CheckMeasure(shown.scott_pi, expected["scott_pi"]);
      CheckMeasure(shown.fleiss_kappa, expected["fleiss_kappa"]);
      CheckMeasure(shown.krippendorff_alpha, expected["krippendorff_alpha"]);
      CheckMeasure(shown.u_alpha, expected["u_alpha"]);
      CHECK(shown.units == expected["units"].get<std::size_t>());
      const char* keys[] = {"percent", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha", "u_alpha"};
      for (int col = 1; col <= 6; ++col)
        CHECK(FromWx(view->Table()->GetItemText(row, col)) == FixedText(expected[keys[col - 1]]));
      CHECK(FromWx(view->Table()->GetItemText(row, 7)) == std::to_string(expected["units"].get<std::size_t>()));
    };
    for (std::size_t i = 0; i < report.codes.size(); ++i) {
      CHECK(report.codes[i].code == cli["codes"][i]["code"].get<std::string>());
      CHECK(FromWx(view->Table()->GetItemText(static_cast<long>(i), 0)) == cli["codes"][i]["code"].get<std::string>());
      check_row(static_cast<long>(i), report.codes[i], cli["codes"][i]);
    }
    check_row(static_cast<long>(report.codes.size()), report.overall, cli["overall"]);
  }
  f.Screenshot(view, "agreement.png");

  // The overall row opens every disagreement, as `tessera-cli disagreements` lists them.
  DisagreementDialog* dialog = view->OpenDisagreements(view->Table()->GetItemCount() - 1);
  REQUIRE(dialog != nullptr);
  Pump();
  const auto listed = nlohmann::json::parse(Cli("disagreements " + f.ProjectArg() + " --coders amara,niran --format json"));
  REQUIRE(dialog->Disagreements().size() == listed.size());
  REQUIRE(listed.size() >= 2);
  for (std::size_t i = 0; i < listed.size(); ++i) CHECK(dialog->Disagreements()[i].id == listed[i]["id"].get<std::string>());

  // Accept amara's side, with a rationale.
  dialog->Select(0);
  const Disagreement first = dialog->Disagreements()[0];
  REQUIRE_FALSE(first.first.empty());
  CHECK(FromWx(dialog->Side(0)->GetValue()).find(first.first.front().text) != std::string::npos);
  dialog->Verdict()->SetSelection(0);
  dialog->Rationale()->SetValue("The whole turn describes the grooming.");
  Click(dialog->SettleButton());
  CHECK(dialog->IsSettled(0));
  CHECK(dialog->Selected() == std::optional<std::size_t>(1));
  auto consensus = CodingsBy(f.P(), "consensus");
  // What `reconcile --decisions` with {"decision": "accept:amara"} writes for this disagreement.
  ReconcileDecision accept;
  accept.verdict = ReconcileDecision::Verdict::AcceptFirst;
  const auto expected = ConsensusSegments(first, accept);
  REQUIRE(consensus.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(consensus[i].document_id == first.document_id);
    CHECK(consensus[i].code == first.code);
    CHECK(consensus[i].start == expected[i].first);
    CHECK(consensus[i].end == expected[i].second);
  }
  const auto entries = AuditLog(f.P().Db()).Entries();
  REQUIRE_FALSE(entries.empty());
  CHECK(entries.back().action == "agreement/settle");
  const auto detail = nlohmann::json::parse(entries.back().detail);
  CHECK(detail["id"] == first.id);
  CHECK(detail["decision"] == "first");
  CHECK(detail["rationale"] == "The whole turn describes the grooming.");

  // Undo takes it back, redo writes it again.
  REQUIRE(f.frame->RunAction("edit/undo"));
  Pump();
  CHECK(CodingsBy(f.P(), "consensus").empty());
  REQUIRE(f.frame->RunAction("edit/redo"));
  Pump();
  CHECK(CodingsBy(f.P(), "consensus").size() == expected.size());

  // Edit: the consensus is the text selected in a pane.
  const Disagreement second = dialog->Disagreements()[1];
  REQUIRE(dialog->Selected() == std::optional<std::size_t>(1));
  const long from = static_cast<long>(second.start - (second.start > 240 ? second.start - 240 : 0));
  dialog->Side(1)->SetSelection(from, from + 5);
  dialog->Verdict()->SetSelection(4);
  dialog->Rationale()->SetValue("Only the first words.");
  Click(dialog->SettleButton());
  CHECK(dialog->IsSettled(1));
  bool found = false;
  for (const auto& c : CodingsBy(f.P(), "consensus")) {
    if (c.document_id == second.document_id && c.start == second.start && c.end == second.start + 5) found = true;
  }
  CHECK(found);
  dialog->Select(0);
  f.Screenshot(dialog, "disagreements.png");

  // Reopened, the window shows what was settled before (read from the audit log); an undo takes
  // a settlement back there too.
  dialog->Destroy();
  Pump();
  REQUIRE(f.frame->RunAction("edit/undo"));  // the edited consensus of the second
  Pump();
  DisagreementDialog* again = view->OpenDisagreements(view->Table()->GetItemCount() - 1);
  REQUIRE(again != nullptr);
  Pump();
  CHECK(again->IsSettled(0));
  CHECK_FALSE(again->IsSettled(1));
  CHECK(FromWx(again->Table()->GetItemText(0, 3)) == "Accept amara");
  CHECK(FromWx(again->Table()->GetItemText(1, 3)).empty());
  again->Destroy();
  Pump();
}

TEST_CASE("Merging a coder's copy from the dialog reports the incoming codings and the conflicts, "
          "as tessera-cli merge does",
          "[app][analysis]") {
  // A coder's copy: a new coder's codings, and a code renamed in the copy (a conflict).
  const fs::path copy = test::ExampleStudyCopy("analysis-merge-copy");
  {
    Project project = Project::Open(copy.string());
    Transaction tx(project.Db());
    DocumentStore documents(project.Db());
    CodeTree tree(project.Db());
    CodingStore codings(project.Db());
    const auto coder = project.EnsureUser("sophea");
    const auto document = documents.Resolve("kh_survivor_g01_b");
    codings.Add(document, 10, 60, tree.Resolve("Forms of OCSEA/Grooming"), coder);
    codings.Add(document, 100, 140, tree.Resolve("Forms of OCSEA/Coercion and threats"), coder);
    tree.Rename(tree.Resolve("Forms of OCSEA/Offline contact after online contact"), "Offline contact");
    tx.Commit();
  }
  Fixture f("analysis-merge");
  const fs::path twin = test::ExampleStudyCopy("analysis-merge-cli");
  const auto cli = nlohmann::json::parse(Cli("merge " + Quote(twin.string()) + " " + Quote(copy.string()) + " --format json"));
  REQUIRE(cli.size() == 1);

  REQUIRE(f.frame->RunAction("project/merge"));
  Pump();
  MergeDialog* dialog = f.Find<MergeDialog>();
  REQUIRE(dialog != nullptr);
  dialog->Picker()->SetPath(ToWx(copy.string()));
  Click(dialog->MergeButton());
  REQUIRE(dialog->Report().has_value());
  const MergeReport& report = *dialog->Report();
  CHECK(report.codings_added == cli[0]["codings_added"].get<std::int64_t>());
  CHECK(report.codings_present == cli[0]["codings_present"].get<std::int64_t>());
  CHECK(report.codes_added == cli[0]["codes_added"].get<std::int64_t>());
  CHECK(report.users_added == cli[0]["users_added"].get<std::int64_t>());
  CHECK(report.conflicts == cli[0]["conflicts"].get<std::vector<std::string>>());
  CHECK(report.codings_added == 2);
  REQUIRE(report.conflicts.size() == 1);
  // The report lists the conflict, then every incoming coding.
  REQUIRE(dialog->Incoming().size() == 2);
  wxListCtrl* list = dialog->ReportList();
  REQUIRE(list->GetItemCount() == 3);
  CHECK(FromWx(list->GetItemText(0, 4)) == report.conflicts[0]);
  for (long row = 1; row < 3; ++row) {
    CHECK(FromWx(list->GetItemText(row, 1)) == "kh_survivor_g01_b");
    CHECK(FromWx(list->GetItemText(row, 3)) == "sophea");
  }
  CHECK(CodingsBy(f.P(), "sophea").size() == 2);
  f.Screenshot(dialog, "merge.png");
}
