#include "segments_panel.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/stc/stc.h>
#include <wx/textctrl.h>

#include "memo_commands.h"
#include "project/coding_store.h"
#include "project/project.h"
#include "transcript_view.h"
#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {

// A virtual list: thousands of codings in a long transcript cost nothing to show.
class SegmentList : public wxListCtrl {
 public:
  SegmentList(wxWindow* parent, SegmentsPanel& panel)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_VIRTUAL | wxBORDER_NONE),
        m_panel(panel) {}
  wxString OnGetItemText(long item, long column) const override {
    if (item < 0 || static_cast<std::size_t>(item) >= m_panel.m_rows.size()) return {};
    const auto& row = m_panel.m_rows[static_cast<std::size_t>(item)];
    switch (column) {
      case 0:
        return row.code;
      case 1:
        return row.coder;
      case 2:
        return row.text;
      case 3:
        return row.memo;
      default:
        return {};
    }
  }
  wxItemAttr* OnGetItemAttr(long item) const override {
    if (item < 0 || static_cast<std::size_t>(item) >= m_panel.m_rows.size()) return nullptr;
    m_attr.SetTextColour(m_panel.m_rows[static_cast<std::size_t>(item)].colour);
    return &m_attr;
  }

 private:
  SegmentsPanel& m_panel;
  mutable wxItemAttr m_attr;
};

SegmentsPanel::SegmentsPanel(wxWindow* parent, Workspace& workspace, TranscriptView& view)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace), m_view(view) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_heading = new wxStaticText(this, wxID_ANY, wxString());
  m_list = new SegmentList(this, *this);
  m_memo_heading = new wxStaticText(this, wxID_ANY, wxString());
  m_memo = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxSize(-1, FromDIP(90)),
                          wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
  m_edit_memo = new wxButton(this, wxID_ANY, wxString());
  sizer->Add(m_heading, 0, wxALL, 4);
  sizer->Add(m_list, 3, wxEXPAND);
  sizer->Add(m_memo_heading, 0, wxLEFT | wxRIGHT | wxTOP, 4);
  sizer->Add(m_memo, 1, wxEXPAND | wxALL, 4);
  sizer->Add(m_edit_memo, 0, wxALIGN_RIGHT | wxLEFT | wxRIGHT | wxBOTTOM, 4);
  SetSizer(sizer);
  Relabel();

  m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
    if (m_selecting) return;
    const long row = event.GetIndex();
    if (row >= 0 && static_cast<std::size_t>(row) < m_rows.size())
      m_view.SelectCoding(m_rows[static_cast<std::size_t>(row)].coding);
    m_list->SetFocus();
  });
  m_list->Bind(wxEVT_LIST_ITEM_RIGHT_CLICK, [this](wxListEvent&) {
    if (on_context_menu) on_context_menu();
  });
  m_list->Bind(wxEVT_LIST_KEY_DOWN, [this](wxListEvent& event) {
    if ((event.GetKeyCode() == WXK_DELETE || event.GetKeyCode() == WXK_BACK) && on_remove)
      on_remove();
  });
  m_edit_memo->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (on_edit_memo) on_edit_memo();
  });
  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
}

SegmentsPanel::~SegmentsPanel() = default;

void SegmentsPanel::Relabel() {
  m_memo_heading->SetLabel(_("Transcript memo"));
  m_edit_memo->SetLabel(_("Edit Memo..."));
  m_list->ClearAll();
  m_list->AppendColumn(_("Code"), wxLIST_FORMAT_LEFT, FromDIP(120));
  m_list->AppendColumn(_("Coder"), wxLIST_FORMAT_LEFT, FromDIP(60));
  m_list->AppendColumn(_("Text"), wxLIST_FORMAT_LEFT, FromDIP(220));
  m_list->AppendColumn(_("Memo"), wxLIST_FORMAT_LEFT, FromDIP(100));
  Reload();
}

void SegmentsPanel::OnChanges(Changes changes) {
  if (changes.Has(Change::Memos) || changes.Has(Change::Project)) Reload();
}

int SegmentsPanel::RowCount() const { return m_list->GetItemCount(); }

void SegmentsPanel::Reload() {
  m_rows.clear();
  const auto document = m_view.DocumentId();
  if (document && m_workspace.HasProject()) {
    // Memos come from the store; positions, codes, texts and masking from the view.
    CodingFilter filter;
    filter.documents = {*document};
    filter.with_text = false;
    std::map<std::int64_t, std::string> memos;
    for (auto& c : CodingStore(m_workspace.GetProject().Db()).List(filter)) {
      if (!c.memo.empty()) memos[c.id] = std::move(c.memo);
    }
    m_rows.reserve(m_view.Codings().size());
    for (const auto& shown : m_view.Codings()) {
      Row row;
      row.coding = shown.id;
      row.code = shown.label;
      row.coder = ToWx(shown.coder);
      row.text = shown.masked ? _("(hidden passage)")
                              : OneLine(m_view.TextOf(shown.start, shown.end), 160);
      if (auto it = memos.find(shown.id); it != memos.end())
        row.memo = OneLine(ToWx(it->second), 80);
      row.colour = shown.colour.ChangeLightness(50);
      m_rows.push_back(std::move(row));
    }
    m_heading->SetLabel(wxString::Format(
        wxPLURAL("%zu coded segment", "%zu coded segments", m_rows.size()), m_rows.size()));
    m_memo->ChangeValue(ToWx(MemoText(m_workspace.GetProject(), "document", *document)));
    m_edit_memo->Enable();
  } else {
    m_heading->SetLabel(_("No transcript open"));
    m_memo->ChangeValue(wxString());
    m_edit_memo->Disable();
  }
  for (long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
       item = m_list->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    m_list->SetItemState(item, 0, wxLIST_STATE_SELECTED);
  }
  m_list->SetItemCount(static_cast<long>(m_rows.size()));
  m_list->Refresh();
  Layout();
}

std::vector<std::int64_t> SegmentsPanel::SelectedCodings() const {
  std::vector<std::int64_t> ids;
  for (long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
       item = m_list->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    if (static_cast<std::size_t>(item) < m_rows.size())
      ids.push_back(m_rows[static_cast<std::size_t>(item)].coding);
  }
  return ids;
}

void SegmentsPanel::SelectCoding(std::int64_t coding_id) {
  m_selecting = true;
  for (long item = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item >= 0;
       item = m_list->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    m_list->SetItemState(item, 0, wxLIST_STATE_SELECTED);
  }
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    if (m_rows[i].coding != coding_id) continue;
    const long row = static_cast<long>(i);
    m_list->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                         wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    m_list->EnsureVisible(row);
    break;
  }
  m_selecting = false;
}

}  // namespace tessera::app
