#include "codebook_panel.h"

#include <wx/dnd.h>
#include <wx/imaglist.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>

#include <set>

#include "workspace.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

// Tree items carry their code's id.
class CodeItemData : public wxTreeItemData {
 public:
  explicit CodeItemData(std::int64_t id) : m_id(id) {}
  std::int64_t Id() const { return m_id; }

 private:
  std::int64_t m_id;
};

wxBitmap Swatch(const wxColour& colour, int size) {
  wxImage image(size, size);
  const wxColour border = colour.ChangeLightness(70);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const bool edge = x == 0 || y == 0 || x == size - 1 || y == size - 1;
      const wxColour& c = edge ? border : colour;
      image.SetRGB(x, y, c.Red(), c.Green(), c.Blue());
    }
  }
  return wxBitmap(image);
}

}  // namespace

// Text dragged from the transcript and dropped on a code applies that code to the selection (the
// dragged text itself is not needed: the transcript's selection says exactly what was chosen).
class CodebookPanel::TextDrop : public wxTextDropTarget {
 public:
  explicit TextDrop(CodebookPanel& panel) : m_panel(panel) {}
  wxDragResult OnDragOver(wxCoord x, wxCoord y, wxDragResult) override {
    int flags = 0;
    const wxTreeItemId item = m_panel.m_tree->HitTest(wxPoint(x, y), flags);
    if (m_highlighted.IsOk() && m_highlighted != item)
      m_panel.m_tree->SetItemDropHighlight(m_highlighted, false);
    m_highlighted = item;
    if (item.IsOk()) m_panel.m_tree->SetItemDropHighlight(item, true);
    return item.IsOk() ? wxDragCopy : wxDragNone;
  }
  void OnLeave() override {
    if (m_highlighted.IsOk()) m_panel.m_tree->SetItemDropHighlight(m_highlighted, false);
    m_highlighted = wxTreeItemId();
  }
  bool OnDropText(wxCoord x, wxCoord y, const wxString&) override {
    OnLeave();
    int flags = 0;
    const auto code = m_panel.CodeOf(m_panel.m_tree->HitTest(wxPoint(x, y), flags));
    if (!code || !m_panel.on_apply) return false;
    // After the drag has finished: the transcript must see the end of its own drag first.
    m_panel.CallAfter([panel = &m_panel, id = *code] { panel->on_apply(id); });
    return true;
  }

 private:
  CodebookPanel& m_panel;
  wxTreeItemId m_highlighted;
};

CodebookPanel::CodebookPanel(wxWindow* parent, Workspace& workspace)
    : wxPanel(parent, wxID_ANY), m_workspace(workspace) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_search = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                              wxTE_PROCESS_ENTER);
  m_search->ShowCancelButton(true);
  m_tree = new wxTreeCtrl(
      this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
      wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT | wxTR_SINGLE | wxBORDER_NONE);
  sizer->Add(m_search, 0, wxEXPAND | wxALL, 4);
  sizer->Add(m_tree, 1, wxEXPAND);
  SetSizer(sizer);
  m_tree->SetDropTarget(new TextDrop(*this));
  Relabel();

  m_tree->Bind(wxEVT_TREE_ITEM_ACTIVATED, [this](wxTreeEvent& event) {
    if (auto code = CodeOf(event.GetItem()); code && on_apply) on_apply(*code);
  });
  m_tree->Bind(wxEVT_TREE_BEGIN_DRAG, &CodebookPanel::OnBeginDrag, this);
  m_tree->Bind(wxEVT_TREE_END_DRAG, &CodebookPanel::OnEndDrag, this);
  m_tree->Bind(wxEVT_TREE_ITEM_MENU, [this](wxTreeEvent& event) {
    m_tree->SelectItem(event.GetItem());
    if (on_context_menu) on_context_menu();
  });
  m_tree->Bind(wxEVT_TREE_ITEM_GETTOOLTIP, [this](wxTreeEvent& event) {
    if (auto code = CodeOf(event.GetItem())) {
      if (const Code* c = m_workspace.FindCode(*code)) {
        wxString tip = ToWx(c->path);
        if (!c->description.empty()) tip << "\n\n" << ToWx(c->description);
        if (c->sensitive)
          tip << "\n\n" << _("Sensitive: its passages are hidden until you choose to see them.");
        event.SetToolTip(tip);
      }
    }
  });
  m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { Rebuild(); });
  m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
    m_search->Clear();
    Rebuild();
  });
  m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { OnSearchEnter(); });
  m_search->Bind(wxEVT_SEARCHCTRL_SEARCH_BTN, [this](wxCommandEvent&) { OnSearchEnter(); });
  m_search->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
    const int key = event.GetKeyCode();
    if (key == WXK_ESCAPE) {
      m_search->Clear();
      Rebuild();
      if (on_leave_search) on_leave_search();
      return;
    }
    if (key == WXK_DOWN || key == WXK_UP) {
      // Arrow keys walk the (filtered) tree while typing.
      wxTreeItemId item = m_tree->GetSelection();
      wxTreeItemId next;
      if (!item.IsOk()) {
        wxTreeItemIdValue cookie;
        next = m_tree->GetFirstChild(m_tree->GetRootItem(), cookie);
      } else {
        next = key == WXK_DOWN ? m_tree->GetNextVisible(item) : m_tree->GetPrevVisible(item);
      }
      if (next.IsOk()) m_tree->SelectItem(next);
      return;
    }
    event.Skip();
  });
  m_connection = m_workspace.Subscribe([this](Changes changes) { OnChanges(changes); });
  Rebuild();
}

CodebookPanel::~CodebookPanel() = default;

