// From coders' copies to one consensus coding, through the real tessera-cli: three coders code
// their copies, the lead merges them, measures agreement, lists disagreements, settles them with
// decisions and a rule, and the audit log keeps every decision.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "project/audit_log.h"
#include "project/project.h"
#include "test_support.h"
#include "text/utf8.h"

using namespace tessera;
using namespace tessera::test;

namespace {

struct Study {
  TempDir dir;
  std::string lead = dir / "lead.tessera";
  std::string text;

  Study() {
    REQUIRE(RunCli({"init", lead}).exit_code == 0);
    REQUIRE(RunCli({"codebook", lead, "import", std::string(TESSERA_SOURCE_DIR) + "/codebooks/ocsea-study.qdc"}).exit_code == 0);
    REQUIRE(RunCli({"import", lead, ExampleFile("transcripts/kh_police_m01.txt"), ExampleFile("transcripts/ke_judge_w01.txt")}).exit_code == 0);
    text = RunCli({"show", lead, "kh_police_m01"}).out;
    REQUIRE(!text.empty());
  }

  // Code points of the first occurrence of `phrase` in kh_police_m01.
  std::pair<std::string, std::string> Range(const std::string& phrase) const {
    const auto at = text.find(phrase);
    REQUIRE(at != std::string::npos);
    const auto start = utf8::CodePointCount(std::string_view(text).substr(0, at));
    return {std::to_string(start), std::to_string(start + utf8::CodePointCount(phrase))};
  }

