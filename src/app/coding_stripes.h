#pragma once
// The coding stripes beside the transcript: one vertical bar per coding, in its code's colour, from
// its first to its last line, with the code's name written along it. Overlapping codings sit in
// separate lanes. Clicking a stripe selects its coding's text.

#include <wx/window.h>

#include <cstdint>
#include <optional>

namespace tessera::app {

class TranscriptView;

/// Custom-drawn stripes that follow the transcript's scrolling.
class CodingStripes : public wxWindow {
 public:
  CodingStripes(wxWindow* parent, TranscriptView& view);

  /// Width for the lanes in use.
  void UpdateWidth();
  /// The coding whose stripe is at `point` (client coordinates), if any.
  std::optional<std::int64_t> CodingAt(const wxPoint& point) const;
  /// The stripe rectangle of a coding as drawn now (empty when not visible); for tests.
  wxRect StripeRect(std::int64_t coding_id) const;

  /// Width of one lane in pixels.
  static int LaneWidth();

 private:
  void OnPaint(wxPaintEvent& event);
  void OnClick(wxMouseEvent& event);
  void OnMotion(wxMouseEvent& event);
  bool BarRect(std::size_t index, wxRect& rect) const;

  TranscriptView& m_view;
  std::optional<std::int64_t> m_hover;
};

}  // namespace tessera::app
