#pragma once
// The small dialogs of the workspace, each opened through one free function. They only gather
// input; the caller turns it into a command.

#include <wx/string.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "project/code_tree.h"

class wxWindow;

namespace tessera::app {

class Workspace;
struct Preferences;

/// Edits a code's name, colour, description, criteria, example and flags. Returns false on Cancel.
bool ShowCodeEditorDialog(wxWindow* parent, Workspace& workspace, Code& code, bool is_new);

/// What to do with the codings of a code being deleted.
struct DeleteCodeChoice {
  DeletePolicy policy = DeletePolicy::Refuse;
  std::optional<std::int64_t> recode_to;
};
/// Asks how to delete `code` (refuse while coded, recode to another code, or drop its codings).
std::optional<DeleteCodeChoice> ShowDeleteCodeDialog(wxWindow* parent, Workspace& workspace,
                                                     std::int64_t code);

/// Lets the user pick a codable code by typing part of its name; `excluded` codes (and, when
/// `exclude_subtree_of` is set, that code's subtree) are not offered.
std::optional<std::int64_t> ShowCodePickerDialog(
    wxWindow* parent, Workspace& workspace, const wxString& title, const wxString& prompt,
    std::optional<std::int64_t> exclude_subtree_of = {}, bool codable_only = true);

/// Edits a memo's text. Returns nullopt on Cancel.
std::optional<std::string> ShowMemoDialog(wxWindow* parent, const wxString& title,
                                          const wxString& heading, const std::string& text);

/// Shows a transcript's content note before it opens. True: open it now; false: not now.
bool ShowContentNoteDialog(wxWindow* parent, const wxString& document, const std::string& note);

/// Edits the preferences. Returns false on Cancel.
bool ShowPreferencesDialog(wxWindow* parent, Preferences& preferences);

/// Chooses the quick-code key (1-9) for a code; 0 removes it. nullopt on Cancel.
std::optional<int> ShowQuickKeyDialog(wxWindow* parent, Workspace& workspace, std::int64_t code);

}  // namespace tessera::app
