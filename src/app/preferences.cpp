#include "preferences.h"

#include <wx/config.h>

#include <algorithm>

namespace tessera::app {

Preferences Preferences::Load() {
  Preferences p;
  wxConfigBase* config = wxConfigBase::Get();
  if (!config) return p;
  p.break_reminder = config->ReadBool("/Care/BreakReminder", p.break_reminder);
  p.break_minutes =
      std::clamp(static_cast<int>(config->ReadLong("/Care/BreakMinutes", p.break_minutes)), 1, 600);
  p.mask_sensitive = config->ReadBool("/Care/MaskSensitive", p.mask_sensitive);
  p.font_size =
      std::clamp(static_cast<int>(config->ReadLong("/View/FontSize", p.font_size)), 6, 40);
  p.language = config->Read("/View/Language", p.language);
  return p;
}

void Preferences::Save() const {
  wxConfigBase* config = wxConfigBase::Get();
  if (!config) return;
  config->Write("/Care/BreakReminder", break_reminder);
  config->Write("/Care/BreakMinutes", static_cast<long>(break_minutes));
  config->Write("/Care/MaskSensitive", mask_sensitive);
  config->Write("/View/FontSize", static_cast<long>(font_size));
  config->Write("/View/Language", language);
  config->Flush();
}

}  // namespace tessera::app
