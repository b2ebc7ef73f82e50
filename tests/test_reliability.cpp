// Agreement coefficients over reliability data, checked against published worked examples, and
// the CSV reader.

#include <array>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/reliability.h"
#include "analysis/reliability_csv.h"
#include "error.h"

namespace {

using tessera::CohenKappa;
using tessera::FleissKappa;
using tessera::KappaWeights;
using tessera::KrippendorffAlpha;
using tessera::MeasurementLevel;
using tessera::PercentAgreement;
using tessera::ReadReliabilityCsv;
using tessera::ReliabilityData;
using tessera::ScottPi;

constexpr double kNone = -1;  // marks a missing value in the literal tables below

/// Reliability data from rows of values per coder; kNone is a missing value.
ReliabilityData FromRows(const std::vector<std::vector<double>>& rows) {
  ReliabilityData data;
  for (std::size_t c = 0; c < rows.size(); ++c) {
    data.coders.push_back("coder " + std::to_string(c + 1));
    std::vector<std::optional<double>> values;
    for (double v : rows[c]) {
      values.push_back(v == kNone ? std::nullopt : std::optional<double>(v));
    }
    data.values.push_back(values);
  }
  return data;
}

/// Two coders from a square contingency table: cells[i][j] units on which the first coder chose
/// category i + 1 and the second category j + 1. Each cell becomes one unit with that weight, so
/// these tests also exercise unit weights.
ReliabilityData FromTable(const std::vector<std::vector<double>>& cells) {
  ReliabilityData data;
  data.coders = {"first", "second"};
  data.values.resize(2);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    for (std::size_t j = 0; j < cells[i].size(); ++j) {
      data.values[0].push_back(static_cast<double>(i + 1));
      data.values[1].push_back(static_cast<double>(j + 1));
      data.weights.push_back(cells[i][j]);
    }
  }
  return data;
}

/// Many coders from a subjects x categories table of counts (how many coders chose each
/// category), as Fleiss (1971) prints his data; which coder gave which value does not matter.
ReliabilityData FromCounts(const std::vector<std::vector<int>>& counts) {
  std::size_t coders = 0;
  for (int n : counts.front()) coders += static_cast<std::size_t>(n);
  std::vector<std::vector<double>> rows(coders);
  for (const auto& subject : counts) {
    std::size_t coder = 0;
    for (std::size_t category = 0; category < subject.size(); ++category) {
      for (int k = 0; k < subject[category]; ++k) {
        rows[coder++].push_back(static_cast<double>(category + 1));
      }
    }
  }
  return FromRows(rows);
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, University of Pennsylvania, section C: 4 observers, 12 units, missing values.
// Also Krippendorff (2004), Content Analysis 2nd ed., p. 230.
const std::vector<std::vector<double>> kKrippendorff2011 = {
    {1, 2, 3, 3, 2, 1, 4, 1, 2, kNone, kNone, kNone},
    {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, kNone, 3},
    {kNone, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, kNone},
    {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, kNone},
};

std::string Fixture(const std::string& name) {
  return std::string(TESSERA_TEST_DATA) + "/agreement/" + name;
}

}  // namespace

TEST_CASE("Krippendorff's alpha matches Krippendorff (2011) at all four levels", "[agreement]") {
  // Printed: nominal .743, ordinal .815, interval .849, ratio .797.
  const ReliabilityData data = FromRows(kKrippendorff2011);
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Nominal) == Approx(0.743).margin(0.0005));
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Ordinal) == Approx(0.815).margin(0.0005));
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Interval) == Approx(0.849).margin(0.0005));
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Ratio) == Approx(0.797).margin(0.0005));
  // Unit 12 has a single value, so it is not pairable; only all-coder units count for Fleiss.
  CHECK(FleissKappa(data).has_value());
  CHECK_FALSE(CohenKappa(data));
  CHECK_FALSE(ScottPi(data));
}

