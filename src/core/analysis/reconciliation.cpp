#include "analysis/reconciliation.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "error.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/database.h"
#include "project/document_store.h"
#include "project/project.h"
#include "text/offset_map.h"

namespace tessera {
namespace {

using Intervals = std::vector<std::pair<std::size_t, std::size_t>>;

Intervals Merge(Intervals v) {
  std::sort(v.begin(), v.end());
  Intervals out;
  for (const auto& [s, e] : v) {
    if (!out.empty() && s <= out.back().second) out.back().second = std::max(out.back().second, e);
    else out.emplace_back(s, e);
  }
  return out;
}

Intervals Clip(const Intervals& merged, std::size_t start, std::size_t end) {
  Intervals out;
  for (const auto& [s, e] : merged) {
    const auto a = std::max(s, start), b = std::min(e, end);
    if (a < b) out.emplace_back(a, b);
  }
  return out;
}

Intervals Intersect(const Intervals& x, const Intervals& y) {
  Intervals out;
  std::size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    const auto a = std::max(x[i].first, y[j].first), b = std::min(x[i].second, y[j].second);
    if (a < b) out.emplace_back(a, b);
    (x[i].second < y[j].second) ? ++i : ++j;
  }
  return out;
}

Intervals Unite(const Intervals& x, const Intervals& y) {
  Intervals all = x;
  all.insert(all.end(), y.begin(), y.end());
  return Merge(all);
}

struct Cluster {
  std::int64_t document_id, code_id;
  std::size_t start, end;
  Intervals first_raw, second_raw;  // segments as coded
  Intervals first, second;          // coverage within the cluster
};

struct Scope {
  std::vector<Cluster> clusters;
  std::map<std::int64_t, std::string> doc_names, doc_guids, code_paths, code_guids;
  std::vector<std::int64_t> code_ids;
};

std::int64_t UserId(Database& db, const std::string& name) {
  auto stmt = db.Prepare("SELECT id FROM users WHERE name = ?");
  stmt.Bind(1, name);
  if (!stmt.Step()) throw NotFoundError("no coder named '" + name + "' in the project");
  return stmt.Int(0);
}

Scope Collect(Project& project, const std::string& a, const std::string& b, const std::string& code_path) {
  if (a == b) throw DataError("choose two different coders");
  Database& db = project.Db();
  Scope scope;
  CodeTree tree(db);
  for (const auto& c : tree.All()) scope.code_paths[c.id] = c.path, scope.code_guids[c.id] = c.guid;
  if (!code_path.empty()) scope.code_ids = tree.Subtree(tree.Resolve(code_path));
  for (const auto& d : DocumentStore(db).List()) scope.doc_names[d.id] = d.name, scope.doc_guids[d.id] = d.guid;
  CodingFilter filter;
  filter.with_text = false;
  filter.codes = scope.code_ids;
  filter.coders = {UserId(db, a), UserId(db, b)};
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<Intervals, Intervals>> by_key;
  for (const auto& c : CodingStore(db).List(filter)) {
    auto& sides = by_key[{c.document_id, c.code_id}];
    (c.coder == a ? sides.first : sides.second).emplace_back(c.start, c.end);
  }
  for (auto& [key, sides] : by_key) {
    const Intervals cover_a = Merge(sides.first), cover_b = Merge(sides.second);
    Intervals raw;
    for (const auto& s : sides.first) raw.push_back(s);
    for (const auto& s : sides.second) raw.push_back(s);
    for (const auto& [s, e] : Merge(raw)) {  // clusters: connected stretches of either coder's segments
      Cluster c{key.first, key.second, s, e, {}, {}, Clip(cover_a, s, e), Clip(cover_b, s, e)};
      for (const auto& seg : sides.first) if (seg.first >= s && seg.second <= e) c.first_raw.push_back(seg);
      for (const auto& seg : sides.second) if (seg.first >= s && seg.second <= e) c.second_raw.push_back(seg);
      std::sort(c.first_raw.begin(), c.first_raw.end());
      std::sort(c.second_raw.begin(), c.second_raw.end());
      scope.clusters.push_back(std::move(c));
    }
  }
  return scope;
}

Intervals Decide(ReconcileDecision::Verdict verdict, const Intervals& first, const Intervals& second, const Intervals& edited) {
  using V = ReconcileDecision::Verdict;
  switch (verdict) {
    case V::AcceptFirst: return first;
    case V::AcceptSecond: return second;
    case V::Both: return Unite(first, second);
    case V::Neither: return {};
    case V::Edit: return Merge(edited);
  }
  return {};
}

std::string ClusterId(const Scope& scope, const Cluster& c) {
  return scope.doc_guids.at(c.document_id) + ":" + scope.code_guids.at(c.code_id) + ":" + std::to_string(c.start) + "-" +
         std::to_string(c.end);
}

}  // namespace

