// agreement, agreement-data, merge, disagreements, reconcile: from coders' copies to one consensus.

#include <cmath>
#include <cstdio>
#include <set>
#include <iostream>
#include <memory>

#include "analysis/agreement.h"
#include "analysis/project_agreement.h"
#include "analysis/reconciliation.h"
#include "analysis/reliability.h"
#include "analysis/reliability_csv.h"
#include "cli_common.h"
#include "error.h"
#include "export/atomic_file.h"
#include "project/code_tree.h"
#include "project/coding_store.h"
#include "project/document_store.h"
#include "project/project_merge.h"

namespace tessera::cli {
namespace {

nlohmann::json Measure(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string Fixed(const std::optional<double>& v) {
  if (!v) return "–";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", *v);
  return buffer;
}

nlohmann::json CodeJson(const CodeAgreement& c) {
  return {{"code", c.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.code)},
          {"percent", Measure(c.percent)},
          {"cohen_kappa", Measure(c.cohen_kappa)},
          {"scott_pi", Measure(c.scott_pi)},
          {"fleiss_kappa", Measure(c.fleiss_kappa)},
          {"krippendorff_alpha", Measure(c.krippendorff_alpha)},
          {"u_alpha", Measure(c.u_alpha)},
          {"units", c.units}};
}

void RegisterAgreement(CLI::App& app) {
  struct Args {
    std::string project, coders, unit = "document", format = "text", output;
    std::vector<std::string> codes, documents;
    double overlap = 0.9;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("agreement", "Inter-coder agreement per code and overall");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--coders", a->coders, "Coders to compare, comma-separated (A,B[,C…])")->required();
  cmd->add_option("--unit", a->unit, "document, character or segment")->check(CLI::IsMember({"document", "character", "segment"}));
  cmd->add_option("--overlap", a->overlap, "Segment unit: least overlap/union for a match")->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--codes", a->codes, "Only these code paths (and their children)");
  cmd->add_option("--documents", a->documents, "Only these documents (default: every document a chosen coder coded)");
  cmd->add_option("--format", a->format, "text, json, csv or html")->check(CLI::IsMember({"text", "json", "csv", "html"}));
  cmd->add_option("-o,--output", a->output, "Write to this file");
  cmd->callback([a] {
    Project project = Project::OpenReadOnly(a->project);
    ProjectAgreementQuery query;
    query.coders = SplitCommaList(a->coders);
    query.unit = a->unit == "character" ? AgreementRequest::Unit::Character
                 : a->unit == "segment" ? AgreementRequest::Unit::Segment
                                        : AgreementRequest::Unit::Document;
    query.overlap = a->overlap;
    query.codes = a->codes;
    query.documents = a->documents;
    const AgreementRequest request = BuildAgreementRequest(project, query);
    const AgreementReport report = ComputeAgreement(request);
    nlohmann::json json = {{"unit", a->unit}, {"coders", request.coders}, {"overlap", a->overlap}};
    json["codes"] = nlohmann::json::array();
    for (const auto& c : report.codes) json["codes"].push_back(CodeJson(c));
    json["overall"] = CodeJson(report.overall);
    json["documents"] = request.document_lengths.size();
    std::string text;
    if (a->format == "json") {
      text = json.dump(2) + "\n";
    } else if (a->format == "csv") {
      text = CsvLine({"code", "percent", "cohen_kappa", "scott_pi", "fleiss_kappa", "krippendorff_alpha", "u_alpha", "units"});
      auto line = [&](const CodeAgreement& c) {
        text += CsvLine({c.code.empty() ? "(overall)" : c.code, Fixed(c.percent), Fixed(c.cohen_kappa), Fixed(c.scott_pi),
                         Fixed(c.fleiss_kappa), Fixed(c.krippendorff_alpha), Fixed(c.u_alpha), std::to_string(c.units)});
      };
      for (const auto& c : report.codes) line(c);
      line(report.overall);
    } else if (a->format == "html") {
      text = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Inter-coder agreement</title><style>body{font-family:sans-serif}"
             "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}table{border-collapse:collapse}"
             "</style></head><body><h1>Inter-coder agreement</h1><p>Coders: " + HtmlEscape(a->coders) + "; unit: " + HtmlEscape(a->unit) +
             "</p><table><tr><th>Code</th><th>Agreement</th><th>Cohen's κ</th><th>Scott's π</th><th>Fleiss' κ</th><th>Krippendorff's α</th><th>uα</th><th>Units</th></tr>";
      auto row = [&](const CodeAgreement& c) {
        text += "<tr><td>" + HtmlEscape(c.code.empty() ? "Overall" : c.code) + "</td><td>" + Fixed(c.percent) + "</td><td>" + Fixed(c.cohen_kappa) +
                "</td><td>" + Fixed(c.scott_pi) + "</td><td>" + Fixed(c.fleiss_kappa) + "</td><td>" + Fixed(c.krippendorff_alpha) + "</td><td>" +
                Fixed(c.u_alpha) + "</td><td>" + std::to_string(c.units) + "</td></tr>";
      };
      for (const auto& c : report.codes) row(c);
      row(report.overall);
      text += "</table></body></html>\n";
    } else {
      text = "unit: " + a->unit + ", coders: " + a->coders + ", documents: " + std::to_string(request.document_lengths.size()) + "\n";
      text += "percent\tcohen\tscott\tfleiss\talpha\tu_alpha\tcode\n";
      auto row = [&](const CodeAgreement& c) {
        text += Fixed(c.percent) + "\t" + Fixed(c.cohen_kappa) + "\t" + Fixed(c.scott_pi) + "\t" + Fixed(c.fleiss_kappa) + "\t" +
                Fixed(c.krippendorff_alpha) + "\t" + Fixed(c.u_alpha) + "\t" + (c.code.empty() ? "(overall)" : c.code) + "\n";
      };
      for (const auto& c : report.codes) row(c);
      row(report.overall);
    }
    if (a->output.empty()) std::cout << text;
    else WriteFileAtomically(a->output, text);
  });
}

void RegisterAgreementData(CLI::App& app) {
  struct Args {
    std::string file, measure, level = "nominal", weights, format = "text";
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("agreement-data", "Agreement of any rating data: a CSV with one row per coder, one column per unit");
  cmd->add_option("FILE", a->file, "The reliability data CSV")->required();
  cmd->add_option("--measure", a->measure, "percent, cohen, scott, fleiss or alpha")
      ->required()->check(CLI::IsMember({"percent", "cohen", "scott", "fleiss", "alpha"}));
  cmd->add_option("--level", a->level, "nominal, ordinal, interval or ratio (alpha)")->check(CLI::IsMember({"nominal", "ordinal", "interval", "ratio"}));
  cmd->add_option("--weights", a->weights, "linear or quadratic (cohen)")->check(CLI::IsMember({"linear", "quadratic"}));
  cmd->add_option("--format", a->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([a] {
    const ReliabilityData data = ReadReliabilityCsv(a->file);
    std::optional<double> value;
    if (a->measure == "percent") value = PercentAgreement(data);
    else if (a->measure == "cohen") {
      if (data.coders.size() != 2) throw DataError("Cohen's kappa needs exactly two coders (rows); use fleiss or alpha", a->file);
      value = CohenKappa(data, a->weights == "linear" ? KappaWeights::Linear : a->weights == "quadratic" ? KappaWeights::Quadratic : KappaWeights::None);
    } else if (a->measure == "scott") value = ScottPi(data);
    else if (a->measure == "fleiss") value = FleissKappa(data);
    else {
      const MeasurementLevel level = a->level == "ordinal" ? MeasurementLevel::Ordinal
                                     : a->level == "interval" ? MeasurementLevel::Interval
                                     : a->level == "ratio" ? MeasurementLevel::Ratio
                                                           : MeasurementLevel::Nominal;
      value = KrippendorffAlpha(data, level);
    }
    const std::size_t units = data.values.empty() ? 0 : data.values.front().size();
    if (a->format == "json") {
      PrintJson({{"measure", a->measure}, {"level", a->measure == "alpha" ? nlohmann::json(a->level) : nlohmann::json(nullptr)},
                 {"weights", a->weights.empty() ? nlohmann::json(nullptr) : nlohmann::json(a->weights)},
                 {"value", Measure(value)}, {"units", units}, {"coders", data.coders.size()}});
    } else {
      std::cout << a->measure << (a->measure == "alpha" ? " (" + a->level + ")" : "") << " = " << Fixed(value) << "  (" << data.coders.size()
                << " coders, " << units << " units)\n";
    }
  });
}

void RegisterMerge(CLI::App& app) {
  struct Args {
    std::string project, coder;
    std::vector<std::string> copies;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("merge", "Bring in the codings, memos and new codes of coders' copies");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("COPIES", a->copies, "Coders' copies (*.tessera)")->required();
  cmd->add_option("--coder", a->coder, "Who merges");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& copy : a->copies) {
      const MergeReport r = MergeCopy(project, copy);
      out.push_back({{"copy", copy}, {"codings_added", r.codings_added}, {"codings_present", r.codings_present},
                     {"memos_added", r.memos_added}, {"codes_added", r.codes_added}, {"users_added", r.users_added},
                     {"conflicts", r.conflicts}});
      if (!a->output.Json()) {
        std::cout << copy << ": " << r.codings_added << " codings, " << r.memos_added << " memos, " << r.codes_added
                  << " codes added; " << r.codings_present << " codings were already here\n";
        for (const auto& c : r.conflicts) std::cout << "  conflict: " << c << "\n";
      }
    }
    if (a->output.Json()) PrintJson(out);
  });
}

void RegisterDisagreements(CLI::App& app) {
  struct Args {
    std::string project, coders, code;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("disagreements", "List where two coders' codings differ, with both sides' text");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--coders", a->coders, "Two coders, A,B")->required();
  cmd->add_option("--code", a->code, "Only this code and its children");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    const auto coders = SplitCommaList(a->coders);
    if (coders.size() != 2) throw DataError("--coders takes exactly two coders, A,B");
    Project project = Project::OpenReadOnly(a->project);
    const auto list = FindDisagreements(project, coders[0], coders[1], a->code);
    nlohmann::json out = nlohmann::json::array();
    auto spans = [](const std::vector<Span>& v) {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& s : v) j.push_back({{"start", s.start}, {"end", s.end}, {"text", s.text}});
      return j;
    };
    for (const auto& d : list) {
      out.push_back({{"id", d.id}, {"document", d.document}, {"code", d.code}, {"start", d.start}, {"end", d.end},
                     {"coders", {{coders[0], spans(d.first)}, {coders[1], spans(d.second)}}}, {"text", d.text}});
    }
    if (a->output.Json()) return PrintJson(out);
    for (const auto& d : list) {
      std::cout << "── " << d.id << "\n   " << d.document << " · " << d.code << " · " << d.start << "-" << d.end << "\n";
      for (const auto& [name, side] : {std::pair{coders[0], &d.first}, std::pair{coders[1], &d.second}}) {
        if (side->empty()) std::cout << "   " << name << ": (not coded)\n";
        for (const auto& s : *side) std::cout << "   " << name << " " << s.start << "-" << s.end << ": " << s.text << "\n";
      }
    }
    std::cout << list.size() << " disagreement" << (list.size() == 1 ? "" : "s") << "\n";
  });
}

void RegisterReconcile(CLI::App& app) {
  struct Args {
    std::string project, coders, into, rule = "union", decisions, code, coder;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("reconcile", "Write a consensus coder from two coders by a rule and per-disagreement decisions");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("--coders", a->coders, "Two coders, A,B")->required();
  cmd->add_option("--into", a->into, "Name of the consensus coder")->required();
  cmd->add_option("--rule", a->rule, "union, intersection or prefer:NAME, for what no decision covers");
  cmd->add_option("--decisions", a->decisions, "JSON file of decisions on disagreements (see disagreements --format json)");
  cmd->add_option("--code", a->code, "Only this code and its children");
  cmd->add_option("--coder", a->coder, "Who reconciles (recorded in the audit log)");
  cmd->callback([a] {
    const auto coders = SplitCommaList(a->coders);
    if (coders.size() != 2) throw DataError("--coders takes exactly two coders, A,B");
    ReconcileRule rule;
    if (a->rule == "union") rule = ReconcileRule::Union;
    else if (a->rule == "intersection") rule = ReconcileRule::Intersection;
    else if (a->rule == "prefer:" + coders[0]) rule = ReconcileRule::PreferFirst;
    else if (a->rule == "prefer:" + coders[1]) rule = ReconcileRule::PreferSecond;
    else throw DataError("--rule is union, intersection, prefer:" + coders[0] + " or prefer:" + coders[1]);
    const auto decisions = a->decisions.empty() ? std::vector<ReconcileDecision>{} : ReadDecisions(a->decisions, coders[0], coders[1]);
    Project project = OpenProject(a->project, a->coder);
    const auto r = Reconcile(project, coders[0], coders[1], a->into, rule, decisions, a->code);
    std::cout << "Wrote " << r.codings_written << " codings as " << a->into << ": " << r.agreements << " agreements, "
              << r.disagreements << " disagreements (" << r.decided << " decided, the rest by " << a->rule << ")";
    if (r.replaced) std::cout << "; replaced " << r.replaced << " earlier codings of " << a->into;
    std::cout << "\n";
  });
}

}  // namespace

void RegisterAgreementCommands(CLI::App& app) {
  RegisterAgreement(app);
  RegisterAgreementData(app);
  RegisterMerge(app);
  RegisterDisagreements(app);
  RegisterReconcile(app);
}

}  // namespace tessera::cli
