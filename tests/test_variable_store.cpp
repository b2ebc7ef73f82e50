// Cases and typed variables (project/variable_store.h): canonical values per type, values on
// cases and on documents (a document's own value wins), and CSV import with type inference, a
// `case` column that attaches documents to cases, and typed errors that name the file.

#include <catch2/catch.hpp>

#include <string>

#include "error.h"
#include "project/document_store.h"
#include "project/variable_store.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::DataFile;
using tessera::test::Store;

namespace {

struct Fixture {
  explicit Fixture(bool on_disk) : store(on_disk), variables(store.Db()), documents(store.Db()) {
    for (const char* name : {"kh_survivor_g01_a", "kh_survivor_g01_b", "th_survivor_b01", "vn_survivor_g01"}) {
      NewDocument doc;
      doc.name = name;
      doc.text = std::string("R: ") + name + " \u0E01\u1780\n";
      documents.Add(doc, std::nullopt);
    }
  }
  std::int64_t Doc(const std::string& name) { return documents.Resolve(name); }
  std::int64_t CountValues() {
    auto stmt = store.Db().Prepare("SELECT (SELECT count(*) FROM variable_values) + (SELECT count(*) FROM variables)");
    stmt.Step();
    return stmt.Int(0);
  }
  Store store;
  VariableStore variables;
  DocumentStore documents;
};

}  // namespace

TEST_CASE("CanonicalValue checks each variable type and returns the canonical form", "[storage]") {
  CHECK(CanonicalValue(VariableType::Integer, " +007 ") == "7");
  CHECK(CanonicalValue(VariableType::Integer, "-15") == "-15");
  CHECK_THROWS_AS(CanonicalValue(VariableType::Integer, "15.5"), DataError);
  CHECK_THROWS_AS(CanonicalValue(VariableType::Integer, "m\u01B0\u1EDDi l\u0103m"), DataError);
  CHECK(CanonicalValue(VariableType::Float, "2.5e3") == "2.5e3");
  CHECK_THROWS_AS(CanonicalValue(VariableType::Float, "2,5"), DataError);
  CHECK(CanonicalValue(VariableType::Date, "2024-02-29") == "2024-02-29");
  CHECK_THROWS_AS(CanonicalValue(VariableType::Date, "29/02/2024"), DataError);
  CHECK_THROWS_AS(CanonicalValue(VariableType::Date, "2024-13-01"), DataError);
  CHECK(CanonicalValue(VariableType::Boolean, "Yes") == "true");
  CHECK(CanonicalValue(VariableType::Boolean, "FALSE") == "false");
  CHECK_THROWS_AS(CanonicalValue(VariableType::Boolean, "\u0E43\u0E0A\u0E48"), DataError);
  CHECK(CanonicalValue(VariableType::Category, " \u1780\u17D2\u1798\u17C1\u1784\u179F\u17D2\u179A\u17B8 ") ==
        "\u1780\u17D2\u1798\u17C1\u1784\u179F\u17D2\u179A\u17B8");
  CHECK(CanonicalValue(VariableType::Integer, "  ").empty());
}

TEST_CASE("Variable type names parse in both directions", "[storage]") {
  for (auto type : {VariableType::Text, VariableType::Category, VariableType::Integer, VariableType::Float,
                    VariableType::Date, VariableType::Boolean}) {
    CHECK(ParseVariableType(ToString(type)) == type);
  }
  CHECK(ParseVariableType("INT") == VariableType::Integer);
  CHECK(ParseVariableType("bool") == VariableType::Boolean);
  CHECK_THROWS_AS(ParseVariableType("\u0E15\u0E31\u0E27\u0E40\u0E25\u0E02"), DataError);
}

