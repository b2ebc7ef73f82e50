// Theme matrices: every count mode against counts made by hand (tests/data/matrix/hand_counts.txt)
// on a study with cases of several documents, documents without a case, missing values, a
// document value overriding its case's, and nested codes under a category; the same against an
// independent count on random studies; small-cell suppression against an independent recovery
// checker on many random matrices; and the CLI (matrix, segments for drill-down, the demo study).

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/theme_matrix.h"
#include "error.h"
#include "export/matrix_export.h"
#include "import/csv_reader.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "test_support.h"

using nlohmann::json;
using tessera::MatrixCell;
using tessera::MatrixCount;
using tessera::MatrixRequest;
using tessera::Project;
using tessera::Suppression;
using tessera::ThemeMatrix;
using tessera::test::DataFile;
using tessera::test::ExampleFile;
using tessera::test::RunCli;
using tessera::test::TempDir;

namespace {

// The text of every document of the hand study: coding k of a document covers code point k.
const std::string kLetters = "αβγδεζηθικλμνξοπρστυφχψω";

// The study of tests/data/matrix: eight documents, four cases, codes three levels deep.
struct HandStudy {
  HandStudy() : path(dir / "study.tessera") {
    Project project = Project::Create(path);
    auto& db = project.Db();
    tessera::Transaction tx(db);
    tessera::DocumentStore documents(db);
    for (int i = 1; i <= 8; ++i) {
      tessera::NewDocument doc;
      doc.name = "interview-0" + std::to_string(i);
      doc.text = kLetters + " — " + doc.name;
      documents.Add(doc, std::nullopt);
    }
    tessera::VariableStore(db).ImportCsv(DataFile("matrix/study_variables.csv"));
    tessera::CodeTree tree(db);
    for (const char* path_name : {"Forms", "Forms/Grooming", "Forms/Coercion", "Forms/Coercion/Threats", "Support",
                                  "Support/Gia đình", "Recommendations"}) {
      tree.EnsurePath(path_name);
    }
    tessera::Code forms = tree.Get(tree.Resolve("Forms"));
    forms.codable = false;
    tree.UpdateDetails(forms);
    tessera::CodingStore codings(db);
    std::map<std::int64_t, std::size_t> next;  // document -> next free code point
    const auto rows = tessera::ReadCsvFile(DataFile("matrix/study_codings.csv"));
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto doc = documents.Resolve(rows[r][0]);
      const auto code = tree.Resolve(rows[r][1]);
      const auto coder = project.EnsureUser(rows[r][2]);
      for (int k = 0; k < std::stoi(rows[r][3]); ++k) {
        const std::size_t at = next[doc]++;
        codings.Add(doc, at, at + 1, code, coder);
      }
    }
    tx.Commit();
  }
  TempDir dir;
  std::string path;
};

// One matrix of hand_counts.txt.
struct Expected {
  std::string header;
  MatrixRequest request;
  std::vector<std::string> columns;
  std::vector<double> n;
  double total_n = 0;
  struct Row {
    std::string code;
    std::vector<double> cells;
    double total = 0;
  };
  std::vector<Row> rows;
};

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::vector<std::string> Split(const std::string& s, const std::string& separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto at = s.find(separator, start);
    parts.push_back(Trim(s.substr(start, at == std::string::npos ? std::string::npos : at - start)));
    if (at == std::string::npos) return parts;
    start = at + separator.size();
  }
}

// "1 2 0 | 3" -> cells {1, 2, 0} and total 3.
void ParseNumbers(const std::string& text, std::vector<double>& cells, double& total) {
  const auto halves = Split(text, "|");
  REQUIRE(halves.size() == 2);
  std::istringstream in(halves[0]);
  for (double v; in >> v;) cells.push_back(v);
  total = std::stod(halves[1]);
}

std::vector<Expected> ReadHandCounts() {
  std::ifstream in(DataFile("matrix/hand_counts.txt"));
  REQUIRE(in);
  std::vector<Expected> all;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      Expected e;
      e.header = line;
      std::istringstream words(line.substr(1, line.size() - 2));
      std::string word;
      words >> word;
      e.request.count = tessera::ParseMatrixCount(word);
      while (words >> word) {
        if (word == "rollup") e.request.rollup = true;
        else if (word.starts_with("by=")) e.request.by = Split(word.substr(3), ",");
        else if (word.starts_with("coder=")) e.request.coder = word.substr(6);
        else if (word.starts_with("codes=")) e.request.codes.push_back(word.substr(6));
        else if (word.starts_with("where=")) {
          const auto eq = word.find('=', 6);
          e.request.where[word.substr(6, eq - 6)].push_back(word.substr(eq + 1));
        } else FAIL("unknown option " << word);
      }
      all.push_back(std::move(e));
      continue;
    }
    REQUIRE(!all.empty());
    auto& e = all.back();
    const auto eq = line.find(" = ");
    REQUIRE(eq != std::string::npos);
    const std::string key = line.substr(0, eq), value = line.substr(eq + 3);
    if (key == "columns") e.columns = Split(value, "|");
    else if (key == "n") ParseNumbers(value, e.n, e.total_n);
    else {
      Expected::Row row;
      row.code = key;
      ParseNumbers(value, row.cells, row.total);
      e.rows.push_back(std::move(row));
    }
  }
  return all;
}

// The column's label, made here rather than by the exporter: values in --by order, joined by " · ".
std::string Label(const tessera::MatrixColumn& column, const std::vector<std::string>& by) {
  std::string label;
  for (const auto& name : by) label += (label.empty() ? "" : " · ") + column.values.at(name);
  return label;
}

double Shown(const ThemeMatrix& m, const MatrixCell& cell) {
  if (m.request.count == MatrixCount::PercentCases) return std::round(cell.percent * 10) / 10;
  return static_cast<double>(cell.count);
}

bool Hidden(const MatrixCell& cell) { return cell.suppression != Suppression::None; }

