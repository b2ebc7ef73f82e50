// Evaluates the redaction plugins on the development set (tests/data/redaction/devset.jsonl):
// recall per kind, identifying characters leaked, and other text redacted. Each snippet's
// register configures the name-list plugin; the plugins alone are measured (the redactor's own
// register pass is off). Over-redaction is reported twice: before review (the redactor's output
// as it is: flagged spans redacted, held ones — everyday words in lower case — left in the text)
// and after an ideal review of the flagged and held spans only (one with no identifying
// character in it is rejected, any other is accepted); other spans are never changed by it.
//
//   redaction_eval [--devset FILE] [--plugin-dir DIR] [--verbose]
//
// Exits 1 when a target is missed: every e-mail, URL and handle; phone numbers >= 97 %; leaked
// identifying characters < 3 %; other text redacted < 1 %, before and after review.

#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "error.h"
#include "redaction/plugin_host.h"
#include "redaction/pseudonym_register.h"
#include "redaction/redactor.h"
#include "text/utf8.h"

namespace {

struct Tally {
  std::size_t total = 0;
  std::size_t found = 0;
};

std::string Substr(const std::string& text, std::size_t start, std::size_t end) {
  return std::string(tessera::utf8::SubstrCodePoints(text, start, end));
}

int Run(int argc, char** argv) {
  std::filesystem::path devset = std::filesystem::path(__FILE__).parent_path().parent_path() /
                                 "tests" / "data" / "redaction" / "devset.jsonl";
  tessera::PluginHostOptions options;
  options.use_environment = false;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--devset" && i + 1 < argc) {
      devset = argv[++i];
    } else if (arg == "--plugin-dir" && i + 1 < argc) {
      options.plugin_dirs.emplace_back(argv[++i]);
      options.use_default_dirs = false;
    } else if (arg == "--verbose") {
      verbose = true;
    } else {
      std::cerr << "usage: redaction_eval [--devset FILE] [--plugin-dir DIR] [--verbose]\n";
      return 2;
    }
  }
  std::ifstream in(devset);
  if (!in) throw tessera::DataError("cannot read the development set", devset.string());

  tessera::PluginHost host(options);
  host.Discover();
  for (const char* id : {"pii-patterns", "name-list"}) {
    const auto* plugin = host.Find(id);
    if (plugin == nullptr || plugin->State() != tessera::PluginState::Loaded) {
      throw tessera::EnvironmentError(std::string("plugin ") + id + " is not available" +
                                      (plugin ? ": " + plugin->Reason() : std::string()));
    }
  }
  if (host.Find("example-minimal") != nullptr) host.SetEnabled("example-minimal", false);

  std::map<std::string, Tally> recall;
  std::size_t gold_chars = 0, leaked_chars = 0, other_chars = 0, over_chars = 0, snippets = 0,
              review = 0, held = 0;
  std::size_t over_after_review = 0, rejected = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++snippets;
    const auto item = nlohmann::json::parse(line);
    const std::string text = item.at("text");
    auto entries = tessera::RegisterFromJson(item.at("register"));
    tessera::AssignPseudonyms(entries);
    if (!host.Configure("name-list", tessera::RegisterToJson(entries).dump())) {
      throw tessera::EnvironmentError("name-list rejected the register of " +
                                      item.at("id").get<std::string>());
    }
    tessera::RedactorOptions redactor_options;
    redactor_options.match_register = false;
    const tessera::Redactor redactor(entries, {}, redactor_options);
    const auto result = redactor.Redact(host, text, item.at("language").get<std::string>());

    const std::size_t length = tessera::utf8::CodePointCount(text);
    std::vector<bool> redacted(length, false), gold(length, false);
    for (const auto& span : result.spans) {
      for (std::size_t k = span.start; k < span.end; ++k) redacted[k] = true;
      review += span.needs_review ? 1 : 0;
    }
    for (const auto& g : item.at("gold")) {
      const std::size_t start = g.at("start"), end = g.at("end");
      bool covered = true;
      for (std::size_t k = start; k < end; ++k) {
        gold[k] = true;
        covered = covered && redacted[k];
      }
      auto& tally = recall[g.at("kind").get<std::string>()];
      ++tally.total;
      tally.found += covered ? 1 : 0;
      if (!covered && verbose) {
        std::cout << "MISS  " << item.at("id").get<std::string>() << "  "
                  << g.at("kind").get<std::string>() << "  «" << Substr(text, start, end) << "»\n";
      }
    }
    // The ideal reviewer: rejects a flagged span that holds no identifying character.
    std::vector<bool> after_review = redacted;
    for (const auto& span : result.spans) {
      if (!span.needs_review) continue;
      bool identifying = false;
      for (std::size_t k = span.start; k < span.end; ++k) identifying = identifying || gold[k];
      if (identifying) continue;
      ++rejected;
      for (std::size_t k = span.start; k < span.end; ++k) after_review[k] = false;
    }
    // ... and accepts a held span (left in the text) that does.
    for (const auto& span : result.held) {
      ++held;
      bool identifying = false;
      for (std::size_t k = span.start; k < span.end; ++k) identifying = identifying || gold[k];
      if (!identifying) continue;
      for (std::size_t k = span.start; k < span.end; ++k) after_review[k] = true;
    }
    for (std::size_t k = 0; k < length; ++k) {
      if (!gold[k] && after_review[k]) ++over_after_review;
      if (gold[k]) {
        ++gold_chars;
        leaked_chars += redacted[k] ? 0 : 1;
      } else {
        ++other_chars;
        over_chars += redacted[k] ? 1 : 0;
      }
    }
    if (verbose) {
      for (const auto& span : result.spans) {
        bool inside = true;
        for (std::size_t k = span.start; k < span.end; ++k) inside = inside && gold[k];
        if (!inside) {
          std::cout << "OVER  " << item.at("id").get<std::string>() << "  "
                    << tessera::SpanKindName(span.kind) << "  «" << span.original << "»\n";
        }
      }
    }
  }

  auto percent = [](std::size_t part, std::size_t whole) {
    return whole == 0 ? 100.0 : 100.0 * part / whole;
  };
  std::cout << std::fixed << std::setprecision(1);
  std::cout << "Development set: " << devset.string() << " (" << snippets << " snippets)\n\n";
  std::cout << "kind            found / total   recall\n";
  std::size_t all_found = 0, all_total = 0;
  for (const auto& [kind, tally] : recall) {
    std::cout << std::left << std::setw(16) << kind << std::right << std::setw(5) << tally.found
              << " / " << std::left << std::setw(7) << tally.total << std::right << std::setw(6)
              << percent(tally.found, tally.total) << " %\n";
    all_found += tally.found;
    all_total += tally.total;
  }
  std::cout << std::left << std::setw(16) << "all" << std::right << std::setw(5) << all_found
            << " / " << std::left << std::setw(7) << all_total << std::right << std::setw(6)
            << percent(all_found, all_total) << " %\n\n";
  const double leaked = percent(leaked_chars, gold_chars);
  const double over = percent(over_chars, other_chars);
  const double over_reviewed = percent(over_after_review, other_chars);
  std::cout << "identifying characters leaked: " << leaked_chars << " / " << gold_chars << " = "
            << std::setprecision(2) << leaked << " %   (target < 3 %)\n";
  std::cout << "other characters redacted:     " << over_chars << " / " << other_chars << " = "
            << over << " %   before review\n";
  std::cout << "                               " << over_after_review << " / " << other_chars
            << " = " << over_reviewed << " %   after review of the flagged spans (target < 1 %)\n";
  std::cout << "redacted spans flagged for review: " << review << " (" << rejected
            << " of them not identifying: rejected by the simulated review)\n";
  std::cout << "held for review (everyday words in lower case, left in the text): " << held << "\n";

  bool ok = leaked < 3.0 && over < 1.0 && over_reviewed < 1.0;
  for (const char* kind : {"email", "url", "handle"})
    ok = ok && recall[kind].found == recall[kind].total;
  ok = ok && percent(recall["phone"].found, recall["phone"].total) >= 97.0;
  std::cout << (ok ? "\nAll targets met.\n" : "\nTARGETS MISSED.\n");
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "redaction_eval: " << error.what() << "\n";
    return 2;
  }
}
