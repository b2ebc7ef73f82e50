// Krippendorff's unitizing alpha (uα) over continua.

#include <catch2/catch.hpp>
#include <cmath>

#include "analysis/unitized_alpha.h"
#include "error.h"

namespace {

using tessera::UnitizedAlpha;
using tessera::UnitizedData;
using tessera::UnitizedUnit;

UnitizedUnit Unit(std::size_t coder, std::size_t document, std::size_t start, std::size_t end,
                  std::size_t category) {
  return UnitizedUnit{coder, document, start, end, category};
}

}  // namespace

TEST_CASE("uα matches the worked example of Krippendorff (2004)", "[agreement]") {
  // Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
  // §12.4, p. 254: two coders i and j, a continuum from 150 to 450 (L = 300), categories c and k.
  //   i: k [180,240)  c [225,295)  k [300,350)  c [370,400)
  //   j: k [180,240)  c [220,300)  k [300,350)  c [355,375)  c [400,420)
  // Printed: uDo_c = .0144, uDe_c = .0532, uα_c = .7286; uDo_k = 0, uDe_k = .0490, uα_k = 1;
  // over both categories uα = .8591. (The same figures are the expected values of DKPro
  // Agreement's Krippendorff2004Test, Meyer et al. 2014.) Positions here start at 0, so 150 is
  // subtracted from every boundary.
  const std::size_t c = 0, k = 1;
  UnitizedData data;
  data.coder_count = 2;
  data.category_count = 2;
  data.document_lengths = {300};
  data.units = {Unit(0, 0, 30, 90, k),   Unit(0, 0, 75, 145, c),  Unit(0, 0, 150, 200, k),
                Unit(0, 0, 220, 250, c), Unit(1, 0, 30, 90, k),   Unit(1, 0, 70, 150, c),
                Unit(1, 0, 150, 200, k), Unit(1, 0, 205, 225, c), Unit(1, 0, 250, 270, c)};
  const auto result = UnitizedAlpha(data);
  REQUIRE(result.categories.size() == 2);
  CHECK(result.categories[c].observed == Approx(0.0144).margin(0.00005));
  CHECK(result.categories[c].expected == Approx(0.0532).margin(0.00005));
  REQUIRE(result.categories[c].alpha);
  CHECK(*result.categories[c].alpha == Approx(0.7286).margin(0.00005));
  CHECK(result.categories[c].units == 5);
  CHECK(result.categories[k].observed == 0.0);
  CHECK(result.categories[k].expected == Approx(0.0490).margin(0.00005));
  REQUIRE(result.categories[k].alpha);
  CHECK(*result.categories[k].alpha == Approx(1.0));
  // Over both categories uα = 1 - (uDo_c + uDo_k) / (uDe_c + uDe_k). The printed .8591 comes
  // from the rounded parts, 1 - .0144 / (.0532 + .0490); unrounded it is .8587 (DKPro's test
  // accepts both with a tolerance of .0005).
  REQUIRE(result.alpha);
  const auto& cats = result.categories;
  CHECK(*result.alpha ==
        Approx(1 - (cats[c].observed + cats[k].observed) / (cats[c].expected + cats[k].expected)));
  CHECK(*result.alpha == Approx(0.8591).margin(0.0005));
  auto round4 = [](double x) { return std::round(x * 10000) / 10000; };
  CHECK(1 - round4(cats[c].observed) / (round4(cats[c].expected) + round4(cats[k].expected)) ==
        Approx(0.8591).margin(0.00005));
}

