// The main window's analysis actions: Analysis > Theme Matrix…, Analysis > Agreement… and
// Project > Merge Coder's Copy…. Kept out of main_frame.cpp; each opens its own modeless window.

#include "agreement_view.h"
#include "main_frame.h"
#include "matrix_view.h"
#include "merge_dialog.h"
#include "transcript_view.h"
#include "workspace.h"

namespace tessera::app {

void MainFrame::ShowThemeMatrix() {
  if (!m_workspace->HasProject()) return;
  MatrixView* view = ShowMatrixView(this, *m_workspace);
  view->on_jump = [this](std::int64_t document, std::size_t start, std::size_t end) {
    if (m_transcript->DocumentId() != document && !OpenDocument(document)) return;
    m_transcript->SelectSpan(start, end);
  };
}

void MainFrame::ShowAgreement() {
  if (!m_workspace->HasProject()) return;
  ShowAgreementView(this, *m_workspace);
}

void MainFrame::ShowMergeDialog() {
  if (!m_workspace->HasProject()) return;
  tessera::app::ShowMergeDialog(this, *m_workspace);
}

}  // namespace tessera::app
