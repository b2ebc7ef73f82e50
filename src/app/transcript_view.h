#pragma once
// The transcript in the middle of the workspace: a read-only wxStyledTextCtrl with speaker turns
// set apart, coded text highlighted in its codes' colours, passages of sensitive codes hidden until
// the reader asks to see them, and the coding stripes beside it. Scintilla positions are UTF-8
// bytes; everything this view gives out or takes in is in code points, converted only through
// OffsetMap.

#include <wx/panel.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "changes.h"
#include "coding_commands.h"
#include "project/document_store.h"
#include "text/offset_map.h"

class wxStyledTextCtrl;
class wxStyledTextEvent;
class wxStaticText;
class wxInfoBar;

namespace tessera::app {

class Workspace;
class CodingStripes;
struct Preferences;

/// A coding as the view shows it.
struct ShownCoding {
  std::int64_t id = 0;
  std::int64_t code_id = 0;
  std::string coder;
  std::size_t start = 0, end = 0;    ///< code points
  int start_byte = 0, end_byte = 0;  ///< Scintilla positions
  int first_line = 0, last_line = 0;
  int lane = 0;  ///< column of its stripe; overlapping codings get different lanes
  wxColour colour;
  wxString label;          ///< the code's name
  bool sensitive = false;  ///< its code (or an ancestor) is marked sensitive
  bool masked = false;     ///< hidden right now
};

/// Shows one document for reading and coding.
class TranscriptView : public wxPanel {
 public:
  TranscriptView(wxWindow* parent, Workspace& workspace);
  ~TranscriptView() override;

  /// Shows a document (nullopt clears the view). @throws DataError, NotFoundError.
  void ShowDocument(std::optional<std::int64_t> document);
  /// The document shown, if any.
  std::optional<std::int64_t> DocumentId() const { return m_document; }
  /// Its metadata (valid while a document is shown).
  const DocumentInfo& Info() const { return m_info; }

  /// The selected text in code points, without surrounding white space; nullopt when empty.
  std::optional<CodePointSpan> Selection() const;
  /// Selects [start, end) code points and scrolls it into view.
  void SelectSpan(std::size_t start, std::size_t end);
  /// Selects a shown coding's text (and scrolls to it).
  void SelectCoding(std::int64_t coding_id);
  /// Codings covering the caret or the selection start.
  std::vector<const ShownCoding*> CodingsAtCaret() const;
  /// The text of [start, end) code points of the shown document.
  wxString TextOf(std::size_t start, std::size_t end) const;
  /// Every coding shown, by start.
  const std::vector<ShownCoding>& Codings() const { return m_codings; }
  /// Number of lanes (stripe columns) in use.
  int LaneCount() const { return m_lanes; }

  /// Shows a hidden passage (the reader asked to).
  void RevealCoding(std::int64_t coding_id);
  /// The hidden passage at the caret, if any.
  std::optional<std::int64_t> MaskedCodingAtCaret() const;

  /// Shows or hides the coding stripes.
  void ShowStripes(bool show);
  bool StripesShown() const;
  /// Re-reads labels that depend on the language.
  void Relabel();
  /// Font size and masking from the preferences.
  void ApplyPreferences(const Preferences& preferences);

  /// The text control (for tests and drag and drop).
  wxStyledTextCtrl* TextCtrl() const { return m_text; }
  /// The bar above the text where the break reminder appears (the frame fills it).
  wxInfoBar* BreakBar() const { return m_break_bar; }
  /// The stripes (for tests).
  CodingStripes* Stripes() const { return m_stripes; }

  /// Called with 1-9 when a digit is pressed in the transcript.
  std::function<void(int key)> on_quick_key;
  /// Called when a stripe is clicked (its coding is then selected).
  std::function<void(std::int64_t coding_id)> on_coding_clicked;
  /// Called on a right click, after the caret moved there.
  std::function<void()> on_context_menu;
  /// Called when the selection changes.
  std::function<void()> on_selection_changed;

 private:
  void SetUpControl();
  void UpdateHeading();
  void ApplyLanguageFont();
  void StyleTurns();
  void LoadCodings();
  void PaintCodings();
  void OnChanges(Changes changes);
  void OnKeyDown(wxKeyEvent& event);
  void OnIndicatorRelease(wxStyledTextEvent& event);
  void OfferReveal(const ShownCoding& coding);

  Workspace& m_workspace;
  ChangeSignal::Connection m_connection;
  wxStaticText* m_title = nullptr;
  wxStaticText* m_subtitle = nullptr;
  wxInfoBar* m_info_bar = nullptr;
  wxInfoBar* m_break_bar = nullptr;
  wxStyledTextCtrl* m_text = nullptr;
  CodingStripes* m_stripes = nullptr;

  std::optional<std::int64_t> m_document;
  DocumentInfo m_info;
  std::string m_utf8;
  std::unique_ptr<OffsetMap> m_offsets;
  std::vector<Turn> m_turns;
  std::vector<ShownCoding> m_codings;
  int m_lanes = 0;
  std::set<std::int64_t> m_revealed;  // coding ids the reader chose to see (for this session)
  std::optional<std::int64_t> m_offered;
  bool m_mask_sensitive = true;
  int m_font_size = 11;
  int m_last_selection_start = -1, m_last_selection_end = -1;
};

}  // namespace tessera::app
