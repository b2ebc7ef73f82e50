#include "transcript_view.h"

#include <wx/infobar.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stc/stc.h>

#include <algorithm>
#include <map>

#include "coding_stripes.h"
#include "preferences.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/project.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

// Scintilla resources. Indicators 8..15 draw the coding lanes (one translucent box per lane, the
// colour carried in the indicator value); 16 and 17 hide sensitive passages.
constexpr int kLaneIndicator = 8;
constexpr int kLaneIndicators = 8;
constexpr int kMaskBoxIndicator = 16;
constexpr int kMaskTextIndicator = 17;
constexpr int kStyleLabel = 1;       // a speaker's label
constexpr int kStyleFirstLabel = 2;  // the first speaker's label (usually the interviewer)
constexpr int kMarkFirstBack = 1;    // background of the first speaker's turns
constexpr int kMarkFirst = 2;        // margin bar of the first speaker's turns
constexpr int kMarkOther = 3;        // margin bar of everyone else's turns
constexpr int kTurnMargin = 1;
const wxColour kMaskColour(0xD5, 0xD8, 0xDC);
const wxColour kPaper(0xFF, 0xFF, 0xFF);

int ScintillaColour(const wxColour& c) {
  return wxSTC_INDICVALUEBIT | (c.Blue() << 16) | (c.Green() << 8) | c.Red();
}

// Fonts that cover each script and whose metrics leave room for its marks.
struct ScriptFont {
  const char* language;
  const char* face;
  int extra_ascent, extra_descent;
};
constexpr ScriptFont kScriptFonts[] = {
    {"km", "Khmer OS", 4, 6},        // stacked subscripts and vowels above and below
    {"th", "Noto Sans Thai", 3, 2},  // tone marks above vowels
    {"lo", "Noto Sans Lao", 3, 2},      {"my", "Noto Sans Myanmar", 4, 4},
    {"am", "Noto Sans Ethiopic", 1, 1}, {"vi", "Noto Sans", 2, 1},  // stacked diacritics (ấ, ở)
};

}  // namespace

