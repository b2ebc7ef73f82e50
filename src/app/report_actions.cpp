#include "report_actions.h"

#include <wx/event.h>
#include <wx/menu.h>

#include "actions.h"
#include "codebook_panel.h"
#include "exchange_menu.h"
#include "main_frame.h"
#include "quote_wizard.h"
#include "redaction_review.h"
#include "seal_dialog.h"
#include "transcript_view.h"
#include "workspace.h"

namespace tessera::app {
namespace {

void Add(wxMenu* menu, const char* id) {
  if (const ActionInfo* a = FindAction(id)) menu->Append(a->wx_id, MenuLabel(*a), HelpText(*a), a->kind);
}

std::string SelectedCodePath(MainFrame& frame) {
  const auto code = frame.Codebook()->SelectedCode();
  if (!code) return {};
  const Code* c = frame.GetWorkspace().FindCode(*code);
  return c ? c->path : std::string();
}

}  // namespace

void AppendProjectExchangeItems(wxMenu* project) {
  Add(project, "project/import-qdpx");
  Add(project, "project/export-qdpx");
  project->AppendSeparator();
  Add(project, "project/send-sealed");
  Add(project, "project/open-sealed");
}

void AppendCodebookExchangeItems(wxMenu* codebook) {
  codebook->AppendSeparator();
  Add(codebook, "codebook/import-qdc");
  Add(codebook, "codebook/export-qdc");
  Add(codebook, "codebook/export-printable");
}

wxMenu* NewReportsMenu() {
  auto* reports = new wxMenu;
  Add(reports, "reports/redaction-review");
  Add(reports, "reports/export-quotes");
  return reports;
}

bool RunReportAction(MainFrame& frame, int id) {
  Workspace& workspace = frame.GetWorkspace();
  switch (id) {
    case kReportsRedactionReview:
      if (workspace.HasProject()) ShowRedactionReview(&frame, workspace, frame.Transcript()->DocumentId());
      return true;
    case kReportsExportQuotes:
      if (workspace.HasProject()) ShowQuoteWizard(&frame, workspace, SelectedCodePath(frame));
      return true;
    case kProjectImportQdpx:
      ImportQdpxProject(frame);
      return true;
    case kProjectExportQdpx:
      ExportQdpxProject(&frame, workspace);
      return true;
    case kProjectSendSealed:
      SendSealedCopy(&frame, workspace);
      return true;
    case kProjectOpenSealed:
      OpenSealedCopy(frame);
      return true;
    case kCodebookImportQdc:
      ImportQdcCodebook(&frame, workspace);
      return true;
    case kCodebookExportQdc:
      ExportQdcCodebook(&frame, workspace);
      return true;
    case kCodebookExportPrintable:
      ExportPrintableCodebook(&frame, workspace);
      return true;
    default:
      return false;
  }
}

bool UpdateReportAction(MainFrame& frame, wxUpdateUIEvent& event) {
  switch (event.GetId()) {
    case kProjectImportQdpx:
    case kProjectOpenSealed:
      event.Enable(true);
      return true;
    case kReportsRedactionReview:
    case kReportsExportQuotes:
    case kProjectExportQdpx:
    case kProjectSendSealed:
    case kCodebookImportQdc:
    case kCodebookExportQdc:
    case kCodebookExportPrintable:
      event.Enable(frame.GetWorkspace().HasProject());
      return true;
    default:
      return false;
  }
}

}  // namespace tessera::app
