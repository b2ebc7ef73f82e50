#include "analysis/unitized_alpha.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "error.h"

namespace tessera {
namespace {

// Long double keeps the cubes of long units (a 10^6 code-point unit cubed is 10^18) exact enough
// when summed over thousands of units.
using Real = long double;

/// A stretch of one coder's sectioning of a document: a unit of the category, or a gap.
struct Section {
  std::size_t start;
  std::size_t end;
  bool unit;
};

/// A multiset of gap lengths that answers sum over gaps h with l_h >= l of (l_h - l + 1), the
/// number of places a unit of length l fits inside each gap, in O(log n).
class GapLengths {
 public:
  void Add(std::size_t length) {
    if (length > 0) m_lengths.push_back(length);
  }
  void Finish() {
    std::sort(m_lengths.begin(), m_lengths.end());
    m_suffix.assign(m_lengths.size() + 1, 0);
    for (std::size_t i = m_lengths.size(); i-- > 0;) m_suffix[i] = m_suffix[i + 1] + m_lengths[i];
  }
  Real Fits(std::size_t length) const {
    const auto first = std::lower_bound(m_lengths.begin(), m_lengths.end(), length);
    const std::size_t index = static_cast<std::size_t>(first - m_lengths.begin());
    const Real count = static_cast<Real>(m_lengths.size() - index);
    return m_suffix[index] - (static_cast<Real>(length) - 1) * count;
  }
  void Clear() {
    m_lengths.clear();
    m_suffix.clear();
  }

 private:
  std::vector<std::size_t> m_lengths;
  std::vector<Real> m_suffix;
};

Real Squared(Real x) { return x * x; }

/// Krippendorff's squared difference between section g of one coder and section h of another,
/// for two sections that overlap: both units -> squared distances of the two starts plus of the
/// two ends; a unit lying wholly inside the other coder's gap -> its length squared; else 0.
Real Difference(const Section& g, const Section& h) {
  if (g.unit && h.unit) {
    return Squared(static_cast<Real>(g.start) - static_cast<Real>(h.start)) +
           Squared(static_cast<Real>(g.end) - static_cast<Real>(h.end));
  }
  if (g.unit && !h.unit && h.start <= g.start && g.end <= h.end) {
    return Squared(static_cast<Real>(g.end - g.start));
  }
  if (!g.unit && h.unit && g.start <= h.start && h.end <= g.end) {
    return Squared(static_cast<Real>(h.end - h.start));
  }
  return 0;
}

/// Sum of the differences over all overlapping pairs of sections of two coders. Both sectionings
/// cover the same document without holes, so walking them together visits exactly the pairs that
/// overlap, each once.
Real PairDisagreement(const std::vector<Section>& a, const std::vector<Section>& b) {
  Real total = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    total += Difference(a[i], b[j]);
    if (a[i].end < b[j].end) {
      ++i;
    } else if (b[j].end < a[i].end) {
      ++j;
    } else {
      ++i;
      ++j;
    }
  }
  return total;
}

void Validate(const UnitizedData& data) {
  for (const UnitizedUnit& u : data.units) {
    if (u.coder >= data.coder_count || u.category >= data.category_count ||
        u.document >= data.document_lengths.size()) {
      throw ProgrammingError(
          "UnitizedAlpha: a unit names a coder, category or document out of range");
    }
    if (u.start > u.end || u.end > data.document_lengths[u.document]) {
      throw ProgrammingError("UnitizedAlpha: unit [" + std::to_string(u.start) + ", " +
                             std::to_string(u.end) + ") does not fit document " +
                             std::to_string(u.document));
    }
  }
}

}  // namespace

