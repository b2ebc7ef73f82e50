#include "localization.h"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include <cstdlib>

namespace tessera::app {
namespace {

wxString& Current() {
  static wxString current = "en";
  return current;
}

std::vector<wxString>& Folders() {
  static std::vector<wxString> folders;
  return folders;
}

}  // namespace

const std::vector<UiLanguage>& UiLanguages() {
  static const std::vector<UiLanguage> languages = {
      {"en", "English"},
      {"km", "\xE1\x9E\x81\xE1\x9F\x92\xE1\x9E\x98\xE1\x9F\x82\xE1\x9E\x9A"},  // ខ្មែរ
      {"th", "\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2"},                          // ไทย
      {"vi", "Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t"},                              // Tiếng Việt
      {"id", "Bahasa Indonesia"},
      {"pt", "Portugu\xC3\xAAs"},  // Português
      {"sw", "Kiswahili"},
  };
  return languages;
}

void InitLocalization() {
  if (!Folders().empty()) return;
  std::vector<wxString> folders;
  if (const char* env = std::getenv("TESSERA_LOCALE_DIR"); env && *env)
    folders.push_back(wxString::FromUTF8(env));
  // The build tree: <build>/src/app/tessera and <build>/tests/app/<test> both find <build>/locale.
  const wxFileName exe(wxStandardPaths::Get().GetExecutablePath());
  for (const char* relative : {"../../locale", "../locale", "../share/locale"}) {
    wxFileName dir = wxFileName::DirName(exe.GetPath() + "/" + relative);
    dir.Normalize(wxPATH_NORM_DOTS | wxPATH_NORM_ABSOLUTE);
    if (dir.DirExists()) folders.push_back(dir.GetPath());
  }
#ifdef TESSERA_INSTALL_LOCALE_DIR
  folders.push_back(TESSERA_INSTALL_LOCALE_DIR);
#endif
  for (const auto& f : folders) wxFileTranslationsLoader::AddCatalogLookupPathPrefix(f);
  Folders() = folders;
}

std::vector<wxString> CatalogFolders() { return Folders(); }

bool SetUiLanguage(const wxString& code) {
  InitLocalization();
  auto* translations = new wxTranslations;
  wxTranslations::Set(translations);  // takes ownership, deletes the previous one
  if (code.empty()) {
    translations->SetLanguage(wxLANGUAGE_DEFAULT);
  } else {
    translations->SetLanguage(code);
  }
  translations->AddStdCatalog();
  const bool found = translations->AddCatalog("tessera");
  if (found) {
    Current() = translations->GetBestTranslation("tessera");
    if (Current().empty()) Current() = code.empty() ? wxString("en") : code;
  } else {
    Current() = "en";
  }
  return found || code == "en";
}

wxString CurrentUiLanguage() { return Current(); }

}  // namespace tessera::app