TEST_CASE("Krippendorff's alpha matches the two-coder examples of Krippendorff (2004)",
          "[agreement]") {
  // Content Analysis, 2nd ed., p. 224: binary data, 2 coders x 10 units: 60% agreement,
  // alpha = .095.
  const ReliabilityData binary =
      FromRows({{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 1, 0, 0, 1, 0, 1, 0, 0}});
  CHECK(*PercentAgreement(binary) == Approx(0.6));
  CHECK(*KrippendorffAlpha(binary, MeasurementLevel::Nominal) == Approx(0.095).margin(0.0005));
  // p. 227: nominal data with three values (a, b, c as 1, 2, 3), 2 x 12: 83.3%, alpha = .734.
  const ReliabilityData nominal =
      FromRows({{1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3}, {1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3}});
  CHECK(*PercentAgreement(nominal) == Approx(0.833).margin(0.0005));
  CHECK(*KrippendorffAlpha(nominal, MeasurementLevel::Nominal) == Approx(0.734).margin(0.0005));
}

TEST_CASE("Scott's pi and Cohen's kappa react differently to marginals (Krippendorff 2004)",
          "[agreement]") {
  // Content Analysis, 2nd ed., p. 246: two tables with the same 46% agreement; pi is .186 for
  // both, kappa is .186 for the first and .258 for the second.
  const ReliabilityData same = FromTable({{12, 9, 9}, {9, 14, 9}, {9, 9, 20}});
  const ReliabilityData skewed = FromTable({{12, 18, 18}, {0, 14, 18}, {0, 0, 20}});
  CHECK(*PercentAgreement(same) == Approx(0.46));
  CHECK(*PercentAgreement(skewed) == Approx(0.46));
  CHECK(*ScottPi(same) == Approx(0.186).margin(0.0005));
  CHECK(*ScottPi(skewed) == Approx(0.186).margin(0.0005));
  CHECK(*CohenKappa(same) == Approx(0.186).margin(0.0005));
  CHECK(*CohenKappa(skewed) == Approx(0.258).margin(0.0005));
}

TEST_CASE("Cohen's kappa matches Cohen (1960)", "[agreement]") {
  // Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
  // Psychological Measurement 20(1), 37-46, p. 45: 200 units, po = .70, pc = .41, kappa = .492.
  const ReliabilityData data = FromTable({{88, 14, 18}, {10, 40, 10}, {2, 6, 12}});
  CHECK(*PercentAgreement(data) == Approx(0.70));
  CHECK(*CohenKappa(data) == Approx(0.492).margin(0.0005));
}

TEST_CASE("Scott's pi and Cohen's kappa match Artstein and Poesio (2008)", "[agreement]") {
  // Artstein, R. & Poesio, M. (2008). Inter-coder agreement for computational linguistics.
  // Computational Linguistics 34(4), 555-596.
  // p. 558 (Stat/IReq, 100 utterances): Ao = .7, pi = .341 (Ae .545), kappa = .348 (Ae .54).
  const ReliabilityData first = FromTable({{20, 10}, {20, 50}});
  CHECK(*PercentAgreement(first) == Approx(0.7));
  CHECK(*ScottPi(first) == Approx(0.341).margin(0.0005));
  CHECK(*CohenKappa(first) == Approx(0.348).margin(0.0005));
  // p. 568 (Stat/IReq/Chck): Ao = .88, kappa = .801 (Ae .396). For pi and alpha on this table
  // the unrounded values are pi = .7995 (Ae .4014) and alpha = .8005 (Do .120, De .601); these
  // are also the expected values of DKPro Agreement's ArtsteinPoesio2008Test (Meyer et al.
  // 2014), which checks pi = .7995 and alpha = .800 within .001.
  const ReliabilityData second = FromTable({{46, 0, 0}, {6, 32, 6}, {0, 0, 10}});
  CHECK(*PercentAgreement(second) == Approx(0.88));
  CHECK(*CohenKappa(second) == Approx(0.801).margin(0.0005));
  CHECK(*ScottPi(second) == Approx(0.7995).margin(0.00005));
  CHECK(*KrippendorffAlpha(second, MeasurementLevel::Nominal) == Approx(0.800).margin(0.001));
}