TEST_CASE("uα on the four examples of Krippendorff (1995)", "[agreement]") {
  // Krippendorff, K. (1995). On the reliability of unitizing contiguous data. Sociological
  // Methodology 25, 47-76, p. 57: four pairs of coders cut a continuum of 24 positions (A..D).
  // The observed disagreements are printed as A .03125, B 2.26736, C .02777, D .38715 (B has
  // adjacent units). The paper treats the continuum as continuous, so the alphas are compared on
  // a continuum stretched 50,000-fold: A .553 and D .066 match as printed; for B (-.926) and
  // C (.679) the paper's expected disagreement is slightly off (noted by DKPro Agreement's
  // Krippendorff1995Test, which accepts them within .02, as here).
  auto make = [](std::size_t stretch) {
    UnitizedData data;
    data.coder_count = 2;
    data.category_count = 4;
    data.document_lengths = {24 * stretch};
    auto add = [&](std::size_t coder, std::size_t start, std::size_t length, std::size_t cat) {
      data.units.push_back(Unit(coder, 0, start * stretch, (start + length) * stretch, cat));
    };
    add(0, 2, 8, 0), add(0, 14, 6, 0), add(1, 4, 4, 0), add(1, 15, 2, 0);
    add(0, 0, 18, 1), add(1, 0, 2, 1), add(1, 2, 1, 1), add(1, 3, 1, 1), add(1, 4, 1, 1);
    add(1, 5, 1, 1), add(1, 6, 3, 1), add(1, 9, 1, 1);
    add(0, 2, 6, 2), add(0, 10, 2, 2), add(0, 14, 4, 2), add(0, 20, 2, 2);
    add(1, 0, 2, 2), add(1, 4, 4, 2), add(1, 10, 4, 2), add(1, 16, 2, 2), add(1, 20, 2, 2);
    add(0, 0, 2, 3), add(0, 2, 8, 3), add(0, 10, 4, 3), add(0, 14, 6, 3), add(0, 20, 4, 3);
    add(1, 0, 4, 3), add(1, 4, 4, 3), add(1, 8, 7, 3), add(1, 15, 2, 3), add(1, 17, 7, 3);
    return UnitizedAlpha(data);
  };
  const auto exact = make(1);
  CHECK(exact.categories[0].observed == Approx(0.03125).margin(0.000005));
  CHECK(exact.categories[1].observed == Approx(2.26736).margin(0.000005));
  CHECK(exact.categories[2].observed == Approx(0.02777).margin(0.00001));
  CHECK(exact.categories[3].observed == Approx(0.38715).margin(0.000005));
  const auto stretched = make(50000);
  CHECK(*stretched.categories[0].alpha == Approx(0.553).margin(0.0005));
  CHECK(*stretched.categories[1].alpha == Approx(-0.926).margin(0.02));
  CHECK(*stretched.categories[2].alpha == Approx(0.679).margin(0.02));
  CHECK(*stretched.categories[3].alpha == Approx(0.066).margin(0.0005));
}

TEST_CASE("uα on a small continuum computed by hand", "[agreement]") {
  // L = 10, coder 0 codes [2,5), coder 1 codes [3,5).
  // Observed: the only overlapping unit pair gives (2-3)^2 + (5-5)^2 = 1, so
  //   uDo = 2 * 1 / (m(m-1) L^2) = 2 / 200 = 0.01.
  // Expected: N_c = 2 units of lengths 3 and 2; gaps 2, 5 (coder 0) and 3, 5 (coder 1).
  //   l = 3: (N_c-1)(2*27 - 3*9 + 3)/3 = 10, plus 9 * [(5-3+1) + (3-3+1) + (5-3+1)] = 63 -> 73
  //   l = 2: (N_c-1)(2*8 - 3*4 + 2)/3 = 2,  plus 4 * [1 + 4 + 2 + 4] = 44             -> 46
  //   uDe = (2/L) * 119 / (mL(mL-1) - (3*2 + 2*1)) = 23.8 / 372
  //   uα = 1 - 0.01 / (23.8 / 372) = 0.8436975
  UnitizedData data;
  data.coder_count = 2;
  data.category_count = 1;
  data.document_lengths = {10};
  data.units = {Unit(0, 0, 2, 5, 0), Unit(1, 0, 3, 5, 0)};
  const auto result = UnitizedAlpha(data);
  CHECK(result.categories[0].observed == Approx(0.01));
  CHECK(result.categories[0].expected == Approx(23.8 / 372));
  REQUIRE(result.alpha);
  CHECK(*result.alpha == Approx(1 - 0.01 / (23.8 / 372)));
  CHECK(*result.alpha == Approx(0.8436975).epsilon(1e-6));

  SECTION("overlapping units of one coder count as their union") {
    data.units = {Unit(0, 0, 2, 4, 0), Unit(0, 0, 3, 5, 0), Unit(1, 0, 3, 5, 0)};
    CHECK(*UnitizedAlpha(data).alpha == Approx(0.8436975).epsilon(1e-6));
  }
  SECTION("empty units are ignored") {
    data.units.push_back(Unit(1, 0, 7, 7, 0));
    CHECK(*UnitizedAlpha(data).alpha == Approx(0.8436975).epsilon(1e-6));
  }
}

