// The analysis views driven through their interface under Xvfb on the example study, each compared
// with what tessera-cli prints for the same question: the theme matrix (cells, suppression,
// drill-down, exports), the agreement table and the settling of disagreements, and the merge of a
// coder's copy. Screenshots of each view go to <build>/tests/app/output/.

#include <wx/app.h>
#include <wx/button.h>
#include <wx/grid.h>
#include <wx/utils.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "example_study.h"
#include "main_frame.h"
#include "matrix_view.h"
#include "project/audit_log.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "workspace.h"
#include "wx_text.h"

namespace fs = std::filesystem;
using namespace tessera;
using namespace tessera::app;

namespace {

void Pump(int rounds = 20) {
  for (int i = 0; i < rounds; ++i) {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxMilliSleep(5);
  }
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

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

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
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

  void Screenshot(wxWindow* view, const std::string& name) {
    view->Raise();
    view->Refresh();
    view->Update();
    Pump(30);
    const fs::path out = test::OutputFolder() / name;
    fs::remove(out);
    const std::string command = "import -window root '" + out.string() + "' 2>/dev/null";
    if (std::system(command.c_str()) == 0) {
      CHECK(fs::exists(out));
      CHECK(fs::file_size(out) > 10'000);
    } else {
      WARN("ImageMagick's import could not take a screenshot");
    }
  }

  fs::path path;
  MainFrame* frame = nullptr;
};

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
}