UnitizedAlphaResult UnitizedAlpha(const UnitizedData& data) {
  Validate(data);
  UnitizedAlphaResult result;
  result.categories.resize(data.category_count);
  const std::size_t m = data.coder_count;
  Real length = 0;
  for (std::size_t l : data.document_lengths) length += static_cast<Real>(l);
  if (m < 2 || length <= 0) return result;

  std::vector<UnitizedUnit> units;
  units.reserve(data.units.size());
  for (const UnitizedUnit& u : data.units) {
    if (u.start < u.end) units.push_back(u);
  }
  std::sort(units.begin(), units.end(), [](const UnitizedUnit& x, const UnitizedUnit& y) {
    return std::tie(x.category, x.document, x.coder, x.start, x.end) <
           std::tie(y.category, y.document, y.coder, y.start, y.end);
  });
  // Merge overlapping units of the same coder, category and document into their union.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (kept > 0) {
      UnitizedUnit& last = units[kept - 1];
      const UnitizedUnit& u = units[i];
      if (last.category == u.category && last.document == u.document && last.coder == u.coder &&
          u.start < last.end) {
        last.end = std::max(last.end, u.end);
        continue;
      }
    }
    units[kept++] = units[i];
  }
  units.resize(kept);

  // Every coder leaves every document it did not touch as one gap; those gaps are shared by all
  // categories, so they are counted once here and corrected per category below.
  GapLengths whole_documents;
  for (std::size_t l : data.document_lengths) whole_documents.Add(l);
  whole_documents.Finish();

  const Real m_real = static_cast<Real>(m);
  const Real pair_norm = m_real * (m_real - 1) * length * length;
  std::vector<std::vector<Section>> sections(m);
  GapLengths touched_documents, gaps;
  std::vector<std::size_t> lengths;
  Real total_observed = 0, total_expected = 0;

  std::size_t i = 0;
  while (i < units.size()) {
    const std::size_t category = units[i].category;
    touched_documents.Clear();
    gaps.Clear();
    lengths.clear();
    Real observed = 0;
    while (i < units.size() && units[i].category == category) {
      const std::size_t document = units[i].document;
      const std::size_t doc_length = data.document_lengths[document];
      for (auto& s : sections) s.clear();
      std::vector<bool> has_units(m, false);
      while (i < units.size() && units[i].category == category && units[i].document == document) {
        const std::size_t coder = units[i].coder;
        has_units[coder] = true;
        touched_documents.Add(doc_length);
        std::size_t position = 0;
        while (i < units.size() && units[i].category == category && units[i].document == document &&
               units[i].coder == coder) {
          const UnitizedUnit& u = units[i];
          if (u.start > position) {
            sections[coder].push_back({position, u.start, false});
            gaps.Add(u.start - position);
          }
          sections[coder].push_back({u.start, u.end, true});
          lengths.push_back(u.end - u.start);
          position = u.end;
          ++i;
        }
        if (position < doc_length) {
          sections[coder].push_back({position, doc_length, false});
          gaps.Add(doc_length - position);
        }
      }
      for (std::size_t c = 0; c < m; ++c) {
        if (!has_units[c]) sections[c].push_back({0, doc_length, false});
      }
      for (std::size_t a = 0; a < m; ++a) {
        for (std::size_t b = a + 1; b < m; ++b) {
          if (has_units[a] || has_units[b]) observed += PairDisagreement(sections[a], sections[b]);
        }
      }
    }
    touched_documents.Finish();
    gaps.Finish();

    // uDe: every unit set anywhere it fits, against every other unit (the first term) and inside
    // every gap of every coder (the second term); normalised by the number of ways to pair
    // positions, less the pairs inside one unit.
    const Real n_c = static_cast<Real>(lengths.size());
    Real placements = 0, within_units = 0;
    for (std::size_t l : lengths) {
      const Real x = static_cast<Real>(l);
      const Real fits = m_real * whole_documents.Fits(l) - touched_documents.Fits(l) + gaps.Fits(l);
      placements += (n_c - 1) * (2 * x * x * x - 3 * x * x + x) / 3 + x * x * fits;
      within_units += x * (x - 1);
    }
    const Real denominator = m_real * length * (m_real * length - 1) - within_units;
    UnitizedCategoryAlpha& out = result.categories[category];
    out.units = lengths.size();
    out.observed = static_cast<double>(2 * observed / pair_norm);
    out.expected =
        denominator > 0 ? static_cast<double>((2 / length) * placements / denominator) : 0.0;
    if (out.expected > 0) out.alpha = 1.0 - out.observed / out.expected;
    total_observed += out.observed;
    total_expected += out.expected;
  }
  if (total_expected > 0) result.alpha = static_cast<double>(1 - total_observed / total_expected);
  return result;
}

}  // namespace tessera
