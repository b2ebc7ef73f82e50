#pragma once
// Every user action has a stable id ("coding/apply-code"), a translatable label and help text, an
// optional shortcut and a wx id. Menus, toolbars and tests find actions by their id.

#include <wx/defs.h>
#include <wx/string.h>

#include <string_view>
#include <vector>

namespace tessera::app {

/// One entry of the action table.
struct ActionInfo {
  const char* id;        ///< stable id, e.g. "coding/apply-code"
  int wx_id;             ///< the menu/event id
  const char* label;     ///< English label with mnemonic, marked with wxTRANSLATE
  const char* help;      ///< English help text for the status bar, marked with wxTRANSLATE
  const char* shortcut;  ///< accelerator as wx writes it ("Ctrl+Z"), or ""
  wxItemKind kind = wxITEM_NORMAL;
};

/// The wx ids of actions (undo and redo use wxID_UNDO and wxID_REDO), so that event tables and
/// tests can name them.
enum ActionId : int {
  kActionFirst = wxID_HIGHEST + 500,
  kProjectNew = kActionFirst,
  kProjectOpen,
  kProjectClose,
  kProjectImport,
  kProjectVariables,
  kProjectQuit,
  kEditFindCode,
  kEditSearch,
  kEditPreferences,
  kDocumentMemo,
  kDocumentContentNote,
  kDocumentAddToSet,
  kCodingApply,
  kCodingRemove,
  kCodingChangeCode,
  kCodingMemo,
  kCodingShowPassage,
  kCodingQuick1,  // … kCodingQuick1 + 8
  kCodingQuick9 = kCodingQuick1 + 8,
  kCodebookAdd,
  kCodebookAddChild,
  kCodebookRename,
  kCodebookEdit,
  kCodebookMerge,
  kCodebookDelete,
  kCodebookAssignKey,
  kCodebookRetrieve,
  kCodebookMemo,
  kViewStripes,
  kViewResetLayout,
  kCoderSwitch,
  kHelpGuide,
  kHelpAbout,
  // Analysis views (issue 9, parts 1-3): theme matrix, agreement, merge of coders' copies.
  kAnalysisMatrix,
  kAnalysisAgreement,
  kProjectMerge,
  // Reports and exchange: redaction review, quotes, REFI-QDA, sealed copies (report_actions.cpp).
  kReportsRedactionReview,
  kReportsExportQuotes,
  kProjectImportQdpx,
  kProjectExportQdpx,
  kProjectSendSealed,
  kProjectOpenSealed,
  kCodebookImportQdc,
  kCodebookExportQdc,
  kCodebookExportPrintable,
  kActionLast,
  // Dynamic menu ranges (languages, coders, recent files use wxID_FILE1…).
  kLanguageFirst = kActionFirst + 200,
  kLanguageLast = kLanguageFirst + 40,
  kCoderFirst = kLanguageLast + 1,
  kCoderLast = kCoderFirst + 60,
};

/// Every action, in menu order.
const std::vector<ActionInfo>& AllActions();
/// The action with this id, or nullptr.
const ActionInfo* FindAction(std::string_view id);
/// The action with this wx id, or nullptr.
const ActionInfo* FindAction(int wx_id);
/// The translated label with its shortcut ("&Undo\tCtrl+Z").
wxString MenuLabel(const ActionInfo& action);
/// The translated help text.
wxString HelpText(const ActionInfo& action);

}  // namespace tessera::app
