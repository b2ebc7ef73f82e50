#include "application.h"

#include <wx/cmdline.h>
#include <wx/config.h>
#include <wx/intl.h>
#include <wx/uilocale.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "error_report.h"
#include "localization.h"
#include "main_frame.h"
#include "preferences.h"
#include "project/document_store.h"
#include "project/project.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

const auto kStart = std::chrono::steady_clock::now();

double MillisecondsSinceStart() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart)
      .count();
}

}  // namespace

void InitApplicationServices() {
  wxTheApp->SetAppName("tessera");
  wxTheApp->SetAppDisplayName("Tessera");
  wxUILocale::UseDefault();
  InitLocalization();
  SetUiLanguage(Preferences::Load().language);
}

void Application::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddParam(_("project file"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
}

bool Application::OnCmdLineParsed(wxCmdLineParser& parser) {
  if (parser.GetParamCount() > 0) m_project = parser.GetParam(0);
  return wxApp::OnCmdLineParsed(parser);
}

bool Application::OnInit() {
  InitApplicationServices();
  if (!wxApp::OnInit()) return false;
  m_frame = new MainFrame();
  m_frame->Show();
  if (!m_project.empty() && m_frame->OpenProject(m_project)) {
    // Start where a reader would: the first transcript without a content note.
    Workspace& workspace = m_frame->GetWorkspace();
    for (const auto& info : DocumentStore(workspace.GetProject().Db()).List()) {
      if (info.content_note.empty()) {
        m_frame->OpenDocument(info.id);
        break;
      }
    }
  }
  if (std::getenv("TESSERA_TIMING")) {
    const double ready = MillisecondsSinceStart();
    CallAfter([ready] {
      std::fprintf(stderr, "tessera: main window ready after %.0f ms, first paint after %.0f ms\n",
                   ready, MillisecondsSinceStart());
      if (const char* quit = std::getenv("TESSERA_TIMING"); quit && std::string(quit) == "quit")
        wxTheApp->ExitMainLoop();
    });
  }
  return true;
}

int Application::OnExit() {
  wxConfigBase::Get()->Flush();
  return wxApp::OnExit();
}

bool Application::OnExceptionInMainLoop() {
  ReportError(m_frame,
              _("Something went wrong. Your project is safe: every action is saved as a whole or "
                "not at all."),
              std::current_exception());
  return true;
}

}  // namespace tessera::app
