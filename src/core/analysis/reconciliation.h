#pragma once
// Disagreements between two coders and their settlement into a consensus coder.
//
// For each document and code, the segments of both coders are grouped into clusters of
// overlapping (or touching) segments. A cluster where both coders cover exactly the same code
// points is agreement; any other cluster is a disagreement, listed with both sides' segments.
// Reconciliation writes the consensus coder's codings from a rule (union, intersection, or one
// coder preferred) and per-disagreement decisions that override the rule.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// A stretch [start, end) of one document.
struct Span {
  std::size_t start = 0, end = 0;
  std::string text;
};

/// One disagreement: a cluster where two coders' coverage of a code differs.
struct Disagreement {
  std::string id;  ///< stable: "<document guid>:<code guid>:<start>-<end>"
  std::int64_t document_id = 0;
  std::string document, code;
  std::int64_t code_id = 0;
  std::size_t start = 0, end = 0;  ///< the cluster's extent
  std::vector<Span> first, second;  ///< each coder's segments in the cluster
  std::string text;                 ///< the text of the whole cluster
};

/// Lists the disagreements of coders `a` and `b`, optionally for one code and its children.
std::vector<Disagreement> FindDisagreements(Project& project, const std::string& a, const std::string& b,
                                            const std::string& code_path = {});

/// How reconciliation settles what no decision covers.
enum class ReconcileRule { Union, Intersection, PreferFirst, PreferSecond };

/// A decision on one disagreement (by its id).
struct ReconcileDecision {
  std::string id;
  enum class Verdict { AcceptFirst, AcceptSecond, Both, Neither, Edit } verdict = Verdict::Both;
  std::vector<std::pair<std::size_t, std::size_t>> edited;  ///< for Edit: the consensus segments
  std::string rationale;
};

/// Reads decisions from JSON: [{"id", "decision": "accept:A"|"accept:B"|"first"|"second"|"both"|"neither"|"edit",
/// "segments": [[start, end], …], "rationale"}]. @throws DataError naming `path`.
std::vector<ReconcileDecision> ReadDecisions(const std::string& path, const std::string& a, const std::string& b);

/// The consensus segments a decision gives one disagreement (merged, in order), as Reconcile writes
/// them: accept one side, both (their union), neither (none) or the edited segments.
std::vector<std::pair<std::size_t, std::size_t>> ConsensusSegments(const Disagreement& disagreement,
                                                                   const ReconcileDecision& decision);

/// The decision's verdict as the audit log and decision files name it: "first", "second", "both",
/// "neither", "edit".
std::string VerdictName(ReconcileDecision::Verdict verdict);

/// What reconciliation wrote.
struct ReconcileReport {
  std::int64_t codings_written = 0, agreements = 0, disagreements = 0, decided = 0, replaced = 0;
};

/// Writes the consensus coder `into` (its earlier codings of the codes in scope are replaced) in one
/// transaction; each decision is recorded in the audit log. @throws DataError for an unknown decision id.
ReconcileReport Reconcile(Project& project, const std::string& a, const std::string& b, const std::string& into,
                          ReconcileRule rule, const std::vector<ReconcileDecision>& decisions, const std::string& code_path = {});

}  // namespace tessera
