#pragma once
// Agreement coefficients over a reliability data matrix: coders in rows, units in columns, one
// value (or nothing) per cell. Formulas and references are in docs/agreement.md.
//
// Every function returns std::nullopt where its coefficient is undefined for the data (wrong
// number of coders, no pairable units, or a zero denominator because nobody varied), never NaN,
// and throws ProgrammingError for malformed data: a row count that differs from the number of
// coders, ragged rows, a value that is not finite, or a weight list of the wrong size or with a
// negative or non-finite weight.

#include <optional>
#include <string>
#include <vector>

namespace tessera {

/// The level of measurement that chooses Krippendorff's difference function.
enum class MeasurementLevel { Nominal, Ordinal, Interval, Ratio };

/// Disagreement weights for Cohen's kappa, on the ranks of the values that occur.
enum class KappaWeights { None, Linear, Quadratic };

/// Reliability data: `values[coder][unit]`, std::nullopt where the coder gave no value.
///
/// Values are compared exactly; categories are numbers (see ReadReliabilityCsv for strings).
/// `weights`, when not empty, holds one non-negative multiplicity per unit: a unit with weight w
/// counts as w identical units. Agreement code uses it to fold millions of identical units (code
/// points with the same coder pattern) into a handful of columns; it changes no formula.
struct ReliabilityData {
  std::vector<std::string> coders;                         ///< one name per row
  std::vector<std::vector<std::optional<double>>> values;  ///< coders x units
  std::vector<double> weights;                             ///< per unit; empty = all 1
  std::vector<std::string> units;                          ///< optional unit names
  std::vector<std::string> categories;                     ///< names of values 1..k, if textual
};

/// Share (0..1) of agreeing pairs of values among all pairs of values within a unit, over the
/// units that have at least two values; pairs are pooled, so a unit with more values weighs more.
std::optional<double> PercentAgreement(const ReliabilityData& data);

/// Cohen's kappa (1960), or Cohen's weighted kappa (1968) with linear or quadratic weights on the
/// rank of each value among the distinct values used. Exactly two coders; units both coded.
std::optional<double> CohenKappa(const ReliabilityData& data,
                                 KappaWeights weights = KappaWeights::None);

/// Scott's pi (1955). Exactly two coders; units both coded. (Fleiss' kappa is its extension.)
std::optional<double> ScottPi(const ReliabilityData& data);

/// Fleiss' kappa (1971) for any number (>= 2) of coders, over the units that every coder coded;
/// units with a missing value are left out whole.
std::optional<double> FleissKappa(const ReliabilityData& data);

/// Krippendorff's alpha (2004, 2011) for any number of coders with missing values allowed.
/// @throws DataError at the ratio level when a value is negative.
std::optional<double> KrippendorffAlpha(const ReliabilityData& data, MeasurementLevel level);

}  // namespace tessera