// ---- An independent disclosure checker. -------------------------------------------------------
// A table gives a hidden value away when, in some relation "whole = sum of parts" that a reader
// knows, exactly one member is hidden. The relations: each row's cells add up to its total; the
// columns' n add up to the total n; and, for roll-up of segments, a parent that has nothing of its
// own (a category) is the sum of its children in every column and in the total. Totals of distinct
// documents or cases are at most the sum, so treating them as sums is on the safe side. Also, every
// count from 1 to K-1 must be hidden. Returns what went wrong, one line each.
std::vector<std::string> DisclosureProblems(const ThemeMatrix& m, int k) {
  std::vector<std::string> problems;
  auto small = [k](std::int64_t v) { return v >= 1 && v < k; };
  const std::size_t ncols = m.columns.size();
  for (std::size_t c = 0; c < ncols; ++c) {
    if (small(m.columns[c].n) && m.columns[c].n_suppression == Suppression::None) {
      problems.push_back("column " + std::to_string(c) + " shows n = " + std::to_string(m.columns[c].n));
    }
  }
  if (small(m.total_column.n) && m.total_column.n_suppression == Suppression::None) {
    problems.push_back("the total n shows " + std::to_string(m.total_column.n));
  }
  std::size_t hidden_n = m.total_column.n_suppression != Suppression::None ? 1 : 0;
  for (const auto& c : m.columns) hidden_n += c.n_suppression != Suppression::None ? 1 : 0;
  if (hidden_n == 1) problems.push_back("the hidden n follows from the others and the total n");
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const auto& row = m.rows[r];
    std::size_t hidden = Hidden(row.total) ? 1 : 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      hidden += Hidden(row.cells[c]) ? 1 : 0;
      if (small(row.cells[c].count) && !Hidden(row.cells[c])) {
        problems.push_back(row.code + " shows " + std::to_string(row.cells[c].count) + " in column " + std::to_string(c));
      }
    }
    if (small(row.total.count) && !Hidden(row.total)) problems.push_back(row.code + " shows a total of " + std::to_string(row.total.count));
    if (hidden == 1) problems.push_back(row.code + ": the one hidden cell follows from the others and the total");
  }
  if (m.request.rollup && m.request.count == MatrixCount::Segments) {
    for (std::size_t p = 0; p < m.rows.size(); ++p) {
      std::vector<std::size_t> children;
      for (std::size_t c = 0; c < m.rows.size(); ++c) {
        const auto& code = m.rows[c].code;
        const std::string prefix = m.rows[p].code + "/";
        if (code.starts_with(prefix) && code.find('/', prefix.size()) == std::string::npos) children.push_back(c);
      }
      if (children.empty()) continue;
      for (std::size_t col = 0; col <= ncols; ++col) {
        auto cell = [&](std::size_t r) -> const MatrixCell& { return col < ncols ? m.rows[r].cells[col] : m.rows[r].total; };
        std::int64_t sum = 0;
        std::size_t hidden = Hidden(cell(p)) ? 1 : 0;
        for (auto c : children) sum += cell(c).count, hidden += Hidden(cell(c)) ? 1 : 0;
        if (sum == cell(p).count && hidden == 1) {
          problems.push_back(m.rows[p].code + " = sum of its children in column " + std::to_string(col) +
                             " gives the one hidden member away");
        }
      }
    }
  }
  return problems;
}

// The lines joined, for INFO (an INFO inside a loop ends with the loop's body).
std::string Lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// ---- Random matrices. ---------------------------------------------------------------------------

// A count: often 0, often small (below K), sometimes large.
std::int64_t RandomCount(std::mt19937& rng, int k) {
  switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
    case 0:
    case 1:
    case 2: return 0;
    case 3:
    case 4:
    case 5:
    case 6: return std::uniform_int_distribution<std::int64_t>(1, std::max(1, k - 1))(rng);
    default: return std::uniform_int_distribution<std::int64_t>(k, 4 * k)(rng);
  }
}