TranscriptView::TranscriptView(wxWindow* parent, Workspace& workspace)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_title = new wxStaticText(this, wxID_ANY, wxString());
  wxFont bold = m_title->GetFont();
  bold.MakeBold();
  bold.MakeLarger();
  m_title->SetFont(bold);
  m_subtitle = new wxStaticText(this, wxID_ANY, wxString());
  m_subtitle->SetForegroundColour(wxColour(0x55, 0x5B, 0x63));
  sizer->Add(m_title, 0, wxLEFT | wxRIGHT | wxTOP, 8);
  sizer->Add(m_subtitle, 0, wxLEFT | wxRIGHT | wxBOTTOM, 8);
  m_info_bar = new wxInfoBar(this);
  m_info_bar->AddButton(wxID_YES, _("Show this passage"));
  m_info_bar->AddButton(wxID_NO, _("Keep it hidden"));
  m_info_bar->Hide();
  sizer->Add(m_info_bar, 0, wxEXPAND);
  m_break_bar = new wxInfoBar(this);
  sizer->Add(m_break_bar, 0, wxEXPAND);

  auto* row = new wxBoxSizer(wxHORIZONTAL);
  m_text = new wxStyledTextCtrl(this, wxID_ANY);
  m_stripes = new CodingStripes(this, *this);
  row->Add(m_text, 1, wxEXPAND);
  row->Add(m_stripes, 0, wxEXPAND);
  sizer->Add(row, 1, wxEXPAND);
  SetSizer(sizer);
  SetUpControl();

  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::SetUpControl() {
  m_text->SetUndoCollection(false);
  m_text->SetWrapMode(wxSTC_WRAP_WORD);
  m_text->SetWrapVisualFlags(wxSTC_WRAPVISUALFLAG_NONE);
  m_text->SetUseHorizontalScrollBar(false);
  m_text->UsePopUp(wxSTC_POPUP_NEVER);
  m_text->SetMarginLeft(10);
  m_text->SetMarginRight(10);
  m_text->SetCaretWidth(2);
  m_text->SetSelBackground(true, wxColour(0xB3, 0xD4, 0xFC));
  m_text->SetSelAlpha(200);
  m_text->SetEndAtLastLine(false);
  m_text->SetScrollWidthTracking(false);
  m_text->SetLayoutCache(wxSTC_CACHE_PAGE);

  // Margin 0: line numbers, for reference in team discussions. Margin 1: a bar per speaker turn.
  m_text->SetMarginType(0, wxSTC_MARGIN_NUMBER);
  m_text->SetMarginType(kTurnMargin, wxSTC_MARGIN_SYMBOL);
  m_text->SetMarginMask(kTurnMargin, (1 << kMarkFirst) | (1 << kMarkOther));
  m_text->SetMarginMask(0, 0);
  m_text->MarkerDefine(kMarkFirstBack, wxSTC_MARK_BACKGROUND, wxNullColour,
                       wxColour(0xF3, 0xF5, 0xF8));
  m_text->MarkerDefine(kMarkFirst, wxSTC_MARK_FULLRECT, wxNullColour, wxColour(0xB8, 0xC0, 0xCC));
  m_text->MarkerDefine(kMarkOther, wxSTC_MARK_FULLRECT, wxNullColour, wxColour(0x3E, 0x6E, 0xA8));

  for (int i = 0; i < kLaneIndicators; ++i) {
    const int indicator = kLaneIndicator + i;
    m_text->IndicatorSetStyle(indicator, wxSTC_INDIC_STRAIGHTBOX);
    m_text->IndicatorSetFlags(indicator, wxSTC_INDICFLAG_VALUEFORE);
    m_text->IndicatorSetAlpha(indicator, 70);
    m_text->IndicatorSetOutlineAlpha(indicator, 0);
    m_text->IndicatorSetUnder(indicator, true);
  }
  // A hidden passage: a solid grey bar with the text drawn in the same grey.
  m_text->IndicatorSetStyle(kMaskBoxIndicator, wxSTC_INDIC_STRAIGHTBOX);
  m_text->IndicatorSetForeground(kMaskBoxIndicator, kMaskColour);
  m_text->IndicatorSetAlpha(kMaskBoxIndicator, 255);
  m_text->IndicatorSetOutlineAlpha(kMaskBoxIndicator, 255);
  m_text->IndicatorSetUnder(kMaskBoxIndicator, false);
  m_text->IndicatorSetStyle(kMaskTextIndicator, wxSTC_INDIC_TEXTFORE);
  m_text->IndicatorSetForeground(kMaskTextIndicator, kMaskColour);

  m_text->Bind(wxEVT_KEY_DOWN, &TranscriptView::OnKeyDown, this);
  m_text->Bind(wxEVT_STC_INDICATOR_RELEASE, &TranscriptView::OnIndicatorRelease, this);

  m_text->Bind(wxEVT_STC_UPDATEUI, [this](wxStyledTextEvent& event) {
    const int updated = event.GetUpdated();
    if (updated & (wxSTC_UPDATE_V_SCROLL | wxSTC_UPDATE_CONTENT)) m_stripes->Refresh(false);
    if (updated & wxSTC_UPDATE_SELECTION) {
      const int start = m_text->GetSelectionStart(), end = m_text->GetSelectionEnd();
      if (start != m_last_selection_start || end != m_last_selection_end) {
        m_last_selection_start = start;
        m_last_selection_end = end;
        if (on_selection_changed) on_selection_changed();
      }
    }
    event.Skip();
  });
  m_text->Bind(wxEVT_STC_ZOOM, [this](wxStyledTextEvent& event) {
    m_stripes->Refresh(false);
    event.Skip();
  });
  m_text->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    m_stripes->Refresh(false);
    event.Skip();
  });
  m_text->Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent& event) {
    wxPoint at = event.GetPosition();
    if (at != wxDefaultPosition) {
      const int pos = m_text->PositionFromPoint(m_text->ScreenToClient(at));
      const int start = m_text->GetSelectionStart(), end = m_text->GetSelectionEnd();
      if (start == end || pos < start || pos > end) m_text->GotoPos(pos);
    }
    if (on_context_menu) on_context_menu();
  });
  m_info_bar->Bind(wxEVT_BUTTON, [this](wxCommandEvent& event) {
    if (event.GetId() == wxID_YES && m_offered) {
      RevealCoding(*m_offered);
      m_info_bar->Dismiss();
      return;
    }
    event.Skip();
  });
  ShowDocument(std::nullopt);
}

