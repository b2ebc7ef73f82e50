// The code tree (project/code_tree.h): paths of any depth, sibling-unique names, moves without
// cycles, merge and delete policies for coded codes, order, details and stable GUIDs. Every case
// runs in memory and on disk.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::Store;

namespace {

std::vector<std::string> Paths(CodeTree& tree) {
  std::vector<std::string> paths;
  for (const auto& c : tree.All()) paths.push_back(c.path);
  return paths;
}

std::int64_t AddDocument(Database& db, const std::string& text = "R: \u0E15\u0E33\u0E23\u0E27\u0E08 \u1793\u1782\u179A\u1794\u17B6\u179B\n") {
  NewDocument doc;
  doc.name = "doc " + NewGuid().substr(0, 8);
  doc.text = text;
  return DocumentStore(db).Add(doc, std::nullopt);
}

std::int64_t CodingCount(Database& db, std::int64_t code) {
  auto stmt = db.Prepare("SELECT count(*) FROM codings WHERE code_id = ?");
  stmt.Bind(1, code);
  stmt.Step();
  return stmt.Int(0);
}

}  // namespace

TEST_CASE("SplitCodePath trims names, composes them to NFC and refuses empty segments", "[storage]") {
  CHECK(SplitCodePath("Forms of OCSEA/Grooming") == std::vector<std::string>{"Forms of OCSEA", "Grooming"});
  CHECK(SplitCodePath("  Barriers /  Shame and stigma ") == std::vector<std::string>{"Barriers", "Shame and stigma"});
  CHECK(SplitCodePath("Ph\u1EA3n \u1EE9ng/Ngu\u031Bo\u031B\u0300i") ==
        std::vector<std::string>{"Ph\u1EA3n \u1EE9ng", "Ng\u01B0\u1EDDi"});
  CHECK_THROWS_AS(SplitCodePath(""), DataError);
  CHECK_THROWS_AS(SplitCodePath("A//B"), DataError);
  CHECK_THROWS_AS(SplitCodePath("/A"), DataError);
  CHECK_THROWS_AS(SplitCodePath("A/ \u3000 "), DataError);
}

TEST_CASE("CodeTree::EnsurePath creates a code and its missing ancestors once", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    bool created = false;
    const auto police = tree.EnsurePath("\u0E01\u0E32\u0E23\u0E23\u0E32\u0E22\u0E07\u0E32\u0E19/\u0E15\u0E33\u0E23\u0E27\u0E08", &created);
    CHECK(created);
    CHECK(tree.EnsurePath("\u0E01\u0E32\u0E23\u0E23\u0E32\u0E22\u0E07\u0E32\u0E19/\u0E15\u0E33\u0E23\u0E27\u0E08", &created) == police);
    CHECK_FALSE(created);
    const auto deep = tree.EnsurePath("A/B/C/D/\u1793\u1782\u179A\u1794\u17B6\u179B", &created);
    CHECK(created);
    const Code code = tree.Get(deep);
    CHECK(code.path == "A/B/C/D/\u1793\u1782\u179A\u1794\u17B6\u179B");
    CHECK(code.depth == 4);
    CHECK(tree.All().size() == 7);
    CHECK(tree.FindByPath("A/B/C/D") == code.parent_id);
    CHECK_FALSE(tree.FindByPath("A/X").has_value());
  }
}

TEST_CASE("CodeTree::All lists codes depth first by position with paths and depths", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    tree.EnsurePath("Reporting/Reporting to police");
    tree.EnsurePath("Barriers/Shame and stigma");
    tree.EnsurePath("Reporting/Reporting to platforms");
    tree.EnsurePath("Barriers/Digital evidence");
    CHECK(Paths(tree) == std::vector<std::string>{"Reporting", "Reporting/Reporting to police",
                                                  "Reporting/Reporting to platforms", "Barriers",
                                                  "Barriers/Shame and stigma", "Barriers/Digital evidence"});
  }
}

