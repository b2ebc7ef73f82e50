#include "analysis/theme_matrix.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "error.h"
#include "project/code_tree.h"
#include "project/database.h"
#include "project/project.h"
#include "project/variable_store.h"

namespace tessera {
namespace {

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
      // Children by path: with --codes naming two subtrees, the row after a parent's subtree can
      // be deeper than the parent without being its child.
      std::vector<std::size_t> children;
      const std::string prefix = m.rows[p].code + "/";
      for (std::size_t c = p + 1; c < m.rows.size() && m.rows[c].depth > m.rows[p].depth; ++c) {
        if (m.rows[c].depth == m.rows[p].depth + 1 && m.rows[c].code.starts_with(prefix)) children.push_back(c);
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

  // Documents get dense indices 0..n-1, their cases too (a document without a case is its own
  // case), and so does each (case, column) pair: the counting loop below then works on plain
  // vectors, without hashing or sets, which is what keeps a million codings fast.
  const auto values = variables.AllDocumentValues();
  struct DocumentPlace {
    std::int64_t id = 0;
    int column = -1;           // -1: filtered out by --where
    std::uint32_t case_index = 0;
    std::uint32_t slot = 0;    // the (case, column) pair
  };
  std::vector<DocumentPlace> docs;
  std::vector<std::vector<std::string>> doc_keys;
  std::map<std::vector<std::string>, int> column_of;
  {
    std::unordered_map<std::int64_t, std::uint32_t> case_index;
    auto stmt = db.Prepare("SELECT id, case_id FROM documents");
    while (stmt.Step()) {
      DocumentPlace place;
      place.id = stmt.Int(0);
      const std::int64_t case_key = stmt.IsNull(1) ? -place.id : stmt.Int(1);
      place.case_index = case_index.emplace(case_key, static_cast<std::uint32_t>(case_index.size())).first->second;
      const auto it = values.find(place.id);
      auto value_of = [&](const std::string& name) -> std::string {
        if (it == values.end()) return kMissingValue;
        auto v = it->second.find(name);
        return v == it->second.end() ? kMissingValue : v->second;
      };
      bool keep = true;
      for (const auto& [name, allowed] : request.where) {
        if (std::find(allowed.begin(), allowed.end(), value_of(name)) == allowed.end()) keep = false;
      }
      std::vector<std::string> key;
      if (keep) {
        for (const auto& name : request.by) key.push_back(value_of(name));
        column_of.emplace(key, 0);
        place.column = 0;  // numbered once the columns are sorted
      }
      docs.push_back(place);
      doc_keys.push_back(std::move(key));
    }
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
  const std::size_t ncols = m.columns.size();
  std::size_t ncases = 0, nslots = 0;
  {
    std::unordered_map<std::uint64_t, std::uint32_t> slot_of;
    std::vector<bool> case_counted;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      auto& place = docs[d];
      ncases = std::max<std::size_t>(ncases, place.case_index + 1);
      if (place.column < 0) continue;
      place.column = column_of[doc_keys[d]];
      auto& column = m.columns[static_cast<std::size_t>(place.column)];
      const auto [slot, fresh] = slot_of.emplace(static_cast<std::uint64_t>(place.case_index) * (ncols + 1) +
                                                     static_cast<std::uint64_t>(place.column),
                                                 static_cast<std::uint32_t>(slot_of.size()));
      place.slot = slot->second;
      if (fresh) ++column.n;
      if (case_counted.size() <= place.case_index) case_counted.resize(place.case_index + 1);
      if (!case_counted[place.case_index]) case_counted[place.case_index] = true, ++m.total_column.n;
      ++column.documents;
      ++m.total_column.documents;
    }
    nslots = slot_of.size();
  }
  // Document id -> dense index, -1 for a document left out by --where: a vector when ids are
  // dense (they are rowids), else a hash map.
  std::int64_t max_id = 0;
  for (const auto& d : docs) max_id = std::max(max_id, d.id);
  const bool dense_ids = max_id >= 0 && static_cast<std::size_t>(max_id) <= 4 * docs.size() + 1024;
  std::vector<std::int32_t> index_of_id(dense_ids ? static_cast<std::size_t>(max_id) + 1 : 0, -1);
  std::unordered_map<std::int64_t, std::int32_t> index_of_id_map;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (docs[d].column < 0) continue;
    if (dense_ids) index_of_id[static_cast<std::size_t>(docs[d].id)] = static_cast<std::int32_t>(d);
    else index_of_id_map[docs[d].id] = static_cast<std::int32_t>(d);
  }
  auto dense_doc = [&](std::int64_t id) -> std::int32_t {
    if (dense_ids) return id >= 0 && id <= max_id ? index_of_id[static_cast<std::size_t>(id)] : -1;
    const auto it = index_of_id_map.find(id);
    return it == index_of_id_map.end() ? -1 : it->second;
  };

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
  std::unordered_map<std::int64_t, std::size_t> code_index;
  for (std::size_t i = 0; i < codes.size(); ++i) code_index[codes[i].id] = i;
  std::vector<std::vector<std::size_t>> children(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].parent_id) {
      if (auto it = code_index.find(*codes[i].parent_id); it != code_index.end()) children[it->second].push_back(i);
    }
  }

  // One pass over the codings in the order of the codings_code index (code, document, coder),
  // which covers the query, into one list of (document, codings) per code. Consecutive rows of
  // the same code and document are merged here: a GROUP BY in SQL costs more than it saves.
  struct Coded {
    std::int32_t doc;
    std::int32_t n;
  };
  std::vector<std::vector<Coded>> by_code(codes.size());
  {
    std::string sql = "SELECT code_id, document_id FROM codings";
    if (!request.coder.empty()) {
      // A misspelt coder would otherwise give a matrix of zeros that looks like a finding.
      auto coder = db.Prepare("SELECT 1 FROM users WHERE name = ?");
      coder.Bind(1, request.coder);
      if (!coder.Step()) throw DataError("no coder named '" + request.coder + "' in the project");
      sql += " WHERE coder_id = (SELECT id FROM users WHERE name = ?1)";
    }
    sql += " ORDER BY code_id, document_id";  // served by the index without sorting
    auto stmt = db.Prepare(sql);
    if (!request.coder.empty()) stmt.Bind(1, request.coder);
    std::int64_t last_code = 0, last_doc = 0;
    std::vector<Coded>* list = nullptr;
    bool have_last = false;
    while (stmt.Step()) {
      const std::int64_t code = stmt.Int(0), doc_id = stmt.Int(1);
      if (have_last && code == last_code && doc_id == last_doc) {
        if (list && !list->empty()) ++list->back().n;
        continue;
      }
      if (!have_last || code != last_code) {
        const auto it = code_index.find(code);
        list = it == code_index.end() ? nullptr : &by_code[it->second];
      }
      have_last = true;
      last_code = code;
      last_doc = doc_id;
      if (!list) continue;
      // A document left out gets a null entry (removed below), so that its further codings are
      // not added to the previous document's.
      list->push_back({dense_doc(doc_id), 1});
    }
    for (auto& l : by_code) l.erase(std::remove_if(l.begin(), l.end(), [](const Coded& c) { return c.doc < 0; }), l.end());
  }

  // Distinct documents and cases are counted with stamps: an entry equal to the current row's
  // stamp was already counted for this row, so nothing needs clearing between rows.
  std::vector<std::uint32_t> doc_stamp(docs.size(), 0), slot_stamp(nslots, 0), case_stamp(ncases, 0);
  std::uint32_t stamp = 0;
  std::vector<std::size_t> sources;
  for (std::size_t ci = 0; ci < codes.size(); ++ci) {
    const auto& code = codes[ci];
    if (!chosen.count(code.id)) continue;
    MatrixRow row;
    row.code_id = code.id;
    row.code = code.path;
    row.depth = code.depth;
    row.cells.resize(ncols);
    sources.assign(1, ci);
    if (request.rollup) {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        for (auto child : children[sources[i]]) sources.push_back(child);
      }
    }
    ++stamp;
    for (auto source : sources) {
      for (const auto& [doc, n] : by_code[source]) {
        const auto& place = docs[static_cast<std::size_t>(doc)];
        auto& cell = row.cells[static_cast<std::size_t>(place.column)];
        switch (request.count) {
          case MatrixCount::Segments:
            cell.count += n;
            row.total.count += n;
            break;
          case MatrixCount::Documents:
            if (doc_stamp[static_cast<std::size_t>(doc)] != stamp) {
              doc_stamp[static_cast<std::size_t>(doc)] = stamp;
              ++cell.count, ++row.total.count;
            }
            break;
          case MatrixCount::Cases:
          case MatrixCount::PercentCases:
            if (slot_stamp[place.slot] != stamp) slot_stamp[place.slot] = stamp, ++cell.count;
            if (case_stamp[place.case_index] != stamp) case_stamp[place.case_index] = stamp, ++row.total.count;
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
  // The group sizes add up to the total n (or more, when a case is in two groups): one hidden n
  // would follow from the others, so a second one goes, the smallest shown.
  {
    std::size_t hidden = m.total_column.n_suppression != Suppression::None ? 1 : 0;
    MatrixColumn* pick = nullptr;
    for (auto& column : m.columns) {
      if (column.n_suppression != Suppression::None) ++hidden;
      else if (column.n > 0 && (!pick || column.n < pick->n)) pick = &column;
    }
    if (hidden == 1) {
      if (!pick && m.total_column.n_suppression == Suppression::None) pick = &m.total_column;
      if (pick) pick->n_suppression = Suppression::Complementary;
    }
  }
  for (auto& row : m.rows) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      auto& cell = row.cells[c];
      if (small(cell.count)) cell.suppression = Suppression::Small;
      else if (cell.count > 0 && m.columns[c].n_suppression == Suppression::Small) cell.suppression = Suppression::Complementary;
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
