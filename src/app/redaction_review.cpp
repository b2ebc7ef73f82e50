#include "redaction_review.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stc/stc.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "error.h"
#include "error_report.h"
#include "export/quote_export.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "redaction/loaded_plugin.h"
#include "redaction/plugin_host.h"
#include "redaction/register_store.h"
#include "text/offset_map.h"
#include "text/utf8.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

constexpr const char* kWindowName = "redaction-review";
constexpr int kFirstKindIndicator = 8;  // Scintilla's container indicators start at 8
constexpr int kKeptIndicator = kFirstKindIndicator + kSpanKindCount;
constexpr int kReviewIndicator = kKeptIndicator + 1;

// The kinds as the interface names them, in SpanKind order.
const char* const kKindLabels[kSpanKindCount] = {
    wxTRANSLATE("person"),     wxTRANSLATE("place"),        wxTRANSLATE("school"),
    wxTRANSLATE("address"),    wxTRANSLATE("phone"),        wxTRANSLATE("e-mail"),
    wxTRANSLATE("handle"),     wxTRANSLATE("URL"),          wxTRANSLATE("age"),
    wxTRANSLATE("date of birth"), wxTRANSLATE("ID number"), wxTRANSLATE("case number"),
    wxTRANSLATE("organisation"), wxTRANSLATE("other"),
};

// One colour per kind: names warm, contact details blue, numbers violet, the rest grey-green.
const wxColour kKindColours[kSpanKindCount] = {
    {230, 120, 60}, {200, 160, 40}, {220, 90, 140}, {150, 110, 60}, {60, 120, 220},
    {40, 150, 200}, {90, 90, 220},  {40, 170, 170}, {120, 170, 60}, {170, 80, 200},
    {140, 60, 180}, {110, 70, 160}, {200, 70, 70},  {130, 130, 130},
};

wxString KindLabel(SpanKind kind) { return wxGetTranslation(kKindLabels[static_cast<int>(kind)]); }

}  // namespace