TEST_CASE("CodeTree refuses duplicate sibling names and names with '/', but allows cousins", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    const auto reporting = tree.Add(std::nullopt, "Reporting");
    const auto barriers = tree.Add(std::nullopt, "Barriers");
    tree.Add(reporting, "Police \u0E15\u0E33\u0E23\u0E27\u0E08");
    CHECK_NOTHROW(tree.Add(barriers, "Police \u0E15\u0E33\u0E23\u0E27\u0E08"));
    CHECK_THROWS_AS(tree.Add(reporting, "Police \u0E15\u0E33\u0E23\u0E27\u0E08"), DataError);
    CHECK_THROWS_AS(tree.Add(std::nullopt, "Reporting"), DataError);
    CHECK_THROWS_AS(tree.Add(std::nullopt, "A/B"), DataError);
    CHECK_THROWS_AS(tree.Add(std::nullopt, " \t"), DataError);
    CHECK(tree.All().size() == 4);
  }
}

TEST_CASE("CodeTree::Rename changes the path and refuses a taken sibling name", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    const auto child = tree.EnsurePath("Support services/Shelter");
    tree.EnsurePath("Support services/Psychosocial support");
    tree.Rename(child, "Shelter and case management \u2013 \u1780");
    CHECK(tree.Get(child).path == "Support services/Shelter and case management \u2013 \u1780");
    CHECK_THROWS_AS(tree.Rename(child, "Psychosocial support"), DataError);
    CHECK_THROWS_AS(tree.Rename(child, "x/y"), DataError);
    CHECK_THROWS_AS(tree.Get(9999), NotFoundError);
  }
}

TEST_CASE("CodeTree::Move refuses cycles and name clashes and moves subtrees", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    const auto a = tree.EnsurePath("A");
    const auto b = tree.EnsurePath("A/B");
    const auto c = tree.EnsurePath("A/B/C");
    tree.EnsurePath("X/C");
    CHECK_THROWS_AS(tree.Move(a, c), DataError);
    CHECK_THROWS_AS(tree.Move(a, a), DataError);
    CHECK_THROWS_AS(tree.Move(c, tree.FindByPath("X")), DataError);  // X already has a C
    tree.Move(b, std::nullopt);
    CHECK(tree.Get(c).path == "B/C");
    tree.Move(b, tree.FindByPath("X"));
    CHECK(tree.Get(c).path == "X/B/C");
    CHECK(tree.Get(c).depth == 2);
  }
}

TEST_CASE("CodeTree::Merge recodes codings, drops duplicates and moves children", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    CodingStore codings(store.Db());
    const auto doc = AddDocument(store.Db());
    const auto amara = store.User("amara");
    const auto grooming = tree.EnsurePath("Forms/Grooming");
    const auto coercion = tree.EnsurePath("Forms/Coercion");
    const auto sub = tree.EnsurePath("Forms/Grooming/Gifts");
    codings.Add(doc, 0, 5, grooming, amara);
    codings.Add(doc, 3, 8, grooming, amara);
    codings.Add(doc, 3, 8, coercion, amara);  // the same span is already coded as Coercion
    CHECK(tree.Merge(grooming, coercion) == 2);
    CHECK_THROWS_AS(tree.Get(grooming), NotFoundError);
    CHECK(CodingCount(store.Db(), coercion) == 2);
    CHECK(tree.Get(sub).path == "Forms/Coercion/Gifts");
    CHECK_THROWS_AS(tree.Merge(coercion, coercion), DataError);
    CHECK_THROWS_AS(tree.Merge(coercion, sub), DataError);
  }
}

TEST_CASE("CodeTree::Delete refuses a coded code, or recodes or drops its codings", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    CodingStore codings(store.Db());
    const auto doc = AddDocument(store.Db());
    const auto coder = store.User("niran");
    const auto parent = tree.EnsurePath("Barriers");
    const auto child = tree.EnsurePath("Barriers/Shame");
    const auto other = tree.EnsurePath("Recommendations");
    codings.Add(doc, 0, 4, child, coder);
    CHECK_THROWS_AS(tree.Delete(parent, DeletePolicy::Refuse), DataError);
    CHECK(tree.All().size() == 3);
    CHECK_THROWS_AS(tree.Delete(parent, DeletePolicy::Recode, child), DataError);  // target is being deleted
    CHECK(tree.Delete(parent, DeletePolicy::Recode, other) == 1);
    CHECK(CodingCount(store.Db(), other) == 1);
    CHECK(Paths(tree) == std::vector<std::string>{"Recommendations"});
    CHECK(tree.Delete(other, DeletePolicy::Drop) == 1);
    CHECK(tree.All().empty());
    CHECK(codings.List().empty());
    const auto unused = tree.EnsurePath("Unused");
    CHECK(tree.Delete(unused, DeletePolicy::Refuse) == 0);
  }
}