void TranscriptView::Relabel() {
  m_info_bar->RemoveButton(wxID_YES);
  m_info_bar->RemoveButton(wxID_NO);
  m_info_bar->AddButton(wxID_YES, _("Show this passage"));
  m_info_bar->AddButton(wxID_NO, _("Keep it hidden"));
  UpdateHeading();
}

void TranscriptView::ApplyPreferences(const Preferences& preferences) {
  m_font_size = preferences.font_size;
  const bool mask_changed = m_mask_sensitive != preferences.mask_sensitive;
  m_mask_sensitive = preferences.mask_sensitive;
  ApplyLanguageFont();
  if (mask_changed && m_document) LoadCodings();
}

void TranscriptView::ApplyLanguageFont() {
  std::string language = m_info.language.substr(0, m_info.language.find_first_of("-_"));
  const char* face = "Noto Sans";
  int ascent = 1, descent = 1;
  for (const auto& f : kScriptFonts) {
    if (language == f.language) {
      face = f.face;
      ascent = f.extra_ascent;
      descent = f.extra_descent;
    }
  }
  const int extra = std::max(0, m_font_size - 11) / 3;  // marks grow with the text
  m_text->StyleResetDefault();
  m_text->StyleSetFaceName(wxSTC_STYLE_DEFAULT, face);
  m_text->StyleSetSize(wxSTC_STYLE_DEFAULT, m_font_size);
  m_text->StyleSetForeground(wxSTC_STYLE_DEFAULT, wxColour(0x1F, 0x23, 0x28));
  m_text->StyleSetBackground(wxSTC_STYLE_DEFAULT, kPaper);
  m_text->StyleClearAll();
  m_text->StyleSetBold(kStyleLabel, true);
  m_text->StyleSetForeground(kStyleLabel, wxColour(0x2B, 0x55, 0x8C));
  m_text->StyleSetBold(kStyleFirstLabel, true);
  m_text->StyleSetForeground(kStyleFirstLabel, wxColour(0x5F, 0x66, 0x70));
  m_text->StyleSetForeground(wxSTC_STYLE_LINENUMBER, wxColour(0x8A, 0x90, 0x99));
  m_text->StyleSetBackground(wxSTC_STYLE_LINENUMBER, wxColour(0xFA, 0xFA, 0xFB));
  m_text->StyleSetSize(wxSTC_STYLE_LINENUMBER, std::max(7, m_font_size - 2));
  m_text->StyleSetFaceName(wxSTC_STYLE_LINENUMBER, "Noto Sans");
  m_text->SetExtraAscent(ascent + extra);
  m_text->SetExtraDescent(descent + extra);
  // Margins only beside a transcript: an empty view shows nothing to number.
  const int lines = std::max(1, m_text->GetLineCount());
  m_text->SetMarginWidth(
      0, m_document ? m_text->TextWidth(wxSTC_STYLE_LINENUMBER, wxString::Format("_%d", lines * 10))
                    : 0);
  m_text->SetMarginWidth(kTurnMargin, m_document ? 6 : 0);
  m_stripes->Refresh(false);
}

