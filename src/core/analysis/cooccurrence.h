#pragma once
// Code co-occurrence: how often two codes meet. `Overlap` counts pairs of segments in the same
// document whose ranges overlap; `Document` counts documents in which both codes occur.

#include <cstdint>
#include <string>
#include <vector>

namespace tessera {

class Project;

/// What a co-occurrence cell counts.
enum class CooccurrenceMode { Overlap, Document };

/// A square matrix over codes in tree order; the diagonal holds each code's own segments (or documents).
struct CooccurrenceMatrix {
  CooccurrenceMode mode = CooccurrenceMode::Overlap;
  std::vector<std::string> codes;
  std::vector<std::vector<std::int64_t>> counts;
};

/// Computes the matrix for the chosen code paths (with descendants; empty = all) and coder (empty = all).
CooccurrenceMatrix BuildCooccurrence(Project& project, const std::vector<std::string>& code_paths, const std::string& coder,
                                     CooccurrenceMode mode);

}  // namespace tessera