// A matrix as BuildThemeMatrix makes them, without a project: a random code forest up to three
// levels deep in tree order, random columns, and counts that add up the way the count mode says.
ThemeMatrix RandomMatrix(std::mt19937& rng, int k) {
  ThemeMatrix m;
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  m.request.count = static_cast<MatrixCount>(pick(0, 3));
  m.request.rollup = pick(0, 2) > 0;
  m.request.min_cell = k;
  m.request.by = {"group"};
  const int ncols = pick(1, 6);
  for (int c = 0; c < ncols; ++c) {
    tessera::MatrixColumn column;
    column.values["group"] = "g" + std::to_string(c);
    column.n = std::max<std::int64_t>(1, RandomCount(rng, k));
    m.total_column.n += column.n;
    m.columns.push_back(std::move(column));
  }
  // The tree: (depth, codable) in tree order, paths from a counter.
  struct Node {
    std::string path;
    int depth;
    bool codable;
    std::vector<std::size_t> children;
  };
  std::vector<Node> nodes;
  int counter = 0;
  auto add = [&](auto&& self, const std::string& parent, int depth) -> std::size_t {
    const std::size_t index = nodes.size();
    nodes.push_back({(parent.empty() ? "" : parent + "/") + "c" + std::to_string(counter++), depth, true, {}});
    const int nchildren = depth < 2 ? pick(0, 3) : 0;
    for (int i = 0; i < nchildren; ++i) {
      const std::size_t child = self(self, nodes[index].path, depth + 1);
      nodes[index].children.push_back(child);
    }
    nodes[index].codable = nodes[index].children.empty() || pick(0, 2) > 0;
    return index;
  };
  for (int roots = pick(1, 4), i = 0; i < roots; ++i) add(add, "", 0);
  // Own counts per node and column, then roll-up (sums for segments; for distinct counts a
  // plausible union: at least the largest part, at most the sum, capped by the column's n).
  const bool percent = m.request.count == MatrixCount::PercentCases;
  const bool capped = m.request.count == MatrixCount::Cases || percent;
  const bool sums = m.request.count == MatrixCount::Segments;
  std::vector<std::vector<std::int64_t>> own(nodes.size(), std::vector<std::int64_t>(static_cast<std::size_t>(ncols)));
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (int c = 0; c < ncols; ++c) {
      std::int64_t v = nodes[i].codable ? RandomCount(rng, k) : 0;
      if (capped) v = std::min(v, m.columns[static_cast<std::size_t>(c)].n);
      own[i][static_cast<std::size_t>(c)] = v;
    }
  }
  std::vector<std::vector<std::int64_t>> value = own;
  if (m.request.rollup) {
    for (std::size_t i = nodes.size(); i-- > 0;) {  // children come after their parent
      for (int c = 0; c < ncols; ++c) {
        const auto col = static_cast<std::size_t>(c);
        std::int64_t sum = own[i][col], largest = own[i][col];
        for (auto ch : nodes[i].children) sum += value[ch][col], largest = std::max(largest, value[ch][col]);
        if (sums) value[i][col] = sum;
        else value[i][col] = std::uniform_int_distribution<std::int64_t>(largest, sum)(rng);
        if (capped) value[i][col] = std::min(value[i][col], m.columns[col].n);
      }
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    tessera::MatrixRow row;
    row.code_id = static_cast<std::int64_t>(i + 1);
    row.code = nodes[i].path;
    row.depth = nodes[i].depth;
    std::int64_t sum = 0, largest = 0;
    for (int c = 0; c < ncols; ++c) {
      MatrixCell cell;
      cell.count = value[i][static_cast<std::size_t>(c)];
      if (percent) cell.percent = 100.0 * static_cast<double>(cell.count) / static_cast<double>(m.columns[static_cast<std::size_t>(c)].n);
      sum += cell.count;
      largest = std::max(largest, cell.count);
      row.cells.push_back(cell);
    }
    // Segments and documents add up; distinct cases may be fewer (a case in two columns).
    row.total.count = capped ? std::uniform_int_distribution<std::int64_t>(largest, sum)(rng) : sum;
    if (percent) row.total.percent = 100.0 * static_cast<double>(row.total.count) / static_cast<double>(m.total_column.n);
    m.rows.push_back(std::move(row));
  }
  // With roll-up of segments, a category's total is then the sum of its children's totals too.
  return m;
}

// ---- Random studies, and an independent count over them. ----------------------------------------

struct RandomStudy {
  struct Doc {
    std::string name;
    int case_index = -1;  // -1: no case
    std::map<std::string, std::string> own;
  };
  struct CodingRow {
    std::size_t doc;
    std::size_t code;
    std::string coder;
  };
  std::vector<Doc> docs;
  std::vector<std::map<std::string, std::string>> case_values;
  std::vector<std::string> paths;  // in tree order
  std::vector<bool> codable;
  std::vector<CodingRow> codings;

  // Effective value: the document's own, else its case's, else missing.
  std::string Value(std::size_t d, const std::string& variable) const {
    const auto& doc = docs[d];
    if (auto it = doc.own.find(variable); it != doc.own.end()) return it->second;
    if (doc.case_index >= 0) {
      const auto& values = case_values[static_cast<std::size_t>(doc.case_index)];
      if (auto it = values.find(variable); it != values.end()) return it->second;
    }
    return tessera::kMissingValue;
  }
};

RandomStudy MakeRandomStudy(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::vector<std::string> genders = {"girl", "boy", "woman", "man"};
  const std::vector<std::string> roles = {"survivor", "người chăm sóc", "police"};
  RandomStudy s;
  const int ncases = pick(0, 6);
  for (int c = 0; c < ncases; ++c) {
    std::map<std::string, std::string> values;
    if (pick(0, 4) > 0) values["gender"] = genders[static_cast<std::size_t>(pick(0, 3))];
    if (pick(0, 4) > 0) values["role"] = roles[static_cast<std::size_t>(pick(0, 2))];
    s.case_values.push_back(values);
  }
  const int ndocs = pick(1, 14);
  for (int d = 0; d < ndocs; ++d) {
    RandomStudy::Doc doc;
    doc.name = "tài liệu " + std::to_string(d);
    doc.case_index = ncases > 0 && pick(0, 3) > 0 ? pick(0, ncases - 1) : -1;
    if (pick(0, 3) == 0) doc.own["gender"] = genders[static_cast<std::size_t>(pick(0, 3))];
    if (pick(0, 3) == 0) doc.own["role"] = roles[static_cast<std::size_t>(pick(0, 2))];
    s.docs.push_back(doc);
  }
  // Codes: A, A/B, A/B/C … in tree order (names chosen so that tree order is creation order).
  std::vector<int> depth_of;
  auto add = [&](auto&& self, const std::string& parent, int depth) -> void {
    const std::string path = (parent.empty() ? "" : parent + "/") + "k" + std::to_string(s.paths.size() + 10);
    s.paths.push_back(path);
    s.codable.push_back(true);
    const std::size_t index = s.paths.size() - 1;
    const int nchildren = depth < 2 ? pick(0, 2) : 0;
    for (int i = 0; i < nchildren; ++i) self(self, path, depth + 1);
    if (s.paths.size() - 1 > index && pick(0, 1) == 0) s.codable[index] = false;
  };
  for (int roots = pick(1, 3), i = 0; i < roots; ++i) add(add, "", 0);
  std::vector<std::size_t> codable;
  for (std::size_t i = 0; i < s.paths.size(); ++i) {
    if (s.codable[i]) codable.push_back(i);
  }
  const int ncodings = pick(0, 60);
  for (int i = 0; i < ncodings; ++i) {
    s.codings.push_back({static_cast<std::size_t>(pick(0, ndocs - 1)),
                         codable[static_cast<std::size_t>(pick(0, static_cast<int>(codable.size()) - 1))],
                         pick(0, 2) ? "amara" : "niran"});
  }
  return s;
}

