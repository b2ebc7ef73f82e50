#include "error_report.h"

#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>

#include "error.h"
#include "wx_text.h"

namespace tessera::app {
namespace {

std::function<void(const wxString&, const wxString&)>& TestSink() {
  static std::function<void(const wxString&, const wxString&)> sink;
  return sink;
}

}  // namespace

void SetErrorSinkForTests(std::function<void(const wxString&, const wxString&)> sink) {
  TestSink() = std::move(sink);
}

wxString DescribeError(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const tessera::Cancelled&) {
    return {};
  } catch (const std::exception& e) {
    return ToWx(e.what());
  } catch (...) {
    return _("An unexpected error occurred.");
  }
}

void ReportError(wxWindow* parent, const wxString& headline, std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const tessera::Cancelled&) {
    return;  // the user asked for it: nothing to report
  } catch (...) {
  }
  const wxString detail = DescribeError(error);
  wxLogDebug("%s: %s", headline, detail);
  if (TestSink()) {
    TestSink()(headline, detail);
    return;
  }
  wxMessageDialog dialog(parent, headline, _("Tessera"), wxOK | wxICON_WARNING);
  dialog.SetExtendedMessage(detail);
  dialog.ShowModal();
}

bool RunAction(wxWindow* parent, const wxString& headline, const std::function<void()>& action) {
  try {
    action();
    return true;
  } catch (...) {
    ReportError(parent, headline, std::current_exception());
    return false;
  }
}

}  // namespace tessera::app
