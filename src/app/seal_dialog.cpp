#include "seal_dialog.h"

#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/filepicker.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <filesystem>

#include "error_report.h"
#include "file_prompt.h"
#include "main_frame.h"
#include "project/project.h"
#include "security/sealed_file.h"
#include "security/secret.h"
#include "workspace.h"
#include "wx_text.h"

namespace fs = std::filesystem;

namespace tessera::app {
namespace {

wxString SealedWildcard() { return _("Sealed Tessera copies (*.tessera-sealed)|*.tessera-sealed|All files|*"); }

// Overwrites a password field's text before clearing it (wx keeps its own copies; this is the
// little the application can do about them).
void Wipe(wxTextCtrl* field) {
  if (!field) return;
  field->SetValue(wxString(' ', field->GetValue().length()));
  field->Clear();
}

}  // namespace

SealDialog::SealDialog(wxWindow* parent, Mode mode, const wxString& suggested_path)
    : wxDialog(parent, wxID_ANY, mode == Mode::Seal ? _("Send Sealed Copy to a Coder") : _("Open Sealed Copy")),
      m_mode(mode) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(
      this, wxID_ANY,
      mode == Mode::Seal
          ? _("The copy is encrypted with this passphrase. Tell it to the coder another way than the file "
              "(by phone, not in the same e-mail).")
          : _("Type the passphrase the copy was sealed with, and choose where the new project goes."));
  intro->Wrap(FromDIP(420));
  sizer->Add(intro, 0, wxALL, 8);
  sizer->Add(new wxStaticText(this, wxID_ANY, _("Passphrase")), 0, wxLEFT | wxRIGHT | wxTOP, 8);
  m_passphrase = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
  sizer->Add(m_passphrase, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  if (mode == Mode::Seal) {
    sizer->Add(new wxStaticText(this, wxID_ANY, _("Passphrase again")), 0, wxLEFT | wxRIGHT | wxTOP, 8);
    m_repeat = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    sizer->Add(m_repeat, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
    m_mismatch = new wxStaticText(this, wxID_ANY, wxString());
    m_mismatch->SetForegroundColour(wxColour(170, 40, 20));
    sizer->Add(m_mismatch, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
  }
  sizer->Add(new wxStaticText(this, wxID_ANY, mode == Mode::Seal ? _("Sealed file to write") : _("New project file")),
             0, wxLEFT | wxRIGHT | wxTOP, 8);
  m_file = new wxFilePickerCtrl(
      this, wxID_ANY, suggested_path, mode == Mode::Seal ? _("Sealed File") : _("New Project"),
      mode == Mode::Seal ? SealedWildcard() : _("Tessera projects (*.tessera)|*.tessera"), wxDefaultPosition,
      FromDIP(wxSize(420, -1)), wxFLP_SAVE | wxFLP_USE_TEXTCTRL);
  sizer->Add(m_file, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  sizer->Add(CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
  SetSizerAndFit(sizer);
  m_passphrase->SetFocus();
  if (auto* ok = FindWindow(wxID_OK)) {
    ok->SetLabel(mode == Mode::Seal ? _("&Seal") : _("&Open"));
  }
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(IsComplete()); }, wxID_OK);
  if (m_repeat) {
    auto check = [this](wxCommandEvent&) {
      const bool differ = !m_repeat->IsEmpty() && m_repeat->GetValue() != m_passphrase->GetValue();
      m_mismatch->SetLabel(differ ? _("The two passphrases differ.") : wxString());
    };
    m_passphrase->Bind(wxEVT_TEXT, check);
    m_repeat->Bind(wxEVT_TEXT, check);
  }
}

bool SealDialog::IsComplete() const {
  if (m_passphrase->IsEmpty() || m_file->GetPath().empty()) return false;
  return !m_repeat || m_repeat->GetValue() == m_passphrase->GetValue();
}

Secret SealDialog::TakePassphrase() {
  Secret secret(FromWx(m_passphrase->GetValue()));
  Wipe(m_passphrase);
  Wipe(m_repeat);
  return secret;
}

std::string SealDialog::Path() const { return FromWx(m_file->GetPath()); }

bool SendSealedCopy(wxWindow* parent, Workspace& workspace) {
  if (!workspace.HasProject()) return false;
  const fs::path project = workspace.GetProject().Path();
  SealDialog dialog(parent, SealDialog::Mode::Seal,
                    ToWx((project.parent_path() / (project.stem().string() + ".tessera-sealed")).string()));
  if (dialog.ShowModal() != wxID_OK) {
    dialog.TakePassphrase();  // wipes the fields
    return false;
  }
  if (!dialog.IsComplete()) {
    dialog.TakePassphrase();
    return false;
  }
  const Secret passphrase = dialog.TakePassphrase();
  const std::string out = dialog.Path();
  SealReport report;
  const bool ok = RunAction(parent, _("The sealed copy couldn't be written. Nothing was written."), [&] {
    wxBusyCursor busy;
    SealOptions options;
    options.actor = workspace.Coder();
    report = SealProject(project.string(), out, passphrase.View(), options);
  });
  if (ok) {
    if (auto* frame = dynamic_cast<wxFrame*>(wxGetTopLevelParent(parent))) {
      frame->SetStatusText(wxString::Format(_("Sealed a copy of the project into %s."),
                                            wxFileName(ToWx(report.path)).GetFullName()),
                           0);
    }
  }
  return ok;
}

bool OpenSealedCopy(MainFrame& frame) {
  const auto chosen =
      PromptForPath(&frame, _("Open Sealed Copy"), wxString(), SealedWildcard(), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
  if (!chosen) return false;
  const fs::path sealed = *chosen;
  SealDialog dialog(&frame, SealDialog::Mode::Unseal,
                    ToWx((sealed.parent_path() / (sealed.stem().string() + ".tessera")).string()));
  if (dialog.ShowModal() != wxID_OK || !dialog.IsComplete()) {
    dialog.TakePassphrase();
    return false;
  }
  const Secret passphrase = dialog.TakePassphrase();
  const std::string project = dialog.Path();
  const bool ok = RunAction(&frame, _("The sealed copy couldn't be opened. Nothing was written."), [&] {
    wxBusyCursor busy;
    UnsealProject(sealed.string(), project, passphrase.View(), frame.GetWorkspace().Coder());
  });
  return ok && frame.OpenProject(ToWx(project));
}

}  // namespace tessera::app