void WriteRandomStudy(const RandomStudy& s, const std::string& path) {
  Project project = Project::Create(path);
  auto& db = project.Db();
  tessera::Transaction tx(db);
  tessera::DocumentStore documents(db);
  tessera::VariableStore variables(db);
  const auto gender = variables.EnsureVariable("gender", tessera::VariableType::Category);
  const auto role = variables.EnsureVariable("role", tessera::VariableType::Category);
  const std::map<std::string, std::int64_t> variable_ids = {{"gender", gender}, {"role", role}};
  std::vector<std::int64_t> case_ids;
  for (std::size_t c = 0; c < s.case_values.size(); ++c) {
    case_ids.push_back(variables.EnsureCase("người " + std::to_string(c)));
    for (const auto& [name, value] : s.case_values[c]) variables.SetCaseValue(variable_ids.at(name), case_ids.back(), value);
  }
  std::vector<std::int64_t> doc_ids;
  for (const auto& d : s.docs) {
    tessera::NewDocument doc;
    doc.name = d.name;
    doc.text = std::string(200, 'x') + d.name;
    doc_ids.push_back(documents.Add(doc, std::nullopt));
    if (d.case_index >= 0) documents.SetCase(doc_ids.back(), case_ids[static_cast<std::size_t>(d.case_index)]);
    for (const auto& [name, value] : d.own) variables.SetDocumentValue(variable_ids.at(name), doc_ids.back(), value);
  }
  tessera::CodeTree tree(db);
  std::vector<std::int64_t> code_ids;
  for (std::size_t i = 0; i < s.paths.size(); ++i) {
    code_ids.push_back(tree.EnsurePath(s.paths[i]));
    if (!s.codable[i]) {
      auto code = tree.Get(code_ids.back());
      code.codable = false;
      tree.UpdateDetails(code);
    }
  }
  tessera::CodingStore codings(db);
  std::size_t at = 0;
  for (const auto& c : s.codings) {
    codings.Add(doc_ids[c.doc], at % 200, at % 200 + 1, code_ids[c.code], project.EnsureUser(c.coder));
    ++at;
  }
  tx.Commit();
}

// The matrix of `s` counted here, the plain way: cell (row, column) -> count, total per row, and
// the columns' labels and n.
struct Oracle {
  std::vector<std::string> labels;
  std::vector<std::int64_t> n;
  std::int64_t total_n = 0;
  std::vector<std::vector<std::int64_t>> cells;
  std::vector<std::int64_t> totals;
};

Oracle Count(const RandomStudy& s, const MatrixRequest& r) {
  Oracle o;
  auto key_of = [&](std::size_t d) {
    std::vector<std::string> key;
    for (const auto& v : r.by) key.push_back(s.Value(d, v));
    return key;
  };
  auto kept = [&](std::size_t d) {
    for (const auto& [name, allowed] : r.where) {
      if (std::find(allowed.begin(), allowed.end(), s.Value(d, name)) == allowed.end()) return false;
    }
    return true;
  };
  auto case_of = [&](std::size_t d) { return s.docs[d].case_index >= 0 ? "case " + std::to_string(s.docs[d].case_index) : "doc " + std::to_string(d); };
  // Column order: value by value, "(missing)" after every real value.
  auto before = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      const bool ma = a[i] == tessera::kMissingValue, mb = b[i] == tessera::kMissingValue;
      if (ma != mb) return mb;
      if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
  };
  std::vector<std::vector<std::string>> keys;
  for (std::size_t d = 0; d < s.docs.size(); ++d) {
    if (kept(d) && std::find(keys.begin(), keys.end(), key_of(d)) == keys.end()) keys.push_back(key_of(d));
  }
  std::sort(keys.begin(), keys.end(), before);
  auto column_of = [&](std::size_t d) { return static_cast<std::size_t>(std::find(keys.begin(), keys.end(), key_of(d)) - keys.begin()); };
  std::set<std::string> all_cases;
  for (const auto& key : keys) {
    std::string label;
    for (const auto& v : key) label += (label.empty() ? "" : " · ") + v;
    o.labels.push_back(label);
    std::set<std::string> cases;
    for (std::size_t d = 0; d < s.docs.size(); ++d) {
      if (kept(d) && key_of(d) == key) cases.insert(case_of(d)), all_cases.insert(case_of(d));
    }
    o.n.push_back(static_cast<std::int64_t>(cases.size()));
  }
  o.total_n = static_cast<std::int64_t>(all_cases.size());
  for (std::size_t code = 0; code < s.paths.size(); ++code) {
    // With roll-up, a coding counts for its code and every ancestor.
    auto counts_for = [&](std::size_t coded) {
      return coded == code || (r.rollup && s.paths[coded].starts_with(s.paths[code] + "/"));
    };
    std::vector<std::multiset<std::string>> units(keys.size());
    std::multiset<std::string> total_units;
    for (const auto& c : s.codings) {
      if (!counts_for(c.code) || !kept(c.doc) || (!r.coder.empty() && c.coder != r.coder)) continue;
      const std::string unit = r.count == MatrixCount::Segments    ? std::to_string(units[column_of(c.doc)].size()) + "/" + std::to_string(total_units.size())
                               : r.count == MatrixCount::Documents ? "doc " + std::to_string(c.doc)
                                                                   : case_of(c.doc);
      units[column_of(c.doc)].insert(unit);
      total_units.insert(unit);
    }
    auto distinct = [&](const std::multiset<std::string>& u) {
      return static_cast<std::int64_t>(std::set<std::string>(u.begin(), u.end()).size());
    };
    std::vector<std::int64_t> row;
    for (const auto& u : units) row.push_back(distinct(u));
    o.cells.push_back(row);
    o.totals.push_back(distinct(total_units));
  }
  return o;
}