RedactionReview::RedactionReview(wxWindow* parent, Workspace& workspace)
    : wxDialog(parent, wxID_ANY, _("Redaction Review"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER | wxMAXIMIZE_BOX, kWindowName),
      m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(new wxStaticText(this, wxID_ANY, _("Review")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_source = new wxChoice(this, wxID_ANY);
  m_source->Append(_("A transcript"));
  m_source->Append(_("The quotes of a code"));
  m_source->SetSelection(0);
  top->Add(m_source, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
  m_target = new wxChoice(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(360, -1)));
  top->Add(m_target, 1, wxALIGN_CENTER_VERTICAL);
  sizer->Add(top, 0, wxEXPAND | wxALL, 8);
  m_summary = new wxStaticText(this, wxID_ANY, wxString());
  sizer->Add(m_summary, 0, wxEXPAND | wxLEFT | wxRIGHT, 8);

  auto* book = new wxNotebook(this, wxID_ANY);

  // Spans: the text with its highlights, the list, and the decisions.
  auto* spans_page = new wxPanel(book);
  auto* spans_sizer = new wxBoxSizer(wxVERTICAL);
  m_view = new wxStyledTextCtrl(spans_page, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(900, 300)));
  m_view->SetWrapMode(wxSTC_WRAP_WORD);
  m_view->SetMarginWidth(1, 0);
  m_view->StyleSetFaceName(wxSTC_STYLE_DEFAULT, "Noto Sans");
  m_view->StyleClearAll();
  for (int k = 0; k < kSpanKindCount; ++k) {
    m_view->IndicatorSetStyle(kFirstKindIndicator + k, wxSTC_INDIC_ROUNDBOX);
    m_view->IndicatorSetForeground(kFirstKindIndicator + k, kKindColours[k]);
    m_view->IndicatorSetAlpha(kFirstKindIndicator + k, 110);
    m_view->IndicatorSetOutlineAlpha(kFirstKindIndicator + k, 220);
  }
  m_view->IndicatorSetStyle(kKeptIndicator, wxSTC_INDIC_DASH);
  m_view->IndicatorSetForeground(kKeptIndicator, wxColour(110, 110, 110));
  m_view->IndicatorSetStyle(kReviewIndicator, wxSTC_INDIC_SQUIGGLE);
  m_view->IndicatorSetForeground(kReviewIndicator, wxColour(220, 90, 0));
  m_view->SetReadOnly(true);
  spans_sizer->Add(m_view, 2, wxEXPAND | wxALL, 4);

  m_span_list = new wxListCtrl(spans_page, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(900, 170)),
                               wxLC_REPORT | wxLC_SINGLE_SEL);
  m_span_list->AppendColumn(_("Kind"), wxLIST_FORMAT_LEFT, FromDIP(110));
  m_span_list->AppendColumn(_("Text"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_span_list->AppendColumn(_("Replaced by"), wxLIST_FORMAT_LEFT, FromDIP(150));
  m_span_list->AppendColumn(_("Status"), wxLIST_FORMAT_LEFT, FromDIP(130));
  m_span_list->AppendColumn(_("Found by"), wxLIST_FORMAT_LEFT, FromDIP(150));
  m_span_list->AppendColumn(_("Transcript"), wxLIST_FORMAT_LEFT, FromDIP(140));
  spans_sizer->Add(m_span_list, 1, wxEXPAND | wxLEFT | wxRIGHT, 4);

  auto* decide = new wxBoxSizer(wxHORIZONTAL);
  m_accept = new wxButton(spans_page, wxID_ANY, _("&Accept"));
  m_accept->SetToolTip(_("Redact it (confirms a span that needed review)"));
  m_reject = new wxButton(spans_page, wxID_ANY, _("&Reject"));
  m_reject->SetToolTip(_("Keep the text: it does not identify anyone here"));
  m_scope = new wxChoice(spans_page, wxID_ANY);
  m_scope->Append(_("only here"));
  m_scope->Append(_("in this transcript"));
  m_scope->Append(_("everywhere in the project"));
  m_scope->SetSelection(0);
  decide->Add(m_accept, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  decide->Add(m_reject, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  decide->Add(m_scope, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 24);
  m_add = new wxButton(spans_page, wxID_ANY, _("Re&dact Selected Text as"));
  m_add->SetToolTip(_("Redact the text selected above although no plugin found it"));
  m_add_kind = new wxChoice(spans_page, wxID_ANY);
  for (int k = 0; k < kSpanKindCount; ++k) m_add_kind->Append(KindLabel(static_cast<SpanKind>(k)));
  m_add_kind->SetSelection(0);
  decide->Add(m_add, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  decide->Add(m_add_kind, 0, wxALIGN_CENTER_VERTICAL);
  spans_sizer->Add(decide, 0, wxALL, 4);

  auto* legend = new wxWrapSizer(wxHORIZONTAL);
  for (int k = 0; k < kSpanKindCount; ++k) {
    auto* label = new wxStaticText(spans_page, wxID_ANY, " " + KindLabel(static_cast<SpanKind>(k)) + " ");
    label->SetBackgroundColour(kKindColours[k].ChangeLightness(160));
    legend->Add(label, 0, wxRIGHT | wxBOTTOM, 4);
  }
  spans_sizer->Add(legend, 0, wxEXPAND | wxLEFT | wxRIGHT, 4);
  spans_page->SetSizer(spans_sizer);
  book->AddPage(spans_page, _("Spans"));

  // The pseudonym register.
  auto* register_page = new wxPanel(book);
  auto* register_sizer = new wxBoxSizer(wxVERTICAL);
  m_register_list = new wxListCtrl(register_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  m_register_list->AppendColumn(_("Pseudonym"), wxLIST_FORMAT_LEFT, FromDIP(140));
  m_register_list->AppendColumn(_("Kind"), wxLIST_FORMAT_LEFT, FromDIP(110));
  m_register_list->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(240));
  m_register_list->AppendColumn(_("Other forms"), wxLIST_FORMAT_LEFT, FromDIP(280));
  m_register_list->AppendColumn(_("Everyday word"), wxLIST_FORMAT_LEFT, FromDIP(110));
  register_sizer->Add(m_register_list, 1, wxEXPAND | wxALL, 4);
  auto* form = new wxBoxSizer(wxHORIZONTAL);
  m_register_kind = new wxChoice(register_page, wxID_ANY);
  for (int k = 0; k < kSpanKindCount; ++k) m_register_kind->Append(KindLabel(static_cast<SpanKind>(k)));
  m_register_kind->SetSelection(0);
  m_register_name = new wxTextCtrl(register_page, wxID_ANY);
  m_register_name->SetHint(_("Full name"));
  m_register_aliases = new wxTextCtrl(register_page, wxID_ANY);
  m_register_aliases->SetHint(_("Other forms, separated by |"));
  m_register_common = new wxCheckBox(register_page, wxID_ANY, _("Also an everyday word"));
  m_register_add = new wxButton(register_page, wxID_ANY, _("Add to Register"));
  form->Add(m_register_kind, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  form->Add(m_register_name, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  form->Add(m_register_aliases, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  form->Add(m_register_common, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
  form->Add(m_register_add, 0, wxALIGN_CENTER_VERTICAL);
  register_sizer->Add(form, 0, wxEXPAND | wxALL, 4);
  register_page->SetSizer(register_sizer);
  book->AddPage(register_page, _("Pseudonym Register"));

  // The plugins.
  auto* plugins_page = new wxPanel(book);
  auto* plugins_sizer = new wxBoxSizer(wxVERTICAL);
  m_plugin_list = new wxListCtrl(plugins_page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  m_plugin_list->AppendColumn(_("Plugin"), wxLIST_FORMAT_LEFT, FromDIP(140));
  m_plugin_list->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_plugin_list->AppendColumn(_("Version"), wxLIST_FORMAT_LEFT, FromDIP(80));
  m_plugin_list->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(90));
  m_plugin_list->AppendColumn(_("Reason or file"), wxLIST_FORMAT_LEFT, FromDIP(400));
  plugins_sizer->Add(m_plugin_list, 1, wxEXPAND | wxALL, 4);
  plugins_page->SetSizer(plugins_sizer);
  book->AddPage(plugins_page, _("Plugins"));

  sizer->Add(book, 1, wxEXPAND | wxALL, 8);
  sizer->Add(CreateSeparatedButtonSizer(wxCLOSE), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
  SetSizerAndFit(sizer);
  SetEscapeId(wxID_CLOSE);

  m_source->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    FillTargets();
    if (!m_target_ids.empty()) {
      m_target->SetSelection(0);
      if (m_source->GetSelection() == 0) ShowDocument(m_target_ids[0]);
      else ShowCodeQuotes(m_target_ids[0]);
    }
  });
  m_target->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    const int i = m_target->GetSelection();
    if (i == wxNOT_FOUND) return;
    if (m_source->GetSelection() == 0) ShowDocument(m_target_ids[static_cast<std::size_t>(i)]);
    else ShowCodeQuotes(m_target_ids[static_cast<std::size_t>(i)]);
  });
  m_span_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
    const auto& s = m_spans[static_cast<std::size_t>(event.GetData())];
    const OffsetMap map(m_text);
    const auto from = static_cast<int>(map.ByteFromCodePoint(s.offset + s.span.start));
    const auto to = static_cast<int>(map.ByteFromCodePoint(s.offset + s.span.end));
    m_view->SetSelection(from, to);
    m_view->ScrollRange(from, to);
  });
  m_accept->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { DecideSelected(ReviewDecision::Verdict::Accept); });
  m_reject->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { DecideSelected(ReviewDecision::Verdict::Reject); });
  m_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::string original = FromWx(m_view->GetSelectedText());
    if (original.empty()) return;
    AddSpan(original, static_cast<SpanKind>(std::max(0, m_add_kind->GetSelection())),
            Scope() == DecisionScope::Everywhere ? DecisionScope::Everywhere : DecisionScope::Document);
  });
  m_register_add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    std::vector<std::string> aliases;
    for (auto alias : wxSplit(m_register_aliases->GetValue(), '|', '\0')) {
      alias.Trim().Trim(false);
      if (!alias.empty()) aliases.push_back(FromWx(alias));
    }
    const auto kind = static_cast<SpanKind>(std::max(0, m_register_kind->GetSelection()));
    if (AddRegisterEntry(std::string(SpanKindName(kind)), FromWx(m_register_name->GetValue().Trim().Trim(false)),
                         aliases, m_register_common->GetValue())) {
      m_register_name->Clear();
      m_register_aliases->Clear();
      m_register_common->SetValue(false);
    }
  });
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(SelectedSpan().has_value()); },
       m_accept->GetId());
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(SelectedSpan().has_value()); },
       m_reject->GetId());
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(!m_view->GetSelectedText().empty()); },
       m_add->GetId());
  Bind(wxEVT_UPDATE_UI,
       [this](wxUpdateUIEvent& event) { event.Enable(!m_register_name->GetValue().Trim().empty()); },
       m_register_add->GetId());
  Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Destroy(); }, wxID_CLOSE);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Destroy(); });
  FillTargets();
  ShowRegister();
}

