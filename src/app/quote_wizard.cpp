#include "quote_wizard.h"

#include <algorithm>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/display.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "error_report.h"
#include "file_prompt.h"
#include "variable_filter_bar.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

constexpr const char* kWindowName = "quote-wizard";

struct FormatInfo {
  const char* id;
  const char* label;     // wxTRANSLATE
  const char* wildcard;  // wxTRANSLATE
};

const FormatInfo kFormats[] = {
    {"docx", wxTRANSLATE("Word document (DOCX)"), wxTRANSLATE("Word documents (*.docx)|*.docx")},
    {"html", wxTRANSLATE("Web page (HTML)"), wxTRANSLATE("Web pages (*.html)|*.html")},
    {"md", wxTRANSLATE("Markdown"), wxTRANSLATE("Markdown files (*.md)|*.md")},
    {"csv", wxTRANSLATE("Table (CSV)"), wxTRANSLATE("CSV files (*.csv)|*.csv")},
};

wxStaticBoxSizer* Step(wxWindow* parent, const wxString& title) {
  return new wxStaticBoxSizer(wxVERTICAL, parent, title);
}

}  // namespace

QuoteWizard::QuoteWizard(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Export Quotes"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, kWindowName),
      m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  auto* which = Step(this, _("1. Which quotes"));
  auto* code_row = new wxBoxSizer(wxHORIZONTAL);
  code_row->Add(new wxStaticText(which->GetStaticBox(), wxID_ANY, _("Code (with its sub-codes)")),
                0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_code = new wxChoice(which->GetStaticBox(), wxID_ANY);
  for (const auto& code : m_workspace.Codes()) m_code->Append(ToWx(code.path));
  code_row->Add(m_code, 1, wxALIGN_CENTER_VERTICAL);
  which->Add(code_row, 0, wxEXPAND | wxALL, 4);
  m_filters = new VariableFilterBar(which->GetStaticBox(), m_workspace);
  m_filters->Reload();
  which->Add(m_filters, 0, wxEXPAND | wxALL, 4);
  sizer->Add(which, 0, wxEXPAND | wxALL, 8);

  auto* attribution = Step(this, _("2. Attribution"));
  auto* template_row = new wxBoxSizer(wxHORIZONTAL);
  template_row->Add(new wxStaticText(attribution->GetStaticBox(), wxID_ANY, _("Template")), 0,
                    wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_template = new wxTextCtrl(attribution->GetStaticBox(), wxID_ANY,
                              "{gender}, {age_band}, {role}, {country}");
  m_template->SetToolTip(_("Variables in braces, e.g. {gender}, {role}, {country}"));
  template_row->Add(m_template, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
  // TRANSLATORS: k of k-anonymity: an attribution must fit at least k cases.
  template_row->Add(new wxStaticText(attribution->GetStaticBox(), wxID_ANY, _("At least k cases")),
                    0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_k = new wxSpinCtrl(attribution->GetStaticBox(), wxID_ANY, wxEmptyString, wxDefaultPosition,
                       wxDefaultSize, wxSP_ARROW_KEYS, 1, 1000, 5);
  template_row->Add(m_k, 0, wxALIGN_CENTER_VERTICAL);
  attribution->Add(template_row, 0, wxEXPAND | wxALL, 4);
  m_strict = new wxCheckBox(attribution->GetStaticBox(), wxID_ANY,
                            _("Refuse to export while an attribution fits fewer than k cases"));
  attribution->Add(m_strict, 0, wxALL, 4);
  m_warning = new wxStaticText(attribution->GetStaticBox(), wxID_ANY, wxString());
  m_warning->SetForegroundColour(wxColour(170, 40, 20));
  // Room for the longest warning (a heading, four attributions, "and N more"), so the window
  // does not grow past the screen as the warning changes.
  m_warning->SetMinSize(wxSize(-1, 6 * GetCharHeight()));
  attribution->Add(m_warning, 0, wxEXPAND | wxALL, 4);
  sizer->Add(attribution, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);

  auto* preview = Step(this, _("3. Preview, redacted"));
  m_preview = new wxListCtrl(preview->GetStaticBox(), wxID_ANY, wxDefaultPosition,
                             FromDIP(wxSize(760, 160)), wxLC_REPORT | wxLC_SINGLE_SEL);
  m_preview->AppendColumn(_("Quote"), wxLIST_FORMAT_LEFT, FromDIP(470));
  m_preview->AppendColumn(_("Attribution"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_preview->AppendColumn(_("Cases"), wxLIST_FORMAT_RIGHT, FromDIP(60));
  preview->Add(m_preview, 1, wxEXPAND | wxALL, 4);
  m_preview_button = new wxButton(preview->GetStaticBox(), wxID_ANY, _("&Preview"));
  preview->Add(m_preview_button, 0, wxALL, 4);
  sizer->Add(preview, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);

  auto* output = Step(this, _("4. Export"));
  auto* output_row = new wxBoxSizer(wxHORIZONTAL);
  output_row->Add(new wxStaticText(output->GetStaticBox(), wxID_ANY, _("Format")), 0,
                  wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_format = new wxChoice(output->GetStaticBox(), wxID_ANY);
  for (const auto& f : kFormats) m_format->Append(wxGetTranslation(f.label));
  m_format->SetSelection(0);
  output_row->Add(m_format, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
  m_export_button = new wxButton(output->GetStaticBox(), wxID_ANY, _("&Export..."));
  output_row->Add(m_export_button, 0, wxALIGN_CENTER_VERTICAL);
  output->Add(output_row, 0, wxALL, 4);
  m_status = new wxStaticText(output->GetStaticBox(), wxID_ANY, wxString());
  output->Add(m_status, 0, wxEXPAND | wxALL, 4);
  sizer->Add(output, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);

  sizer->Add(CreateSeparatedButtonSizer(wxCLOSE), 0, wxEXPAND | wxALL, 8);
  SetSizerAndFit(sizer);
  // On a small screen the preview list gives way (it scrolls).
  const wxRect screen = wxDisplay(static_cast<wxWindow*>(this)).GetClientArea();
  if (GetSize().GetHeight() > screen.GetHeight()) SetSize(GetSize().GetWidth(), screen.GetHeight());
  SetEscapeId(wxID_CLOSE);

  m_code->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { UpdateWarning(); });
  m_filters->on_changed = [this] { UpdateWarning(); };
  m_template->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateWarning(); });
  m_k->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { UpdateWarning(); });
  m_k->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateWarning(); });
  m_preview_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Preview(); });
  m_export_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Export(); });
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
}

