#include "redaction/register_store.h"

#include <nlohmann/json.hpp>

#include "error.h"
#include "import/csv_reader.h"
#include "project/database.h"
#include "project/identity.h"
#include "redaction/span_kind.h"
#include "text/normalize.h"

namespace tessera {
namespace {

std::vector<std::string> SplitAliases(const std::string& text) {
  std::vector<std::string> aliases;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto bar = text.find('|', start);
    if (bar == std::string::npos) bar = text.size();
    const std::string alias(TrimWhitespace(std::string_view(text).substr(start, bar - start)));
    if (!alias.empty()) aliases.push_back(alias);
    start = bar + 1;
  }
  return aliases;
}

}  // namespace

std::vector<RegisterEntry> RegisterStore::Entries() {
  std::vector<RegisterEntry> entries;
  auto stmt = m_db.Prepare("SELECT id, kind, name, aliases, pseudonym, common_word FROM register_entries ORDER BY id");
  while (stmt.Step()) {
    RegisterEntry e;
    e.id = stmt.Int(0);
    e.kind = stmt.Text(1);
    e.name = stmt.Text(2);
    e.aliases = nlohmann::json::parse(stmt.Text(3)).get<std::vector<std::string>>();
    e.pseudonym = stmt.Text(4);
    e.common_word = stmt.Int(5) != 0;
    entries.push_back(std::move(e));
  }
  return entries;
}

std::int64_t RegisterStore::Add(const std::string& kind, const std::string& raw_name, const std::vector<std::string>& aliases,
                                bool common_word) {
  if (!TryParseSpanKind(kind)) throw DataError("unknown kind '" + kind + "' (person, place, school, organisation, …)");
  const std::string name(TrimWhitespace(raw_name));
  if (name.empty()) throw DataError("a register entry needs a name");
  auto find = m_db.Prepare("SELECT id, aliases FROM register_entries WHERE kind = ? AND name = ?");
  find.BindAll(kind, name);
  if (find.Step()) {
    const auto id = find.Int(0);
    auto merged = nlohmann::json::parse(find.Text(1)).get<std::vector<std::string>>();
    for (const auto& a : aliases) {
      if (std::find(merged.begin(), merged.end(), a) == merged.end()) merged.push_back(a);
    }
    m_db.Prepare("UPDATE register_entries SET aliases = ?, common_word = max(common_word, ?) WHERE id = ?")
        .BindAll(nlohmann::json(merged).dump(), common_word ? 1 : 0, id)
        .Run();
    return id;
  }
  m_db.Prepare("INSERT INTO register_entries(guid, kind, name, aliases, common_word) VALUES(?,?,?,?,?)")
      .BindAll(NewGuid(), kind, name, nlohmann::json(aliases).dump(), common_word ? 1 : 0)
      .Run();
  return m_db.LastInsertId();
}

std::size_t RegisterStore::ImportCsv(const std::string& path) {
  const CsvRows rows = ReadCsvFile(path);
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < rows[0].size(); ++c) column[std::string(TrimWhitespace(rows[0][c]))] = c;
  if (!column.count("kind") || !column.count("name")) throw DataError("the register CSV needs columns kind,name[,aliases]", path);
  std::size_t count = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto cell = [&](const char* name) {
      const auto it = column.find(name);
      return it != column.end() && it->second < row.size() ? row[it->second] : std::string();
    };
    if (TrimWhitespace(cell("name")).empty()) continue;
    const std::string common = cell("common_word");
    try {
      Add(std::string(TrimWhitespace(cell("kind"))), cell("name"), SplitAliases(cell("aliases")),
          common == "true" || common == "yes" || common == "1");
    } catch (const DataError& e) {
      throw DataError("line " + std::to_string(r + 1) + ": " + e.reason(), path);
    }
    ++count;
  }
  return count;
}

std::vector<RegisterEntry> RegisterStore::EntriesWithPseudonyms() {
  auto entries = Entries();
  if (AssignPseudonyms(entries) > 0) {
    auto update = m_db.Prepare("UPDATE register_entries SET pseudonym = ? WHERE id = ?");
    for (const auto& e : entries) {
      update.Reset();
      update.BindAll(e.pseudonym, e.id).Run();
    }
  }
  return entries;
}

std::vector<ReviewDecision> RegisterStore::Decisions(std::optional<std::int64_t> document_id) {
  std::vector<ReviewDecision> decisions;
  auto stmt = m_db.Prepare(
      "SELECT original, kind, verdict, start FROM redaction_decisions WHERE document_id IS NULL OR document_id = ? ORDER BY id");
  stmt.Bind(1, document_id);
  while (stmt.Step()) {
    ReviewDecision d;
    d.original = stmt.Text(0);
    if (!stmt.Text(1).empty()) d.kind = TryParseSpanKind(stmt.Text(1));
    const std::string v = stmt.Text(2);
    d.verdict = v == "reject" ? ReviewDecision::Verdict::Reject : v == "add" ? ReviewDecision::Verdict::Add : ReviewDecision::Verdict::Accept;
    // A decision tied to a place only applies to its own document.
    if (!stmt.IsNull(3)) {
      if (!document_id) continue;
      d.start = static_cast<std::size_t>(stmt.Int(3));
    }
    decisions.push_back(std::move(d));
  }
  return decisions;
}

void RegisterStore::AddDecision(const ReviewDecision& d, std::optional<std::int64_t> document_id, std::int64_t reviewer_id) {
  const char* verdict = d.verdict == ReviewDecision::Verdict::Reject ? "reject" : d.verdict == ReviewDecision::Verdict::Add ? "add" : "accept";
  std::optional<std::int64_t> start;
  if (d.start) start = static_cast<std::int64_t>(*d.start);
  m_db.Prepare("INSERT INTO redaction_decisions(document_id, start, end, original, kind, verdict, reviewer_id, decided_at) VALUES(?,?,?,?,?,?,?,?)")
      .BindAll(document_id, start, std::nullopt, d.original, d.kind ? std::string(SpanKindName(*d.kind)) : std::string(), std::string(verdict),
               reviewer_id, UtcNow())
      .Run();
}

}  // namespace tessera
