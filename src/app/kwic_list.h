#pragma once
// A list of passages in keyword-in-context form (document, label, the text before, the passage,
// the text after), shared by retrieval and search. Activating a row jumps to it.

#include <wx/listctrl.h>

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace tessera {
class OffsetMap;
}

namespace tessera::app {

/// One row: a range of a document with its context.
struct KwicRow {
  std::int64_t document = 0;
  wxString document_name;
  std::size_t start = 0, end = 0;  ///< code points of the document
  wxString label;                  ///< code, coder, or passage information
  wxString before, hit, after;     ///< the text around and of the range, on one line
  bool masked = false;             ///< a sensitive passage: the text is not shown
};

/// Fills `row.before`, `row.hit` and `row.after` from the document text (code points via
/// `offsets`).
void FillContext(KwicRow& row, std::string_view text, const OffsetMap& offsets,
                 std::size_t context = 50);

/// A virtual report list of KwicRows.
class KwicList : public wxListCtrl {
 public:
  explicit KwicList(wxWindow* parent);
  /// Replaces the rows.
  void SetRows(std::vector<KwicRow> rows);
  /// The rows shown.
  const std::vector<KwicRow>& Rows() const { return m_rows; }
  /// Indexes of the selected rows.
  std::vector<std::size_t> SelectedRows() const;
  /// Sets the column titles (translated); `label_title` names the second column.
  void SetTitles(const wxString& label_title);

  /// A row was activated (double-click or Enter).
  std::function<void(const KwicRow&)> on_activate;

 protected:
  wxString OnGetItemText(long item, long column) const override;

 private:
  std::vector<KwicRow> m_rows;
};

}  // namespace tessera::app
