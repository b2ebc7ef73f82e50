#pragma once
// Inter-coder agreement from codings, per code and overall, at one of three units of analysis.
// Plain data in, plain data out: the caller reads codings from the project store.
//
// Units (docs/agreement.md has the formulas and the reasons):
//
// - Document: every (document in scope, code) is a unit; each coder's value is 1 when they
//   applied the code anywhere in the document, else 0. Per code the units are the documents;
//   overall they are all (document, code) pairs pooled.
//
// - Character: every code point of every document in scope is a unit, for every code; a coder's
//   value is 1 when one of their codings of the code covers the code point, else 0. UNCODED TEXT
//   COUNTS: a code point that no coder coded with the code is a unit on which the coders agree.
//   Transcripts are mostly uncoded for any one code, so percent agreement at this unit is high
//   almost whatever the coders do (the inflation seen in tools that report it); kappa, pi and
//   alpha correct for chance but still treat each code point as an independent unit. Read
//   u_alpha, Krippendorff's unitizing alpha (2004, §12.4): it compares the coders' coded stretches
//   as stretches, weighs how far their boundaries lie apart, and is the measure to report.
//   Overall pools all (code point, code) units, and u_alpha pools all codes.
//
// - Segment: each coder's coded stretches of a code are segments (overlapping codings of one
//   coder and code merged into one). Two coders' segments in the same document match when
//   |overlap| / |union| >= `overlap` (default 0.9; one-to-one, the best-overlapping pairs first).
//   A matched pair is an agreement; a segment left unmatched is a disagreement. Percent agreement
//   = agreements / (agreements + disagreements), pooled over every pair of coders. There are no
//   units on which both coders coded nothing, so no chance-corrected coefficient is defined:
//   kappa, pi and alpha are nullopt at this unit.
//
// A measure that does not apply is std::nullopt: Cohen's kappa and Scott's pi need exactly two
// coders, and every chance-corrected coefficient is undefined when nobody varies.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

/// One coding: `coder` applied `code` to the code points [start, end) of `document`.
struct CodedSpan {
  std::string coder;          ///< the coder's name
  std::int64_t document = 0;  ///< the document's id
  std::size_t start = 0;      ///< first code point
  std::size_t end = 0;        ///< one past the last code point
  std::string code;           ///< the code's path, e.g. "Harm/Online"; compared exactly
};

/// What to compare and how.
struct AgreementRequest {
  /// The unit of analysis; see the top of agreement.h.
  enum class Unit { Document, Character, Segment };

  std::vector<std::string> coders;  ///< the coders to compare (>= 2 for any coefficient)
  std::vector<std::string> codes;   ///< code paths, exactly; empty = every code a chosen coder used
  std::map<std::int64_t, std::size_t> document_lengths;  ///< documents in scope -> code points
  std::vector<CodedSpan> spans;  ///< codings; others' coders, codes and documents are ignored
  Unit unit = Unit::Document;    ///< the unit of analysis
  double overlap = 0.9;          ///< segment unit: least |overlap| / |union| for a match
};

/// Agreement on one code, or over all codes.
struct CodeAgreement {
  std::string code;                          ///< the code's path; empty for the overall row
  std::optional<double> percent;             ///< share of agreeing pairs, 0..1
  std::optional<double> cohen_kappa;         ///< two coders only
  std::optional<double> scott_pi;            ///< two coders only
  std::optional<double> fleiss_kappa;        ///< any number of coders
  std::optional<double> krippendorff_alpha;  ///< nominal alpha over the units
  std::optional<double> u_alpha;             ///< character unit only: unitizing alpha
  std::size_t units = 0;  ///< documents, code points, or matched pairs + unmatched segments
};

/// The result of ComputeAgreement.
struct AgreementReport {
  AgreementRequest::Unit unit = AgreementRequest::Unit::Document;  ///< as requested
  std::vector<std::string> coders;                                 ///< as requested
  double overlap = 0.9;                                            ///< as requested
  std::vector<CodeAgreement> codes;  ///< in request order, or by path when codes were not given
  CodeAgreement overall;             ///< all codes pooled; `code` is empty
};

/// Computes agreement per code and overall. Cost grows with the number of codings (sorting
/// them), never with the length of the text; bench/agreement_bench.cpp times 3 coders x 1,000
/// documents x 150 codes at the character unit against a budget of 2 s.
/// @throws DataError when a coder is listed twice, there are more than 64 coders, `overlap` is
///   not in (0, 1], or a coding in scope is reversed or runs past the end of its document.
AgreementReport ComputeAgreement(const AgreementRequest& request);

}  // namespace tessera