std::string QuoteWizard::FormatId() const {
  const int i = m_format->GetSelection();
  return i == wxNOT_FOUND ? std::string("docx") : std::string(kFormats[i].id);
}

QuoteExportRequest QuoteWizard::Request() const {
  QuoteExportRequest request;
  const int code = m_code->GetSelection();
  if (code != wxNOT_FOUND) request.code = FromWx(m_code->GetString(static_cast<unsigned>(code)));
  for (const auto& [variable, value] : m_filters->Filters()) request.where[variable].push_back(value);
  request.attribution = FromWx(m_template->GetValue());
  request.k = m_k->GetValue();
  request.strict = m_strict->GetValue();
  return request;
}

bool QuoteWizard::SelectCode(const std::string& path) {
  const int index = m_code->FindString(ToWx(path), true);
  if (index == wxNOT_FOUND) return false;
  m_code->SetSelection(index);
  UpdateWarning();
  return true;
}

void QuoteWizard::UpdateWarning() {
  const QuoteExportRequest request = Request();
  if (request.code.empty() || !m_workspace.HasProject()) {
    m_warning->SetLabel(wxString());
    return;
  }
  try {
    const QuoteExportReport report = AttributeQuotes(m_workspace.GetProject(), request);
    if (report.warnings.empty()) {
      m_warning->SetLabel(wxString::Format(
          wxPLURAL("%zu quote; every attribution fits at least %d cases.",
                   "%zu quotes; every attribution fits at least %d cases.", report.quotes.size()),
          report.quotes.size(), request.k));
      m_warning->SetForegroundColour(wxColour(30, 110, 50));
    } else {
      wxString text = wxString::Format(
          wxPLURAL("Warning: %zu attribution fits fewer than %d cases and could identify someone:",
                   "Warning: %zu attributions fit fewer than %d cases and could identify someone:",
                   report.warnings.size()),
          report.warnings.size(), request.k);
      // A handful of lines keeps the window on a small screen; the rest are counted.
      constexpr std::size_t kShown = 4;
      for (std::size_t i = 0; i < std::min(kShown, report.warnings.size()); ++i) text << "\n  " << ToWx(report.warnings[i]);
      if (report.warnings.size() > kShown) {
        text << "\n  " << wxString::FromUTF8("\u2026 ") << wxString::Format(_("and %zu more"), report.warnings.size() - kShown);
      }
      m_warning->SetLabel(text);
      m_warning->SetForegroundColour(wxColour(170, 40, 20));
    }
  } catch (const std::exception& e) {
    m_warning->SetLabel(ToWx(e.what()));
  }
  Layout();
}

