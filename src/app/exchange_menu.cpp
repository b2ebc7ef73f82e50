#include "exchange_menu.h"

#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/frame.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/utils.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "error.h"
#include "error_report.h"
#include "exchange/project_exchange.h"
#include "exchange/qdc_reader.h"
#include "exchange/qdc_writer.h"
#include "exchange/qdpx_reader.h"
#include "exchange/qdpx_writer.h"
#include "export/codebook_document.h"
#include "file_prompt.h"
#include "main_frame.h"
#include "project/database.h"
#include "project/project.h"
#include "workspace.h"
#include "wx_text.h"

namespace fs = std::filesystem;

namespace tessera::app {
namespace {

// A path from a save dialog, or nothing on Cancel.
std::optional<std::string> AskSavePath(wxWindow* parent, const wxString& title, const wxString& name,
                                       const wxString& wildcard, int* filter_index = nullptr) {
  return PromptForPath(parent, title, name, wildcard, wxFD_SAVE | wxFD_OVERWRITE_PROMPT, filter_index);
}

std::optional<std::string> AskOpenPath(wxWindow* parent, const wxString& title, const wxString& wildcard) {
  return PromptForPath(parent, title, wxString(), wildcard, wxFD_OPEN | wxFD_FILE_MUST_EXIST);
}

// Warnings of an import, shown after it (the import itself went through).
void ShowWarnings(wxWindow* parent, const wxString& headline, const std::vector<std::string>& warnings) {
  if (warnings.empty()) return;
  wxString detail;
  for (const auto& w : warnings) detail << ToWx(w) << '\n';
  wxMessageDialog dialog(parent, headline, _("Tessera"), wxOK | wxICON_INFORMATION);
  dialog.SetExtendedMessage(detail);
  dialog.ShowModal();
}

void SetStatus(wxWindow* parent, const wxString& text) {
  if (auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(parent))) {
    if (frame->GetStatusBar()) frame->SetStatusText(text, 0);
  }
}

std::string BaseName(Workspace& workspace) {
  return fs::path(workspace.GetProject().Path()).stem().string();
}

}  // namespace

bool ExportQdpxProject(wxWindow* parent, Workspace& workspace) {
  if (!workspace.HasProject()) return false;
  const auto path = AskSavePath(parent, _("Export REFI-QDA Project"), ToWx(BaseName(workspace) + ".qdpx"),
                                _("REFI-QDA projects (*.qdpx)|*.qdpx"));
  if (!path) return false;
  std::size_t sources = 0;
  const bool ok = RunAction(parent, _("The project couldn't be exported. Nothing was written."), [&] {
    wxBusyCursor busy;
    Project& project = workspace.GetProject();
    const QdaProject model = ProjectToQda(project);
    WriteQdpx(model, *path);
    Transaction tx(project.Db());
    project.Audit("export/qdpx", {{"file", fs::path(*path).filename().string()}, {"sources", model.sources.size()}});
    tx.Commit();
    sources = model.sources.size();
  });
  if (ok) {
    SetStatus(parent, wxString::Format(wxPLURAL("Wrote %s (%zu document).", "Wrote %s (%zu documents).", sources),
                                       wxFileName(ToWx(*path)).GetFullName(), sources));
  }
  return ok;
}

