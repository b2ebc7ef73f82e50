#include "progress_dialog_sink.h"

#include <wx/progdlg.h>

#include "wx_text.h"

namespace tessera::app {

namespace {
constexpr int kRange = 1000;
}

ProgressDialogSink::ProgressDialogSink(wxWindow* parent, const wxString& title,
                                       const wxString& first_message)
    : m_dialog(std::make_unique<wxProgressDialog>(
          title, first_message, kRange, parent,
          wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_AUTO_HIDE | wxPD_ELAPSED_TIME)) {}

ProgressDialogSink::~ProgressDialogSink() = default;

void ProgressDialogSink::Report(std::size_t done, std::size_t total, const std::string& label) {
  const int value =
      total == 0 ? 0 : static_cast<int>(std::min<std::size_t>(done, total) * (kRange - 1) / total);
  // Update() pumps events, so the Cancel button is live while the core works.
  if (!m_dialog->Update(value, ToWx(label))) m_cancelled = true;
}

bool ProgressDialogSink::CancelRequested() {
  if (!m_cancelled && m_dialog->WasCancelled()) m_cancelled = true;
  // Updating to the same value pumps events: a click on Cancel is seen even between reports.
  if (!m_cancelled && !m_dialog->Update(m_dialog->GetValue())) m_cancelled = true;
  return m_cancelled;
}

void ProgressDialogSink::Message(const std::string& text) { m_messages.push_back(text); }

}  // namespace tessera::app
