// Times BuildThemeMatrix on a synthetic study: 10,000 documents, 1,000,000 codings by 3 coders,
// 150 codes three levels deep (6 categories x 4 codes x 5 sub-codes), 3 document variables
// (gender, role, country; a few values missing) and 5,000 cases of one to three documents (some
// documents have no case). It times a gender x role matrix in each count mode, with and without
// roll-up, with a minimum cell size of 5 (the target is under 200 ms), and next to it the obvious
// alternative: one SQL GROUP BY over codings joined with the documents' variable values, which
// gives the segment counts without roll-up. Both must agree cell by cell. The data come from a
// fixed seed, so runs are comparable; the project is built once and reused while its layout holds.
//
//   matrix_bench [--project PATH] [--repetitions N] [--rebuild] [--no-sql]
//   (default /tmp/tessera-matrix-bench.tessera, 7 repetitions; prints median and minimum times)

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "analysis/theme_matrix.h"
#include "error.h"
#include "project/database.h"
#include "project/identity.h"
#include "project/project.h"

namespace {

constexpr int kDocuments = 10000;
constexpr int kCodingsPerDocument = 100;
constexpr int kCategories = 6, kCodesPerCategory = 4, kSubCodes = 5;  // 6 + 24 + 120 = 150 codes
constexpr int kCases = 5000;
constexpr std::size_t kTextLength = 1000;
// Changing the data above or below changes this, and the next run rebuilds the project.
constexpr const char* kLayout = "matrix-bench-1";

using Clock = std::chrono::steady_clock;

/// A uniform integer in [lo, hi] from raw mt19937_64 output, independent of the standard
/// library's distributions.
std::uint64_t Uniform(std::mt19937_64& rng, std::uint64_t lo, std::uint64_t hi) { return lo + rng() % (hi - lo + 1); }

/// A GUID-shaped unique string from a counter (NewGuid for a million rows is needlessly slow).
std::string CounterGuid(std::uint64_t kind, std::uint64_t n) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08llx-0000-4000-8000-%012llx", static_cast<unsigned long long>(kind),
                static_cast<unsigned long long>(n));
  return buffer;
}

