// Codings (project/coding_store.h): a code applied by a coder to [start, end) code points of a
// document. Ranges are checked against the document, identical codings are reused, and the
// coded text comes back exactly — on Thai, Khmer and astral emoji. In memory and on disk.

#include <catch2/catch.hpp>

#include <string>

#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "test_support.h"
#include "text/utf8.h"

using namespace tessera;
using tessera::test::Store;

namespace {

// "I: ตำรวจ 👮\nR: នគរបាល ok\n": 3 + 5 + 1 + 1 + 1 + 3 + 6 + 3 + 1 = 24 code points.
const std::string kText = "I: \u0E15\u0E33\u0E23\u0E27\u0E08 \U0001F46E\nR: \u1793\u1782\u179A\u1794\u17B6\u179B ok\n";

struct Fixture {
  explicit Fixture(bool on_disk) : store(on_disk), codings(store.Db()), tree(store.Db()) {
    NewDocument doc;
    doc.name = "kh_police_m01";
    doc.text = kText;
    document = DocumentStore(store.Db()).Add(doc, std::nullopt);
    NewDocument other_doc;
    other_doc.name = "th_survivor_b01";
    other_doc.text = "R: \u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35\n";
    other = DocumentStore(store.Db()).Add(other_doc, std::nullopt);
    amara = store.User("amara");
    niran = store.User("\u0E19\u0E34\u0E23\u0E31\u0E19");
    police = tree.EnsurePath("Reporting/Reporting to police");
  }
  Store store;
  CodingStore codings;
  CodeTree tree;
  std::int64_t document = 0, other = 0, amara = 0, niran = 0, police = 0;
};

}  // namespace

TEST_CASE("CodingStore::Add stores a coding with its coder and returns the coded text", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto [id, is_new] = f.codings.Add(f.document, 3, 10, f.police, f.amara, "memo \u0E01");
    CHECK(is_new);
    const Coding c = f.codings.Get(id);
    CHECK(c.document == "kh_police_m01");
    CHECK(c.start == 3);
    CHECK(c.end == 10);
    CHECK(c.code == "Reporting/Reporting to police");
    CHECK(c.coder == "amara");
    CHECK(c.memo == "memo \u0E01");
    CHECK(c.text == "\u0E15\u0E33\u0E23\u0E27\u0E08 \U0001F46E");
    CHECK(IsGuid(c.guid));
    CHECK_FALSE(c.created_at.empty());
  }
}

TEST_CASE("CodingStore::Add reuses an identical coding and keeps different coders apart", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto first = f.codings.Add(f.document, 14, 20, f.police, f.amara);
    const auto again = f.codings.Add(f.document, 14, 20, f.police, f.amara);
    CHECK(again.first == first.first);
    CHECK_FALSE(again.second);
    const auto by_niran = f.codings.Add(f.document, 14, 20, f.police, f.niran);
    CHECK(by_niran.second);
    CHECK(f.codings.List().size() == 2);
  }
}

TEST_CASE("CodingStore::Add refuses empty, reversed and out-of-range spans", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    CHECK_THROWS_AS(f.codings.Add(f.document, 5, 5, f.police, f.amara), DataError);
    CHECK_THROWS_AS(f.codings.Add(f.document, 6, 5, f.police, f.amara), DataError);
    CHECK_NOTHROW(f.codings.Add(f.document, 0, 24, f.police, f.amara));  // the whole text, end exclusive
    CHECK_THROWS_WITH(f.codings.Add(f.document, 20, 25, f.police, f.amara),
                      Catch::Contains("outside") && Catch::Contains("24 characters"));
    CHECK_THROWS_AS(f.codings.Add(f.document + 100, 0, 1, f.police, f.amara), NotFoundError);
    CHECK_THROWS_AS(f.codings.Add(f.document, 0, 1, f.police + 100, f.amara), NotFoundError);
    CHECK(f.codings.List().size() == 1);
  }
}

TEST_CASE("CodingStore::Add refuses a code that is not codable", "[storage]") {
  Fixture f(false);
  Code heading = f.tree.Get(*f.tree.FindByPath("Reporting"));
  heading.codable = false;
  f.tree.UpdateDetails(heading);
  CHECK_THROWS_WITH(f.codings.Add(f.document, 0, 2, heading.id, f.amara), Catch::Contains("cannot be applied"));
}

TEST_CASE("The schema itself refuses codings with end <= start or a missing coder", "[storage]") {
  Fixture f(true);
  auto insert = [&](std::int64_t start, std::int64_t end, std::int64_t coder) {
    f.store.Db()
        .Prepare("INSERT INTO codings(guid, document_id, code_id, coder_id, start, end, created_at) VALUES(?,?,?,?,?,?,'t')")
        .BindAll(NewGuid(), f.document, f.police, coder, start, end)
        .Run();
  };
  CHECK_THROWS_AS(insert(4, 4, f.amara), DataError);
  CHECK_THROWS_AS(insert(-1, 4, f.amara), DataError);
  CHECK_THROWS_AS(insert(0, 4, 9999), DataError);
}

TEST_CASE("CodingStore::List extracts each coding's text by code points and filters", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto platforms = f.tree.EnsurePath("Reporting/Reporting to platforms");
    f.codings.Add(f.document, 9, 10, f.police, f.amara);        // the emoji alone
    f.codings.Add(f.document, 14, 20, platforms, f.niran);      // នគរបាល
    f.codings.Add(f.other, 3, 9, f.police, f.niran);            // สวัสดี
    const auto all = f.codings.List();
    REQUIRE(all.size() == 3);
    CHECK(all[0].text == "\U0001F46E");
    CHECK(all[1].text == "\u1793\u1782\u179A\u1794\u17B6\u179B");
    CHECK(all[2].document == "th_survivor_b01");
    CHECK(all[2].text == "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35");
    for (const auto& c : all) {
      INFO(c.document << " " << c.start << "-" << c.end);
      const std::string text = DocumentStore(f.store.Db()).Text(c.document_id);
      CHECK(c.text == utf8::SubstrCodePoints(text, c.start, c.end));
    }

    CodingFilter by_coder;
    by_coder.coders = {f.niran};
    CHECK(f.codings.List(by_coder).size() == 2);
    CodingFilter by_code;
    by_code.codes = {f.police};
    CHECK(f.codings.List(by_code).size() == 2);
    CodingFilter by_document;
    by_document.documents = {f.other};
    by_document.with_text = false;
    const auto on_other = f.codings.List(by_document);
    REQUIRE(on_other.size() == 1);
    CHECK(on_other[0].text.empty());
  }
}

TEST_CASE("CodingStore changes a coding's code and memo and removes it", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Fixture f(on_disk);
    const auto other_code = f.tree.EnsurePath("Barriers/Digital evidence");
    const auto id = f.codings.Add(f.document, 0, 2, f.police, f.amara).first;
    f.codings.ChangeCode(id, other_code);
    f.codings.SetMemo(id, "xem l\u1EA1i");
    const Coding c = f.codings.Get(id);
    CHECK(c.code == "Barriers/Digital evidence");
    CHECK(c.memo == "xem l\u1EA1i");
    f.codings.Remove(id);
    CHECK(f.codings.List().empty());
    CHECK_THROWS_AS(f.codings.Remove(id), NotFoundError);
    CHECK_THROWS_AS(f.codings.Get(id), NotFoundError);
    CHECK_THROWS_AS(f.codings.ChangeCode(id, f.police), NotFoundError);
  }
}
