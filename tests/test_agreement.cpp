// Agreement from codings at the document, character and segment units. Expected values are
// computed by hand in the comments from the formulas in docs/agreement.md.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "analysis/agreement.h"
#include "error.h"

namespace {

using tessera::AgreementRequest;
using tessera::CodedSpan;
using tessera::ComputeAgreement;
using Unit = AgreementRequest::Unit;

const std::string kHoa = "Nguyễn Thị Hoa";
const std::string kSophea = "ស្រី សុភា";
const std::string kAmina = "Amina Mwangi";
const std::string kFamily = "Gia đình";
const std::string kOnline = "Bạo lực/Trực tuyến";

CodedSpan Coding(const std::string& coder, std::int64_t document, std::size_t start,
                 std::size_t end, const std::string& code) {
  return CodedSpan{coder, document, start, end, code};
}

}  // namespace

TEST_CASE("Document unit: presence of each code in each document", "[agreement]") {
  // Four documents. Gia đình: Hoa in 1, 2, 3; Sophea in 1, 2, 4 -> units (1,1) (1,1) (1,0) (0,1).
  //   percent = 2/4; p(Hoa) = p(Sophea) = 3/4, pe = 9/16 + 1/16 = 10/16:
  //   kappa = pi = Fleiss = (1/2 - 10/16) / (6/16) = -1/3;
  //   alpha: o11 = 4, o10 = o01 = 2, n = (6, 2), n.. = 8: 1 - 7 * 4 / (2 * 6 * 2) = -1/6.
  // Bạo lực/Trực tuyến: both in document 1 only -> (1,1) (0,0) (0,0) (0,0): all coefficients 1;
  //   the three documents neither coder coded with it count as agreement.
  // Overall, 8 units: (1,1) x3, (1,0), (0,1), (0,0) x3: percent 6/8; p = 1/2 each, pe = 1/2:
  //   kappa = pi = 1/2; alpha: o11 = o00 = 6, o10 = o01 = 2: 1 - 15 * 4 / (2 * 8 * 8) = 0.53125.
  AgreementRequest request;
  request.coders = {kHoa, kSophea};
  request.document_lengths = {{1, 100}, {2, 100}, {3, 100}, {4, 100}};
  request.spans = {Coding(kHoa, 1, 0, 10, kFamily),     Coding(kHoa, 1, 50, 60, kFamily),
                   Coding(kHoa, 2, 0, 10, kFamily),     Coding(kHoa, 3, 5, 6, kFamily),
                   Coding(kSophea, 1, 70, 90, kFamily), Coding(kSophea, 2, 0, 100, kFamily),
                   Coding(kSophea, 4, 0, 1, kFamily),   Coding(kHoa, 1, 0, 5, kOnline),
                   Coding(kSophea, 1, 90, 95, kOnline)};
  request.unit = Unit::Document;
  const auto report = ComputeAgreement(request);
  REQUIRE(report.codes.size() == 2);
  // Codes were not given: every code the chosen coders used, sorted by path.
  CHECK(report.codes[0].code == kOnline);
  CHECK(report.codes[1].code == kFamily);
  const auto& family = report.codes[1];
  CHECK(family.units == 4);
  CHECK(*family.percent == Approx(0.5));
  CHECK(*family.cohen_kappa == Approx(-1.0 / 3));
  CHECK(*family.scott_pi == Approx(-1.0 / 3));
  CHECK(*family.fleiss_kappa == Approx(-1.0 / 3));
  CHECK(*family.krippendorff_alpha == Approx(-1.0 / 6));
  CHECK_FALSE(family.u_alpha);
  const auto& online = report.codes[0];
  CHECK(*online.percent == 1.0);
  CHECK(*online.cohen_kappa == Approx(1.0));
  CHECK(*online.krippendorff_alpha == Approx(1.0));
  CHECK(report.overall.code.empty());
  CHECK(report.overall.units == 8);
  CHECK(*report.overall.percent == Approx(0.75));
  CHECK(*report.overall.cohen_kappa == Approx(0.5));
  CHECK(*report.overall.scott_pi == Approx(0.5));
  CHECK(*report.overall.krippendorff_alpha == Approx(0.53125));
}

