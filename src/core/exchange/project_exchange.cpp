#include "exchange/project_exchange.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "error.h"
#include "import/turn_detector.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/identity.h"
#include "project/memo_store.h"
#include "project/project.h"
#include "project/variable_store.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tessera {
namespace {

constexpr const char* kLabels[] = {"Definition:", "Include:", "Exclude:", "Example:"};

QdaVariableType ToQda(VariableType t) {
  switch (t) {
    case VariableType::Integer: return QdaVariableType::kInteger;
    case VariableType::Float: return QdaVariableType::kFloat;
    case VariableType::Date: return QdaVariableType::kDate;
    case VariableType::Boolean: return QdaVariableType::kBoolean;
    case VariableType::Text:
    case VariableType::Category: return QdaVariableType::kText;
  }
  return QdaVariableType::kText;
}

VariableType FromQda(QdaVariableType t) {
  switch (t) {
    case QdaVariableType::kInteger: return VariableType::Integer;
    case QdaVariableType::kFloat: return VariableType::Float;
    case QdaVariableType::kDate: return VariableType::Date;
    case QdaVariableType::kBoolean: return VariableType::Boolean;
    case QdaVariableType::kText:
    case QdaVariableType::kDateTime: return VariableType::Category;
  }
  return VariableType::Category;
}

// A stable GUID for a selection, so that exporting the same project twice gives the same file.
std::string DerivedGuid(const std::string& seed) {
  std::string hex = Sha256Hex(seed).substr(0, 32);
  hex[12] = '4';
  hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

QdaCode ExportCode(const std::vector<Code>& all, std::size_t index, std::map<std::int64_t, std::vector<std::string>>& code_notes) {
  const Code& c = all[index];
  QdaCode q;
  q.guid = c.guid;
  q.name = c.name;
  q.is_codable = c.codable;
  q.color = c.color;
  q.description = JoinCodeDescription(c);
  q.note_refs = code_notes[c.id];
  for (std::size_t i = index + 1; i < all.size() && all[i].depth > c.depth; ++i) {
    if (all[i].depth == c.depth + 1) q.children.push_back(ExportCode(all, i, code_notes));
  }
  return q;
}

void ImportCodes(CodeTree& tree, const std::vector<QdaCode>& codes, std::optional<std::int64_t> parent, const std::string& prefix,
                 ExchangeReport& report, std::map<std::string, std::int64_t>& by_guid) {
  for (const auto& q : codes) {
    std::string name(TrimWhitespace(q.name));
    for (auto& ch : name) {
      if (ch == '/') ch = '-';  // a slash would split the path
    }
    if (name.empty()) {
      name = "Unnamed code";
      report.warnings.push_back("a code without a name was called '" + name + "'");
    }
    const std::string path = prefix.empty() ? name : prefix + "/" + name;
    std::optional<std::int64_t> id;
    auto stmt_guid = CanonicalGuid(q.guid);
    for (const auto& c : tree.All()) {
      if (c.guid == stmt_guid) id = c.id;
    }
    if (!id) id = tree.FindByPath(path);
    Code details;
    if (id) {
      details = tree.Get(*id);
      ++report.codes_updated;
    } else {
      id = tree.Add(parent, name, q.guid);
      details = tree.Get(*id);
      ++report.codes_added;
    }
    details.codable = q.is_codable;
    if (!q.color.empty()) details.color = q.color;
    if (!q.description.empty()) SplitCodeDescription(q.description, details);
    tree.UpdateDetails(details);
    by_guid[CanonicalGuid(q.guid)] = *id;
    ImportCodes(tree, q.children, id, details.path.empty() ? path : details.path, report, by_guid);
  }
}

}  // namespace

void SplitCodeDescription(const std::string& description, Code& code) {
  std::string* fields[] = {&code.description, &code.inclusion, &code.exclusion, &code.example};
  bool labelled = false;
  for (const char* label : kLabels) labelled = labelled || description.rfind(label, 0) == 0 || description.find(std::string("\n") + label) != std::string::npos;
  if (!labelled) {
    code.description = description;
    return;
  }
  for (auto* f : fields) f->clear();
  std::string* current = nullptr;
  std::size_t pos = 0;
  while (pos <= description.size()) {
    std::size_t eol = description.find('\n', pos);
    if (eol == std::string::npos) eol = description.size();
    std::string line = description.substr(pos, eol - pos);
    bool matched = false;
    for (std::size_t i = 0; i < 4; ++i) {
      if (line.rfind(kLabels[i], 0) == 0) {
        current = fields[i];
        *current = std::string(TrimWhitespace(line.substr(std::string(kLabels[i]).size())));
        matched = true;
      }
    }
    if (!matched) {
      if (!current) current = fields[0];
      *current += (current->empty() ? "" : "\n") + line;
    }
    if (eol == description.size()) break;
    pos = eol + 1;
  }
  for (auto* f : fields) *f = std::string(TrimWhitespace(*f));
  // Examples are written in quotes; the quotes are punctuation, not part of the example.
  if (code.example.size() >= 2 && code.example.front() == '"' && code.example.back() == '"') {
    code.example = code.example.substr(1, code.example.size() - 2);
  }
}

std::string JoinCodeDescription(const Code& code) {
  if (code.inclusion.empty() && code.exclusion.empty() && code.example.empty()) return code.description;
  std::string out = std::string("Definition: ") + code.description;
  if (!code.inclusion.empty()) out += "\nInclude: " + code.inclusion;
  if (!code.exclusion.empty()) out += "\nExclude: " + code.exclusion;
  if (!code.example.empty()) out += "\nExample: \"" + code.example + "\"";
  return out;
}

QdaCodebook CodebookFromProject(Project& project) {
  QdaCodebook book;
  book.origin = std::string("Tessera ") + TESSERA_VERSION;
  const auto all = CodeTree(project.Db()).All();
  std::map<std::int64_t, std::vector<std::string>> no_notes;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].depth == 0) book.codes.push_back(ExportCode(all, i, no_notes));
  }
  return book;
}