TEST_CASE("Values on cases reach their documents; a document's own value wins", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto kh = f.variables.EnsureCase("KH-G01");
    CHECK(f.variables.EnsureCase("KH-G01") == kh);
    f.documents.SetCase(f.Doc("kh_survivor_g01_a"), kh);
    f.documents.SetCase(f.Doc("kh_survivor_g01_b"), kh);
    const auto gender = f.variables.EnsureVariable("gender", VariableType::Category);
    const auto language = f.variables.EnsureVariable("language", VariableType::Category);
    const auto age = f.variables.EnsureVariable("age", VariableType::Integer);
    f.variables.SetCaseValue(gender, kh, "girl");
    f.variables.SetCaseValue(language, kh, "en");
    f.variables.SetCaseValue(age, kh, "016");
    f.variables.SetDocumentValue(language, f.Doc("kh_survivor_g01_a"), "km");
    const auto a = f.variables.DocumentValues(f.Doc("kh_survivor_g01_a"));
    const auto b = f.variables.DocumentValues(f.Doc("kh_survivor_g01_b"));
    CHECK(a.at("gender") == "girl");
    CHECK(a.at("language") == "km");
    CHECK(a.at("age") == "16");
    CHECK(b.at("language") == "en");
    CHECK(f.variables.AllDocumentValues().at(f.Doc("kh_survivor_g01_a")) == a);
    CHECK(f.variables.DocumentValues(f.Doc("th_survivor_b01")).empty());
    CHECK(f.variables.CaseValues(kh).size() == 3);
    const auto cases = f.variables.Cases();
    REQUIRE(cases.size() == 1);
    CHECK(cases[0].documents == 2);
    // An empty value removes the document's own value, and the case's shows through again.
    f.variables.SetDocumentValue(language, f.Doc("kh_survivor_g01_a"), "");
    CHECK(f.variables.DocumentValues(f.Doc("kh_survivor_g01_a")).at("language") == "en");
  }
}

TEST_CASE("Setting a value that does not fit the variable's type fails with DataError naming it", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto age = f.variables.EnsureVariable("\u0E2D\u0E32\u0E22\u0E38", VariableType::Integer);
    CHECK_THROWS_WITH(f.variables.SetDocumentValue(age, f.Doc("th_survivor_b01"), "fifteen"),
                      Catch::Contains("\u0E2D\u0E32\u0E22\u0E38") && Catch::Contains("whole number"));
    const auto when = f.variables.EnsureVariable("interviewed", VariableType::Date);
    const auto kh = f.variables.EnsureCase("KH-G01");
    CHECK_THROWS_AS(f.variables.SetCaseValue(when, kh, "yesterday"), DataError);
    CHECK_THROWS_AS(f.variables.SetCaseValue(when + 100, kh, "2024-01-01"), NotFoundError);
    CHECK_THROWS_AS(f.variables.EnsureVariable(" ", VariableType::Text), DataError);
    CHECK(f.variables.AllDocumentValues().empty());
  }
}

TEST_CASE("ImportCsv keyed by document infers types and attaches documents to cases", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto report = f.variables.ImportCsv(DataFile("variables/participants.csv"));
    CHECK(report.rows == 4);
    CHECK(report.values == 4 * 5 - 1);  // vn_survivor_g01 has no age
    REQUIRE(report.warnings.size() == 1);
    CHECK_THAT(report.warnings[0], Catch::Contains("no_such_document") && Catch::Contains("line 6"));
    CHECK(f.variables.FindVariable("gender")->type == VariableType::Category);
    CHECK(f.variables.FindVariable("age")->type == VariableType::Integer);
    CHECK(f.variables.FindVariable("interviewed")->type == VariableType::Date);
    CHECK(f.variables.FindVariable("consent")->type == VariableType::Boolean);
    CHECK(f.variables.FindVariable("province")->type == VariableType::Category);
    CHECK_FALSE(f.variables.FindVariable("case").has_value());
    const auto a = f.variables.DocumentValues(f.Doc("kh_survivor_g01_a"));
    CHECK(a.at("province") == "\u1797\u17D2\u1793\u17C6\u1796\u17C1\u1789");
    CHECK(a.at("consent") == "true");
    const auto vn = f.variables.DocumentValues(f.Doc("vn_survivor_g01"));
    CHECK(vn.at("province") == "H\u00E0 N\u1ED9i, Vi\u1EC7t Nam");
    CHECK(vn.count("age") == 0);
    const auto cases = f.variables.Cases();
    REQUIRE(cases.size() == 3);
    CHECK(cases[0].name == "KH-G01");
    CHECK(cases[0].documents == 2);
    CHECK(f.documents.Info(f.Doc("th_survivor_b01")).case_id == f.variables.FindCase("TH-B01"));
  }
}

