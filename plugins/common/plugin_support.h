#pragma once
// Helpers shared by the bundled C++ plugins (header-only; not a plugin itself: this folder has
// no CMakeLists.txt). They wrap the C ABI of tessera/redaction_plugin.h: strings and span arrays
// are allocated with malloc so that the plugin's own free_spans/free_string release them, and
// no C++ exception ever crosses the ABI.

#include <tessera/redaction_plugin.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::plugin {

/// A malloc'd NUL-terminated copy of `text` (for error_out), or NULL when out of memory.
inline char* CopyString(std::string_view text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

/// Moves `spans` into a malloc'd array for spans_out; returns false when out of memory.
inline bool ExportSpans(const std::vector<TesseraSpan>& spans, TesseraSpan** spans_out,
                        size_t* count_out) {
  *spans_out = nullptr;
  *count_out = 0;
  if (spans.empty()) return true;
  auto* array = static_cast<TesseraSpan*>(std::malloc(spans.size() * sizeof(TesseraSpan)));
  if (array == nullptr) return false;
  std::memcpy(array, spans.data(), spans.size() * sizeof(TesseraSpan));
  *spans_out = array;
  *count_out = spans.size();
  return true;
}

/// Code-point offset of every UTF-16 unit of `text`, plus one entry for the end.
inline std::vector<std::size_t> CodePointOfUnit(const icu::UnicodeString& text) {
  std::vector<std::size_t> map(static_cast<std::size_t>(text.length()) + 1);
  std::size_t code_point = 0;
  for (int32_t unit = 0; unit < text.length(); ++unit) {
    map[static_cast<std::size_t>(unit)] = code_point;
    if (!U16_IS_LEAD(text.charAt(unit)) || unit + 1 >= text.length() ||
        !U16_IS_TRAIL(text.charAt(unit + 1))) {
      ++code_point;
    }
  }
  map.back() = code_point;
  return map;
}

/// Runs `body` and turns any C++ exception into an error return (never let one cross the ABI).
template <typename Body>
int Guard(char** error_out, Body&& body) {
  try {
    return body();
  } catch (const std::exception& error) {
    if (error_out) *error_out = CopyString(error.what());
  } catch (...) {
    if (error_out) *error_out = CopyString("unknown error");
  }
  return 1;
}

/// free_spans and free_string for plugins that allocate with malloc.
inline void FreeSpans(void*, TesseraSpan* spans, size_t) { std::free(spans); }
/// See FreeSpans.
inline void FreeString(char* text) { std::free(text); }

}  // namespace tessera::plugin
