#include "import_dialog.h"

#include <wx/button.h>
#include <wx/combobox.h>
#include <wx/dialog.h>
#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/filepicker.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "error_report.h"
#include "progress_dialog_sink.h"
#include "project/project.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

// Language tags offered (the field also takes any other BCP 47 tag).
constexpr const char* kLanguages[] = {"en",  "km", "th", "vi", "id", "ms",
                                      "fil", "pt", "sw", "am", "lo", "my"};
constexpr const char* kEncodings[] = {"UTF-8",       "UTF-16",       "TIS-620",
                                      "windows-874", "windows-1252", "ISO-8859-1"};

wxString Wildcard() {
  wxString patterns;
  for (const auto& ext : SupportedExtensions()) {
    if (!patterns.empty()) patterns << ";";
    patterns << "*" << ToWx(ext);
  }
  return wxString::Format(_("Transcripts (%s)|%s|All files|*"), patterns, patterns);
}

}  // namespace

bool ShowImportDialog(wxWindow* parent, ImportRequest& request) {
  wxDialog dialog(parent, wxID_ANY, _("Import Transcripts"), wxDefaultPosition, wxDefaultSize,
                  wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(
      new wxStaticText(&dialog, wxID_ANY, _("Files and folders (txt, docx, odt, srt, vtt):")), 0,
      wxALL, 8);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto* list = new wxListBox(&dialog, wxID_ANY, wxDefaultPosition, dialog.FromDIP(wxSize(420, 160)),
                             0, nullptr, wxLB_EXTENDED);
  for (const auto& p : request.paths) list->Append(ToWx(p));
  auto* buttons = new wxBoxSizer(wxVERTICAL);
  auto* add_files = new wxButton(&dialog, wxID_ANY, _("Add Files..."));
  auto* add_folder = new wxButton(&dialog, wxID_ANY, _("Add Folder..."));
  auto* remove = new wxButton(&dialog, wxID_ANY, _("Remove"));
  buttons->Add(add_files, 0, wxEXPAND | wxBOTTOM, 4);
  buttons->Add(add_folder, 0, wxEXPAND | wxBOTTOM, 4);
  buttons->Add(remove, 0, wxEXPAND);
  row->Add(list, 1, wxEXPAND | wxRIGHT, 8);
  row->Add(buttons, 0);
  sizer->Add(row, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);

  auto* grid = new wxFlexGridSizer(2, 8, 8);
  grid->AddGrowableCol(1);
  auto* language = new wxComboBox(&dialog, wxID_ANY, ToWx(request.options.language));
  for (const char* l : kLanguages) language->Append(l);
  language->SetHint(_("guess for each file"));
  auto* encoding = new wxComboBox(&dialog, wxID_ANY, ToWx(request.options.encoding));
  for (const char* e : kEncodings) encoding->Append(e);
  encoding->SetHint(_("detect"));
  auto* case_name = new wxTextCtrl(&dialog, wxID_ANY, ToWx(request.options.case_name));
  case_name->SetHint(_("optional: attach every file to this case"));
  auto* variables = new wxFilePickerCtrl(
      &dialog, wxID_ANY, ToWx(request.options.variables_csv), _("Variables CSV"),
      _("CSV files (*.csv)|*.csv|All files|*"), wxDefaultPosition, wxDefaultSize,
      wxFLP_OPEN | wxFLP_FILE_MUST_EXIST | wxFLP_USE_TEXTCTRL);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Language:")), 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(language, 1, wxEXPAND);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Encoding of text files:")), 0,
            wxALIGN_CENTER_VERTICAL);
  grid->Add(encoding, 1, wxEXPAND);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Case:")), 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(case_name, 1, wxEXPAND);
  grid->Add(new wxStaticText(&dialog, wxID_ANY, _("Variables CSV:")), 0, wxALIGN_CENTER_VERTICAL);
  grid->Add(variables, 1, wxEXPAND);
  sizer->Add(grid, 0, wxEXPAND | wxALL, 8);
  sizer->Add(dialog.CreateSeparatedButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 8);
  dialog.SetSizerAndFit(sizer);
  if (auto* ok = dialog.FindWindow(wxID_OK)) ok->SetLabel(_("Import"));

  add_files->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
    wxFileDialog files(&dialog, _("Choose transcripts"), wxString(), wxString(), Wildcard(),
                       wxFD_OPEN | wxFD_MULTIPLE | wxFD_FILE_MUST_EXIST);
    if (files.ShowModal() != wxID_OK) return;
    wxArrayString paths;
    files.GetPaths(paths);
    for (const auto& p : paths) list->Append(p);
  });
  add_folder->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
    wxDirDialog folder(&dialog, _("Choose a folder of transcripts"), wxString(),
                       wxDD_DIR_MUST_EXIST);
    if (folder.ShowModal() == wxID_OK) list->Append(folder.GetPath());
  });
  remove->Bind(wxEVT_BUTTON, [&](wxCommandEvent&) {
    wxArrayInt selected;
    list->GetSelections(selected);
    for (auto it = selected.rbegin(); it != selected.rend(); ++it)
      list->Delete(static_cast<unsigned>(*it));
  });
  dialog.Bind(
      wxEVT_UPDATE_UI, [list](wxUpdateUIEvent& event) { event.Enable(list->GetCount() > 0); },
      wxID_OK);

  if (dialog.ShowModal() != wxID_OK) return false;
  request.paths.clear();
  for (unsigned i = 0; i < list->GetCount(); ++i)
    request.paths.push_back(FromWx(list->GetString(i)));
  request.options.language = FromWx(language->GetValue().Trim().Trim(false));
  request.options.encoding = FromWx(encoding->GetValue().Trim().Trim(false));
  request.options.case_name = FromWx(case_name->GetValue().Trim().Trim(false));
  request.options.variables_csv = FromWx(variables->GetPath());
  return true;
}

ImportSummary ImportWithProgress(wxWindow* parent, Workspace& workspace,
                                 const ImportRequest& request) {
  ImportSummary summary;
  summary.completed =
      RunAction(parent, _("The transcripts couldn't be imported. Nothing was changed."), [&] {
        ProgressDialogSink progress(parent, _("Importing Transcripts"), _("Reading the files..."));
        const auto outcomes =
            ImportFiles(workspace.GetProject(), request.paths, request.options, progress);
        for (const auto& o : outcomes) {
          o.document_id ? ++summary.imported : ++summary.skipped;
          if (!o.message.empty()) summary.messages.push_back(o.name + ": " + o.message);
        }
        summary.messages.insert(summary.messages.end(), progress.Messages().begin(),
                                progress.Messages().end());
      });
  if (summary.completed) workspace.Notify(Change::Documents | Change::Variables);
  return summary;
}

void ShowImportSummary(wxWindow* parent, const ImportSummary& summary) {
  if (!summary.completed) return;
  wxString text = wxString::Format(
      wxPLURAL("%zu transcript was imported.", "%zu transcripts were imported.", summary.imported),
      summary.imported);
  if (summary.skipped) {
    text << "\n"
         << wxString::Format(wxPLURAL("%zu file was already in the project and was skipped.",
                                      "%zu files were already in the project and were skipped.",
                                      summary.skipped),
                             summary.skipped);
  }
  wxMessageDialog done(parent, text, _("Import"), wxOK | wxICON_INFORMATION);
  if (!summary.messages.empty()) {
    wxString detail;
    for (const auto& m : summary.messages) detail << ToWx(m) << "\n";
    done.SetExtendedMessage(detail);
  }
  done.ShowModal();
}

}  // namespace tessera::app