void TranscriptView::ShowDocument(std::optional<std::int64_t> document) {
  m_document.reset();
  m_codings.clear();
  m_lanes = 0;
  m_turns.clear();
  m_offered.reset();
  if (m_info_bar->IsShown()) m_info_bar->Dismiss();
  m_text->SetReadOnly(false);
  m_text->ClearAll();
  m_text->MarkerDeleteAll(-1);
  if (!document || !m_workspace.HasProject()) {
    m_info = DocumentInfo{};
    m_utf8.clear();
    m_offsets = std::make_unique<OffsetMap>(std::string_view());
    m_text->SetReadOnly(true);
    UpdateHeading();
    ApplyLanguageFont();
    m_stripes->UpdateWidth();
    Layout();
    return;
  }
  Database& db = m_workspace.GetProject().Db();
  DocumentStore store(db);
  m_info = store.Info(*document);
  m_utf8 = store.Text(*document);
  m_turns = store.Turns(*document);
  m_offsets = std::make_unique<OffsetMap>(m_utf8);
  m_document = document;

  m_text->AddTextRaw(m_utf8.data(), static_cast<int>(m_utf8.size()));
  m_text->SetReadOnly(true);
  m_text->EmptyUndoBuffer();
  ApplyLanguageFont();
  StyleTurns();
  LoadCodings();
  m_text->GotoPos(0);
  m_text->SetFirstVisibleLine(0);

  UpdateHeading();
}

void TranscriptView::UpdateHeading() {
  if (!m_document) {
    m_title->SetLabel(m_workspace.HasProject() ? _("No transcript open") : _("No project open"));
    m_subtitle->SetLabel(m_workspace.HasProject()
                             ? _("Double-click a transcript in the list to read it.")
                             : _("Open a project, or create one and import transcripts."));
    Layout();
    return;
  }
  m_title->SetLabel(ToWx(m_info.name));
  wxString subtitle = ToWx(m_info.language.empty() ? std::string("?") : m_info.language);
  subtitle << wxString::FromUTF8(" \xC2\xB7 ")
           << wxString::Format(wxPLURAL("%lld speaker turn", "%lld speaker turns",
                                        static_cast<unsigned>(m_info.turn_count)),
                               static_cast<long long>(m_info.turn_count))
           << wxString::FromUTF8(" \xC2\xB7 ")
           << wxString::Format(wxPLURAL("%zu character", "%zu characters",
                                        static_cast<unsigned>(m_info.characters)),
                               m_info.characters);
  m_subtitle->SetLabel(subtitle);
  Layout();
}

void TranscriptView::StyleTurns() {
  if (m_turns.empty()) return;
  const std::string& first = m_turns.front().speaker;
  for (const auto& turn : m_turns) {
    if (turn.start >= turn.end || turn.end > m_offsets->CodePoints()) continue;
    const bool is_first = turn.speaker == first;
    const auto b = m_offsets->ByteFromCodePoint(turn.start);
    const auto e = m_offsets->ByteFromCodePoint(turn.end);
    // The label as written: "Name:" or "[Name]" at the start of the turn.
    std::size_t label_end = b;
    if (m_utf8.compare(b, turn.speaker.size(), turn.speaker) == 0) {
      label_end = b + turn.speaker.size();
      if (label_end < m_utf8.size() && m_utf8[label_end] == ':') ++label_end;
    } else if (m_utf8[b] == '[' && m_utf8.compare(b + 1, turn.speaker.size(), turn.speaker) == 0) {
      label_end = b + 1 + turn.speaker.size();
      if (label_end < m_utf8.size() && m_utf8[label_end] == ']') ++label_end;
    }
    if (label_end > b) {
      m_text->StartStyling(static_cast<int>(b));
      m_text->SetStyling(static_cast<int>(label_end - b),
                         is_first ? kStyleFirstLabel : kStyleLabel);
    }
    const int l0 = m_text->LineFromPosition(static_cast<int>(b));
    const int l1 = m_text->LineFromPosition(static_cast<int>(std::max(b, e - 1)));
    for (int line = l0; line <= l1; ++line) {
      m_text->MarkerAdd(line, is_first ? kMarkFirst : kMarkOther);
      if (is_first) m_text->MarkerAdd(line, kMarkFirstBack);
    }
  }
}