TEST_CASE("uα closes gaps at document boundaries", "[agreement]") {
  // The same two units in document 0 of two documents of length 10 (L = 20). Document 1 is one
  // gap of length 10 for each coder; it does not merge with the last gap of document 0.
  //   uDo = 2 * 1 / (2 * 400) = 0.0025
  //   gaps: coder 0: 2, 5, 10; coder 1: 3, 5, 10
  //   l = 3: 10 + 9 * (3 + 8 + 1 + 3 + 8) = 217;  l = 2: 2 + 4 * (1 + 4 + 9 + 2 + 4 + 9) = 118
  //   uDe = (2/20) * 335 / (40 * 39 - 8) = 33.5 / 1552;  uα = 1 - 0.0025 / (33.5 / 1552)
  UnitizedData data;
  data.coder_count = 2;
  data.category_count = 1;
  data.document_lengths = {10, 10};
  data.units = {Unit(0, 0, 2, 5, 0), Unit(1, 0, 3, 5, 0)};
  const auto two_documents = UnitizedAlpha(data);
  REQUIRE(two_documents.alpha);
  CHECK(two_documents.categories[0].expected == Approx(33.5 / 1552));
  CHECK(*two_documents.alpha == Approx(1 - 0.0025 / (33.5 / 1552)));

  data.document_lengths = {20};  // one document: the last gaps run on to 20
  const auto one_document = UnitizedAlpha(data);
  REQUIRE(one_document.alpha);
  CHECK(*one_document.alpha != Approx(*two_documents.alpha));
}

TEST_CASE("uα is 1 for identical coders and undefined without data", "[agreement]") {
  UnitizedData data;
  data.coder_count = 3;
  data.category_count = 3;
  data.document_lengths = {50, 0, 70};
  for (std::size_t coder = 0; coder < 3; ++coder) {
    data.units.push_back(Unit(coder, 0, 0, 10, 0));
    data.units.push_back(Unit(coder, 0, 5, 20, 1));
    data.units.push_back(Unit(coder, 2, 30, 70, 0));
  }
  auto result = UnitizedAlpha(data);
  REQUIRE(result.alpha);
  CHECK(*result.alpha == Approx(1.0));
  CHECK(*result.categories[0].alpha == Approx(1.0));
  CHECK(*result.categories[1].alpha == Approx(1.0));
  CHECK_FALSE(result.categories[2].alpha);  // nobody used category 2
  CHECK(result.categories[2].units == 0);

  data.coder_count = 1;
  for (auto& u : data.units) u.coder = 0;
  CHECK_FALSE(UnitizedAlpha(data).alpha);

  data.coder_count = 2;
  data.units.clear();
  CHECK_FALSE(UnitizedAlpha(data).alpha);
}

TEST_CASE("uα rejects units that do not fit", "[agreement]") {
  UnitizedData data;
  data.coder_count = 2;
  data.category_count = 1;
  data.document_lengths = {10};
  data.units = {Unit(0, 0, 5, 11, 0)};
  CHECK_THROWS_AS(UnitizedAlpha(data), tessera::ProgrammingError);
  data.units = {Unit(2, 0, 1, 2, 0)};
  CHECK_THROWS_AS(UnitizedAlpha(data), tessera::ProgrammingError);
  data.units = {Unit(0, 1, 1, 2, 0)};
  CHECK_THROWS_AS(UnitizedAlpha(data), tessera::ProgrammingError);
}