std::vector<Disagreement> FindDisagreements(Project& project, const std::string& a, const std::string& b, const std::string& code_path) {
  const Scope scope = Collect(project, a, b, code_path);
  DocumentStore documents(project.Db());
  std::map<std::int64_t, std::pair<std::string, OffsetMap>> texts;
  std::vector<Disagreement> out;
  for (const auto& c : scope.clusters) {
    if (c.first == c.second) continue;
    auto it = texts.find(c.document_id);
    if (it == texts.end()) {
      std::string text = documents.Text(c.document_id);
      OffsetMap map(text);
      it = texts.emplace(c.document_id, std::make_pair(std::move(text), std::move(map))).first;
    }
    const auto& [text, map] = it->second;
    auto slice = [&](std::size_t s, std::size_t e) {
      const auto bs = map.ByteFromCodePoint(s);
      return text.substr(bs, map.ByteFromCodePoint(e) - bs);
    };
    Disagreement d;
    d.id = ClusterId(scope, c);
    d.document_id = c.document_id;
    d.document = scope.doc_names.at(c.document_id);
    d.code_id = c.code_id;
    d.code = scope.code_paths.at(c.code_id);
    d.start = c.start;
    d.end = c.end;
    d.text = slice(c.start, c.end);
    for (const auto& [s, e] : c.first_raw) d.first.push_back({s, e, slice(s, e)});
    for (const auto& [s, e] : c.second_raw) d.second.push_back({s, e, slice(s, e)});
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> ConsensusSegments(const Disagreement& disagreement,
                                                                   const ReconcileDecision& decision) {
  // A cluster holds every segment of both coders that touches it, so the merged sides are the
  // coverage Reconcile clips to the cluster.
  Intervals first, second;
  for (const auto& s : disagreement.first) first.emplace_back(s.start, s.end);
  for (const auto& s : disagreement.second) second.emplace_back(s.start, s.end);
  return Decide(decision.verdict, Merge(first), Merge(second), decision.edited);
}

std::string VerdictName(ReconcileDecision::Verdict verdict) {
  static const char* names[] = {"first", "second", "both", "neither", "edit"};
  return names[static_cast<int>(verdict)];
}

std::vector<ReconcileDecision> ReadDecisions(const std::string& path, const std::string& a, const std::string& b) {
  std::ifstream in(path);
  if (!in) throw DataError("no such file", path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw DataError(std::string("not valid JSON: ") + e.what(), path);
  }
  if (json.is_object() && json.contains("decisions")) json = json["decisions"];
  if (!json.is_array()) throw DataError("expected an array of decisions", path);
  std::vector<ReconcileDecision> decisions;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto& j = json[i];
    const std::string where = "decision " + std::to_string(i + 1);
    if (!j.is_object() || !j.contains("id") || !j.contains("decision") || !j["id"].is_string() || !j["decision"].is_string()) {
      throw DataError(where + " needs \"id\" and \"decision\"", path);
    }
    ReconcileDecision d;
    d.id = j["id"];
    d.rationale = j.value("rationale", "");
    const std::string v = j["decision"];
    using V = ReconcileDecision::Verdict;
    if (v == "first" || v == "accept:" + a) d.verdict = V::AcceptFirst;
    else if (v == "second" || v == "accept:" + b) d.verdict = V::AcceptSecond;
    else if (v == "both") d.verdict = V::Both;
    else if (v == "neither") d.verdict = V::Neither;
    else if (v == "edit") {
      d.verdict = V::Edit;
      if (!j.contains("segments") || !j["segments"].is_array()) throw DataError(where + ": an edit needs \"segments\": [[start, end], …]", path);
      for (const auto& s : j["segments"]) {
        if (!s.is_array() || s.size() != 2 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned() || s[0] >= s[1]) {
          throw DataError(where + ": each segment is [start, end] with start < end", path);
        }
        d.edited.emplace_back(s[0].get<std::size_t>(), s[1].get<std::size_t>());
      }
    } else {
      throw DataError(where + ": unknown decision '" + v + "' (accept:" + a + ", accept:" + b + ", both, neither, edit)", path);
    }
    decisions.push_back(std::move(d));
  }
  return decisions;
}

ReconcileReport Reconcile(Project& project, const std::string& a, const std::string& b, const std::string& into,
                          ReconcileRule rule, const std::vector<ReconcileDecision>& decisions, const std::string& code_path) {
  if (into == a || into == b) throw DataError("the consensus coder must differ from the two coders");
  Database& db = project.Db();
  Transaction tx(db);
  const Scope scope = Collect(project, a, b, code_path);
  std::map<std::string, const ReconcileDecision*> by_id;
  for (const auto& d : decisions) by_id[d.id] = &d;
  std::set<std::string> used;
  ReconcileReport report;
  const std::int64_t into_id = project.EnsureUser(into);
  {
    std::string sql = "DELETE FROM codings WHERE coder_id = ?";
    if (!scope.code_ids.empty()) {
      sql += " AND code_id IN (";
      for (std::size_t i = 0; i < scope.code_ids.size(); ++i) sql += (i ? "," : "") + std::to_string(scope.code_ids[i]);
      sql += ")";
    }
    db.Prepare(sql).Bind(1, into_id).Run();
    report.replaced = db.Changes();
  }
  CodingStore codings(db);
  for (const auto& c : scope.clusters) {
    const bool agree = c.first == c.second;
    Intervals consensus;
    if (agree) {
      ++report.agreements;
      consensus = c.first;
    } else {
      ++report.disagreements;
      const std::string id = ClusterId(scope, c);
      const auto it = by_id.find(id);
      if (it != by_id.end()) {
        const auto& d = *it->second;
        used.insert(id);
        ++report.decided;
        consensus = Decide(d.verdict, c.first, c.second, d.edited);
        project.Audit("reconcile/decision", {{"id", id},
                                             {"document", scope.doc_names.at(c.document_id)},
                                             {"code", scope.code_paths.at(c.code_id)},
                                             {"coders", {a, b}},
                                             {"into", into},
                                             {"decision", VerdictName(d.verdict)},
                                             {"segments", consensus},
                                             {"rationale", d.rationale}});
      } else {
        switch (rule) {
          case ReconcileRule::Union: consensus = Unite(c.first, c.second); break;
          case ReconcileRule::Intersection: consensus = Intersect(c.first, c.second); break;
          case ReconcileRule::PreferFirst: consensus = c.first; break;
          case ReconcileRule::PreferSecond: consensus = c.second; break;
        }
      }
    }
    for (const auto& [s, e] : consensus) {
      if (codings.Add(c.document_id, s, e, c.code_id, into_id).second) ++report.codings_written;
    }
  }
  for (const auto& d : decisions) {
    if (!used.count(d.id)) throw DataError("decision '" + d.id + "' matches no current disagreement between " + a + " and " + b);
  }
  static const char* rules[] = {"union", "intersection", "prefer:first", "prefer:second"};
  project.Audit("reconcile/run", {{"coders", {a, b}},
                                  {"into", into},
                                  {"rule", rules[static_cast<int>(rule)]},
                                  {"code", code_path},
                                  {"agreements", report.agreements},
                                  {"disagreements", report.disagreements},
                                  {"decided", report.decided},
                                  {"codings", report.codings_written}});
  project.Touch();
  tx.Commit();
  return report;
}

}  // namespace tessera
