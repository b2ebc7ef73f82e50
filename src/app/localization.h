#pragma once
// The user-interface language: catalogues (tessera.mo) are found in the build tree's locale folder
// next to the executable, in <prefix>/share/locale, or in $TESSERA_LOCALE_DIR; the language follows
// the system unless the user picked one, and can change while the application runs.

#include <wx/string.h>

#include <vector>

namespace tessera::app {

/// A language the interface is translated into.
struct UiLanguage {
  const char* code;         ///< catalogue name ("km")
  const char* native_utf8;  ///< its own name, UTF-8 (convert with wxString::FromUTF8)
};

/// The interface languages, English first.
const std::vector<UiLanguage>& UiLanguages();

/// Adds the catalogue folders; call once before the first SetUiLanguage.
void InitLocalization();

/// Switches the interface to `code` ("" = the system's language). Returns false when no catalogue
/// was found for it (the interface then stays in English).
bool SetUiLanguage(const wxString& code);

/// The language in use ("en" when untranslated).
wxString CurrentUiLanguage();

/// The folders searched for catalogues, in order (for diagnostics and tests).
std::vector<wxString> CatalogFolders();

}  // namespace tessera::app