void RedactionReview::FillTargets() {
  m_target->Clear();
  m_target_ids.clear();
  if (!m_workspace.HasProject()) return;
  if (m_source->GetSelection() == 0) {
    for (const auto& d : DocumentStore(m_workspace.GetProject().Db()).List()) {
      m_target->Append(ToWx(d.name));
      m_target_ids.push_back(d.id);
    }
  } else {
    for (const auto& c : m_workspace.Codes()) {
      m_target->Append(ToWx(c.path));
      m_target_ids.push_back(c.id);
    }
  }
}

void RedactionReview::ShowDocument(std::int64_t document) {
  m_document = document;
  m_code.reset();
  if (m_source->GetSelection() != 0) {
    m_source->SetSelection(0);
    FillTargets();
  }
  const auto at = std::find(m_target_ids.begin(), m_target_ids.end(), document);
  if (at != m_target_ids.end()) m_target->SetSelection(static_cast<int>(at - m_target_ids.begin()));
  Reload();
}

void RedactionReview::ShowCodeQuotes(std::int64_t code) {
  m_code = code;
  m_document.reset();
  if (m_source->GetSelection() != 1) {
    m_source->SetSelection(1);
    FillTargets();
  }
  const auto at = std::find(m_target_ids.begin(), m_target_ids.end(), code);
  if (at != m_target_ids.end()) m_target->SetSelection(static_cast<int>(at - m_target_ids.begin()));
  // A decision "only here" names a place in a transcript; quotes are pieces of several.
  if (m_scope->GetSelection() == 0) m_scope->SetSelection(1);
  Reload();
}

