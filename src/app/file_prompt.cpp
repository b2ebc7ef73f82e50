#include "file_prompt.h"

#include <wx/filedlg.h>

#include "wx_text.h"

namespace tessera::app {
namespace {

std::function<std::optional<std::string>(const wxString&)>& TestAnswer() {
  static std::function<std::optional<std::string>(const wxString&)> answer;
  return answer;
}

}  // namespace

void SetFilePromptForTests(std::function<std::optional<std::string>(const wxString& title)> answer) {
  TestAnswer() = std::move(answer);
}

std::optional<std::string> PromptForPath(wxWindow* parent, const wxString& title, const wxString& default_name,
                                         const wxString& wildcard, long style, int* filter_index) {
  if (TestAnswer()) return TestAnswer()(title);
  wxFileDialog chooser(parent, title, wxString(), default_name, wildcard, style);
  if (chooser.ShowModal() != wxID_OK) return std::nullopt;
  if (filter_index) *filter_index = chooser.GetFilterIndex();
  return FromWx(chooser.GetPath());
}

}  // namespace tessera::app