json CliJson(const std::vector<std::string>& args) {
  const auto r = RunCli(args);
  INFO("tessera-cli " << args[0] << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("Every count mode matches the counts made by hand", "[matrix]") {
  HandStudy study;
  Project project = Project::OpenReadOnly(study.path);
  const auto all = ReadHandCounts();
  REQUIRE(all.size() == 15);
  for (const auto& e : all) {
    INFO(e.header);
    const ThemeMatrix m = tessera::BuildThemeMatrix(project, e.request);
    REQUIRE(m.columns.size() == e.columns.size());
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      INFO("column " << c);
      CHECK(Label(m.columns[c], e.request.by) == e.columns[c]);
      CHECK(static_cast<double>(m.columns[c].n) == e.n[c]);
      CHECK(m.columns[c].n_suppression == Suppression::None);
    }
    CHECK(static_cast<double>(m.total_column.n) == e.total_n);
    REQUIRE(m.rows.size() == e.rows.size());
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      const auto& row = m.rows[r];
      INFO(row.code);
      CHECK(row.code == e.rows[r].code);
      CHECK(row.depth == static_cast<int>(std::count(row.code.begin(), row.code.end(), '/')));
      std::vector<double> cells;
      for (const auto& cell : row.cells) {
        cells.push_back(Shown(m, cell));
        CHECK(cell.suppression == Suppression::None);
      }
      CHECK(cells == e.rows[r].cells);
      CHECK(Shown(m, row.total) == e.rows[r].total);
    }
    CHECK(m.suppressed_cells == 0);
  }
}

TEST_CASE("Percent of cases is cases with the code over the column's cases", "[matrix]") {
  HandStudy study;
  Project project = Project::OpenReadOnly(study.path);
  for (bool rollup : {false, true}) {
    MatrixRequest request;
    request.by = {"gender", "role"};
    request.rollup = rollup;
    request.count = MatrixCount::Cases;
    const auto cases = tessera::BuildThemeMatrix(project, request);
    request.count = MatrixCount::PercentCases;
    const auto percent = tessera::BuildThemeMatrix(project, request);
    REQUIRE(cases.rows.size() == percent.rows.size());
    for (std::size_t r = 0; r < cases.rows.size(); ++r) {
      for (std::size_t c = 0; c < cases.columns.size(); ++c) {
        CHECK(percent.rows[r].cells[c].count == cases.rows[r].cells[c].count);
        CHECK(percent.rows[r].cells[c].percent ==
              Approx(100.0 * static_cast<double>(cases.rows[r].cells[c].count) / static_cast<double>(cases.columns[c].n)));
      }
      CHECK(percent.rows[r].total.percent ==
            Approx(100.0 * static_cast<double>(cases.rows[r].total.count) / static_cast<double>(cases.total_column.n)));
    }
  }
}

TEST_CASE("Unknown variables, codes and coders are reported, not counted as nothing", "[matrix]") {
  HandStudy study;
  Project project = Project::OpenReadOnly(study.path);
  MatrixRequest request;
  request.by = {"gender", "âge"};
  CHECK_THROWS_AS(tessera::BuildThemeMatrix(project, request), tessera::DataError);
  CHECK_THROWS_WITH(tessera::BuildThemeMatrix(project, request), Catch::Contains("âge") && Catch::Contains("gender, role"));
  request.by = {};
  CHECK_THROWS_AS(tessera::BuildThemeMatrix(project, request), tessera::DataError);
  request.by = {"gender"};
  request.where["rôle"] = {"survivor"};
  CHECK_THROWS_AS(tessera::BuildThemeMatrix(project, request), tessera::DataError);
  request.where.clear();
  request.codes = {"Forms/Dụ dỗ"};
  CHECK_THROWS_AS(tessera::BuildThemeMatrix(project, request), tessera::NotFoundError);
  request.codes.clear();
  request.coder = "amra";
  CHECK_THROWS_AS(tessera::BuildThemeMatrix(project, request), tessera::DataError);
  CHECK_THROWS_WITH(tessera::BuildThemeMatrix(project, request), Catch::Contains("amra"));
  CHECK_THROWS_AS(tessera::ParseMatrixCount("percent"), tessera::DataError);
  for (auto count : {MatrixCount::Segments, MatrixCount::Documents, MatrixCount::Cases, MatrixCount::PercentCases}) {
    CHECK(tessera::ParseMatrixCount(tessera::ToString(count)) == count);
  }
}

TEST_CASE("Matrices of random studies match an independent count", "[matrix]") {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    const RandomStudy s = MakeRandomStudy(rng);
    TempDir dir;
    WriteRandomStudy(s, dir / "random.tessera");
    Project project = Project::OpenReadOnly(dir / "random.tessera");
    for (int variant = 0; variant < 16; ++variant) {
      MatrixRequest request;
      request.count = static_cast<MatrixCount>(variant % 4);
      request.rollup = variant & 4;
      request.by = variant & 8 ? std::vector<std::string>{"gender", "role"} : std::vector<std::string>{"role"};
      if (variant == 5) request.coder = "niran";
      if (variant == 6) request.where["gender"] = {"girl", tessera::kMissingValue};
      if (!request.coder.empty() && std::none_of(s.codings.begin(), s.codings.end(), [](const auto& c) { return c.coder == "niran"; })) {
        continue;  // an unknown coder is an error, tested above
      }
      INFO("count " << tessera::ToString(request.count) << (request.rollup ? " rollup" : "") << " by " << request.by.size()
                    << " coder '" << request.coder << "' where " << request.where.size());
      const ThemeMatrix m = tessera::BuildThemeMatrix(project, request);
      const Oracle o = Count(s, request);
      REQUIRE(m.columns.size() == o.labels.size());
      for (std::size_t c = 0; c < m.columns.size(); ++c) {
        CHECK(Label(m.columns[c], request.by) == o.labels[c]);
        CHECK(m.columns[c].n == o.n[c]);
      }
      CHECK(m.total_column.n == o.total_n);
      REQUIRE(m.rows.size() == s.paths.size());
      for (std::size_t r = 0; r < m.rows.size(); ++r) {
        INFO(m.rows[r].code);
        CHECK(m.rows[r].code == s.paths[r]);
        std::vector<std::int64_t> cells;
        for (const auto& cell : m.rows[r].cells) cells.push_back(cell.count);
        CHECK(cells == o.cells[r]);
        CHECK(m.rows[r].total.count == o.totals[r]);
      }
      // And with a minimum cell size, nothing can be worked back.
      request.min_cell = 2 + static_cast<int>(seed % 9);
      const ThemeMatrix suppressed = tessera::BuildThemeMatrix(project, request);
      const auto problems = DisclosureProblems(suppressed, request.min_cell);
      INFO(Lines(problems));
      CHECK(problems.empty());
    }
  }
}