ExchangeReport ImportCodebook(Project& project, const QdaCodebook& codebook, const std::string& source_name) {
  ExchangeReport report;
  Transaction tx(project.Db());
  CodeTree tree(project.Db());
  std::map<std::string, std::int64_t> by_guid;
  ImportCodes(tree, codebook.codes, std::nullopt, "", report, by_guid);
  if (!codebook.sets.empty()) report.warnings.push_back(std::to_string(codebook.sets.size()) + " code set(s) were not kept: Tessera's sets hold documents");
  project.Audit("codebook/import", {{"file", source_name}, {"added", report.codes_added}, {"updated", report.codes_updated}});
  project.Touch();
  tx.Commit();
  return report;
}

QdaProject ProjectToQda(Project& project) {
  Database& db = project.Db();
  QdaProject q;
  q.name = project.Meta("name", "Tessera project");
  q.origin = std::string("Tessera ") + TESSERA_VERSION;
  q.creation_time = project.Meta("created_at");
  std::map<std::int64_t, std::string> user_guid;
  {
    auto stmt = db.Prepare("SELECT id, guid, name FROM users ORDER BY id");
    while (stmt.Step()) {
      user_guid[stmt.Int(0)] = stmt.Text(1);
      q.users.push_back({stmt.Text(1), stmt.Text(2)});
    }
  }
  // Memos become notes, attached from their targets.
  std::map<std::int64_t, std::vector<std::string>> doc_notes, code_notes, coding_notes;
  for (const auto& m : MemoStore(db).List()) {
    QdaNote note;
    note.guid = m.guid;
    note.name = m.title;
    note.text = m.text;
    note.time = m.created_at;
    auto author = db.Prepare("SELECT guid FROM users WHERE name = ?");
    author.Bind(1, m.author);
    if (author.Step()) note.creating_user = author.Text(0);
    if (m.target_kind == "document" && m.target_id) doc_notes[*m.target_id].push_back(m.guid);
    else if (m.target_kind == "code" && m.target_id) code_notes[*m.target_id].push_back(m.guid);
    else if (m.target_kind == "coding" && m.target_id) coding_notes[*m.target_id].push_back(m.guid);
    else q.note_refs.push_back(m.guid);
    q.notes.push_back(std::move(note));
  }
  const auto codes = CodeTree(db).All();
  std::map<std::int64_t, std::string> code_guid;
  for (const auto& c : codes) code_guid[c.id] = c.guid;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].depth == 0) q.codes.push_back(ExportCode(codes, i, code_notes));
  }
  VariableStore variables(db);
  std::map<std::string, std::string> variable_guid;
  std::map<std::string, QdaVariableType> variable_type;
  for (const auto& v : variables.Variables()) {
    q.variables.push_back({v.guid, v.name, ToQda(v.type), v.description});
    variable_guid[v.name] = v.guid;
    variable_type[v.name] = ToQda(v.type);
  }
  auto values_of = [&](const std::map<std::string, std::string>& values) {
    std::vector<QdaVariableValue> out;
    for (const auto& [name, value] : values) out.push_back({variable_guid[name], variable_type[name], value});
    return out;
  };
  DocumentStore documents(db);
  std::map<std::int64_t, std::vector<std::string>> case_sources;
  std::map<std::int64_t, std::string> doc_guid;
  for (const auto& d : documents.List()) {
    QdaTextSource s;
    s.guid = d.guid;
    s.name = d.name;
    s.text = documents.Text(d.id);
    s.creation_time = d.imported_at;
    s.description = d.content_note;
    s.note_refs = doc_notes[d.id];
    // Only the document's own values; a case's values travel on the case.
    std::map<std::string, std::string> own;
    auto stmt = db.Prepare("SELECT v.name, vv.value FROM variable_values vv JOIN variables v ON v.id = vv.variable_id WHERE vv.document_id = ? ORDER BY v.name");
    stmt.Bind(1, d.id);
    while (stmt.Step()) own[stmt.Text(0)] = stmt.Text(1);
    s.variable_values = values_of(own);
    CodingFilter filter;
    filter.documents = {d.id};
    filter.with_text = false;
    std::map<std::pair<std::size_t, std::size_t>, QdaSelection> selections;
    for (const auto& c : CodingStore(db).List(filter)) {
      auto& sel = selections[{c.start, c.end}];
      if (sel.guid.empty()) {
        sel.guid = DerivedGuid(d.guid + ":" + std::to_string(c.start) + ":" + std::to_string(c.end));
        sel.start = c.start;
        sel.end = c.end;
        sel.creating_user = user_guid[c.coder_id];
        sel.time = c.created_at;
      }
      QdaCoding coding;
      coding.guid = c.guid;
      coding.code_guid = code_guid[c.code_id];
      coding.creating_user = user_guid[c.coder_id];
      coding.time = c.created_at;
      coding.note_refs = coding_notes[c.id];
      sel.codings.push_back(std::move(coding));
    }
    for (auto& [range, sel] : selections) s.selections.push_back(std::move(sel));
    if (d.case_id) case_sources[*d.case_id].push_back(d.guid);
    doc_guid[d.id] = d.guid;
    q.sources.push_back(std::move(s));
  }
  for (const auto& c : variables.Cases()) {
    q.cases.push_back({c.guid, c.name, c.description, values_of(variables.CaseValues(c.id)), case_sources[c.id]});
  }
  for (const auto& set : MemoStore(db).Sets()) {
    QdaSet s{set.guid, set.name, set.description, {}, {}, {}};
    for (auto id : set.documents) s.member_sources.push_back(doc_guid[id]);
    q.sets.push_back(std::move(s));
  }
  return q;
}