void TranscriptView::LoadCodings() {
  m_codings.clear();
  m_lanes = 0;
  if (!m_document) {
    PaintCodings();
    return;
  }
  CodingFilter filter;
  filter.documents = {*m_document};
  filter.with_text = false;
  auto codings = CodingStore(m_workspace.GetProject().Db()).List(filter);
  std::sort(codings.begin(), codings.end(), [](const Coding& a, const Coding& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });

  // Sensitive codes, including those under a sensitive code.
  std::map<std::int64_t, bool> sensitive;
  for (const auto& code : m_workspace.Codes()) {  // tree order: parents first
    bool s = code.sensitive;
    if (code.parent_id) s = s || sensitive[*code.parent_id];
    sensitive[code.id] = s;
  }

  std::vector<std::size_t> lane_end;  // code point where each lane becomes free
  m_codings.reserve(codings.size());
  for (const auto& c : codings) {
    if (c.end > m_offsets->CodePoints() || c.start >= c.end) continue;
    ShownCoding shown;
    shown.id = c.id;
    shown.code_id = c.code_id;
    shown.coder = c.coder;
    shown.start = c.start;
    shown.end = c.end;
    shown.start_byte = static_cast<int>(m_offsets->ByteFromCodePoint(c.start));
    shown.end_byte = static_cast<int>(m_offsets->ByteFromCodePoint(c.end));
    shown.first_line = m_text->LineFromPosition(shown.start_byte);
    shown.last_line = m_text->LineFromPosition(std::max(shown.start_byte, shown.end_byte - 1));
    std::size_t lane = 0;
    while (lane < lane_end.size() && lane_end[lane] > c.start) ++lane;
    if (lane == lane_end.size()) lane_end.push_back(0);
    lane_end[lane] = c.end;
    shown.lane = static_cast<int>(lane);
    if (const Code* code = m_workspace.FindCode(c.code_id)) {
      shown.colour = m_workspace.CodeColour(*code);
      shown.label = ToWx(code->name);
    } else {
      shown.colour = *wxLIGHT_GREY;
      shown.label = ToWx(c.code);
    }
    shown.sensitive = sensitive[c.code_id];
    shown.masked = m_mask_sensitive && shown.sensitive && !m_revealed.count(c.id);
    m_codings.push_back(std::move(shown));
  }
  m_lanes = static_cast<int>(lane_end.size());
  PaintCodings();
}

void TranscriptView::PaintCodings() {
  const int length = m_text->GetLength();
  for (int i = 0; i < kLaneIndicators; ++i) {
    m_text->SetIndicatorCurrent(kLaneIndicator + i);
    m_text->IndicatorClearRange(0, length);
  }
  m_text->SetIndicatorCurrent(kMaskBoxIndicator);
  m_text->IndicatorClearRange(0, length);
  m_text->SetIndicatorCurrent(kMaskTextIndicator);
  m_text->IndicatorClearRange(0, length);
  for (const auto& c : m_codings) {
    m_text->SetIndicatorCurrent(kLaneIndicator + std::min(c.lane, kLaneIndicators - 1));
    m_text->SetIndicatorValue(ScintillaColour(c.colour));
    m_text->IndicatorFillRange(c.start_byte, c.end_byte - c.start_byte);
  }
  for (const auto& c : m_codings) {
    if (!c.masked) continue;
    m_text->SetIndicatorCurrent(kMaskBoxIndicator);
    m_text->IndicatorFillRange(c.start_byte, c.end_byte - c.start_byte);
    m_text->SetIndicatorCurrent(kMaskTextIndicator);
    m_text->IndicatorFillRange(c.start_byte, c.end_byte - c.start_byte);
  }
  m_stripes->UpdateWidth();
  m_stripes->Refresh(false);
}

void TranscriptView::OnChanges(Changes changes) {
  if (changes.Has(Change::Project)) {
    m_revealed.clear();
    ShowDocument(std::nullopt);
    return;
  }
  if (!m_document) return;
  if (changes.Has(Change::Codings) || changes.Has(Change::Codebook)) LoadCodings();
}

std::optional<CodePointSpan> TranscriptView::Selection() const {
  if (!m_document) return std::nullopt;
  int start = m_text->GetSelectionStart(), end = m_text->GetSelectionEnd();
  if (start > end) std::swap(start, end);
  std::size_t s = m_offsets->CodePointFromByte(static_cast<std::size_t>(start));
  std::size_t e = m_offsets->CodePointFromByte(static_cast<std::size_t>(end));
  // Leave out white space at either end: a coded segment starts and ends with text.
  auto is_space = [&](std::size_t cp) {
    const char c = m_utf8[m_offsets->ByteFromCodePoint(cp)];
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  };
  while (s < e && is_space(s)) ++s;
  while (e > s && is_space(e - 1)) --e;
  if (s >= e) return std::nullopt;
  return CodePointSpan{s, e};
}

