#include "text/encoding.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "error.h"
#include "text/utf8.h"

namespace tessera {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct ChardetCloser {
  void operator()(uchardet* d) const { uchardet_delete(d); }
};

// Control characters other than tab, line feed, form feed and carriage return do not occur in
// transcripts; many of them (or any NUL) mean a binary file.
bool LooksBinary(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos) return true;
  std::size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
  }
  return controls * 100 > bytes.size();
}

// True when most non-ASCII bytes form valid UTF-8 sequences: then the file is UTF-8 with damage,
// not a legacy code page (whose bytes only now and then happen to look like UTF-8).
bool MostlyUtf8(std::string_view bytes) {
  std::size_t valid = 0, invalid = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8::SequenceLength(lead);
    if (len >= 2 && i + len <= bytes.size() && utf8::IsValid(bytes.substr(i, len))) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return valid >= 4 * invalid;
}

std::string Detect(std::string_view bytes) {
  std::unique_ptr<uchardet, ChardetCloser> detector(uchardet_new());
  if (!detector) throw EnvironmentError("uchardet could not start");
  if (uchardet_handle_data(detector.get(), bytes.data(), bytes.size()) != 0) return {};
  uchardet_data_end(detector.get());
  return uchardet_get_charset(detector.get());
}

}  // namespace

std::string ConvertToUtf8(std::string_view bytes, const std::string& encoding, const std::string& path) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) throw DataError("unknown encoding '" + encoding + "'", path);
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
  if (U_FAILURE(status)) {
    throw DataError("the bytes are not valid " + encoding + " (" + u_errorName(status) + ")", path);
  }
  std::string out;
  text.toUTF8String(out);
  if (out.starts_with("\xEF\xBB\xBF")) out.erase(0, 3);
  return out;
}

DecodedText DecodeText(std::string_view bytes, std::string_view encoding, const std::string& path) {
  if (bytes.empty()) throw DataError("the file is empty", path);
  if (!encoding.empty()) {
    std::string text = ConvertToUtf8(bytes, std::string(encoding), path);
    // A wrong --encoding must not smuggle a binary file in: the decoded text is checked too.
    if (LooksBinary(text)) throw DataError("this is a binary file, not " + std::string(encoding) + " text", path);
    return {std::move(text), std::string(encoding)};
  }

  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  else if (bytes.starts_with("\xFF\xFE")) return {ConvertToUtf8(bytes, "UTF-16LE", path), "UTF-16LE"};
  else if (bytes.starts_with("\xFE\xFF")) return {ConvertToUtf8(bytes, "UTF-16BE", path), "UTF-16BE"};

  if (LooksBinary(bytes)) throw DataError("this is a binary file, not text", path);
  const auto bad = utf8::FirstInvalidByte(bytes);
  if (bad == std::string_view::npos) return {std::string(bytes), "UTF-8"};
  // Genuine UTF-8 with a broken byte is corruption, not a legacy code page: guessing would
  // silently turn the whole transcript into mojibake.
  if (MostlyUtf8(bytes)) {
    throw DataError("invalid UTF-8 at byte " + std::to_string(bad) +
                        "; give the right encoding with --encoding",
                    path);
  }
  std::string detected = Detect(bytes);
  std::transform(detected.begin(), detected.end(), detected.begin(), ::toupper);
  if (detected.empty() || detected == "UTF-8" || detected == "ASCII") {
    throw DataError("the encoding could not be detected; give it with --encoding", path);
  }
  // uchardet calls Windows-874 TIS-620; ICU's windows-874 is the superset and decodes both.
  const std::string converter = detected == "TIS-620" ? "windows-874-2000" : detected;
  return {ConvertToUtf8(bytes, converter, path), detected};
}

}  // namespace tessera
