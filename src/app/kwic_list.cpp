#include "kwic_list.h"

#include <wx/intl.h>

#include "text/offset_map.h"
#include "wx_text.h"

namespace tessera::app {

void FillContext(KwicRow& row, std::string_view text, const OffsetMap& offsets,
                 std::size_t context) {
  const std::size_t n = offsets.CodePoints();
  const std::size_t end = std::min(row.end, n);
  const std::size_t start = std::min(row.start, end);
  const std::size_t from = start > context ? start - context : 0;
  const std::size_t to = std::min(n, end + context);
  auto slice = [&](std::size_t a, std::size_t b) {
    const auto ba = offsets.ByteFromCodePoint(a), bb = offsets.ByteFromCodePoint(b);
    return ToWx(text.substr(ba, bb - ba));
  };
  const wxString ellipsis = wxString::FromUTF8("\xE2\x80\xA6");
  row.before = OneLine(slice(from, start), context + 1);
  if (from > 0) row.before = ellipsis + row.before;
  row.hit = row.masked ? _("(hidden passage)") : OneLine(slice(start, end), 400);
  row.after = OneLine(slice(end, to), context);
  if (row.masked) row.before = row.after = wxString();
}

KwicList::KwicList(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_VIRTUAL | wxBORDER_NONE) {
  SetTitles(_("Code"));
  Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) {
    const long item = event.GetIndex();
    if (item >= 0 && static_cast<std::size_t>(item) < m_rows.size() && on_activate)
      on_activate(m_rows[static_cast<std::size_t>(item)]);
  });
}

void KwicList::SetTitles(const wxString& label_title) {
  ClearAll();
  AppendColumn(_("Transcript"), wxLIST_FORMAT_LEFT, FromDIP(140));
  AppendColumn(label_title, wxLIST_FORMAT_LEFT, FromDIP(130));
  AppendColumn(_("Before"), wxLIST_FORMAT_RIGHT, FromDIP(220));
  AppendColumn(_("Passage"), wxLIST_FORMAT_LEFT, FromDIP(380));
  AppendColumn(_("After"), wxLIST_FORMAT_LEFT, FromDIP(220));
  SetItemCount(static_cast<long>(m_rows.size()));
}

void KwicList::SetRows(std::vector<KwicRow> rows) {
  m_rows = std::move(rows);
  SetItemCount(static_cast<long>(m_rows.size()));
  Refresh();
}

std::vector<std::size_t> KwicList::SelectedRows() const {
  std::vector<std::size_t> rows;
  for (long item = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
       item = GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    rows.push_back(static_cast<std::size_t>(item));
  }
  return rows;
}

wxString KwicList::OnGetItemText(long item, long column) const {
  if (item < 0 || static_cast<std::size_t>(item) >= m_rows.size()) return {};
  const KwicRow& row = m_rows[static_cast<std::size_t>(item)];
  switch (column) {
    case 0:
      return row.document_name;
    case 1:
      return row.label;
    case 2:
      return row.before;
    case 3:
      return row.hit;
    case 4:
      return row.after;
    default:
      return {};
  }
}

}  // namespace tessera::app
