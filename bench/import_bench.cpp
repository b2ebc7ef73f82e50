// Import benchmark: N synthetic transcripts of W words (speaker turns, several scripts), imported
// into a fresh project with ImportFiles, beside the obvious baseline of only reading the files.
// Usage: import_bench [--docs N] [--words W] [--dir DIR]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "import/importer.h"
#include "progress.h"
#include "project/project.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> words = {
      "the", "police", "school", "phone", "mother", "report", "online", "account", "message", "friend", "court", "judge",
      "social", "worker", "help", "afraid", "family", "village", "because", "later", "cảnh", "sát", "báo", "mạng",
      "ตำรวจ", "โรงเรียน", "polícia", "escola", "polisi", "sekolah", "shule", "polisi", "mama", "rafiki", "នគរបាល"};
  return words;
}

std::string Transcript(std::mt19937& rng, std::size_t words) {
  std::uniform_int_distribution<std::size_t> pick(0, Vocabulary().size() - 1);
  std::uniform_int_distribution<int> turn_length(20, 120);
  std::string text;
  bool interviewer = true;
  for (std::size_t done = 0; done < words;) {
    text += interviewer ? "Interviewer:" : "Respondent:";
    const int n = turn_length(rng);
    for (int i = 0; i < n && done < words; ++i, ++done) text += " " + Vocabulary()[pick(rng)];
    text += ".\n\n";
    interviewer = !interviewer;
  }
  return text;
}

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

}  // namespace

int main(int argc, char** argv) {
  std::size_t docs = 1000, words = 8000;
  fs::path dir = fs::temp_directory_path() / "tessera-import-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--docs") docs = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag == "--words") words = std::strtoul(argv[i + 1], nullptr, 10);
    else if (flag == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  fs::create_directories(dir / "transcripts");
  std::mt19937 rng(42);
  std::uintmax_t bytes = 0;
  for (std::size_t d = 0; d < docs; ++d) {
    const std::string text = Transcript(rng, words);
    std::ofstream(dir / "transcripts" / ("t" + std::to_string(d) + ".txt"), std::ios::binary) << text;
    bytes += text.size();
  }
  auto start = Clock::now();
  std::uintmax_t read = 0;
  for (const auto& entry : fs::directory_iterator(dir / "transcripts")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    read += content.size();
  }
  const double read_seconds = Seconds(start);

  const std::string project_path = (dir / "bench.tessera").string();
  tessera::Project project = tessera::Project::Create(project_path);
  tessera::NullProgress progress;
  start = Clock::now();
  const auto outcomes = tessera::ImportFiles(project, {(dir / "transcripts").string()}, {}, progress);
  const double import_seconds = Seconds(start);
  std::printf("documents=%zu words_each=%zu total_mb=%.1f\n", docs, words, static_cast<double>(bytes) / 1e6);
  std::printf("plain read of the files: %.2f s\n", read_seconds);
  std::printf("tessera import (decode, NFC, turns, language, SHA-256, one transaction): %.2f s (%.1f ms per transcript), %zu imported\n",
              import_seconds, 1000 * import_seconds / static_cast<double>(docs), outcomes.size());
  std::printf("project file: %.1f MB\n", static_cast<double>(fs::file_size(project_path)) / 1e6);
  (void)read;
  fs::remove_all(dir);
  return 0;
}
