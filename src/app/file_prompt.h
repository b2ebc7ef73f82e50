#pragma once
// The file dialogs of the report and exchange actions, through one function, so that the tests can
// answer them (GTK's native file chooser reports no path for a dialog that was never shown).

#include <wx/string.h>

#include <functional>
#include <optional>
#include <string>

class wxWindow;

namespace tessera::app {

/// Shows a file dialog (wxFD_OPEN or wxFD_SAVE flags in `style`); the chosen path in UTF-8, or
/// nullopt on Cancel. `filter_index` receives the file type chosen, when given.
std::optional<std::string> PromptForPath(wxWindow* parent, const wxString& title, const wxString& default_name,
                                         const wxString& wildcard, long style, int* filter_index = nullptr);

/// Answers PromptForPath instead of a dialog when set (tests): called with the dialog's title.
void SetFilePromptForTests(std::function<std::optional<std::string>(const wxString& title)> answer);

}  // namespace tessera::app