  std::string Copy(const std::string& coder) {
    const std::string path = dir / (coder + ".tessera");
    fs::copy_file(lead, path);
    return path;
  }
};

void Code(const std::string& project, const std::pair<std::string, std::string>& range, const std::string& code, const std::string& coder) {
  const auto r = RunCli({"code", project, "kh_police_m01", range.first, range.second, code, "--coder", coder});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

nlohmann::json Json(const CliResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("three coders' copies merge, agree, disagree and reconcile into one consensus", "[agreement][cli]") {
  Study study;
  // Two turns of the police officer's interview, found by their text.
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < study.text.size();) {
    auto eol = study.text.find('\n', pos);
    if (eol == std::string::npos) eol = study.text.size();
    if (eol > pos) lines.push_back(study.text.substr(pos, eol - pos));
    pos = eol + 1;
  }
  REQUIRE(lines.size() >= 2);
  const auto a = study.Range(lines[0]);
  const auto b = study.Range(lines[1]);

  const std::string amara = study.Copy("amara"), niran = study.Copy("niran"), sokha = study.Copy("sokha");
  Code(amara, a, "Justice process/Investigation", "amara");
  Code(amara, b, "Barriers/Capacity of services", "amara");
  Code(niran, a, "Justice process/Investigation", "niran");  // agrees with amara
  Code(niran, b, "Barriers/Digital evidence", "niran");      // disagrees on the code
  Code(sokha, a, "Justice process/Investigation", "sokha");
  Code(sokha, b, "Barriers/Capacity of services", "sokha");
  Code(sokha, a, "New theme from the field", "sokha");        // a new code, only in sokha's copy
  REQUIRE(RunCli({"memo", sokha, "add", "Officer describes the first steps", "--document", "kh_police_m01", "--coder", "sokha"}).exit_code == 0);

  // Merge: everything comes in once; merging again adds nothing.
  auto merged = Json(RunCli({"merge", study.lead, amara, niran, sokha, "--format", "json"}));
  REQUIRE(merged.size() == 3);
  CHECK(merged[0]["codings_added"] == 2);
  CHECK(merged[1]["codings_added"] == 2);
  CHECK(merged[2]["codings_added"] == 3);
  CHECK(merged[2]["codes_added"] == 1);
  CHECK(merged[2]["memos_added"] == 1);
  auto again = Json(RunCli({"merge", study.lead, amara, niran, sokha, "--format", "json"}));
  for (const auto& r : again) {
    CHECK(r["codings_added"] == 0);
    CHECK(r["memos_added"] == 0);
  }
  auto codings = Json(RunCli({"codings", study.lead, "--format", "json"}));
  CHECK(codings.size() == 7);
  std::set<std::string> coders;
  for (const auto& c : codings) coders.insert(c["coder"].get<std::string>());
  CHECK(coders == std::set<std::string>{"amara", "niran", "sokha"});

  // A conflict is reported, not resolved: sokha renamed a code in another copy.
  const std::string renamed = study.Copy("renamed");
  REQUIRE(RunCli({"codebook", renamed, "rename", "Barriers/Digital evidence", "Evidence online"}).exit_code == 0);
  auto conflict = Json(RunCli({"merge", study.lead, renamed, "--format", "json"}));
  REQUIRE(conflict[0]["conflicts"].size() == 1);
  CHECK(conflict[0]["conflicts"][0].get<std::string>().find("Evidence online") != std::string::npos);
  CHECK(RunCli({"codebook", study.lead, "list", "--format", "json"}).out.find("Digital evidence") != std::string::npos);

  // Agreement of three coders at the document unit: Cohen's kappa does not apply, Fleiss' does.
  auto agreement = Json(RunCli({"agreement", study.lead, "--coders", "amara,niran,sokha", "--unit", "document", "--format", "json"}));
  CHECK(agreement["unit"] == "document");
  CHECK(agreement["coders"].size() == 3);
  CHECK(agreement["overall"]["cohen_kappa"].is_null());
  for (const auto& c : agreement["codes"]) {
    if (c["code"] == "Justice process/Investigation") CHECK(c["percent"].get<double>() == Approx(1.0));
  }
  auto pair = Json(RunCli({"agreement", study.lead, "--coders", "amara,niran", "--unit", "character", "--format", "json"}));
  CHECK(!pair["overall"]["u_alpha"].is_null());

  // Disagreements between amara and niran: the second stretch, under two codes.
  auto disagreements = Json(RunCli({"disagreements", study.lead, "--coders", "amara,niran", "--format", "json"}));
  REQUIRE(disagreements.size() == 2);
  std::string capacity_id, evidence_id;
  for (const auto& d : disagreements) {
    CHECK(std::to_string(d["start"].get<std::size_t>()) == b.first);
    if (d["code"] == "Barriers/Capacity of services") {
      capacity_id = d["id"];
      CHECK(d["coders"]["amara"].size() == 1);
      CHECK(d["coders"]["niran"].empty());
    } else {
      evidence_id = d["id"];
    }
  }
  REQUIRE(!capacity_id.empty());
  REQUIRE(!evidence_id.empty());

  // Decide one (accept amara's), leave the other to the rule (intersection: nothing).
  const std::string decisions = study.dir / "decisions.json";
  WriteFile(decisions, nlohmann::json::array({{{"id", capacity_id}, {"decision", "accept:amara"}, {"rationale", "Staffing is the point here"}}}).dump());
  auto reconcile = RunCli({"reconcile", study.lead, "--coders", "amara,niran", "--into", "consensus", "--rule", "intersection",
                           "--decisions", decisions, "--coder", "lead"});
  INFO(reconcile.err);
  REQUIRE(reconcile.exit_code == 0);
  auto consensus = Json(RunCli({"codings", study.lead, "--coder", "consensus", "--format", "json"}));
  std::set<std::string> codes;
  for (const auto& c : consensus) codes.insert(c["code"].get<std::string>());
  CHECK(codes == std::set<std::string>{"Justice process/Investigation", "Barriers/Capacity of services"});

  // An unknown decision id is refused and changes nothing.
  WriteFile(decisions, R"([{"id": "no-such-disagreement", "decision": "both"}])");
  const auto before = RunCli({"codings", study.lead, "--format", "json"}).out;
  auto refused = RunCli({"reconcile", study.lead, "--coders", "amara,niran", "--into", "consensus", "--decisions", decisions});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("no-such-disagreement") != std::string::npos);
  CHECK(RunCli({"codings", study.lead, "--format", "json"}).out == before);

  // Every decision is in the audit log with its rationale, and the chain is sound.
  Project project = Project::OpenReadOnly(study.lead);
  bool found = false;
  for (const auto& e : AuditLog(project.Db()).Entries()) {
    if (e.action == "reconcile/decision" && e.detail.find("Staffing is the point here") != std::string::npos) found = true;
  }
  CHECK(found);
  CHECK(RunCli({"check", study.lead}).exit_code == 0);
}

TEST_CASE("agreement-data computes Krippendorff's published example from a CSV", "[agreement][cli]") {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 coders x 12 units
  // example with missing values: nominal alpha = 0.743.
  TempDir dir;
  const std::string csv = dir / "ratings.csv";
  WriteFile(csv,
            "coder,1,2,3,4,5,6,7,8,9,10,11,12\n"
            "A,1,2,3,3,2,1,4,1,2,,,\n"
            "B,1,2,3,3,2,2,4,1,2,5,,3\n"
            "C,,3,3,3,2,3,4,2,2,5,1,\n"
            "D,1,2,3,3,2,4,4,1,2,5,1,\n");
  auto alpha = Json(RunCli({"agreement-data", csv, "--measure", "alpha", "--level", "nominal", "--format", "json"}));
  CHECK(alpha["measure"] == "alpha");
  CHECK(alpha["value"].get<double>() == Approx(0.743).margin(0.0005));
  CHECK(alpha["units"] == 12);
  CHECK(alpha["coders"] == 4);
  auto interval = Json(RunCli({"agreement-data", csv, "--measure", "alpha", "--level", "interval", "--format", "json"}));
  CHECK(interval["value"].get<double>() == Approx(0.849).margin(0.0005));
  auto cohen = RunCli({"agreement-data", csv, "--measure", "cohen"});
  CHECK(cohen.exit_code != 0);
  CHECK(cohen.err.find("two coders") != std::string::npos);
}