TEST_CASE("CodeTree::Reorder sets a code's position among its siblings", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    tree.EnsurePath("P/one");
    tree.EnsurePath("P/two");
    const auto three = tree.EnsurePath("P/three");
    tree.Reorder(three, 0);
    CHECK(Paths(tree) == std::vector<std::string>{"P", "P/three", "P/one", "P/two"});
    tree.Reorder(three, 99);  // clamped to the end
    CHECK(Paths(tree) == std::vector<std::string>{"P", "P/one", "P/two", "P/three"});
  }
}

TEST_CASE("CodeTree::UpdateDetails normalises colours and stores criteria and flags", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    Code code = tree.Get(tree.EnsurePath("Forms of OCSEA"));
    code.color = "#a1b";
    code.description = "C\u00E1c h\u00ECnh th\u1EE9c";
    code.inclusion = "\u0E23\u0E27\u0E21";
    code.exclusion = "\u1798\u17B7\u1793";
    code.example = "\u201CHe sent me gifts\u201D";
    code.codable = false;
    code.sensitive = true;
    tree.UpdateDetails(code);
    const Code stored = tree.Get(code.id);
    CHECK(stored.color == "#AA11BB");
    CHECK(stored.description == code.description);
    CHECK(stored.inclusion == code.inclusion);
    CHECK(stored.exclusion == code.exclusion);
    CHECK(stored.example == code.example);
    CHECK_FALSE(stored.codable);
    CHECK(stored.sensitive);
    code.color = "not a colour";
    CHECK_THROWS_AS(tree.UpdateDetails(code), DataError);
  }
}

TEST_CASE("NormalizeColor reads #rgb, #rrggbb, #rrggbbaa and rgb()", "[storage]") {
  CHECK(NormalizeColor("#abc") == "#AABBCC");
  CHECK(NormalizeColor("A1B2C3") == "#A1B2C3");
  CHECK(NormalizeColor("#11223344") == "#112233");
  CHECK(NormalizeColor("rgb(255, 0, 300)") == "#FF00FF");
  CHECK(NormalizeColor("#12345").empty());
  CHECK(NormalizeColor("#ggg").empty());
  CHECK(NormalizeColor("\u0E41\u0E14\u0E07").empty());
}

TEST_CASE("Codes keep a stable GUID and are found by path or GUID", "[storage]") {
  const bool on_disk = GENERATE(false, true);
  SECTION(tessera::test::BackendName(on_disk)) {
    Store store(on_disk);
    CodeTree tree(store.Db());
    const auto id = tree.Add(std::nullopt, "\u1793\u1782\u179A\u1794\u17B6\u179B", "{0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9}");
    const Code code = tree.Get(id);
    CHECK(code.guid == "0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9");
    CHECK(tree.Resolve("0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9") == id);
    CHECK(tree.Resolve("\u1793\u1782\u179A\u1794\u17B6\u179B") == id);
    tree.Rename(id, "\u1794\u17C9\u17BC\u179B\u17B7\u179F");
    CHECK(tree.Get(id).guid == code.guid);
    CHECK_THROWS_AS(tree.Resolve("\u1793\u1782\u179A\u1794\u17B6\u179B"), NotFoundError);
    const auto auto_guid = tree.EnsurePath("Other");
    CHECK(IsGuid(tree.Get(auto_guid).guid));
  }
}

TEST_CASE("CodeTree::Counts gives codings and distinct documents per code", "[storage]") {
  Store store(false);
  CodeTree tree(store.Db());
  CodingStore codings(store.Db());
  const auto d1 = AddDocument(store.Db());
  const auto d2 = AddDocument(store.Db());
  const auto u = store.User("amara");
  const auto code = tree.EnsurePath("Reporting");
  codings.Add(d1, 0, 2, code, u);
  codings.Add(d1, 3, 5, code, u);
  codings.Add(d2, 0, 2, code, u);
  const auto counts = tree.Counts();
  REQUIRE(counts.size() == 1);
  CHECK(counts[0].first == code);
  CHECK(counts[0].second.first == 3);
  CHECK(counts[0].second.second == 2);
}
