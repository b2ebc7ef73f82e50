// Times ComputeAgreement on synthetic codings: 3 coders x 1,000 documents (30,000 code points
// on average) x 150 codes, at the character unit (the target is under 2 s), and for comparison
// at the document and segment units. The data come from a fixed seed, so runs are comparable.
//
//   agreement_bench [repetitions]      (default 3; prints the best and the median time)

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "analysis/agreement.h"

namespace {

constexpr int kCoders = 3;
constexpr int kDocuments = 1000;
constexpr int kCodes = 150;

/// A uniform integer in [lo, hi] from raw mt19937_64 output, so that the data do not depend on
/// the standard library's distribution implementations.
std::size_t Uniform(std::mt19937_64& rng, std::size_t lo, std::size_t hi) {
  return lo + static_cast<std::size_t>(rng() % (hi - lo + 1));
}

std::string CodePath(std::size_t code) {
  return "Theme " + std::to_string(code / 10) + "/Code " + std::to_string(code);
}

/// Coder 1 codes 40-80 passages per document, some codes far more often than others; coders 2
/// and 3 each keep about 85% of them with boundaries moved by up to 60 code points, recode 5%
/// with another code, and add passages of their own.
tessera::AgreementRequest MakeRequest() {
  std::mt19937_64 rng(20240611);
  tessera::AgreementRequest request;
  for (int c = 0; c < kCoders; ++c) request.coders.push_back("coder " + std::to_string(c + 1));
  for (int d = 0; d < kDocuments; ++d) {
    const std::size_t length = Uniform(rng, 10000, 50000);
    request.document_lengths[d] = length;
    auto random_span = [&](std::size_t code) {
      const std::size_t span = std::min<std::size_t>(Uniform(rng, 30, 2000), length);
      const std::size_t start = Uniform(rng, 0, length - span);
      return tessera::CodedSpan{request.coders[0], d, start, start + span, CodePath(code)};
    };
    auto skewed_code = [&] {  // code k is drawn in proportion to 2k + 1
      const std::size_t r = Uniform(rng, 0, kCodes * kCodes - 1);
      std::size_t k = 0;
      while ((k + 1) * (k + 1) <= r) ++k;
      return k;
    };
    const std::size_t passages = Uniform(rng, 40, 80);
    for (std::size_t p = 0; p < passages; ++p) {
      const std::size_t code = skewed_code();
      tessera::CodedSpan first = random_span(code);
      request.spans.push_back(first);
      for (int c = 1; c < kCoders; ++c) {
        if (Uniform(rng, 0, 99) >= 85) continue;
        tessera::CodedSpan copy = first;
        copy.coder = request.coders[c];
        const std::size_t shift_start = Uniform(rng, 0, 120), shift_end = Uniform(rng, 0, 120);
        copy.start = shift_start > 60 ? std::min(copy.start + (shift_start - 60), copy.end - 1)
                                      : copy.start - std::min(copy.start, 60 - shift_start);
        copy.end = shift_end > 60 ? std::min(copy.end + (shift_end - 60), length)
                                  : std::max(copy.end - (60 - shift_end), copy.start + 1);
        if (Uniform(rng, 0, 99) < 5) copy.code = CodePath(skewed_code());
        request.spans.push_back(copy);
      }
    }
    for (int c = 1; c < kCoders; ++c) {
      const std::size_t extra = Uniform(rng, 2, 10);
      for (std::size_t p = 0; p < extra; ++p) {
        tessera::CodedSpan own = random_span(skewed_code());
        own.coder = request.coders[c];
        request.spans.push_back(own);
      }
    }
  }
  return request;
}

std::string Format(const std::optional<double>& value) {
  if (!value) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", *value);
  return buffer;
}

double TimeOnce(const tessera::AgreementRequest& request, tessera::AgreementReport& report) {
  const auto start = std::chrono::steady_clock::now();
  report = tessera::ComputeAgreement(request);
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  tessera::AgreementRequest request = MakeRequest();
  double code_points = 0;
  for (const auto& [id, length] : request.document_lengths)
    code_points += static_cast<double>(length);

  using Unit = tessera::AgreementRequest::Unit;
  const std::pair<Unit, const char*> units[] = {
      {Unit::Character, "character"}, {Unit::Document, "document"}, {Unit::Segment, "segment"}};
  for (const auto& [unit, name] : units) {
    request.unit = unit;
    std::vector<double> seconds;
    tessera::AgreementReport report;
    for (int r = 0; r < repetitions; ++r) seconds.push_back(TimeOnce(request, report));
    std::sort(seconds.begin(), seconds.end());
    const auto& o = report.overall;
    std::printf(
        "agreement_bench unit=%s coders=%d documents=%d codes=%zu codings=%zu code_points=%.0f "
        "best=%.3fs median=%.3fs percent=%s cohen=%s fleiss=%s alpha=%s u_alpha=%s\n",
        name, kCoders, kDocuments, report.codes.size(), request.spans.size(), code_points,
        seconds.front(), seconds[seconds.size() / 2], Format(o.percent).c_str(),
        Format(o.cohen_kappa).c_str(), Format(o.fleiss_kappa).c_str(),
        Format(o.krippendorff_alpha).c_str(), Format(o.u_alpha).c_str());
  }
  return 0;
}