/// Builds the study with raw prepared INSERTs inside one transaction.
void BuildProject(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ignored);
  tessera::Project project = tessera::Project::Create(path);
  tessera::Database& db = project.Db();
  std::mt19937_64 rng(20240612);
  tessera::Transaction tx(db);
  const std::string now = tessera::UtcNow();

  auto user = db.Prepare("INSERT INTO users(guid, name) VALUES(?, ?)");
  std::vector<std::int64_t> coders;
  for (const char* name : {"amara", "niran", "sophea"}) {
    user.Reset();
    user.BindAll(tessera::NewGuid(), name).Run();
    coders.push_back(db.LastInsertId());
  }

  auto variable = db.Prepare("INSERT INTO variables(guid, name, type) VALUES(?, ?, 'category')");
  std::vector<std::int64_t> variables;
  for (const char* name : {"gender", "role", "country"}) {
    variable.Reset();
    variable.BindAll(tessera::NewGuid(), name).Run();
    variables.push_back(db.LastInsertId());
  }
  const std::vector<std::vector<std::string>> values = {
      {"girl", "boy", "woman", "man"},
      {"survivor", "caregiver", "police", "social worker", "prosecutor", "judge", "official"},
      {"Cambodia", "Indonesia", "Kenya", "Mozambique", "Philippines", "Thailand", "Viet Nam", "Uganda"}};

  // Cases with their (gender, role, country); documents take their case's values as their own.
  auto insert_case = db.Prepare("INSERT INTO cases(guid, name) VALUES(?, ?)");
  std::vector<std::int64_t> case_ids;
  std::vector<std::vector<std::string>> case_values;
  for (int c = 0; c < kCases; ++c) {
    insert_case.Reset();
    insert_case.BindAll(CounterGuid(1, static_cast<std::uint64_t>(c)), "P-" + std::to_string(c)).Run();
    case_ids.push_back(db.LastInsertId());
    std::vector<std::string> v;
    for (const auto& choices : values) v.push_back(choices[Uniform(rng, 0, choices.size() - 1)]);
    case_values.push_back(v);
  }

  auto document = db.Prepare(
      "INSERT INTO documents(guid, name, sha256, text, characters, imported_at, case_id) VALUES(?,?,?,?,?,?,?)");
  auto value = db.Prepare("INSERT INTO variable_values(variable_id, document_id, value) VALUES(?,?,?)");
  std::vector<std::int64_t> documents;
  for (int d = 0; d < kDocuments; ++d) {
    const std::string name = "interview-" + std::to_string(d);
    std::string text = name + ": ";
    while (text.size() < kTextLength) text += "We talked about what happened online and who helped. ";
    text.resize(kTextLength);
    // 1 in 20 documents has no case; the others belong to a random case (one to about three documents each).
    const bool has_case = Uniform(rng, 0, 19) != 0;
    const std::size_t c = Uniform(rng, 0, kCases - 1);
    document.Reset();
    document.BindAll(CounterGuid(2, static_cast<std::uint64_t>(d)), name, tessera::Sha256Hex(text), text,
                     static_cast<std::int64_t>(kTextLength), now);
    if (has_case) document.Bind(7, case_ids[c]);
    else document.Bind(7, std::nullopt);
    document.Run();
    documents.push_back(db.LastInsertId());
    for (std::size_t v = 0; v < variables.size(); ++v) {
      if (Uniform(rng, 0, 99) < (v == 1 ? 3u : 1u)) continue;  // 3% without a role, 1% without the others
      const std::string& chosen = has_case ? case_values[c][v] : values[v][Uniform(rng, 0, values[v].size() - 1)];
      value.Reset();
      value.BindAll(variables[v], documents.back(), chosen).Run();
    }
  }

  // The code tree: categories (not codable), codes, sub-codes.
  auto code = db.Prepare("INSERT INTO codes(guid, parent_id, name, position, codable) VALUES(?,?,?,?,?)");
  std::vector<std::int64_t> codable;
  std::uint64_t code_number = 0;
  auto add_code = [&](std::optional<std::int64_t> parent, const std::string& name, int position, bool can_code) {
    code.Reset();
    code.BindAll(CounterGuid(3, code_number++), parent, name, position, can_code ? 1 : 0).Run();
    const std::int64_t id = db.LastInsertId();
    if (can_code) codable.push_back(id);
    return id;
  };
  for (int t = 0; t < kCategories; ++t) {
    const auto theme = add_code(std::nullopt, "Theme " + std::to_string(t), t, false);
    for (int c = 0; c < kCodesPerCategory; ++c) {
      const auto parent = add_code(theme, "Code " + std::to_string(t) + "." + std::to_string(c), c, true);
      for (int s = 0; s < kSubCodes; ++s) {
        add_code(parent, "Sub-code " + std::to_string(t) + "." + std::to_string(c) + "." + std::to_string(s), s, true);
      }
    }
  }

  // Codings: 100 per document at distinct starts (9 code points apart), codes skewed so that some
  // are far more frequent than others.
  auto coding = db.Prepare(
      "INSERT INTO codings(guid, document_id, code_id, coder_id, start, end, created_at) VALUES(?,?,?,?,?,?,?)");
  std::uint64_t coding_number = 0;
  const std::uint64_t n = codable.size();
  for (const auto doc : documents) {
    for (int k = 0; k < kCodingsPerDocument; ++k) {
      const std::uint64_t r = Uniform(rng, 0, n * n - 1);  // code i drawn in proportion to 2i + 1
      std::uint64_t i = 0;
      while ((i + 1) * (i + 1) <= r) ++i;
      const auto start = static_cast<std::int64_t>(k) * 9;
      coding.Reset();
      coding.BindAll(CounterGuid(4, coding_number++), doc, codable[i], coders[Uniform(rng, 0, coders.size() - 1)], start,
                     start + static_cast<std::int64_t>(Uniform(rng, 1, 8)), now)
          .Run();
    }
  }
  project.SetMeta("bench_layout", kLayout);
  tx.Commit();
  db.Execute("ANALYZE");
}

struct Timing {
  double median_ms = 0, min_ms = 0, cpu_median_ms = 0;
};

/// CPU time of this process, in ms: on a shared machine wall time also counts other processes.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

template <typename F>
Timing Time(int repetitions, F&& run) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    const double cpu_start = CpuMs();
    run();
    cpu.push_back(CpuMs() - cpu_start);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return {ms[ms.size() / 2], ms.front(), cpu[cpu.size() / 2]};
}