wxString TranscriptView::TextOf(std::size_t start, std::size_t end) const {
  if (!m_document) return {};
  end = std::min(end, m_offsets->CodePoints());
  start = std::min(start, end);
  const auto b = m_offsets->ByteFromCodePoint(start);
  return ToWx(std::string_view(m_utf8).substr(b, m_offsets->ByteFromCodePoint(end) - b));
}

void TranscriptView::SelectSpan(std::size_t start, std::size_t end) {
  if (!m_document) return;
  end = std::min(end, m_offsets->CodePoints());
  start = std::min(start, end);
  const int b = static_cast<int>(m_offsets->ByteFromCodePoint(start));
  const int e = static_cast<int>(m_offsets->ByteFromCodePoint(end));
  m_text->GotoPos(b);  // brings the start into view
  m_text->SetSelection(b, e);
  m_text->ScrollRange(e, b);
  m_text->SetFocus();
}

void TranscriptView::SelectCoding(std::int64_t coding_id) {
  for (const auto& c : m_codings) {
    if (c.id == coding_id) {
      SelectSpan(c.start, c.end);
      return;
    }
  }
}

std::vector<const ShownCoding*> TranscriptView::CodingsAtCaret() const {
  std::vector<const ShownCoding*> found;
  if (!m_document) return found;
  const int start = m_text->GetSelectionStart(), end = m_text->GetSelectionEnd();
  for (const auto& c : m_codings) {
    const bool covers_caret = c.start_byte <= start && start < c.end_byte;
    const bool same_as_selection = start != end && c.start_byte == start && c.end_byte == end;
    if (covers_caret || same_as_selection) found.push_back(&c);
  }
  return found;
}

void TranscriptView::RevealCoding(std::int64_t coding_id) {
  m_revealed.insert(coding_id);
  bool changed = false;
  for (auto& c : m_codings) {
    if (c.id == coding_id && c.masked) c.masked = false, changed = true;
  }
  if (changed) PaintCodings();
}

std::optional<std::int64_t> TranscriptView::MaskedCodingAtCaret() const {
  const int pos = m_text->GetCurrentPos();
  for (const auto& c : m_codings) {
    if (c.masked && c.start_byte <= pos && pos <= c.end_byte) return c.id;
  }
  return std::nullopt;
}

void TranscriptView::ShowStripes(bool show) {
  m_stripes->Show(show);
  Layout();
}

bool TranscriptView::StripesShown() const { return m_stripes->IsShown(); }

void TranscriptView::OnKeyDown(wxKeyEvent& event) {
  const int key = event.GetKeyCode();
  if (event.GetModifiers() == wxMOD_NONE) {
    int digit = 0;
    if (key >= '1' && key <= '9') digit = key - '0';
    if (key >= WXK_NUMPAD1 && key <= WXK_NUMPAD9) digit = key - WXK_NUMPAD1 + 1;
    if (digit && on_quick_key) {
      on_quick_key(digit);
      return;
    }
  }
  event.Skip();
}

void TranscriptView::OnIndicatorRelease(wxStyledTextEvent& event) {
  const int pos = event.GetPosition();
  for (const auto& c : m_codings) {
    if (c.masked && c.start_byte <= pos && pos < c.end_byte) {
      OfferReveal(c);
      break;
    }
  }
  event.Skip();
}

void TranscriptView::OfferReveal(const ShownCoding& coding) {
  m_offered = coding.id;
  m_info_bar->ShowMessage(
      wxString::Format(_("This passage is coded \"%s\", which is marked as sensitive. It stays "
                         "hidden until you choose to see it."),
                       coding.label),
      wxICON_INFORMATION);
}

}  // namespace tessera::app