TEST_CASE("Suppression leaves nothing recoverable in many random matrices, K from 2 to 10", "[matrix]") {
  int suppressed_some = 0, rollup_segments = 0;
  for (unsigned seed = 0; seed < 20000; ++seed) {
    std::mt19937 rng(seed);
    const int k = 2 + static_cast<int>(seed % 9);
    ThemeMatrix m = RandomMatrix(rng, k);
    const ThemeMatrix original = m;
    tessera::SuppressSmallCells(m, k);
    INFO("seed " << seed << ", K = " << k << ", " << tessera::ToString(m.request.count) << (m.request.rollup ? " rollup" : ""));
    const auto problems = DisclosureProblems(m, k);
    INFO(Lines(problems));
    REQUIRE(problems.empty());
    CHECK(tessera::RecoverableCells(m).empty());
    // Suppression hides; it never changes a value or hides a zero.
    std::int64_t hidden = 0;
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      for (std::size_t c = 0; c <= m.columns.size(); ++c) {
        const auto& cell = c < m.columns.size() ? m.rows[r].cells[c] : m.rows[r].total;
        const auto& before = c < m.columns.size() ? original.rows[r].cells[c] : original.rows[r].total;
        REQUIRE(cell.count == before.count);
        if (Hidden(cell)) {
          ++hidden;
          CHECK(cell.count > 0);
          CHECK((cell.suppression == Suppression::Small) == (cell.count < k));
        }
      }
    }
    CHECK(m.suppressed_cells == hidden);
    suppressed_some += hidden > 0;
    rollup_segments += m.request.rollup && m.request.count == MatrixCount::Segments;
  }
  // The generator exercised what it should.
  CHECK(suppressed_some > 15000);
  CHECK(rollup_segments > 2500);
}

TEST_CASE("Suppression on the hand study: small counts become <K, small groups are hidden", "[matrix]") {
  HandStudy study;
  Project project = Project::OpenReadOnly(study.path);
  MatrixRequest request;
  request.by = {"gender"};
  request.min_cell = 2;
  // Segments by gender, K = 2 (n: boy 2, girl 2, woman 1, (missing) 1 | 6): woman and (missing)
  // are groups of one case, so their n shows as <2 and their other non-zero cells are hidden (s).
  const ThemeMatrix m = tessera::BuildThemeMatrix(project, request);
  REQUIRE(m.columns.size() == 4);
  CHECK(m.columns[0].n_suppression == Suppression::None);
  CHECK(m.columns[1].n_suppression == Suppression::None);
  CHECK(m.columns[2].n_suppression == Suppression::Small);
  CHECK(m.columns[3].n_suppression == Suppression::Small);
  std::map<std::string, std::vector<std::string>> shown;
  for (const auto& row : m.rows) {
    for (const auto& cell : row.cells) shown[row.code].push_back(tessera::CellText(m, cell));
    shown[row.code].push_back(tessera::CellText(m, row.total));
  }
  CHECK(shown["Forms"] == std::vector<std::string>{"0", "0", "0", "0", "0"});
  // Grooming = 1 4 0 1 | 6: two counts of 1, two hidden cells; nothing more to hide.
  CHECK(shown["Forms/Grooming"] == std::vector<std::string>{"<2", "4", "0", "<2", "6"});
  // Coercion = 2 1 0 0 | 3: the 1 alone would follow from 3 - 2, so the 2 is hidden too.
  CHECK(shown["Forms/Coercion"] == std::vector<std::string>{"(s)", "<2", "0", "0", "3"});
  // Recommendations = 0 1 2 1 | 4: the 2 is in a group of one case.
  CHECK(shown["Recommendations"] == std::vector<std::string>{"0", "<2", "(s)", "<2", "4"});
  CHECK(DisclosureProblems(m, 2).empty());
  CHECK_THAT(m.Note(), Catch::Contains("<2") && Catch::Contains("(s)"));

  // Without suppression, nothing is hidden and the note says so.
  request.min_cell = 1;
  const ThemeMatrix plain = tessera::BuildThemeMatrix(project, request);
  CHECK(plain.suppressed_cells == 0);
  CHECK_THAT(plain.Note(), Catch::Contains("No cells were suppressed"));

  // Every count mode, with and without roll-up, K from 2 to 10: nothing recoverable.
  for (int k = 2; k <= 10; ++k) {
    for (int mode = 0; mode < 4; ++mode) {
      for (bool rollup : {false, true}) {
        request.by = {"gender", "role"};
        request.count = static_cast<MatrixCount>(mode);
        request.rollup = rollup;
        request.min_cell = k;
        const auto problems = DisclosureProblems(tessera::BuildThemeMatrix(project, request), k);
        INFO("K " << k << " mode " << mode << " rollup " << rollup);
        INFO(Lines(problems));
        CHECK(problems.empty());
      }
    }
  }
}