TEST_CASE("Character unit: code points as units, and uα", "[agreement]") {
  // One document of 100 code points; Hoa codes [10,30), Sophea [20,40).
  // Code points: Hoa only 10, both 10, Sophea only 10, neither 70 (uncoded text is agreement).
  //   percent = 80/100; p = .2 each, pe = .04 + .64 = .68; kappa = pi = (.8 - .68)/.32 = .375;
  //   alpha: o11 = 20, o00 = 140, o10 = o01 = 20, n = (40, 160): 1 - 199*40/(2*40*160).
  // uα: the two units differ by (10-20)^2 + (30-40)^2 = 200, uDo = 2*200/(2*1*100^2) = .02;
  //   both units have l = 20, N_c = 2; gaps 10, 70 (Hoa) and 20, 60 (Sophea); per unit
  //   (2*8000 - 3*400 + 20)/3 + 400 * (51 + 1 + 41) = 42140; uDe = (2/100) * 84280 / (200*199 -
  //   2*380) = 1685.6 / 39040; uα = 1 - .02 * 39040 / 1685.6 = 1 - 780.8 / 1685.6 = 0.5367822.
  AgreementRequest request;
  request.coders = {kHoa, kSophea};
  request.document_lengths = {{7, 100}};
  request.spans = {Coding(kHoa, 7, 10, 30, kFamily), Coding(kSophea, 7, 20, 40, kFamily)};
  request.unit = Unit::Character;
  auto check = [](const tessera::AgreementReport& report) {
    REQUIRE(report.codes.size() == 1);
    const auto& family = report.codes[0];
    CHECK(family.units == 100);
    CHECK(*family.percent == Approx(0.8));
    CHECK(*family.cohen_kappa == Approx(0.375));
    CHECK(*family.scott_pi == Approx(0.375));
    CHECK(*family.fleiss_kappa == Approx(0.375));
    CHECK(*family.krippendorff_alpha == Approx(1 - 199.0 * 40 / (2 * 40 * 160)));
    REQUIRE(family.u_alpha);
    CHECK(*family.u_alpha == Approx(1 - 0.02 / (1685.6 / 39040)));
    CHECK(*family.u_alpha == Approx(0.5367822).epsilon(1e-6));
    CHECK(*report.overall.u_alpha == Approx(*family.u_alpha));
    CHECK(*report.overall.percent == Approx(0.8));
  };
  check(ComputeAgreement(request));

  SECTION("overlapping codings of one coder count once") {
    request.spans = {Coding(kHoa, 7, 10, 25, kFamily), Coding(kHoa, 7, 15, 30, kFamily),
                     Coding(kSophea, 7, 20, 40, kFamily)};
    check(ComputeAgreement(request));
  }
  SECTION("codings outside the scope are ignored") {
    request.spans.push_back(Coding(kAmina, 7, 0, 100, kFamily));   // coder not chosen
    request.spans.push_back(Coding(kHoa, 8, 0, 100000, kFamily));  // document not in scope
    request.spans.push_back(Coding(kHoa, 7, 0, 100, kOnline));     // code not chosen
    request.codes = {kFamily};
    check(ComputeAgreement(request));
  }
  SECTION("uncoded text inflates percent agreement") {
    // 10,000 more code points nobody coded: 10,080 of 10,100 code points agree.
    request.document_lengths[8] = 10000;
    const auto report = ComputeAgreement(request);
    CHECK(*report.codes[0].percent == Approx(10080.0 / 10100.0));
    CHECK(*report.codes[0].cohen_kappa < 0.6);
  }
}

TEST_CASE("Character unit: three coders and several codes pooled", "[agreement]") {
  // Document of 10 code points. Gia đình: all three code [0,5): every unit agrees.
  // Bạo lực: Hoa [0,2), Sophea [0,2), Amina nothing: 2 units (1,1,0), 8 units (0,0,0).
  //   percent: (2 * 1/3 + 8 * 1) / 10 = 26/30 pairs agree.
  // Overall pools 20 units: (1,1,1) x5, (0,0,0) x5 + 8, (1,1,0) x2: percent = (18 + 2/3) / 20.
  AgreementRequest request;
  request.coders = {kHoa, kSophea, kAmina};
  request.codes = {kFamily, kOnline, "Chưa dùng"};
  request.document_lengths = {{1, 10}};
  for (const auto& coder : request.coders) request.spans.push_back(Coding(coder, 1, 0, 5, kFamily));
  request.spans.push_back(Coding(kHoa, 1, 0, 2, kOnline));
  request.spans.push_back(Coding(kSophea, 1, 0, 2, kOnline));
  request.unit = Unit::Character;
  const auto report = ComputeAgreement(request);
  REQUIRE(report.codes.size() == 3);
  CHECK(report.codes[2].code == "Chưa dùng");
  CHECK(*report.codes[0].percent == 1.0);
  CHECK(*report.codes[0].fleiss_kappa == Approx(1.0));
  CHECK(*report.codes[0].u_alpha == Approx(1.0));
  CHECK_FALSE(report.codes[0].cohen_kappa);  // three coders
  CHECK_FALSE(report.codes[0].scott_pi);
  CHECK(*report.codes[1].percent == Approx(26.0 / 30.0));
  CHECK(report.codes[1].u_alpha.has_value());
  // A code nobody used: everyone agrees on every code point, but nothing varies.
  CHECK(*report.codes[2].percent == 1.0);
  CHECK_FALSE(report.codes[2].fleiss_kappa);
  CHECK_FALSE(report.codes[2].krippendorff_alpha);
  CHECK_FALSE(report.codes[2].u_alpha);
  CHECK(report.overall.units == 30);
  CHECK(*report.overall.percent == Approx((28.0 + 2.0 / 3.0) / 30.0));
  CHECK(report.overall.u_alpha.has_value());
}

