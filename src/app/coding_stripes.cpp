#include "coding_stripes.h"

#include <wx/dcbuffer.h>
#include <wx/settings.h>
#include <wx/stc/stc.h>

#include <algorithm>
#include <map>
#include <vector>

#include "transcript_view.h"

namespace tessera::app {
namespace {

constexpr int kBarWidth = 5;
constexpr int kLaneGap = 3;
constexpr int kMaxLanesShown = 12;

}  // namespace

int CodingStripes::LaneWidth() { return kBarWidth + 2 + 14 + kLaneGap; }

CodingStripes::CodingStripes(wxWindow* parent, TranscriptView& view)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxSize(LaneWidth(), -1),
               wxFULL_REPAINT_ON_RESIZE),
      m_view(view) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  Bind(wxEVT_PAINT, &CodingStripes::OnPaint, this);
  Bind(wxEVT_LEFT_DOWN, &CodingStripes::OnClick, this);
  Bind(wxEVT_MOTION, &CodingStripes::OnMotion, this);
  Bind(wxEVT_LEAVE_WINDOW, [this](wxMouseEvent&) {
    m_hover.reset();
    UnsetToolTip();
    Refresh(false);
  });
  Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& event) {
    // Scrolling over the stripes scrolls the transcript.
    m_view.TextCtrl()->GetEventHandler()->ProcessEvent(event);
  });
}

void CodingStripes::UpdateWidth() {
  const int lanes = std::clamp(m_view.LaneCount(), 1, kMaxLanesShown);
  const int width = lanes * LaneWidth() + 4;
  if (GetMinSize().x != width) {
    SetMinSize(wxSize(width, -1));
    GetParent()->Layout();
  }
}

bool CodingStripes::BarRect(std::size_t index, wxRect& rect) const {
  const auto& coding = m_view.Codings()[index];
  if (coding.lane >= kMaxLanesShown) return false;
  wxStyledTextCtrl* text = m_view.TextCtrl();
  const int first = text->DocLineFromVisible(text->GetFirstVisibleLine());
  const int last =
      text->DocLineFromVisible(text->GetFirstVisibleLine() + text->LinesOnScreen() + 1);
  if (coding.last_line < first || coding.first_line > last) return false;
  // Scintilla's client y coordinates match ours: both windows start at the same height.
  const int offset = text->GetPosition().y - GetPosition().y;
  const int line_height = text->TextHeight(coding.last_line);
  int top = text->PointFromPosition(coding.start_byte).y + offset;
  int bottom = text->PointFromPosition(std::max(coding.start_byte, coding.end_byte - 1)).y +
               line_height + offset;
  if (coding.last_line > last) bottom = GetClientSize().y + line_height;
  if (coding.first_line < first) top = -line_height;
  rect = wxRect(2 + coding.lane * LaneWidth(), top + 1, kBarWidth, std::max(4, bottom - top - 2));
  return true;
}

wxRect CodingStripes::StripeRect(std::int64_t coding_id) const {
  const auto& codings = m_view.Codings();
  for (std::size_t i = 0; i < codings.size(); ++i) {
    wxRect rect;
    if (codings[i].id == coding_id && BarRect(i, rect))
      return rect.Intersect(wxRect(GetClientSize()));
  }
  return {};
}

void CodingStripes::OnPaint(wxPaintEvent&) {
  wxAutoBufferedPaintDC dc(this);
  const wxSize size = GetClientSize();
  dc.SetBackground(wxBrush(wxColour(0xFA, 0xFA, 0xFB)));
  dc.Clear();
  dc.SetPen(wxPen(wxColour(0xE3, 0xE5, 0xE8)));
  dc.DrawLine(0, 0, 0, size.y);

  wxFont font = GetFont();
  font.SetPointSize(std::max(7, font.GetPointSize() - 2));
  dc.SetFont(font);
  const auto& codings = m_view.Codings();
  // A label may run past the end of its bar, down to where the next bar of its lane begins.
  std::vector<int> label_limit(codings.size(), size.y);
  std::map<int, std::size_t> last_in_lane;
  std::vector<wxRect> bars(codings.size());
  std::vector<bool> visible(codings.size(), false);
  for (std::size_t i = 0; i < codings.size(); ++i) {
    visible[i] = BarRect(i, bars[i]);
    if (!visible[i]) continue;
    if (auto it = last_in_lane.find(codings[i].lane); it != last_in_lane.end())
      label_limit[it->second] = bars[i].GetTop() - 3;
    last_in_lane[codings[i].lane] = i;
  }
  for (std::size_t i = 0; i < codings.size(); ++i) {
    if (!visible[i]) continue;
    wxRect bar = bars[i];
    const auto& c = codings[i];
    const bool hover = m_hover && *m_hover == c.id;
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(c.colour));
    dc.DrawRoundedRectangle(hover ? bar.Inflate(1, 0) : bar, 2);
    // The name along the bar, top to bottom, cut where the bar ends.
    const int label_x = bar.GetRight() + 2;
    const int top = std::max(bar.GetTop(), 0);
    const int bottom = std::min(label_limit[i], size.y);
    if (bottom - top < 16) continue;
    wxString label = c.label;
    if (c.masked)
      label = wxString::FromUTF8("\xE2\x97\x8C ") + label;  // a dotted circle: hidden passage
    wxDCClipper clip(dc, wxRect(label_x, top, 14, bottom - top));
    dc.SetTextForeground(hover ? wxColour(0, 0, 0) : c.colour.ChangeLightness(55));
    const int text_height = dc.GetCharHeight();
    dc.DrawRotatedText(label, label_x + text_height, top + 2, 270);
  }
}

std::optional<std::int64_t> CodingStripes::CodingAt(const wxPoint& point) const {
  const auto& codings = m_view.Codings();
  std::optional<std::int64_t> best;
  int best_height = 0;
  for (std::size_t i = 0; i < codings.size(); ++i) {
    wxRect bar;
    if (!BarRect(i, bar)) continue;
    // The lane (bar and label) is the target, so that narrow bars are easy to hit.
    wxRect lane(bar.GetLeft() - 1, bar.GetTop(), LaneWidth(), bar.GetHeight());
    if (!lane.Contains(point)) continue;
    if (!best || bar.GetHeight() < best_height) best = codings[i].id, best_height = bar.GetHeight();
  }
  return best;
}

void CodingStripes::OnClick(wxMouseEvent& event) {
  if (auto id = CodingAt(event.GetPosition())) {
    m_view.SelectCoding(*id);
    if (m_view.on_coding_clicked) m_view.on_coding_clicked(*id);
  }
}

void CodingStripes::OnMotion(wxMouseEvent& event) {
  auto id = CodingAt(event.GetPosition());
  if (id == m_hover) return;
  m_hover = id;
  if (id) {
    for (const auto& c : m_view.Codings()) {
      if (c.id == *id) SetToolTip(c.label + " (" + wxString::FromUTF8(c.coder.c_str()) + ")");
    }
  } else {
    UnsetToolTip();
  }
  Refresh(false);
}

}  // namespace tessera::app
