// Code co-occurrence: overlapping segments and shared documents, counted by hand on a small study
// (touching ranges do not overlap; a code does not co-occur with itself), against a plain pairwise
// count on random studies, and through `tessera-cli cooccurrence`.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/cooccurrence.h"
#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "test_support.h"

using nlohmann::json;
using tessera::CooccurrenceMode;
using tessera::Project;
using tessera::test::RunCli;
using tessera::test::TempDir;

namespace {

using Counts = std::vector<std::vector<std::int64_t>>;

struct Span {
  int doc;
  std::size_t start, end;
  std::string code, coder;
};

// Writes a project with two documents of 40 code points and these codings; codes are created in
// the order given (their tree order).
void WriteStudy(const std::string& path, const std::vector<std::string>& codes, const std::vector<Span>& spans) {
  Project project = Project::Create(path);
  auto& db = project.Db();
  tessera::Transaction tx(db);
  tessera::DocumentStore documents(db);
  std::vector<std::int64_t> docs;
  for (const char* name : {"phỏng vấn A", "phỏng vấn B"}) {
    tessera::NewDocument doc;
    doc.name = name;
    doc.text = "Chúng tôi đã nói chuyện rất lâu với nhau.";  // 41 code points
    docs.push_back(documents.Add(doc, std::nullopt));
  }
  tessera::CodeTree tree(db);
  for (const auto& code : codes) tree.EnsurePath(code);
  tessera::CodingStore codings(db);
  for (const auto& s : spans) {
    codings.Add(docs[static_cast<std::size_t>(s.doc)], s.start, s.end, tree.Resolve(s.code), project.EnsureUser(s.coder));
  }
  tx.Commit();
}

const std::string kFamily = "Gia đình", kOnline = "Trực tuyến", kGames = "Trực tuyến/Trò chơi", kOther = "Khác";

// The study counted by hand below.
const std::vector<Span> kSpans = {
    {0, 0, 10, kFamily, "amara"},   // c1
    {0, 5, 15, kOnline, "amara"},   // c2: overlaps c1
    {0, 10, 12, kOnline, "niran"},  // c3: touches c1 (no overlap), overlaps c2 (same code: not counted)
    {0, 11, 20, kOther, "amara"},   // c4: overlaps c2, c3
    {0, 20, 25, kFamily, "niran"},  // c5: touches c4
    {0, 0, 30, kGames, "amara"},    // c6: overlaps c1 … c5
    {1, 0, 5, kFamily, "amara"},    // c7
    {1, 3, 4, kOther, "amara"},     // c8: overlaps c7
    {1, 2, 3, kFamily, "niran"},    // c9: inside c7 (same code), touches c8
};

Counts Build(const std::string& path, const std::vector<std::string>& codes, const std::string& coder, CooccurrenceMode mode,
             std::vector<std::string>* names = nullptr) {
  Project project = Project::OpenReadOnly(path);
  const auto m = tessera::BuildCooccurrence(project, codes, coder, mode);
  CHECK(m.mode == mode);
  if (names) *names = m.codes;
  return m.counts;
}

}  // namespace

TEST_CASE("Co-occurrence of overlapping segments, counted by hand", "[matrix]") {
  TempDir dir;
  const std::string path = dir / "co.tessera";
  WriteStudy(path, {kFamily, kOnline, kGames, kOther}, kSpans);
  std::vector<std::string> names;
  // Rows and columns: Gia đình, Trực tuyến, Trực tuyến/Trò chơi, Khác.
  // Diagonal: own segments (c1 c5 c7 c9 | c2 c3 | c6 | c4 c8).
  // Gia đình–Trực tuyến: c1–c2. Gia đình–Trò chơi: c1–c6, c5–c6. Gia đình–Khác: c7–c8.
  // Trực tuyến–Trò chơi: c2–c6, c3–c6. Trực tuyến–Khác: c2–c4, c3–c4. Trò chơi–Khác: c6–c4.
  CHECK(Build(path, {}, "", CooccurrenceMode::Overlap, &names) == Counts{{4, 1, 2, 1}, {1, 2, 2, 2}, {2, 2, 1, 1}, {1, 2, 1, 2}});
  CHECK(names == std::vector<std::string>{kFamily, kOnline, kGames, kOther});
  // niran alone: c3, c5, c9 meet nothing.
  CHECK(Build(path, {}, "niran", CooccurrenceMode::Overlap) == Counts{{2, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}});
  // A subtree: Trực tuyến and its child.
  CHECK(Build(path, {kOnline}, "", CooccurrenceMode::Overlap, &names) == Counts{{2, 2}, {2, 1}});
  CHECK(names == std::vector<std::string>{kOnline, kGames});
  CHECK_THROWS_AS(Build(path, {"Không có"}, "", CooccurrenceMode::Overlap), tessera::NotFoundError);
}