TEST_CASE("Weighted kappa matches SAS PROC FREQ and R irr", "[agreement]") {
  // SAS/STAT PROC FREQ (AGREE) printout for the 3 x 3 table below, as reproduced in statsmodels'
  // test_inter_rater.py: simple kappa .4842, weighted kappa (Cicchetti-Allison, i.e. linear
  // weights on the category scores 1..3) .4701.
  const ReliabilityData sas = FromTable({{0, 4, 1}, {0, 8, 0}, {0, 1, 5}});
  CHECK(*CohenKappa(sas) == Approx(0.4842).margin(0.00005));
  CHECK(*CohenKappa(sas, KappaWeights::Linear) == Approx(0.4701).margin(0.00005));

  // R package irr (Gamer, Lemon, Fellows & Singh), kappa2() on raters 2 and 3 of its `anxiety`
  // data set (20 subjects): unweighted -.006289308, "equal" (linear) .1459075, "squared"
  // (quadratic) .2520325. Value 5 is used by neither rater, and irr weights the ranks of the
  // values used (1, 2, 3, 4, 6), as Tessera does.
  const ReliabilityData anxiety =
      FromRows({{3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4},
                {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2}});
  CHECK(*CohenKappa(anxiety) == Approx(-0.006289308).margin(5e-9));
  CHECK(*CohenKappa(anxiety, KappaWeights::Linear) == Approx(0.1459075).margin(5e-8));
  CHECK(*CohenKappa(anxiety, KappaWeights::Quadratic) == Approx(0.2520325).margin(5e-8));

  // With two categories every weighting is Cohen's plain kappa.
  const ReliabilityData two = FromTable({{20, 10}, {20, 50}});
  CHECK(*CohenKappa(two, KappaWeights::Linear) == Approx(*CohenKappa(two)));
  CHECK(*CohenKappa(two, KappaWeights::Quadratic) == Approx(*CohenKappa(two)));
}

