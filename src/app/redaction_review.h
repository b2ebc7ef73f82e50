#pragma once
// Reports > Redaction Review: a transcript, or the quotes of a code, with every span the
// redaction finds highlighted by kind; accept, reject or add spans; the pseudonym register with
// its entries and a form to add one; the plugins with their state. The redaction is the core's
// (PluginHost, Redactor, RegisterStore) configured as `tessera-cli redact` and `export quotes`
// configure it, and decisions and register entries are stored as `tessera-cli register decide`
// and `register add` store them, each in one transaction with its audit entry.

#include <wx/dialog.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "redaction/redactor.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxListCtrl;
class wxStaticText;
class wxStyledTextCtrl;
class wxTextCtrl;

namespace tessera::app {

class Workspace;

/// One span as the review shows it.
struct ReviewSpan {
  std::int64_t document = 0;  ///< the transcript it is in
  std::size_t offset = 0;     ///< code point where the redacted text starts in the shown text
  RedactedSpan span;          ///< start and end within the redacted text (transcript or quote)
  bool kept = false;          ///< a reviewer rejected it: it stays in the text
  bool held = false;          ///< an everyday word in lower case: in the text until someone decides
};

/// Where a decision applies.
enum class DecisionScope {
  Here,        ///< only this occurrence (transcript view only)
  Document,    ///< everywhere in this transcript
  Everywhere,  ///< the whole project
};

/// The redaction review window (modeless; one at a time, found by the name "redaction-review").
class RedactionReview : public wxDialog {
 public:
  RedactionReview(wxWindow* parent, Workspace& workspace);

  /// Shows a transcript with its spans.
  void ShowDocument(std::int64_t document);
  /// Shows the quotes of a code (with its sub-codes), each redacted as an export would.
  void ShowCodeQuotes(std::int64_t code);
  /// Runs the redaction again over what is shown (after a decision or a register change).
  void Reload();

  /// Records a decision about `Spans()[index]`. False when it failed (reported).
  bool Decide(std::size_t index, ReviewDecision::Verdict verdict, DecisionScope scope);
  /// Records an Add decision: `original` is redacted as `kind` (in this transcript or everywhere).
  bool AddSpan(const std::string& original, SpanKind kind, DecisionScope scope);
  /// Adds a register entry like `tessera-cli register add`. False when it failed (reported).
  bool AddRegisterEntry(const std::string& kind, const std::string& name, const std::vector<std::string>& aliases,
                        bool common_word);

  /// The spans shown, in order of the list.
  const std::vector<ReviewSpan>& Spans() const { return m_spans; }
  /// The text shown (the original: the reviewer needs to see what is hidden).
  const std::string& ShownText() const { return m_text; }
  /// The message above the text (counts, or why redaction was refused).
  wxString Summary() const;

  // The controls, for the tests that drive the window.
  wxChoice* SourceChoice() const { return m_source; }
  wxChoice* TargetChoice() const { return m_target; }
  wxStyledTextCtrl* TextView() const { return m_view; }
  wxListCtrl* SpanList() const { return m_span_list; }
  wxChoice* ScopeChoice() const { return m_scope; }
  wxButton* AcceptButton() const { return m_accept; }
  wxButton* RejectButton() const { return m_reject; }
  wxChoice* AddKindChoice() const { return m_add_kind; }
  wxButton* AddButton() const { return m_add; }
  wxListCtrl* RegisterList() const { return m_register_list; }
  wxChoice* RegisterKindChoice() const { return m_register_kind; }
  wxTextCtrl* RegisterNameField() const { return m_register_name; }
  wxTextCtrl* RegisterAliasesField() const { return m_register_aliases; }
  wxCheckBox* RegisterCommonBox() const { return m_register_common; }
  wxButton* RegisterAddButton() const { return m_register_add; }
  wxListCtrl* PluginList() const { return m_plugin_list; }

 private:
  void FillTargets();
  void ShowSpans();
  void ShowRegister();
  void DecideSelected(ReviewDecision::Verdict verdict);
  std::optional<std::size_t> SelectedSpan() const;
  DecisionScope Scope() const;

  Workspace& m_workspace;
  std::optional<std::int64_t> m_document;  // what is shown: a transcript …
  std::optional<std::int64_t> m_code;      // … or a code's quotes
  std::string m_text;
  std::vector<ReviewSpan> m_spans;
  std::vector<std::int64_t> m_target_ids;

  wxChoice* m_source = nullptr;
  wxChoice* m_target = nullptr;
  wxStaticText* m_summary = nullptr;
  wxStyledTextCtrl* m_view = nullptr;
  wxListCtrl* m_span_list = nullptr;
  wxChoice* m_scope = nullptr;
  wxButton* m_accept = nullptr;
  wxButton* m_reject = nullptr;
  wxChoice* m_add_kind = nullptr;
  wxButton* m_add = nullptr;
  wxListCtrl* m_register_list = nullptr;
  wxChoice* m_register_kind = nullptr;
  wxTextCtrl* m_register_name = nullptr;
  wxTextCtrl* m_register_aliases = nullptr;
  wxCheckBox* m_register_common = nullptr;
  wxButton* m_register_add = nullptr;
  wxListCtrl* m_plugin_list = nullptr;
};

/// Opens (or raises) the redaction review over `parent`, showing `document` when given (else the
/// first transcript).
RedactionReview* ShowRedactionReview(wxWindow* parent, Workspace& workspace,
                                     std::optional<std::int64_t> document = {});

}  // namespace tessera::app
