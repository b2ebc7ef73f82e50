#include "ui_driver.h"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/utils.h>
#include <wx/window.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "example_study.h"

namespace tessera::app::test {

void Pump(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxMilliSleep(5);
  }
}

void Click(wxButton* button) {
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->GetEventHandler()->ProcessEvent(event);
  Pump();
}

void Choose(wxChoice* choice, int index) {
  choice->SetSelection(index);
  wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
  event.SetEventObject(choice);
  event.SetInt(index);
  choice->GetEventHandler()->ProcessEvent(event);
  Pump();
}

void TakeScreenshot(wxWindow* window, const std::string& name) {
  window->Raise();
  window->Refresh();
  window->Update();
  Pump(40);
  const std::filesystem::path out = OutputFolder() / name;
  std::filesystem::remove(out);
  const std::string command = "import -window root " + ShellQuote(out.string()) + " 2>/dev/null";
  if (std::system(command.c_str()) == 0) {
    CHECK(std::filesystem::exists(out));
    CHECK(std::filesystem::file_size(out) > 10'000);
  } else {
    WARN("ImageMagick's import could not take a screenshot");
  }
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ShellQuote(const std::string& text) { return "'" + text + "'"; }

}  // namespace tessera::app::test