TEST_CASE("Fleiss' kappa matches Fleiss (1971) and the Wikipedia example", "[agreement]") {
  // Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
  // Bulletin 76(5), 378-382, table 1 (p. 379): 30 patients, 6 psychiatrists, 5 diagnoses:
  // P = .556, Pe = .220, kappa = .430. Rows: the six diagnoses of each patient.
  const std::vector<std::array<int, 6>> patients = {
      {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5},
      {2, 2, 2, 4, 4, 4}, {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4},
      {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5}, {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4},
      {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5}, {3, 3, 3, 3, 3, 5},
      {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
      {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4},
      {1, 4, 4, 4, 4, 5}, {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4},
      {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}};
  std::vector<std::vector<double>> rows(6);
  for (const auto& patient : patients) {
    for (std::size_t r = 0; r < 6; ++r) rows[r].push_back(patient[r]);
  }
  const ReliabilityData fleiss = FromRows(rows);
  CHECK(*FleissKappa(fleiss) == Approx(0.430).margin(0.0005));
  CHECK(*PercentAgreement(fleiss) == Approx(0.556).margin(0.0005));  // Fleiss' P-bar

  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories:
  // P-bar = .378, Pe = .213, kappa = .210.
  const ReliabilityData wikipedia = FromCounts({{0, 0, 0, 0, 14},
                                                {0, 2, 6, 4, 2},
                                                {0, 0, 3, 5, 6},
                                                {0, 3, 9, 2, 0},
                                                {2, 2, 8, 1, 1},
                                                {7, 7, 0, 0, 0},
                                                {3, 2, 6, 3, 0},
                                                {2, 5, 3, 2, 2},
                                                {6, 5, 2, 1, 0},
                                                {0, 2, 2, 3, 7}});
  CHECK(*FleissKappa(wikipedia) == Approx(0.210).margin(0.0005));
  CHECK(*PercentAgreement(wikipedia) == Approx(0.378).margin(0.0005));
}

TEST_CASE("Fleiss' kappa uses only the units every coder coded", "[agreement]") {
  // Hand-computed: units 1-3 are complete, unit 4 lacks a value and is left out whole.
  //   u1 = (1,1,1), u2 = (2,2,3), u3 = (1,3,3): P_i = 1, 1/3, 1/3, P-bar = 5/9;
  //   p = (4, 2, 3)/9, Pe = 29/81; kappa = (5/9 - 29/81) / (1 - 29/81) = 16/52.
  const ReliabilityData data = FromRows({{1, 2, 1, kNone}, {1, 2, 3, 1}, {1, 3, 3, 2}});
  CHECK(*FleissKappa(data) == Approx(16.0 / 52.0));
}

TEST_CASE("Unit weights count as repeated units", "[agreement]") {
  ReliabilityData expanded = FromRows({{1, 1, 1, 2, 2, 1}, {1, 1, 2, 2, 2, 2}, {1, 1, 1, 2, 1, 2}});
  // The same six units with the two identical first units folded into one of weight 2.
  ReliabilityData folded = FromRows({{1, 1, 2, 2, 1}, {1, 2, 2, 2, 2}, {1, 1, 2, 1, 2}});
  folded.weights = {2, 1, 1, 1, 1};
  ReliabilityData wrong = folded;
  wrong.weights = {2, 1, 1, 1, 2};
  for (auto level : {MeasurementLevel::Nominal, MeasurementLevel::Ordinal,
                     MeasurementLevel::Interval, MeasurementLevel::Ratio}) {
    CHECK(*KrippendorffAlpha(folded, level) == Approx(*KrippendorffAlpha(expanded, level)));
  }
  CHECK(*FleissKappa(folded) == Approx(*FleissKappa(expanded)));
  CHECK(*PercentAgreement(folded) == Approx(*PercentAgreement(expanded)));
  CHECK(*PercentAgreement(wrong) != Approx(*PercentAgreement(expanded)));
}

TEST_CASE("Coefficients are nullopt where they do not apply", "[agreement]") {
  const ReliabilityData three = FromRows({{1, 2, 1}, {1, 2, 2}, {1, 1, 2}});
  CHECK_FALSE(CohenKappa(three));
  CHECK_FALSE(ScottPi(three));
  CHECK(FleissKappa(three).has_value());
  CHECK(KrippendorffAlpha(three, MeasurementLevel::Nominal).has_value());

  // Nobody varies: agreement is perfect but every chance-corrected coefficient divides by zero.
  const ReliabilityData constant = FromRows({{1, 1, 1}, {1, 1, 1}});
  CHECK(*PercentAgreement(constant) == 1.0);
  CHECK_FALSE(CohenKappa(constant));
  CHECK_FALSE(CohenKappa(constant, KappaWeights::Quadratic));
  CHECK_FALSE(ScottPi(constant));
  CHECK_FALSE(FleissKappa(constant));
  CHECK_FALSE(KrippendorffAlpha(constant, MeasurementLevel::Interval));

  // No unit has two values.
  const ReliabilityData sparse = FromRows({{1, kNone}, {kNone, 2}});
  CHECK_FALSE(PercentAgreement(sparse));
  CHECK_FALSE(CohenKappa(sparse));
  CHECK_FALSE(FleissKappa(sparse));
  CHECK_FALSE(KrippendorffAlpha(sparse, MeasurementLevel::Nominal));

  const ReliabilityData empty;
  CHECK_FALSE(PercentAgreement(empty));
  CHECK_FALSE(FleissKappa(empty));
  CHECK_FALSE(KrippendorffAlpha(empty, MeasurementLevel::Nominal));
}

TEST_CASE("Malformed reliability data is a programming error", "[agreement]") {
  ReliabilityData ragged = FromRows({{1, 2, 3}, {1, 2}});
  CHECK_THROWS_AS(PercentAgreement(ragged), tessera::ProgrammingError);
  ReliabilityData weights = FromRows({{1, 2}, {1, 2}});
  weights.weights = {1};
  CHECK_THROWS_AS(KrippendorffAlpha(weights, MeasurementLevel::Nominal), tessera::ProgrammingError);
  weights.weights = {1, -1};
  CHECK_THROWS_AS(FleissKappa(weights), tessera::ProgrammingError);
  ReliabilityData names = FromRows({{1, 2}, {1, 2}});
  names.coders.pop_back();
  CHECK_THROWS_AS(CohenKappa(names), tessera::ProgrammingError);
  const ReliabilityData negative = FromRows({{-2, 2}, {1, 2}});
  CHECK_THROWS_AS(KrippendorffAlpha(negative, MeasurementLevel::Ratio), tessera::DataError);
  CHECK(KrippendorffAlpha(negative, MeasurementLevel::Interval).has_value());
}

TEST_CASE("Reliability CSV: numeric values with missing cells", "[agreement]") {
  const ReliabilityData data = ReadReliabilityCsv(Fixture("krippendorff2011.csv"));
  REQUIRE(data.coders.size() == 4);
  CHECK(data.coders[2] == "Observer C");
  REQUIRE(data.units.size() == 12);
  CHECK(data.units[11] == "u12");
  CHECK(data.categories.empty());
  CHECK_FALSE(data.values[2][0]);
  CHECK(*data.values[1][11] == 3);
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Nominal) == Approx(0.743).margin(0.0005));
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Interval) == Approx(0.849).margin(0.0005));
}

