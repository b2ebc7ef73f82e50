// tessera: the wxWidgets application. Everything but the wxApp lives in tessera_app_lib.

#include <wx/app.h>

#include "application.h"

wxIMPLEMENT_APP(tessera::app::Application);