/// The alternative: code x gender x role -> segments, in one GROUP BY.
std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> SqlSegments(tessera::Database& db) {
  auto stmt = db.Prepare(
      "SELECT c.code_id, ifnull(g.value, '(missing)'), ifnull(r.value, '(missing)'), count(*) "
      "FROM codings c JOIN documents d ON d.id = c.document_id "
      "LEFT JOIN variable_values g ON g.document_id = d.id AND g.variable_id = (SELECT id FROM variables WHERE name = 'gender') "
      "LEFT JOIN variable_values r ON r.document_id = d.id AND r.variable_id = (SELECT id FROM variables WHERE name = 'role') "
      "GROUP BY 1, 2, 3");
  std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> counts;
  while (stmt.Step()) counts[{stmt.Int(0), stmt.Text(1), stmt.Text(2)}] = stmt.Int(3);
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "/tmp/tessera-matrix-bench.tessera";
  int repetitions = 7;
  bool rebuild = false, sql_too = true;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--project" && i + 1 < argc) path = argv[++i];
    else if (arg == "--repetitions" && i + 1 < argc) repetitions = std::max(1, std::atoi(argv[++i]));
    else if (arg == "--rebuild") rebuild = true;
    else if (arg == "--no-sql") sql_too = false;  // for profiling BuildThemeMatrix alone
    else {
      std::fprintf(stderr, "usage: matrix_bench [--project PATH] [--repetitions N] [--rebuild] [--no-sql]\n");
      return 2;
    }
  }
  try {
    bool reuse = !rebuild && std::filesystem::exists(path);
    if (reuse) reuse = tessera::Project::OpenReadOnly(path).Meta("bench_layout") == kLayout;
    if (!reuse) {
      std::printf("Building %s …\n", path.c_str());
      std::fflush(stdout);
      const auto start = Clock::now();
      BuildProject(path);
      std::printf("Built in %.1f s\n", std::chrono::duration<double>(Clock::now() - start).count());
    }
    tessera::Project project = tessera::Project::OpenReadOnly(path);
    auto count = [&](const char* sql) {
      auto s = project.Db().Prepare(sql);
      s.Step();
      return s.Int(0);
    };
    std::printf("Project %s: %lld documents, %lld cases, %lld codes, %lld codings, %lld variable values\n", path.c_str(),
                static_cast<long long>(count("SELECT count(*) FROM documents")), static_cast<long long>(count("SELECT count(*) FROM cases")),
                static_cast<long long>(count("SELECT count(*) FROM codes")), static_cast<long long>(count("SELECT count(*) FROM codings")),
                static_cast<long long>(count("SELECT count(*) FROM variable_values")));
    std::printf("gender x role, min-cell 5, %d runs each (after one warm-up run)\n\n", repetitions);
    std::printf("%-22s %-7s %10s %10s %8s %8s %9s\n", "BuildThemeMatrix", "rollup", "median ms", "min ms", "cpu ms", "columns", "hidden");
    double slowest = 0, slowest_cpu = 0;
    for (auto mode : {tessera::MatrixCount::Segments, tessera::MatrixCount::Documents, tessera::MatrixCount::Cases,
                      tessera::MatrixCount::PercentCases}) {
      for (bool rollup : {false, true}) {
        tessera::MatrixRequest request;
        request.by = {"gender", "role"};
        request.count = mode;
        request.rollup = rollup;
        request.min_cell = 5;
        tessera::ThemeMatrix m = tessera::BuildThemeMatrix(project, request);  // warm-up (page cache)
        const Timing t = Time(repetitions, [&] { m = tessera::BuildThemeMatrix(project, request); });
        slowest = std::max(slowest, t.median_ms);
        slowest_cpu = std::max(slowest_cpu, t.cpu_median_ms);
        std::printf("%-22s %-7s %10.1f %10.1f %8.1f %8zu %9lld\n", tessera::ToString(mode).c_str(), rollup ? "yes" : "no", t.median_ms,
                    t.min_ms, t.cpu_median_ms, m.columns.size(), static_cast<long long>(m.suppressed_cells));
      }
    }

    // On a shared machine the wall time also counts waiting for the CPU: the load tells how much.
    double load = 0;
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
      if (std::fscanf(f, "%lf", &load) != 1) load = 0;
      std::fclose(f);
    }
    std::printf("\nTarget, every median under 200 ms: wall %s (slowest %.1f ms), CPU %s (slowest %.1f ms); load average %.2f\n",
                slowest < 200 ? "met" : "MISSED", slowest, slowest_cpu < 200 ? "met" : "MISSED", slowest_cpu, load);
    if (!sql_too) return 0;
    // The SQL alternative, and the check that both agree (without suppression).
    auto sql = SqlSegments(project.Db());
    const Timing t = Time(repetitions, [&] { sql = SqlSegments(project.Db()); });
    std::printf("\n%-22s %-7s %10.1f %10.1f %8.1f\n", "SQL GROUP BY segments", "no", t.median_ms, t.min_ms, t.cpu_median_ms);
    tessera::MatrixRequest request;
    request.by = {"gender", "role"};
    const tessera::ThemeMatrix m = tessera::BuildThemeMatrix(project, request);
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> ours;
    for (const auto& row : m.rows) {
      for (std::size_t c = 0; c < m.columns.size(); ++c) {
        if (row.cells[c].count) ours[{row.code_id, m.columns[c].values.at("gender"), m.columns[c].values.at("role")}] = row.cells[c].count;
      }
    }
    std::int64_t total = 0;
    for (const auto& [key, n] : sql) total += n;
    std::printf("SQL and BuildThemeMatrix: %zu and %zu non-empty cells, %lld segments: %s\n", sql.size(), ours.size(),
                static_cast<long long>(total), sql == ours ? "identical" : "DIFFERENT");
    return sql == ours ? 0 : 1;
  } catch (const tessera::Error& e) {
    std::fprintf(stderr, "matrix_bench: %s\n", e.what());
    return 1;
  }
}
