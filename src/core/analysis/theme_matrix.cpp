#include "analysis/theme_matrix.h"

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "project/code_tree.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "project/variable_store.h"

namespace tessera {
namespace {

struct DocumentPlace {
  int column = -1;          // -1: filtered out
  std::int64_t case_key = 0;  // case id, or minus the document id for a document without a case
};

// Cells of one constraint whose values add up to another member of it (the total).
struct Constraint {
  std::vector<MatrixCell*> parts;
  MatrixCell* whole;
};

bool Hidden(const MatrixCell& c) { return c.suppression != Suppression::None; }

std::vector<Constraint> Constraints(ThemeMatrix& m) {
  std::vector<Constraint> constraints;
  for (auto& row : m.rows) {
    Constraint c{{}, &row.total};
    for (auto& cell : row.cells) c.parts.push_back(&cell);
    constraints.push_back(std::move(c));
  }
  // With roll-up of segments, a parent that cannot be coded itself is exactly the sum of its
  // children, column by column: another way back to a hidden child.
  if (m.request.rollup && m.request.count == MatrixCount::Segments) {
    for (std::size_t p = 0; p < m.rows.size(); ++p) {
      std::vector<std::size_t> children;
      for (std::size_t c = p + 1; c < m.rows.size() && m.rows[c].depth > m.rows[p].depth; ++c) {
        if (m.rows[c].depth == m.rows[p].depth + 1) children.push_back(c);
      }
      if (children.empty() || m.rows[p].cells.empty()) continue;
      for (std::size_t col = 0; col <= m.columns.size(); ++col) {
        auto cell = [&](std::size_t r) -> MatrixCell* {
          return col < m.columns.size() ? &m.rows[r].cells[col] : &m.rows[r].total;
        };
        std::int64_t sum = 0;
        Constraint c{{}, cell(p)};
        for (auto ch : children) c.parts.push_back(cell(ch)), sum += cell(ch)->count;
        if (sum == cell(p)->count) constraints.push_back(std::move(c));
      }
    }
  }
  return constraints;
}

}  // namespace

std::string ToString(MatrixCount count) {
  switch (count) {
    case MatrixCount::Segments: return "segments";
    case MatrixCount::Documents: return "documents";
    case MatrixCount::Cases: return "cases";
    case MatrixCount::PercentCases: return "percent-cases";
  }
  return "segments";
}

MatrixCount ParseMatrixCount(const std::string& name) {
  if (name == "segments") return MatrixCount::Segments;
  if (name == "documents") return MatrixCount::Documents;
  if (name == "cases") return MatrixCount::Cases;
  if (name == "percent-cases") return MatrixCount::PercentCases;
  throw DataError("unknown count '" + name + "' (segments, documents, cases, percent-cases)");
}

std::string ThemeMatrix::Note() const {
  const int k = request.min_cell;
  if (k < 2) return "No cells were suppressed (no minimum cell size was set).";
  return "Counts from 1 to " + std::to_string(k - 1) + " are shown as <" + std::to_string(k) +
         "; cells marked (s) are suppressed as well, so that no hidden value can be worked out from the others and "
         "the totals. Groups of fewer than " + std::to_string(k) + " cases are not shown.";
}

ThemeMatrix BuildThemeMatrix(Project& project, const MatrixRequest& request) {
  Database& db = project.Db();
  VariableStore variables(db);
  if (request.by.empty()) throw DataError("name at least one variable for the columns (--by gender)");
  std::string known;
  for (const auto& v : variables.Variables()) known += (known.empty() ? "" : ", ") + v.name;
  for (const auto& name : request.by) {
    if (!variables.FindVariable(name)) throw DataError("no variable named '" + name + "' (the project has: " + known + ")");
  }
  for (const auto& [name, values] : request.where) {
    if (!variables.FindVariable(name)) throw DataError("no variable named '" + name + "' (the project has: " + known + ")");
  }
  ThemeMatrix m;
  m.request = request;

  // Columns from the documents' effective values.
  const auto values = variables.AllDocumentValues();
  std::unordered_map<std::int64_t, DocumentPlace> places;
  std::map<std::vector<std::string>, int> column_of;
  std::vector<std::pair<std::int64_t, std::vector<std::string>>> doc_keys;
  for (const auto& doc : DocumentStore(db).List()) {
    const auto it = values.find(doc.id);
    auto value_of = [&](const std::string& name) -> std::string {
      if (it == values.end()) return kMissingValue;
      auto v = it->second.find(name);
      return v == it->second.end() ? kMissingValue : v->second;
    };
    bool keep = true;
    for (const auto& [name, allowed] : request.where) {
      if (std::find(allowed.begin(), allowed.end(), value_of(name)) == allowed.end()) keep = false;
    }
    DocumentPlace place;
    place.case_key = doc.case_id ? *doc.case_id : -doc.id;
    if (keep) {
      std::vector<std::string> key;
      for (const auto& name : request.by) key.push_back(value_of(name));
      column_of.emplace(key, 0);
      doc_keys.emplace_back(doc.id, std::move(key));
    }
    places[doc.id] = place;
  }
  // Column order: values sorted, "(missing)" after the others.
  std::vector<std::vector<std::string>> keys;
  for (const auto& [key, ignored] : column_of) keys.push_back(key);
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      const bool ma = a[i] == kMissingValue, mb = b[i] == kMissingValue;
      if (ma != mb) return mb;
      if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
  });
  for (std::size_t i = 0; i < keys.size(); ++i) {
    column_of[keys[i]] = static_cast<int>(i);
    MatrixColumn column;
    for (std::size_t v = 0; v < request.by.size(); ++v) column.values[request.by[v]] = keys[i][v];
    m.columns.push_back(std::move(column));
  }
  {
    std::vector<std::set<std::int64_t>> cases(m.columns.size());
    std::set<std::int64_t> all_cases;
    for (const auto& [doc, key] : doc_keys) {
      auto& place = places[doc];
      place.column = column_of[key];
      cases[static_cast<std::size_t>(place.column)].insert(place.case_key);
      all_cases.insert(place.case_key);
      ++m.columns[static_cast<std::size_t>(place.column)].documents;
      ++m.total_column.documents;
    }
    for (std::size_t c = 0; c < m.columns.size(); ++c) m.columns[c].n = static_cast<std::int64_t>(cases[c].size());
    m.total_column.n = static_cast<std::int64_t>(all_cases.size());
  }

  // Rows: codes in tree order, limited to the chosen subtrees.
  CodeTree tree(db);
  const auto codes = tree.All();
  std::set<std::int64_t> chosen;
  if (request.codes.empty()) {
    for (const auto& c : codes) chosen.insert(c.id);
  } else {
    for (const auto& path : request.codes) {
      for (auto id : tree.Subtree(tree.Resolve(path))) chosen.insert(id);
    }
  }
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> children;
  for (const auto& c : codes) children[c.parent_id.value_or(0)].push_back(c.id);

  // One pass over the codings, grouped by code and document (a covering index serves it).
  std::unordered_map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> by_code;
  {
    std::string sql = "SELECT code_id, document_id, count(*) FROM codings";
    if (!request.coder.empty()) sql += " WHERE coder_id = (SELECT id FROM users WHERE name = ?1)";
    sql += " GROUP BY code_id, document_id";
    auto stmt = db.Prepare(sql);
    if (!request.coder.empty()) stmt.Bind(1, request.coder);
    while (stmt.Step()) by_code[stmt.Int(0)].emplace_back(stmt.Int(1), stmt.Int(2));
  }

  const std::size_t ncols = m.columns.size();
  for (const auto& code : codes) {
    if (!chosen.count(code.id)) continue;
    MatrixRow row;
    row.code_id = code.id;
    row.code = code.path;
    row.depth = code.depth;
    row.cells.resize(ncols);
    std::vector<std::int64_t> sources{code.id};
    if (request.rollup) {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        for (auto child : children[sources[i]]) sources.push_back(child);
      }
    }
    std::unordered_set<std::int64_t> docs_seen;
    std::set<std::pair<std::int64_t, int>> cases_seen;
    std::set<std::int64_t> cases_total;
    for (auto source : sources) {
      const auto it = by_code.find(source);
      if (it == by_code.end()) continue;
      for (const auto& [doc, n] : it->second) {
        const auto& place = places[doc];
        if (place.column < 0) continue;
        auto& cell = row.cells[static_cast<std::size_t>(place.column)];
        switch (request.count) {
          case MatrixCount::Segments:
            cell.count += n;
            row.total.count += n;
            break;
          case MatrixCount::Documents:
            if (docs_seen.insert(doc).second) ++cell.count, ++row.total.count;
            break;
          case MatrixCount::Cases:
          case MatrixCount::PercentCases:
            if (cases_seen.insert({place.case_key, place.column}).second) ++cell.count;
            if (cases_total.insert(place.case_key).second) ++row.total.count;
            break;
        }
      }
    }
    if (request.count == MatrixCount::PercentCases) {
      for (std::size_t c = 0; c < ncols; ++c) {
        row.cells[c].percent = m.columns[c].n ? 100.0 * static_cast<double>(row.cells[c].count) / static_cast<double>(m.columns[c].n) : 0;
      }
      row.total.percent = m.total_column.n ? 100.0 * static_cast<double>(row.total.count) / static_cast<double>(m.total_column.n) : 0;
    }
    m.rows.push_back(std::move(row));
  }
  if (request.min_cell >= 2) SuppressSmallCells(m, request.min_cell);
  return m;
}