void CodebookPanel::Relabel() {
  m_search->SetDescriptiveText(_("Find a code (Ctrl+K)"));
  m_search->SetToolTip(
      _("Type part of a code's name; Enter applies it to the selected text, Escape goes back."));
}

std::optional<std::int64_t> CodebookPanel::CodeOf(const wxTreeItemId& item) const {
  if (!item.IsOk()) return std::nullopt;
  auto* data = dynamic_cast<CodeItemData*>(m_tree->GetItemData(item));
  if (!data) return std::nullopt;
  return data->Id();
}

std::optional<std::int64_t> CodebookPanel::SelectedCode() const {
  return CodeOf(m_tree->GetSelection());
}

wxTreeItemId CodebookPanel::ItemOf(std::int64_t code) const {
  auto it = m_items.find(code);
  return it == m_items.end() ? wxTreeItemId() : it->second;
}

void CodebookPanel::SelectCode(std::int64_t code) {
  wxTreeItemId item = ItemOf(code);
  if (!item.IsOk()) return;
  m_tree->EnsureVisible(item);
  m_tree->SelectItem(item);
}

void CodebookPanel::FocusSearch() {
  m_search->SetFocus();
  m_search->SelectAll();
}

void CodebookPanel::OnChanges(Changes changes) {
  if (changes.Has(Change::Codebook) || changes.Has(Change::Codings) ||
      changes.Has(Change::QuickCodes))
    Rebuild();
}

void CodebookPanel::Rebuild() {
  if (m_rebuilding) return;
  m_rebuilding = true;
  const auto selected = SelectedCode();
  std::set<std::int64_t> collapsed;
  for (const auto& [id, item] : m_items) {
    if (m_tree->ItemHasChildren(item) && !m_tree->IsExpanded(item)) collapsed.insert(id);
  }
  const bool first_build = m_items.empty();

  m_tree->Freeze();
  m_tree->DeleteAllItems();
  m_items.clear();
  const wxTreeItemId root = m_tree->AddRoot("codes");
  const auto& codes = m_workspace.Codes();
  const auto& counts = m_workspace.CodeCounts();

  // Filter: a code is shown when its path contains the search text, with its ancestors.
  const wxString filter = m_search->GetValue().Lower().Trim().Trim(false);
  std::set<std::int64_t> shown;
  if (!filter.empty()) {
    std::map<std::int64_t, std::optional<std::int64_t>> parent;
    for (const auto& c : codes) parent[c.id] = c.parent_id;
    for (const auto& c : codes) {
      if (!ToWx(c.path).Lower().Contains(filter)) continue;
      for (std::optional<std::int64_t> id = c.id; id; id = parent[*id]) shown.insert(*id);
    }
  }

  auto* images = new wxImageList(12, 12, true);
  std::map<unsigned long, int> image_of;
  for (const auto& c : codes) {
    if (!filter.empty() && !shown.count(c.id)) continue;
    const wxColour colour = m_workspace.CodeColour(c);
    const unsigned long rgb = colour.GetRGB();
    if (!image_of.count(rgb)) image_of[rgb] = images->Add(Swatch(colour, 12));
  }
  m_tree->AssignImageList(images);

  for (const auto& c : codes) {
    if (!filter.empty() && !shown.count(c.id)) continue;
    const wxTreeItemId parent =
        c.parent_id && m_items.count(*c.parent_id) ? m_items[*c.parent_id] : root;
    wxString label;
    if (const int key = m_workspace.QuickKeyOf(c.id)) label << "[" << key << "] ";
    label << ToWx(c.name);
    if (auto it = counts.find(c.id); it != counts.end()) label << "  (" << it->second.first << ")";
    const wxTreeItemId item = m_tree->AppendItem(
        parent, label, image_of[m_workspace.CodeColour(c).GetRGB()], -1, new CodeItemData(c.id));
    if (!c.codable) m_tree->SetItemTextColour(item, wxColour(0x60, 0x66, 0x70));
    if (c.sensitive) {
      wxFont font = m_tree->GetFont();
      font.MakeItalic();
      m_tree->SetItemFont(item, font);
    }
    m_items[c.id] = item;
  }
  for (const auto& [id, item] : m_items) {
    if (!m_tree->ItemHasChildren(item)) continue;
    if (!filter.empty() || first_build || !collapsed.count(id)) m_tree->Expand(item);
  }
  if (selected && m_items.count(*selected)) {
    m_tree->SelectItem(m_items[*selected]);
  } else if (!filter.empty()) {
    // Select the first code whose own name matches, so that Enter applies it.
    for (const auto& c : codes) {
      if (m_items.count(c.id) && ToWx(c.name).Lower().Contains(filter) && c.codable) {
        m_tree->SelectItem(m_items[c.id]);
        break;
      }
    }
  }
  m_tree->Thaw();
  m_rebuilding = false;
}

void CodebookPanel::OnSearchEnter() {
  auto code = SelectedCode();
  if (!code) return;
  if (on_apply) on_apply(*code);
}

void CodebookPanel::OnBeginDrag(wxTreeEvent& event) {
  if (!CodeOf(event.GetItem())) return;
  m_dragged = event.GetItem();
  event.Allow();
}

void CodebookPanel::OnEndDrag(wxTreeEvent& event) {
  const auto code = CodeOf(m_dragged);
  m_dragged = wxTreeItemId();
  if (!code || !on_move) return;
  const auto target = CodeOf(event.GetItem());
  if (target == code) return;
  const bool before = wxGetKeyState(WXK_SHIFT);
  on_move(*code, target, before && target.has_value());
}

}  // namespace tessera::app