void RedactionReview::Reload() {
  m_spans.clear();
  m_text.clear();
  m_summary->SetLabel(wxString());
  m_plugin_list->DeleteAllItems();
  if (!m_workspace.HasProject() || (!m_document && !m_code)) {
    ShowSpans();
    return;
  }
  Project& project = m_workspace.GetProject();
  struct Piece {
    std::int64_t document;
    std::string text, language;
  };
  std::vector<Piece> pieces;
  wxString refused;
  try {
    wxBusyCursor busy;
    DocumentStore documents(project.Db());
    if (m_document) {
      const DocumentInfo info = documents.Info(*m_document);
      pieces.push_back({*m_document, documents.Text(*m_document), info.language});
    } else {
      // The same segments an export of this code takes, each redacted on its own as it will be.
      QuoteExportRequest request;
      const Code* code = m_workspace.FindCode(*m_code);
      if (!code) throw NotFoundError("the code is gone");
      request.code = code->path;
      for (const auto& q : AttributeQuotes(project, request).quotes) {
        const auto id = documents.Resolve(q.document);
        const std::string text = documents.Text(id);
        pieces.push_back({id, std::string(utf8::SubstrCodePoints(text, q.start, q.end)), documents.Info(id).language});
      }
    }

    Transaction tx(project.Db());
    RegisterStore store(project.Db());
    const auto entries = store.EntriesWithPseudonyms();
    PluginHostOptions options;
    options.configs["name-list"] = RegisterToJson(entries).dump();
    PluginHost host(options);
    host.Discover();
    std::size_t offset = 0;
    try {
      for (const auto& piece : pieces) {
        if (!m_text.empty()) {
          m_text += "\n\n";
          offset += 2;
        }
        const Redactor redactor(entries, store.Decisions(piece.document));
        const RedactionResult result = redactor.Redact(host, piece.text, piece.language);
        for (const auto& s : result.spans) m_spans.push_back({piece.document, offset, s, false});
        for (const auto& s : result.kept) m_spans.push_back({piece.document, offset, s, true});
        for (const auto& s : result.held) m_spans.push_back({piece.document, offset, s, false, true});
        m_text += piece.text;
        offset += utf8::CodePointCount(piece.text);
      }
    } catch (const RedactionRefused& e) {
      refused = ToWx(e.reason());
    }
    tx.Commit();  // the pseudonyms just assigned are kept, as an export keeps them

    for (const auto& plugin : host.Plugins()) {
      const long row = m_plugin_list->InsertItem(m_plugin_list->GetItemCount(), ToWx(plugin->Id()));
      m_plugin_list->SetItem(row, 1, ToWx(plugin->Name()));
      m_plugin_list->SetItem(row, 2, ToWx(plugin->Version()));
      wxString state;
      switch (plugin->State()) {
        case PluginState::Loaded:
          state = _("loaded");
          break;
        case PluginState::Failed:
          state = _("failed");
          m_plugin_list->SetItemTextColour(row, wxColour(170, 40, 20));
          break;
        case PluginState::Disabled:
          state = _("disabled");
          m_plugin_list->SetItemTextColour(row, wxColour(120, 120, 120));
          break;
      }
      m_plugin_list->SetItem(row, 3, state);
      m_plugin_list->SetItem(row, 4, ToWx(plugin->Reason().empty() ? plugin->Path().string() : plugin->Reason()));
    }
  } catch (...) {
    ReportError(this, _("The redaction couldn't be run."), std::current_exception());
  }
  std::stable_sort(m_spans.begin(), m_spans.end(), [](const ReviewSpan& a, const ReviewSpan& b) {
    return a.offset + a.span.start < b.offset + b.span.start;
  });
  ShowSpans();
  if (!refused.empty()) {
    m_summary->SetLabel(_("Redaction refused: this text must not be exported until every plugin works.") + " " +
                        refused);
    m_summary->SetForegroundColour(wxColour(170, 40, 20));
  } else {
    std::size_t review = 0, kept = 0, held = 0;
    for (const auto& s : m_spans) {
      if (s.kept) ++kept;
      else if (s.held) ++held;
      else if (s.span.needs_review) ++review;
    }
    wxString summary = wxString::Format(_("%zu spans redacted, %zu of them to review; %zu kept by a reviewer."),
                                        m_spans.size() - kept - held, review, kept);
    if (held > 0) {
      summary << " " << wxString::Format(_("%zu everyday words that may be names are left in the text until you decide."), held);
    }
    m_summary->SetLabel(summary);
    m_summary->SetForegroundColour(GetForegroundColour());
  }
  ShowRegister();
}

