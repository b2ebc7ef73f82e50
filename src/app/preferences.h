#pragma once
// The user's preferences, kept with wxConfig (~/.config/tessera or the test's own file).

#include <wx/string.h>

namespace tessera::app {

/// Display and caring preferences.
struct Preferences {
  bool break_reminder = true;  ///< offer a break after continuous reading
  int break_minutes = 50;      ///< minutes of continuous reading before the reminder
  bool mask_sensitive = true;  ///< hide passages coded with a sensitive code until asked
  int font_size = 11;          ///< transcript font size in points
  wxString language;           ///< UI language ("km", "th" …); empty: the system's

  /// Reads the preferences (defaults for what is missing).
  static Preferences Load();
  /// Writes them.
  void Save() const;
};

}  // namespace tessera::app