TEST_CASE("Co-occurrence of codes in the same document, counted by hand", "[matrix]") {
  TempDir dir;
  const std::string path = dir / "co.tessera";
  WriteStudy(path, {kFamily, kOnline, kGames, kOther}, kSpans);
  // Document A has all four codes; B has Gia đình and Khác. Diagonal: documents with the code.
  CHECK(Build(path, {}, "", CooccurrenceMode::Document) == Counts{{2, 1, 1, 2}, {1, 1, 1, 1}, {1, 1, 1, 1}, {2, 1, 1, 2}});
  // amara: A has Gia đình, Trực tuyến, Trò chơi, Khác; B has Gia đình, Khác.
  CHECK(Build(path, {}, "amara", CooccurrenceMode::Document) == Counts{{2, 1, 1, 2}, {1, 1, 1, 1}, {1, 1, 1, 1}, {2, 1, 1, 2}});
  // niran: A has Trực tuyến, Gia đình; B has Gia đình.
  CHECK(Build(path, {}, "niran", CooccurrenceMode::Document) == Counts{{2, 1, 0, 0}, {1, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}});
  CHECK(Build(path, {kOther, kFamily}, "", CooccurrenceMode::Document) == Counts{{2, 2}, {2, 2}});
}

TEST_CASE("Co-occurrence of random studies matches a pairwise count", "[matrix]") {
  const std::vector<std::string> codes = {"A", "A/B", "A/B/C", "D", "E"};
  for (unsigned seed = 1; seed <= 25; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<Span> spans;
    std::set<std::tuple<int, std::size_t, std::size_t, std::string, std::string>> seen;
    for (int i = pick(0, 40); i > 0; --i) {
      const auto start = static_cast<std::size_t>(pick(0, 39));
      Span s{pick(0, 1), start, start + static_cast<std::size_t>(pick(1, 6)), codes[static_cast<std::size_t>(pick(0, 4))],
             pick(0, 1) ? "amara" : "niran"};
      s.end = std::min<std::size_t>(s.end, 41);
      if (seen.insert({s.doc, s.start, s.end, s.code, s.coder}).second) spans.push_back(s);
    }
    TempDir dir;
    const std::string path = dir / "co.tessera";
    WriteStudy(path, codes, spans);
    Counts overlap(codes.size(), std::vector<std::int64_t>(codes.size())), document = overlap;
    auto index = [&](const std::string& code) { return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin()); };
    for (std::size_t i = 0; i < spans.size(); ++i) {
      ++overlap[index(spans[i].code)][index(spans[i].code)];
      for (std::size_t j = 0; j < spans.size(); ++j) {
        const auto &a = spans[i], &b = spans[j];
        if (i != j && a.doc == b.doc && a.code != b.code && a.start < b.end && b.start < a.end) ++overlap[index(a.code)][index(b.code)];
      }
    }
    for (int doc = 0; doc < 2; ++doc) {
      std::set<std::size_t> present;
      for (const auto& s : spans) {
        if (s.doc == doc) present.insert(index(s.code));
      }
      for (auto a : present) {
        for (auto b : present) ++document[a][b];
      }
    }
    CHECK(Build(path, {}, "", CooccurrenceMode::Overlap) == overlap);
    CHECK(Build(path, {}, "", CooccurrenceMode::Document) == document);
  }
}

TEST_CASE("cli cooccurrence: JSON, CSV and HTML of the same counts", "[matrix]") {
  TempDir dir;
  const std::string path = dir / "co.tessera";
  WriteStudy(path, {kFamily, kOnline, kGames, kOther}, kSpans);
  auto r = RunCli({"cooccurrence", path, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j.at("mode") == "overlap");
  CHECK(j.at("codes") == json::array({kFamily, kOnline, kGames, kOther}));
  CHECK(j.at("counts") == json::parse("[[4,1,2,1],[1,2,2,2],[2,2,1,1],[1,2,1,2]]"));
  r = RunCli({"cooccurrence", path, "--mode", "document", "--coder", "niran", "--codes", kFamily, "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "\"code\",\"" + kFamily + "\"\r\n\"" + kFamily + "\",\"2\"\r\n");
  r = RunCli({"cooccurrence", path, "--format", "html", "-o", dir / "co.html"});
  REQUIRE(r.exit_code == 0);
  const std::string html = tessera::test::ReadFile(dir / "co.html");
  CHECK_THAT(html, Catch::Contains(">" + kGames + "</th>"));
  const std::string lint = "xmllint --html --noout '" + (dir / "co.html") + "' 2>'" + (dir / "lint.log") + "'";
  CHECK(std::system(lint.c_str()) == 0);
  CHECK(tessera::test::ReadFile(dir / "lint.log").empty());
  r = RunCli({"cooccurrence", path, "--mode", "pairs"});
  CHECK(r.exit_code != 0);
}
