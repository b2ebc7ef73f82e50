#pragma once
// The reports and exchange actions of the main window: Reports > Redaction Review and Export
// Quotes, Project > REFI-QDA import and export and sealed copies, Codebook > .qdc and the
// printable codebook. The frame hands these ids here; each opens its own window or dialog.

class wxMenu;
class wxUpdateUIEvent;

namespace tessera::app {

class MainFrame;

/// Appends the REFI-QDA project and sealed-copy items to the Project menu.
void AppendProjectExchangeItems(wxMenu* project);
/// Appends a separator and the codebook import/export items to the Codebook menu.
void AppendCodebookExchangeItems(wxMenu* codebook);
/// The Reports menu: redaction review and quote export.
wxMenu* NewReportsMenu();

/// Runs the report or exchange action `id`. False when `id` is not one of them.
bool RunReportAction(MainFrame& frame, int id);
/// Enables the report or exchange action of `event`. False when it is not one of them.
bool UpdateReportAction(MainFrame& frame, wxUpdateUIEvent& event);

}  // namespace tessera::app
