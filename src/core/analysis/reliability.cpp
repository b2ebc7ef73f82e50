#include "analysis/reliability.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "error.h"

namespace tessera {
namespace {

// A denominator at or below this (relative to 1) counts as zero: the coders did not vary, and the
// coefficient is undefined rather than a division by rounding noise.
constexpr double kZero = 1e-12;

std::size_t UnitCount(const ReliabilityData& data) {
  if (data.values.size() != data.coders.size()) {
    throw ProgrammingError("ReliabilityData: " + std::to_string(data.values.size()) +
                           " rows of values for " + std::to_string(data.coders.size()) + " coders");
  }
  const std::size_t units = data.values.empty() ? 0 : data.values.front().size();
  for (std::size_t c = 0; c < data.values.size(); ++c) {
    if (data.values[c].size() != units) {
      throw ProgrammingError("ReliabilityData: coder " + std::to_string(c) + " has " +
                             std::to_string(data.values[c].size()) + " values, expected " +
                             std::to_string(units));
    }
    for (const auto& v : data.values[c]) {
      if (v && !std::isfinite(*v)) throw ProgrammingError("ReliabilityData: a value is not finite");
    }
  }
  if (!data.weights.empty()) {
    if (data.weights.size() != units) {
      throw ProgrammingError("ReliabilityData: " + std::to_string(data.weights.size()) +
                             " weights for " + std::to_string(units) + " units");
    }
    for (double w : data.weights) {
      if (!std::isfinite(w) || w < 0) throw ProgrammingError("ReliabilityData: a bad unit weight");
    }
  }
  return units;
}

double Weight(const ReliabilityData& data, std::size_t unit) {
  return data.weights.empty() ? 1.0 : data.weights[unit];
}

/// The distinct values that occur in the given units, sorted ascending.
std::vector<double> DistinctValues(const ReliabilityData& data,
                                   const std::vector<std::size_t>& units) {
  std::vector<double> out;
  for (const auto& row : data.values) {
    for (std::size_t u : units) {
      if (row[u]) out.push_back(*row[u]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t IndexOf(const std::vector<double>& sorted, double value) {
  return static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), value) -
                                  sorted.begin());
}

/// Units where every one of the coders has a value.
std::vector<std::size_t> CompleteUnits(const ReliabilityData& data, std::size_t units) {
  std::vector<std::size_t> out;
  for (std::size_t u = 0; u < units; ++u) {
    bool complete = true;
    for (const auto& row : data.values) complete = complete && row[u].has_value();
    if (complete && Weight(data, u) > 0) out.push_back(u);
  }
  return out;
}

/// The weighted 2 x k x k agreement table of two coders over the units both coded.
struct PairTable {
  std::vector<double> categories;
  std::vector<std::vector<double>> cells;  // [first coder's category][second coder's category]
  double total = 0;
};

std::optional<PairTable> TwoCoderTable(const ReliabilityData& data) {
  const std::size_t units = UnitCount(data);
  if (data.values.size() != 2) return std::nullopt;
  const std::vector<std::size_t> both = CompleteUnits(data, units);
  PairTable table;
  table.categories = DistinctValues(data, both);
  const std::size_t k = table.categories.size();
  table.cells.assign(k, std::vector<double>(k, 0.0));
  for (std::size_t u : both) {
    const double w = Weight(data, u);
    table.cells[IndexOf(table.categories, *data.values[0][u])]
               [IndexOf(table.categories, *data.values[1][u])] += w;
    table.total += w;
  }
  if (table.total <= 0) return std::nullopt;
  return table;
}

double DifferenceSquared(MeasurementLevel level, std::size_t c, std::size_t k,
                         const std::vector<double>& values, const std::vector<double>& prefix,
                         const std::vector<double>& marginals) {
  if (c == k) return 0.0;
  switch (level) {
    case MeasurementLevel::Nominal:
      return 1.0;
    case MeasurementLevel::Ordinal: {
      // Krippendorff's ordinal metric: the marginal frequencies from rank c to rank k, less half
      // of the two ends, squared.
      const std::size_t lo = std::min(c, k), hi = std::max(c, k);
      const double between = prefix[hi + 1] - prefix[lo] - (marginals[lo] + marginals[hi]) / 2.0;
      return between * between;
    }
    case MeasurementLevel::Interval: {
      const double d = values[c] - values[k];
      return d * d;
    }
    case MeasurementLevel::Ratio: {
      const double sum = values[c] + values[k];
      if (sum == 0) return 0.0;
      const double d = (values[c] - values[k]) / sum;
      return d * d;
    }
  }
  throw ProgrammingError("KrippendorffAlpha: unknown measurement level");
}

}  // namespace

std::optional<double> PercentAgreement(const ReliabilityData& data) {
  const std::size_t units = UnitCount(data);
  double agreeing = 0, pairs = 0;
  std::vector<double> present;
  for (std::size_t u = 0; u < units; ++u) {
    present.clear();
    for (const auto& row : data.values) {
      if (row[u]) present.push_back(*row[u]);
    }
    const double m = static_cast<double>(present.size());
    if (present.size() < 2) continue;
    std::sort(present.begin(), present.end());
    double same = 0;
    for (std::size_t i = 0; i < present.size();) {
      std::size_t j = i;
      while (j < present.size() && present[j] == present[i]) ++j;
      const double n = static_cast<double>(j - i);
      same += n * (n - 1) / 2;
      i = j;
    }
    const double w = Weight(data, u);
    agreeing += w * same;
    pairs += w * m * (m - 1) / 2;
  }
  if (pairs <= 0) return std::nullopt;
  return agreeing / pairs;
}

std::optional<double> CohenKappa(const ReliabilityData& data, KappaWeights weights) {
  const std::optional<PairTable> table = TwoCoderTable(data);
  if (!table) return std::nullopt;
  const std::size_t k = table->categories.size();
  if (k < 2) return std::nullopt;  // one category only: chance agreement is 1
  std::vector<double> rows(k, 0.0), cols(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      rows[i] += table->cells[i][j];
      cols[j] += table->cells[i][j];
    }
  }
  // Weighted kappa as 1 - observed/expected disagreement; with 0/1 weights this is Cohen's
  // (po - pe) / (1 - pe) exactly. Disagreement weights are on ranks, scaled to 0..1.
  double observed = 0, expected = 0;
  const double span = static_cast<double>(k - 1);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      if (i == j) continue;
      const double d = std::abs(static_cast<double>(i) - static_cast<double>(j)) / span;
      const double w = weights == KappaWeights::None     ? 1.0
                       : weights == KappaWeights::Linear ? d
                                                         : d * d;
      observed += w * table->cells[i][j] / table->total;
      expected += w * rows[i] * cols[j] / (table->total * table->total);
    }
  }
  if (expected <= kZero) return std::nullopt;
  return 1.0 - observed / expected;
}

