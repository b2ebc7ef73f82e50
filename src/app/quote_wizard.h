#pragma once
// Reports > Export Quotes: the quotes of a code, narrowed by variables, each with an attribution
// built from a template ("{gender}, {age_band}, {role}, {country}"). The k warning follows the
// template and k as they are typed; the preview shows the quotes as they will be written,
// redacted; the export writes DOCX, HTML, Markdown or CSV. All of it through
// src/core/export/quote_export (AttributeQuotes, PreviewQuotes, ExportQuotes), so the file and its
// refusals are those of `tessera-cli export quotes`.

#include <wx/dialog.h>

#include <string>

#include "export/quote_export.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace tessera::app {

class Workspace;
class VariableFilterBar;

/// The quote export window (modeless; one at a time, found by the name "quote-wizard").
class QuoteWizard : public wxDialog {
 public:
  QuoteWizard(wxWindow* parent, Workspace& workspace);

  /// The request the controls describe (format and output empty until Export).
  QuoteExportRequest Request() const;
  /// Selects the code with `path`; false when there is none.
  bool SelectCode(const std::string& path);
  /// Recomputes the k warning (called on every change of code, filters, template or k).
  void UpdateWarning();
  /// Fills the preview with the redacted quotes. False when the core refused (reported).
  bool Preview();
  /// Asks for a file (format from the format choice) and exports. False on cancel or refusal.
  bool Export();

  // The controls, for the tests that drive the window.
  wxChoice* CodeChoice() const { return m_code; }
  VariableFilterBar* Filters() const { return m_filters; }
  wxTextCtrl* TemplateField() const { return m_template; }
  wxSpinCtrl* KField() const { return m_k; }
  wxCheckBox* StrictBox() const { return m_strict; }
  wxChoice* FormatChoice() const { return m_format; }
  wxStaticText* WarningText() const { return m_warning; }
  wxListCtrl* PreviewList() const { return m_preview; }
  wxButton* PreviewButton() const { return m_preview_button; }
  wxButton* ExportButton() const { return m_export_button; }
  wxStaticText* StatusText() const { return m_status; }
  /// The file of the last successful export.
  const std::string& LastOutput() const { return m_last_output; }
  /// The report of the last successful export.
  const QuoteExportReport& LastReport() const { return m_last_report; }

 private:
  std::string FormatId() const;

  Workspace& m_workspace;
  wxChoice* m_code = nullptr;
  VariableFilterBar* m_filters = nullptr;
  wxTextCtrl* m_template = nullptr;
  wxSpinCtrl* m_k = nullptr;
  wxCheckBox* m_strict = nullptr;
  wxStaticText* m_warning = nullptr;
  wxListCtrl* m_preview = nullptr;
  wxChoice* m_format = nullptr;
  wxButton* m_preview_button = nullptr;
  wxButton* m_export_button = nullptr;
  wxStaticText* m_status = nullptr;
  std::string m_last_output;
  QuoteExportReport m_last_report;
};

/// Opens (or raises) the quote export window over `parent`; `code` is pre-selected when given.
QuoteWizard* ShowQuoteWizard(wxWindow* parent, Workspace& workspace, const std::string& code = {});

}  // namespace tessera::app
