#pragma once
// The app's one place for turning the core's UTF-8 std::string into wxString and back. Never build
// a wxString from a narrow non-ASCII literal: under the C locale it comes out empty.

#include <wx/string.h>

#include <string>
#include <string_view>

namespace tessera::app {

/// A wxString from UTF-8 text (invalid bytes become U+FFFD rather than an empty string).
wxString ToWx(std::string_view utf8);
/// The UTF-8 form of a wxString.
std::string FromWx(const wxString& text);

/// `text` shortened to at most `max_chars` characters, with an ellipsis where it was cut, and
/// line breaks and tabs shown as spaces (for one-line lists).
wxString OneLine(const wxString& text, std::size_t max_chars);

}  // namespace tessera::app
