#include "dialogs.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choicdlg.h>
#include <wx/choice.h>
#include <wx/clrpicker.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/radiobut.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <set>

#include "preferences.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

wxTextCtrl* AddTextField(wxDialog* dialog, wxSizer* sizer, const wxString& label,
                         const std::string& value, bool multiline, const wxString& hint = {}) {
  sizer->Add(new wxStaticText(dialog, wxID_ANY, label), 0, wxLEFT | wxRIGHT | wxTOP, 8);
  auto* field = new wxTextCtrl(dialog, wxID_ANY, ToWx(value), wxDefaultPosition,
                               multiline ? dialog->FromDIP(wxSize(440, 64)) : wxDefaultSize,
                               multiline ? wxTE_MULTILINE | wxTE_WORDWRAP : 0);
  if (!hint.empty()) field->SetHint(hint);
  sizer->Add(field, multiline ? 1 : 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 8);
  return field;
}

void AddButtons(wxDialog* dialog, wxSizer* sizer, long flags = wxOK | wxCANCEL) {
  sizer->Add(dialog->CreateSeparatedButtonSizer(flags), 0, wxEXPAND | wxALL, 8);
}

}  // namespace

bool ShowCodeEditorDialog(wxWindow* parent, Workspace& workspace, Code& code, bool is_new) {
  wxDialog dialog(parent, wxID_ANY, is_new ? _("New Code") : _("Edit Code"), wxDefaultPosition,
                  wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* name = AddTextField(&dialog, sizer, _("Name"), code.name, false);
  auto* colour_row = new wxBoxSizer(wxHORIZONTAL);
  colour_row->Add(new wxStaticText(&dialog, wxID_ANY, _("Colour")), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  auto* colour = new wxColourPickerCtrl(&dialog, wxID_ANY, workspace.CodeColour(code));
  colour_row->Add(colour, 0);
  sizer->Add(colour_row, 0, wxLEFT | wxRIGHT | wxTOP, 8);
  auto* description = AddTextField(&dialog, sizer, _("Definition"), code.description, true,
                                   _("What the code means, in one or two sentences"));
  auto* inclusion =
      AddTextField(&dialog, sizer, _("Use it when (inclusion criteria)"), code.inclusion, true);
  auto* exclusion = AddTextField(&dialog, sizer, _("Do not use it when (exclusion criteria)"),
                                 code.exclusion, true);
  auto* example = AddTextField(&dialog, sizer, _("Typical example"), code.example, true);
  auto* codable = new wxCheckBox(
      &dialog, wxID_ANY, _("Can be applied to text (clear for a category that only groups codes)"));
  codable->SetValue(code.codable);
  auto* sensitive = new wxCheckBox(
      &dialog, wxID_ANY, _("Sensitive: hide its passages until the reader chooses to see them"));
  sensitive->SetValue(code.sensitive);
  sizer->Add(codable, 0, wxLEFT | wxRIGHT | wxTOP, 8);
  sizer->Add(sensitive, 0, wxLEFT | wxRIGHT | wxTOP, 8);
  AddButtons(&dialog, sizer);
  dialog.SetSizerAndFit(sizer);
  name->SetFocus();
  dialog.Bind(
      wxEVT_UPDATE_UI,
      [name](wxUpdateUIEvent& event) {
        event.Enable(!name->GetValue().Trim().Trim(false).empty());
      },
      wxID_OK);
  if (dialog.ShowModal() != wxID_OK) return false;
  code.name = FromWx(name->GetValue().Trim().Trim(false));
  const wxColour c = colour->GetColour();
  const wxColour shown = workspace.CodeColour(code);
  // Keep "no colour of its own" unless the user picked one.
  if (!code.color.empty() || c != shown) code.color = FromWx(c.GetAsString(wxC2S_HTML_SYNTAX));
  code.description = FromWx(description->GetValue());
  code.inclusion = FromWx(inclusion->GetValue());
  code.exclusion = FromWx(exclusion->GetValue());
  code.example = FromWx(example->GetValue());
  code.codable = codable->GetValue();
  code.sensitive = sensitive->GetValue();
  return true;
}

std::optional<DeleteCodeChoice> ShowDeleteCodeDialog(wxWindow* parent, Workspace& workspace,
                                                     std::int64_t code) {
  const Code* c = workspace.FindCode(code);
  if (!c) return std::nullopt;
  // Codings on the code and on everything under it.
  std::set<std::int64_t> subtree{code};
  for (const auto& other : workspace.Codes()) {
    if (other.parent_id && subtree.count(*other.parent_id)) subtree.insert(other.id);
  }
  std::int64_t coded = 0;
  for (const auto& [id, counts] : workspace.CodeCounts()) {
    if (subtree.count(id)) coded += counts.first;
  }

  wxDialog dialog(parent, wxID_ANY, _("Delete Code"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  wxString question = wxString::Format(_("Delete the code \"%s\"?"), ToWx(c->path));
  if (subtree.size() > 1) {
    question << "\n"
             << wxString::Format(
                    wxPLURAL("Its %zu sub-code will be deleted too.",
                             "Its %zu sub-codes will be deleted too.", subtree.size() - 1),
                    subtree.size() - 1);
  }
  sizer->Add(new wxStaticText(&dialog, wxID_ANY, question), 0, wxALL, 8);
  wxRadioButton* refuse = nullptr;
  wxRadioButton* recode = nullptr;
  wxRadioButton* drop = nullptr;
  wxChoice* target = nullptr;
  std::vector<std::int64_t> targets;
  if (coded > 0) {
    sizer->Add(new wxStaticText(
                   &dialog, wxID_ANY,
                   wxString::Format(
                       wxPLURAL("It is applied %lld time. What should happen to that coding?",
                                "It is applied %lld times. What should happen to those codings?",
                                static_cast<unsigned>(coded)),
                       static_cast<long long>(coded))),
               0, wxLEFT | wxRIGHT, 8);
    refuse =
        new wxRadioButton(&dialog, wxID_ANY, _("Keep the code while it is applied (do not delete)"),
                          wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
    recode = new wxRadioButton(&dialog, wxID_ANY, _("Recode them to:"));
    target = new wxChoice(&dialog, wxID_ANY);
    for (const auto& other : workspace.Codes()) {
      if (subtree.count(other.id) || !other.codable) continue;
      target->Append(ToWx(other.path));
      targets.push_back(other.id);
    }
    if (!targets.empty()) target->SetSelection(0);
    drop = new wxRadioButton(&dialog, wxID_ANY, _("Delete the codings too"));
    recode->SetValue(!targets.empty());
    refuse->SetValue(targets.empty());
    recode->Enable(!targets.empty());
    sizer->Add(refuse, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(recode, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(target, 0, wxEXPAND | wxLEFT | wxRIGHT, 28);
    sizer->Add(drop, 0, wxLEFT | wxRIGHT | wxTOP, 8);
    sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("You can undo this with Edit > Undo.")), 0,
               wxALL, 8);
    target->Bind(wxEVT_CHOICE, [recode](wxCommandEvent&) { recode->SetValue(true); });
  }
  AddButtons(&dialog, sizer);
  dialog.SetSizerAndFit(sizer);
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  DeleteCodeChoice choice;
  if (coded == 0) {
    choice.policy = DeletePolicy::Refuse;
  } else if (recode->GetValue() && target->GetSelection() != wxNOT_FOUND) {
    choice.policy = DeletePolicy::Recode;
    choice.recode_to = targets[static_cast<std::size_t>(target->GetSelection())];
  } else if (drop->GetValue()) {
    choice.policy = DeletePolicy::Drop;
  } else {
    return std::nullopt;  // "keep it": nothing to do
  }
  return choice;
}

std::optional<std::int64_t> ShowCodePickerDialog(wxWindow* parent, Workspace& workspace,
                                                 const wxString& title, const wxString& prompt,
                                                 std::optional<std::int64_t> exclude_subtree_of,
                                                 bool codable_only) {
  std::set<std::int64_t> excluded;
  if (exclude_subtree_of) {
    excluded.insert(*exclude_subtree_of);
    for (const auto& c : workspace.Codes()) {
      if (c.parent_id && excluded.count(*c.parent_id)) excluded.insert(c.id);
    }
  }
  std::vector<const Code*> offered;
  for (const auto& c : workspace.Codes()) {
    if (excluded.count(c.id) || (codable_only && !c.codable)) continue;
    offered.push_back(&c);
  }
  wxDialog dialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                  wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(&dialog, wxID_ANY, prompt), 0, wxALL, 8);
  auto* search = new wxSearchCtrl(&dialog, wxID_ANY);
  search->SetDescriptiveText(_("Type part of a name"));
  auto* list =
      new wxListBox(&dialog, wxID_ANY, wxDefaultPosition, dialog.FromDIP(wxSize(420, 300)));
  sizer->Add(search, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);
  sizer->Add(list, 1, wxEXPAND | wxALL, 8);
  AddButtons(&dialog, sizer);
  dialog.SetSizerAndFit(sizer);
  std::vector<std::int64_t> shown;
  auto fill = [&] {
    const wxString filter = search->GetValue().Lower();
    list->Clear();
    shown.clear();
    for (const Code* c : offered) {
      if (!filter.empty() && !ToWx(c->path).Lower().Contains(filter)) continue;
      list->Append(ToWx(c->path));
      shown.push_back(c->id);
    }
    if (!shown.empty()) list->SetSelection(0);
  };
  fill();
  search->Bind(wxEVT_TEXT, [&](wxCommandEvent&) { fill(); });
  search->Bind(wxEVT_CHAR_HOOK, [&](wxKeyEvent& event) {
    const int key = event.GetKeyCode();
    const int n = static_cast<int>(list->GetCount());
    if (n > 0 && (key == WXK_DOWN || key == WXK_UP)) {
      const int at = list->GetSelection();
      list->SetSelection(std::clamp(at + (key == WXK_DOWN ? 1 : -1), 0, n - 1));
      return;
    }
    if (key == WXK_RETURN || key == WXK_NUMPAD_ENTER) {
      if (list->GetSelection() != wxNOT_FOUND) dialog.EndModal(wxID_OK);
      return;
    }
    event.Skip();
  });
  list->Bind(wxEVT_LISTBOX_DCLICK, [&](wxCommandEvent&) { dialog.EndModal(wxID_OK); });
  search->SetFocus();
  if (dialog.ShowModal() != wxID_OK || list->GetSelection() == wxNOT_FOUND) return std::nullopt;
  return shown[static_cast<std::size_t>(list->GetSelection())];
}

std::optional<std::string> ShowMemoDialog(wxWindow* parent, const wxString& title,
                                          const wxString& heading, const std::string& text) {
  wxDialog dialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                  wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new wxStaticText(&dialog, wxID_ANY, heading), 0, wxALL, 8);
  auto* field = new wxTextCtrl(&dialog, wxID_ANY, ToWx(text), wxDefaultPosition,
                               dialog.FromDIP(wxSize(480, 240)), wxTE_MULTILINE | wxTE_WORDWRAP);
  sizer->Add(field, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
  AddButtons(&dialog, sizer);
  dialog.SetSizerAndFit(sizer);
  field->SetFocus();
  field->SetInsertionPointEnd();
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  return FromWx(field->GetValue());
}

bool ShowContentNoteDialog(wxWindow* parent, const wxString& document, const std::string& note) {
  wxDialog dialog(parent, wxID_ANY, _("Before you read"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* heading =
      new wxStaticText(&dialog, wxID_ANY, wxString::Format(_("A note about \"%s\""), document));
  wxFont font = heading->GetFont();
  font.MakeBold();
  heading->SetFont(font);
  sizer->Add(heading, 0, wxALL, 12);
  auto* text = new wxStaticText(&dialog, wxID_ANY, ToWx(note));
  text->Wrap(dialog.FromDIP(420));
  sizer->Add(text, 0, wxLEFT | wxRIGHT, 12);
  sizer->Add(new wxStaticText(&dialog, wxID_ANY, _("Take your time. You can open it later.")), 0,
             wxALL, 12);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* later = new wxButton(&dialog, wxID_CANCEL, _("Not now"));
  auto* open = new wxButton(&dialog, wxID_OK, _("Open"));
  buttons->AddStretchSpacer();
  buttons->Add(later, 0, wxRIGHT, 8);
  buttons->Add(open, 0);
  sizer->Add(buttons, 0, wxEXPAND | wxALL, 12);
  dialog.SetSizerAndFit(sizer);
  later->SetDefault();  // a deliberate choice to open, never an accidental Enter
  later->SetFocus();
  return dialog.ShowModal() == wxID_OK;
}

bool ShowPreferencesDialog(wxWindow* parent, Preferences& preferences) {
  wxDialog dialog(parent, wxID_ANY, _("Preferences"));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* reminder = new wxCheckBox(&dialog, wxID_ANY, _("Offer a break after continuous reading"));
  reminder->SetValue(preferences.break_reminder);
  auto* minutes_row = new wxBoxSizer(wxHORIZONTAL);
  auto* minutes = new wxSpinCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxSP_ARROW_KEYS, 5, 240, preferences.break_minutes);
  minutes_row->Add(new wxStaticText(&dialog, wxID_ANY, _("After this many minutes:")), 0,
                   wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  minutes_row->Add(minutes, 0);
  auto* mask = new wxCheckBox(
      &dialog, wxID_ANY, _("Hide passages coded with sensitive codes until I choose to see them"));
  mask->SetValue(preferences.mask_sensitive);
  auto* size_row = new wxBoxSizer(wxHORIZONTAL);
  auto* size = new wxSpinCtrl(&dialog, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxSP_ARROW_KEYS, 8, 28, preferences.font_size);
  size_row->Add(new wxStaticText(&dialog, wxID_ANY, _("Transcript text size:")), 0,
                wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  size_row->Add(size, 0);
  sizer->Add(reminder, 0, wxALL, 8);
  sizer->Add(minutes_row, 0, wxLEFT | wxRIGHT, 28);
  sizer->Add(mask, 0, wxALL, 8);
  sizer->Add(size_row, 0, wxALL, 8);
  AddButtons(&dialog, sizer);
  dialog.SetSizerAndFit(sizer);
  minutes->Bind(wxEVT_UPDATE_UI,
                [reminder](wxUpdateUIEvent& event) { event.Enable(reminder->GetValue()); });
  if (dialog.ShowModal() != wxID_OK) return false;
  preferences.break_reminder = reminder->GetValue();
  preferences.break_minutes = minutes->GetValue();
  preferences.mask_sensitive = mask->GetValue();
  preferences.font_size = size->GetValue();
  return true;
}

std::optional<int> ShowQuickKeyDialog(wxWindow* parent, Workspace& workspace, std::int64_t code) {
  const Code* c = workspace.FindCode(code);
  if (!c) return std::nullopt;
  wxArrayString choices;
  for (int key = 1; key <= kQuickCodeKeys; ++key) {
    wxString label = wxString::Format(_("Key %d"), key);
    if (auto on = workspace.QuickCode(key)) {
      if (const Code* other = workspace.FindCode(*on)) label << " - " << ToWx(other->name);
    } else {
      label << " - " << _("(free)");
    }
    choices.Add(label);
  }
  choices.Add(_("No key"));
  const int current = workspace.QuickKeyOf(code);
  wxSingleChoiceDialog dialog(parent,
                              wxString::Format(_("Which key should apply \"%s\"?"), ToWx(c->name)),
                              _("Quick Code Key"), choices);
  dialog.SetSelection(current > 0 ? current - 1 : 0);
  if (dialog.ShowModal() != wxID_OK) return std::nullopt;
  const int chosen = dialog.GetSelection();
  return chosen >= kQuickCodeKeys ? 0 : chosen + 1;
}

}  // namespace tessera::app