bool QuoteWizard::Preview() {
  m_preview->DeleteAllItems();
  if (!m_workspace.HasProject()) return false;
  QuoteExportReport report;
  const bool ok = RunAction(this, _("The quotes couldn't be redacted for the preview."),
                            [&] { report = PreviewQuotes(m_workspace.GetProject(), Request()); });
  if (!ok) return false;
  for (const auto& q : report.quotes) {
    const long row = m_preview->InsertItem(m_preview->GetItemCount(), OneLine(ToWx(q.text), 400));
    m_preview->SetItem(row, 1, ToWx(q.attribution));
    m_preview->SetItem(row, 2, wxString::Format("%lld", static_cast<long long>(q.cases_matching)));
    if (q.cases_matching < Request().k) m_preview->SetItemTextColour(row, wxColour(170, 40, 20));
  }
  m_status->SetLabel(wxString::Format(
      wxPLURAL("%zu quote, redacted by: %s", "%zu quotes, redacted by: %s", report.quotes.size()),
      report.quotes.size(), ToWx([&] {
        std::string ids;
        for (const auto& p : report.plugins) ids += (ids.empty() ? "" : ", ") + p;
        return ids;
      }())));
  return true;
}

bool QuoteWizard::Export() {
  if (!m_workspace.HasProject()) return false;
  QuoteExportRequest request = Request();
  request.format = FormatId();
  const auto& format = kFormats[m_format->GetSelection() == wxNOT_FOUND ? 0 : m_format->GetSelection()];
  const auto path = PromptForPath(this, _("Export Quotes"), "quotes." + wxString(format.id),
                                  wxGetTranslation(format.wildcard), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (!path) return false;
  request.output = *path;
  QuoteExportReport report;
  const bool ok = RunAction(this, _("The quotes couldn't be exported. Nothing was written."),
                            [&] { report = ExportQuotes(m_workspace.GetProject(), request); });
  if (!ok) {
    m_status->SetLabel(_("Nothing was exported."));
    return false;
  }
  m_last_output = request.output;
  m_last_report = report;
  wxString text = wxString::Format(
      wxPLURAL("Wrote %zu quote to %s.", "Wrote %zu quotes to %s.", report.quotes.size()),
      report.quotes.size(), wxFileName(ToWx(*path)).GetFullName());
  if (!report.warnings.empty()) {
    text << ' '
         << wxString::Format(wxPLURAL("%zu attribution fits fewer than k cases.",
                                      "%zu attributions fit fewer than k cases.",
                                      report.warnings.size()),
                             report.warnings.size());
  }
  m_status->SetLabel(text);
  return true;
}

QuoteWizard* ShowQuoteWizard(wxWindow* parent, Workspace& workspace, const std::string& code) {
  auto* wizard = dynamic_cast<QuoteWizard*>(wxWindow::FindWindowByName(kWindowName, parent));
  if (!wizard) wizard = new QuoteWizard(parent, workspace);
  if (!code.empty()) wizard->SelectCode(code);
  if (wizard->CodeChoice()->GetSelection() == wxNOT_FOUND && wizard->CodeChoice()->GetCount() > 0) {
    wizard->CodeChoice()->SetSelection(0);
    wizard->UpdateWarning();
  }
  wizard->Show();
  wizard->Raise();
  return wizard;
}

}  // namespace tessera::app
