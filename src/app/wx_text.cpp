#include "wx_text.h"

namespace tessera::app {

wxString ToWx(std::string_view utf8) {
  wxString s = wxString::FromUTF8(utf8.data(), utf8.size());
  if (s.empty() && !utf8.empty()) {
    // Not valid UTF-8 (the core never stores such text, but file names may be): keep what we can.
    s = wxString(utf8.data(), wxConvUTF8, utf8.size());
    if (s.empty()) s = wxString(utf8.data(), wxConvISO8859_1, utf8.size());
  }
  return s;
}

std::string FromWx(const wxString& text) {
  const wxScopedCharBuffer buffer = text.utf8_str();
  return std::string(buffer.data(), buffer.length());
}

wxString OneLine(const wxString& text, std::size_t max_chars) {
  wxString out;
  out.reserve(std::min(text.length(), max_chars + 1));
  bool space = false;
  for (wxUniChar c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      if (!space && !out.empty()) out += ' ';
      space = true;
      continue;
    }
    space = false;
    if (out.length() >= max_chars) {
      out += wxString::FromUTF8("\xE2\x80\xA6");
      return out;
    }
    out += c;
  }
  return out;
}

}  // namespace tessera::app
