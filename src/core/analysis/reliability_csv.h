#pragma once
// Reliability data from a CSV file, for agreement on data coded outside Tessera.
//
// Layout: a header row (first cell anything, then one name per unit), then one row per coder
// (first cell the coder's name, then that coder's value for each unit). An empty cell is a
// missing value. When every value is a number, the numbers are kept; otherwise every value is a
// category name, numbered 1, 2, 3 ... in order of first appearance (row by row) and listed in
// ReliabilityData::categories. Category numbers carry no order, so use numbers in the file for
// the ordinal, interval and ratio levels. UTF-8, with or without a byte-order mark; RFC 4180
// quoting.

#include <string>

#include "analysis/reliability.h"

namespace tessera {

/// Reads the reliability data matrix in the CSV file at `path`.
/// @throws DataError naming `path` when the file is missing or unreadable, the CSV is malformed,
///   rows are ragged, a coder is unnamed or named twice, there are fewer than 2 coders, or no
///   units.
ReliabilityData ReadReliabilityCsv(const std::string& path);

}  // namespace tessera