std::optional<double> ScottPi(const ReliabilityData& data) {
  const std::optional<PairTable> table = TwoCoderTable(data);
  if (!table) return std::nullopt;
  const std::size_t k = table->categories.size();
  double observed = 0, expected = 0;
  for (std::size_t i = 0; i < k; ++i) {
    double pooled = 0;
    for (std::size_t j = 0; j < k; ++j) pooled += table->cells[i][j] + table->cells[j][i];
    const double p = pooled / (2 * table->total);
    expected += p * p;
    observed += table->cells[i][i] / table->total;
  }
  if (1 - expected <= kZero) return std::nullopt;
  return (observed - expected) / (1 - expected);
}

std::optional<double> FleissKappa(const ReliabilityData& data) {
  const std::size_t units = UnitCount(data);
  const std::size_t coders = data.values.size();
  if (coders < 2) return std::nullopt;
  const std::vector<std::size_t> complete = CompleteUnits(data, units);
  const std::vector<double> categories = DistinctValues(data, complete);
  const double n = static_cast<double>(coders);
  std::vector<double> totals(categories.size(), 0.0);
  std::vector<double> counts(categories.size(), 0.0);
  double total_weight = 0, agreement = 0;
  for (std::size_t u : complete) {
    std::fill(counts.begin(), counts.end(), 0.0);
    for (const auto& row : data.values) counts[IndexOf(categories, *row[u])] += 1;
    double squares = 0;
    for (double c : counts) squares += c * c;
    const double w = Weight(data, u);
    agreement += w * (squares - n) / (n * (n - 1));
    for (std::size_t j = 0; j < counts.size(); ++j) totals[j] += w * counts[j];
    total_weight += w;
  }
  if (total_weight <= 0) return std::nullopt;
  const double observed = agreement / total_weight;
  double expected = 0;
  for (double t : totals) {
    const double p = t / (total_weight * n);
    expected += p * p;
  }
  if (1 - expected <= kZero) return std::nullopt;
  return (observed - expected) / (1 - expected);
}

std::optional<double> KrippendorffAlpha(const ReliabilityData& data, MeasurementLevel level) {
  const std::size_t units = UnitCount(data);
  std::vector<std::size_t> pairable;
  for (std::size_t u = 0; u < units; ++u) {
    std::size_t m = 0;
    for (const auto& row : data.values) m += row[u].has_value() ? 1 : 0;
    if (m >= 2 && Weight(data, u) > 0) pairable.push_back(u);
  }
  const std::vector<double> values = DistinctValues(data, pairable);
  const std::size_t k = values.size();
  if (level == MeasurementLevel::Ratio && !values.empty() && values.front() < 0) {
    throw DataError("the ratio level of measurement needs values of zero or more");
  }
  // The coincidence matrix: each unit with m values contributes every ordered pair of its values
  // from different coders, weighted 1/(m-1).
  std::vector<std::vector<double>> coincidences(k, std::vector<double>(k, 0.0));
  std::vector<std::pair<std::size_t, double>> in_unit;
  for (std::size_t u : pairable) {
    in_unit.clear();
    double m = 0;
    for (const auto& row : data.values) {
      if (!row[u]) continue;
      const std::size_t c = IndexOf(values, *row[u]);
      auto it = std::find_if(in_unit.begin(), in_unit.end(),
                             [c](const auto& entry) { return entry.first == c; });
      if (it == in_unit.end()) {
        in_unit.emplace_back(c, 1.0);
      } else {
        it->second += 1;
      }
      m += 1;
    }
    const double w = Weight(data, u) / (m - 1);
    for (const auto& [c, nc] : in_unit) {
      for (const auto& [j, nj] : in_unit) {
        coincidences[c][j] += w * nc * (c == j ? nj - 1 : nj);
      }
    }
  }
  std::vector<double> marginals(k, 0.0);
  double n = 0;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < k; ++j) marginals[c] += coincidences[c][j];
    n += marginals[c];
  }
  if (n <= 1) return std::nullopt;
  std::vector<double> prefix(k + 1, 0.0);
  for (std::size_t c = 0; c < k; ++c) prefix[c + 1] = prefix[c] + marginals[c];
  double observed = 0, expected = 0;
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < k; ++j) {
      if (c == j) continue;
      const double d = DifferenceSquared(level, c, j, values, prefix, marginals);
      observed += coincidences[c][j] * d;
      expected += marginals[c] * marginals[j] * d;
    }
  }
  // alpha = 1 - Do/De with Do = observed/n and De = expected/(n(n-1)).
  if (expected <= 0) return std::nullopt;
  return 1.0 - (n - 1) * observed / expected;
}

}  // namespace tessera