ExchangeReport ImportQdaProject(Project& project, const QdaProject& qda, const std::string& source_name) {
  Database& db = project.Db();
  ExchangeReport report;
  Transaction tx(db);
  if (!qda.name.empty()) project.SetMeta("name", qda.name);
  std::map<std::string, std::string> user_name;  // canonical guid -> name
  for (const auto& u : qda.users) {
    std::string name = u.name.empty() ? "user-" + CanonicalGuid(u.guid).substr(0, 8) : u.name;
    auto exists = db.Prepare("SELECT 1 FROM users WHERE name = ? OR guid = ?");
    exists.BindAll(name, CanonicalGuid(u.guid));
    if (!exists.Step()) db.Prepare("INSERT INTO users(guid, name) VALUES(?, ?)").BindAll(CanonicalGuid(u.guid), name).Run();
    user_name[CanonicalGuid(u.guid)] = name;
  }
  auto coder_of = [&](const std::string& guid, const std::string& fallback) {
    const auto it = user_name.find(CanonicalGuid(guid));
    if (it != user_name.end()) return project.EnsureUser(it->second);
    const auto f = user_name.find(CanonicalGuid(fallback));
    return project.EnsureUser(f != user_name.end() ? f->second : project.CurrentUser());
  };
  CodeTree tree(db);
  std::map<std::string, std::int64_t> code_ids;
  ImportCodes(tree, qda.codes, std::nullopt, "", report, code_ids);

  VariableStore variables(db);
  std::map<std::string, std::int64_t> variable_ids;
  for (const auto& v : qda.variables) {
    variable_ids[CanonicalGuid(v.guid)] = variables.EnsureVariable(v.name.empty() ? "variable-" + CanonicalGuid(v.guid).substr(0, 8) : v.name,
                                                                   FromQda(v.type), v.guid);
    ++report.variables;
  }
  auto set_values = [&](const std::vector<QdaVariableValue>& values, auto setter, const std::string& owner) {
    for (const auto& value : values) {
      const auto it = variable_ids.find(CanonicalGuid(value.variable_guid));
      if (it == variable_ids.end()) continue;
      try {
        setter(it->second, value.value);
      } catch (const DataError& e) {
        report.warnings.push_back(owner + ": " + e.reason() + "; value left out");
      }
    }
  };

  DocumentStore documents(db);
  CodingStore codings(db);
  MemoStore memos(db);
  const TurnDetector turns;
  std::map<std::string, std::int64_t> doc_ids, coding_ids;
  std::map<std::string, std::pair<std::string, std::int64_t>> note_targets;  // note guid -> (kind, id)
  for (const auto& s : qda.sources) {
    NewDocument doc;
    doc.guid = s.guid;
    doc.name = s.name.empty() ? "source-" + CanonicalGuid(s.guid).substr(0, 8) : s.name;
    doc.source_name = doc.name;
    doc.text = s.text;
    doc.source_sha256 = Sha256Hex(s.text);
    doc.content_note = s.description;
    doc.turns = turns.Detect(s.text);
    const auto id = documents.Add(doc, std::nullopt);
    doc_ids[CanonicalGuid(s.guid)] = id;
    ++report.documents;
    set_values(s.variable_values, [&](std::int64_t v, const std::string& value) { variables.SetDocumentValue(v, id, value); }, doc.name);
    for (const auto& n : s.note_refs) note_targets.emplace(CanonicalGuid(n), std::make_pair("document", id));
    const std::size_t length = utf8::CodePointCount(s.text);
    auto add_coding = [&](const QdaCoding& c, std::size_t start, std::size_t end, const std::string& user, const std::string& memo) {
      const auto code = code_ids.find(CanonicalGuid(c.code_guid));
      if (code == code_ids.end()) return;
      if (start >= end || end > length) {
        report.warnings.push_back(doc.name + ": an empty or out-of-range selection " + std::to_string(start) + "-" + std::to_string(end) + " was left out");
        return;
      }
      try {
        const auto [coding_id, is_new] = codings.Add(id, start, end, code->second, coder_of(c.creating_user, user), memo, c.guid, c.time);
        coding_ids[CanonicalGuid(c.guid)] = coding_id;
        if (is_new) ++report.codings;
        for (const auto& n : c.note_refs) note_targets.emplace(CanonicalGuid(n), std::make_pair("coding", coding_id));
      } catch (const DataError& e) {
        report.warnings.push_back(doc.name + ": " + e.reason());
      }
    };
    for (const auto& c : s.codings) add_coding(c, 0, length, s.creating_user, "");
    for (const auto& sel : s.selections) {
      if (sel.codings.empty() && !sel.description.empty()) {
        memos.Add("document", id, coder_of(sel.creating_user, s.creating_user), "Segment " + std::to_string(sel.start) + "–" + std::to_string(sel.end),
                  sel.description);
        ++report.memos;
      }
      for (const auto& c : sel.codings) add_coding(c, sel.start, sel.end, sel.creating_user, sel.codings.size() == 1 ? sel.description : "");
      for (const auto& n : sel.note_refs) note_targets.emplace(CanonicalGuid(n), std::make_pair("document", id));
    }
  }
  for (const auto& c : qda.cases) {
    const std::string name = c.name.empty() ? "case-" + CanonicalGuid(c.guid).substr(0, 8) : c.name;
    const auto case_id = variables.EnsureCase(name, c.guid);
    ++report.cases;
    set_values(c.variable_values, [&](std::int64_t v, const std::string& value) { variables.SetCaseValue(v, case_id, value); }, "case " + name);
    for (const auto& s : c.source_guids) {
      const auto it = doc_ids.find(CanonicalGuid(s));
      if (it == doc_ids.end()) continue;
      if (documents.Info(it->second).case_id) {
        report.warnings.push_back("document '" + documents.Info(it->second).name + "' belongs to several cases; only the first was kept");
        continue;
      }
      documents.SetCase(it->second, case_id);
    }
  }
  std::map<std::string, std::int64_t> code_by_guid = code_ids;
  auto note_codes = [&](const std::vector<QdaCode>& codes, auto&& self) -> void {
    for (const auto& c : codes) {
      for (const auto& n : c.note_refs) note_targets.emplace(CanonicalGuid(n), std::make_pair("code", code_by_guid[CanonicalGuid(c.guid)]));
      self(c.children, self);
    }
  };
  note_codes(qda.codes, note_codes);
  for (const auto& n : qda.notes) {
    const auto target = note_targets.find(CanonicalGuid(n.guid));
    std::string kind = "project";
    std::optional<std::int64_t> target_id;
    if (target != note_targets.end()) kind = target->second.first, target_id = target->second.second;
    memos.Add(kind, target_id, coder_of(n.creating_user, qda.creating_user_guid), n.name, n.text, n.guid);
    ++report.memos;
  }
  for (const auto& s : qda.sets) {
    if (s.member_sources.empty()) {
      if (!s.member_codes.empty()) report.warnings.push_back("the code set '" + s.name + "' was not kept: Tessera's sets hold documents");
      continue;
    }
    const auto set_id = memos.EnsureSet(s.name.empty() ? "set-" + CanonicalGuid(s.guid).substr(0, 8) : s.name, s.guid);
    for (const auto& m : s.member_sources) {
      const auto it = doc_ids.find(CanonicalGuid(m));
      if (it != doc_ids.end()) memos.AddToSet(set_id, it->second);
    }
  }
  project.Audit("project/import-qdpx", {{"file", source_name}, {"origin", qda.origin}, {"documents", report.documents},
                                        {"codings", report.codings}, {"warnings", report.warnings.size()}});
  project.Touch();
  tx.Commit();
  return report;
}

}  // namespace tessera
