#pragma once
// Test support: driving the real widgets under Xvfb as a user would (events, not method calls),
// and the small file and shell helpers the application tests share.

#include <filesystem>
#include <string>

class wxButton;
class wxChoice;
class wxWindow;

namespace tessera::app::test {

/// Lets wx handle pending events and repaint: `rounds` passes of about 5 ms.
void Pump(int rounds = 20);

/// Presses `button` (its wxEVT_BUTTON goes through the handlers), then pumps.
void Click(wxButton* button);

/// Picks item `index` of `choice` and sends the wxEVT_CHOICE a user's pick would, then pumps.
void Choose(wxChoice* choice, int index);

/// Saves the screen with `window` raised on top as OutputFolder()/`name` (ImageMagick's import);
/// a warning, not a failure, when import is missing.
void TakeScreenshot(wxWindow* window, const std::string& name);

/// The whole file, bytes as they are ("" when it cannot be read).
std::string ReadFile(const std::filesystem::path& path);

/// `text` in single quotes for /bin/sh (test paths hold no single quote).
std::string ShellQuote(const std::string& text);

}  // namespace tessera::app::test
