#pragma once
// `tessera-cli check`: is the project sound? Schema, SQLite's own checks, foreign keys, stored
// text form, offsets inside their texts, the code tree, and the audit chain.

#include <string>
#include <vector>

namespace tessera {

class Project;

/// Every problem found; empty when the project is sound.
std::vector<std::string> CheckProject(Project& project);

}  // namespace tessera
