#pragma once
// How the application reports a failed user action: a translated headline with the technical
// detail as extended text. A cancelled task is silent.

#include <wx/string.h>

#include <exception>
#include <functional>

class wxWindow;

namespace tessera::app {

/// Shows `headline` with the detail of `error` (rethrown and inspected) as extended text.
/// Does nothing for tessera::Cancelled.
void ReportError(wxWindow* parent, const wxString& headline, std::exception_ptr error);

/// Runs `action`; reports any exception under `headline`. Returns false when it threw.
bool RunAction(wxWindow* parent, const wxString& headline, const std::function<void()>& action);

/// The technical text of an exception (its what(), or a fixed text for unknown ones).
wxString DescribeError(std::exception_ptr error);

/// Called instead of showing a dialog when set (tests run without anyone to press OK).
void SetErrorSinkForTests(
    std::function<void(const wxString& headline, const wxString& detail)> sink);

}  // namespace tessera::app