TEST_CASE("ImportCsv keyed by case sets case values that documents inherit", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    f.variables.ImportCsv(DataFile("variables/participants.csv"));
    const auto report = f.variables.ImportCsv(DataFile("variables/cases.csv"));
    CHECK(report.rows == 2);
    REQUIRE(report.warnings.size() == 1);
    CHECK_THAT(report.warnings[0], Catch::Contains("ZZ-99"));
    CHECK(f.variables.FindVariable("siblings")->type == VariableType::Integer);
    CHECK(f.variables.CaseValues(*f.variables.FindCase("KH-G01")).at("region") == "\u0110\u00F4ng Nam \u00C1");
    CHECK(f.variables.DocumentValues(f.Doc("kh_survivor_g01_b")).at("region") == "\u0110\u00F4ng Nam \u00C1");
    CHECK(f.variables.DocumentValues(f.Doc("th_survivor_b01")).at("siblings") == "0");
  }
}

TEST_CASE("ImportCsv reads a CSV with a BOM and CRLF line endings", "[storage]") {
  Fixture f(false);
  const auto report = f.variables.ImportCsv(DataFile("variables/bom_crlf.csv"));
  CHECK(report.rows == 1);
  CHECK(f.variables.Variables().size() == 1);
  CHECK(f.variables.DocumentValues(f.Doc("kh_survivor_g01_a")).at("gender") == "girl");
}

TEST_CASE("ImportCsv refuses malformed CSV files with DataError naming the file", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    tessera::test::TempDir dir;
    const std::string cp1252 = dir / "cp1252.csv";
    tessera::test::WriteFile(cp1252, "document,gender\nkh_survivor_g01_a,f\xE9minin\n");
    struct Case {
      std::string file, reason;
    };
    const Case cases[] = {
        {DataFile("variables/duplicate_column.csv"), "appears twice"},
        {DataFile("variables/too_many_cells.csv"), "more cells"},
        {DataFile("variables/unterminated_quote.csv"), "malformed CSV"},
        {cp1252, "not UTF-8"},
        {dir / "missing.csv", "no such file"},
    };
    for (const auto& c : cases) {
      INFO(c.file);
      const auto before = f.CountValues();
      try {
        Transaction tx(f.store.Db());
        f.variables.ImportCsv(c.file);
        tx.Commit();
        FAIL("no exception");
      } catch (const DataError& e) {
        CHECK(e.path() == c.file);
        CHECK_THAT(e.reason(), Catch::Contains(c.reason));
      }
      CHECK(f.CountValues() == before);
    }
  }
}

TEST_CASE("ImportCsv refuses a value that does not fit an existing variable and rolls back", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    f.variables.ImportCsv(DataFile("variables/participants.csv"));
    const auto before = f.CountValues();
    try {
      Transaction tx(f.store.Db());
      f.variables.ImportCsv(DataFile("variables/age_mismatch.csv"));
      tx.Commit();
      FAIL("no exception");
    } catch (const DataError& e) {
      CHECK(e.path() == DataFile("variables/age_mismatch.csv"));
      CHECK_THAT(e.reason(), Catch::Contains("line 3") && Catch::Contains("age") && Catch::Contains("m\u01B0\u1EDDi l\u0103m"));
    }
    CHECK(f.CountValues() == before);
    CHECK(f.variables.DocumentValues(f.Doc("kh_survivor_g01_a")).at("age") == "16");
  }
}