void RedactionReview::ShowSpans() {
  m_view->SetReadOnly(false);
  m_view->SetText(ToWx(m_text));
  m_view->SetReadOnly(true);
  m_span_list->DeleteAllItems();
  const OffsetMap map(m_text);
  std::map<std::int64_t, wxString> names;
  if (m_workspace.HasProject()) {
    for (const auto& d : DocumentStore(m_workspace.GetProject().Db()).List()) names[d.id] = ToWx(d.name);
  }
  for (std::size_t i = 0; i < m_spans.size(); ++i) {
    const auto& s = m_spans[i];
    const auto from = static_cast<int>(map.ByteFromCodePoint(s.offset + s.span.start));
    const auto to = static_cast<int>(map.ByteFromCodePoint(s.offset + s.span.end));
    if (!s.held) {  // a held word is not redacted: only the review mark
      m_view->SetIndicatorCurrent(s.kept ? kKeptIndicator : kFirstKindIndicator + static_cast<int>(s.span.kind));
      m_view->IndicatorFillRange(from, to - from);
    }
    if (s.span.needs_review && !s.kept) {
      m_view->SetIndicatorCurrent(kReviewIndicator);
      m_view->IndicatorFillRange(from, to - from);
    }
    const long row = m_span_list->InsertItem(static_cast<long>(i), KindLabel(s.span.kind));
    m_span_list->SetItemData(row, static_cast<long>(i));
    m_span_list->SetItem(row, 1, OneLine(ToWx(s.span.original), 80));
    m_span_list->SetItem(row, 2, s.kept ? wxString() : ToWx(s.span.replacement));
    m_span_list->SetItem(row, 3,
                         s.kept   ? _("kept (rejected)")
                         : s.held ? _("left in the text, to review")
                         : s.span.needs_review ? _("to review")
                                               : _("redacted"));
    wxString sources;
    for (const auto& source : s.span.sources) sources << (sources.empty() ? "" : ", ") << ToWx(source);
    m_span_list->SetItem(row, 4, sources);
    m_span_list->SetItem(row, 5, names[s.document]);
    m_span_list->SetItemBackgroundColour(row, kKindColours[static_cast<int>(s.span.kind)].ChangeLightness(180));
  }
}

