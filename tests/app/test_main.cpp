// The application tests run a real wxApp (under Xvfb in ctest) with their own configuration file,
// so that nothing touches the user's preferences.

#define CATCH_CONFIG_RUNNER
#include <wx/app.h>
#include <wx/fileconf.h>
#include <wx/init.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "application.h"
#include "example_study.h"
#include "localization.h"

namespace {

class TestApp : public wxApp {
 public:
  bool OnInit() override { return true; }
};

}  // namespace

int main(int argc, char** argv) {
  wxApp::SetInstance(new TestApp);
  int wx_argc = 1;
  char* wx_argv[] = {argv[0], nullptr};
  if (!wxEntryStart(wx_argc, wx_argv)) return 1;
  wxTheApp->CallOnInit();

  const auto config = tessera::app::test::OutputFolder() / "tessera-test.conf";
  std::filesystem::remove(config);
  wxConfigBase::Set(new wxFileConfig("tessera", wxEmptyString, config.string(), wxEmptyString,
                                     wxCONFIG_USE_LOCAL_FILE));
  setenv("TESSERA_CODER", "tester", 1);
  tessera::app::InitApplicationServices();
  tessera::app::SetUiLanguage("en");

  const int result = Catch::Session().run(argc, argv);
  delete wxConfigBase::Set(nullptr);
  wxTheApp->OnExit();
  wxEntryCleanup();
  return result;
}
