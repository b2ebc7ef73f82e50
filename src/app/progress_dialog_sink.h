#pragma once
// A core ProgressSink shown as a wxProgressDialog with a Cancel button.

#include <wx/string.h>

#include <memory>
#include <string>
#include <vector>

#include "progress.h"

class wxWindow;
class wxProgressDialog;

namespace tessera::app {

/// Drives a modal progress dialog from a long core task; Cancel makes CancelRequested() true.
class ProgressDialogSink : public ProgressSink {
 public:
  ProgressDialogSink(wxWindow* parent, const wxString& title, const wxString& first_message);
  ~ProgressDialogSink() override;

  void Report(std::size_t done, std::size_t total, const std::string& label) override;
  bool CancelRequested() override;
  void Message(const std::string& text) override;

  /// Messages the task sent (skipped duplicates, warnings).
  const std::vector<std::string>& Messages() const { return m_messages; }

 private:
  std::unique_ptr<wxProgressDialog> m_dialog;
  std::vector<std::string> m_messages;
  bool m_cancelled = false;
};

}  // namespace tessera::app
