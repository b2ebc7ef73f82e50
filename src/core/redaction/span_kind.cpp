#include "redaction/span_kind.h"

#include <array>

#include "error.h"

namespace tessera {
namespace {

struct KindInfo {
  std::string_view name;
  std::string_view placeholder;
  int priority;
};

// Indexed by the SpanKind value.
constexpr std::array<KindInfo, kSpanKindCount> kKinds = {{
    {"person", "[Person]", 60},
    {"place", "[Place]", 50},
    {"school", "[School]", 80},
    {"address", "[Address]", 85},
    {"phone", "[Phone number]", 100},
    {"email", "[Email]", 130},
    {"handle", "[Handle]", 110},
    {"url", "[URL]", 120},
    {"age", "[Age]", 20},
    {"dob", "[Date of birth]", 90},
    {"id_number", "[ID number]", 95},
    {"case_number", "[Case number]", 97},
    {"organisation", "[Organisation]", 70},
    {"other", "[Redacted]", 10},
}};

}  // namespace

std::string_view SpanKindName(SpanKind kind) {
  return kKinds.at(static_cast<std::size_t>(kind)).name;
}

std::optional<SpanKind> TryParseSpanKind(std::string_view name) {
  for (std::size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].name == name) return static_cast<SpanKind>(i);
  }
  return std::nullopt;
}

SpanKind ParseSpanKind(std::string_view name) {
  if (auto kind = TryParseSpanKind(name)) return *kind;
  throw DataError("unknown span kind \"" + std::string(name) + "\"");
}

SpanKind SpanKindFromAbi(unsigned value) {
  return value < kKinds.size() ? static_cast<SpanKind>(value) : SpanKind::Other;
}

std::string_view SpanKindPlaceholder(SpanKind kind) {
  return kKinds.at(static_cast<std::size_t>(kind)).placeholder;
}

bool IsNameKind(SpanKind kind) {
  return kind == SpanKind::Person || kind == SpanKind::Place || kind == SpanKind::School ||
         kind == SpanKind::Organisation;
}

int SpanKindPriority(SpanKind kind) { return kKinds.at(static_cast<std::size_t>(kind)).priority; }

}  // namespace tessera
