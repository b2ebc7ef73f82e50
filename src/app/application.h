#pragma once
// The wxApp of `tessera`: preferences, interface language, the main window, and the project named
// on the command line (`tessera PROJECT`).

#include <wx/app.h>

namespace tessera::app {

class MainFrame;

/// The application object.
class Application : public wxApp {
 public:
  bool OnInit() override;
  int OnExit() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;
  /// Catches what escaped an event handler, so that one failed action never ends the session.
  bool OnExceptionInMainLoop() override;

 private:
  wxString m_project;
  MainFrame* m_frame = nullptr;
};

/// Sets up what every Tessera process with windows needs: app name, config, interface language.
void InitApplicationServices();

}  // namespace tessera::app