void RedactionReview::ShowRegister() {
  m_register_list->DeleteAllItems();
  if (!m_workspace.HasProject()) return;
  std::vector<RegisterEntry> entries;
  RunAction(this, _("The pseudonym register couldn't be read."), [&] {
    Transaction tx(m_workspace.GetProject().Db());
    entries = RegisterStore(m_workspace.GetProject().Db()).EntriesWithPseudonyms();
    tx.Commit();
  });
  for (const auto& e : entries) {
    const long row = m_register_list->InsertItem(m_register_list->GetItemCount(), ToWx(e.pseudonym));
    const auto kind = TryParseSpanKind(e.kind);
    m_register_list->SetItem(row, 1, kind ? KindLabel(*kind) : ToWx(e.kind));
    m_register_list->SetItem(row, 2, ToWx(e.name));
    wxString aliases;
    for (const auto& a : e.aliases) aliases << (aliases.empty() ? "" : " | ") << ToWx(a);
    m_register_list->SetItem(row, 3, aliases);
    m_register_list->SetItem(row, 4, e.common_word ? _("yes: matches go to review") : wxString());
  }
}

std::optional<std::size_t> RedactionReview::SelectedSpan() const {
  const long row = m_span_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0) return std::nullopt;
  return static_cast<std::size_t>(m_span_list->GetItemData(row));
}

DecisionScope RedactionReview::Scope() const {
  switch (m_scope->GetSelection()) {
    case 0:
      return m_document ? DecisionScope::Here : DecisionScope::Document;
    case 2:
      return DecisionScope::Everywhere;
    default:
      return DecisionScope::Document;
  }
}

void RedactionReview::DecideSelected(ReviewDecision::Verdict verdict) {
  if (const auto index = SelectedSpan()) Decide(*index, verdict, Scope());
}

