#pragma once
// Krippendorff's unitizing alpha (uα) over continua, as defined in Krippendorff, Content
// Analysis, 2nd ed. (2004), §12.4, and Krippendorff (1995): coders cut a continuum into units of
// a category and gaps, and uα compares where they put the units with where chance would put them.
// The formulas are in docs/agreement.md.
//
// Several documents form one continuum, laid end to end in the order given; a gap never runs
// across a document boundary (each document closes its last gap and opens a new one).

#include <cstddef>
#include <optional>
#include <vector>

namespace tessera {

/// One coder's unit: the stretch [start, end) of one document, valued with a category.
struct UnitizedUnit {
  std::size_t coder = 0;     ///< 0 .. coder_count - 1
  std::size_t document = 0;  ///< index into UnitizedData::document_lengths
  std::size_t start = 0;     ///< first position (code point) of the unit
  std::size_t end = 0;       ///< one past the last position
  std::size_t category = 0;  ///< 0 .. category_count - 1
};

/// The units of all coders over a continuum of one or more documents.
///
/// Units of one coder and one category that overlap are merged into their union first (a coder
/// cannot disagree with themselves); units that only touch stay separate, as Krippendorff's
/// model allows adjacent units. Empty units (start == end) are ignored.
struct UnitizedData {
  std::size_t coder_count = 0;                ///< m, the number of coders
  std::size_t category_count = 0;             ///< number of categories (codes)
  std::vector<std::size_t> document_lengths;  ///< length of each document, in positions
  std::vector<UnitizedUnit> units;            ///< in any order
};

/// uα for one category, with its observed and expected disagreement.
struct UnitizedCategoryAlpha {
  double observed = 0;          ///< uDo of the category
  double expected = 0;          ///< uDe of the category
  std::size_t units = 0;        ///< N_c: the category's units over all coders, after merging
  std::optional<double> alpha;  ///< 1 - uDo/uDe; nullopt when uDe is 0 (no unit anywhere)
};

/// uα for every category and for all categories together.
struct UnitizedAlphaResult {
  std::vector<UnitizedCategoryAlpha> categories;  ///< indexed by category
  std::optional<double> alpha;  ///< 1 - sum(uDo)/sum(uDe); nullopt when nobody coded anything
};

/// Computes uα per category (binary: the category's units against the uncoded rest) and over all
/// categories. Needs at least two coders and a continuum longer than zero, else every alpha is
/// nullopt. Runs in O(U log U) for U units, whatever the length of the continuum.
/// @throws ProgrammingError for a coder, document or category index out of range, or a unit
///   that is reversed or runs past the end of its document.
UnitizedAlphaResult UnitizedAlpha(const UnitizedData& data);

}  // namespace tessera