bool ImportQdpxProject(MainFrame& frame) {
  const auto source = AskOpenPath(&frame, _("Import REFI-QDA Project"),
                                  _("REFI-QDA projects (*.qdpx;*.qde)|*.qdpx;*.qde|All files|*"));
  if (!source) return false;
  const auto target = AskSavePath(&frame, _("New Project for the Import"),
                                  ToWx(fs::path(*source).stem().string() + ".tessera"),
                                  _("Tessera projects (*.tessera)|*.tessera"));
  if (!target) return false;
  ExchangeReport report;
  std::vector<std::string> read_warnings;
  const bool ok = RunAction(&frame, _("The REFI-QDA project couldn't be imported. No project was created."), [&] {
    if (fs::exists(*target)) throw DataError("a file of that name already exists; choose a new project file", *target);
    wxBusyCursor busy;
    const QdpxImport read = ReadQdpx(*source);
    try {
      Project project = Project::Create(*target);
      project.SetCurrentUser(frame.GetWorkspace().Coder());
      report = ImportQdaProject(project, read.project, fs::path(*source).filename().string());
    } catch (...) {
      // Never leave half a project behind.
      std::error_code ignored;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(*target + suffix, ignored);
      throw;
    }
    read_warnings = read.report.warnings;
  });
  if (!ok) return false;
  if (!frame.OpenProject(ToWx(*target))) return false;
  frame.SetStatusText(wxString::Format(_("Imported %zu documents, %zu codes and %zu codings."), report.documents,
                                       report.codes_added, report.codings),
                      0);
  read_warnings.insert(read_warnings.end(), report.warnings.begin(), report.warnings.end());
  ShowWarnings(&frame, _("Some things could not be brought over from the REFI-QDA project."), read_warnings);
  return true;
}

bool ImportQdcCodebook(wxWindow* parent, Workspace& workspace) {
  if (!workspace.HasProject()) return false;
  const auto path = AskOpenPath(parent, _("Import Codebook"), _("REFI-QDA codebooks (*.qdc)|*.qdc|All files|*"));
  if (!path) return false;
  ExchangeReport report;
  std::vector<std::string> warnings;
  const bool ok = RunAction(parent, _("The codebook couldn't be imported. Nothing was changed."), [&] {
    const QdcImport read = ReadQdc(*path);
    report = ImportCodebook(workspace.GetProject(), read.codebook, fs::path(*path).filename().string());
    warnings = read.report.warnings;
  });
  if (!ok) return false;
  workspace.Notify(Change::Codebook);
  SetStatus(parent, wxString::Format(_("Codebook imported: %zu codes added, %zu updated."), report.codes_added,
                                     report.codes_updated));
  warnings.insert(warnings.end(), report.warnings.begin(), report.warnings.end());
  ShowWarnings(parent, _("Some things in the codebook could not be brought over."), warnings);
  return true;
}

bool ExportQdcCodebook(wxWindow* parent, Workspace& workspace) {
  if (!workspace.HasProject()) return false;
  const auto path = AskSavePath(parent, _("Export Codebook"), ToWx(BaseName(workspace) + ".qdc"),
                                _("REFI-QDA codebooks (*.qdc)|*.qdc"));
  if (!path) return false;
  const bool ok = RunAction(parent, _("The codebook couldn't be exported. Nothing was written."),
                            [&] { WriteQdc(CodebookFromProject(workspace.GetProject()), *path); });
  if (ok) SetStatus(parent, wxString::Format(_("Wrote %s."), wxFileName(ToWx(*path)).GetFullName()));
  return ok;
}

bool ExportPrintableCodebook(wxWindow* parent, Workspace& workspace) {
  if (!workspace.HasProject()) return false;
  static const char* const extensions[] = {".docx", ".html", ".md"};
  int filter = 0;
  auto path = AskSavePath(parent, _("Export Printable Codebook"), ToWx(BaseName(workspace) + "-codebook.docx"),
                          _("Word documents (*.docx)|*.docx|Web pages (*.html)|*.html|Markdown files (*.md)|*.md"),
                          &filter);
  if (!path) return false;
  // A name typed without an extension takes the file type chosen in the dialog.
  if (fs::path(*path).extension().empty() && filter >= 0 && filter < 3) *path += extensions[filter];
  const bool ok = RunAction(parent, _("The codebook couldn't be exported. Nothing was written."),
                            [&] { WriteCodebookDocument(workspace.GetProject(), *path); });
  if (ok) SetStatus(parent, wxString::Format(_("Wrote %s."), wxFileName(ToWx(*path)).GetFullName()));
  return ok;
}

}  // namespace tessera::app