TEST_CASE("Segment unit: overlap / union at least the chosen share", "[agreement]") {
  // Hoa: [0,100) [200,300) [500,510); Sophea: [5,100) [200,250) [600,700).
  //   [0,100)~[5,100): 95/100 = .95 -> match; [200,300)~[200,250): 50/100 = .5 -> no match at .9.
  //   At .9: 1 agreement, 4 unmatched segments -> percent 1/5.
  //   At .5: 2 agreements, 2 unmatched -> percent 2/4.
  AgreementRequest request;
  request.coders = {kHoa, kSophea};
  request.document_lengths = {{3, 1000}};
  request.spans = {Coding(kHoa, 3, 0, 100, kFamily),      Coding(kHoa, 3, 200, 300, kFamily),
                   Coding(kHoa, 3, 500, 510, kFamily),    Coding(kSophea, 3, 5, 100, kFamily),
                   Coding(kSophea, 3, 200, 250, kFamily), Coding(kSophea, 3, 600, 700, kFamily)};
  request.unit = Unit::Segment;
  auto report = ComputeAgreement(request);
  CHECK(report.overlap == 0.9);
  CHECK(report.codes[0].units == 5);
  CHECK(*report.codes[0].percent == Approx(0.2));
  CHECK_FALSE(report.codes[0].cohen_kappa);
  CHECK_FALSE(report.codes[0].scott_pi);
  CHECK_FALSE(report.codes[0].fleiss_kappa);
  CHECK_FALSE(report.codes[0].krippendorff_alpha);
  CHECK_FALSE(report.codes[0].u_alpha);
  CHECK(*report.overall.percent == Approx(0.2));

  request.overlap = 0.5;
  report = ComputeAgreement(request);
  CHECK(report.codes[0].units == 4);
  CHECK(*report.codes[0].percent == Approx(0.5));

  SECTION("the share is inclusive") {
    request.overlap = 0.9;
    request.spans = {Coding(kHoa, 3, 0, 10, kFamily), Coding(kSophea, 3, 1, 10, kFamily)};
    CHECK(*ComputeAgreement(request).codes[0].percent == 1.0);  // 9/10 = .9
  }
  SECTION("matching is one to one, best overlap first") {
    // [0,100) overlaps [0,50) and [50,100) by .5 each; it matches one of them only.
    request.overlap = 0.2;
    request.spans = {Coding(kHoa, 3, 0, 100, kFamily), Coding(kSophea, 3, 0, 50, kFamily),
                     Coding(kSophea, 3, 50, 100, kFamily), Coding(kSophea, 3, 101, 140, kFamily),
                     Coding(kHoa, 3, 100, 140, kFamily)};
    // [100,140)~[101,140): 39/40 is the best pair; then [0,100)~[0,50) (the earlier on a tie).
    const auto r = ComputeAgreement(request);
    CHECK(r.codes[0].units == 3);
    CHECK(*r.codes[0].percent == Approx(2.0 / 3.0));
  }
  SECTION("nobody coded anything") {
    request.spans.clear();
    request.codes = {kFamily};
    const auto r = ComputeAgreement(request);
    CHECK(r.codes[0].units == 0);
    CHECK_FALSE(r.codes[0].percent);
  }
}

TEST_CASE("Agreement needs two coders; bad requests are data errors", "[agreement]") {
  AgreementRequest request;
  request.coders = {kHoa};
  request.document_lengths = {{1, 50}};
  request.spans = {Coding(kHoa, 1, 0, 10, kFamily)};
  for (Unit unit : {Unit::Document, Unit::Character, Unit::Segment}) {
    request.unit = unit;
    const auto report = ComputeAgreement(request);
    REQUIRE(report.codes.size() == 1);
    CHECK_FALSE(report.codes[0].percent);
    CHECK_FALSE(report.codes[0].krippendorff_alpha);
    CHECK_FALSE(report.codes[0].u_alpha);
    CHECK_FALSE(report.overall.percent);
  }

  request.coders = {kHoa, kSophea};
  request.spans = {Coding(kHoa, 1, 40, 51, kFamily)};
  CHECK_THROWS_AS(ComputeAgreement(request), tessera::DataError);
  request.spans = {Coding(kHoa, 1, 20, 10, kFamily)};
  CHECK_THROWS_AS(ComputeAgreement(request), tessera::DataError);
  request.spans.clear();
  request.coders = {kHoa, kSophea, kHoa};
  CHECK_THROWS_AS(ComputeAgreement(request), tessera::DataError);
  request.coders = {kHoa, kSophea};
  request.overlap = 0;
  CHECK_THROWS_AS(ComputeAgreement(request), tessera::DataError);
  request.overlap = 1.5;
  CHECK_THROWS_AS(ComputeAgreement(request), tessera::DataError);
}
