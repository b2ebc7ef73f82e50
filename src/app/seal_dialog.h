#pragma once
// Sealed copies from the Project menu: Send Sealed Copy to a Coder (SealProject, like
// `tessera-cli seal`) and Open Sealed Copy (UnsealProject into a new project, then open it, like
// `tessera-cli unseal`). The passphrase is typed twice for sealing and moved into the core's
// Secret as soon as the dialog closes; the password fields are cleared then.

#include <wx/dialog.h>

#include <string>

class wxFilePickerCtrl;
class wxStaticText;
class wxTextCtrl;

namespace tessera {
class Secret;
}

namespace tessera::app {

class MainFrame;
class Workspace;

/// Asks for a passphrase (twice when sealing) and a file: the sealed file to write, or the
/// project to create when opening one.
class SealDialog : public wxDialog {
 public:
  /// What the dialog is for.
  enum class Mode { Seal, Unseal };
  SealDialog(wxWindow* parent, Mode mode, const wxString& suggested_path);

  /// True when the input may be used: a passphrase, both entries equal (sealing), and a file.
  bool IsComplete() const;
  /// Moves the passphrase into a Secret and clears the fields.
  Secret TakePassphrase();
  /// The chosen file.
  std::string Path() const;

  // The controls, for the tests that drive the dialog.
  wxTextCtrl* PassphraseField() const { return m_passphrase; }
  wxTextCtrl* RepeatField() const { return m_repeat; }  ///< nullptr when unsealing
  wxFilePickerCtrl* FilePicker() const { return m_file; }

 private:
  Mode m_mode;
  wxTextCtrl* m_passphrase = nullptr;
  wxTextCtrl* m_repeat = nullptr;
  wxStaticText* m_mismatch = nullptr;
  wxFilePickerCtrl* m_file = nullptr;
};

/// Project > Send Sealed Copy to a Coder. False on cancel or error (reported; nothing written).
bool SendSealedCopy(wxWindow* parent, Workspace& workspace);
/// Project > Open Sealed Copy: choose the sealed file, then the passphrase and the new project;
/// opens the project. False on cancel or error (reported; nothing written).
bool OpenSealedCopy(MainFrame& frame);

}  // namespace tessera::app
