#include "analysis/agreement.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "analysis/reliability.h"
#include "analysis/unitized_alpha.h"
#include "error.h"

namespace tessera {
namespace {

using Unit = AgreementRequest::Unit;
using Mask = std::uint64_t;  // bit c set: coder c applied the code to the unit

constexpr std::size_t kMaxCoders = 64;

/// A coding reduced to indices; after Normalize, the codings of one coder, code and document
/// are sorted and disjoint (overlaps merged, touching stretches kept apart).
struct Span {
  std::size_t code;
  std::size_t document;
  std::size_t coder;
  std::size_t start;
  std::size_t end;
};

/// How many units (documents, or code points) showed each pattern of coders, for one code or
/// pooled. With m coders there are at most 2^m patterns, so a code's millions of code points
/// fold into a few weighted columns of reliability data; every coefficient is linear in unit
/// multiplicities, so the folding changes no value.
using PatternCounts = std::map<Mask, double>;

struct Scope {
  std::vector<std::string> codes;
  std::vector<std::size_t> lengths;  // by document index (ascending document id)
  double total_length = 0;
  std::vector<Span> spans;
};

std::string Quoted(const std::string& s) { return "\u201c" + s + "\u201d"; }

Scope Normalize(const AgreementRequest& request) {
  if (request.coders.size() > kMaxCoders) {
    throw DataError("agreement can compare at most " + std::to_string(kMaxCoders) + " coders");
  }
  if (!(request.overlap > 0 && request.overlap <= 1)) {
    throw DataError("the segment overlap must be more than 0 and at most 1");
  }
  std::unordered_map<std::string, std::size_t> coder_index;
  for (std::size_t c = 0; c < request.coders.size(); ++c) {
    if (!coder_index.emplace(request.coders[c], c).second) {
      throw DataError("coder " + Quoted(request.coders[c]) + " is listed twice");
    }
  }
  Scope scope;
  std::unordered_map<std::int64_t, std::size_t> document_index;
  for (const auto& [id, length] : request.document_lengths) {
    document_index.emplace(id, scope.lengths.size());
    scope.lengths.push_back(length);
    scope.total_length += static_cast<double>(length);
  }

  std::unordered_map<std::string, std::size_t> code_index;
  if (!request.codes.empty()) {
    for (const std::string& code : request.codes) {
      if (code_index.emplace(code, scope.codes.size()).second) scope.codes.push_back(code);
    }
  } else {
    std::set<std::string> used;
    for (const CodedSpan& s : request.spans) {
      if (coder_index.count(s.coder) && document_index.count(s.document)) used.insert(s.code);
    }
    for (const std::string& code : used) {
      code_index.emplace(code, scope.codes.size());
      scope.codes.push_back(code);
    }
  }

  scope.spans.reserve(request.spans.size());
  for (const CodedSpan& s : request.spans) {
    const auto coder = coder_index.find(s.coder);
    const auto document = document_index.find(s.document);
    const auto code = code_index.find(s.code);
    if (coder == coder_index.end() || document == document_index.end() ||
        code == code_index.end()) {
      continue;
    }
    const std::size_t length = scope.lengths[document->second];
    if (s.start > s.end || s.end > length) {
      throw DataError("the coding [" + std::to_string(s.start) + ", " + std::to_string(s.end) +
                      ") of " + Quoted(s.code) + " by " + Quoted(s.coder) +
                      " does not fit document " + std::to_string(s.document) + " (" +
                      std::to_string(length) + " code points)");
    }
    if (s.start == s.end) continue;
    scope.spans.push_back({code->second, document->second, coder->second, s.start, s.end});
  }
  std::sort(scope.spans.begin(), scope.spans.end(), [](const Span& a, const Span& b) {
    return std::tie(a.code, a.document, a.coder, a.start, a.end) <
           std::tie(b.code, b.document, b.coder, b.start, b.end);
  });
  std::size_t kept = 0;
  for (const Span& s : scope.spans) {
    if (kept > 0) {
      Span& last = scope.spans[kept - 1];
      if (last.code == s.code && last.document == s.document && last.coder == s.coder &&
          s.start < last.end) {
        last.end = std::max(last.end, s.end);
        continue;
      }
    }
    scope.spans[kept++] = s;
  }
  scope.spans.resize(kept);
  return scope;
}

/// Calls `visit(code, document, first, last)` for each run [first, last) of spans that share a
/// code and a document, in order.
template <typename Visit>
void ForEachGroup(const std::vector<Span>& spans, Visit visit) {
  std::size_t i = 0;
  while (i < spans.size()) {
    std::size_t j = i;
    while (j < spans.size() && spans[j].code == spans[i].code &&
           spans[j].document == spans[i].document) {
      ++j;
    }
    visit(spans[i].code, spans[i].document, i, j);
    i = j;
  }
}

/// Binary reliability data (1 = coded, 0 = not) with one weighted column per coder pattern.
ReliabilityData FromPatterns(const std::vector<std::string>& coders, const PatternCounts& counts) {
  ReliabilityData data;
  data.coders = coders;
  data.values.resize(coders.size());
  for (const auto& [mask, count] : counts) {
    if (count <= 0) continue;
    for (std::size_t c = 0; c < coders.size(); ++c) {
      data.values[c].push_back(((mask >> c) & 1) ? 1.0 : 0.0);
    }
    data.weights.push_back(count);
  }
  return data;
}

void FillCoefficients(const std::vector<std::string>& coders, const PatternCounts& counts,
                      CodeAgreement& out) {
  const ReliabilityData data = FromPatterns(coders, counts);
  out.percent = PercentAgreement(data);
  out.cohen_kappa = CohenKappa(data);
  out.scott_pi = ScottPi(data);
  out.fleiss_kappa = FleissKappa(data);
  out.krippendorff_alpha = KrippendorffAlpha(data, MeasurementLevel::Nominal);
}

/// Document unit: per code, how many documents each set of coders applied it to; the documents
/// nobody coded with it are the all-zero pattern.
std::vector<PatternCounts> DocumentPatterns(const Scope& scope) {
  std::vector<PatternCounts> per_code(scope.codes.size());
  std::vector<double> touched(scope.codes.size(), 0.0);
  ForEachGroup(scope.spans,
               [&](std::size_t code, std::size_t, std::size_t first, std::size_t last) {
                 Mask mask = 0;
                 for (std::size_t i = first; i < last; ++i) mask |= Mask{1} << scope.spans[i].coder;
                 per_code[code][mask] += 1;
                 touched[code] += 1;
               });
  for (std::size_t code = 0; code < scope.codes.size(); ++code) {
    per_code[code][0] += static_cast<double>(scope.lengths.size()) - touched[code];
  }
  return per_code;
}

/// Character unit: per code, how many code points each set of coders covered. A sweep over the
/// sorted boundaries of each (code, document) adds up the lengths of the stretches in which the
/// set of coders does not change; code points are never visited one by one. The code points no
/// coder covered are the all-zero pattern: the text in scope less everything covered.
std::vector<PatternCounts> CharacterPatterns(const Scope& scope, std::size_t coder_count) {
  std::vector<PatternCounts> per_code(scope.codes.size());
  std::vector<double> covered(scope.codes.size(), 0.0);
  std::vector<std::pair<std::size_t, std::size_t>> events;  // (position, coder * 2 + is_start)
  std::vector<int> depth(coder_count, 0);
  ForEachGroup(scope.spans,
               [&](std::size_t code, std::size_t, std::size_t first, std::size_t last) {
                 events.clear();
                 for (std::size_t i = first; i < last; ++i) {
                   events.emplace_back(scope.spans[i].start, scope.spans[i].coder * 2 + 1);
                   events.emplace_back(scope.spans[i].end, scope.spans[i].coder * 2);
                 }
                 std::sort(events.begin(), events.end());
                 std::fill(depth.begin(), depth.end(), 0);
                 Mask mask = 0;
                 std::size_t e = 0;
                 while (e < events.size()) {
                   const std::size_t position = events[e].first;
                   for (; e < events.size() && events[e].first == position; ++e) {
                     const std::size_t coder = events[e].second / 2;
                     depth[coder] += (events[e].second & 1) ? 1 : -1;
                     if (depth[coder] > 0) {
                       mask |= Mask{1} << coder;
                     } else {
                       mask &= ~(Mask{1} << coder);
                     }
                   }
                   if (e < events.size() && mask != 0) {
                     const double length = static_cast<double>(events[e].first - position);
                     per_code[code][mask] += length;
                     covered[code] += length;
                   }
                 }
               });
  for (std::size_t code = 0; code < scope.codes.size(); ++code) {
    per_code[code][0] += scope.total_length - covered[code];
  }
  return per_code;
}

/// Character unit: uα per code (binary) and over all codes, from the merged codings.
UnitizedAlphaResult CharacterUnitizedAlpha(const Scope& scope, std::size_t coder_count) {
  UnitizedData data;
  data.coder_count = coder_count;
  data.category_count = scope.codes.size();
  data.document_lengths = scope.lengths;
  data.units.reserve(scope.spans.size());
  for (const Span& s : scope.spans) {
    data.units.push_back({s.coder, s.document, s.start, s.end, s.code});
  }
  return UnitizedAlpha(data);
}

/// Segment unit: matched pairs and unmatched segments of one code, pooled over coder pairs.
struct SegmentCounts {
  double agreements = 0;
  double disagreements = 0;
};

/// Matches the segments of two coders one to one: every pair whose overlap / union reaches
/// `share` is a candidate; candidates are taken best ratio first (earlier segments first on a
/// tie), skipping segments already matched. Returns the number of matched pairs.
std::size_t MatchSegments(const std::vector<Span>& spans, std::size_t a_first, std::size_t a_last,
                          std::size_t b_first, std::size_t b_last, double share) {
  struct Candidate {
    double ratio;
    std::size_t a, b;
  };
  std::vector<Candidate> candidates;
  std::size_t i = a_first, j = b_first;
  while (i < a_last && j < b_last) {
    const Span& a = spans[i];
    const Span& b = spans[j];
    const std::size_t lo = std::max(a.start, b.start), hi = std::min(a.end, b.end);
    if (lo < hi) {
      const double overlap = static_cast<double>(hi - lo);
      const double joined =
          static_cast<double>(std::max(a.end, b.end) - std::min(a.start, b.start));
      // A tolerance of one part in 10^9 keeps 9 of 10 code points a match at share 0.9.
      if (overlap >= share * joined * (1 - 1e-9)) candidates.push_back({overlap / joined, i, j});
    }
    if (a.end < b.end) {
      ++i;
    } else if (b.end < a.end) {
      ++j;
    } else {
      ++i;
      ++j;
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return std::tie(y.ratio, x.a, x.b) < std::tie(x.ratio, y.a, y.b);
  });
  std::vector<bool> a_used(a_last - a_first, false), b_used(b_last - b_first, false);
  std::size_t matched = 0;
  for (const Candidate& c : candidates) {
    if (a_used[c.a - a_first] || b_used[c.b - b_first]) continue;
    a_used[c.a - a_first] = true;
    b_used[c.b - b_first] = true;
    ++matched;
  }
  return matched;
}

std::vector<SegmentCounts> SegmentAgreement(const Scope& scope, std::size_t coder_count,
                                            double share) {
  std::vector<SegmentCounts> per_code(scope.codes.size());
  std::vector<std::pair<std::size_t, std::size_t>> range(coder_count);
  ForEachGroup(
      scope.spans, [&](std::size_t code, std::size_t, std::size_t first, std::size_t last) {
        std::fill(range.begin(), range.end(), std::pair<std::size_t, std::size_t>{first, first});
        for (std::size_t i = first; i < last;) {
          std::size_t j = i;
          while (j < last && scope.spans[j].coder == scope.spans[i].coder) ++j;
          range[scope.spans[i].coder] = {i, j};
          i = j;
        }
        for (std::size_t a = 0; a < coder_count; ++a) {
          for (std::size_t b = a + 1; b < coder_count; ++b) {
            const std::size_t na = range[a].second - range[a].first;
            const std::size_t nb = range[b].second - range[b].first;
            if (na + nb == 0) continue;
            const std::size_t matched = MatchSegments(scope.spans, range[a].first, range[a].second,
                                                      range[b].first, range[b].second, share);
            per_code[code].agreements += static_cast<double>(matched);
            per_code[code].disagreements += static_cast<double>(na + nb - 2 * matched);
          }
        }
      });
  return per_code;
}

void FillSegment(const SegmentCounts& counts, CodeAgreement& out) {
  const double units = counts.agreements + counts.disagreements;
  out.units = static_cast<std::size_t>(units);
  if (units > 0) out.percent = counts.agreements / units;
}

}  // namespace

AgreementReport ComputeAgreement(const AgreementRequest& request) {
  const Scope scope = Normalize(request);
  const std::size_t m = request.coders.size();
  AgreementReport report;
  report.unit = request.unit;
  report.coders = request.coders;
  report.overlap = request.overlap;
  report.codes.resize(scope.codes.size());
  for (std::size_t c = 0; c < scope.codes.size(); ++c) report.codes[c].code = scope.codes[c];

  switch (request.unit) {
    case Unit::Document:
    case Unit::Character: {
      const bool by_document = request.unit == Unit::Document;
      const std::vector<PatternCounts> per_code =
          by_document ? DocumentPatterns(scope) : CharacterPatterns(scope, m);
      const double units_per_code =
          by_document ? static_cast<double>(scope.lengths.size()) : scope.total_length;
      PatternCounts pooled;
      for (std::size_t c = 0; c < per_code.size(); ++c) {
        FillCoefficients(request.coders, per_code[c], report.codes[c]);
        report.codes[c].units = static_cast<std::size_t>(units_per_code);
        for (const auto& [mask, count] : per_code[c]) pooled[mask] += count;
      }
      FillCoefficients(request.coders, pooled, report.overall);
      report.overall.units = static_cast<std::size_t>(units_per_code) * scope.codes.size();
      if (!by_document) {
        const UnitizedAlphaResult u = CharacterUnitizedAlpha(scope, m);
        for (std::size_t c = 0; c < per_code.size(); ++c) {
          report.codes[c].u_alpha = u.categories[c].alpha;
        }
        report.overall.u_alpha = u.alpha;
      }
      break;
    }
    case Unit::Segment: {
      const std::vector<SegmentCounts> per_code = SegmentAgreement(scope, m, request.overlap);
      SegmentCounts pooled;
      for (std::size_t c = 0; c < per_code.size(); ++c) {
        FillSegment(per_code[c], report.codes[c]);
        pooled.agreements += per_code[c].agreements;
        pooled.disagreements += per_code[c].disagreements;
      }
      FillSegment(pooled, report.overall);
      break;
    }
  }
  return report;
}

}  // namespace tessera
