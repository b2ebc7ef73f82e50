#include "actions.h"

#include <wx/intl.h>

namespace tessera::app {

const std::vector<ActionInfo>& AllActions() {
  // TRANSLATORS: '&' marks the mnemonic letter of a menu item; keep one in your translation.
  static const std::vector<ActionInfo> actions = {
      {"project/new", kProjectNew, wxTRANSLATE("&New Project..."),
       wxTRANSLATE("Create a new, empty project file"), "Ctrl+N"},
      {"project/open", kProjectOpen, wxTRANSLATE("&Open Project..."),
       wxTRANSLATE("Open an existing project file"), "Ctrl+O"},
      {"project/close", kProjectClose, wxTRANSLATE("&Close Project"),
       wxTRANSLATE("Close the open project"), ""},
      {"project/import", kProjectImport, wxTRANSLATE("&Import Transcripts..."),
       wxTRANSLATE("Import transcripts from files or folders, with their variables"), "Ctrl+I"},
      {"project/variables", kProjectVariables, wxTRANSLATE("Import &Variables..."),
       wxTRANSLATE("Apply a CSV of case and document variables"), ""},
      {"project/quit", kProjectQuit, wxTRANSLATE("&Quit"), wxTRANSLATE("Close Tessera"), "Ctrl+Q"},
      {"edit/undo", wxID_UNDO, wxTRANSLATE("&Undo"), wxTRANSLATE("Undo the last action"), "Ctrl+Z"},
      {"edit/redo", wxID_REDO, wxTRANSLATE("&Redo"), wxTRANSLATE("Redo the action just undone"),
       "Ctrl+Y"},
      {"edit/find-code", kEditFindCode, wxTRANSLATE("Find &Code"),
       wxTRANSLATE("Type part of a code's name, then Enter to apply it"), "Ctrl+K"},
      {"edit/search", kEditSearch, wxTRANSLATE("&Search Transcripts"),
       wxTRANSLATE("Search the words of every transcript"), "Ctrl+F"},
      {"edit/preferences", kEditPreferences, wxTRANSLATE("&Preferences..."),
       wxTRANSLATE("Reading, breaks, hidden passages and text size"), ""},
      {"document/memo", kDocumentMemo, wxTRANSLATE("Document &Memo..."),
       wxTRANSLATE("Write a memo about this transcript"), "Ctrl+M"},
      {"document/content-note", kDocumentContentNote, wxTRANSLATE("Content &Note..."),
       wxTRANSLATE("The note shown before this transcript opens"), ""},
      {"document/add-to-set", kDocumentAddToSet, wxTRANSLATE("Add to &Set..."),
       wxTRANSLATE("Put the selected transcripts in a named set"), ""},
      {"coding/apply-code", kCodingApply, wxTRANSLATE("&Apply Selected Code"),
       wxTRANSLATE("Code the selected text with the code selected in the codebook"), "Ctrl+Enter"},
      {"coding/remove", kCodingRemove, wxTRANSLATE("&Remove Coding"),
       wxTRANSLATE("Remove the selected coding"), ""},
      {"coding/change-code", kCodingChangeCode, wxTRANSLATE("C&hange Code..."),
       wxTRANSLATE("Give the selected coding another code"), ""},
      {"coding/memo", kCodingMemo, wxTRANSLATE("Coding M&emo..."),
       wxTRANSLATE("Write a memo on the selected coding"), ""},
      {"coding/show-passage", kCodingShowPassage, wxTRANSLATE("Show Hidden &Passage"),
       wxTRANSLATE("Show the hidden passage at the cursor"), ""},
      {"coding/quick-code-1", kCodingQuick1 + 0, wxTRANSLATE("Quick Code &1"),
       wxTRANSLATE("Apply the code on key 1"), "Alt+1"},
      {"coding/quick-code-2", kCodingQuick1 + 1, wxTRANSLATE("Quick Code &2"),
       wxTRANSLATE("Apply the code on key 2"), "Alt+2"},
      {"coding/quick-code-3", kCodingQuick1 + 2, wxTRANSLATE("Quick Code &3"),
       wxTRANSLATE("Apply the code on key 3"), "Alt+3"},
      {"coding/quick-code-4", kCodingQuick1 + 3, wxTRANSLATE("Quick Code &4"),
       wxTRANSLATE("Apply the code on key 4"), "Alt+4"},
      {"coding/quick-code-5", kCodingQuick1 + 4, wxTRANSLATE("Quick Code &5"),
       wxTRANSLATE("Apply the code on key 5"), "Alt+5"},
      {"coding/quick-code-6", kCodingQuick1 + 5, wxTRANSLATE("Quick Code &6"),
       wxTRANSLATE("Apply the code on key 6"), "Alt+6"},
      {"coding/quick-code-7", kCodingQuick1 + 6, wxTRANSLATE("Quick Code &7"),
       wxTRANSLATE("Apply the code on key 7"), "Alt+7"},
      {"coding/quick-code-8", kCodingQuick1 + 7, wxTRANSLATE("Quick Code &8"),
       wxTRANSLATE("Apply the code on key 8"), "Alt+8"},
      {"coding/quick-code-9", kCodingQuick1 + 8, wxTRANSLATE("Quick Code &9"),
       wxTRANSLATE("Apply the code on key 9"), "Alt+9"},
      {"codebook/add-code", kCodebookAdd, wxTRANSLATE("&New Code..."),
       wxTRANSLATE("Add a code at the top of the codebook"), "Ctrl+Shift+N"},
      {"codebook/add-child", kCodebookAddChild, wxTRANSLATE("New S&ub-code..."),
       wxTRANSLATE("Add a code under the selected code"), ""},
      {"codebook/rename", kCodebookRename, wxTRANSLATE("Re&name Code..."),
       wxTRANSLATE("Rename the selected code"), "F2"},
      {"codebook/edit", kCodebookEdit, wxTRANSLATE("&Edit Code..."),
       wxTRANSLATE("Colour, definition, criteria and flags of the selected code"), ""},
      {"codebook/merge", kCodebookMerge, wxTRANSLATE("&Merge Into..."),
       wxTRANSLATE("Merge the selected code into another code"), ""},
      {"codebook/delete", kCodebookDelete, wxTRANSLATE("&Delete Code..."),
       wxTRANSLATE("Delete the selected code"), ""},
      {"codebook/assign-key", kCodebookAssignKey, wxTRANSLATE("Put on Quick &Key..."),
       wxTRANSLATE("Choose the key (1-9) that applies the selected code"), ""},
      {"codebook/retrieve", kCodebookRetrieve, wxTRANSLATE("Re&trieve Segments"),
       wxTRANSLATE("List every segment coded with the selected code"), ""},
      {"codebook/memo", kCodebookMemo, wxTRANSLATE("Code M&emo..."),
       wxTRANSLATE("Write a memo about the selected code"), ""},
      {"view/stripes", kViewStripes, wxTRANSLATE("Coding &Stripes"),
       wxTRANSLATE("Show the coding stripes beside the transcript"), "", wxITEM_CHECK},
      {"view/reset-layout", kViewResetLayout, wxTRANSLATE("&Reset Layout"),
       wxTRANSLATE("Put every panel back in its place"), ""},
      {"coder/switch", kCoderSwitch, wxTRANSLATE("&Other Coder..."),
       wxTRANSLATE("Code as someone not in the list"), ""},
      {"help/guide", kHelpGuide, wxTRANSLATE("&Keyboard and Layout"),
       wxTRANSLATE("How the workspace is laid out"), "F1"},
      {"help/about", kHelpAbout, wxTRANSLATE("&About Tessera"), wxTRANSLATE("Version and licence"),
       ""},
      // Analysis views: theme matrix, agreement, merge of coders' copies.
      {"analysis/matrix", kAnalysisMatrix, wxTRANSLATE("Theme &Matrix..."),
       wxTRANSLATE("Codes against groups of participants, with small cells suppressed"), ""},
      {"analysis/agreement", kAnalysisAgreement, wxTRANSLATE("&Agreement..."),
       wxTRANSLATE("Compare coders code by code and settle their disagreements"), ""},
      {"project/merge", kProjectMerge, wxTRANSLATE("&Merge Coder's Copy..."),
       wxTRANSLATE("Bring in the codings, memos and new codes of a coder's copy"), ""},
      // Reports and exchange (report_actions.cpp).
      {"reports/redaction-review", kReportsRedactionReview, wxTRANSLATE("&Redaction Review..."),
       wxTRANSLATE("See what redaction finds in a transcript or in a code's quotes, and decide"),
       ""},
      {"reports/export-quotes", kReportsExportQuotes, wxTRANSLATE("Export &Quotes..."),
       wxTRANSLATE("Anonymised, attributed quotes of a code as DOCX, HTML, Markdown or CSV"), ""},
      {"project/import-qdpx", kProjectImportQdpx, wxTRANSLATE("Import REFI-QDA Project (.qdpx)..."),
       wxTRANSLATE("Create a new project from a REFI-QDA project of another tool"), ""},
      {"project/export-qdpx", kProjectExportQdpx, wxTRANSLATE("&Export REFI-QDA Project..."),
       wxTRANSLATE("Write the whole project as a REFI-QDA project (.qdpx)"), ""},
      {"project/send-sealed", kProjectSendSealed, wxTRANSLATE("Send Sealed &Copy to a Coder..."),
       wxTRANSLATE("Encrypt a copy of the project with a passphrase"), ""},
      {"project/open-sealed", kProjectOpenSealed, wxTRANSLATE("Open Sea&led Copy..."),
       wxTRANSLATE("Decrypt a sealed copy into a new project and open it"), ""},
      {"codebook/import-qdc", kCodebookImportQdc, wxTRANSLATE("&Import Codebook (.qdc)..."),
       wxTRANSLATE("Add the codes of a REFI-QDA codebook"), ""},
      {"codebook/export-qdc", kCodebookExportQdc, wxTRANSLATE("E&xport Codebook (.qdc)..."),
       wxTRANSLATE("Write the codebook as a REFI-QDA codebook"), ""},
      {"codebook/export-printable", kCodebookExportPrintable,
       wxTRANSLATE("Export &Printable Codebook..."),
       wxTRANSLATE("Write the codebook with definitions and counts as Markdown, HTML or DOCX"),
       ""},
  };
  return actions;
}

const ActionInfo* FindAction(std::string_view id) {
  for (const auto& a : AllActions()) {
    if (id == a.id) return &a;
  }
  return nullptr;
}

const ActionInfo* FindAction(int wx_id) {
  for (const auto& a : AllActions()) {
    if (a.wx_id == wx_id) return &a;
  }
  return nullptr;
}

wxString MenuLabel(const ActionInfo& action) {
  wxString label = wxGetTranslation(action.label);
  if (*action.shortcut) label << '\t' << action.shortcut;
  return label;
}

wxString HelpText(const ActionInfo& action) { return wxGetTranslation(action.help); }

}  // namespace tessera::app
