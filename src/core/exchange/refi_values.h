#pragma once
// The simple value types of REFI-QDA (GUIDType, RGBType, xsd:dateTime, xsd:boolean, variable
// types): lenient parsing for the readers, exact checks and canonical forms for the writers.

#include <optional>
#include <string>
#include <string_view>

#include "exchange/refi_model.h"

namespace tessera {

// GUIDs: IsGuid, NewGuid and CanonicalGuid live in project/identity.h.

/// `text` trimmed of ASCII white space and of one pair of surrounding braces, case kept.
std::string StripGuid(std::string_view text);
/// The comparison key of a GUID: CanonicalGuid (lowercase, no braces) of StripGuid(guid).
std::string GuidKey(std::string_view guid);

/// True for `#RRGGBB` (either case): the form the writers emit.
bool IsRefiColor(std::string_view text);
/// Reads `#RRGGBB`, `#RGB`, `#RRGGBBAA`, `RRGGBB`, `rgb(r, g, b)` and `rgba(r, g, b, a)` as
/// `#RRGGBB` in uppercase; nullopt for anything else.
std::optional<std::string> ParseRefiColor(std::string_view text);

/// True for `YYYY-MM-DDThh:mm:ssZ`, the one form the writers emit.
bool IsRefiDateTime(std::string_view text);
/// Reads an xsd:dateTime (fractions and time-zone offsets allowed; no zone means UTC; a space
/// instead of `T` and a bare date are tolerated) as UTC `YYYY-MM-DDThh:mm:ssZ`; nullopt when
/// it is not a date.
std::optional<std::string> ParseRefiDateTime(std::string_view text);

/// Reads xsd:boolean (`true`, `false`, `1`, `0`, any case, surrounding white space allowed).
std::optional<bool> ParseXsdBoolean(std::string_view text);

/// The REFI name of a variable type (`Text`, `Boolean`, …).
std::string_view QdaVariableTypeName(QdaVariableType type);
/// The value element that carries a value of `type` (`TextValue`, `BooleanValue`, …).
std::string_view QdaValueElementName(QdaVariableType type);
/// Reads a variable type name, ignoring case; nullopt when unknown.
std::optional<QdaVariableType> ParseQdaVariableType(std::string_view text);
/// Reads a value element name (`TextValue`, …), ignoring case; nullopt when unknown.
std::optional<QdaVariableType> ParseQdaValueElement(std::string_view text);
/// True when `value` is valid XML schema syntax for `type` (xsd:boolean, xsd:integer,
/// xsd:decimal, xsd:date, xsd:dateTime; any text for kText).
bool IsValidQdaValue(QdaVariableType type, std::string_view value);

}  // namespace tessera