TEST_CASE("cli matrix: JSON as documented, the same counts as the library", "[matrix]") {
  HandStudy study;
  const json j = CliJson({"matrix", study.path, "--by", "gender,role", "--count", "cases", "--rollup", "--format", "json"});
  CHECK(j.at("count") == "cases");
  CHECK(j.at("rollup") == true);
  CHECK(j.at("by") == json::array({"gender", "role"}));
  REQUIRE(j.at("columns").size() == 5);
  CHECK(j.at("columns")[2] == json({{"values", {{"gender", "girl"}, {"role", "(missing)"}}}, {"n", 1}}));
  CHECK(j.at("columns")[3].at("values").at("role") == "người chăm sóc");
  CHECK(j.at("total_n") == 6);
  REQUIRE(j.at("rows").size() == 7);
  CHECK(j.at("rows")[0] == json({{"code", "Forms"}, {"depth", 0}, {"cells", {2, 2, 1, 0, 1}}, {"total", 5}}));
  CHECK(j.at("rows")[5].at("code") == "Support/Gia đình");
  CHECK(j.at("note").get<std::string>().find("No cells") != std::string::npos);

  const json p = CliJson({"matrix", study.path, "--by", "gender,role", "--count", "percent-cases", "--format", "json"});
  CHECK(p.at("rows")[1].at("cells") == json::array({50.0, 100.0, 0.0, 0.0, 100.0}));
  CHECK(p.at("rows")[1].at("total") == 66.7);

  // Suppressed cells are strings: "<K" or "(s)"; group sizes too.
  const json s = CliJson({"matrix", study.path, "--by", "gender", "--min-cell", "2", "--format", "json"});
  CHECK(s.at("min_cell") == 2);
  CHECK(s.at("columns")[2].at("n") == "<2");
  CHECK(s.at("rows")[2].at("cells") == json::array({"(s)", "<2", 0, 0}));
  CHECK(s.at("suppressed_cells").get<int>() > 0);

  // Limits: --codes, --coder, --where.
  const json limited = CliJson({"matrix", study.path, "--by", "gender,role", "--codes", "Support", "--coder", "amara",
                                "--where", "gender=girl", "--where", "gender=boy", "--format", "json"});
  REQUIRE(limited.at("rows").size() == 2);
  // boy · survivor, girl · survivor, girl · (missing); Gia đình by amara: 06 | 02 (2) | -.
  CHECK(limited.at("columns").size() == 3);
  CHECK(limited.at("rows")[1].at("cells") == json::array({1, 2, 0}));
}

