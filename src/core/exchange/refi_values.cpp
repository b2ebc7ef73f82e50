#include "exchange/refi_values.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <regex>

#include "project/identity.h"

namespace tessera {
namespace {

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) { return Lower(a) == Lower(b); }

// Reads a decimal integer in [0, 255] or a percentage, as CSS rgb() allows.
std::optional<int> ParseChannel(std::string_view text) {
  text = TrimAscii(text);
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (percent) value = value * 255.0 / 100.0;
  if (value < 0 || value > 255) return std::nullopt;
  return static_cast<int>(value + 0.5);
}

std::string HexColor(int r, int g, int b) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X", r, g, b);
  return buffer;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string StripGuid(std::string_view text) {
  text = TrimAscii(text);
  if (text.size() >= 2 && text.front() == '{' && text.back() == '}')
    text = text.substr(1, text.size() - 2);
  return std::string(TrimAscii(text));
}

std::string GuidKey(std::string_view guid) { return CanonicalGuid(StripGuid(guid)); }

bool IsRefiColor(std::string_view text) {
  if (text.size() != 7 || text.front() != '#') return false;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (!IsHex(text[i])) return false;
  }
  return true;
}

std::optional<std::string> ParseRefiColor(std::string_view text) {
  text = TrimAscii(text);
  std::string_view hex = text;
  if (!hex.empty() && hex.front() == '#') hex.remove_prefix(1);
  bool all_hex = !hex.empty();
  for (char c : hex) all_hex = all_hex && IsHex(c);
  if (all_hex) {
    if (hex.size() == 6 || hex.size() == 8) return "#" + Upper(hex.substr(0, 6));  // alpha dropped
    if (hex.size() == 3 && text.front() == '#') {
      return "#" + Upper(std::string{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]});
    }
    return std::nullopt;
  }
  const std::string lower = Lower(text);
  std::string_view body = lower;
  if (body.starts_with("rgba(")) {
    body.remove_prefix(5);
  } else if (body.starts_with("rgb(")) {
    body.remove_prefix(4);
  } else {
    return std::nullopt;
  }
  if (body.empty() || body.back() != ')') return std::nullopt;
  body.remove_suffix(1);
  std::array<int, 3> channels{};
  std::size_t count = 0;
  while (true) {
    const std::size_t comma = body.find(',');
    const std::string_view part = body.substr(0, comma);
    if (count < 3) {
      const auto channel = ParseChannel(part);
      if (!channel) return std::nullopt;
      channels[count] = *channel;
    }
    ++count;
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  if (count != 3 && count != 4) return std::nullopt;
  return HexColor(channels[0], channels[1], channels[2]);
}

bool IsRefiDateTime(std::string_view text) {
  static const std::regex kPattern(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  return std::regex_match(text.begin(), text.end(), kPattern) &&
         ParseRefiDateTime(text) == std::string(text);
}

std::optional<std::string> ParseRefiDateTime(std::string_view text) {
  static const std::regex kPattern(
      R"((-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?)",
      std::regex::icase);
  text = TrimAscii(text);
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kPattern)) return std::nullopt;
  auto number = [&](int index) { return m[index].matched ? std::stoi(m[index].str()) : 0; };
  using namespace std::chrono;
  const year_month_day date{year{number(1)}, month{static_cast<unsigned>(number(2))},
                            day{static_cast<unsigned>(number(3))}};
  const int hour = number(4);
  const int minute = number(5);
  int second = number(6);
  if (!date.ok() || hour > 24 || minute > 59 || second > 60) return std::nullopt;
  if (hour == 24 && (minute != 0 || second != 0)) return std::nullopt;
  if (second == 60) second = 59;  // a leap second; xsd:dateTime has none
  sys_seconds time = sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
  if (m[7].matched && !EqualsIgnoreCase(m[7].str(), "z")) {
    std::string zone = m[7].str();
    zone.erase(std::remove(zone.begin(), zone.end(), ':'), zone.end());
    const int sign = zone[0] == '-' ? -1 : 1;
    const int offset_minutes = std::stoi(zone.substr(1, 2)) * 60 + std::stoi(zone.substr(3, 2));
    time -= minutes{sign * offset_minutes};
  }
  const auto days = floor<std::chrono::days>(time);
  const year_month_day utc{days};
  const hh_mm_ss clock{time - days};
  if (static_cast<int>(utc.year()) < 0 || static_cast<int>(utc.year()) > 9999) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ",
                static_cast<int>(utc.year()), static_cast<unsigned>(utc.month()),
                static_cast<unsigned>(utc.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return std::string(buffer);
}

std::optional<bool> ParseXsdBoolean(std::string_view text) {
  const std::string value = Lower(TrimAscii(text));
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return std::nullopt;
}

std::string_view QdaVariableTypeName(QdaVariableType type) {
  switch (type) {
    case QdaVariableType::kText:
      return "Text";
    case QdaVariableType::kBoolean:
      return "Boolean";
    case QdaVariableType::kInteger:
      return "Integer";
    case QdaVariableType::kFloat:
      return "Float";
    case QdaVariableType::kDate:
      return "Date";
    case QdaVariableType::kDateTime:
      return "DateTime";
  }
  return "Text";
}

std::string_view QdaValueElementName(QdaVariableType type) {
  switch (type) {
    case QdaVariableType::kText:
      return "TextValue";
    case QdaVariableType::kBoolean:
      return "BooleanValue";
    case QdaVariableType::kInteger:
      return "IntegerValue";
    case QdaVariableType::kFloat:
      return "FloatValue";
    case QdaVariableType::kDate:
      return "DateValue";
    case QdaVariableType::kDateTime:
      return "DateTimeValue";
  }
  return "TextValue";
}

std::optional<QdaVariableType> ParseQdaVariableType(std::string_view text) {
  text = TrimAscii(text);
  for (auto type : {QdaVariableType::kText, QdaVariableType::kBoolean, QdaVariableType::kInteger,
                    QdaVariableType::kFloat, QdaVariableType::kDate, QdaVariableType::kDateTime}) {
    if (EqualsIgnoreCase(text, QdaVariableTypeName(type))) return type;
  }
  return std::nullopt;
}

std::optional<QdaVariableType> ParseQdaValueElement(std::string_view text) {
  if (!Lower(text).ends_with("value")) return std::nullopt;
  return ParseQdaVariableType(text.substr(0, text.size() - 5));
}

bool IsValidQdaValue(QdaVariableType type, std::string_view value) {
  static const std::regex kInteger(R"([+-]?\d+)");
  static const std::regex kDecimal(R"([+-]?(\d+(\.\d*)?|\.\d+))");
  static const std::regex kDate(R"(-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?)");
  static const std::regex kDateTime(
      R"(-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)");
  switch (type) {
    case QdaVariableType::kText:
      return true;
    case QdaVariableType::kBoolean:
      return value == "true" || value == "false" || value == "1" || value == "0";
    case QdaVariableType::kInteger:
      return std::regex_match(value.begin(), value.end(), kInteger);
    case QdaVariableType::kFloat:
      return std::regex_match(value.begin(), value.end(), kDecimal);
    case QdaVariableType::kDate:
      return std::regex_match(value.begin(), value.end(), kDate) &&
             ParseRefiDateTime(value.substr(0, 10)).has_value();
    case QdaVariableType::kDateTime:
      return std::regex_match(value.begin(), value.end(), kDateTime) &&
             ParseRefiDateTime(value).has_value();
  }
  return false;
}

}  // namespace tessera
