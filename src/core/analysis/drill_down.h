#pragma once
// The coded text behind a theme-matrix cell: every coding of a code (with its descendants unless
// exact) on documents with the given variable values, with the document's case and values. The
// CLI's `segments` and the application's matrix view both list cells through this.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// Which segments to list.
struct SegmentQuery {
  std::string code;   ///< code path
  bool exact = false; ///< leave out the code's descendants (for a matrix without roll-up)
  std::map<std::string, std::vector<std::string>> where;  ///< only documents with these values ("(missing)" allowed)
  std::string coder;  ///< only this coder; empty = all
};

/// One coded segment with its attribution.
struct CellSegment {
  std::int64_t coding_id = 0;
  std::int64_t document_id = 0;
  std::string document;  ///< document name
  std::size_t start = 0, end = 0;
  std::string code, coder, text;
  std::optional<std::string> case_name;  ///< the document's case, if any
  std::map<std::string, std::string> variables;  ///< the document's values (own or its case's)
};

/// Lists the segments, in the coding store's order. @throws NotFoundError for an unknown code.
std::vector<CellSegment> SegmentsBehindCell(Project& project, const SegmentQuery& query);

}  // namespace tessera