void SuppressSmallCells(ThemeMatrix& m, int k) {
  auto small = [k](std::int64_t v) { return v >= 1 && v < k; };
  // Primary: small counts, and every non-empty cell of a group that is itself small.
  for (std::size_t c = 0; c < m.columns.size(); ++c) {
    if (small(m.columns[c].n)) m.columns[c].n_suppression = Suppression::Small;
  }
  if (small(m.total_column.n)) m.total_column.n_suppression = Suppression::Small;
  for (auto& row : m.rows) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      auto& cell = row.cells[c];
      if (small(cell.count)) cell.suppression = Suppression::Small;
      else if (cell.count > 0 && m.columns[c].n_suppression != Suppression::None) cell.suppression = Suppression::Complementary;
    }
    if (small(row.total.count)) row.total.suppression = Suppression::Small;
  }
  // Complementary: wherever a sum constraint has exactly one hidden member, hide one more (the
  // smallest visible non-zero part, else the whole) until no constraint gives a value away.
  auto constraints = Constraints(m);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& c : constraints) {
      std::size_t hidden = Hidden(*c.whole) ? 1 : 0;
      for (auto* p : c.parts) hidden += Hidden(*p) ? 1 : 0;
      if (hidden != 1) continue;
      MatrixCell* pick = nullptr;
      for (auto* p : c.parts) {
        if (!Hidden(*p) && p->count > 0 && (!pick || p->count < pick->count)) pick = p;
      }
      if (!pick && !Hidden(*c.whole)) pick = c.whole;
      if (!pick) continue;  // the only hidden member is the whole and every part is zero: nothing to learn
      pick->suppression = Suppression::Complementary;
      changed = true;
    }
  }
  m.suppressed_cells = 0;
  for (const auto& row : m.rows) {
    for (const auto& cell : row.cells) m.suppressed_cells += Hidden(cell) ? 1 : 0;
    m.suppressed_cells += Hidden(row.total) ? 1 : 0;
  }
}

std::vector<std::pair<std::size_t, int>> RecoverableCells(const ThemeMatrix& matrix) {
  ThemeMatrix m = matrix;  // Constraints() wants mutable cells; the copy keeps this a pure query
  std::vector<std::pair<std::size_t, int>> found;
  for (auto& c : Constraints(m)) {
    std::vector<const MatrixCell*> hidden;
    for (auto* p : c.parts) {
      if (Hidden(*p)) hidden.push_back(p);
    }
    if (Hidden(*c.whole)) hidden.push_back(c.whole);
    if (hidden.size() != 1) continue;
    bool parts_all_zero = true;
    for (auto* p : c.parts) parts_all_zero = parts_all_zero && (Hidden(*p) || p->count == 0);
    if (hidden[0] == c.whole && parts_all_zero) continue;
    for (std::size_t r = 0; r < m.rows.size(); ++r) {
      for (std::size_t col = 0; col < m.rows[r].cells.size(); ++col) {
        if (&m.rows[r].cells[col] == hidden[0]) found.emplace_back(r, static_cast<int>(col));
      }
      if (&m.rows[r].total == hidden[0]) found.emplace_back(r, -1);
    }
  }
  return found;
}

}  // namespace tessera