TEST_CASE("cli matrix: text, files, and what it refuses", "[matrix]") {
  HandStudy study;
  auto r = RunCli({"matrix", study.path, "--by", "gender", "--min-cell", "3"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Text: labels, n per column (small groups as <K), the rows indented by depth, and the note.
  CHECK_THAT(r.out, Catch::Contains("\tboy\tgirl\twoman\t(missing)\tTotal"));
  CHECK_THAT(r.out, Catch::Contains("n=<3\tn=<3\tn=<3\tn=<3\tn=6"));
  CHECK_THAT(r.out, Catch::Contains("    Threats\t"));
  CHECK_THAT(r.out, Catch::Contains("Counts from 1 to 2 are shown as <3"));

  // A study of fewer than K cases: not even the total n is shown.
  r = RunCli({"matrix", study.path, "--by", "gender", "--min-cell", "7"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, !Catch::Contains("n=6"));
  CHECK_THAT(r.out, Catch::Contains("n=<7"));

  TempDir out;
  for (const char* format : {"json", "csv", "html", "xlsx"}) {
    const std::string file = out / (std::string("m.") + format);
    r = RunCli({"matrix", study.path, "--by", "gender", "--format", format, "-o", file});
    INFO(format << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(std::filesystem::file_size(file) > 0);
  }
  CHECK(json::parse(tessera::test::ReadFile(out / "m.json")).at("rows").size() == 7);

  r = RunCli({"matrix", study.path, "--by", "gender", "--format", "xlsx"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("-o"));
  r = RunCli({"matrix", study.path, "--by", "âge"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("âge"));
  r = RunCli({"matrix", study.path, "--by", "gender", "--count", "words"});
  CHECK(r.exit_code != 0);
  r = RunCli({"matrix", study.path, "--by", "gender", "--where", "gender"});
  CHECK(r.exit_code != 0);
  CHECK_THAT(r.err, Catch::Contains("VAR=VALUE"));
}

TEST_CASE("cli segments: the coded text behind every cell", "[matrix]") {
  HandStudy study;
  Project project = Project::OpenReadOnly(study.path);
  // Checks the segments listed for one cell: each one's text, code and the column's values.
  auto check_cell = [](const json& segments, const tessera::MatrixColumn& column, const tessera::MatrixRow& row, bool rollup) {
    for (const auto& seg : segments) {
      // The text is the document's code point at the coding's start (see HandStudy).
      const auto start = seg.at("start").get<std::size_t>();
      CHECK(seg.at("end").get<std::size_t>() == start + 1);
      CHECK(seg.at("text") == kLetters.substr(2 * start, 2));  // Greek letters take two bytes
      for (const auto& [name, value] : column.values) {
        if (value == tessera::kMissingValue) CHECK_FALSE(seg.at("variables").contains(name));
        else CHECK(seg.at("variables").at(name) == value);
      }
      if (rollup) CHECK((seg.at("code") == row.code || seg.at("code").get<std::string>().starts_with(row.code + "/")));
      else CHECK(seg.at("code") == row.code);
    }
  };
  for (bool rollup : {false, true}) {
    MatrixRequest request;
    request.by = {"gender", "role"};
    request.rollup = rollup;
    const ThemeMatrix m = tessera::BuildThemeMatrix(project, request);
    for (const auto& row : m.rows) {
      // With roll-up only the parents differ from the matrix without.
      if (rollup && row.code != "Forms" && row.code != "Forms/Coercion" && row.code != "Support") continue;
      INFO(row.code << (rollup ? " (rollup)" : ""));
      // All of the row at once (one CLI run per row), split into columns by the listed values.
      std::vector<std::string> args = {"segments", study.path, "--code", row.code, "--format", "json"};
      if (!rollup) args.push_back("--exact");
      const json all = CliJson(args);
      CHECK(static_cast<std::int64_t>(all.size()) == row.total.count);
      for (std::size_t c = 0; c < m.columns.size(); ++c) {
        INFO("column " << Label(m.columns[c], request.by));
        json in_column = json::array();
        for (const auto& seg : all) {
          bool match = true;
          for (const auto& [name, value] : m.columns[c].values) {
            const auto& vars = seg.at("variables");
            match = match && (vars.contains(name) ? vars.at(name).get<std::string>() : std::string(tessera::kMissingValue)) == value;
          }
          if (match) in_column.push_back(seg);
        }
        CHECK(static_cast<std::int64_t>(in_column.size()) == row.cells[c].count);
        check_cell(in_column, m.columns[c], row, rollup);
      }
    }
    // And through --where, column by column, for one code with children.
    const auto& row = m.rows[2];  // Forms/Coercion
    REQUIRE(row.code == "Forms/Coercion");
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
      std::vector<std::string> args = {"segments", study.path, "--code", row.code, "--format", "json"};
      if (!rollup) args.push_back("--exact");
      for (const auto& [name, value] : m.columns[c].values) args.insert(args.end(), {"--where", name + "=" + value});
      const json segments = CliJson(args);
      INFO(row.code << " in " << Label(m.columns[c], request.by) << (rollup ? " (rollup)" : ""));
      CHECK(static_cast<std::int64_t>(segments.size()) == row.cells[c].count);
      check_cell(segments, m.columns[c], row, rollup);
    }
  }
  // Case and coder are reported with each segment.
  const json one = CliJson({"segments", study.path, "--code", "Recommendations", "--coder", "niran", "--format", "json"});
  REQUIRE(one.size() == 1);
  CHECK(one[0].at("document") == "interview-03");
  CHECK(one[0].at("case") == "Nguyễn Thị Hoa");
  CHECK(one[0].at("coder") == "niran");
  const json no_case = CliJson({"segments", study.path, "--code", "Recommendations", "--where", "gender=(missing)", "--format", "json"});
  REQUIRE(no_case.size() == 1);
  CHECK(no_case[0].at("case").is_null());
  const auto text = RunCli({"segments", study.path, "--code", "Forms/Coercion", "--where", "role=(missing)"});
  REQUIRE(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("interview-04") && Catch::Contains("1 segment\n"));
}

TEST_CASE("cli matrix on the demo study agrees with the example CSV files", "[matrix]") {
  TempDir dir;
  const std::string project = dir / "demo.tessera";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"init", project},
           {"import", project, ExampleFile("transcripts"), "--variables", ExampleFile("variables.csv")},
           {"import-codings", project, ExampleFile("codings.csv")}}) {
    const auto r = RunCli(args);
    INFO(args[0] << ": " << r.err);
    REQUIRE(r.exit_code == 0);
  }
  // Independent counts from the CSV files: document -> (case, gender, role); codings per code.
  const auto variables = tessera::ReadCsvFile(ExampleFile("variables.csv"));
  std::map<std::string, std::vector<std::string>> doc;  // name -> case, gender, role
  for (std::size_t r = 1; r < variables.size(); ++r) doc[variables[r][0]] = {variables[r][1], variables[r][2], variables[r][4]};
  const auto codings = tessera::ReadCsvFile(ExampleFile("codings.csv"));
  std::map<std::string, std::map<std::string, std::int64_t>> segments;           // code -> gender -> n
  std::map<std::string, std::map<std::string, std::set<std::string>>> cases;     // code -> gender -> cases
  std::map<std::string, std::map<std::string, std::set<std::string>>> cases_up;  // top-level code -> gender·role -> cases
  for (std::size_t r = 1; r < codings.size(); ++r) {
    const auto& d = doc.at(codings[r][0]);
    const std::string code = codings[r][1];
    ++segments[code][d[1]];
    cases[code][d[1]].insert(d[0]);
    cases_up[code.substr(0, code.find('/'))][d[1] + " · " + d[2]].insert(d[0]);
  }
  const json by_gender = CliJson({"matrix", project, "--by", "gender", "--format", "json"});
  const json cases_json = CliJson({"matrix", project, "--by", "gender", "--count", "cases", "--format", "json"});
  const json up = CliJson({"matrix", project, "--by", "gender,role", "--count", "cases", "--rollup", "--format", "json"});
  REQUIRE(by_gender.at("columns").size() == 4);  // boy, girl, man, woman: every document has a gender
  std::int64_t all = 0;
  for (std::size_t r = 0; r < by_gender.at("rows").size(); ++r) {
    const std::string code = by_gender.at("rows")[r].at("code");
    INFO(code);
    for (std::size_t c = 0; c < 4; ++c) {
      const std::string gender = by_gender.at("columns")[c].at("values").at("gender");
      CHECK(by_gender.at("rows")[r].at("cells")[c] == segments[code][gender]);
      CHECK(cases_json.at("rows")[r].at("cells")[c] == static_cast<std::int64_t>(cases[code][gender].size()));
      all += by_gender.at("rows")[r].at("cells")[c].get<std::int64_t>();
    }
    if (code.find('/') == std::string::npos) {
      for (std::size_t c = 0; c < up.at("columns").size(); ++c) {
        const auto& values = up.at("columns")[c].at("values");
        const std::string label = values.at("gender").get<std::string>() + " · " + values.at("role").get<std::string>();
        CHECK(up.at("rows")[r].at("cells")[c] == static_cast<std::int64_t>(cases_up[code][label].size()));
      }
    }
  }
  CHECK(all == static_cast<std::int64_t>(codings.size() - 1));
  CHECK(cases_json.at("total_n") == 20);  // KH-G01 was interviewed twice
}