TEST_CASE("Reliability CSV: categories, quoting, BOM and non-ASCII names", "[agreement]") {
  const ReliabilityData data = ReadReliabilityCsv(Fixture("categories.csv"));
  REQUIRE(data.coders.size() == 3);
  CHECK(data.coders[0] == "Nguyễn Thị Hoa");
  CHECK(data.coders[1] == "ស្រី សុភា");
  CHECK(data.coders[2] == "Amina \"Mama\" Mwangi");
  CHECK(data.units == std::vector<std::string>{"Phỏng vấn 1", "Phỏng vấn 2, phần B", "Phỏng vấn 3",
                                               "Phỏng vấn 4"});
  CHECK(data.categories ==
        std::vector<std::string>{"Gia đình", "Bạo lực, trực tuyến", "Trường học"});
  // Values 1 = Gia đình, 2 = Bạo lực, 3 = Trường học (first appearance, row by row):
  //   Hoa 1 2 1 -, Sophea 1 2 3 1, Amina 1 3 3 1.
  CHECK_FALSE(data.values[0][3]);
  CHECK(*data.values[2][1] == 3);
  // Hand-computed nominal alpha: coincidences o11 = 5, o22 = o33 = 1, o23 = o32 = o13 = o31 = 1;
  // n = (6, 2, 3), n.. = 11; alpha = 1 - 10 * 4 / (2 * (12 + 18 + 6)) = 4/9.
  CHECK(*KrippendorffAlpha(data, MeasurementLevel::Nominal) == Approx(4.0 / 9.0));
  CHECK(*PercentAgreement(data) == Approx(0.6));  // 6 of 10 pairs
  CHECK(*FleissKappa(data) == Approx(16.0 / 52.0));
}

TEST_CASE("Reliability CSV: bad files are data errors naming the file", "[agreement]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"does_not_exist.csv", "no such file"},
      {"empty.csv", "empty"},
      {"ragged.csv", "row 3 has 3 cells; the header has 4"},
      {"one_coder.csv", "fewer than 2 coders"},
      {"no_units.csv", "no units"},
      {"malformed.csv", "malformed CSV"},
      {"duplicate_coder.csv", "appears twice"},
      {"unnamed_coder.csv", "no coder name"},
  };
  for (const auto& [name, reason] : cases) {
    INFO(name);
    const std::string path = Fixture(name);
    try {
      ReadReliabilityCsv(path);
      FAIL("no exception");
    } catch (const tessera::DataError& e) {
      CHECK(e.path() == path);
      CHECK_THAT(e.reason(), Catch::Matchers::Contains(reason));
    }
  }
}