bool RedactionReview::Decide(std::size_t index, ReviewDecision::Verdict verdict, DecisionScope scope) {
  if (index >= m_spans.size() || !m_workspace.HasProject()) return false;
  const ReviewSpan shown = m_spans[index];
  const bool ok = RunAction(this, _("The decision couldn't be stored."), [&] {
    Project& project = m_workspace.GetProject();
    Transaction tx(project.Db());
    ReviewDecision d;
    d.original = shown.span.original;
    d.verdict = verdict;
    d.kind = shown.span.kind;
    std::optional<std::int64_t> document;
    std::string document_name;
    std::int64_t start = -1;
    if (scope != DecisionScope::Everywhere) {
      document = shown.document;
      document_name = DocumentStore(project.Db()).Info(shown.document).name;
    }
    if (scope == DecisionScope::Here) {
      if (!m_document) throw ProgrammingError("a decision for one occurrence needs a transcript");
      d.start = shown.span.start;
      start = static_cast<std::int64_t>(shown.span.start);
    }
    RegisterStore(project.Db()).AddDecision(d, document, project.CurrentUserId());
    const char* verdict_name = verdict == ReviewDecision::Verdict::Reject ? "reject"
                               : verdict == ReviewDecision::Verdict::Add  ? "add"
                                                                          : "accept";
    project.Audit("redaction/decision", {{"verdict", verdict_name},
                                         {"kind", std::string(SpanKindName(shown.span.kind))},
                                         {"document", document_name},
                                         {"start", start}});
    tx.Commit();
  });
  if (ok) Reload();
  return ok;
}

bool RedactionReview::AddSpan(const std::string& original, SpanKind kind, DecisionScope scope) {
  if (!m_workspace.HasProject() || original.empty()) return false;
  const bool ok = RunAction(this, _("The decision couldn't be stored."), [&] {
    Project& project = m_workspace.GetProject();
    Transaction tx(project.Db());
    ReviewDecision d;
    d.original = original;
    d.verdict = ReviewDecision::Verdict::Add;
    d.kind = kind;
    std::optional<std::int64_t> document;
    std::string document_name;
    if (scope != DecisionScope::Everywhere && m_document) {
      document = *m_document;
      document_name = DocumentStore(project.Db()).Info(*m_document).name;
    }
    RegisterStore(project.Db()).AddDecision(d, document, project.CurrentUserId());
    project.Audit("redaction/decision", {{"verdict", "add"},
                                         {"kind", std::string(SpanKindName(kind))},
                                         {"document", document_name},
                                         {"start", -1}});
    tx.Commit();
  });
  if (ok) Reload();
  return ok;
}

bool RedactionReview::AddRegisterEntry(const std::string& kind, const std::string& name,
                                       const std::vector<std::string>& aliases, bool common_word) {
  if (!m_workspace.HasProject()) return false;
  const bool ok = RunAction(this, _("The name couldn't be added to the register."), [&] {
    Project& project = m_workspace.GetProject();
    Transaction tx(project.Db());
    RegisterStore store(project.Db());
    store.Add(kind, name, aliases, common_word);
    store.EntriesWithPseudonyms();
    project.Audit("register/add", {{"kind", kind}, {"aliases", aliases.size()}});
    tx.Commit();
  });
  if (ok) Reload();
  return ok;
}

wxString RedactionReview::Summary() const { return m_summary->GetLabel(); }

RedactionReview* ShowRedactionReview(wxWindow* parent, Workspace& workspace, std::optional<std::int64_t> document) {
  auto* review = dynamic_cast<RedactionReview*>(wxWindow::FindWindowByName(kWindowName, parent));
  if (!review) review = new RedactionReview(parent, workspace);
  if (document) {
    review->ShowDocument(*document);
  } else if (review->ShownText().empty() && review->TargetChoice()->GetCount() > 0) {
    const auto documents = DocumentStore(workspace.GetProject().Db()).List();
    if (!documents.empty()) review->ShowDocument(documents.front().id);
  }
  review->Show();
  review->Raise();
  return review;
}

}  // namespace tessera::app
